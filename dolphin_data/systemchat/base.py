"""What every SystemConversations rule family shares: the ``Finding`` type, a columnar view of a batch's turns, and
the batch regex scanner.

``Turns`` holds a batch as flat columns, the same layout as the engine's ``dolphin_data.batch.Batch``: conversation
``i`` owns turns ``offsets[i]:offsets[i+1]`` of ``roles`` (int8: 0 system, 1 human, 2 gpt, 3 anything else) and
``texts``. Every batch rule reads these columns (any object with ``offsets``, ``roles`` and ``texts`` will do), so a
rule never walks ``Conversation`` objects turn by turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from dolphin_data.model import Conversation

SYSTEM, HUMAN, GPT, OTHER = 0, 1, 2, 3
ROLE_CODE = {"system": SYSTEM, "human": HUMAN, "gpt": GPT}
NUL = "\x00"  # batch separator: no pattern in this package matches it, so no match crosses two turns


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a conversation fails a rule: the reason code and where (turn index, char span in that turn)."""

    reason: str
    turn: int | None = None
    start: int | None = None
    end: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def span(self, conv: Conversation | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"turn": self.turn}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
            if conv is not None and self.turn is not None:
                out["text"] = conv.turns[self.turn].text[self.start : self.end]
        out.update(self.detail)
        return out


class TurnColumns(Protocol):
    offsets: np.ndarray
    roles: np.ndarray
    texts: list[str]


class Turns:
    """A batch's turns as columns (see the module docstring); built once per batch and shared by every rule."""

    __slots__ = ("offsets", "roles", "texts")

    def __init__(self, offsets: np.ndarray, roles: np.ndarray, texts: list[str]):
        self.offsets = offsets
        self.roles = roles
        self.texts = texts

    @staticmethod
    def of(convs: Sequence[Conversation] | TurnColumns) -> Turns:
        """Columns of ``convs``; an object that already has the columns (a ``Turns``, a ``Batch``) is viewed as is."""
        if hasattr(convs, "offsets") and hasattr(convs, "roles") and hasattr(convs, "texts"):
            return Turns(convs.offsets, convs.roles, convs.texts)
        assert isinstance(convs, Sequence)
        offsets = np.zeros(len(convs) + 1, np.int64)
        np.cumsum(np.fromiter((len(c.turns) for c in convs), np.int64, len(convs)), out=offsets[1:])
        turns = [t for c in convs for t in c.turns]
        roles = np.fromiter((ROLE_CODE.get(t.role, OTHER) for t in turns), np.int8, len(turns))
        return Turns(offsets, roles, [t.text for t in turns])

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> np.ndarray:
        """Turns per conversation."""
        return np.diff(self.offsets)

    def owner(self) -> np.ndarray:
        """The conversation index of every turn."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.lengths())

    def turn_index(self) -> np.ndarray:
        """Every turn's index within its conversation."""
        return np.arange(len(self.texts), dtype=np.int64) - np.repeat(self.offsets[:-1], self.lengths())

    def take(self, index: np.ndarray) -> Turns:
        """The conversations at ``index`` (ascending), as columns."""
        if len(index) == len(self):
            return self
        lens = self.lengths()[index]
        offsets = np.zeros(len(index) + 1, np.int64)
        np.cumsum(lens, out=offsets[1:])
        flat = np.repeat(self.offsets[:-1][index] - offsets[:-1], lens) + np.arange(offsets[-1])
        texts = self.texts
        return Turns(offsets, self.roles[flat], [texts[k] for k in flat.tolist()])

    def system_prompts(self) -> list[str | None]:
        """Per conversation: the text of its leading system turn, or None."""
        first = self.offsets[:-1]
        has = self.lengths() > 0
        has[has] = self.roles[first[has]] == SYSTEM
        return [self.texts[f] if h else None for f, h in zip(first.tolist(), has.tolist(), strict=True)]


def first_per_owner(flat: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For flat turn indices ``flat`` (ascending), the conversations they belong to and each one's first index."""
    if len(flat) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    convs, first = np.unique(owner[flat], return_index=True)
    return convs, flat[first]


def contains(texts: Sequence[str], pattern: str) -> np.ndarray:
    """Boolean mask: which texts contain a match of ``pattern`` (Rust regex syntax), in one vectorised polars call."""
    if not texts:
        return np.zeros(0, bool)
    import polars as pl

    return pl.Series("t", texts, dtype=pl.String).str.contains(pattern).to_numpy()


def contains_any(texts: Sequence[str], words: Sequence[str]) -> np.ndarray:
    """Boolean mask: which texts contain one of ``words`` (ASCII letters in any case, other characters exactly), in
    one vectorised polars call (Aho-Corasick)."""
    if not texts:
        return np.zeros(0, bool)
    import polars as pl

    series = pl.Series("t", texts, dtype=pl.String)
    return series.str.contains_any(list(words), ascii_case_insensitive=True).to_numpy()


def scan(
    pattern: re.Pattern[str], texts: Sequence[str], prefilter: str | None = None
) -> dict[int, list[tuple[int, int]]]:
    """Every match of ``pattern`` per text index, for the texts that have one, from one regex pass over the
    candidate texts joined by NUL.

    ``prefilter`` (a Rust-regex pattern that matches every text ``pattern`` matches, ideally a few literal words)
    selects candidate texts with one vectorised polars call first, so the Python regex engine only reads texts
    that may match.
    """
    out: dict[int, list[tuple[int, int]]] = {}
    if not texts:
        return out
    cand = np.flatnonzero(contains(texts, prefilter)) if prefilter is not None else np.arange(len(texts))
    if len(cand) == 0:
        return out
    chosen = [texts[i] for i in cand.tolist()]
    lengths = np.fromiter((len(t) + 1 for t in chosen), dtype=np.int64, count=len(chosen))
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    spans = [m.span() for m in pattern.finditer(NUL.join(chosen))]
    if not spans:
        return out
    arr = np.asarray(spans, dtype=np.int64)
    which = np.searchsorted(offsets, arr[:, 0], side="right") - 1
    local = arr - offsets[which][:, None]
    for k, (s, e) in zip(cand[which].tolist(), local.tolist(), strict=True):
        out.setdefault(k, []).append((s, e))
    return out


def scan_batch(
    pattern: re.Pattern[str], texts: Sequence[str], prefilter: str | None = None
) -> list[list[tuple[int, int]]]:
    """``scan`` as one list of matches per text (empty for most)."""
    found = scan(pattern, texts, prefilter)
    return [found.get(i, []) for i in range(len(texts))]
