"""Searching user turns for the patterns of ``requests.py`` (and ``asked.py``): ``asks`` one turn, remembered
(the stage asks the same turn several patterns, and re costs a long turn a few hundred microseconds a pattern), and
``asks_each`` / ``asks_many`` a batch of turns for one or several patterns, vectorised in Rust's regex engine
(polars) with the same answers as ``re``.

Why the answers are the same. ``rust_patterns`` gives each pattern twice: *widened* (every ``\\b`` and lookaround
dropped: a dropped assertion only admits more, so every turn ``re`` matches, the widened pattern matches, and no
``re`` match starts before the widened pattern's first match) and *as written* (None when it holds a lookaround,
which Rust's syntax lacks). A turn the widened pattern does not match is answered no. A flagged turn that is plain
ASCII (``_PLAIN``: there the engines agree on word characters, case folding, digits and spaces) is answered by the
pattern as written in Rust; any other flagged turn by ``re``, from where the widened match starts (``^``, ``\\b``
and lookbehinds still see the whole turn). ``tests/test_unfilter_speed.py`` checks the equality on every labelled
and bundled user turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from dolphin_data.unfilter.hits import polars_fork_safe

MEMO_MAX = 65_536  # remembered (pattern, user turn) answers; past it the memo starts over (answers never change)
# keyed by a pattern's text and flags: hashing a compiled pattern hashes its whole program (5 us for the big ones)
_MEMO: dict[tuple[str, int, str], bool] = {}
_RUST: dict[tuple[str, int], tuple[str, str | None] | None] = {}
VECTOR_MIN = 8  # fewer user turns than this are searched one by one (a polars call costs tens of microseconds)


def asks(pattern: re.Pattern[str], prompt: str) -> bool:
    """Whether ``prompt`` matches one of the patterns above, remembered: the stage asks the same user turn several of
    them (the whole-reply model's gate, each prompt-dependent rule), and a long user turn costs each pattern a few
    hundred microseconds in ``re``."""
    key = (*_key(pattern), prompt)
    found = _MEMO.get(key)
    if found is None:
        found = bool(prompt) and pattern.search(prompt) is not None
        _remember(key, found)
    return found


def asks_each(pattern: re.Pattern[str], prompts: Sequence[str]) -> list[bool]:
    """``asks`` for many user turns at once, the same answers (see the module docstring), 5-20x faster on long turns."""
    return asks_many([pattern], prompts)[0]


def asks_many(patterns: Sequence[re.Pattern[str]], prompts: Sequence[str]) -> list[list[bool]]:
    """``asks_each`` for several patterns over the same user turns, in four polars calls at most: every widened
    pattern at once, which flagged turns are plain ASCII, then the flagged (turn, pattern) pairs with each row's own
    pattern (polars compiles each distinct pattern once): as written for a plain-ASCII turn, else ``re`` from the
    widened match's start. A pattern Rust's
    syntax refuses even widened, and a batch too small to be worth a call, are answered by ``asks``."""
    todo = list(dict.fromkeys(p for p in prompts if p and any((*_key(rx), p) not in _MEMO for rx in patterns)))
    if len(todo) >= VECTOR_MIN and polars_fork_safe():
        rust = [(rx, *r) for rx in patterns if (r := rust_patterns(rx)) is not None]
        if rust:
            _search_in_rust(rust, todo)
    return [[asks(rx, p) for p in prompts] for rx in patterns]


def _search_in_rust(rust: list[tuple[re.Pattern[str], str, str | None]], todo: list[str]) -> None:
    """Remember the answer of every (pattern, turn) pair: ``rust`` holds each pattern with its widened and its
    as-written Rust form (``rust_patterns``)."""
    import polars as pl

    flags = (
        pl.DataFrame({"p": todo}, schema={"p": pl.String})
        .select(*(pl.col("p").str.contains(wide).alias(f"w{j}") for j, (_, wide, _) in enumerate(rust)))
        .fill_null(False)
    )
    plain = np.zeros(len(todo), dtype=bool)  # asked only of the flagged turns (a long turn costs a full scan)
    flagged = np.flatnonzero(np.logical_or.reduce([flags[f"w{j}"].to_numpy() for j in range(len(rust))]))
    if len(flagged):
        turns = pl.Series("p", [todo[i] for i in flagged.tolist()], dtype=pl.String)
        plain[flagged] = turns.str.contains(_PLAIN).fill_null(False).to_numpy()
    exact: tuple[list[str], list[str], list[re.Pattern[str]]] = ([], [], [])  # turn, Rust pattern, pattern
    found: tuple[list[str], list[str], list[re.Pattern[str]]] = ([], [], [])  # turn, widened pattern, pattern
    for j, (rx, wide, written) in enumerate(rust):
        hit = flags[f"w{j}"].to_numpy()
        for i in np.flatnonzero(~hit).tolist():
            _remember((*_key(rx), todo[i]), False)
        for i in np.flatnonzero(hit).tolist():
            to, pattern = (exact, written) if written is not None and plain[i] else (found, wide)
            to[0].append(todo[i])
            to[1].append(pattern)
            to[2].append(rx)
    if exact[0]:
        answers = _pairs(exact).select(pl.col("p").str.contains(pl.col("x"))).to_series().fill_null(False).to_list()
        for p, rx, f in zip(exact[0], exact[2], answers, strict=True):
            _remember((*_key(rx), p), bool(f))
    if found[0]:
        starts = _pairs(found).select(pl.col("p").str.find(pl.col("x"))).to_series().to_list()
        for p, rx, b in zip(found[0], found[2], starts, strict=True):
            _remember((*_key(rx), p), rx.search(p, len(p.encode()[:b].decode())) is not None)


def _pairs(rows: tuple[list[str], list[str], list[re.Pattern[str]]]) -> Any:
    import polars as pl

    return pl.DataFrame({"p": rows[0], "x": rows[1]}, schema={"p": pl.String, "x": pl.String})


def _key(pattern: re.Pattern[str]) -> tuple[str, int]:
    """A pattern's memo key: its text and flags (hashing a compiled pattern hashes its program)."""
    return pattern.pattern, pattern.flags


# ASCII without the separators \x1c-\x1f (spaces to ``re``, not to Rust): where both engines read a pattern alike
_PLAIN = r"^[\x00-\x1b\x20-\x7f]*$"


def rust_patterns(pattern: re.Pattern[str]) -> tuple[str, str | None] | None:
    """``pattern`` for Rust's regex engine, its flags inline: widened (``widen``) and as written (None when Rust's
    syntax refuses it: a lookaround); None when Rust refuses even the widened one (``asks_each`` then uses ``re``)."""
    pk = pattern.pattern, pattern.flags
    if pk not in _RUST:
        flags = "".join(f for flag, f in ((re.I, "i"), (re.S, "s"), (re.M, "m")) if pattern.flags & flag)
        head = f"(?{flags})" if flags else ""
        wide, exact = _compiles(head + widen(pattern.pattern)), _compiles(head + pattern.pattern)
        _RUST[pk] = None if wide is None else (wide, exact)
    return _RUST[pk]


def _compiles(rust: str) -> str | None:
    import polars as pl

    try:
        pl.Series("p", [""], dtype=pl.String).str.contains(rust)
    except Exception:  # polars' ComputeError: a construct Rust's engine lacks
        return None
    return rust


_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def widen(pattern: str) -> str:
    """``pattern`` without its ``\\b`` assertions and lookaround groups: every string it matched still matches (an
    assertion dropped only admits more). Escapes and character classes are skipped as units."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith(_LOOKAROUND, i):
            i = _group_end(pattern, i)
            continue
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1 : i + 2] != "b":
                out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = _class_end(pattern, i)
            out.append(pattern[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _class_end(pattern: str, i: int) -> int:
    """Just past the character class opening at ``i`` (a ``]`` first in it is a literal)."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """Just past the group opening at ``i`` (nested groups, escapes and classes skipped)."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        depth += (c == "(") - (c == ")")
        j += 1
        if depth == 0:
            return j
    return j


def _remember(key: tuple[str, int, str], found: bool) -> None:
    if len(_MEMO) >= MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = found


def forget() -> None:
    """Forget every remembered answer (benchmarks time each run from cold)."""
    _MEMO.clear()
