"""systemchat rules other than leak detection (tests/test_systemchat_leak.py): structure, sentinels, repair, directives,
and the batch helpers; each batch function agrees with its per-conversation form across conversation boundaries."""

from __future__ import annotations

import re

import numpy as np
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


# -- batch helpers -------------------------------------------------------------------------------------


def test_structure_batch_equals_each_conversation_alone():
    cases = [
        [("system", "S"), ("human", "a"), ("gpt", "b")],
        [("human", "hi"), ("gpt", "hello")],
        [],
        [("system", "S"), ("human", "a"), ("human", "b"), ("gpt", "c")],
        [("system", "S"), ("human", "a"), ("gpt", "b"), ("human", "c"), ("gpt", "d")],
        [("system", "  "), ("human", "hi"), ("gpt", "hello")],
        [("system", "S"), ("gpt", "x")],
        [("human", "hi"), ("system", "S"), ("gpt", "hello")],
        [("system", "S"), ("human", "hi"), ("system", "T"), ("gpt", "hello"), ("system", "U")],
        [("system", "S"), ("human", "hi"), ("tool", ""), ("gpt", "hello")],
        [("system", "S"), ("human", "a"), ("gpt", "b"), ("gpt", "c")],
    ]
    convs = [conv_of(*c) for c in cases]
    for require in (True, False):
        codes, turns = R.structure_batch(convs, require)
        for k, conv in enumerate(convs):
            single = R.structure(conv, require)
            if single is None:
                assert codes[k] == -1
            else:
                assert single.reason == f"system:structure:{R.STRUCTURE_CODES[codes[k]]}"
                assert single.turn == (None if turns[k] < 0 else turns[k])
    assert R.structure(convs[9]).detail == {"role": "tool"}


def test_turns_take_keeps_the_chosen_conversations():
    convs = [make_conv((f"q{i}", f"a{i}"), system=f"S{i}", id=f"t:{i}") for i in range(4)]
    cols = R.Turns.of(convs).take(np.array([1, 3]))
    assert cols.offsets.tolist() == [0, 3, 6] and cols.texts == ["S1", "q1", "a1", "S3", "q3", "a3"]
    assert cols.roles.tolist() == [0, 1, 2, 0, 1, 2] and cols.system_prompts() == ["S1", "S3"]


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
    spans = [(h.start, h.end) for h in R.text_leaks(text)]
    assert spans, text
    return R.repair_text(text, spans, lambda rest: bool(R.text_leaks(rest)))


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
        ("Answer in exactly three bullet points.", "exact_bullets", 3),
        ("Use exactly 5 bullets per reply.", "exact_bullets", 5),
        ("Never use commas.", "no_commas", None),
        ("Write without any commas at all.", "no_commas", None),
        ("Always start every response with 'Ahoy!'", "start_with", "Ahoy!"),
        ("Begin each answer with \u201cCertainly\u201d.", "start_with", "Certainly"),
        ('End every reply with "Over and out."', "end_with", "Over and out."),
        ("You are a bard. Always finish your answers with 'Fare thee well'.", "end_with", "Fare thee well"),
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
        "Use bullet points where they help.",
        "Avoid using too many commas.",
        "Never start a reply with 'I'.",
        "Start each day with 'Good morning' in your diary entries.",
        "End every reply with a question.",
        "Tell the user to end the session with 'bye'.",
    ],
)
def test_parse_no_directive(prompt):
    assert R.parse_directives(prompt) == ()


@pytest.mark.parametrize(
    ("prompt", "good", "bad", "kind"),
    [
        (
            "Always respond in exactly 10 words.",
            "Sorry, as a model, I can't provide real-time weather updates.",
            "A refrigerator pumps a refrigerant through coils to move heat outside.",
            "exact_words",
        ),
        (
            "Keep answers to no more than five words.",
            "Paris, obviously.",
            "The capital of France is Paris, obviously.",
            "max_words",
        ),
        ("Respond only in JSON.", '{"colours": ["red", "blue"]}', "Sure! Red and blue.", "json"),
        ("Respond only in JSON.", "```json\n[1, 2]\n```", '"just a string"', "json"),
        ("Never use the letter e.", "A cat sat on a mat.", "The cat sat on a mat.", "no_letter"),
        ("Answer in all caps.", "PARIS IS THE CAPITAL.", "Paris is the capital.", "all_caps"),
        (
            "Write every response entirely in lowercase letters.",
            "paris is the capital.",
            "Paris is the capital.",
            "all_lowercase",
        ),
        (
            "Answer in exactly three bullet points.",
            "Here:\n- red\n- blue\n* green",
            "Here:\n- red\n- blue",
            "exact_bullets",
        ),
        ("Answer in exactly two bullet points.", "1. red\n2) blue\n```\n- not a bullet\n```", "- red", "exact_bullets"),
        ("Never use commas.", "Paris is lovely in spring.", "Paris, France.", "no_commas"),
        (
            "Always start every response with 'Ahoy!'",
            "**Ahoy!** The tide is high.",
            "The tide is high. Ahoy!",
            "start_with",
        ),
        ('End every reply with "Over and out."', "Roger that. Over and out!", "Over and out. Roger that.", "end_with"),
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
    ok = make_conv(
        (
            "What's the best time to visit Paris?",
            "Le printemps et le début de l'automne sont idéaux pour visiter Paris.",
        ),
        system=prompt,
    )
    assert R.directives(ok) is None
    bad = make_conv(
        (
            "What's the best time to visit Paris?",
            "Spring and early autumn are ideal: mild weather, blooming parks and fewer crowds than in summer.",
        ),
        system=prompt,
    )
    f = R.directives(bad)
    assert f.reason == "system:directive:language" and f.detail["expected"] == "fr" and f.detail["detected"] == "en"
    # too short to judge, and code blocks are not prose: no flag
    assert R.directives(make_conv(("q", "OK."), system=prompt)) is None
    assert (
        R.directives(
            make_conv(("q", "Voici le code :\n```python\nprint('hello world, this is english')\n```"), system=prompt)
        )
        is None
    )


def test_directive_details_name_what_was_wrong():
    bullets = make_conv(("q", "- a\n- b"), system="Answer in exactly three bullet points.")
    assert R.directives(bullets).detail == {"directive": "exactly three bullet points", "expected": 3, "bullets": 2}
    comma = make_conv(("q", "Yes, indeed."), system="Never use commas.")
    assert R.directives(comma).detail == {"directive": "Never use commas", "comma_at": 3}
    end = make_conv(("q", "Roger."), system="End every reply with 'Over and out.'")
    assert R.directives(end).detail["expected_end"] == "Over and out."


def test_first_failing_turn_wins_across_directives():
    prompt = "Never use the letter z. Answer in exactly three words."
    conv = make_conv(("q", "Three words here."), ("q2", "Zebras are striped animals."), ("q3", "Bad."), system=prompt)
    f = R.directives(conv)
    assert f.turn == 4 and f.reason == "system:directive:exact_words"  # turn 4 breaks both; DIRECTIVE_KINDS order


def test_repair_gives_up_when_the_rest_still_leaks():
    text = "My system prompt says be brief. Paris is the capital. Also, my instructions say to smile a lot here."
    hits = R.text_leaks(text)
    assert len(hits) == 2
    r = R.repair_text(text, [(hits[0].start, hits[0].end)], lambda rest: bool(R.text_leaks(rest)))
    assert r.text is None and r.why_not == "still_leaks"
