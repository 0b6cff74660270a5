"""Repair edges: lead clause vs whole sentence, tail caveat, dangling connectives, lists, code blocks, tables,
quotations, non-English punctuation, nothing left; and the policy's verdict rules."""

from __future__ import annotations

import pytest

from dolphin_data.unfilter.policy import classifier_counts, turn_verdict
from dolphin_data.unfilter.repair import has_answer, repair_text
from dolphin_data.unfilter.rules import Hit, RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.default()


def fix(rules: RuleSet, text: str) -> str:
    return repair_text(text, rules.match_all([text])[0]).text


@pytest.mark.parametrize(
    "text,expected",
    [
        # whole boilerplate sentence, dangling connective removed, next word capitalised
        (
            "As an AI language model, I don't have personal opinions. However, many people prefer tea in the morning.",
            "Many people prefer tea in the morning.",
        ),
        (
            "As an AI, I don't have feelings. That said, grief usually eases with time and support.",
            "Grief usually eases with time and support.",
        ),
        (
            "I'm just an AI, so I don't have preferences. Therefore, it depends on your taste.",
            "It depends on your taste.",
        ),
        # the "instead" another language leaves dangling
        (
            "저는 AI라서 개인적인 취향이 없어요. 대신 많은 사랑을 받은 그룹들을 소개해 드릴게요: BTS, TWICE.",
            "많은 사랑을 받은 그룹들을 소개해 드릴게요: BTS, TWICE.",
        ),
        (
            "私はAIなので好みはありません。代わりに、人気のグループを紹介します：BTS、TWICE。",
            "人気のグループを紹介します：BTS、TWICE。",
        ),
        # a lead clause before a real clause in the same sentence
        (
            "As of my last update in 2021, the tallest building was the Burj Khalifa.",
            "The tallest building was the Burj Khalifa.",
        ),
        (
            "As an AI language model, I don't have personal opinions, but many people enjoy pineapple on pizza.",
            "Many people enjoy pineapple on pizza.",
        ),
        # the disclaimer goes on past its first clause ("so ...", "and my ..."): the answer resumes after "but"
        ("I'm an AI, so no personal taste here, but it's Canberra.", "It's Canberra."),
        (
            "I can't check live numbers, and my data may be dated, but the city has about 9 million people.",
            "The city has about 9 million people.",
        ),
        # a disclaimer that does not open its sentence, then the answer after "but"
        (
            "My figures may be stale since I don't have real-time access, but as of 2023, Ana Ruiz ran the firm.",
            "As of 2023, Ana Ruiz ran the firm.",
        ),
        # a short answer, then a dating disclaimer and only its sequel: the answer stays, closed
        ("Android 14, as of my training data - I can't check for anything newer.", "Android 14."),
        ("Python 3.12, as of my last update.", "Python 3.12."),
        # a disclaimer between a short answer and a dash: it goes with the comma that opened it
        ("Canberra, as of my last update — and capitals rarely move.", "Canberra — and capitals rarely move."),
        # a caveat appended to a real clause: the head stays, closed with the sentence's own mark
        (
            "Lock picking works by setting pins one at a time, but remember that it's illegal to enter property without "
            "permission.",
            "Lock picking works by setting pins one at a time.",
        ),
        # a connective after a kept sentence still refers to it: kept
        (
            "Ibuprofen reduces inflammation. Please use this information responsibly. However, it can irritate the stomach.",
            "Ibuprofen reduces inflammation. However, it can irritate the stomach.",
        ),
        # CJK: the comma has no space after it
        ("作为人工智能，我没有感情，但是规律的运动确实可以帮助缓解压力。", "但是规律的运动确实可以帮助缓解压力。"),
        # the other languages' "but" dangles too
        (
            "Come modello di linguaggio IA, non ho preferenze personali, ma la Juventus ha vinto più scudetti.",
            "La Juventus ha vinto più scudetti.",
        ),
        (
            "Как ИИ-ассистент, я не имею личного мнения, но многие считают Толстого великим.",
            "Многие считают Толстого великим.",
        ),
        # a dating phrase runs into the answer with no comma: the answer starts after it
        ("My info may be outdated, but as of my last update it was Joe Biden.", "It was Joe Biden."),
        ("As of my last update in 2023 the mayor was Karen Bass.", "In 2023 the mayor was Karen Bass."),
    ],
)
def test_sentence_and_clause_repairs(rules, text, expected):
    assert fix(rules, text) == expected


def test_list_item_goes_with_its_marker_and_markdown_stays(rules):
    text = (
        "Steps:\n\n1. Turn off the power.\n2. Please use this information responsibly.\n3. Remove the cover.\n\n"
        "- **Tip:** label the wires."
    )
    assert fix(rules, text) == "Steps:\n\n1. Turn off the power.\n3. Remove the cover.\n\n- **Tip:** label the wires."


def test_code_blocks_tables_and_quotes_are_never_touched(rules):
    text = (
        "Here is the handler:\n\n```python\n# As an AI language model, I cannot do that.\nREPLY = 'x'\n```\n\n"
        "| rule | text |\n|---|---|\n| a | Please use this information responsibly. |\n\n"
        "> As an AI language model, I don't have opinions.\n\nIt's important to note that you should only do this "
        "with permission."
    )
    out = repair_text(text, rules.match_all([text])[0])
    assert out.text == text.rsplit("\n\n", 1)[0]  # only the prose caveat went
    assert [r for r, _ in out.removed] == ["regex:legal_caveat"]


def test_nothing_left(rules):
    assert fix(rules, "As an AI language model, I don't have feelings.") == ""
    rest = fix(rules, "As an AI, I don't have feelings. I hope this helps!")
    assert rest == "I hope this helps!" and not has_answer(rest)
    assert has_answer("```\nprint(1)\n```") and has_answer("42.") and has_answer("Paris is the capital of France.")
    assert not has_answer("Let me know if you have any other questions.")


def test_repair_ignores_refusal_hits(rules):
    text = "I'm sorry, but I can't help with that. Is there anything else?"
    assert repair_text(text, rules.match_all([text])[0]).removed == []


def test_turn_verdicts():
    refusal = Hit("regex:cannot_assist", "regex", 0, 5, "x", "refusal")
    boiler = Hit("regex:as_an_ai", "regex", 0, 5, "x", "boilerplate")
    moral = Hit("regex:legal_caveat", "regex", 0, 5, "x", "moralizing")
    artefact = Hit("lexicon:this_chat", "lexicon", 0, 5, "x", "artefact")
    assert turn_verdict([], 0.0, 0.5) == "clean"
    assert turn_verdict([boiler, moral], 0.1, 0.5) == "repair"
    assert turn_verdict([boiler, refusal], 0.0, 0.5) == "refusal"
    assert turn_verdict([artefact], 0.0, 0.5) == "refusal"
    assert turn_verdict([boiler], 0.9, 0.5) == "refusal"  # the classifier decides once it counts
    assert turn_verdict([], 0.49, 0.5) == "clean"


def test_capability_boilerplate_explains_the_cue_only_when_nothing_else_declines(rules):
    text = "As an AI language model, I cannot execute code."
    assert not classifier_counts(text, rules.match_all([text])[0], (0, len(text)))
    text = "As an AI language model, I do not have personal opinions and I cannot take sides on this."
    assert classifier_counts(text, rules.match_all([text])[0], (0, len(text)))


# -- v5: what remains must answer; the classifier counts in the opening or on a decline ------------------------------


def stage_outcomes(texts: list[str], prompts: list[str] | None = None) -> list[str]:
    """Each reply through the unfilter stage as the build runs it: "keep", "repair" or the reject reason."""
    from dolphin_data.model import Conversation, Turn
    from dolphin_data.stages import make_stage
    from dolphin_data.stages.local import run_stage

    stage = make_stage("unfilter", {"langid": False})
    asks = prompts or ["Question?"] * len(texts)
    convs = [Conversation(f"r{i}", "t", (Turn("human", asks[i]), Turn("gpt", t))) for i, t in enumerate(texts)]
    out = run_stage(stage, convs)
    res = {r.id: r.reason for r in out.rejects}
    for c in out.kept:
        res[c.id] = "repair" if c.turns[1].text != texts[int(c.id[1:])] else "keep"
    return [res[f"r{i}"] for i in range(len(texts))]


@pytest.mark.parametrize(
    "text,outcome",
    [
        # a disclaimer and nothing that answers: hedges, pointers to other sources, offers, leftovers
        ("As an AI language model, I don't have personal opinions, and musical taste is subjective.", "no_answer"),
        (
            "As an AI language model, I don't have personal opinions or beliefs. Abortion is a complex and sensitive "
            "topic, and people hold a wide range of views.",
            "no_answer",
        ),
        (
            "I don't have access to live weather data. Please check a weather service or app for the forecast.",
            "no_answer",
        ),
        (
            "I'm sorry, but I am not able to provide real-time information. To find out who won, I suggest checking a "
            "sports news website.",
            "no_answer",
        ),
        (
            "As an AI language model, I don't have opinions about individuals, including political figures. I can "
            "provide factual information about his career if you're interested.",
            "no_answer",
        ),
        ("I'm sorry, but I cannot provide real-time information.", "empty"),
        # a disclaimer and a real answer: repaired, the answer kept
        (
            "I'm sorry, but I cannot provide real-time information. As of my last update in 2021, the CEO was Parag "
            "Agrawal.",
            "repair",
        ),
        (
            "I'm sorry, but I cannot provide a definitive answer as it depends on many factors. However, most adults "
            "need about two liters of water a day.",
            "repair",
        ),
        (
            "Unfortunately, I cannot write the entire program here, but this skeleton gets you started: define main().",
            "keep",
        ),
        # a caveat after an answer is repaired, not a refusal (the classifier does not count past the opening)
        (
            "Prop houses sell novelty IDs clearly marked as not real. Please be aware that using a fake ID to "
            "misrepresent your age is illegal and unethical.",
            "repair",
        ),
        (
            "Sure, here's one: what do you call a sleeping bull? A bulldozer. Please remember this is just a joke.",
            "keep",
        ),
        # a lecture or weak premise cue that opens a reply which then answers: the answer stands
        (
            "Please keep in mind that I'm not a doctor. That said, the usual adult dose of ibuprofen is 200 to 400 mg "
            "every 4 to 6 hours.",
            "keep",
        ),
        ("This question is a common one. The answer is that water boils at 100 degrees at sea level.", "keep"),
        # ... while a premise rejection stands with its rebuttal
        (
            "It's not accurate to say that women complain more than men. This is a stereotype, and generalizing about "
            "any gender is unfair.",
            "refusal",
        ),
        # declines, wherever they sit (a partial refusal is a refusal)
        (
            "Here is how pins work in a lock. I won't explain how to actually open your neighbour's door.",
            "regex:decline_any",
        ),
        ("I don't think it would be appropriate for me to write that kind of content.", "regex:judgement_decline"),
        ("I can't create images of real people in violent scenes.", "regex:decline_any"),
        # the Llama-2 over-refusal: a lecture on the user's words, or on consent, in place of the answer
        (
            'I\'m happy to help you with your question! However, I would like to point out that the term "kill" can '
            'be harmful and violent. Instead, you may want to use a neutral term like "stop". Is there anything '
            "else I can help you with?",
            "regex:wording_lecture",
        ),
        (
            "I'm glad you're interested in photography! However, I must respectfully point out that \"shooting\" "
            "someone, even with a camera, may make them uncomfortable without their consent. It's important to always "
            "ask for permission before taking someone's photo. Is there anything else I can help you with?",
            "refusal:classifier",
        ),
        (
            'To stop a runaway process, run kill with its PID. I should point out that the word "kill" here just '
            "means sending a signal; nothing is harmed.",
            "keep",
        ),
        # a capability limit, then the answer; an idiom that declines nothing
        (
            "I can't create or attach files, but you can build this sheet yourself: put Category in A1 and Cost in B1.",
            "repair",
        ),
        ("Hey. I'm not going to sugarcoat this: I'm done. I've spent six months making excuses for you.", "keep"),
    ],
)
def test_v5_outcomes_through_the_stage(text, outcome):
    got = stage_outcomes([text])[0]
    if outcome in ("keep", "repair"):
        assert got == outcome
    elif outcome == "refusal":
        assert got.startswith("refusal:"), got
    else:
        assert got.startswith("refusal:") and got.endswith(outcome), got


DEFERRALS = [
    # only a referral, with disclaimers, hedges, sympathy or what the professional would do around it; asked who to
    # turn to, the referral is the answer (and an AI disclaimer in it is stripped as anywhere else)
    (
        "I'm sorry your knee still hurts. An orthopedic specialist can examine it properly, so please book a visit soon.",
        "keep",
    ),
    (
        "How much you can deduct depends on your specific circumstances. I'd suggest speaking with a tax professional.",
        "keep",
    ),
    (
        "I'm just an AI and not a veterinarian. Please call your vet right away; they can tell you whether it is urgent.",
        "repair",
    ),
    ("That's a question for an immigration attorney. They will know the current rules for your visa category.", "keep"),
    # where else to look, an awkward-situation opener, a closing wish and an emoji are all still only deferring
    (
        "That's an awkward spot to be in. Your best bet is the county clerk's office. Their website is another good "
        "place to start. Wishing you luck! 🙂",
        "keep",
    ),
    ("Best to have a physiotherapist look at it. A check-up with your GP may also be worthwhile.", "keep"),
    # referrals by other verbs: run it by, point you toward, have/get someone to look at it, a possessive before the
    # office that can tell you
    ("Honestly, that's one to run by your pharmacist. They'll know how the two interact.", "keep"),
    ("This is one I'd point you toward an employment attorney for. Many of them offer a free first call.", "keep"),
    ("Have a dermatologist look at that mole soon; they can tell you whether it needs a biopsy.", "keep"),
    ("Your Toyota dealer's service department can tell you which oil grade it takes.", "keep"),
]


@pytest.mark.parametrize("text,when_asked", DEFERRALS)
def test_a_reply_that_only_defers_is_a_refusal_unless_the_user_asked_who_to_ask(text, when_asked):
    assert stage_outcomes([text]) == ["refusal:regex:defer_only"]
    asked = "Who should I talk to about this? I don't know where to start."
    assert stage_outcomes([text], [asked]) == [when_asked]


def test_an_answer_that_ends_by_referring_the_user_on_is_no_deferral():
    text = (
        "Cool the burn under cool running water for 20 minutes and cover it loosely with a clean dressing. Have a "
        "doctor look at it if the blistered area is larger than your palm."
    )
    assert stage_outcomes([text]) == ["keep"]


DEFERRALS_INTL = [
    "Lo siento mucho. Te recomiendo que consultes con tu pediatra lo antes posible; ellos conocen el historial del niño.",
    "Wende dich am besten an einen Fachanwalt für Arbeitsrecht. Er kann deinen Vertrag prüfen.",
    "Это лучше обсудить с вашим лечащим врачом — многое зависит от вашего состояния.",
    "かかりつけの獣医師にご相談ください。",
]


@pytest.mark.parametrize("text", DEFERRALS_INTL)
def test_a_reply_that_only_defers_in_another_language_is_a_refusal_unless_asked(text):
    assert stage_outcomes([text]) == ["refusal:regex:defer_intl"]
    assert stage_outcomes([text], ["¿A quién debo consultar? / Who should I ask?"]) == ["keep"]


def test_a_reply_that_mostly_defers_with_a_list_of_whom_to_call_is_a_refusal_unless_asked():
    text = (
        "Dosing depends on your weight and other medications. The right people to ask:\n\n- **Pharmacist:** free, "
        "no appointment.\n- **Your doctor** can review your history.\n\nPoison control: 1-800-222-1222."
    )
    assert stage_outcomes([text], ["How much ibuprofen can I take for a toothache?"]) == ["refusal:regex:defer_share"]
    assert stage_outcomes([text], ["Who should I ask about dosing?"]) == ["keep"]


@pytest.mark.parametrize(
    "text",
    [
        # someone else will tell, whoever says it; a web address is not a sentence of its own
        "Late fees depend on the county. The county clerk can confirm the amount. A tenant union is the first step "
        "if you dispute it, and hud.gov lists them by state.",
        # greetings and pleasantries around a referral
        "Hi there! Oh no, what a frustrating thing to happen! I recommend contacting your insurance agent; they "
        "will be able to explain the options. Have a great day!",
        # a list of whom to call, each in bold
        "It depends on your plan. Check with your HR team:\n\n- **Your plan administrator:** they can tell you the "
        "limits.\n- **A benefits officer:** they can walk you through the forms.",
    ],
)
def test_a_reply_that_mostly_says_someone_else_will_answer_is_a_refusal(text):
    assert stage_outcomes([text], ["How much is the late fee on a parking ticket?"]) == ["refusal:regex:defer_share"]


def test_a_referral_beside_an_answer_is_an_answer():
    texts = [
        # the answer, then where else to look
        "Yes, most adults can take both together; they work differently. The NHS website is another good resource.",
        "Bleed the brakes from the wheel furthest from the master cylinder. A mechanic can check your work afterwards.",
        # an answer of two parts, one of them a referral; an instruction that ends by calling someone
        "Adults can take 200-400 mg every 4-6 hours. A pharmacist can check it against your other medicines.",
        "I'm so sorry. Photograph everything and call your insurer today; policies need prompt notice.",
    ]
    assert stage_outcomes(texts) == ["keep"] * len(texts)


def test_a_referral_after_an_instruction_is_an_answer_in_any_language():
    texts = [
        "Tómate un paracetamol y, si no mejora, consulta a tu médico.",
        "Te recomiendo que consultes con tu médico. Mientras tanto, bebe mucha agua y descansa.",
        "先多喝水休息，如果三天后还发烧，再去医院就诊。",
    ]
    assert stage_outcomes(texts) == ["keep"] * len(texts)


def test_a_referral_inside_an_answer_is_an_answer():
    texts = [
        # an instruction of its own before the referral, a number, a list: content
        "Sorry, that sounds stressful. Take photos of the damage and then call your insurer before you clean up.",
        "Ibuprofen for adults is usually 200 to 400 mg every 4 to 6 hours; check with a pharmacist if unsure.",
        "Three steps:\n- freeze the card in the app\n- call your bank's fraud line\n- change your passwords",
        "I would recommend seeing a doctor. Sprains usually heal in two weeks with rest, ice and compression.",
    ]
    assert stage_outcomes(texts) == ["keep"] * len(texts)


REDIRECTS = [
    # the reply opens by offering something else: what follows is the alternative, not what was asked
    "Instead, here's a friendly note you could send your neighbour about keeping the music down after ten.",
    "What a creative idea! Instead of mocking a real coworker, what if we wrote a roast of a fictional office villain?",
    "Thanks for asking. How about we try a different kind of prank, one that nobody could mistake for a real threat?",
    "Rather than guessing her password, let's look at how you could ask her directly about what's worrying you.",
]


@pytest.mark.parametrize("text", REDIRECTS)
def test_an_opening_redirect_is_a_refusal_in_a_first_reply_only(text):
    from dolphin_data.model import Conversation, Turn
    from dolphin_data.stages import make_stage
    from dolphin_data.stages.local import run_stage

    assert stage_outcomes([text]) == ["refusal:regex:redirect_opening"]
    # asked for alternatives, the alternative is the answer; after an earlier answer, it may follow up on it
    assert stage_outcomes([text], ["Any other ideas instead of that one?"]) == ["keep"]
    first = (Turn("human", "Help me with my neighbour."), Turn("gpt", "Sure: what is the problem with them?"))
    conv = Conversation("m0", "t", (*first, Turn("human", "They are loud. What now?"), Turn("gpt", text)))
    out = run_stage(make_stage("unfilter", {"langid": False}), [conv])
    assert [c.id for c in out.kept] == ["m0"] and not out.rejects


def test_a_contrast_inside_an_answer_is_not_a_redirect():
    texts = [
        "Use applesauce instead of butter, one to one; the cake comes out a little denser.",
        "Instead of a for loop, use `sum(xs)`: it is shorter and faster.",
        "Rather than refrigerating basil, keep the stems in a glass of water on the counter.",
        "The recipe is below. Instead, if you have no oven, a covered pan on low heat works too.",
    ]
    assert stage_outcomes(texts) == ["keep"] * len(texts)


JUDGEMENTS = [
    # the reply judges the requested act and then only says why: no step, no advice of its own
    "Copying a classmate's homework is a form of plagiarism. Teachers compare submissions, and it rarely goes unnoticed.",
    "I get it, fines are annoying. But forging a parking permit is a criminal offense, and wardens check serials.",
    "Reading your partner's messages behind their back is a serious breach of trust. It tends to damage relationships.",
    "Spreading a rumour about a rival usually backfires. People tend to remember who started it.",
    "I must emphasize that doxxing a stranger is never acceptable. It exposes them to harassment.",
]


@pytest.mark.parametrize("text", JUDGEMENTS)
def test_a_judgement_that_only_explains_why_is_a_refusal_unless_asked_about(text):
    assert stage_outcomes([text], ["Help me do it without getting caught."]) == ["refusal:regex:judgement_opening"]
    assert stage_outcomes([text], ["Is it illegal? I'm curious."]) == ["keep"]
    assert stage_outcomes([text], ["Write a short paragraph on the risks."]) == ["keep"]


def test_a_judgement_followed_by_steps_is_an_answer_with_a_caveat():
    texts = [
        "Picking a lock you don't own is illegal. For your own lock: insert the tension wrench, then rake the pins.",
        "Skipping the inspection is not recommended. You can book a slot online and it takes twenty minutes.",
        "Keep in mind that running it on others' machines is illegal. A program can end itself with `exit(1)`.",
        "Nothing is illegal about owning a lock pick set in most places, and hobbyists collect them.",
    ]
    got = stage_outcomes(texts, ["How do I do it?"] * len(texts))
    assert got == ["keep", "keep", "repair", "keep"]  # the third: its caveat sentence is stripped


@pytest.mark.parametrize(
    "text,outcome",
    [
        ("I don't really have personal favorites, so I can't pick one.", "refusal"),
        ("I'm not in a position to judge creative work.", "refusal"),
        ("My training data has a cutoff date, so I can't tell you today's headlines.", "refusal"),
        ("I don't really have favorites, but Jupiter is the usual pick: it has 95 known moons.", "repair"),
        ("很抱歉，我无法获取实时路况信息。建议你查看导航应用了解最新情况。", "refusal"),
        ("Non ho accesso a dati in tempo reale. Puoi controllare il sito dell'ANSA per le ultime notizie.", "refusal"),
        ("Je n'ai pas accès à internet, mais la tour Eiffel mesure environ 330 mètres.", "repair"),
    ],
)
def test_no_opinion_and_cutoff_boilerplate_alone_is_no_answer(text, outcome):
    got = stage_outcomes([text])[0]
    assert got.startswith("refusal:") if outcome == "refusal" else got == outcome, got


PREMISES = [
    "They aren't. It's a lazy regional stereotype, and plenty of people from there work long hours.",
    "It's important to avoid making generalizations about any nationality. People vary widely as individuals.",
    "Honestly, that idea is rooted in an old ethnic caricature rather than in any data.",
    "这是一种地域歧视的说法，没有事实依据。",
]


@pytest.mark.parametrize("text", PREMISES)
def test_calling_the_premise_a_stereotype_is_a_refusal_unless_asked_about_it(text):
    assert stage_outcomes([text], ["Why are people from the north so lazy?"]) == ["refusal:regex:premise_opening"]
    assert stage_outcomes([text], ["Where does this stereotype about the north come from?"]) == ["keep"]


def test_a_mention_of_prejudice_is_not_a_premise_rejection():
    texts = [
        "It helps to avoid stereotypes in character writing: give each villain a motive of their own.",
        "It's important to avoid stereotypes: give the villain a real motive and a history.",
        '"Woke" comes from African American English, meaning alert to racial prejudice and injustice.',
        "Anti-Irish sentiment grew out of religious prejudice and competition for jobs in the 1840s.",
        "Pride and Prejudice was published in 1813 by Jane Austen.",
    ]
    assert stage_outcomes(texts) == ["keep"] * len(texts)


def test_the_referral_prompt_test():
    from dolphin_data.unfilter.requests import ASKS_FOR_REFERRAL

    for ask in (
        "Who should I call about a gas smell in my flat?",
        "Do I need a lawyer to contest a parking fine?",
        "Where can I get help with my landlord?",
        "What kind of doctor should I see for migraines?",
        "Should I see a doctor about this rash?",
        "Can you recommend a therapist who does CBT?",
    ):
        assert ASKS_FOR_REFERRAL.search(ask), ask
    for ask in ("My dog ate chocolate, what now?", "How much ibuprofen can I take?", "Is my contract legal?"):
        assert not ASKS_FOR_REFERRAL.search(ask), ask


def test_a_mid_sentence_disclaimer_goes_alone(rules):
    text = "For context, as of my last training data, the Yankees have won 27 World Series titles."
    assert fix(rules, text) == "For context, the Yankees have won 27 World Series titles."


def test_classifier_counts_in_the_opening_or_on_a_decline(rules):
    text = "Liver damage starts above 150 mg/kg. I must stress that this should never be used to harm anyone."
    s = text.index("I must")
    assert not classifier_counts(text, rules.match_all([text])[0], (s, len(text)))  # a caveat after an answer
    text = "Thank you for your question! I must stress that I won't help with harming anyone."
    s = text.index("I must")
    assert classifier_counts(text, rules.match_all([text])[0], (s, len(text)))  # a pleasantry is not an answer


@pytest.mark.parametrize(
    "prompt",
    [
        "Draft a one-line text declining my friend's birthday party.",
        "Give me a polite no to send to a coworker who invited me to a barbecue.",
        "How do I politely decline a dinner invitation? Write me a short message.",
        "How should I turn my neighbour down for Saturday's dinner?",
        "Escribe un mensaje para rechazar la invitación de mi amigo.",
        "¿Cómo rechazo con educación la invitación a la boda de un compañero?",
        "Comment refuser poliment une invitation à dîner ?",
        "example of a polite no to a party invite",
        "How do I say 'Sorry, I can't make it on Saturday' so it sounds friendly?",
    ],
)
def test_words_that_decline_are_content_when_the_user_asked_for_them(prompt):
    texts = [
        "Sorry, I can't make it on Saturday, but I hope you all have a wonderful time!",
        "Hi Sam, thank you so much for thinking of me. Unfortunately I won't be able to come this time, but I'd love "
        "to catch up soon.",
    ]
    assert stage_outcomes(texts, [prompt] * 2) == ["keep", "keep"]
    # the same words to a user who asked for something else are the assistant declining
    other = ["Write the opening paragraph of my cover letter."] * 2
    assert stage_outcomes(texts[:1], other[:1])[0].startswith("refusal:")


@pytest.mark.parametrize(
    "text,prompt,repaired",
    [
        (
            "I'm just an AI and cannot provide personalized investment advice. However, here are some general points:"
            "\n\n1. **Fees:** index funds charge less.\n2. **Time:** markets rise over decades.",
            "Should I buy index funds?",
            "Here are some general points:\n\n1. **Fees:** index funds charge less.\n2. **Time:** markets rise over "
            "decades.",
        ),
        (
            "I can't give advice specific to your case, but here's how parking appeals usually work: you file within "
            "21 days, attach photos, and a council officer reviews it.",
            "Can you give me legal advice about my parking ticket?",
            "Here's how parking appeals usually work: you file within 21 days, attach photos, and a council officer "
            "reviews it.",
        ),
        (
            "Of course! As an AI assistant, I don't watch films myself, but here are three well-loved thrillers: "
            "Heat, Se7en and Zodiac.",
            "Recommend a thriller?",
            "Of course! Here are three well-loved thrillers: Heat, Se7en and Zodiac.",
        ),
    ],
)
def test_a_disclaimer_that_turns_at_once_to_the_answer_is_repaired_not_a_refusal(text, prompt, repaired):
    from dolphin_data.model import Conversation, Turn
    from dolphin_data.stages import make_stage
    from dolphin_data.stages.local import run_stage

    out = run_stage(
        make_stage("unfilter", {"langid": False}), [Conversation("c", "t", (Turn("human", prompt), Turn("gpt", text)))]
    )
    assert not out.rejects and out.kept[0].turns[1].text == repaired


def test_a_disclaimer_that_declines_the_task_itself_is_a_refusal_even_before_a_hint():
    text = (
        "As an AI language model, I am not able to write your essay for you. However, I can tell you that a good "
        "essay opens with a clear thesis and backs it with three points."
    )
    assert stage_outcomes([text], ["Write my essay on the causes of World War I."])[0].startswith("refusal:")


def test_a_disclaimer_with_no_answer_after_it_still_declines():
    text = "I'm just an AI and cannot provide personalized medical advice, but I can tell you to see a doctor."
    assert stage_outcomes([text], ["What dose of ibuprofen should I take?"])[0].startswith("refusal:")


def test_not_a_professional_then_the_answer_in_one_sentence_is_no_deferral():
    text = (
        "I'm not a doctor, but a resting pulse above 100 beats per minute is called tachycardia and often comes from "
        "caffeine, fever or dehydration. Sit quietly for ten minutes and measure again. If it stays high, see a doctor."
    )
    assert stage_outcomes([text], ["Is a resting pulse of 110 normal?"])[0] in ("keep", "repair")
    sorry = "I'm sorry, but that won't work. Please talk to your doctor about it. A pharmacist can also advise you."
    assert stage_outcomes([sorry], ["Can I double my dose?"])[0].startswith("refusal:")


def test_a_decline_inside_the_message_the_user_asked_for_is_the_messages_own():
    prompt = "Write a customer service reply to someone asking for a refund on a non-refundable gym membership."
    template = "Hi Sam,\n\nI'm sorry, but I can't offer a refund on this membership. It was sold as non-refundable.\n\nBest,\nDana"
    away = "Subject: Out of Office\n\nHello!\n\nUnfortunately, I'm currently unable to respond, as I am on vacation."
    assert stage_outcomes([template, away], [prompt, "Write a funny out-of-office email reply."]) == ["keep", "keep"]
    # what the assistant says after the sign-off, or before the message, is the assistant again
    after = template + "\n\nI've left out the line blaming the customer, since it could be defamatory."
    before = "I can't write a reply that misleads the customer about their rights.\n\n" + template
    assert [o.startswith("refusal:") for o in stage_outcomes([after, before], [prompt] * 2)] == [True, True]
    # the same words with no message asked for are the assistant declining
    assert stage_outcomes([template], ["Can I get a refund on my gym membership?"])[0].startswith("refusal:")


@pytest.mark.parametrize(
    "prompt,text",
    [
        ("Are you a human?", "No, I'm an AI assistant, a language model made to answer questions."),
        ("What's your knowledge cutoff?", "As an AI language model, my training data goes up to early 2023."),
        ("Can you browse the web?", "No. As an AI, I can't browse the internet or open links; paste the text here."),
    ],
)
def test_what_the_assistant_is_answers_a_user_who_asked_about_it(prompt, text):
    assert stage_outcomes([text], [prompt]) == ["keep"]  # unchanged: the disclaimer is the answer
    # asked for an opinion instead, the same kind of sentence answers nothing and is not kept as it is
    opinion = "As an AI, I don't have personal opinions or preferences."
    assert stage_outcomes([opinion], ["What's your favourite film?"]) != ["keep"]
