"""Run one stage on a file, as the stage commands do (``dolphin-data unfilter IN --out OUT --rejects REJ``).

Input is ShareGPT or messages JSONL, detected per file from its first record; output keeps that shape.
Ids come from the record (as a string) or are ``<file stem>:<line>``. A line that is not a valid
conversation goes to the rejects file with its ``schema:<reason>`` and line, like any other drop.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dolphin_data.converters import CONVERTERS, RowRef
from dolphin_data.errors import InputError, RecordError
from dolphin_data.executor import LocalExecutor
from dolphin_data.io import iter_rows, write_jsonl
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import Stage, StageOutput


@dataclass
class LoadedFile:
    path: Path
    shape: str
    convs: list[Conversation]
    rejects: list[Reject]
    rows: int
    line_of: dict[str, int] = field(default_factory=dict)


def detect_shape(row: Any, path: Path, line: int) -> str:
    if isinstance(row, dict):
        if "conversations" in row:
            return "sharegpt"
        if "messages" in row:
            return "messages"
    keys = sorted(row)[:10] if isinstance(row, dict) else type(row).__name__
    raise InputError(
        f"{path}:{line}: not a ShareGPT or messages record (found {keys}); stage commands read "
        f'{{"conversations": [{{"from", "value"}}]}} or {{"messages": [{{"role", "content"}}]}} - '
        f"convert upstream files first with `dolphin-data convert {path} --from SCHEMA --out OUT.jsonl`"
    )


def load_conversations(path: str | Path) -> LoadedFile:
    path = Path(path)
    stem = path.name.split(".")[0]
    shape: str | None = None
    convs: list[Conversation] = []
    rejects: list[Reject] = []
    line_of: dict[str, int] = {}
    rows = 0
    for raw in iter_rows(path):
        rows += 1
        where = {"file": str(path), "line": raw.line}
        if raw.error is not None:
            rejects.append(Reject(f"{stem}:{raw.line}", stem, "read", raw.error, raw.raw, where))
            continue
        if shape is None:
            shape = detect_shape(raw.row, path, raw.line)
        upstream_id = raw.row.get("id") if isinstance(raw.row, dict) else None
        conv_id = str(upstream_id) if upstream_id not in (None, "") else f"{stem}:{raw.line}"
        try:
            conv = CONVERTERS.get(shape)(raw.row, RowRef(stem, raw.line))
        except RecordError as e:
            rejects.append(Reject(conv_id, stem, "read", f"schema:{e.reason}", raw.row, {**where, "detail": e.detail}))
            continue
        conv = replace(conv, id=conv_id)
        line_of[conv_id] = raw.line
        convs.append(conv)
    if shape is None and rows == 0:
        shape = "sharegpt"
    if shape is None:
        shape = "sharegpt"
    return LoadedFile(path, shape, convs, rejects, rows, line_of)


def run_batches(stage: Stage, convs: list[Conversation], workers: int | None = 1, batch_size: int = 1000) -> StageOutput:
    if stage.kind != "batch":
        return stage.process_corpus({"input": convs})["input"]
    ex = LocalExecutor(workers)
    try:
        out = StageOutput([])
        batches = [convs[i : i + batch_size] for i in range(0, len(convs), batch_size)] or [[]]
        for part in ex.map(stage, batches):
            out.extend(part)
        return out
    finally:
        ex.close()


@dataclass
class StageRun:
    rows: int
    kept: int
    rejected: Counter[str]
    counters: Counter[str]
    report: dict[str, Any]

    def summary_rows(self) -> Iterator[tuple[str, int]]:
        yield "in", self.rows
        yield "kept", self.kept
        for reason, n in sorted(self.rejected.items()):
            yield f"rejected {reason}", n


def run_stage_file(
    stage: Stage,
    input_path: str | Path,
    out: str | Path,
    rejects: str | Path,
    report_dir: str | Path | None = None,
    workers: int | None = 1,
    repairs: str | Path | None = None,
) -> StageRun:
    loaded = load_conversations(input_path)
    result = run_batches(stage, loaded.convs, workers)
    all_rejects = loaded.rejects + [replace(r, extra={**r.extra, "line": loaded.line_of.get(r.id)}) for r in result.rejects]
    write_jsonl(out, (c.to_record(loaded.shape) for c in result.kept))
    write_jsonl(rejects, (r.to_json() for r in all_rejects))
    if repairs is not None:  # what a stage changed in kept records (unfilter: stripped boilerplate)
        write_jsonl(repairs, result.repairs)
    report: dict[str, Any] = {}
    if report_dir is not None:
        report = stage.report(Path(report_dir), {loaded.path.name.split(".")[0]: result})
    counted = Counter(r.reason for r in all_rejects)
    if len(result.kept) + sum(counted.values()) != loaded.rows:
        raise AssertionError(f"accounting: {loaded.rows} rows != {len(result.kept)} kept + {sum(counted.values())} rejected")
    return StageRun(loaded.rows, len(result.kept), counted, result.counters, report)
