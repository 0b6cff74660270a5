"""Convert stage: upstream rows -> Conversations, bad rows -> ``schema:<reason>`` rejects with file and line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from dolphin_data.converters import CONVERTERS, RowRef
from dolphin_data.errors import RecordError
from dolphin_data.io import RawRow, iter_rows
from dolphin_data.model import Conversation, Reject

STAGE = "convert"


def convert_rows(rows: Iterable[RawRow], converter: str, source: str) -> Iterator[Conversation | Reject]:
    """Yield a Conversation or a Reject for every input row, in input order (nothing is skipped)."""
    fn = CONVERTERS.get(converter)
    for raw in rows:
        where = {"file": raw.file, "line": raw.line}
        if raw.error is not None:
            yield Reject(f"{source}:{raw.line}", source, STAGE, raw.error, raw.raw, where)
            continue
        try:
            yield fn(raw.row, RowRef(source, raw.line))
        except RecordError as e:
            rid = raw.row.get("id") if isinstance(raw.row, dict) else None
            rid = f"{source}:{rid}" if rid not in (None, "") else f"{source}:{raw.line}"
            yield Reject(rid, source, STAGE, f"schema:{e.reason}", raw.row, {**where, "detail": e.detail})


def convert_file(path: str | Path, converter: str, source: str | None = None) -> tuple[list[Conversation], list[Reject]]:
    source = source or Path(path).name.split(".")[0]
    kept: list[Conversation] = []
    rejects: list[Reject] = []
    for item in convert_rows(iter_rows(path), converter, source):
        (rejects if isinstance(item, Reject) else kept).append(item)  # type: ignore[arg-type]
    return kept, rejects
