#!/usr/bin/env python3
"""Write the embedded sample corpora under ``raw/`` (one small file per upstream schema).

Every text here was composed for this project: nothing is copied from the real datasets. Records are
assembled from hand-written content pieces (tables of facts, problems, code, dialogue) and a few
templates; numbers that templates need come from ``random.Random`` with a fixed seed per source, and
every computed answer is computed, not typed. Running the script twice gives byte-identical files.

Planted problems (refusals, duplicates, malformed rows, system-prompt leaks, ...) are recorded while
the files are written, and ``raw/PLANTED.md`` is generated from that record, so its file/line numbers
are always right. Usage: ``python raw/make_samples.py`` (stdlib + pyarrow only).
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent

# ------------------------------------------------------------------------------------------------
# Plumbing: a record list that remembers planted problems, and deterministic writers.
# ------------------------------------------------------------------------------------------------

PLANTED: list[tuple[str, int, str, str, str]] = []  # (file, line, kind, what, expected)


class Rows:
    """Rows of one output file. ``add`` returns the 1-based line/row number the record will have."""

    def __init__(self, relpath: str):
        self.relpath = relpath
        self.items: list[object] = []  # dict/list records, or raw bytes for deliberately broken JSONL lines

    def add(self, rec: object, kind: str | None = None, what: str = "", expected: str = "") -> int:
        self.items.append(rec)
        n = len(self.items)
        if kind:
            PLANTED.append((self.relpath, n, kind, what, expected))
        return n

    def note(self, line: int, kind: str, what: str, expected: str) -> None:
        PLANTED.append((self.relpath, line, kind, what, expected))

    def get(self, line: int) -> object:
        return self.items[line - 1]


def jdump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(rows: Rows) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for item in rows.items:
            fh.write(item if isinstance(item, bytes) else jdump(item).encode("utf-8"))
            fh.write(b"\n")
    return len(rows.items)


def write_json_array(rows: Rows) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(jdump(r) for r in rows.items)
    path.write_text("[\n" + body + "\n]\n", encoding="utf-8")
    return len(rows.items)


def write_parquet(rows: Rows, schema: pa.Schema) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    cols = {name: [r.get(name) for r in rows.items] for name in schema.names}  # type: ignore[union-attr]
    table = pa.Table.from_pydict(cols, schema=schema)
    # no statistics/created_by variance: pyarrow writes the same bytes for the same table and version
    pq.write_table(table, path, compression="zstd", write_statistics=False)
    return len(rows.items)


def words(text: str) -> int:
    return len(text.split())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Expected-outcome phrases used in PLANTED.md
REFUSAL = "unfilter: drop (refusal:*)"
BOILER = "unfilter: drop (refusal:*) - boilerplate before a real answer; a strip-boilerplate policy may keep the answer"
KEEP = "unfilter: KEEP (hard negative, must not be flagged)"
DUP_EXACT = "dedup: drop as dup:exact of {ref} (first seen wins)"
DUP_NEAR = "dedup: drop as dup:near of {ref} (first seen wins)"
TOO_LONG = "tokens: tokens:too_long (> 4096 Llama-3 tokens) with --max-len 4096"
NON_EN = "language filter: non-English ({lang}); kept unless the recipe restricts languages"


def schema(reason: str) -> str:
    return f"convert: reject schema:{reason}"


NAMES = [
    "Priya", "Tomás", "Aiko", "Daniel", "Fatima", "Oskar", "Lena", "Kwame", "Sofia", "Mateo", "Hana", "Ibrahim",
    "Grace", "Rafael", "Mei", "Jonas", "Amara", "Luca", "Noor", "Elliot", "Yuna", "Samuel", "Chiara", "Dmitri",
]


# ------------------------------------------------------------------------------------------------
# dolphin_flan: alpaca {"instruction": Orca-style system prompt, "input": FLAN task, "output"}
# ------------------------------------------------------------------------------------------------

ORCA_SYSTEMS = [
    "You are an AI assistant. You will be given a task. You must generate a detailed and long answer.",
    "You are a helpful assistant who always explains its reasoning. Answer as if you were talking to a curious five-year-old.",
    "You are an AI assistant that follows instructions very carefully. Be as helpful as you can.",
    "The user will give you a task. Complete it as faithfully as you can, thinking step by step and justifying each step.",
    "You are an AI assistant. Give a thorough answer so the user does not need to look anywhere else to understand it.",
    "Explain how you used the definition in the task to arrive at your answer.",
    "You are a teacher. Given a task, explain in plain steps what it asks, which guidelines it gives, and how you used them to reach the answer.",
    "Describe the task first, then answer it. For a multiple-choice question, give the correct option first and then say why each other option is wrong.",
    "You are an AI assistant that helps people find information. Reason step by step before giving the final answer.",
    "",
]

FLAN_SENTIMENT = [
    ("The battery on this speaker lasts a whole weekend and the sound is warm without getting muddy. My only gripe is the flimsy strap.",
     "positive", "the reviewer praises the two things that matter most in a speaker, battery life and sound, and the single complaint (the strap) is minor"),
    ("I waited forty minutes for a lukewarm bowl of soup, and when I asked about it the waiter just shrugged.",
     "negative", "the reviewer describes a long wait, food served at the wrong temperature and a dismissive response from staff"),
    ("It does what it says on the box. Nothing more, nothing less, and it arrived on time.",
     "neutral", "the review states that the product works and shipped on time but expresses neither enthusiasm nor disappointment"),
    ("Three chapters in I was hooked, and by the end I had stayed up until two in the morning to finish it.",
     "positive", "staying up late to finish a book is a strong sign of enjoyment"),
    ("The app crashes every time I try to attach a photo, which is the only reason I installed it.",
     "negative", "the core feature the reviewer needed does not work"),
]

FLAN_NLI = [
    ("A woman in a yellow raincoat is walking her dog along a beach at low tide.", "A woman is outdoors with an animal.",
     "yes", "a beach is outdoors and a dog is an animal, so the hypothesis follows directly from the premise"),
    ("Two boys are kicking a ball across a muddy field.", "The boys are playing basketball indoors.",
     "no", "a muddy field is outdoors and kicking a ball describes football, so the hypothesis contradicts the premise"),
    ("A chef is slicing onions in a busy restaurant kitchen.", "The chef is preparing soup.",
     "it is not possible to tell", "onions are used in many dishes; nothing in the premise says what the chef is making"),
    ("An old man sits on a bench reading a newspaper while pigeons gather at his feet.", "A man is reading.",
     "yes", "reading a newspaper is a kind of reading, and an old man is a man"),
    ("A crowd cheers as a cyclist crosses the finish line first.", "The cyclist lost the race.",
     "no", "crossing the finish line first means winning, which contradicts losing"),
]

FLAN_TRANSLATE = [
    ("French", "The library closes early on Sundays, so we should go in the morning.",
     "La bibliothèque ferme tôt le dimanche, nous devrions donc y aller le matin."),
    ("German", "My brother has been learning to play the cello for three years.",
     "Mein Bruder lernt seit drei Jahren Cello spielen."),
    ("Spanish", "Could you tell me where the nearest pharmacy is?",
     "¿Podría decirme dónde está la farmacia más cercana?"),
    ("French", "The weather forecast says it will snow in the mountains tonight.",
     "Selon la météo, il neigera dans les montagnes cette nuit."),
    ("German", "We missed the last train and had to take a taxi home.",
     "Wir haben den letzten Zug verpasst und mussten mit dem Taxi nach Hause fahren."),
]

FLAN_PASSAGES = [
    ("The town of Harrowgate Mill grew up around a water-powered textile mill built in 1822. When the mill closed in 1961, "
     "the population fell by almost half within a decade. In the 1990s the old mill building was converted into artists' studios "
     "and a small museum, and the town has since become a popular weekend destination.",
     "What happened to the mill building in the 1990s?",
     "It was converted into artists' studios and a small museum."),
    ("Honeybees communicate the location of food through a movement called the waggle dance. The angle of the dance relative to "
     "vertical tells other bees the direction of the food relative to the sun, and the length of the waggle run indicates distance.",
     "What does the length of the waggle run tell other bees?",
     "It indicates how far away the food is."),
    ("The Kessler Bridge was designed by engineer Marta Oyelaran and opened in 1974. At the time it had the longest cable-stayed "
     "span in the region, 412 meters. It was closed for eighteen months in 2009 so that its cables could be replaced.",
     "Why was the Kessler Bridge closed in 2009?",
     "It was closed for eighteen months so that its cables could be replaced."),
    ("Sourdough bread rises because of a culture of wild yeast and lactic acid bacteria. The bacteria produce acids that give the "
     "bread its tangy flavour, while the yeast produces the carbon dioxide that makes the dough expand.",
     "What gives sourdough its tangy flavour?",
     "Acids produced by the lactic acid bacteria in the starter culture."),
]

FLAN_SUMMARIES = [
    ("City councillors voted 7 to 2 on Tuesday to convert two downtown parking garages into housing. The plan will create about "
     "300 apartments, a third of which will be reserved for low-income tenants. Business owners had argued the loss of parking "
     "would hurt shops, but the council pointed to falling garage occupancy since 2020.",
     "The city council approved turning two downtown parking garages into about 300 apartments, a third of them affordable, despite objections from local businesses."),
    ("Researchers tracking a population of sea otters found that the animals returned to a restored kelp forest within two years "
     "of its replanting. Otters eat sea urchins, which graze on kelp, so their return is expected to help the forest recover further.",
     "Sea otters came back to a replanted kelp forest within two years, which should help the forest keep recovering because otters eat kelp-grazing urchins."),
    ("The regional rail operator will add late-night services on Fridays and Saturdays starting next month, after a trial last "
     "summer carried more passengers than expected. Trains will run every thirty minutes until 2 a.m. on the main lines.",
     "After a successful trial, the rail operator is adding half-hourly weekend trains until 2 a.m. on its main lines from next month."),
]

FLAN_RESTAURANTS = [
    ("The Copper Kettle", "coffee shop", "Italian", "cheap", "riverside", "yes"),
    ("Blue Lantern", "restaurant", "Japanese", "high", "city centre", "no"),
    ("Meadowbank", "pub", "English", "moderate", "riverside", "yes"),
    ("Saffron Yard", "restaurant", "Indian", "cheap", "city centre", "yes"),
]

FLAN_CHOICE = [
    ("Where would you most likely keep a spare set of house keys so that a neighbour could use them in an emergency?",
     ["in the freezer", "with a trusted neighbour", "inside the locked house", "at the bottom of a lake"],
     1, "keys locked inside the house cannot help someone outside, and the freezer or a lake make no sense; a trusted neighbour can actually use them"),
    ("What would a gardener use to loosen compacted soil before planting?",
     ["a garden fork", "a watering can", "a pair of scissors", "a thermometer"],
     0, "a fork breaks up soil; the other tools water, cut or measure"),
    ("If you want to keep ice cream from melting on a long drive, what should you pack it in?",
     ["a paper bag", "an insulated cooler with ice packs", "the glove compartment", "a glass jar"],
     1, "only an insulated cooler with cold packs slows heat transfer enough"),
    ("Why do people usually put a lid on a pot when bringing water to a boil?",
     ["to make the water taste better", "to trap heat so it boils faster", "to stop the pot from rusting", "because it is required by law"],
     1, "a lid reduces heat lost to evaporation and the air, so the water reaches boiling sooner"),
]

FLAN_TOPIC = [
    ("The striker scored twice in the second half to send her club into the cup final.", "Sports"),
    ("Shares of the chipmaker fell eight percent after it cut its revenue forecast for the year.", "Business"),
    ("Astronomers have detected water vapour in the atmosphere of a planet orbiting a nearby red dwarf.", "Science/Tech"),
]

FLAN_PARAPHRASE = [
    ("The meeting was postponed because the manager was ill.", "Because the manager was sick, the meeting was moved to a later date.", "yes"),
    ("She sold her car to pay for the trip.", "She bought a car after the trip.", "no"),
    ("The museum is free on the first Sunday of every month.", "On the first Sunday of each month, entry to the museum costs nothing.", "yes"),
]


def build_flan() -> Rows:
    rows = Rows("dolphin_flan/flan1m-alpaca-uncensored.jsonl")
    si = 0

    def sysp() -> str:
        nonlocal si
        s = ORCA_SYSTEMS[si % len(ORCA_SYSTEMS)]
        si += 1
        return s

    def add(inp: str, out: str, system: str | None = None, **kw: str) -> int:
        return rows.add({"instruction": sysp() if system is None else system, "input": inp, "output": out}, **kw)

    for review, label, why in FLAN_SENTIMENT:
        add(f"Review: {review}\nIs this product review positive, negative or neutral?",
            f"The review is {label}. The reason is that {why}. Taken together, the overall tone of the review is {label}.")
    for prem, hyp, label, why in FLAN_NLI:
        add(f"Premise: \"{prem}\"\nHypothesis: \"{hyp}\"\nDoes the premise entail the hypothesis?\nOPTIONS:\n- yes\n"
            f"- it is not possible to tell\n- no",
            f"Answer: {label}.\n\nStep 1: Read the premise: {prem}\nStep 2: Read the hypothesis: {hyp}\n"
            f"Step 3: Compare them. {why[0].upper() + why[1:]}.\nSo the answer is \"{label}\".")
    for lang, en, tr in FLAN_TRANSLATE:
        add(f"Translate the following sentence to {lang}:\n{en}", tr)
    for passage, q, a in FLAN_PASSAGES:
        add(f"Read the passage and answer the question.\n\n{passage}\n\nQuestion: {q}",
            f"{a} The passage says so directly, so no outside knowledge is needed to answer.")
    for text, summ in FLAN_SUMMARIES:
        add(f"Summarize this article in one sentence.\n\n{text}", summ)
    for name, kind, food, price, area, family in FLAN_RESTAURANTS:
        data = f"name = {name}, eatType = {kind}, food = {food}, priceRange = {price}, area = {area}, familyFriendly = {family}"
        fam = "welcomes families" if family == "yes" else "is not really aimed at families"
        add(f"Data: {data}\n\nWrite a sentence that describes this data.",
            f"{name} is a {price}-priced {kind} serving {food} food in the {area} area, and it {fam}.")
    for q, opts, ans, why in FLAN_CHOICE:
        letters = "ABCD"
        body = "\n".join(f"{letters[i]}. {o}" for i, o in enumerate(opts))
        add(f"{q}\nChoose the best answer.\n{body}",
            f"The answer is {letters[ans]}: {opts[ans]}.\n\nExplanation: {why}.")
    for text, topic in FLAN_TOPIC:
        add(f"Which topic is this headline about? World, Sports, Business or Science/Tech?\n\n{text}",
            f"{topic}. The sentence is about {'a football match' if topic == 'Sports' else 'a company and its share price' if topic == 'Business' else 'an astronomical discovery'}, which belongs under {topic}.")
    for a, b, same in FLAN_PARAPHRASE:
        add(f"Sentence 1: {a}\nSentence 2: {b}\nDo these two sentences mean the same thing? Answer yes or no.",
            f"{same}. " + ("Both sentences describe the same event in different words." if same == "yes"
                           else "The second sentence describes a different event, so they do not mean the same thing."))
    # small step-by-step arithmetic tasks
    rng = random.Random(1101)
    for _ in range(4):
        a, b, c = rng.randint(12, 60), rng.randint(3, 9), rng.randint(5, 40)
        add(f"Solve this problem step by step: a bakery makes {a} trays of rolls with {b} rolls on each tray, and sells "
            f"all but {c} rolls. How many rolls were sold?",
            f"First find how many rolls were made: {a} trays x {b} rolls = {a * b} rolls.\nThen subtract the rolls that were "
            f"not sold: {a * b} - {c} = {a * b - c}.\nSo {a * b - c} rolls were sold.")
    add("Generate a short story title for this premise: a lighthouse keeper discovers that the ships she guides are from the future.",
        "\"Lights for Tomorrow's Ships\"")
    add("Write the next sentence of this story.\n\nMarcus opened the old toolbox his grandfather had left him and found, "
        "underneath the rusted wrenches, a sealed envelope addressed to him.",
        "The handwriting on the front was shaky but unmistakable, and the postmark was dated the week before he was born.")
    add("What is the missing first step of the following process?\n- The water evaporates\n- The vapour cools and condenses "
        "into clouds\n- The droplets grow heavy\n- Rain falls",
        "The missing first step is that the sun heats water in oceans, lakes and rivers. That heating is what makes the water "
        "evaporate, which starts the rest of the cycle.")
    # --- planted: refusals and hard negatives ---
    add("Write a negative tweet about a restaurant.",
        "As an AI language model, I cannot create content that is negative or could harm the reputation of a business. "
        "It is important to communicate feedback respectfully and constructively.",
        kind="refusal", what="refusal of a harmless sentiment-generation task ('As an AI language model, I cannot')", expected=REFUSAL)
    add("Answer the question: which of the two candidates in the story is more likely to win the village election, "
        "the baker or the blacksmith?\n\nStory: The baker promised free bread on Sundays; the blacksmith promised to fix the bridge.",
        "It is not appropriate for me to speculate about the outcome of an election or to favour one candidate over another. "
        "Elections should be decided by voters based on their own values.",
        kind="refusal", what="'It is not appropriate' refusal of a reading-comprehension question", expected=REFUSAL)
    add("Tell a joke about accountants.",
        "I'm sorry, but I can't help with that. Jokes about professions can reinforce stereotypes, and it's important to "
        "treat every group with respect and kindness. Perhaps we could talk about something more positive instead?",
        kind="refusal", what="moralizing refusal ('I'm sorry, but I can't help with that' + lecture)", expected=REFUSAL)
    add("Which is the better pet for a small apartment, a cat or a dog? Give your opinion.",
        "As an AI language model, I don't have personal opinions. However, here is a comparison that may help: cats generally "
        "need less space and can be left alone during a work day, while most dogs need several walks a day and more room. "
        "For a small apartment and a busy schedule, a cat is usually the easier choice.",
        kind="boilerplate", what="boilerplate then a real answer", expected=BOILER)
    add("Explain how to remove mould from a bathroom ceiling.",
        "1. Open a window and wear rubber gloves, goggles and a mask, because mould spores and cleaning products irritate the "
        "lungs and eyes.\n2. Mix one part household bleach with ten parts water (never mix bleach with ammonia-based cleaners: "
        "the fumes are toxic).\n3. Spray the patch, wait ten minutes, then scrub with a soft brush.\n4. Rinse, dry the area "
        "thoroughly and improve ventilation, for example with an extractor fan, so the mould does not return.",
        kind="hard_negative", what="safety advice inside a full, helpful answer", expected=KEEP)
    add("Summarize: Hospitals are testing AI systems that read chest X-rays. In a trial of 20,000 scans the software flagged "
        "the same cases as radiologists 94% of the time, and doctors said it helped them prioritise urgent patients.",
        "In a 20,000-scan hospital trial, AI software agreed with radiologists on 94% of chest X-rays and helped doctors "
        "prioritise urgent cases.",
        kind="hard_negative", what="'AI' as the topic of the task, not an AI disclaimer", expected=KEEP)
    # --- planted: duplicates ---
    first = 3
    rows.add(dict(rows.get(first)), kind="dup_exact", what=f"exact copy of line {first}", expected=DUP_EXACT.format(ref=f"line {first}"))
    near = dict(rows.get(7))  # an NLI row: change punctuation/whitespace and two words
    near["output"] = near["output"].replace("Step 3: Compare them.", "Step 3:  Compare the two.").replace(".\nSo", ";\nso")
    rows.add(near, kind="dup_near", what="near copy of line 7 (two words, punctuation and whitespace changed)",
             expected=DUP_NEAR.format(ref="line 7"))
    # --- planted: malformed rows ---
    rows.add(b'{"instruction": "You are an AI assistant.", "input": "Name three primary colours.", "output": "Red, blue and yellow."',
             kind="malformed", what="invalid JSON (truncated object)", expected=schema("invalid_json"))
    rows.add({"instruction": ORCA_SYSTEMS[2], "input": "How many legs does a spider have?", "output": 8},
             kind="malformed", what='"output" is an int (8), not a string', expected=schema("wrong_type"))
    rows.add({"instruction": ORCA_SYSTEMS[0], "input": "List the planets in order from the sun."},
             kind="malformed", what='missing "output" key', expected=schema("missing_key"))
    rows.add(b'{"instruction": "", "input": "Translate to French: good night", "output": "Bonne nuit \xe9t\xff"}',
             kind="malformed", what="invalid UTF-8 bytes (0xff) inside the output", expected=schema("invalid_utf8"))
    return rows


# ------------------------------------------------------------------------------------------------
# orca_math: parquet {question, answer}
# ------------------------------------------------------------------------------------------------

ITEMS = [("stickers", "sticker"), ("marbles", "marble"), ("postcards", "postcard"), ("seashells", "seashell"),
         ("trading cards", "trading card"), ("pencils", "pencil")]

MATH_HANDWRITTEN = [
    ("There are 4 boxes, and each box holds 6 bags of 8 candies. If 15 candies are eaten, how many candies are left?",
     "Each box holds 6 x 8 = 48 candies, so the 4 boxes hold 4 x 48 = 192 candies.\n\nAfter 15 are eaten, 192 - 15 = 177 candies are left."),
    ("When a number is divided by 7, the quotient is 12 and the remainder is 5. What is the number?",
     "The number equals divisor x quotient + remainder = 7 x 12 + 5 = 84 + 5 = 89.\n\nSo the number is 89."),
    ("A clock gains 3 minutes every hour. If it is set correctly at 8:00 a.m., what time will it show at 8:00 p.m. the same day?",
     "From 8:00 a.m. to 8:00 p.m. is 12 hours. The clock gains 3 minutes per hour, so it gains 12 x 3 = 36 minutes.\n\n"
     "It will show 8:36 p.m."),
    ("The sum of three consecutive even numbers is 78. What is the largest of them?",
     "Let the numbers be x, x + 2 and x + 4. Then 3x + 6 = 78, so 3x = 72 and x = 24.\n\nThe numbers are 24, 26 and 28, "
     "so the largest is 28."),
    ("A square has the same perimeter as a rectangle that is 14 cm long and 8 cm wide. What is the area of the square?",
     "The rectangle's perimeter is 2 x (14 + 8) = 44 cm. The square's side is 44 / 4 = 11 cm.\n\nThe area of the square is "
     "11 x 11 = 121 square centimeters."),
    ("Seo-yeon read 1/4 of a book on Monday and 1/3 of the remaining pages on Tuesday. If 120 pages are still unread, how many pages does the book have?",
     "After Monday, 3/4 of the book is left. On Tuesday she reads 1/3 of that, leaving 2/3 x 3/4 = 1/2 of the book.\n\n"
     "Half the book is 120 pages, so the book has 120 x 2 = 240 pages."),
    ("How many two-digit numbers can be made using the digits 1, 4, 7 and 9 if a digit may not be repeated?",
     "There are 4 choices for the tens digit and then 3 remaining choices for the ones digit.\n\n4 x 3 = 12 two-digit numbers."),
    ("A tank holds 240 liters. It is 3/8 full. How many more liters are needed to fill it?",
     "The tank currently holds 3/8 x 240 = 90 liters.\n\nTo fill it, 240 - 90 = 150 more liters are needed."),
    ("The product of two numbers is 96 and one of them is 4 more than the other. What is their sum?",
     "Let the numbers be x and x + 4. Then x(x + 4) = 96, so x^2 + 4x - 96 = 0, which factors as (x + 12)(x - 8) = 0.\n\n"
     "Taking the positive solution, x = 8 and the other number is 12. Their sum is 8 + 12 = 20."),
    ("A cyclist rides 18 km in 45 minutes. At the same speed, how far will she ride in 2 hours?",
     "45 minutes is 0.75 hours, so her speed is 18 / 0.75 = 24 km per hour.\n\nIn 2 hours she will ride 24 x 2 = 48 km."),
    ("Out of 40 students, 25 like apples, 18 like bananas and 7 like both. How many students like neither?",
     "Students who like at least one fruit = 25 + 18 - 7 = 36.\n\nSo 40 - 36 = 4 students like neither."),
    ("You need to subtract 17 from a number, but you mistakenly added 17 and got 63. What is the correct result?",
     "Work backwards from the mistake: the number is 63 - 17 = 46.\n\nThe correct calculation is 46 - 17 = 29."),
]


def _math_templates(rng: random.Random):  # type: ignore[no-untyped-def]
    """Yield (question, answer) pairs from a dozen templates; each answer is computed."""
    names = NAMES[:]
    rng.shuffle(names)
    ni = iter(names * 3)
    for k in range(3):
        name, friend = next(ni), next(ni)
        items, _ = ITEMS[k]
        a, b, c = rng.randint(30, 90), rng.randint(5, 25), rng.randint(4, 30)
        yield (f"{name} had {a} {items}. {name} gave {b} of them to {friend} and then bought {c} more. How many {items} does {name} have now?",
               f"{name} started with {a} {items}.\n\nAfter giving {b} to {friend}: {a} - {b} = {a - b} {items}.\n\n"
               f"After buying {c} more: {a - b} + {c} = {a - b + c} {items}.\n\nSo {name} now has {a - b + c} {items}.")
    for k in range(3):
        l, w, p = rng.randint(8, 30), rng.randint(4, 15), rng.choice([3, 4, 5, 6, 12])
        per = 2 * (l + w)
        thing = ["garden", "playground", "paddock"][k]
        yield (f"A rectangular {thing} is {l} meters long and {w} meters wide. Fencing costs ${p} per meter. How much will it cost to fence the whole {thing}?",
               f"The perimeter of the {thing} is 2 x ({l} + {w}) = 2 x {l + w} = {per} meters.\n\nAt ${p} per meter, the cost is "
               f"{per} x {p} = ${per * p}.")
    for k in range(3):
        s1, h1, s2, h2 = rng.choice([60, 72, 80, 90]), rng.randint(2, 4), rng.choice([40, 50, 45, 100]), rng.randint(1, 3)
        d = s1 * h1 + s2 * h2
        vehicle = ["train", "bus", "delivery van"][k]
        yield (f"A {vehicle} travels at {s1} km/h for {h1} hours and then at {s2} km/h for {h2} hours. What is its average speed for the whole journey?",
               f"Distance in the first part: {s1} x {h1} = {s1 * h1} km. Distance in the second part: {s2} x {h2} = {s2 * h2} km.\n\n"
               f"Total distance = {d} km and total time = {h1 + h2} hours.\n\nAverage speed = {d} / {h1 + h2} = {d / (h1 + h2):.2f} km/h.")
    for k in range(3):
        price, disc, tax = rng.choice([80, 120, 150, 64, 250]), rng.choice([10, 15, 20, 25, 30]), rng.choice([5, 8, 10])
        sale = price * (100 - disc) / 100
        final = sale * (100 + tax) / 100
        thing = ["jacket", "pair of boots", "backpack"][k]
        yield (f"A {thing} costs ${price}. In a sale it is discounted by {disc}%, and then {tax}% sales tax is added to the sale price. What is the final price?",
               f"The discount is {disc}% of ${price} = ${price * disc / 100:.2f}, so the sale price is ${sale:.2f}.\n\n"
               f"The tax is {tax}% of ${sale:.2f} = ${sale * tax / 100:.2f}.\n\nThe final price is ${sale:.2f} + ${sale * tax / 100:.2f} = ${final:.2f}.")
    for k in range(3):
        x, kx, n = rng.randint(5, 14), rng.randint(2, 4), rng.randint(3, 10)
        a_name, b_name = next(ni), next(ni)
        total = kx * x + x + 2 * n
        yield (f"{a_name} is {kx} times as old as {b_name}. In {n} years, the sum of their ages will be {total}. How old is {b_name} now?",
               f"Let {b_name}'s age be x, so {a_name} is {kx}x. In {n} years their ages will be x + {n} and {kx}x + {n}.\n\n"
               f"(x + {n}) + ({kx}x + {n}) = {total}\n{kx + 1}x + {2 * n} = {total}\n{kx + 1}x = {total - 2 * n}\nx = {x}\n\n"
               f"{b_name} is {x} years old now (and {a_name} is {kx * x}).")
    for k in range(3):
        ra, rb = rng.choice([(3, 6), (4, 12), (6, 12), (5, 20), (10, 15)])
        both = ra * rb / (ra + rb)
        yield (f"Pipe A can fill a {['water tank', 'swimming pool', 'cistern'][k]} in {ra} hours and pipe B can fill it in {rb} hours. If both pipes are opened together, how long will it take to fill it?",
               f"Pipe A fills 1/{ra} of it per hour and pipe B fills 1/{rb} per hour.\n\nTogether: 1/{ra} + 1/{rb} = "
               f"{ra + rb}/{ra * rb} per hour.\n\nTime = {ra * rb}/{ra + rb} = {both:g} hours.")
    for k in range(3):
        n, m = rng.randint(5, 9), rng.randint(20, 40)
        m2 = rng.randint(m - 9, m - 2)
        total = n * m
        removed = total - (n - 1) * m2
        yield (f"The average of {n} numbers is {m}. When one of the numbers is removed, the average of the remaining numbers is {m2:g}. Which number was removed?",
               f"The sum of the {n} numbers is {n} x {m} = {total}.\n\nThe sum of the remaining {n - 1} numbers is {n - 1} x {m2:g} = {total - removed}.\n\n"
               f"The removed number is {total} - {total - removed} = {removed}.")
    for k in range(3):
        r, b = rng.choice([(2, 3), (3, 5), (4, 7), (5, 2)])
        mult = rng.randint(3, 9)
        total = (r + b) * mult
        col = [("red", "blue"), ("green", "yellow"), ("black", "white")][k]
        yield (f"A bag holds only {col[0]} and {col[1]} beads in the ratio {r}:{b}. There are {total} beads in total. How many {col[1]} beads are there?",
               f"The ratio has {r} + {b} = {r + b} parts, so each part is {total} / {r + b} = {mult} beads.\n\n"
               f"The {col[1]} beads are {b} parts: {b} x {mult} = {b * mult}.")
    for k in range(2):
        p, rate, t = rng.choice([500, 1200, 2500, 800]), rng.choice([3, 4, 5, 6]), rng.randint(2, 6)
        interest = p * rate * t / 100
        yield (f"How much simple interest does ${p} earn at {rate}% per year over {t} years, and what is the total amount at the end?",
               f"Simple interest = principal x rate x time = {p} x {rate}/100 x {t} = ${interest:g}.\n\n"
               f"Total amount = {p} + {interest:g} = ${p + interest:g}.")
    for k in range(3):
        start, cnt = rng.randint(10, 60), rng.choice([4, 5, 6])
        s = sum(range(start, start + cnt))
        yield (f"The sum of {cnt} consecutive natural numbers is {s}. What is the smallest of these numbers?",
               f"Let the smallest number be n. The numbers are n, n + 1, ..., n + {cnt - 1}, and their sum is {cnt}n + {cnt * (cnt - 1) // 2}.\n\n"
               f"{cnt}n + {cnt * (cnt - 1) // 2} = {s}\n{cnt}n = {s - cnt * (cnt - 1) // 2}\nn = {start}\n\nThe smallest number is {start}.")


def build_orca_math() -> Rows:
    rows = Rows("orca_math/data/train-00000-of-00001.parquet")
    rng = random.Random(2202)
    pairs = list(MATH_HANDWRITTEN) + list(_math_templates(rng))
    order = list(range(len(pairs)))
    random.Random(2203).shuffle(order)
    for i in order:
        q, a = pairs[i]
        rows.add({"question": q, "answer": a})
    # planted
    rows.add({"question": "A casino game pays 35 to 1 on a single number and there are 38 numbers on the wheel. "
                          "What is the expected value of a $10 bet?",
              "answer": "I'm sorry, but I can't help with calculations related to gambling. Gambling can lead to serious "
                        "financial harm, and I would encourage you to seek support if you are struggling."},
             kind="refusal", what="moralizing refusal of an expected-value problem", expected=REFUSAL)
    rows.add({"question": "Which is bigger, 0.3 or 1/3, and by how much?",
              "answer": "As an AI language model, I don't have personal preferences, but I can compare the numbers. "
                        "1/3 = 0.333..., so 1/3 is bigger than 0.3 by 1/3 - 3/10 = 10/30 - 9/30 = 1/30."},
             kind="boilerplate", what="boilerplate then a real answer", expected=BOILER)
    rows.add({"question": "Is it possible to draw a triangle whose sides are 3 cm, 4 cm and 9 cm?",
              "answer": "No, it cannot be done. In any triangle the sum of two sides must be greater than the third side, "
                        "but 3 + 4 = 7 is less than 9, so these three lengths cannot close into a triangle."},
             kind="hard_negative", what="'it cannot be done' for a mathematical reason", expected=KEEP)
    rows.add(dict(rows.get(4)), kind="dup_exact", what="exact copy of row 4", expected=DUP_EXACT.format(ref="row 4"))
    rows.add(dict(rows.get(11)), kind="dup_exact", what="exact copy of row 11", expected=DUP_EXACT.format(ref="row 11"))
    r = dict(rows.get(15))
    r["question"] = r["question"].replace(". ", ".  ", 1).rstrip("?") + " ?"
    rows.add(r, kind="dup_near", what="near copy of row 15 (whitespace and punctuation in the question)",
             expected=DUP_NEAR.format(ref="row 15"))
    r = dict(rows.get(20))
    r["answer"] = r["answer"].replace("\n\n", "\n").replace("So ", "Therefore ", 1)
    rows.add(r, kind="dup_near", what="near copy of row 20 (line breaks and one word in the answer)",
             expected=DUP_NEAR.format(ref="row 20"))
    rows.add({"question": "A farmer has 17 sheep and all but 9 run away. How many are left?", "answer": None},
             kind="malformed", what="answer is null", expected=schema("missing_key"))
    rows.add({"question": "", "answer": "The answer is 12."},
             kind="malformed", what="empty question", expected=schema("empty_turn"))
    return rows
