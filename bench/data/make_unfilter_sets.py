"""Compose the unfilter training set and dev set from the hand-written pieces in ``unfilter_pieces.py``.

``python -m bench.data.make_unfilter_sets`` writes
- ``dolphin_data/assets/refusal_train.jsonl`` from the TRAIN bank (what ``dolphin-data unfilter train`` reads),
- ``bench/data/unfilter_dev.jsonl`` from the DEV bank (what ``bench_unfilter_quality`` scores and tuning used),
- ``bench/data/unfilter_test.jsonl`` from the TEST bank in ``unfilter_test_pieces.py`` (held out: written after the
  classifier was tuned on dev, never used for tuning; ``bench_unfilter_quality`` reports it beside dev),
one ``{"text", "label", "kind", "style"}`` object a line. Deterministic: a seeded ``random.Random`` per set, and
exact duplicates dropped, so the same pieces always give byte-identical files.

Labels: ``refusal`` means the unfilter should flag the reply (full or partial refusal, alignment boilerplate,
moralizing); ``ok`` means it must pass (plain answers and the hard negatives).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from bench.data.unfilter_pieces import DEV, TRAIN
from bench.data.unfilter_test_pieces import TEST

REPO = Path(__file__).resolve().parents[2]
TRAIN_PATH = REPO / "dolphin_data" / "assets" / "refusal_train.jsonl"
DEV_PATH = REPO / "bench" / "data" / "unfilter_dev.jsonl"
TEST_PATH = REPO / "bench" / "data" / "unfilter_test.jsonl"

STYLES = ("gpt35", "gpt4", "llama2", "claude", "terse", "long")
REFUSAL_KINDS = ("refusal", "partial_refusal", "boilerplate", "moralizing")
OK_KINDS = ("answer", "empathy", "quoted_code", "quoted_fiction", "ai_topic", "technical_cannot", "safety_advice")
# records per kind for the dev set; the training set is TRAIN_SCALE times larger (fewer if the pieces run out)
DEV_COUNTS = {
    "refusal": 300, "partial_refusal": 100, "boilerplate": 100, "moralizing": 80,
    "answer": 250, "empathy": 100, "quoted_code": 60, "quoted_fiction": 60, "ai_topic": 90,
    "technical_cannot": 90, "safety_advice": 70,
}
TRAIN_SCALE = 2.5
# the held-out test set: smaller than dev, same kinds
TEST_COUNTS = {
    "refusal": 100, "partial_refusal": 40, "boilerplate": 35, "moralizing": 35,
    "answer": 80, "empathy": 35, "quoted_code": 25, "quoted_fiction": 25, "ai_topic": 35,
    "technical_cannot": 35, "safety_advice": 25,
}
# "As an AI language model..." prefixes are the GPT-3.5/4 and Llama-2-chat habit; other kinds use every style
KIND_STYLES = {"boilerplate": ("gpt35", "gpt4", "llama2")}
SEEDS = {"train": 1, "dev": 2, "test": 3}

_ING = {"help with": "helping with", "assist with": "assisting with", "give you": "giving you",
        "walk you through": "walking you through", "come up with": "coming up with", "put together": "putting together"}
_LOWER_FIRST = {"A", "An", "The", "To", "In", "For", "When", "If", "It", "This", "Some", "Most", "Many", "Simple",
                "Store", "Keep", "Give", "Try", "Writing", "Making", "Looking", "Pick", "Reaching", "There", "Both",
                "Several", "Banks", "Cars", "Private", "Comedy", "Retailers", "Modern", "Explosives", "Opioid",
                "Workplace", "Electronic", "Chocolate", "School", "Schools", "Hotel", "Celebrities", "Cash",
                "Memorials", "Nerve", "Review", "Pin", "Keyboard", "Pseudoephedrine", "Age", "Child", "Regulated",
                "Autorun", "Courts", "Lenders", "Tenant", "Consumer", "Insurance", "Self-checkout", "Keeping",
                "Suppressors", "Counterfeit", "Odometer", "Retroreflectors", "Weight-based", "Mail", "Expense",
                "Food", "Platforms", "Universities", "Ticketing", "Protective", "Defamation", "Tipped",
                "Researchers", "GPS", "Regulators", "Ricin", "Slim", "Crack", "Journaling", "Quicksort",
                "Plate", "Photosynthesis", "Strength", "Tomatoes", "Succulents", "Meditation", "Saturn's"}


def ing(verb: str) -> str:
    if verb in _ING:
        return _ING[verb]
    head, _, rest = verb.partition(" ")
    stem = head[:-1] if head.endswith("e") else head
    return (stem + "ing" + (" " + rest if rest else "")).strip()


def lc(sentence: str) -> str:
    """Lower-case the first letter when it starts with an ordinary word (so it can follow 'However,')."""
    first = sentence.split(" ", 1)[0]
    return sentence[0].lower() + sentence[1:] if first in _LOWER_FIRST else sentence


def _fill(template: str, rng: random.Random, bank: dict, topic: tuple[str, str] | None = None) -> str:
    harm, safe = topic or rng.choice(bank["topics"])
    harm = re.sub(r"\bmy\b", "your", harm).replace("I never", "you never")  # topics are written as the user asked
    verb = rng.choice(bank["verbs"])
    return template.format(topic=harm, safe=safe, safe_lc=lc(safe), verb=verb, verb_ing=ing(verb))


def _refusal(rng: random.Random, bank: dict, style: str) -> str:
    c = rng.choice
    topic = c(bank["topics"])
    f = lambda key: _fill(c(bank[key]), rng, bank, topic)  # noqa: E731
    if style == "gpt35":
        parts = [f("gpt35_open"), f("gpt35_reason")] + ([f("gpt35_offer")] if rng.random() < 0.6 else [])
    elif style == "gpt4":
        parts = [f("gpt4_open")] + ([f("gpt4_offer")] if rng.random() < 0.5 else [])
    elif style == "llama2":
        parts = [f("llama2_open"), f("llama2_lecture")] + ([f("llama2_alt")] if rng.random() < 0.7 else [])
    elif style == "claude":
        parts = [f("claude_open"), f("claude_reason")] + ([f("claude_alt")] if rng.random() < 0.7 else [])
    elif style == "terse":
        parts = [f("terse")]
    else:  # long: several paragraphs of refusal and lecture
        return "\n\n".join([
            f("long_intro") + " " + f("gpt35_open"),
            f("gpt35_reason") + " " + f("llama2_lecture"),
            f("claude_alt") + " " + f("long_close"),
        ])
    return " ".join(parts)


def _partial(rng: random.Random, bank: dict, style: str) -> str:
    text = _fill(rng.choice(bank["partial"]), rng, bank)
    offer = {"gpt35": "gpt35_offer", "gpt4": "gpt4_offer", "llama2": "llama2_alt", "claude": "claude_alt"}.get(style)
    if offer and rng.random() < 0.5:
        text += " " + rng.choice(bank[offer])
    if style == "long":
        text = rng.choice(bank["long_intro"]) + "\n\n" + text + "\n\n" + rng.choice(bank["long_close"])
    return text


def _body(rng: random.Random, bank: dict, style: str) -> str:
    body, body2 = rng.sample(bank["bodies"], 2)
    return rng.choice(bank["answer_wrap"][style]).format(body=body, body2_lc=lc(body2))


def _boilerplate(rng: random.Random, bank: dict, style: str) -> str:
    body = rng.choice(bank["bodies"])
    text = f"{rng.choice(bank['boilerplate'])} {rng.choice(bank['boiler_join'])} {lc(body)}"
    return f"{rng.choice(bank['llama2_greeting'])} {text}" if style == "llama2" else text


def _moralizing(rng: random.Random, bank: dict, style: str) -> str:
    moral = rng.choice(bank["moralizing"])
    if rng.random() < 0.5:
        return f"{moral} {_body(rng, bank, style)}"
    return f"{_body(rng, bank, style)} {moral}"


def _answer(rng: random.Random, bank: dict, style: str) -> str:
    return _body(rng, bank, style)


def _empathy(rng: random.Random, bank: dict, style: str) -> str:
    opening = rng.choice(bank["empathy_open"]).format(situation=rng.choice(bank["situations"]))
    advice = rng.sample(bank["empathy_advice"], 3 if style == "long" else (1 if style == "terse" else 2))
    return " ".join([opening, *advice])


def _wrapped(key: str) -> Callable[[random.Random, dict, str], str]:
    """A hard negative from ``bank[key]``, optionally with an ordinary helpful opener from that bank."""

    def make(rng: random.Random, bank: dict, style: str) -> str:
        piece = rng.choice(bank[key])
        wrap = rng.choice(bank["answer_wrap"][style])
        if "{body2_lc}" in wrap:  # long style: two pieces
            other = rng.choice([p for p in bank[key] if p != piece])
            return wrap.format(body=piece, body2_lc=lc(other))
        return wrap.format(body=piece)

    return make


KIND_MAKERS: dict[str, Callable[[random.Random, dict, str], str]] = {
    "refusal": _refusal, "partial_refusal": _partial, "boilerplate": _boilerplate, "moralizing": _moralizing,
    "answer": _answer, "empathy": _empathy, "quoted_code": _wrapped("code_quoted"),
    "quoted_fiction": _wrapped("fiction_quoted"), "ai_topic": _wrapped("ai_topic"),
    "technical_cannot": _wrapped("technical_cannot"), "safety_advice": _wrapped("safety_advice"),
}


# extra training rows per kind, from the TRAIN bank's broad families (``x_*`` keys)
EXTRA_COUNTS = {"refusal": 900, "partial_refusal": 250, "moralizing": 250, "boilerplate": 200,
                "answer": 800, "empathy": 150, "technical_cannot": 250, "ai_topic": 300, "quoted_fiction": 220,
                "quoted_code": 80, "safety_advice": 300}


def _lc_any(sentence: str) -> str:
    """Lower-case the first letter unless the sentence opens with "I" (so it can follow "Beyond that,")."""
    return sentence if re.match(r"I\b", sentence) else sentence[0].lower() + sentence[1:]


def _extra(bank: dict, rng: random.Random) -> list[dict]:
    """Training-only rows: refusal families x topics x openers/reasons/offers, moral lectures and AI
    self-descriptions around real answers, and hard negatives (first-person 'can't' that does not refuse,
    technical impossibility, AI as a topic, dialogue/fiction, code, safety advice, complete answers on
    sensitive subjects)."""
    c = rng.choice
    fams = bank["x_refusal"]
    ok = bank["x_ok"]
    answers = bank["bodies"] + ok["polite"] + ok["sensitive_answer"] + ok["technical"]

    def refusal_sentence() -> str:
        harm, _ = c(bank["topics"])
        harm = re.sub(r"\bmy\b", "your", harm)
        verb = c(bank["x_verbs"])
        s = c(fams[c(sorted(fams))]).format(topic=harm, verb=verb, verb_ing=ing(verb))
        return s[0].upper() + s[1:]

    def safe() -> str:
        return c(bank["topics"])[1]

    def wrap(piece: str, style: str) -> str:
        w = c(bank["answer_wrap"][style])
        return w.format(body=piece, body2_lc=lc(c(answers))) if "{body2_lc}" in w else w.format(body=piece)

    makers: dict[str, Callable[[str], str]] = {
        "refusal": lambda st: " ".join(
            ([c(bank["x_opener"])] if rng.random() < 0.3 else []) + [refusal_sentence()]
            + ([c(bank["x_reason"])] if rng.random() < 0.5 else []) + ([c(bank["x_after"])] if rng.random() < 0.4 else [])),
        "partial_refusal": lambda st: c([
            lambda: f"{refusal_sentence()} {c(['What I can tell you is this:', 'Some general context:', 'In general terms,'])} {safe()}",
            lambda: f"{safe()} {refusal_sentence()}",
            lambda: f"{safe()} Beyond that, {_lc_any(refusal_sentence())}",
        ])(),
        "moralizing": lambda st: c([
            lambda: f"{c(bank['x_moral'])} {wrap(c(answers), st)}",
            lambda: f"{wrap(c(answers), st)} {c(bank['x_moral'])}",
            lambda: f"{c(bank['x_moral'])} {c(bank['x_moral'])}",
        ])(),
        "boilerplate": lambda st: c([
            lambda: f"{c(bank['x_boiler'])} {c(bank['x_join'])} {lc(c(answers))}",
            lambda: c(bank["x_boiler"]),
            lambda: f"{c(bank['x_ok_lead'][:5])} {c(bank['x_boiler'])} {c(bank['x_join'])} {lc(c(answers))}",
        ])(),
        "answer": lambda st: c([
            lambda: f"{c(bank['x_ok_lead'])} {c(answers)}",
            lambda: wrap(c(answers), st),
            lambda: wrap(safe(), st),
            lambda: f"{c(bank['x_ok_lead'])} {safe()} {c(answers)}",
        ])(),
        "empathy": lambda st: f"{c(ok['empathy'])} {c(bank['empathy_advice'])}" if rng.random() < 0.5 else c(ok["empathy"]),
        "technical_cannot": lambda st: wrap(c(ok["technical"]), st),
        "ai_topic": lambda st: wrap(c(ok["ai_topic"]), st),
        "quoted_fiction": lambda st: wrap(c(ok["fiction"]), st),
        "quoted_code": lambda st: wrap(c(ok["code"]), st),
        "safety_advice": lambda st: wrap(c(ok["safety"]), st),
    }
    rows, seen = [], set()
    for kind, target in EXTRA_COUNTS.items():
        made = tries = 0
        while made < target and tries < target * 50:
            tries += 1
            style = rng.choice(KIND_STYLES.get(kind, STYLES))
            text = makers[kind](style)
            if text in seen:
                continue
            seen.add(text)
            rows.append({"text": text, "label": "refusal" if kind in REFUSAL_KINDS else "ok", "kind": kind,
                         "style": style})
            made += 1
    return rows


def compose(bank: dict, counts: dict[str, int], seed: int) -> list[dict]:
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[dict] = []
    for kind, target in counts.items():
        made, tries = 0, 0
        while made < target and tries < target * 50:
            tries += 1
            style = rng.choice(KIND_STYLES.get(kind, STYLES))
            text = KIND_MAKERS[kind](rng, bank, style)
            if text in seen:
                continue
            seen.add(text)
            label = "refusal" if kind in REFUSAL_KINDS else "ok"
            rows.append({"text": text, "label": label, "kind": kind, "style": style})
            made += 1
    if "x_refusal" in bank:  # the training bank's broad families (not in the dev and test banks)
        for row in _extra(bank, random.Random(seed + 1000)):
            if row["text"] not in seen:
                seen.add(row["text"])
                rows.append(row)
    random.Random(seed).shuffle(rows)
    return rows


def write(rows: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    train = compose(TRAIN, {k: round(v * TRAIN_SCALE) for k, v in DEV_COUNTS.items()}, SEEDS["train"])
    dev = compose(DEV, DEV_COUNTS, SEEDS["dev"])
    test = compose(TEST, TEST_COUNTS, SEEDS["test"])
    for a, b, rows_a, rows_b in (("train", "dev", train, dev), ("train", "test", train, test),
                                 ("dev", "test", dev, test)):
        clash = {r["text"] for r in rows_a} & {r["text"] for r in rows_b}
        if clash:
            raise SystemExit(f"{a} and {b} share {len(clash)} texts, e.g. {sorted(clash)[0]!r}")
    write(train, TRAIN_PATH)
    write(dev, DEV_PATH)
    write(test, TEST_PATH)
    for name, rows in (("train", train), ("dev", dev), ("test", test)):
        pos = sum(r["label"] == "refusal" for r in rows)
        print(f"{name}: {len(rows)} rows ({pos} refusal, {len(rows) - pos} ok)")


if __name__ == "__main__":
    main()
