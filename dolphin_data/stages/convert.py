"""Convert stage: upstream rows -> Conversations, bad rows -> ``schema:<reason>`` rejects with file and line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from dolphin_data.converters import CONVERTERS, RowRef
from dolphin_data.errors import RecordError
from dolphin_data.io import RawRow, iter_rows
from dolphin_data.model import Conversation, Reject

STAGE = "convert"


def convert_rows(rows: Iterable[RawRow], converter: str, source: str) -> Iterator[Conversation | Reject]:
    """Yield a Conversation or a Reject for every input row, in input order (nothing is skipped)."""
    fn = CONVERTERS.get(converter)
    seen: set[str] = set()
    for raw in rows:
        where = {"file": raw.file, "line": raw.line}
        if raw.error is not None:
            extra = {**where, "detail": raw.detail} if raw.detail else where
            yield Reject(f"{source}:{raw.line}", source, STAGE, raw.error, raw.raw, extra)
            continue
        try:
            conv = fn(raw.row, RowRef(source, raw.line))
        except RecordError as e:
            rid = raw.row.get("id") if isinstance(raw.row, dict) else None
            rid = f"{source}:{rid}" if isinstance(rid, str | int) and rid != "" else f"{source}:{raw.line}"
            yield Reject(rid, source, STAGE, f"schema:{e.reason}", raw.row, {**where, "detail": e.detail})
            continue
        if conv.id in seen:
            # a repeated upstream id (or one equal to another row's line fallback): the line makes it unique
            conv = replace(conv, id=f"{conv.id}@{raw.line}")
        seen.add(conv.id)
        yield conv


def convert_file(
    path: str | Path, converter: str, source: str | None = None
) -> tuple[list[Conversation], list[Reject]]:
    source = source or Path(path).name.split(".")[0]
    kept: list[Conversation] = []
    rejects: list[Reject] = []
    for item in convert_rows(iter_rows(path), converter, source):
        (rejects if isinstance(item, Reject) else kept).append(item)  # type: ignore[arg-type]
    return kept, rejects
