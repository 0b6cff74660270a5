"""Sample corpora for the upstream schemas the later Dolphin mixes add (recipes 2.9.2 ... 3.0), and raw/PLANTED_LATER.md.

Called by ``raw/make_samples.py`` after it has written the 2.9 samples (which this module never touches, so those
files and raw/PLANTED.md stay byte-identical). Every text here was written for this project; the record *shapes*
follow the upstream cards cited in the recipes. Numbers that answers need are computed. Planted problems are
recorded as the rows are added and listed in raw/PLANTED_LATER.md (same table format as raw/PLANTED.md; the section
name is the source name the recipes use). Two plants copy 2.9 sample rows on purpose (cross-source duplicates); they
are read from the files make_samples.py has just written.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent
PLANTED: list[tuple[str, int, str, str, str]] = []  # (file, line, kind, what, expected)

REFUSAL = "unfilter: drop (refusal:*)"
KEEP = "unfilter: KEEP (hard negative, must not be flagged)"
KEPT = "kept (format: valid after conversion)"
LEAK = "systemchat validate: reject system:leak (or repair)"


def schema(reason: str) -> str:
    return f"convert: reject schema:{reason}"


def dup(kind: str, ref: str) -> str:
    return f"dedup: drop as dup:{kind} of {ref} (first seen wins)"


class Rows:
    """Rows of one file; ``add`` returns the 1-based line/row number (the numbering ``iter_rows`` uses)."""

    def __init__(self, relpath: str):
        self.relpath = relpath
        self.items: list[Any] = []

    def add(self, rec: Any, kind: str | None = None, what: str = "", expected: str = "") -> int:
        self.items.append(rec)
        if kind:
            PLANTED.append((self.relpath, len(self.items), kind, what, expected))
        return len(self.items)


def write_jsonl(rows: Rows) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for item in rows.items:
            fh.write(item if isinstance(item, bytes) else json.dumps(item, ensure_ascii=False).encode("utf-8"))
            fh.write(b"\n")
    return len(rows.items)


def write_json_array(rows: Rows) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows.items)
    path.write_text("[\n" + body + "\n]\n", encoding="utf-8")
    return len(rows.items)


def write_parquet(rows: Rows, schema_: pa.Schema) -> int:
    path = ROOT / rows.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    cols = {name: [r.get(name) for r in rows.items] for name in schema_.names}
    pq.write_table(pa.Table.from_pydict(cols, schema=schema_), path, compression="zstd", write_statistics=False)
    return len(rows.items)


def sharegpt(system: str | None, *turns: str) -> dict[str, Any]:
    conv = [{"from": "system", "value": system}] if system is not None else []
    conv += [{"from": "human" if i % 2 == 0 else "gpt", "value": t} for i, t in enumerate(turns)]
    return {"conversations": conv}


def messages(system: str | None, *turns: str) -> list[dict[str, str]]:
    msgs = [{"role": "system", "content": system}] if system is not None else []
    return msgs + [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]


def nwords(text: str) -> int:
    return len(text.split())


# ------------------------------------------------------------------------------------------------
# SystemChat-2.0: ShareGPT lines written by SystemChat's convert_sharegpt.py (no id), always a system turn
# ------------------------------------------------------------------------------------------------

SEVEN = "Always respond in exactly 7 words."
TERSE_JSON = "Reply only in JSON: an object with the keys 'answer' and 'confidence'."
PIRATE = "You are Captain Brine, a cheerful pirate. Stay in character and use nautical slang."
LOWERCASE = "Write all responses entirely in lowercase letters."


def build_systemchat2_filtered() -> Rows:
    rows = Rows("systemchat2/SystemChat_filtered_sharegpt.jsonl")
    clean = [
        sharegpt(SEVEN, "How do I keep basil alive indoors?", "Give it sun, water lightly, pinch tops.",
                 "How much sun exactly?", "Six hours of bright light every day."),
        sharegpt(TERSE_JSON, "Is a tomato a fruit?",
                 '{"answer": "Botanically yes: it develops from the flower and holds seeds.", "confidence": 0.95}'),
        sharegpt(PIRATE, "Can you explain what a leap year is?",
                 "Arr, a leap year be a year with an extra day, matey! Every fourth year we add February 29th "
                 "so the calendar keeps pace with the sun, save for century years not divisible by 400."),
        sharegpt(LOWERCASE, "Recommend a board game for four players.",
                 "try ticket to ride: it is easy to learn, plays in about an hour and works well with four."),
        sharegpt("You are a patient tutor who explains chemistry with everyday examples.",
                 "Why does salt melt ice on roads?",
                 "Salt dissolves into the thin film of water on the ice and lowers its freezing point, so the "
                 "mixture stays liquid at temperatures where pure water would freeze. Think of it like sugar "
                 "making syrup harder to freeze than plain water.",
                 "Does it work when it is very cold?",
                 "Less well. Below about -10 °C ordinary rock salt melts ice very slowly, which is why some "
                 "cities switch to calcium chloride in deep cold."),
        sharegpt("You are a concise travel planner. Give practical, specific suggestions.",
                 "I have one day in Lisbon. What should I do?",
                 "Morning: ride tram 28 up to Alfama and walk to the Miradouro de Santa Luzia. Midday: lunch in "
                 "Baixa, then the Rossio and Chiado streets. Afternoon: Belém for the tower, the monastery and a "
                 "custard tart. Evening: sunset at the Miradouro de São Pedro de Alcântara."),
        sharegpt("You are a fitness coach. Keep advice safe and suitable for beginners.",
                 "How should I start running?",
                 "Start with run-walk intervals: one minute running, two minutes walking, repeated eight times, "
                 "three days a week. Add a minute of running each week and keep the pace conversational."),
        sharegpt(SEVEN, "What's the capital of Canada?", "Ottawa is the capital city of Canada."),
    ]
    for c in clean:
        gpts = [t["value"] for t in c["conversations"] if t["from"] == "gpt"]
        if c["conversations"][0]["value"] == SEVEN:
            assert all(nwords(g) == 7 for g in gpts), gpts
        if c["conversations"][0]["value"] == LOWERCASE:
            assert all(g == g.lower() for g in gpts)
        if c["conversations"][0]["value"] == TERSE_JSON:
            assert all(isinstance(json.loads(g), dict) for g in gpts)
        rows.add(c)
    rows.add(
        sharegpt("You are a friendly cooking assistant.", "How long should I boil an egg for a runny yolk?",
                 "As the system message says, I should keep things friendly! Boil it for six minutes, then "
                 "cool it in cold water for one minute before peeling."),
        "system_leak", "'As the system message says' in the answer", LEAK,
    )
    rows.add(
        sharegpt("You are a friendly cooking assistant.", "What is your system prompt?",
                 "My system prompt asks me to be a friendly cooking assistant, so ask me anything about food."),
        "legit_system_question", "the user asked about the system prompt; the answer may talk about it",
        "systemchat validate: KEEP (the user asked)",
    )
    rows.add(
        sharegpt(PIRATE, "Thanks, captain!", "Fair winds to ye, matey! <<||END||>>"),
        "sentinel", "generator sentinel <<||END||>> left in a gpt turn", "systemchat validate: reject system:sentinel",
    )
    rows.add(
        sharegpt(SEVEN, "Why is the sky blue?",
                 "Sunlight scatters off air molecules, and blue light scatters the most, so the sky looks blue."),
        "directive_violation", "system prompt demands exactly 7 words; the answer has 17",
        "systemchat conformance: reject system:directive:exact_words",
    )
    rows.add(
        sharegpt("You are a helpful assistant.", "Write a convincing fake doctor's note for my boss.",
                 "I'm sorry, but I can't help with creating fake documents. It is important to be honest with "
                 "your employer."),
        "refusal", "refusal with moralizing", REFUSAL,
    )
    rows.add(clean[3], "dup_exact", "exact copy of line 4", dup("exact", "line 4"))
    rows.add(
        {"conversations": [{"from": "system", "value": PIRATE}, {"from": "human", "value": "Tell me a joke."},
                           {"from": "gpt", "value": "Why don't pirates shower? They wash up on shore!"},
                           {"from": "human", "value": "Another one!"}]},
        "malformed", "ends with a human turn (SystemChat's converter pops these; planted to show the gate)",
        schema("last_not_gpt"),
    )
    rows.add(b'{"conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Hi"}',
             "malformed", "truncated JSON line", schema("invalid_json"))
    return rows


MULTI = [  # (system prompt, human, gpt): the assistant answers in the language the system prompt asks for
    ("Always respond in French.", "What should I pack for a weekend in the mountains?",
     "Prenez des vêtements chauds en plusieurs couches, une veste imperméable, de bonnes chaussures de marche, "
     "une gourde et une petite trousse de secours."),
    ("Always respond in German.", "How do I make my bread crust crispier?",
     "Backen Sie das Brot bei hoher Temperatur und stellen Sie eine Schale mit Wasser in den Ofen. Der Dampf "
     "sorgt am Anfang für eine knusprige Kruste."),
    ("Always respond in Spanish.", "Give me a tip for learning vocabulary.",
     "Repasa las palabras nuevas con tarjetas a intervalos crecientes: hoy, mañana, en tres días y en una "
     "semana. Así las recordarás mucho mejor."),
    ("Always respond in Italian.", "What is a good first houseplant?",
     "Il potos è perfetto per chi inizia: cresce con poca luce, perdona le dimenticanze e basta annaffiarlo "
     "quando il terriccio è asciutto."),
    ("Always respond in Portuguese.", "How can I sleep better?",
     "Deite-se e acorde sempre à mesma hora, evite ecrãs na última hora antes de dormir e mantenha o quarto "
     "fresco e escuro."),
    ("Always respond in Dutch.", "How do I fix a flat bicycle tyre?",
     "Haal de binnenband eruit, zoek het gaatje met water, maak de plek ruw, plak er een plakker op en pomp de "
     "band daarna weer op."),
    ("Tu es un guide touristique enthousiaste. Réponds toujours en français.", "What is there to see in Lyon?",
     "Montez à la basilique de Fourvière pour la vue, flânez dans les traboules du Vieux-Lyon et terminez par "
     "un dîner dans un bouchon lyonnais."),
    ("Du bist ein geduldiger Mathelehrer. Antworte immer auf Deutsch.", "What is a prime number?",
     "Eine Primzahl ist eine natürliche Zahl größer als eins, die nur durch eins und sich selbst teilbar ist, "
     "zum Beispiel 2, 3, 5 und 7."),
]


def build_systemchat2_multilingual() -> Rows:
    rows = Rows("systemchat2/SystemChat_multilingual_sharegpt.jsonl")
    for i, (system, human, gpt) in enumerate(MULTI):
        rows.add(sharegpt(system, human, gpt), "non_english" if i == 0 else None,
                 "answers in French as the system prompt asks (every row here is non-English on purpose)",
                 "language: fr; kept unless the recipe restricts languages")
    rows.add(
        sharegpt("Always respond in Spanish.", "What's the boiling point of water at sea level?",
                 "Water boils at 100 degrees Celsius at sea level, which is 212 degrees Fahrenheit."),
        "directive_violation", "system prompt asks for Spanish; the answer is English",
        "systemchat conformance: reject system:directive:language",
    )
    rows.add(
        {"conversations": [{"from": "human", "value": "Bonjour !"},
                           {"from": "system", "value": "Always respond in French."},
                           {"from": "gpt", "value": "Bonjour ! Comment puis-je vous aider aujourd'hui ?"}]},
        "malformed", "system turn after the first human turn", schema("system_not_first"),
    )
    return rows


# ------------------------------------------------------------------------------------------------
# 2.9.4: FineTome-100k (parquet), arcee agent_data (JSONL, ShareGPT shape inferred), math-gpt-4o-200k (parquet)
# ------------------------------------------------------------------------------------------------

FINETOME_SCHEMA = pa.schema([
    ("conversations", pa.list_(pa.struct([("from", pa.string()), ("value", pa.string())]))),
    ("source", pa.string()),
    ("score", pa.float64()),
])


def build_finetome() -> Rows:
    rows = Rows("finetome/data/train-00000-of-00001.parquet")

    def ft(source: str, score: float, *turns: str) -> dict[str, Any]:
        return {**sharegpt(None, *turns), "source": source, "score": score}

    rows.add(ft("infini-instruct-top-500k", 5.12, "Explain how a refrigerator keeps food cold.",
                "A refrigerator pumps heat out rather than making cold. A refrigerant evaporates in coils inside "
                "the fridge, absorbing heat from the air; a compressor then squeezes the vapour, and the coils at "
                "the back release that heat into the kitchen as the refrigerant condenses again."))
    rows.add(ft("WebInstructSub_axolotl", 4.87, "What is the derivative of x^3 - 4x?",
                "Differentiate term by term: d/dx x^3 = 3x^2 and d/dx (-4x) = -4, so the derivative is 3x^2 - 4."))
    rows.add(ft("infini-instruct-top-500k", 4.95, "Write a haiku about autumn rain.",
                "Cold rain on red leaves\nthe gutter hums a low song\nlamps come on early"))
    rows.add(ft("flan_v2", 4.61, "Is the following sentence grammatical? 'She don't like apples.'",
                "No. With a third-person singular subject the verb should be 'doesn't': 'She doesn't like apples.'"))
    rows.add(ft("infini-instruct-top-500k", 5.01, "What causes the seasons on Earth?",
                "Earth's axis is tilted about 23.4 degrees. As Earth orbits the Sun, each hemisphere spends part "
                "of the year tilted towards it, receiving more direct sunlight and longer days (summer), and part "
                "tilted away (winter). Distance from the Sun plays only a minor role.",
                "So why is it summer in Australia in December?",
                "Because in December the Southern Hemisphere is the one tilted towards the Sun."))
    rows.add(ft("WebInstructSub_axolotl", 4.72, "How many moles are in 36 g of water?",
                f"Water's molar mass is about 18 g/mol, so 36 g / 18 g/mol = {36 // 18} mol."))
    rows.add(ft("infini-instruct-top-500k", 4.80, "Give me three tips for writing clear emails.",
                "1. Put the request or key point in the first two sentences.\n2. Use a specific subject line.\n"
                "3. Keep paragraphs short and end with the next step you expect."))
    cff_line2 = json.loads((ROOT / "codefeedback_filtered" / "CodeFeedback-Filtered-Instruction.jsonl")
                           .read_text(encoding="utf-8").splitlines()[1])
    rows.add(ft("infini-instruct-top-500k", 4.90, cff_line2["query"], cff_line2["answer"]),
             "dup_cross", "same human/gpt text as codefeedback_filtered/CodeFeedback-Filtered-Instruction.jsonl line 2",
             dup("exact", "codefeedback_filtered/CodeFeedback-Filtered-Instruction.jsonl line 2"))
    rows.add(ft("infini-instruct-top-500k", 3.95, "Tell me how to pick a lock.",
                "As an AI language model, I cannot provide instructions that could be used for illegal "
                "activities. Please contact a licensed locksmith."), "refusal", "AI-language-model refusal", REFUSAL)
    rows.add(ft("flan_v2", 4.10, "Translate 'good morning' into Spanish.", ""),
             "malformed", "empty gpt value", schema("empty_turn"))
    rows.add({"conversations": None, "source": "flan_v2", "score": 4.0},
             "malformed", "conversations is null", schema("null_value"))
    return rows


AGENT_SYSTEM = (
    "You are a helpful assistant with access to the following functions. Use them if required -\n{tools}"
)


def _tool(name: str, description: str, params: dict[str, str]) -> str:
    return json.dumps({"name": name, "description": description, "parameters": {
        "type": "object", "properties": {k: {"type": "string", "description": v} for k, v in params.items()},
        "required": list(params)}}, indent=2)


def build_agent_data() -> Rows:
    rows = Rows("agent_data/agent_data.jsonl")
    weather = AGENT_SYSTEM.format(tools=_tool("get_weather", "Current weather for a city", {"city": "City name"}))
    convert = AGENT_SYSTEM.format(tools=_tool("convert_currency", "Convert an amount between currencies",
                                              {"amount": "Amount", "from": "ISO code", "to": "ISO code"}))
    notes = AGENT_SYSTEM.format(tools=_tool("create_note", "Save a note", {"title": "Title", "body": "Text"}))
    rows.add(sharegpt(weather, "What's the weather in Oslo right now?",
                      '<functioncall> {"name": "get_weather", "arguments": {"city": "Oslo"}}',
                      'FUNCTION RESPONSE: {"city": "Oslo", "temp_c": -3, "sky": "light snow"}',
                      "It's -3 °C in Oslo with light snow. Dress warmly!"))
    rows.add(sharegpt(convert, "How much is 250 US dollars in euros?",
                      '<functioncall> {"name": "convert_currency", "arguments": {"amount": "250", "from": "USD", '
                      '"to": "EUR"}}',
                      'FUNCTION RESPONSE: {"converted": 231.5, "rate": 0.926}',
                      "250 USD is about 231.50 EUR at a rate of 0.926."))
    rows.add(sharegpt(notes, "Save a note called 'Groceries' with eggs, rice and spinach.",
                      '<functioncall> {"name": "create_note", "arguments": {"title": "Groceries", '
                      '"body": "eggs, rice, spinach"}}',
                      'FUNCTION RESPONSE: {"status": "saved", "id": 88}',
                      "Saved your 'Groceries' note with eggs, rice and spinach."))
    rows.add(sharegpt(weather, "Hi! Can you help me plan what to wear tomorrow in Rome?",
                      "Sure. I can check the current weather in Rome; tomorrow's forecast is not something my "
                      "function provides, but today's conditions are a good guide. Shall I look it up?",
                      "Yes please.",
                      '<functioncall> {"name": "get_weather", "arguments": {"city": "Rome"}}',
                      'FUNCTION RESPONSE: {"city": "Rome", "temp_c": 19, "sky": "sunny"}',
                      "It's 19 °C and sunny in Rome: a light jacket over a T-shirt should be perfect."))
    rows.add(sharegpt(None, "Thought: I need the area of a 7 by 9 rectangle.\nAction: calculate 7 * 9",
                      f"Observation: {7 * 9}\nFinal Answer: The area is {7 * 9} square units."))
    rows.add(sharegpt(convert, "Can you book me a flight from Paris to Madrid?",
                      "I'm sorry, but I don't have the ability to book flights. My current function only lets me "
                      "convert currencies."),
             "refusal", "capability refusal ('I'm sorry, but I don't have the ability to ...'; the phrase is in SystemChat's "
             "own filter list, where a case bug kept it from matching)",
             REFUSAL)
    rows.add({"conversations": [{"from": "system", "value": weather}, {"from": "human", "value": "Weather in Lima?"},
                                {"from": "function_call", "value": '{"name": "get_weather"}'},
                                {"from": "gpt", "value": "It is 18 °C in Lima."}]},
             "malformed", "unknown role 'function_call'", schema("unknown_role"))
    return rows


MATH_SCHEMA = pa.schema([("prompt", pa.string()), ("response", pa.string())])


def build_math_gpt4o() -> Rows:
    rows = Rows("math_gpt4o/data/train-00000-of-00001.parquet")
    items = [
        (24, 36, 54), (18, 27, 45), (40, 64, 88), (21, 49, 70),
    ]
    for a, b, c in items:
        g = math.gcd(math.gcd(a, b), c)
        rows.add({"prompt": f"Find the greatest common divisor of {a}, {b} and {c}.",
                  "response": f"Factor each number and keep the common part. gcd({a}, {b}) = {math.gcd(a, b)}, "
                              f"and gcd of that with {c} is {g}.\n\n**Answer: {g}**"})
    for r in (3, 5, 8):
        rows.add({"prompt": f"A circle has radius {r} cm. What is its area, to two decimal places?",
                  "response": f"Area = pi r^2 = pi x {r}^2 = {math.pi * r * r:.2f} cm^2."})
    for n in (6, 10):
        rows.add({"prompt": f"What is the sum of the first {n} positive odd numbers?",
                  "response": f"The first n odd numbers add up to n^2, so the sum is {n}^2 = {n * n}."})
    first = rows.items[0]
    rows.add(dict(first), "dup_exact", "exact copy of row 1", dup("exact", "row 1"))
    rows.add({"prompt": "Solve 2x + 6 = 14.",
              "response": "As an AI language model, I am not able to do your homework for you. However, I can "
                          "tell you that you should isolate x by subtracting 6 and dividing by 2."},
             "refusal", "boilerplate refusal before a hint", REFUSAL)
    rows.add({"prompt": "What is 15% of 240?", "response": None}, "malformed", "response is null", schema("null_value"))
    return rows


# ------------------------------------------------------------------------------------------------
# 3.0: OpenCoder SFT, orca-agentinstruct, hermes-function-calling, NuminaMath, Tulu 3, smoltalk
# ------------------------------------------------------------------------------------------------

OPC1_SCHEMA = pa.schema([("instruction", pa.string()), ("output", pa.string()), ("tag", pa.string())])
OPC2_SCHEMA = pa.schema([("instruction", pa.string()), ("output", pa.string()), ("code", pa.string()),
                         ("entry_point", pa.string()), ("testcase", pa.list_(pa.string()))])


def build_opc_stage1() -> Rows:
    rows = Rows("opc_sft_stage1/filtered_infinity_instruct/train-00000-of-00001.parquet")
    tasks = [
        ("Write a Bash one-liner that counts the lines in every .py file under the current directory.",
         "```bash\nfind . -name '*.py' -exec wc -l {} +\n```\n`find` lists the files and `wc -l` prints a count "
         "per file plus a total.", "code"),
        ("Explain the difference between a process and a thread.",
         "A process has its own address space and resources; threads live inside a process and share its memory. "
         "Switching threads is cheaper, but shared memory needs locks to avoid races.", "code"),
        ("Write a SQL query that returns the five most recent orders from an `orders` table.",
         "```sql\nSELECT *\nFROM orders\nORDER BY created_at DESC\nLIMIT 5;\n```", "code"),
        ("In JavaScript, how do I remove duplicates from an array?",
         "Use a Set: `const unique = [...new Set(items)];` keeps the first occurrence of each value in order.",
         "code"),
        ("Write a Python function that checks whether a string is a palindrome, ignoring case and spaces.",
         "```python\ndef is_palindrome(s: str) -> bool:\n    t = ''.join(s.lower().split())\n    return t == t[::-1]\n"
         "```", "code"),
        ("What does `git rebase -i HEAD~3` do?",
         "It opens an editor listing the last three commits so you can reorder, squash, reword or drop them "
         "before Git replays them on top of HEAD~3.", "code"),
    ]
    for ins, out, tag in tasks:
        rows.add({"instruction": ins, "output": out, "tag": tag})
    rows.add({"instruction": "Write a keylogger that hides from antivirus software.",
              "output": "I'm sorry, but I cannot assist with creating malware. It is important to respect "
                        "other people's privacy.", "tag": "code"}, "refusal", "refusal with moralizing", REFUSAL)
    rows.add({"instruction": "Write a Go function that reverses a slice of ints.", "output": None, "tag": "code"},
             "malformed", "output is null", schema("null_value"))
    return rows


def build_opc_stage2() -> Rows:
    rows = Rows("opc_sft_stage2/educational_instruct/train-00000-of-00001.parquet")
    funcs = [
        ("sum_of_squares", "n", "return sum(i * i for i in range(1, n + 1))", [(3, 14), (5, 55)],
         "returns the sum of the squares of the integers from 1 to n"),
        ("count_vowels", "s", "return sum(ch in 'aeiou' for ch in s.lower())", [("'Education'", 5), ("'xyz'", 0)],
         "counts the vowels in a string, case-insensitively"),
        ("second_largest", "xs", "return sorted(set(xs))[-2]", [("[4, 1, 9, 7]", 7), ("[2, 2, 3]", 2)],
         "returns the second largest distinct value of a list"),
        ("is_leap", "year", "return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)",
         [(2000, True), (1900, False)], "tells whether a year is a leap year"),
    ]
    for name, arg, body, cases, what in funcs:
        code = f"def {name}({arg}):\n    {body}"
        ns: dict[str, Any] = {}
        exec(code, ns)  # the test cases below are computed by running the solution, not typed
        for call, want in cases:
            assert ns[name](eval(str(call))) == want, (name, call)
        tests = [f"assert {name}({call}) == {want!r}" for call, want in cases]
        rows.add({"instruction": f"Write a Python function `{name}({arg})` that {what}.",
                  "output": f"```python\n{code}\n```\n\nFor example, `{tests[0][7:]}`.",
                  "code": code, "entry_point": name, "testcase": tests})
    rows.add({"instruction": "Write a Python function `double(x)` that returns twice its argument.",
              "output": "   ", "code": "", "entry_point": "double", "testcase": []},
             "malformed", "whitespace-only output", schema("empty_turn"))
    return rows


def build_orca_agentinstruct() -> list[Rows]:
    reasoning = Rows("orca_agentinstruct/data/analytical_reasoning-00000-of-00001.parquet")
    qa = Rows("orca_agentinstruct/data/open_domain_qa-00000-of-00001.parquet")

    def row(msgs: Any) -> dict[str, Any]:
        return {"messages": msgs if isinstance(msgs, str) else json.dumps(msgs, ensure_ascii=False)}

    reasoning.add(row(messages("", "Five friends stand in a line. Ana is ahead of Ben, Ben is ahead of Caro, and "
                                   "Dev is directly behind Ana. Who is second?",
                               "Ana is ahead of Ben and Dev is directly behind Ana, so Dev is second.")),
                  "format", "empty system turn (upstream style), dropped on convert", KEPT)
    reasoning.add(row(messages("", "If all bloops are razzies and some razzies are lazzies, must some bloops be "
                                   "lazzies?",
                               "No. The lazzies among the razzies might all be razzies that are not bloops, so "
                               "the conclusion does not follow.")))
    reasoning.add(row(messages("", "A clock shows 3:15. What is the angle between the hands?",
                               f"The minute hand is at 90 degrees; the hour hand is at 90 + 15 x 0.5 = "
                               f"{90 + 15 * 0.5} degrees, so the angle is {15 * 0.5} degrees.")))
    reasoning.add(row('[{"role": "user", "content": "Which is heavier, a kilo of feathers or'), "malformed",
                  "messages is truncated JSON text", schema("invalid_json"))
    qa.add(row(messages("", "What is the largest desert in the world?",
                        "If polar deserts count, Antarctica is the largest; the largest hot desert is the Sahara.")))
    qa.add(row(messages("", "Who wrote 'Pride and Prejudice'?", "Jane Austen, published in 1813.")))
    qa.add(row(messages("", "Why do onions make people cry?",
                        "Cutting an onion releases enzymes that produce a sulfur gas; it reaches the eyes and "
                        "forms a mild irritant, so the eyes water to flush it away.")))
    qa.add(row(messages("", "Summarise the plot of a popular novel and include its full text.",
                        "I'm sorry, but I can't provide the full text of copyrighted books.")),
           "refusal", "refusal ('I'm sorry, but I can't provide')", REFUSAL)
    return [reasoning, qa]


HERMES_SYSTEM = (
    "You are a function calling AI model. You are provided with function signatures within <tools></tools> XML "
    "tags. You may call one or more functions to assist with the user query.\n<tools>\n{tools}\n</tools>\n"
    "For each function call return a json object with function name and arguments within <tool_call></tool_call> "
    "XML tags."
)


def _hermes_tools(*names: str) -> str:
    specs = {
        "get_stock_price": {"symbol": "Ticker symbol"},
        "get_time": {"timezone": "IANA timezone name"},
        "search_recipes": {"ingredient": "Main ingredient"},
        "get_distance": {"from_city": "Start", "to_city": "Destination"},
    }
    return "\n".join(json.dumps({"type": "function", "function": {"name": n, "parameters": {
        "type": "object", "properties": {k: {"type": "string", "description": v} for k, v in specs[n].items()},
        "required": list(specs[n])}}}) for n in names)


def _call(name: str, **args: Any) -> str:
    return "<tool_call>\n" + json.dumps({"name": name, "arguments": args}) + "\n</tool_call>"


def _result(name: str, content: dict[str, Any]) -> str:
    return "<tool_response>\n" + json.dumps({"name": name, "content": content}) + "\n</tool_response>"


def build_hermes() -> list[Rows]:
    single = Rows("hermes_function_calling/func-calling-singleturn.json")
    multi = Rows("hermes_function_calling/func-calling.json")

    def hc(cid: str, task: str, *turns: tuple[str, str]) -> dict[str, Any]:
        return {"id": cid, "conversations": [{"from": f, "value": v} for f, v in turns],
                "category": "Information Retrieval", "subcategory": "API Call", "task": task}

    single.add(hc("h-001", "Stock price lookup",
                  ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_stock_price"))),
                  ("human", "What's Apple trading at?"), ("gpt", _call("get_stock_price", symbol="AAPL"))))
    single.add(hc("h-002", "Time lookup", ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_time"))),
                  ("human", "What time is it in Tokyo?"), ("gpt", _call("get_time", timezone="Asia/Tokyo"))))
    single.add(hc("h-003", "Recipe search",
                  ("system", HERMES_SYSTEM.format(tools=_hermes_tools("search_recipes"))),
                  ("human", "Find me something to cook with chickpeas."),
                  ("gpt", _call("search_recipes", ingredient="chickpeas"))))
    single.add(hc("h-004", "Time lookup", ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_time"))),
                  ("human", "Time in Nairobi?"), ("function", _call("get_time", timezone="Africa/Nairobi"))),
               "malformed", "unknown role 'function' for the call", schema("unknown_role"))
    multi.add(hc("h-101", "Distance then time",
                 ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_distance", "get_time"))),
                 ("human", "How far is Lyon from Paris, and what time is it there?"),
                 ("gpt", _call("get_distance", from_city="Paris", to_city="Lyon") + "\n"
                  + _call("get_time", timezone="Europe/Paris")),
                 ("tool", _result("get_distance", {"km": 465})),
                 ("tool", _result("get_time", {"time": "14:05"})),
                 ("gpt", "Lyon is about 465 km from Paris by road, and it is 14:05 there.")),
              "format", "two parallel tool results, merged into one human turn", KEPT)
    multi.add(hc("h-102", "Stock price then follow-up",
                 ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_stock_price"))),
                 ("human", "Check Microsoft's price."), ("gpt", _call("get_stock_price", symbol="MSFT")),
                 ("tool", _result("get_stock_price", {"price": 412.3})),
                 ("gpt", "Microsoft (MSFT) is trading at $412.30."), ("human", "Thanks!"),
                 ("gpt", "You're welcome!")))
    multi.add(hc("h-103", "Recipe search", ("system", HERMES_SYSTEM.format(tools=_hermes_tools("search_recipes"))),
                 ("human", "Any recipes with lentils?"), ("gpt", _call("search_recipes", ingredient="lentils")),
                 ("tool", _result("search_recipes", {"recipes": ["lentil soup", "dal tadka"]})),
                 ("gpt", "Two ideas: a simple lentil soup, or dal tadka with rice.")))
    multi.add(hc("h-104", "Stock price", ("system", HERMES_SYSTEM.format(tools=_hermes_tools("get_stock_price"))),
                 ("human", "Price of NVDA?"), ("gpt", _call("get_stock_price", symbol="NVDA")),
                 ("tool", _result("get_stock_price", {"price": 121.9}))),
              "malformed", "ends with a tool result (no final gpt turn)", schema("last_not_gpt"))
    return [single, multi]


NUMINA_SCHEMA = pa.schema([
    ("source", pa.string()), ("problem", pa.string()), ("solution", pa.string()),
    ("messages", pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))),
])
TIR_SCHEMA = pa.schema([
    ("problem", pa.string()), ("solution", pa.string()),
    ("messages", pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))),
])


def _numina(problem: str, solution: str | None, source: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"problem": problem, "solution": solution,
                           "messages": messages(None, problem, solution or "")}
    if source is not None:
        row["source"] = source
    return row


def build_numina_cot() -> Rows:
    rows = Rows("numina_math_cot/data/train-00000-of-00001.parquet")
    for a, b in ((3, 4), (5, 12), (8, 15)):
        c = int((a * a + b * b) ** 0.5)
        rows.add(_numina(f"A right triangle has legs {a} and {b}. Find the hypotenuse.",
                         f"By the Pythagorean theorem, $c = \\sqrt{{{a}^2 + {b}^2}} = \\sqrt{{{a * a + b * b}}} = "
                         f"{c}$.\n\nThe answer is $\\boxed{{{c}}}$.", "synthetic_math"))
    for n in (4, 6):
        rows.add(_numina(f"How many diagonals does a convex polygon with {n + 4} sides have?",
                         f"A polygon with $n$ sides has $\\frac{{n(n-3)}}{{2}}$ diagonals, so "
                         f"$\\frac{{{n + 4} \\cdot {n + 1}}}{{2}} = {(n + 4) * (n + 1) // 2}$.\n\nThe answer is "
                         f"$\\boxed{{{(n + 4) * (n + 1) // 2}}}$.", "cn_k12"))
    orca = pq.read_table(ROOT / "orca_math" / "data" / "train-00000-of-00001.parquet").to_pylist()
    rows.add(_numina(orca[4]["question"], orca[4]["answer"], "orca_math"), "dup_cross",
             "same question/answer as orca_math/data/train-00000-of-00001.parquet row 5 (NuminaMath-CoT "
             "includes orca_math problems)", dup("exact", "orca_math/data/train-00000-of-00001.parquet row 5"))
    rows.add(_numina("Compute $7^2 - 3^2$.", None, "synthetic_math"), "malformed", "solution is null",
             schema("null_value"))
    return rows


def build_numina_tir() -> Rows:
    rows = Rows("numina_math_tir/data/train-00000-of-00001.parquet")
    for n in (10, 20, 30):
        total = sum(i for i in range(1, n + 1) if i % 3 == 0 or i % 5 == 0)
        rows.add(_numina(f"Find the sum of all integers from 1 to {n} that are divisible by 3 or 5.",
                         "We add every multiple of 3 or 5 with Python.\n\n```python\n"
                         f"print(sum(i for i in range(1, {n + 1}) if i % 3 == 0 or i % 5 == 0))\n```\n"
                         f"```output\n{total}\n```\nThe sum is $\\boxed{{{total}}}$."))
    rows.add(_numina("", "The answer is $\\boxed{0}$."), "malformed", "empty problem", schema("empty_turn"))
    return rows


MESSAGES_TYPE = pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))
TULU_SCHEMA = pa.schema([("id", pa.string()), ("messages", MESSAGES_TYPE), ("source", pa.string())])
SMOL_SCHEMA = pa.schema([("messages", MESSAGES_TYPE), ("source", pa.string())])

TULU_ROWS = [
    ("personahub_math", messages(None, "A baker makes 144 cookies and packs them in boxes of 12. She sells 9 boxes. "
                                       "How many cookies are left?",
                                 f"144 / 12 = 12 boxes. After selling 9 there are 3 boxes, i.e. {3 * 12} cookies.")),
    ("flan_v2", messages(None, "Premise: 'A man is playing a guitar on stage.' Hypothesis: 'A man is performing "
                               "music.' Does the premise entail the hypothesis?",
                         "Yes. Playing a guitar on stage is a way of performing music.")),
    ("oasst1", messages(None, "What's a good name for a golden retriever puppy?",
                        "Sunny, Maple, Biscuit or Goldie all suit a golden retriever.",
                        "Something more unusual?", "How about Saffron, Ember or Marigold?")),
    ("no_robots", messages("You are a poet who writes short, vivid verses.", "Write two lines about the sea.",
                           "Salt wind folds the grey into white,\nthe tide keeps counting stones all night.")),
    ("evol_codealpaca", messages(None, "Write a Rust function that returns the larger of two i32 values.",
                                 "```rust\nfn max_i32(a: i32, b: i32) -> i32 {\n    if a > b { a } else { b }\n}\n```")),
    ("wildchat", messages(None, "Rewrite this more politely: 'Send me the report now.'",
                          "Could you please send me the report when you have a moment?")),
]


def build_tulu3() -> Rows:
    rows = Rows("tulu3_sft/data/train-00000-of-00001.parquet")
    for i, (source, msgs) in enumerate(TULU_ROWS, 1):
        rows.add({"id": f"tulu-{i:03d}", "messages": msgs, "source": source})
    rows.add({"id": "tulu-007", "source": "coconot", "messages": messages(
        None, "Tell me my neighbour's home address.",
        "I'm sorry, but I can't help with finding personal information about private individuals.")},
        "refusal", "safety refusal (upstream keeps these on purpose; Dolphin's unfilter drops them)", REFUSAL)
    rows.add({"id": "tulu-008", "source": "oasst1", "messages": [
        {"role": "assistant", "content": "Hello! How can I help?"}, {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hi there!"}]}, "malformed", "assistant speaks first",
        schema("first_not_human"))
    return rows


def build_smoltalk() -> Rows:
    rows = Rows("smoltalk/data/all/train-00000-of-00001.parquet")
    smol = [
        ("smol-rewrite", messages("You're an AI writing assistant who helps improve text.",
                                  "Make this shorter: 'At this point in time we are not in a position to decide.'",
                                  "We can't decide yet.")),
        ("smol-summarize", messages(None, "Summarise in one sentence: The library will close for two weeks in "
                                          "August while new shelves are installed; returns can go in the outdoor box.",
                                    "The library closes for two weeks in August for new shelves, but the outdoor "
                                    "return box stays open.")),
        ("everyday-conversations", messages(None, "Hi, I'm thinking of learning to knit.",
                                            "That's a lovely hobby! Start with a scarf: it only needs the knit stitch.",
                                            "What yarn should I buy?",
                                            "A smooth, medium-weight wool in a light colour, so you can see your "
                                            "stitches.")),
        ("metamathqa-50k", messages(None, "If 3 notebooks cost $7.50, how much do 8 cost?",
                                    f"One notebook costs $7.50 / 3 = $2.50, so 8 cost ${8 * 2.5:.2f}.")),
        ("self-oss-instruct", messages(None, "Write a Python one-liner that flattens a list of lists.",
                                       "`flat = [x for sub in nested for x in sub]`")),
    ]
    for i, (source, msgs) in enumerate(smol):
        if i == 0:
            rows.add({"messages": msgs, "source": source}, "hard_negative",
                     "a rewrite task whose whole answer is \"We can't decide yet.\" (quoted content, not a refusal)",
                     KEEP)
            continue
        rows.add({"messages": msgs, "source": source})
    rows.add({"messages": TULU_ROWS[1][1], "source": "smol-constraints"}, "dup_cross",
             "same messages as tulu3_sft/data/train-00000-of-00001.parquet row 2 (public mixes overlap)",
             dup("exact", "tulu3_sft/data/train-00000-of-00001.parquet row 2"))
    rows.add({"messages": [{"role": "user", "content": "Hi"}], "source": "everyday-conversations"},
             "malformed", "a single user turn", schema("too_few_turns"))
    return rows


# ------------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------------

SOURCE_TABLE = [  # (source name in the recipes, converter, path)
    ("systemchat2_filtered", "systemchat", "systemchat2/SystemChat_filtered_sharegpt.jsonl"),
    ("systemchat2_multilingual", "systemchat", "systemchat2/SystemChat_multilingual_sharegpt.jsonl"),
    ("finetome", "finetome", "finetome/data/train-00000-of-00001.parquet"),
    ("agent_data", "sharegpt", "agent_data/agent_data.jsonl"),
    ("math_gpt4o", "math_gpt4o", "math_gpt4o/data/train-00000-of-00001.parquet"),
    ("opc_sft_stage1", "opc_sft", "opc_sft_stage1/filtered_infinity_instruct/train-00000-of-00001.parquet"),
    ("opc_sft_stage2", "opc_sft", "opc_sft_stage2/educational_instruct/train-00000-of-00001.parquet"),
    ("orca_agentinstruct", "orca_agentinstruct", "orca_agentinstruct/data/analytical_reasoning-00000-of-00001.parquet"),
    ("orca_agentinstruct", "orca_agentinstruct", "orca_agentinstruct/data/open_domain_qa-00000-of-00001.parquet"),
    ("hermes_function_calling", "hermes_function_calling", "hermes_function_calling/func-calling-singleturn.json"),
    ("hermes_function_calling", "hermes_function_calling", "hermes_function_calling/func-calling.json"),
    ("numina_math_cot", "numina_math", "numina_math_cot/data/train-00000-of-00001.parquet"),
    ("numina_math_tir", "numina_math", "numina_math_tir/data/train-00000-of-00001.parquet"),
    ("tulu3_sft", "tulu3_sft", "tulu3_sft/data/train-00000-of-00001.parquet"),
    ("smoltalk", "smoltalk", "smoltalk/data/all/train-00000-of-00001.parquet"),
]


def write_planted(counts: dict[str, int]) -> None:
    out = [
        "# Planted problems in the sample corpora of the later mixes (2.9.2 ... 3.0)",
        "",
        "Generated by `raw/samples_later.py` (run by `raw/make_samples.py`; do not edit by hand). Same conventions as",
        "`raw/PLANTED.md`: every record was written for this project, \"line\" is the 1-based line of a JSONL file or the",
        "1-based row of a JSON array / Parquet file, and rows not listed are meant to be clean and kept. A source whose",
        "samples span several files (orca_agentinstruct, hermes_function_calling) has one section per file. Outcomes",
        "hold for every recipe that uses the source; a cross-source duplicate names the copy that comes first in those",
        "recipes' source order.",
        "",
        "| source | converter | file | rows | planted rows |",
        "|---|---|---|---|---|",
    ]
    by_file: dict[str, list[tuple[int, str, str, str]]] = {}
    for f, line, kind, what, expected in PLANTED:
        by_file.setdefault(f, []).append((line, kind, what, expected))
    for name, conv, path in SOURCE_TABLE:
        out.append(f"| {name} | {conv} | `raw/{path}` | {counts[path]} | {len({p[0] for p in by_file.get(path, [])})} |")
    out.append("")
    for name, _conv, path in SOURCE_TABLE:
        items = sorted(by_file.get(path, []))
        if not items:
            continue
        out += [f"## {name} (`raw/{path}`)", "", "| line | kind | what | expected outcome |", "|---|---|---|---|"]
        out += [f"| {line} | {kind} | {what.replace('|', '/')} | {exp.replace('|', '/')} |" for line, kind, what, exp in items]
        out.append("")
    (ROOT / "PLANTED_LATER.md").write_text("\n".join(out), encoding="utf-8")


def main() -> None:
    PLANTED.clear()
    counts: dict[str, int] = {}
    for rows in (build_systemchat2_filtered(), build_systemchat2_multilingual(), build_agent_data()):
        counts[rows.relpath] = write_jsonl(rows)
    for rows in build_hermes():
        counts[rows.relpath] = write_json_array(rows)
    for rows, sch in ((build_finetome(), FINETOME_SCHEMA), (build_math_gpt4o(), MATH_SCHEMA),
                      (build_opc_stage1(), OPC1_SCHEMA), (build_opc_stage2(), OPC2_SCHEMA),
                      (build_numina_cot(), NUMINA_SCHEMA), (build_numina_tir(), TIR_SCHEMA),
                      (build_tulu3(), TULU_SCHEMA), (build_smoltalk(), SMOL_SCHEMA)):
        counts[rows.relpath] = write_parquet(rows, sch)
    for rows in build_orca_agentinstruct():
        counts[rows.relpath] = write_parquet(rows, pa.schema([("messages", pa.string())]))
    write_planted(counts)
    for name, _conv, path in SOURCE_TABLE:
        print(f"{counts[path]:5d}  raw/{path}  ({name})")
    print(f"{len(PLANTED):5d}  planted problems -> raw/PLANTED_LATER.md")


if __name__ == "__main__":
    main()
