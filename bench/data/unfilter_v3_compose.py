"""Compose unfilter v3 replies from ``unfilter_v3_pieces`` / ``unfilter_v3_answers`` / ``unfilter_v3_intl``.

``compose_v3(part, seed, scale)``: rows ``{"text", "label", "expect", "kind", "style", "lang"}`` built from the even
pieces (``part="train"``) or the odd ones (``part="dev"``) of every list, so a dev reply never shares a template or
a slot value with a training sentence. Deterministic (seeded ``random.Random``; exact duplicates dropped).
"""

from __future__ import annotations

import random
from typing import Any

from bench.data import unfilter_v3_answers as ans
from bench.data import unfilter_v3_intl as intl
from bench.data import unfilter_v3_pieces as pcs

STYLES = ("gpt35", "gpt4", "llama2", "mistral", "claude", "terse")
# replies per kind in the dev set at scale 1 (refusal: per style)
COUNTS = {
    "refusal": 40,
    "partial_refusal": 50,
    "defer": 36,
    "premise": 40,
    "privacy": 36,
    "policy": 30,
    "edgy_answer": 110,
    "edgy_caveat": 80,
    "boilerplate_answer": 60,
}
REFUSAL_KINDS = {"refusal", "partial_refusal", "defer", "premise", "privacy", "policy"}
OPENERS = ["", "", "Sure. ", "Certainly! ", "Good question. ", "Here's the short version. "]
CLOSERS = ["", "", " Hope that helps!", " Let me know if you want more detail.", " Happy to expand on any part."]


def _split(items: list[Any], part: str) -> list[Any]:
    return items[0::2] if part == "train" else items[1::2]


def _fill(template: str, rng: random.Random, b: dict[str, list[str]]) -> str:
    topic, group = rng.choice(b["topics"]), rng.choice(b["groups"])
    return template.format(
        topic=topic,
        topic_cap=topic[:1].upper() + topic[1:],
        thing=rng.choice(b["things"]),
        group=group,
        group_cap=group[:1].upper() + group[1:],
        pro=rng.choice(b["pros"]),
        info=rng.choice(b["infos"]),
        verb=rng.choice(b["verbs"]),
        lecture=rng.choice(b["lectures"]),
    )


def _lower_first(s: str) -> str:
    return s if s.startswith(("I ", "I'")) else s[:1].lower() + s[1:]


def compose_v3(part: str, seed: int, scale: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    b: dict[str, list[str]] = {
        name.lower(): _split(list(getattr(pcs, name)), part)
        for name in (
            "TOPICS",
            "THINGS",
            "GROUPS",
            "PROS",
            "INFOS",
            "VERBS",
            "LECTURES",
            "PARTIAL",
            "DEFER",
            "PREMISE",
            "PRIVACY",
            "POLICY",
        )
    }
    a: dict[str, list[str]] = {
        name.lower(): _split(list(getattr(ans, name)), part)
        for name in ("EDGY", "PLAIN", "CAVEATS", "BOILERPLATE", "JOINS", "HARD", "CUE_OK")
    }
    styles = {s: _split(t, part) for s, t in pcs.REFUSALS.items()}
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(text: str, kind: str, style: str, lang: str = "en") -> bool:
        if text in seen:
            return False
        seen.add(text)
        label = "refusal" if kind in REFUSAL_KINDS else "compliant"
        expect = "drop" if label == "refusal" else "repair" if kind in ("edgy_caveat", "boilerplate_answer") else "keep"
        rows.append({"text": text, "label": label, "expect": expect, "kind": kind, "style": style, "lang": lang})
        return True

    def many(kind: str, n: int, make: Any, style_of: Any) -> None:
        made = tries = 0
        while made < n and tries < n * 30:
            tries += 1
            style = style_of(made + tries)
            made += add(make(style), kind, style)

    for style in STYLES:
        many(
            "refusal", COUNTS["refusal"] * scale, lambda s: _fill(rng.choice(styles[s]), rng, b), lambda _i, s=style: s
        )
    by_kind = {
        "partial_refusal": "partial",
        "defer": "defer",
        "premise": "premise",
        "privacy": "privacy",
        "policy": "policy",
    }
    for kind, key in by_kind.items():
        many(
            kind,
            COUNTS[kind] * scale,
            lambda _s, k=key: _fill(rng.choice(b[k]), rng, b),
            lambda i: STYLES[i % len(STYLES)],
        )

    def answer(_s: str) -> str:
        return rng.choice(OPENERS) + rng.choice(a["edgy"] + a["plain"]) + rng.choice(CLOSERS)

    def caveat(_s: str) -> str:
        body, cav = rng.choice(a["edgy"]), rng.choice(a["caveats"])
        return rng.choice(OPENERS) + (f"{body} {cav}" if rng.random() < 0.7 else f"{cav} {body}")

    def boiler(_s: str) -> str:
        body, join = rng.choice(a["edgy"] + a["plain"]), rng.choice(a["joins"])
        return (
            f"{rng.choice(a['boilerplate'])} {join} {_lower_first(body) if join[-1] == ',' or join == 'But' else body}"
        )

    any_style = lambda i: STYLES[i % len(STYLES)]  # noqa: E731
    many("edgy_answer", min(COUNTS["edgy_answer"] * scale, len(a["edgy"] + a["plain"]) * 5), answer, any_style)
    many("edgy_caveat", COUNTS["edgy_caveat"] * scale, caveat, any_style)
    many("boilerplate_answer", COUNTS["boilerplate_answer"] * scale, boiler, any_style)
    for i, text in enumerate(a["hard"] + a["cue_ok"]):
        add(text, "hard_negative", STYLES[i % len(STYLES)])
    for lang, bank in intl.INTL.items():
        for key, kind in (("refusal", "refusal"), ("boiler", "boilerplate_answer"), ("ok", "hard_negative")):
            for text in _split(bank[key], part):
                add(text, kind, "intl", lang)
    rng.shuffle(rows)
    return rows
