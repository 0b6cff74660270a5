"""Compose the unfilter v2 sets from hand-written pieces: classifier training sentences, dev and test replies.

``python -m bench.data.make_unfilter_sets`` writes
- ``dolphin_data/assets/refusal_train.jsonl``: sentences ``{"text", "label": "refusal"|"ok"}`` for the act
  classifier: the candidate sentences (``classifier.candidates``) of replies composed from the *even* pieces of
  ``unfilter_v2_pieces`` (a refusal reply's candidates are refusal acts, a compliant reply's are not) plus cue-bearing
  negatives;
- ``bench/data/unfilter_dev.jsonl``: replies composed from the *odd* pieces and ``unfilter_v2_intl`` (tuning set),
  then the v3 replies (``unfilter_v3_compose``: odd v3 pieces; the even ones join the training sentences);
- ``bench/data/unfilter_dev_v4.jsonl``: the v4 replies (``unfilter_v4_dev``: odd v4 pieces; the even ones join the
  training sentences): declines without "I can't", judgement, policy, redirect-only, lecture-only, hedged and
  question-back refusals, and compliant answers that say "sorry", "cannot" or "decline" in another sense;
- ``bench/data/unfilter_test.jsonl``: replies from ``unfilter_v2_test_pieces`` (written after tuning, never tuned on);
- ``bench/data/unfilter_test_v3.jsonl``: replies from ``unfilter_v3_test_pieces`` (written after the v3 tuning,
  never tuned on).
One ``{"text", "label": "refusal"|"compliant", "expect": "drop"|"repair"|"keep", "kind", "style", "lang"}`` a line.
Deterministic: seeded ``random.Random`` per set, exact duplicates dropped.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.data import unfilter_v2_intl, unfilter_v2_pieces
from bench.data.unfilter_v3_compose import compose_v3
from bench.data.unfilter_v4_dev import compose_v4, dev_v4_rows, grammar_sentences

REPO = Path(__file__).resolve().parents[2]
TRAIN_PATH = REPO / "dolphin_data" / "assets" / "refusal_train.jsonl"
DEV_PATH = REPO / "bench" / "data" / "unfilter_dev.jsonl"
DEV_V4_PATH = REPO / "bench" / "data" / "unfilter_dev_v4.jsonl"
TEST_PATH = REPO / "bench" / "data" / "unfilter_test.jsonl"
TEST_V3_PATH = REPO / "bench" / "data" / "unfilter_test_v3.jsonl"
STYLES = ("gpt35", "gpt4", "llama2", "mistral", "claude", "terse")
COUNTS = {  # replies per kind in the dev set (the test set uses its own module's COUNTS)
    "refusal": 240,
    "partial_refusal": 60,
    "redirect": 50,
    "premise": 50,
    "privacy": 50,
    "lecture": 40,
    "boilerplate_only": 30,
    "edgy_answer": 160,
    "edgy_caveat": 90,
    "boilerplate_answer": 110,
    "plain": 80,
    "hard_negative": 80,
}
REFUSAL_KINDS = {"refusal", "partial_refusal", "redirect", "premise", "privacy", "lecture", "boilerplate_only"}
REPAIR_KINDS = {"edgy_caveat", "boilerplate_answer"}
OPENERS = {
    "gpt35": ["Sure! ", "Certainly! ", ""],
    "gpt4": ["", ""],
    "llama2": ["Great question! ", "Thank you for asking! "],
    "mistral": ["", "Here's what you need to know. "],
    "claude": ["Here's an overview. ", ""],
    "terse": [""],
}
CLOSERS = {
    "gpt35": [" I hope this helps!", " Let me know if you have any other questions.", ""],
    "gpt4": [""],
    "llama2": [" I hope this information is helpful!", ""],
    "mistral": [""],
    "claude": [" Let me know if you'd like more detail.", ""],
    "terse": [""],
}


def split(items: list[Any], part: str) -> list[Any]:
    """Even items for training, odd ones for dev; the test bank is used whole."""
    if part == "train":
        return items[0::2]
    if part == "dev":
        return items[1::2]
    return items


def _lc(s: str) -> str:
    return s if s.startswith(("I ", "I'", "I\u2019")) else s[:1].lower() + s[1:]


def _bank(mod: ModuleType, part: str) -> dict[str, Any]:
    names = (
        "TOPICS",
        "DECLINES",
        "REASONS",
        "OFFERS",
        "REDIRECTS",
        "PREMISE",
        "GROUPS",
        "PRIVACY",
        "LECTURES",
        "PARTIAL",
        "BOILERPLATE",
        "JOINS",
        "CAVEATS",
        "EDGY",
        "PLAIN",
        "HARD",
        "CUE_NEGATIVES",
    )
    bank: dict[str, Any] = {n.lower(): split(list(getattr(mod, n)), part) for n in names if hasattr(mod, n)}
    bank["apologies"] = dict(mod.APOLOGIES)
    return bank


def reply(kind: str, style: str, rng: random.Random, b: dict[str, Any]) -> str:
    c = rng.choice
    topic = c(b["topics"])

    def decline() -> str:
        return c(b["declines"]).format(topic=topic)

    apology = c(b["apologies"][style])
    if kind == "refusal":
        d = decline()
        head = f"{apology} {_lc(d)}".strip() if apology and not apology.endswith(".") else f"{apology} {d}".strip()
        parts = [head]
        if style in ("gpt35", "llama2", "mistral", "claude") and rng.random() < 0.8:
            parts.append(c(b["reasons"]))
        if style == "llama2":
            parts.append(c(b["lectures"]))
        if style != "terse" and rng.random() < 0.6:
            parts.append(c(b["offers"]).format(topic=topic))
        return " ".join(parts)
    if kind == "partial_refusal":
        text = c(b["partial"]).format(topic=topic)
        return text + (" " + c(b["offers"]) if rng.random() < 0.4 else "")
    if kind == "redirect":
        parts = [c(b["lectures"])] if rng.random() < 0.4 else []
        return " ".join(parts + [c(b["redirects"]).format(topic=topic)])
    if kind == "premise":
        group = c(b["groups"])
        return " ".join([c(b["premise"]).format(group=group)] + ([c(b["lectures"])] if rng.random() < 0.6 else []))
    if kind == "privacy":
        return " ".join([c(b["privacy"])] + ([c(b["offers"])] if rng.random() < 0.5 else []))
    if kind == "lecture":
        return " ".join(rng.sample(b["lectures"], 2))
    if kind == "boilerplate_only":
        return c(b["boilerplate"])
    body = (
        c(b["edgy"])[1]
        if kind.startswith("edgy") or (kind == "boilerplate_answer" and rng.random() < 0.5)
        else c(b["plain"])
    )
    if kind == "hard_negative":
        return c(b["hard"])
    opener, closer = c(OPENERS[style]), c(CLOSERS[style])
    if kind == "edgy_caveat":
        cav = c(b["caveats"])
        return opener + (f"{body} {cav}" if rng.random() < 0.7 else f"{cav} {body}") + closer
    if kind == "boilerplate_answer":
        join = c(b["joins"])
        return (
            f"{c(b['boilerplate'])} {join} {body[:1].lower() + body[1:] if join.endswith(',') or join == 'But' else body}"
            + closer
        )
    return opener + body + closer


def intl_rows(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for lang, bank in unfilter_v2_intl.INTL.items():
        for kind, label, expect in (
            ("refusal", "refusal", "drop"),
            ("boiler", "compliant", "repair"),
            ("ok", "compliant", "keep"),
        ):
            for text in bank[kind]:
                rows.append(
                    {
                        "text": text,
                        "label": label,
                        "expect": expect,
                        "kind": {"boiler": "boilerplate_answer", "ok": "plain"}.get(kind, kind),
                        "style": "intl",
                        "lang": lang,
                    }
                )
    return rows


def compose(mod: ModuleType, part: str, counts: dict[str, int], seed: int, with_intl: bool) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    b = _bank(mod, part)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for kind, n in counts.items():
        tries = 0
        made = 0
        while made < n and tries < n * 20:
            tries += 1
            style = STYLES[(made + tries) % len(STYLES)]
            text = reply(kind, style, rng, b)
            if text in seen:
                continue
            seen.add(text)
            label = "refusal" if kind in REFUSAL_KINDS else "compliant"
            expect = "drop" if label == "refusal" else "repair" if kind in REPAIR_KINDS else "keep"
            rows.append({"text": text, "label": label, "expect": expect, "kind": kind, "style": style, "lang": "en"})
            made += 1
    if with_intl:
        rows += intl_rows(rng)
    rng.shuffle(rows)
    return rows


def training_sentences(seed: int = 1) -> list[dict[str, str]]:
    from dolphin_data.unfilter.classifier import candidates

    counts = {k: v * 3 for k, v in COUNTS.items()}
    replies = compose(unfilter_v2_pieces, "train", counts, seed, with_intl=False) + compose_v3("train", seed + 4, 3)
    replies += compose_v4("train", seed + 7, 3)
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for r in replies:
        label = "refusal" if r["label"] == "refusal" and r["kind"] != "lecture" else "ok"
        if r["kind"] in ("lecture", "boilerplate_only") or r["lang"] != "en":
            continue  # rules' business (moralizing / boilerplate), not the act classifier's
        for s, e in candidates(r["text"]):
            key = (r["text"][s:e], label)
            if key not in seen:
                seen.add(key)
                out.append({"text": r["text"][s:e], "label": label})
    b = _bank(unfilter_v2_pieces, "train")
    rng = random.Random(seed)
    m = unfilter_v2_pieces
    grammar = [
        f"{subj} {mod} {verb}{suf}.".replace(" 'd", "'d")
        for subj in m.NEG_SUBJECTS
        for mod in m.NEG_MODALS
        for verb in m.NEG_VERBS
        for suf in m.NEG_SUFFIXES
    ]
    for text in m.CUE_NEGATIVES + b["hard"] + rng.sample(grammar, 1200):
        if (text, "ok") not in seen:
            seen.add((text, "ok"))
            out.append({"text": text, "label": "ok"})
    for row in grammar_sentences(seed + 9, 300):
        if (row["text"], row["label"]) not in seen:
            seen.add((row["text"], row["label"]))
            out.append(row)
    return out


def dev_rows() -> list[dict[str, Any]]:
    """The dev set: v2 replies from the odd pieces and the v2 multilingual bank, then v3 replies from the odd v3
    pieces (more model styles, behaviours, edgy answers, hard negatives, pt and it)."""
    return compose(unfilter_v2_pieces, "dev", COUNTS, 2, with_intl=True) + compose_v3("dev", 4)


def write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    write(TRAIN_PATH, training_sentences())
    write(DEV_PATH, dev_rows())
    write(DEV_V4_PATH, dev_v4_rows())
    from bench.data import unfilter_v2_test_pieces as test_mod

    write(TEST_PATH, compose(test_mod, "test", test_mod.COUNTS, 3, with_intl=False) + test_mod.extra_rows())
    from bench.data import unfilter_v3_test_pieces

    write(TEST_V3_PATH, unfilter_v3_test_pieces.rows())
    for p in (TRAIN_PATH, DEV_PATH, DEV_V4_PATH, TEST_PATH, TEST_V3_PATH):
        if p.exists():
            print(f"{p.relative_to(REPO)}: {sum(1 for _ in p.open())} rows")


if __name__ == "__main__":
    main()
