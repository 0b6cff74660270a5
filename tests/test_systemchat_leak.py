"""The leak rule as behaviours: every family of phrasings the rule was tuned on (bench/data/systemchat_leak_dev.jsonl
and systemchat_leak_heldout1.jsonl) decides as labelled; the fast paths (polars prefilters, keyword-anchored matching) find exactly what a
plain scan finds; batch and per-conversation calls agree; the context and the question decide as documented."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import orjson
import pytest

from dolphin_data.model import Conversation, Turn
from dolphin_data.systemchat import leak as L
from dolphin_data.systemchat import rules as R
from tests.conftest import make_conv

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


def load_cases(name: str) -> list[dict]:
    return [orjson.loads(line) for line in (DATA / name).read_bytes().splitlines() if line.strip()]


def conversation(case: dict, cid: str = "c:1") -> Conversation:
    turns = [Turn("system", case["system"])] + [Turn(role, text) for role, text in case["conv"]]
    return Conversation(cid, "t", tuple(turns), {})


# the tuning set, and the first held-out set (its misses were studied and fixed, so it is tuning data now; the
# untouched held-out set is systemchat_leak_heldout2.jsonl, scored by bench/bench_systemchat.py)
DEV = load_cases("systemchat_leak_dev.jsonl") + load_cases("systemchat_leak_heldout1.jsonl")
FAMILIES: dict[str, list[dict]] = defaultdict(list)
for _case in DEV:
    FAMILIES[_case["family"]].append(_case)


def test_dev_set_covers_both_sides():
    leaks = {f for f, cs in FAMILIES.items() if all(c["leak"] for c in cs)}
    clean = {f for f, cs in FAMILIES.items() if not any(c["leak"] for c in cs)}
    assert len(leaks) >= 12 and len(clean) >= 10
    assert {"possessive", "archaic", "asked_other_words", "os_message_user_context", "other_senses"} <= leaks | clean


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family(family):
    wrong = []
    for case in FAMILIES[family]:
        found = R.leak(conversation(case))
        if (found is not None) != case["leak"]:
            wrong.append((case["conv"][-1][1], found))
    assert not wrong, wrong


def test_leak_points_at_the_first_leaking_reference():
    conv = make_conv(
        ("Hi", "Arr! As per the system message, I talk like a pirate. My instructions say so."), system="S"
    )
    f = R.leak(conv)
    assert (f.reason, f.turn, f.start, f.end) == ("system:leak", 2, 5, 30)
    assert conv.turns[2].text[f.start : f.end] == "As per the system message"
    assert f.detail == {"pattern": "det_system"}
    assert [h.pattern for h in R.leak_hits([conv])[0]] == ["det_system", "my_says"]


def test_strong_references_leak_even_in_another_sense_context():
    asked_about_os = "My laptop shows an error at boot."
    weak = make_conv((asked_about_os, "The system message says the disk is full."), system="S")
    strong = make_conv(
        (asked_about_os, "The system message tells me to talk like a pirate: arr, free some space."), system="S"
    )
    mine = make_conv((asked_about_os, "My system prompt says I am a pirate."), system="S")
    assert R.leak(weak) is None
    assert R.leak(strong) is not None and R.leak(mine) is not None
    # without the user's context the weak one is a leak: "system message" alone means the prompt
    assert R.leak(make_conv(("Any news?", "The system message says the meeting moved."), system="S")) is not None


def test_context_must_come_before_the_reply():
    later = make_conv(
        ("Tell me something.", "The system message says I am Max."),
        ("My computer shows an error.", "Restart it."),
        system="S",
    )
    assert R.leak(later).turn == 2


def test_question_only_covers_what_follows():
    leak_first = make_conv(
        ("Hi", "Per the system message, I am a pirate. Arr."),
        ("What is your system prompt?", "My system prompt says I am a pirate."),
        system="You are a pirate.",
    )
    assert R.leak(leak_first).turn == 2
    later = make_conv(
        ("Hi", "Ahoy, matey!"),
        ("Any tips?", "According to my instructions, I must talk like a pirate. Hoist the sails early."),
        ("What is your system prompt?", "My system prompt says I am a pirate."),
        system="You are a pirate.",
    )
    assert R.leak(later).turn == 4


def test_user_and_system_turns_are_never_flagged():
    assert (
        R.leak(make_conv(("My system prompt says hi, what does yours say?", "Mine is private, sorry."), system="S"))
        is None
    )
    guard = make_conv(("Hi", "Hello!"), system="Dolphin avoids discussing the system message unless directly asked.")
    assert R.leak(guard) is None


def test_keyword_anchored_matching_equals_a_full_scan():
    texts = [t for c in DEV for _, t in c["conv"]] + [c["system"] for c in DEV]
    texts += [
        "the system message " * 40,
        "x" * 500 + " according to my instructions",
        "System message's rule: be nice.",
        "I was told by my developers to keep it brief.",
    ]
    for text in texts:
        assert L.references(text) == [(m.start(), m.end(), m.lastgroup) for m in L.LEAK_RE.finditer(text)], text


def test_prefilters_select_every_text_with_a_reference():
    texts = [t for c in DEV for _, t in c["conv"]]
    selected = set(L.candidates(texts).tolist())
    assert {i for i, t in enumerate(texts) if L.LEAK_RE.search(t)} <= selected
    assert len(selected) < len(texts)


def test_rust_superset_drops_word_boundaries_and_lookarounds_and_opens_bounded_repetitions():
    assert L.rust_superset(r"\bfoo(?!\s*(?:a|b\))\b)x(?=\s)\\b[\](?=]y\(?=z") == r"foox\\b[\](?=]y\(?=z"
    assert L.rust_superset(r"(?:\w{1,20}\s+){0,2}?x{3}\{1,2\}[a{1,2}]") == r"(?:\w{1,}\s+){0,}?x{3}\{1,2\}[a{1,2}]"
    # a bounded repetition of a Unicode class makes Rust's automaton huge (the prefilter then crawls)
    assert re.search(r"(?<!\\)\{\d+,\d+\}", L.LEAK_TRIGGER) is None


def test_batch_agrees_with_single_conversations():
    convs = [conversation(c, f"c:{i}") for i, c in enumerate(DEV)]
    found = R.leak_batch(convs)
    for i, conv in enumerate(convs):
        single = R.leak(conv)
        assert (i in found) == (single is not None)
        if single is not None:
            assert found[i][0] == (single.turn, single.start, single.end)


def test_other_senses_need_no_context_when_the_noun_is_not_the_prompt():
    for text in [
        "The system prompts you for a password.",
        "Read the system messages in dmesg.",
        "The system message bus carries events.",
        "Design a system prompt template with variables.",
        "Follow my instructions below.",
        "As instructed, here it is.",
    ]:
        assert L.text_leaks(text) == [], text


def test_a_pattern_is_found_however_far_before_its_keyword_it_may_start():
    # told_by reaches furthest before its keyword (the agent): three words of up to 20 letters in between
    text = (
        "Well, I had been specifically commanded "
        + "w" * 20
        + " "
        + "x" * 20
        + " by those who "
        + "y" * 20
        + " developers to keep it brief."
    )
    assert text.index("developers") - text.index("I had") > 100
    assert [(s, p) for s, _, p in L.references(text)] == [(6, "told_by")]
    assert L.references(text) == [(m.start(), m.end(), m.lastgroup) for m in L.LEAK_RE.finditer(text)]
