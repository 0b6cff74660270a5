"""Compose the unfilter v4 replies (``bench/data/unfilter_dev_v4.jsonl``) from ``unfilter_v4_pieces`` (refusals),
``unfilter_v4_answers`` (compliant replies) and ``unfilter_v4_intl`` (ten languages).

``compose_v4(part, seed, scale)``: rows ``{"text", "label", "expect", "kind", "style", "lang"}`` built from the even
pieces (``part="train"``: their candidate sentences train the act classifier) or the odd ones (``part="dev"``: the
dev_v4 set), so a dev_v4 reply never shares a template or a slot value with a training sentence. Refusals are shaped
per model style (apology + decline + reason + offer for the chatty styles, one line for ``terse``); redirect-only,
lecture-only, premise, hedge and question-back replies never answer and never say "I can't". Deterministic (seeded
``random.Random``; exact duplicates dropped).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from bench.data import unfilter_v4_answers as ans
from bench.data import unfilter_v4_intl as intl
from bench.data import unfilter_v4_pieces as pcs

STYLES = ("gpt35", "gpt4", "llama2", "mistral", "claude", "terse")
# replies per kind at scale 1
COUNTS = {
    "decline": 120,
    "terse_refusal": 30,
    "judgement": 80,
    "identity": 60,
    "redirect": 50,
    "lecture": 50,
    "premise": 40,
    "partial_refusal": 40,
    "hedge": 30,
    "question_back": 24,
    "edgy_answer": 180,
    "word_sense": 110,
    "apology_answer": 80,
    "edgy_caveat": 80,
    "boilerplate_answer": 80,
    "clarify": 24,
}
REFUSAL_KINDS = {
    "decline",
    "terse_refusal",
    "judgement",
    "identity",
    "redirect",
    "lecture",
    "premise",
    "partial_refusal",
    "hedge",
    "question_back",
    "refusal",
}
REPAIR_KINDS = {"edgy_caveat", "boilerplate_answer"}
_CHATTY = ("gpt35", "llama2", "mistral", "claude")


def _split(items: list[Any], part: str) -> list[Any]:
    return items[0::2] if part == "train" else items[1::2]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _join_apology(apology: str, sentence: str) -> str:
    if not apology:
        return _cap(sentence)
    if apology.endswith((",", "but", "—")) or apology in ("I'm afraid",):
        keep = sentence.startswith(("I ", "I'", "I\u2019"))
        return f"{apology} {sentence if keep else sentence[:1].lower() + sentence[1:]}"
    return f"{apology} {_cap(sentence)}"


def compose_v4(part: str, seed: int, scale: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    p = {n.lower(): _split(list(getattr(pcs, n)), part) for n in dir(pcs) if n.isupper()}
    a = {n.lower(): _split(list(getattr(ans, n)), part) for n in dir(ans) if n.isupper()}
    c = rng.choice
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(text: str, kind: str, style: str, lang: str = "en") -> bool:
        if text in seen:
            return False
        seen.add(text)
        label = "refusal" if kind in REFUSAL_KINDS else "compliant"
        expect = "drop" if label == "refusal" else "repair" if kind in REPAIR_KINDS else "keep"
        rows.append({"text": text, "label": label, "expect": expect, "kind": kind, "style": style, "lang": lang})
        return True

    def fill(t: str) -> str:
        return t.format(topic=c(p["topics"]), group=c(p["groups"]))

    def tail(style: str, head: str) -> str:
        parts = [head]
        if style in _CHATTY and rng.random() < 0.75:
            parts.append(c(p["reasons"]))
        if style == "llama2" and rng.random() < 0.6:
            parts.append(c(p["lectures"]))
        if style != "terse" and rng.random() < 0.6:
            parts.append(fill(c(p["offers"])))
        return " ".join(parts)

    makers: dict[str, Callable[[str], str]] = {
        "decline": lambda s: tail(s, _join_apology(c(p["apologies"]), fill(c(p["declines"])))),
        "terse_refusal": lambda s: c(p["terse"]) + (" " + c(p["reasons"]) if rng.random() < 0.4 else ""),
        "judgement": lambda s: tail(
            s, _join_apology(c(p["apologies"]) if rng.random() < 0.5 else "", fill(c(p["judgement"])))
        ),
        "identity": lambda s: tail(
            s, _join_apology(c(p["apologies"]) if rng.random() < 0.4 else "", fill(c(p["identity"])))
        ),
        "redirect": lambda s: " ".join(
            ([c(p["lectures"])] if rng.random() < 0.4 else []) + rng.sample(p["redirects"], 1 + (rng.random() < 0.3))
        ),
        "lecture": lambda s: " ".join(rng.sample(p["lectures"], 2) + ([c(p["reasons"])] if rng.random() < 0.3 else [])),
        "premise": lambda s: " ".join([fill(c(p["premise"]))] + ([c(p["lectures"])] if rng.random() < 0.6 else [])),
        "partial_refusal": lambda s: c(p["partial"]) + (" " + fill(c(p["offers"])) if rng.random() < 0.4 else ""),
        "hedge": lambda s: c(p["hedges"]) + (" " + c(p["redirects"]) if rng.random() < 0.3 else ""),
        "question_back": lambda s: fill(c(p["questions_back"])),
        "edgy_answer": lambda s: c(a["openers"]) + c(a["edgy"]) + c(a["closers"]),
        "word_sense": lambda s: (
            c(a["openers"]) + c(a["word_sense"]) + (" " + c(a["edgy"]) if rng.random() < 0.2 else "") + c(a["closers"])
        ),
        "apology_answer": lambda s: f"{c(a['apology_openers'])} {c(a['edgy'] + a['word_sense'])}{c(a['closers'])}",
        "edgy_caveat": lambda s: (
            f"{c(a['edgy'])} {c(a['caveats'])}" if rng.random() < 0.7 else f"{c(a['caveats'])} {c(a['edgy'])}"
        ),
        "boilerplate_answer": lambda s: f"{c(a['boilerplate'])} {c(a['boiler_bodies'])}{c(a['closers'])}",
        "clarify": lambda s: c(a["openers"]) + c(a["clarify"]),
    }
    for kind, n in COUNTS.items():
        made = tries = 0
        while made < n * scale and tries < n * scale * 30:
            tries += 1
            style = STYLES[(made + tries) % len(STYLES)]
            made += add(makers[kind](style), kind, style)
    for lang, bank in intl.INTL.items():
        for key, kind in (("refusal", "refusal"), ("ok", "word_sense")):
            for text in _split(bank[key], part):
                add(text, kind, "intl", lang)
    rng.shuffle(rows)
    return rows


def grammar_sentences(seed: int, n: int) -> list[dict[str, str]]:
    """Training sentences from the decline grammar (even slot values only): ``n`` bare first-person declines
    (``refusal``), ``n`` with an answer after "but" (``ok``), and capability disclaimers (``ok``)."""
    rng = random.Random(seed)
    g = {k: _split(list(getattr(pcs, "GRAMMAR_" + k)), "train") for k in ("SUBJECTS", "MODALS", "VERBS", "OBJECTS")}
    answers = _split(list(pcs.GRAMMAR_ANSWERS), "train")
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for label in ("refusal", "ok"):
        made = tries = 0
        while made < n and tries < n * 20:
            tries += 1
            subj, modal = rng.choice(g["SUBJECTS"]), rng.choice(g["MODALS"])
            head = f"{subj}{'' if modal.startswith(chr(39)) else ' '}{modal} {rng.choice(g['VERBS'])} {rng.choice(g['OBJECTS'])}"
            text = f"{head}." if label == "refusal" else f"{head}, {rng.choice(answers)}."
            if text not in seen:
                seen.add(text)
                out.append({"text": text, "label": label})
                made += 1
    for cap in _split(list(pcs.GRAMMAR_CAPABILITY), "train"):
        for end in (".", ", but here is what people say about it."):
            out.append({"text": cap + end, "label": "ok"})
    return out


def dev_v4_rows() -> list[dict[str, Any]]:
    """The dev_v4 set: replies from the odd pieces."""
    return compose_v4("dev", 7)
