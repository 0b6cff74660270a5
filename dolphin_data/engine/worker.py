"""One task: one segment of one source's chain on one shard, inside a worker process (or in the driver when the
run has one worker). Pure with respect to its inputs: the same task writes the same bytes.

Segment 0 reads its raw shard and converts every row (bad rows become ``convert`` rejects, with file and line);
later segments read the work file the previous segment wrote for the same shard, and first apply the barrier's
verdicts. Then the segment's batch stages run batch by batch; a segment that ends at a barrier sketches what it
keeps for it and writes an Arrow work file, the last segment writes the shard's part of the output JSONL. Rejects,
repairs and other side records stream to part files. Only counts, report summaries and sketches go back.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
import pyarrow as pa

from dolphin_data.batch import SCHEMA, Batch, where_key, where_parts
from dolphin_data.converters import CONVERTERS, RowRef
from dolphin_data.engine.plan import Plan, Segment, SourcePlan, build_stages, segments
from dolphin_data.errors import RecordError
from dolphin_data.io import Spill, iter_rows
from dolphin_data.io.writers import dumps_safe
from dolphin_data.model import Conversation
from dolphin_data.stages.base import BarrierStage, BatchStage, Stage, StageOutput, Verdicts

CONVERT = -1  # the chain position of the converter in tallies and part names
RAW_SPILL = "rawspill"  # a task's folder of bad rows too large to keep inline in their rejects


@dataclass(frozen=True)
class Task:
    plan: Plan
    source: str
    segment: int
    shard: int
    input: Any  # segment 0: (file index, io shard or None); later: the previous segment's output file
    folder: str  # where this task writes; committed by its result.pkl
    verdicts: Verdicts | None = None
    rename: frozenset[int] = frozenset()  # where-keys of records whose id repeats an earlier one of the source
    batch_size: int = 1000


@dataclass
class Tally:
    """One stage's numbers on one shard."""

    position: int
    stage: str
    records_in: int = 0
    records_out: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    counters: Counter[str] = field(default_factory=Counter)
    summary: Any = None
    seconds: float = 0.0  # time in this stage (including writing its rejects): timings.json only
    started: float = 0.0


@dataclass
class TaskResult:
    source: str
    segment: int
    shard: int
    tallies: list[Tally]
    records_out: int
    output: str  # file name inside ``folder``
    parts: dict[str, str]  # "rejects:<position>" / "side:<name>:<position>" -> file name inside ``folder``
    sketch: Any = None
    rows_read: int = 0  # segment 0: raw rows of the shard
    id_keys: np.ndarray | None = None  # segment 0: 64-bit hash of every converted record's id, in order
    wheres: np.ndarray | None = None  # segment 0: their where-keys
    seconds: dict[str, float] = field(default_factory=dict)  # time by step (timings.json only)
    folder: str = ""  # set when the result is read back (the cache may have moved since it was written)

    def path(self, name: str) -> str:
        return str(Path(self.folder) / name)

    @property
    def output_path(self) -> str:
        return self.path(self.output)

    def part_paths(self, key: str) -> list[str]:
        return [self.path(self.parts[key])] if key in self.parts else []


RESULT = "result.pkl"


def commit(result: TaskResult, folder: Path) -> None:
    """Write the task's result last, atomically: a folder without it is an unfinished task (a crash, a kill)."""
    tmp = folder / (RESULT + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / RESULT)


def load_result(folder: Path) -> TaskResult | None:
    try:
        with open(folder / RESULT, "rb") as fh:
            result: TaskResult = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    result.folder = str(folder)
    return result


# -- per-process cache: stages are built (models loaded) once per worker process, not per task ----------------

_STAGES: dict[tuple[str, str], list[Stage]] = {}


def stages_for(plan: Plan, source: SourcePlan) -> list[Stage]:
    key = (plan.digest(), source.name)
    if key not in _STAGES:
        if len(_STAGES) > 64:
            _STAGES.clear()
        _STAGES[key] = build_stages(plan, source)
    return _STAGES[key]


def id_key(conv_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(conv_id.encode(), digest_size=8).digest(), "little")


# -- reading ------------------------------------------------------------------------------------------------------


class PartWriter:
    """Lazily opened JSONL part files of one task (named by key inside the task's folder)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[str, IO[bytes]] = {}
        self.paths: dict[str, str] = {}

    def write(self, key: str, lines: list[bytes]) -> None:
        if not lines:
            return
        fh = self.files.get(key)
        if fh is None:
            name = key.replace(":", ".") + ".jsonl"
            fh = self.files[key] = open(self.folder / name, "wb")  # noqa: SIM115 - closed in close()
            self.paths[key] = name
        fh.write(b"".join(lines))

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()


def dumps(obj: Any) -> bytes:
    """One JSON line that never fails (rows nested past orjson's limit, bytes, lone surrogates: ``dumps_safe``)."""
    return dumps_safe(obj) + b"\n"


def converted(task: Task, src: SourcePlan, parts: PartWriter, tally: Tally, result: TaskResult) -> Iterator[Batch]:
    """The shard's conversations in batches; rows that cannot be converted go to the convert rejects part."""
    file_index, io_shard = task.input
    path = src.files[file_index]
    label = src.labels[file_index]
    fn = CONVERTERS.get(src.converter)
    seen: set[str] = set()
    convs: list[Conversation] = []
    wheres: list[int] = []
    keys: list[int] = []
    all_wheres: list[int] = []
    rejects: list[bytes] = []
    # a bad row's whole text stays in its reject; past 1 MB it goes to a file the build publishes under rejects/raw/
    spill = Spill(Path(task.folder) / RAW_SPILL, ref="rejects/raw/") if task.plan.spill_rows else None
    rows = iter_rows(path, io_shard, spill=spill)
    for raw in rows:
        result.rows_read += 1
        tally.records_in += 1
        where = where_key(file_index, raw.line)
        if raw.error is not None:
            tally.dropped[raw.error] += 1
            rec: dict[str, Any] = {
                "id": f"{src.name}:{raw.line}",
                "source": src.name,
                "stage": "convert",
                "reason": raw.error,
                "file": label,
                "line": raw.line,
            }
            if raw.detail:
                rec["detail"] = raw.detail
            rec["record"] = raw.raw
            rejects.append(dumps(rec))
            continue
        try:
            conv = fn(raw.row, RowRef(src.name, raw.line))
        except RecordError as e:
            rid = raw.row.get("id") if isinstance(raw.row, dict) else None
            rid = (
                _record_id(src, rid, raw.line)
                if src.ids == "record"
                else (f"{src.name}:{rid}" if isinstance(rid, str | int) and rid != "" else f"{src.name}:{raw.line}")
            )
            reason = f"schema:{e.reason}"
            tally.dropped[reason] += 1
            rejects.append(
                dumps(
                    {
                        "id": rid,
                        "source": src.name,
                        "stage": "convert",
                        "reason": reason,
                        "file": label,
                        "line": raw.line,
                        "detail": e.detail,
                        "record": raw.row,
                    }
                )
            )
            continue
        conv_id = (
            _record_id(src, raw.row.get("id") if isinstance(raw.row, dict) else None, raw.line)
            if src.ids == "record"
            else conv.id
        )
        if conv_id in seen or where in task.rename:
            # a repeated id (upstream, or equal to another row's line fallback): its place makes it unique
            conv_id = f"{conv_id}@{raw.line}" if len(src.files) == 1 else f"{conv_id}@{file_index + 1}:{raw.line}"
        seen.add(conv_id)
        if conv_id != conv.id or conv.source != src.name:
            conv = replace(conv, id=conv_id, source=src.name)
        convs.append(conv)
        wheres.append(where)
        keys.append(id_key(conv_id))
        all_wheres.append(where)
        if len(convs) >= task.batch_size:
            parts.write(f"rejects:{CONVERT}", rejects)
            rejects = []
            tally.records_out += len(convs)
            yield Batch.from_conversations(src.name, convs, wheres)
            convs, wheres = [], []
    parts.write(f"rejects:{CONVERT}", rejects)
    if convs:
        tally.records_out += len(convs)
        yield Batch.from_conversations(src.name, convs, wheres)
    result.id_keys = np.asarray(keys, np.uint64)
    result.wheres = np.asarray(all_wheres, np.int64)


def _record_id(src: SourcePlan, rid: Any, line: int) -> str:
    return str(rid) if rid is not None and rid != "" else f"{src.name}:{line}"


def from_work(path: str, source: str) -> Iterator[Batch]:
    with pa.ipc.open_stream(path) as reader:
        for rb in reader:
            yield Batch.from_arrow(source, rb)


# -- the task -----------------------------------------------------------------------------------------------------


def run_task(task: Task) -> TaskResult:
    plan = task.plan
    src = plan.source(task.source)
    stages = stages_for(plan, src)
    seg: Segment = segments(stages)[task.segment]
    folder = Path(task.folder)
    shutil.rmtree(folder, ignore_errors=True)  # what an interrupted attempt left
    folder.mkdir(parents=True)
    parts = PartWriter(folder)
    result = TaskResult(task.source, task.segment, task.shard, [], 0, "", parts.paths)
    tallies: list[Tally] = []
    if task.segment == 0:
        convert = Tally(CONVERT, "convert")
        tallies.append(convert)
        batches = converted(task, src, parts, convert, result)
    else:
        batches = from_work(task.input, src.name)
    applied = (
        Tally(seg.apply, stages[seg.apply].name, summary=stages[seg.apply].summary()) if seg.apply is not None else None
    )
    if applied is not None:
        tallies.append(applied)
    running = [Tally(i, stages[i].name, summary=stages[i].summary()) for i in seg.batch]
    tallies += running
    process = {t.position: cast(BatchStage, stages[t.position]).process for t in running}
    barrier = cast(BarrierStage, stages[seg.sketch]) if seg.sketch is not None else None
    sketches: list[Any] = []
    spill = folder / "spill"
    result.output = "out.jsonl" if seg.last else "out.arrow"
    offset = 0
    clock: defaultdict[str, float] = defaultdict(float)
    result.seconds = clock
    reading = "convert" if task.segment == 0 else "read"
    with open(folder / result.output, "wb") as sink:
        writer = None if seg.last else pa.ipc.new_stream(sink, SCHEMA)
        t0 = time.perf_counter()
        for batch in batches:
            t1 = time.perf_counter()
            clock[reading] += t1 - t0
            n_in = len(batch)
            if applied is not None and task.verdicts is not None:
                applied.started = time.perf_counter()
                batch = _run(task.verdicts.apply(batch, offset), batch, applied, src, parts)
            offset += n_in
            for t in running:
                if not len(batch):
                    break
                t.started = time.perf_counter()
                batch = _run(process[t.position](batch), batch, t, src, parts)
            t2 = time.perf_counter()
            clock["stages"] += t2 - t1
            if not len(batch):
                t0 = t2
                continue
            if barrier is not None:
                spill.mkdir(exist_ok=True)
                sketches.append(barrier.sketch(batch, spill))
            t3 = time.perf_counter()
            clock[f"sketch {barrier.name}" if barrier is not None else "sketch"] += t3 - t2
            result.records_out += len(batch)
            if writer is None:
                sink.write(batch.jsonl(src.shape, src.train_flags))
            else:
                writer.write_batch(batch.to_arrow())
            t0 = time.perf_counter()
            clock["write"] += t0 - t3
        if writer is not None:
            writer.close()
    parts.close()
    result.seconds = dict(clock)
    if barrier is not None:
        result.sketch = barrier.concat_sketches(sketches)
    result.tallies = tallies
    commit(result, folder)
    result.folder = str(folder)
    return result


def _run(out: StageOutput, batch: Batch, tally: Tally, src: SourcePlan, parts: PartWriter) -> Batch:
    """Account one stage's output on one batch, write its rejects and side records, and return what goes on."""
    tally.seconds += time.perf_counter() - tally.started
    tally.records_in += len(batch)
    tally.records_out += len(batch) - len(out.drops)
    tally.counters.update(out.counters)
    if tally.summary is not None:
        tally.summary.add(batch, out)
    if out.drops:
        lines = []
        for i in sorted(out.drops):
            d = out.drops[i]
            tally.dropped[d.reason] += 1
            file_index, line = where_parts(int(batch.where[i]))
            rec: dict[str, Any] = {"id": batch.ids[i], "source": src.name, "stage": tally.stage, "reason": d.reason}
            rec.update(d.evidence)
            rec["file"] = src.labels[file_index]
            rec["line"] = line
            if not d.record:
                rec["record"] = None
            elif i in out.edits:  # dropped after the stage changed it (e.g. repaired, then failed a later rule)
                edited = Batch.from_conversations(src.name, [out.edits[i]], batch.where[i : i + 1])
                rec["record"] = edited.record(0, src.shape, src.train_flags)
            else:
                rec["record"] = batch.record(i, src.shape, src.train_flags)
            lines.append(dumps(rec))
        parts.write(f"rejects:{tally.position}", lines)
    if out.repairs:
        parts.write(f"side:repairs:{tally.position}", [dumps(r) for r in out.repairs])
    for name, records in out.side.items():
        parts.write(f"side:{name}:{tally.position}", [dumps(r) for r in records])
    return out.apply(batch)
