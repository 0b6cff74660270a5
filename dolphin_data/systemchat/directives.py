"""Directive rule: every gpt turn obeys the mechanical directives its system prompt states (patterns in
``directive_patterns``). Reason ``system:directive:<kind>``, for the earliest failing turn (the first directive
in ``DIRECTIVE_KINDS`` order on a tie); language is checked only where no other directive failed.

Prompts are parsed once per distinct prompt (cached across batches: parsing is a pure function of the text).
The checks run per directive kind over the column of replies it applies to: word and bullet counts, letter, case
and comma tests as vectorised polars expressions, JSON with orjson, a reply's first and last words with string
methods, the language with one fastText call per batch.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dolphin_data.model import Conversation
from dolphin_data.systemchat.base import GPT, Finding, TurnColumns, Turns, contains, first_per_owner
from dolphin_data.systemchat.directive_patterns import (
    BULLET,
    DIRECTIVE_KINDS,
    DIRECTIVE_PATTERNS,
    DIRECTIVE_TRIGGER,
    FENCE,
    LANGUAGES,
    NEGATION,
    NUMBER_WORDS,
    WORD,
)

DIRECTIVE_RES = {k: (re.compile(src, re.IGNORECASE), neg, gate) for k, (src, neg, gate) in DIRECTIVE_PATTERNS.items()}
_NEGATION = re.compile(NEGATION, re.IGNORECASE)
_EDGE = " \t\r\n\"'*_`#>()[]\u201c\u201d\u2018\u2019"  # what may wrap a reply's first or last words
_END_PUNCT = _EDGE + ".!?,;:\u2026"


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str
    value: Any = None  # word or bullet count, language code, letter, phrase
    text: str = ""  # the words of the system prompt that state it


def _negated(prompt: str, start: int) -> bool:
    """A "never"/"don't"/"not" earlier in the same sentence turns the directive around."""
    sentence_start = max(prompt.rfind(c, 0, start) for c in ".!?\n") + 1
    return bool(_NEGATION.search(prompt, sentence_start, start))


def _number(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else NUMBER_WORDS[w]


@functools.lru_cache(maxsize=16384)
def parse_directives(prompt: str | None) -> tuple[Directive, ...]:
    """The mechanical directives a system prompt states, at most one per kind (the first one)."""
    if not prompt:
        return ()
    found: list[Directive] = []
    low = prompt.lower()
    for kind, (rx, negatable, gate) in DIRECTIVE_RES.items():
        if not all(any(word in low for word in group) for group in gate):
            continue
        for m in rx.finditer(prompt):
            if negatable and _negated(prompt, m.start()):
                continue
            groups = [g for g in m.groups() if g]
            value: Any = None
            if kind in ("exact_words", "exact_bullets"):
                value = _number(groups[-1])
            elif kind == "max_words":
                bound = _number(groups[-1])
                strict = groups[0].lower().replace(" ", "") in ("fewerthan", "lessthan", "under")
                value = bound - 1 if strict else bound
            elif kind == "language":
                value = LANGUAGES[groups[-1].lower()]
            elif kind == "no_letter":
                value = groups[-1].lower()
            elif kind in ("start_with", "end_with"):
                value = groups[-1]
            found.append(Directive(kind, value, m.group(0)))
            break
    if any(d.kind == "exact_words" for d in found):
        found = [d for d in found if d.kind != "max_words"]
    return tuple(found)


def parse_directives_batch(prompts: Sequence[str]) -> dict[str, tuple[Directive, ...]]:
    """Directives per distinct prompt; one vectorised polars pass skips prompts that cannot state any."""
    distinct = sorted(set(prompts))
    maybe = contains(distinct, DIRECTIVE_TRIGGER)
    return {p: parse_directives(p) if m else () for p, m in zip(distinct, maybe.tolist(), strict=True)}


# -- the checks, each over a column of replies --------------------------------------------------------------------


def _series(texts: Sequence[str]) -> Any:
    import polars as pl

    return pl.Series("t", list(texts), dtype=pl.String)


def word_counts(texts: Sequence[str]) -> np.ndarray:
    """Words per text: whitespace-separated tokens holding a letter or digit."""
    return _series(texts).str.count_matches(WORD).to_numpy().astype(np.int64) if texts else np.zeros(0, np.int64)


def prose(texts: Sequence[str]) -> Any:
    """The texts without fenced code blocks (code is not prose in any language), as a polars Series."""
    return _series(texts).str.replace_all(FENCE, " ")


def strip_code(text: str) -> str:
    """One text without fenced code blocks."""
    return str(prose([text])[0])


def count_words(text: str) -> int:
    return int(word_counts([text])[0])


def _json_problem(text: str) -> dict[str, Any] | None:
    import orjson

    body = text.strip()
    m = re.fullmatch(r"```(?:json)?\s*\n?(.*?)\n?```", body, re.DOTALL | re.IGNORECASE)
    if m:
        body = m.group(1).strip()
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError:
        return {"json": "invalid"}
    return None if isinstance(value, dict | list) else {"json": type(value).__name__}


def _edge_words(text: str, phrase: str, at_end: bool) -> bool:
    want = " ".join(phrase.split()).casefold().strip(_END_PUNCT if at_end else _EDGE)
    have = " ".join(text.split()).casefold()
    return have.rstrip(_END_PUNCT).endswith(want) if at_end else have.lstrip(_EDGE).startswith(want)


def check_column(
    kind: str, texts: list[str], values: list[Any], word_tolerance: int = 0
) -> list[dict[str, Any] | None]:
    """For each reply, ``None`` if it obeys ``kind`` with its value, else what was wrong (not for ``language``)."""
    n = len(texts)
    if kind in ("exact_words", "max_words"):
        words = word_counts(texts)
        want = np.asarray(values, np.int64)
        bad = np.abs(words - want) > word_tolerance if kind == "exact_words" else words > want + word_tolerance
        key = "expected" if kind == "exact_words" else "max"
        return [{key: int(want[i]), "words": int(words[i])} if bad[i] else None for i in range(n)]
    if kind == "json":
        return [_json_problem(t) for t in texts]
    if kind == "no_letter":
        import polars as pl

        frame = pl.DataFrame({"t": texts, "v": values}, schema={"t": pl.String, "v": pl.String})
        hit = frame.select(pl.col("t").str.to_lowercase().str.contains(pl.col("v"), literal=True)).to_series()
        return [
            {"letter": values[i], "at": texts[i].lower().find(values[i])} if h else None
            for i, h in enumerate(hit.to_list())
        ]
    if kind in ("all_caps", "all_lowercase"):
        body = prose(texts)
        same = body == (body.str.to_uppercase() if kind == "all_caps" else body.str.to_lowercase())
        problem = {"case": "has lowercase" if kind == "all_caps" else "has uppercase"}
        return [None if ok else dict(problem) for ok in same.to_list()]
    if kind == "exact_bullets":
        bullets = prose(texts).str.count_matches(BULLET).to_numpy()
        return [{"expected": v, "bullets": int(b)} if b != v else None for b, v in zip(bullets, values, strict=True)]
    if kind == "no_commas":
        comma = prose(texts).str.contains("[,\uff0c]").to_list()
        return [{"comma_at": texts[i].find(",")} if c else None for i, c in enumerate(comma)]
    if kind in ("start_with", "end_with"):
        at_end = kind == "end_with"
        key = "expected_end" if at_end else "expected_start"
        return [None if _edge_words(t, v, at_end) else {key: v} for t, v in zip(texts, values, strict=True)]
    raise ValueError(f"not a mechanical directive: {kind}")


def check_mechanical(d: Directive, text: str, word_tolerance: int = 0) -> dict[str, Any] | None:
    """Whether one gpt turn obeys a non-language directive: ``None``, or what was wrong."""
    return check_column(d.kind, [text], [d.value], word_tolerance)[0]


# -- the rule ------------------------------------------------------------------------------------------------------


def check_directives_batch(
    batch: Sequence[Conversation] | TurnColumns,
    word_tolerance: int = 0,
    min_lang_prob: float = 0.5,
    min_lang_words: int = 4,
    parsed: Mapping[str, tuple[Directive, ...]] | None = None,
) -> dict[int, Finding]:
    """First directive failure per conversation index (conversations that obey every directive are absent).
    ``parsed``: the batch's prompts already parsed by ``parse_directives_batch``, if the caller has them."""
    cols = Turns.of(batch)
    prompts = cols.system_prompts()
    if parsed is None:
        parsed = parse_directives_batch([p for p in prompts if p])
    stating = {p: ds for p, ds in parsed.items() if ds}
    if not stating:
        return {}
    # per kind: the conversations whose prompt states it, the directive, and its position in the prompt's list
    by_kind: dict[str, list[tuple[int, int, Directive]]] = {}
    for ci, p in enumerate(prompts):
        ds = stating.get(p) if p else None
        for order, d in enumerate(ds or ()):
            by_kind.setdefault(d.kind, []).append((ci, order, d))
    owner, tidx = cols.owner(), cols.turn_index()
    gpt = np.flatnonzero(cols.roles == GPT)
    texts = cols.texts
    best: dict[int, tuple[int, int, Finding]] = {}  # conv -> (turn, order, finding)
    for kind in DIRECTIVE_KINDS:
        if kind == "language" or kind not in by_kind:
            continue
        rows = by_kind[kind]
        of_conv = {ci: (order, d) for ci, order, d in rows}
        sel = gpt[np.isin(owner[gpt], np.fromiter(of_conv, np.int64, len(of_conv)))]
        problems = check_column(
            kind,
            [texts[k] for k in sel.tolist()],
            [of_conv[int(owner[k])][1].value for k in sel.tolist()],
            word_tolerance,
        )
        bad = sel[np.fromiter((p is not None for p in problems), bool, len(problems))]
        where = {int(k): p for k, p in zip(sel.tolist(), problems, strict=True) if p is not None}
        for ci, k in zip(*first_per_owner(bad, owner), strict=True):
            order, d = of_conv[int(ci)]
            key = (int(tidx[k]), order)
            if int(ci) not in best or key < best[int(ci)][:2]:
                finding = Finding(
                    f"system:directive:{kind}", int(tidx[k]), detail={"directive": d.text, **where[int(k)]}
                )
                best[int(ci)] = (*key, finding)
    failures = {ci: f for ci, (_, _, f) in best.items()}
    lang = [(ci, d) for ci, _, d in by_kind.get("language", []) if ci not in failures]
    if lang:
        want = dict(lang)
        sel = gpt[np.isin(owner[gpt], np.fromiter(want, np.int64, len(want)))]
        body = prose([texts[k] for k in sel.tolist()])
        long_enough = body.str.count_matches(WORD).to_numpy() >= min_lang_words
        sel, body = sel[long_enough], body.filter(long_enough).to_list()
        if body:
            codes, probs = detect_languages(body)
            for k, code, p in zip(sel.tolist(), codes, probs.tolist(), strict=True):
                ci = int(owner[k])
                expected = want[ci].value
                if ci in failures or code == expected or code == "und" or p < min_lang_prob:
                    continue
                failures[ci] = Finding(
                    "system:directive:language",
                    int(tidx[k]),
                    detail={"expected": expected, "detected": code, "prob": round(p, 3)},
                )
    return failures


def directives(
    conv: Conversation, word_tolerance: int = 0, min_lang_prob: float = 0.5, min_lang_words: int = 4
) -> Finding | None:
    """The conversation's first directive failure, or None (``check_directives_batch`` on one conversation)."""
    return check_directives_batch([conv], word_tolerance, min_lang_prob, min_lang_words).get(0)


def detect_languages(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """``dolphin_data.langid.detect_languages`` (fastText lid.176); imported lazily so workers load it once."""
    from dolphin_data.langid import detect_languages as detect

    return detect(texts)
