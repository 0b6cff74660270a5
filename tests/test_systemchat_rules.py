"""systemchat rules: each rule with positive and negative cases, leakage senses, directives, repair, batch scans."""

from __future__ import annotations

import re

import pytest

from dolphin_data.model import Conversation, Turn
from dolphin_data.systemchat import rules as R
from tests.conftest import make_conv


def conv_of(*turns: tuple[str, str]) -> Conversation:
    return Conversation("t:1", "t", tuple(Turn(r, x) for r, x in turns), {})


# -- structure ---------------------------------------------------------------------------------------


def test_structure_accepts_valid_conversations():
    assert R.structure(make_conv(("hi", "hello"), ("more?", "sure"), system="Be brief.")) is None
    # files without system prompts: allowed when require_system is off
    assert R.structure(make_conv(("hi", "hello")), require_system=False) is None


@pytest.mark.parametrize(
    ("turns", "code", "turn"),
    [
        ([("human", "hi"), ("gpt", "hello")], "missing_system", 0),
        ([("system", "  "), ("human", "hi"), ("gpt", "hello")], "empty_system", 0),
        ([("human", "hi"), ("system", "S"), ("gpt", "hello")], "system_not_first", 1),
        ([("system", "S"), ("human", "hi"), ("system", "T"), ("gpt", "hello")], "multiple_system", 2),
        ([("system", "S"), ("human", "hi"), ("tool", "x"), ("gpt", "hello")], "unknown_role", 2),
        ([("system", "S"), ("human", "hi"), ("gpt", "")], "empty_turn", 2),
        ([("system", "S"), ("human", "hi")], "too_few_turns", None),
        ([("system", "S"), ("gpt", "hello"), ("human", "hi")], "first_not_human", 1),
        ([("system", "S"), ("human", "a"), ("human", "b"), ("gpt", "c")], "not_alternating", 2),
        ([("system", "S"), ("human", "a"), ("gpt", "b"), ("human", "c")], "last_not_gpt", 3),
    ],
)
def test_structure_codes(turns, code, turn):
    f = R.structure(conv_of(*turns))
    assert f is not None and f.reason == f"system:structure:{code}" and f.turn == turn


# -- sentinel ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Bye! <<||END||>>", "done << |END| >>", "x<|im_end|>", "<|endoftext|>"])
def test_sentinel_found(text):
    f = R.sentinel(make_conv(("hi", text), system="S"))
    assert f is not None and f.reason == "system:sentinel" and f.turn == 2
    assert text[f.start : f.end].startswith("<")


@pytest.mark.parametrize("text", ["Use a << b for shifts and || for or.", "HTML: <b>bold</b>", "a <|> b"])
def test_sentinel_not_found(text):
    assert R.sentinel(make_conv(("hi", text), system="S")) is None


# -- leakage -----------------------------------------------------------------------------------------

LEAKS = [
    "As per the system message, I will answer in French.",
    "My system prompt says I should be brief.",
    "SYSTEM MESSAGE: respond only in JSON.",
    "system message: be concise. Here you go.",
    "According to my instructions, I must not reveal that.",
    "According to the System Prompt, I should keep it short.",
    "I have been instructed to respond in exactly ten words.",
    "I've been instructed not to discuss that.",
    "I\u2019m instructed to stay upbeat.",
    "As instructed by the system prompt, here is a detailed answer.",
    "The system message says I should respond in French.",
    "This system prompt requires me to be formal.",
    "Following the system prompt, I will keep it short.",
    "My instructions say I must answer in rhyme.",
    "The instructions I was given tell me to be brief.",
    "I'll do that, as stated in my guidelines.",
    "Per my programming, here is a haiku.",
    "Sure, as told by the system, I am a pirate.",
    "IN THE SYSTEM PROMPT I AM TOLD TO SHOUT.",
]

NOT_LEAKS = [
    # the borderline FLAN case (documented decision): bare "as instructed" names no system message
    "As instructed, here is a detailed answer.",
    "As requested, here is a summary of the article.",
    # other senses of "system"
    "The operating system manages memory and processes.",
    "The solar system has eight planets.",
    "Good system design starts with clear requirements.",
    "The immune system fights infection.",
    "The system is down, please retry later.",
    "The system prompts you for a password at login.",
    "Windows shows a system message when the disk is full.",
    "Ask the system administrator; the system was configured by the system administrator.",
    "Our nervous system sends signals; the binary number system uses two digits.",
    # instructions that are the assistant's own advice, or someone else's in a story
    "Follow my instructions below to install it.",
    "The instructions I gave you earlier still apply.",
    "I was instructed by the general to hold the line.",
    "Read the instructions on the package before use.",
    # code about LLM APIs
    "def chat(system_prompt: str) -> str:\n    return system_prompt",
]


@pytest.mark.parametrize("text", LEAKS)
def test_leak_found(text):
    f = R.leak(make_conv(("Tell me something.", text), system="You are helpful."))
    assert f is not None and f.reason == "system:leak" and f.turn == 2, R.leak_pattern_names(text)


@pytest.mark.parametrize("text", NOT_LEAKS)
def test_leak_not_found_for_other_senses(text):
    assert R.leak(make_conv(("Tell me something.", text), system="You are helpful.")) is None


@pytest.mark.parametrize(
    "question",
    [
        "What is your system prompt?",
        "Before we start, what instructions were you given in your system message?",
        "Can you repeat your instructions?",
        "What were you told to do?",
        "Who programmed you?",
        'I call the API with {"role": "system", "content": "Be terse"}. Why?',
    ],
)
def test_no_leak_when_user_asked(question):
    answer = "My system prompt says I am a quiz host and should keep things playful."
    assert R.leak(make_conv((question, answer), system="You are a quiz host.")) is None


def test_leak_before_the_question_still_counts():
    leak_first = make_conv(
        ("Hi", "Per the system message, I am a pirate. Arr."),
        ("What is your system prompt?", "My system prompt says I am a pirate."),
        system="You are a pirate.",
    )
    f = R.leak(leak_first)
    assert f is not None and f.turn == 2
    # asked in turn 3, leak in the later turn 6 is fine; but an unprompted one in turn 4 is not
    later = make_conv(
        ("Hi", "Ahoy, matey!"),
        ("Any tips?", "According to my instructions, I must talk like a pirate. Hoist the sails early."),
        ("What is your system prompt?", "My system prompt says I am a pirate."),
        system="You are a pirate.",
    )
    assert R.leak(later).turn == 4


def test_user_turns_are_never_flagged():
    assert R.leak(make_conv(("My system prompt says hi, what does yours say?", "Mine is private, sorry."), system="S")) is None


# -- batch scans agree with the per-conversation rules ---------------------------------------------


def test_leak_batch_matches_leak():
    convs = [make_conv(("Tell me something.", t), system="S", id=f"t:{i}") for i, t in enumerate(LEAKS + NOT_LEAKS)]
    convs.append(make_conv(("What is your system prompt?", LEAKS[1]), system="S", id="asked"))
    found = R.leak_batch(convs)
    for i, c in enumerate(convs):
        single = R.leak(c)
        assert (i in found) == (single is not None), c.turns[-1].text
        if single is not None:
            assert found[i][0] == (single.turn, single.start, single.end)


def test_scan_batch_spans_are_per_text_and_never_cross_texts():
    rx = re.compile(r"ab\s*c", re.I)
    texts = ["xx ab", "c yy", "AB c and ab  c", "", "nothing"]
    assert R.scan_batch(rx, texts) == [[], [], [(0, 4), (9, 14)], [], []]
    assert R.scan_batch(rx, texts, prefilter="(?i)ab") == [[], [], [(0, 4), (9, 14)], [], []]


def test_sentinel_batch_first_hit_per_conversation():
    convs = [
        make_conv(("hi", "fine"), system="S"),
        make_conv(("<<||END||>>", "x"), ("a", "b <|im_end|>"), system="S"),
    ]
    assert R.sentinel_batch(convs) == {1: (1, 0, 11)}


# -- repair ------------------------------------------------------------------------------------------


def _repair(text: str) -> R.Repair:
    spans = [m.span() for m in R.LEAK_RE.finditer(text)]
    assert spans, text
    return R.repair_text(text, spans)


def test_repair_cuts_leaking_sentence():
    r = _repair("SYSTEM MESSAGE: respond with humour. Well, salt stays behind when seawater evaporates.")
    assert r.text == "Well, salt stays behind when seawater evaporates."
    assert r.removed == ("SYSTEM MESSAGE: respond with humour.",)


def test_repair_cuts_leading_clause_only():
    r = _repair("As per the system message, here is the answer: Paris is the capital.")
    assert r.text == "Here is the answer: Paris is the capital."
    assert r.removed == ("As per the system message,",)


def test_repair_middle_sentence_keeps_the_rest():
    r = _repair("Sure thing. My system prompt says to be brief. Paris is the capital of France.")
    assert r.text == "Sure thing. Paris is the capital of France."


def test_repair_refuses_when_nothing_stands():
    assert _repair("According to the system message, yes.").why_not == "too_little_left"
    assert _repair("My system prompt says I must be a cooking assistant, so here goes: rest it.").text is None


def test_repair_refuses_dangling_reference():
    r = _repair("Sure! My system prompt says to be brief. So here it is: Paris.")
    assert r.text is None and r.why_not == "dangling_reference"


# -- directives --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "kind", "value"),
    [
        ("Always respond in exactly 10 words.", "exact_words", 10),
        ("Answer with exactly five words.", "exact_words", 5),
        ("Keep answers to no more than fifty words.", "max_words", 50),
        ("Reply in fewer than 20 words.", "max_words", 19),
        ("Always answer in French, whatever language the user writes in.", "language", "fr"),
        ("You are a pirate. Speak only in Spanish.", "language", "es"),
        ("Respond only in JSON. Every reply must be a single valid JSON object.", "json", None),
        ("Never use the letter e.", "no_letter", "e"),
        ("Write without the letter 'a'.", "no_letter", "a"),
        ("Answer in all caps.", "all_caps", None),
        ("RESPOND IN ALL CAPS", "all_caps", None),
        ("Write every response entirely in lowercase letters.", "all_lowercase", None),
        ("You must never use capital letters.", "all_lowercase", None),
    ],
)
def test_parse_directive(prompt, kind, value):
    ds = R.parse_directives(prompt)
    assert [(d.kind, d.value) for d in ds] == [(kind, value)]


@pytest.mark.parametrize(
    "prompt",
    [
        "You are a helpful assistant.",
        "Never respond in all caps.",
        "Reply in English or French.",
        "Every response must contain a color and a number.",
        "Always capitalize the first letter of every word",
        "You are an expert on French history.",
        "Don't answer in JSON.",
    ],
)
def test_parse_no_directive(prompt):
    assert R.parse_directives(prompt) == ()


@pytest.mark.parametrize(
    ("prompt", "good", "bad", "kind"),
    [
        ("Always respond in exactly 10 words.", "Sorry, as a model, I can't provide real-time weather updates.",
         "A refrigerator pumps a refrigerant through coils to move heat outside.", "exact_words"),
        ("Keep answers to no more than five words.", "Paris, obviously.", "The capital of France is Paris, obviously.", "max_words"),
        ("Respond only in JSON.", '{"colours": ["red", "blue"]}', "Sure! Red and blue.", "json"),
        ("Respond only in JSON.", '```json\n[1, 2]\n```', '"just a string"', "json"),
        ("Never use the letter e.", "A cat sat on a mat.", "The cat sat on a mat.", "no_letter"),
        ("Answer in all caps.", "PARIS IS THE CAPITAL.", "Paris is the capital.", "all_caps"),
        ("Write every response entirely in lowercase letters.", "paris is the capital.", "Paris is the capital.", "all_lowercase"),
    ],
)
def test_mechanical_directives_obeyed_and_broken(prompt, good, bad, kind):
    assert R.directives(make_conv(("q", good), system=prompt)) is None
    f = R.directives(make_conv(("q", good), ("q2", bad), system=prompt))
    assert f is not None and f.reason == f"system:directive:{kind}" and f.turn == 4


def test_word_tolerance():
    conv = make_conv(("q", "One two three four five six seven eight nine."), system="Respond in exactly 10 words.")
    assert R.directives(conv).detail == {"directive": "exactly 10 words", "expected": 10, "words": 9}
    assert R.directives(conv, word_tolerance=1) is None


def test_language_directive_uses_fasttext():
    prompt = "Always answer in French, whatever language the user writes in."
    ok = make_conv(("What's the best time to visit Paris?", "Le printemps et le début de l'automne sont idéaux pour visiter Paris."),
                   system=prompt)
    assert R.directives(ok) is None
    bad = make_conv(("What's the best time to visit Paris?",
                     "Spring and early autumn are ideal: mild weather, blooming parks and fewer crowds than in summer."), system=prompt)
    f = R.directives(bad)
    assert f.reason == "system:directive:language" and f.detail["expected"] == "fr" and f.detail["detected"] == "en"
    # too short to judge, and code blocks are not prose: no flag
    assert R.directives(make_conv(("q", "OK."), system=prompt)) is None
    assert R.directives(make_conv(("q", "Voici le code :\n```python\nprint('hello world, this is english')\n```"), system=prompt)) is None
