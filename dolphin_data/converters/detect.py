"""Which converter fits a file: try every registered converter on a sample of its rows; the one that accepts the
most wins (generic schemas first on a tie). Used by ``--from auto`` / ``converter: auto`` and by the hint of a
build whose converter rejects most rows ("keys present: question, answer; did you mean converter orca_math?")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dolphin_data.converters import CONVERTERS, RowRef
from dolphin_data.errors import RecordError, UserError

SAMPLE = 200
GENERIC = ("sharegpt", "messages", "alpaca")  # preferred when a specific upstream schema accepts the same rows


@dataclass(frozen=True)
class Detection:
    name: str | None  # None: no converter accepts any row
    accepted: int
    sampled: int
    also: tuple[str, ...]  # other converters that accept as many rows
    keys: tuple[str, ...]  # the keys seen in the sampled rows (most common first)


def sample_rows(path: str | Path, n: int = SAMPLE) -> list[Any]:
    from dolphin_data.io import iter_rows

    rows = []
    for raw in iter_rows(path):
        if raw.error is None:
            rows.append(raw.row)
        if len(rows) >= n:
            break
    return rows


def detect(rows: Sequence[Any]) -> Detection:
    keys: Counter[str] = Counter(k for r in rows if isinstance(r, dict) for k in r)
    scores: dict[str, int] = {}
    for name, fn in CONVERTERS.items():
        ok = 0
        for i, row in enumerate(rows):
            try:
                fn(row, RowRef("detect", i + 1))
                ok += 1
            except (RecordError, AttributeError, TypeError, ValueError, KeyError):
                continue
        scores[name] = ok
    best = max(scores.values(), default=0)
    top = [n for n in CONVERTERS.names() if scores.get(n) == best and best > 0]
    top.sort(key=lambda n: (GENERIC.index(n) if n in GENERIC else len(GENERIC), n))
    return Detection(
        top[0] if top else None, best, len(rows), tuple(top[1:]), tuple(k for k, _ in keys.most_common(12))
    )


def detect_file(path: str | Path) -> Detection:
    return detect(sample_rows(path))


def resolve(path: str | Path) -> tuple[str, str]:
    """The converter for ``--from auto``: (name, a line saying what was chosen and why)."""
    d = detect_file(path)
    if d.name is None:
        raise UserError(
            f"{path}: no converter accepts its rows (keys seen: {', '.join(d.keys) or 'none'}); "
            "see `dolphin-data list converters`, or convert it to ShareGPT JSONL first"
        )
    also = f" (also matches: {', '.join(d.also)})" if d.also else ""
    return d.name, f"{path}: converter {d.name} ({d.accepted} of {d.sampled} sampled rows){also}"


def hint(path: str | Path, current: str) -> str:
    """For an error message: the keys a file has and the converter that fits them, if it is not ``current``."""
    d = detect_file(path)
    keys = f"keys present: {', '.join(d.keys)}" if d.keys else "no JSON objects"
    if d.name and d.name != current and d.accepted > 0:
        return f"{keys}; did you mean converter {d.name}?"
    return keys
