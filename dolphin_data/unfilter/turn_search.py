"""Searching user turns for the patterns of ``requests.py`` (and ``asked.py``): ``asks`` one turn, remembered
(the stage asks the same turn several patterns, and re costs a long turn a few hundred microseconds a pattern), and
``asks_each`` a batch of turns, vectorised in Rust's regex engine (polars) with the same answers as ``re``.

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
    key = (pattern.pattern, pattern.flags, prompt)
    found = _MEMO.get(key)
    if found is None:
        found = bool(prompt) and pattern.search(prompt) is not None
        _remember(key, found)
    return found


def asks_each(pattern: re.Pattern[str], prompts: Sequence[str]) -> list[bool]:
    """``asks`` for many user turns at once, the same answers (see the module docstring), 5-20x faster on long turns."""
    pk = pattern.pattern, pattern.flags
    todo = list(dict.fromkeys(p for p in prompts if p and (*pk, p) not in _MEMO))
    pats = rust_patterns(pattern) if len(todo) >= VECTOR_MIN and polars_fork_safe() else None
    if pats is not None:
        import polars as pl

        wide, exact = pats
        col = pl.Series("p", todo, dtype=pl.String)
        flagged = col.str.contains(wide)
        for p in col.filter(~flagged).to_list():
            _remember((*pk, p), False)
        col = col.filter(flagged)
        if exact is not None:
            plain = col.str.contains(_PLAIN)
            at_once = col.filter(plain)
            for p, found in zip(at_once.to_list(), at_once.str.contains(exact).to_list(), strict=True):
                _remember((*pk, p), bool(found))
            col = col.filter(~plain)
        for p, b in zip(col.to_list(), col.str.find(wide).to_list(), strict=True):
            _remember((*pk, p), pattern.search(p, len(p.encode()[:b].decode())) is not None)
    return [asks(pattern, p) for p in prompts]


def asks_many(patterns: Sequence[re.Pattern[str]], prompts: Sequence[str]) -> list[list[bool]]:
    """``asks_each`` for several patterns over the same user turns, the same answers, in three polars calls in all
    (every widened pattern at once, then the flagged (turn, pattern) pairs with each row's own pattern, which polars
    compiles once per distinct pattern) instead of four or five per pattern."""
    todo = list(dict.fromkeys(p for p in prompts if p and any((*_key(rx), p) not in _MEMO for rx in patterns)))
    rust = [rust_patterns(rx) for rx in patterns] if len(todo) >= VECTOR_MIN and polars_fork_safe() else []
    if rust and all(r is not None for r in rust):
        import polars as pl

        frame = pl.DataFrame({"p": todo}, schema={"p": pl.String})
        flags = frame.select(
            pl.col("p").str.contains(_PLAIN).alias("plain"),
            *(pl.col("p").str.contains(r[0]).alias(f"w{j}") for j, r in enumerate(rust) if r is not None),
        ).fill_null(False)
        plain = flags["plain"].to_numpy()
        exact_rows: tuple[list[int], list[int]] = ([], [])  # (turn, pattern) pairs the pattern as written answers
        find_rows: tuple[list[int], list[int]] = ([], [])  # pairs ``re`` answers from the widened match's start
        for j, (rx, r) in enumerate(zip(patterns, rust, strict=True)):
            assert r is not None
            wide = flags[f"w{j}"].to_numpy()
            for i in np.flatnonzero(~wide).tolist():
                _remember((*_key(rx), todo[i]), False)
            hit = np.flatnonzero(wide)
            rows = hit[plain[hit]] if r[1] is not None else hit[:0]
            rest = hit[~plain[hit]] if r[1] is not None else hit
            exact_rows[0].extend(rows.tolist())
            exact_rows[1].extend([j] * len(rows))
            find_rows[0].extend(rest.tolist())
            find_rows[1].extend([j] * len(rest))
        if exact_rows[0]:
            pairs = pl.DataFrame(
                {"p": [todo[i] for i in exact_rows[0]], "x": [rust[j][1] for j in exact_rows[1]]},  # type: ignore[index]
                schema={"p": pl.String, "x": pl.String},
            )
            found = pairs.select(pl.col("p").str.contains(pl.col("x"))).to_series().fill_null(False).to_list()
            for i, j, f in zip(*exact_rows, found, strict=True):
                _remember((*_key(patterns[j]), todo[i]), bool(f))
        if find_rows[0]:
            pairs = pl.DataFrame(
                {"p": [todo[i] for i in find_rows[0]], "x": [rust[j][0] for j in find_rows[1]]},  # type: ignore[index]
                schema={"p": pl.String, "x": pl.String},
            )
            starts = pairs.select(pl.col("p").str.find(pl.col("x"))).to_series().to_list()
            for i, j, b in zip(*find_rows, starts, strict=True):
                p = todo[i]
                _remember((*_key(patterns[j]), p), patterns[j].search(p, len(p.encode()[:b].decode())) is not None)
        return [[asks(rx, p) for p in prompts] for rx in patterns]
    return [asks_each(rx, prompts) for rx in patterns]


def _key(pattern: re.Pattern[str]) -> tuple[str, int]:
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
