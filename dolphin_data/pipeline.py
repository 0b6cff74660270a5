"""The build: the only place that knows stage order.

Per source, in recipe order: read ``raw/<source>/`` -> convert -> the source's stages. A corpus stage
(dedup) is a barrier: every source that lists it waits there, then it runs once over all of them in recipe
(priority) order. Records stream: between source/corpus stages a source lives in a work file
(``<out>/work/``), not in memory. Each source ends in its output file, rejects in ``rejects/<stage>.jsonl``,
and ``manifest.json`` accounts for every input row: rows read = rows written + rows rejected, per source
and per reason, or the build fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dolphin_data import __version__
from dolphin_data.errors import DolphinDataError
from dolphin_data.executor import LocalExecutor, RayExecutor, make_executor
from dolphin_data.io import atomic_writer, dumps_safe, iter_rows, read_jsonl, sha256_file
from dolphin_data.model import Conversation, Reject
from dolphin_data.recipe import Recipe, SourceSpec
from dolphin_data.sources import resolve_raw_files  # noqa: F401 - moved to sources.py; re-exported here
from dolphin_data.stages import Decision, IdList, Stage, StageOutput, Summary
from dolphin_data.stages.convert import convert_rows

BATCH_SIZE = 1000


class Progress:
    """What the build tells its caller while it works. The library never draws; the CLI renders this."""

    def log(self, message: str) -> None:
        pass

    def start(self, description: str, total: int | None) -> None:
        """A unit of work begins; ``total`` records, or None when unknown (reading a file)."""

    def advance(self, n: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass


class AccountingError(DolphinDataError):
    """Rows read != rows written + rows rejected: a bug, never a user error."""


@dataclass
class StageStats:
    stage: str
    records_in: int = 0
    records_out: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    counters: Counter[str] = field(default_factory=Counter)
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "in": self.records_in,
            "out": self.records_out,
            "dropped": dict(sorted(self.dropped.items())),
        }
        if self.counters:
            out["counters"] = dict(sorted(self.counters.items()))
        if self.params:
            out["params"] = self.params
        return out


@dataclass
class SourceRun:
    spec: SourceSpec
    stages: list[Stage]
    position: int = 0  # index of the next stage to run
    rows_read: int = 0
    records: int = 0  # records in the work file (or, when done, written to the output)
    work: Path | None = None  # the source's records before stages[position], one Conversation.to_json() a line
    ids: IdList | None = None  # their ids, when the next stage is a source stage
    pending: tuple[Stage, Decision] | None = None  # a source/corpus stage decided, applied by the next segment
    segment: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    stats: list[StageStats] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.position >= len(self.stages) and self.pending is None

    @property
    def next_stage(self) -> Stage:
        return self.stages[self.position]


def batches_of(items: Iterable[Conversation], size: int) -> Iterator[list[Conversation]]:
    batch: list[Conversation] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def read_work(path: Path, size: int) -> Iterator[list[Conversation]]:
    return batches_of((Conversation.from_json(rec) for rec in read_jsonl(path)), size)


class Build:
    """Streams every source: convert -> batch stages -> work file, segment by segment.

    A source's stages split into segments at each source or corpus stage. A segment streams its input (the
    converter, or the previous segment's work file with the pending decision applied) through its batch stages,
    a few batches at a time, into the next work file (or the output file for the last segment). Rejects stream
    to one part file per stage and source, concatenated at the end in the order the stages were recorded, so
    the files are the same as when everything was held in memory. Peak memory: a few batches, the ids of the
    source waiting at a source stage, dedup's per-record arrays, and the reports' bounded summaries.
    """

    def __init__(
        self,
        recipe: Recipe,
        out_dir: Path,
        raw_dir: Path,
        executor: LocalExecutor | RayExecutor,
        progress: Progress | None = None,
        batch_size: int = BATCH_SIZE,
        keep_work: bool = False,
    ):
        self.recipe = recipe
        self.batch_size = batch_size
        self.out_dir = out_dir
        self.raw_dir = raw_dir
        self.work_dir = out_dir / "work"
        self.keep_work = keep_work
        self.executor = executor
        # batches handed to the executor at once: enough to keep every worker busy, few enough to stay small
        self.chunk = max(1, 2 * (getattr(executor, "workers", None) or os.cpu_count() or 1))
        self.progress = progress or Progress()
        self.say = self.progress.log
        self.reject_parts: dict[str, list[Path]] = {}  # stage -> part files, in the order they were recorded
        self.reject_files: dict[Path, Any] = {}  # open part files
        self.results: dict[str, dict[str, Any]] = {}  # stage -> source -> report summary
        self.report_stage: dict[str, Stage] = {}
        self.timings: dict[str, float] = {}

    # -- rejects --------------------------------------------------------------------------------

    def reject_part(self, stage: str, run: SourceRun, position: int) -> Path:
        return self.work_dir / f"rejects.{stage}.{run.spec.name}.{position}.jsonl"

    def write_rejects(self, part: Path, rejects: list[Reject]) -> None:
        if not rejects:
            return
        fh = self.reject_files.get(part)
        if fh is None:
            fh = self.reject_files[part] = open(part, "wb")  # noqa: SIM115 - closed in finish_rejects
        fh.write(b"".join(dumps_safe(r.to_json()) + b"\n" for r in rejects))  # never fails on a deep row

    # -- phases ---------------------------------------------------------------------------------

    def converted(self, run: SourceRun) -> Iterator[Conversation]:
        """The source's conversations, straight from the converter; rejects go to their part as they come."""
        spec = run.spec
        stats = StageStats("convert", params={"converter": spec.converter})
        run.stats.append(stats)
        part = self.reject_part("convert", run, -1)
        for path in resolve_raw_files(spec, self.raw_dir):
            before = stats.records_in
            for item in convert_rows(iter_rows(path), spec.converter, spec.name):
                stats.records_in += 1
                if isinstance(item, Reject):
                    stats.dropped[item.reason] += 1
                    if part not in self.reject_parts.setdefault("convert", []):
                        self.reject_parts["convert"].append(part)
                    self.write_rejects(part, [item])
                else:
                    stats.records_out += 1
                    yield item
            run.files.append({"path": str(path.relative_to(self.raw_dir)), "rows": stats.records_in - before, "sha256": sha256_file(path)})
        run.rows_read = stats.records_in

    def segment(self, run: SourceRun, batches: Iterator[list[Conversation]]) -> None:
        """Stream ``batches`` through the pending decision and the batch stages up to the next source/corpus stage."""
        pending = run.pending
        stages: list[Stage] = []
        while run.position + len(stages) < len(run.stages) and run.stages[run.position + len(stages)].kind == "batch":
            stages.append(run.stages[run.position + len(stages)])
        stats = [StageStats(st.name, params=st.params()) for st in stages]
        sums = [st.summary() for st in stages]
        ran = [False] * len(stages)
        last = run.position + len(stages) >= len(run.stages)
        target = self.out_dir / run.spec.output if last else self.work_dir / f"{run.spec.name}.{run.segment}.jsonl"
        shape = self.recipe.output_format
        needs_ids = not last and run.stages[run.position + len(stages)].kind == "source"
        ids = IdList() if needs_ids else None
        if pending is not None:
            p_stage, decision = pending
            p_part = self.reject_part(p_stage.name, run, run.position - 1)
            p_sum = self.results[p_stage.name][run.spec.name]
        parts = [self.reject_part(st.name, run, run.position + k) for k, st in enumerate(stages)]
        written = 0
        offset = 0
        self.progress.start(f"{run.spec.name}: {' + '.join(st.name for st in stages) or 'write'}", run.records or None)
        with atomic_writer(target) as fh:
            chunks = batches_of(batches, self.chunk)  # groups of batches
            for chunk in chunks:
                n_in = sum(len(b) for b in chunk)
                if pending is not None:
                    applied = []
                    for b in chunk:
                        o = decision.apply(run.spec.name, b, offset)
                        offset += len(b)
                        self.write_rejects(p_part, o.rejects)
                        if p_sum is not None:
                            p_sum.add(o)
                        applied.append(o.kept)
                    chunk = applied
                for k, stage in enumerate(stages):
                    chunk = [b for b in chunk if b]
                    if not chunk:
                        break
                    ran[k] = True
                    kept = []
                    for o in self.executor.map(stage, chunk):
                        self.tally(stats[k], parts[k], sums[k], o)
                        kept.append(o.kept)
                    stats[k].records_in += sum(len(b) for b in chunk)
                    chunk = kept
                for b in chunk:
                    if ids is not None:
                        ids.extend(c.id for c in b)
                    fh.write(b"".join(orjson.dumps(c.to_record(shape) if last else c.to_json()) + b"\n" for c in b))
                    written += len(b)
                self.progress.advance(n_in)
            # a stage that saw no records still runs once on an empty batch, as a whole-source run would
            for k, stage in enumerate(stages):
                if not ran[k]:
                    self.tally(stats[k], parts[k], sums[k], stage.process([]))
        self.progress.stop()
        if run.work is not None and not self.keep_work:
            run.work.unlink()
        for stage, st, acc, part in zip(stages, stats, sums, parts, strict=True):
            self.record(run, stage, st, acc, part)
        run.pending = None
        run.work = None if last else target
        run.records, run.ids = written, ids
        run.segment += 1

    def tally(self, stats: StageStats, part: Path, acc: Summary | None, out: StageOutput) -> None:
        stats.records_out += len(out.kept)
        stats.counters.update(out.counters)
        for rej in out.rejects:
            stats.dropped[rej.reason] += 1
        self.write_rejects(part, out.rejects)
        if acc is not None:
            acc.add(out)

    def record(self, run: SourceRun, stage: Stage, stats: StageStats, acc: Summary | None, part: Path) -> None:
        self.reject_parts.setdefault(stage.name, []).append(part)
        self.results.setdefault(stage.name, {})[run.spec.name] = acc
        self.report_stage.setdefault(stage.name, stage)
        run.stats.append(stats)
        run.position += 1

    def decided(self, run: SourceRun, stage: Stage, decision: Decision) -> None:
        """Record a source/corpus stage from its decision; its rejects stream out in the next segment."""
        n_in, n_out, dropped, counters = decision.counts(run.spec.name)
        stats = StageStats(stage.name, n_in, n_out, dropped, counters, params=stage.params())
        self.record(run, stage, stats, stage.summary(), self.reject_part(stage.name, run, run.position))
        run.pending = (stage, decision)
        run.ids = None

    def advance(self, run: SourceRun) -> None:
        """Run the source's segments until it is done or waits at a corpus stage."""
        if run.segment == 0:
            self.segment(run, batches_of(self.converted(run), self.batch_size))
        while not run.done:
            if run.pending is None:  # a segment ends at a source or corpus stage
                stage = run.next_stage
                if stage.kind == "corpus":
                    return
                self.decided(run, stage, stage.select(run.ids or IdList()))
            assert run.work is not None
            self.segment(run, read_work(run.work, self.batch_size))

    def run_corpus_stage(self, runs: list[SourceRun]) -> None:
        stage = runs[0].next_stage
        self.say(f"{stage.name}: {sum(r.records for r in runs)} conversations across {len(runs)} sources")
        decision = stage.decide([(r.spec.name, r.records, read_work(r.work, self.batch_size) if r.work else iter(()))
                                 for r in runs])
        for r in runs:
            self.decided(r, stage, decision)

    # -- orchestration --------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.work_dir.mkdir(exist_ok=True)
        try:
            runs: list[SourceRun] = []
            for spec in self.recipe.sources:
                t0 = time.perf_counter()
                self.say(f"{spec.name}: convert")
                run = SourceRun(spec, [self.recipe.build_stage(st) for st in spec.stages])
                self.advance(run)
                self.say(f"{spec.name}: {run.rows_read} rows -> {run.stats[0].records_out} conversations")
                self.timings[spec.name] = time.perf_counter() - t0
                runs.append(run)
            while not all(r.done for r in runs):
                waiting = [r for r in runs if not r.done]
                name = waiting[0].next_stage.name
                self.run_corpus_stage([r for r in waiting if r.next_stage.name == name])
                for r in waiting:
                    self.advance(r)
            return self.write(runs)
        finally:
            for fh in self.reject_files.values():
                fh.close()
            if not self.keep_work:
                shutil.rmtree(self.work_dir, ignore_errors=True)

    def write(self, runs: list[SourceRun]) -> dict[str, Any]:
        outputs = [(run, self.out_dir / run.spec.output) for run in runs]
        rejects_dir = self.out_dir / "rejects"
        rejects_dir.mkdir(exist_ok=True)
        for old in rejects_dir.glob("*.jsonl"):
            if old.stem not in self.reject_parts:
                old.unlink()
        for fh in self.reject_files.values():
            fh.close()
        for stage_name, parts in self.reject_parts.items():
            with atomic_writer(rejects_dir / f"{stage_name}.jsonl") as out:
                for part in parts:
                    if part.exists():
                        with open(part, "rb") as fh:
                            shutil.copyfileobj(fh, out, 1 << 20)
        reports = {
            name: self.report_stage[name].report(self.out_dir / "reports" / name, self.results[name]) for name in self.results
        }
        reports = relative_paths({k: v for k, v in reports.items() if v}, self.out_dir)
        manifest = self.manifest(outputs, reports)
        check_accounting(manifest)
        (self.out_dir / "manifest.json").write_bytes(pretty_json(manifest))
        write_axolotl_configs(self.recipe, self.out_dir, [run.spec.output for run in runs])
        return manifest

    def manifest(self, outputs: list[tuple[SourceRun, Path]], reports: Mapping[str, Any]) -> dict[str, Any]:
        files = []
        for run, path in outputs:
            rejected: Counter[str] = Counter()
            for st in run.stats:
                rejected.update(st.dropped)
            files.append(
                {
                    "output": run.spec.output,
                    "source": run.spec.name,
                    "converter": run.spec.converter,
                    "upstream": {"repo": run.spec.upstream.repo, "revision": run.spec.upstream.revision},
                    "raw_files": run.files,
                    "rows_read": run.rows_read,
                    "records_written": run.records,
                    "rows_rejected": sum(rejected.values()),
                    "rejected_by_reason": dict(sorted(rejected.items())),
                    "sha256": sha256_file(path),
                    "bytes": path.stat().st_size,
                    "stages": [st.to_json() for st in run.stats],
                }
            )
        totals = {
            "rows_read": sum(f["rows_read"] for f in files),
            "records_written": sum(f["records_written"] for f in files),
            "rows_rejected": sum(f["rows_rejected"] for f in files),
        }
        return {
            "recipe": {"name": self.recipe.name, "path": str(self.recipe.path), "sha256": self.recipe.sha256},
            "seed": self.recipe.seed,
            "sequence_len": self.recipe.sequence_len,
            "output_format": self.recipe.output_format,
            "tool_versions": tool_versions(),
            "totals": totals,
            "files": files,
            "rejects": {name: f"rejects/{name}.jsonl" for name in self.reject_parts},
            "reports": dict(reports),
        }


def relative_paths(obj: Any, base: Path) -> Any:
    """Report paths relative to the build folder: the manifest must not depend on where the build was written."""
    if isinstance(obj, dict):
        return {k: relative_paths(v, base) for k, v in obj.items()}
    if isinstance(obj, list):
        return [relative_paths(v, base) for v in obj]
    if isinstance(obj, str) and obj.startswith(str(base) + "/"):
        return obj[len(str(base)) + 1 :]
    return obj


def check_accounting(manifest: Mapping[str, Any]) -> None:
    for f in manifest["files"]:
        if f["rows_read"] != f["records_written"] + f["rows_rejected"]:
            raise AccountingError(
                f"{f['source']}: rows read {f['rows_read']} != written {f['records_written']} + rejected {f['rows_rejected']}"
            )
        for st in f["stages"]:
            if st["in"] != st["out"] + sum(st["dropped"].values()):
                raise AccountingError(f"{f['source']}/{st['stage']}: in {st['in']} != out {st['out']} + dropped {st['dropped']}")


def pretty_json(obj: Any) -> bytes:
    import orjson

    return orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n"


def tool_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"dolphin-data": __version__}
    for pkg in ("datasets", "polars", "pyarrow", "datasketch", "fasttext-numpy2-wheel", "tiktoken", "quicktok-v1", "rensa", "numpy"):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


def write_axolotl_configs(recipe: Recipe, out_dir: Path, outputs: list[str]) -> None:
    """Two ready-to-paste ``datasets:`` blocks: Axolotl <= 0.4 ``sharegpt`` and >= 0.5 ``chat_template``."""
    import yaml

    root = out_dir.resolve()
    field_messages = "messages" if recipe.output_format == "messages" else "conversations"
    common = {
        "sequence_len": recipe.sequence_len,
        "sample_packing": recipe.training.sample_packing,
        "train_on_inputs": recipe.training.train_on_inputs,
        "val_set_size": recipe.training.val_set_size,
        "chat_template": recipe.chat_template,
    }
    if recipe.output_format == "sharegpt":
        sharegpt = {
            "datasets": [{"path": str(root / o), "type": "sharegpt", "conversation": "chatml"} for o in outputs],
            **common,
        }
        (out_dir / "axolotl.yaml").write_text(
            "# Axolotl <= 0.4 (type: sharegpt), as in the Dolphin 2.9 config\n" + yaml.safe_dump(sharegpt, sort_keys=False)
        )
    mapping = {"role": "from", "content": "value"} if field_messages == "conversations" else {"role": "role", "content": "content"}
    chat = {
        "datasets": [
            {
                "path": str(root / o),
                "type": "chat_template",
                "field_messages": field_messages,
                "message_property_mappings": mapping,
                "roles_to_train": ["assistant"],
            }
            for o in outputs
        ],
        **common,
    }
    name = "axolotl.yaml" if recipe.output_format == "messages" else "axolotl-chat_template.yaml"
    (out_dir / name).write_text("# Axolotl >= 0.5 (type: chat_template)\n" + yaml.safe_dump(chat, sort_keys=False))


def run_build(
    recipe: Recipe,
    out_dir: str | Path | None = None,
    raw_dir: str | Path = "raw",
    workers: int | None = None,
    executor: str = "local",
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    keep_work: bool = False,
) -> dict[str, Any]:
    ex = make_executor(executor, workers)
    try:
        build = Build(recipe, Path(out_dir or recipe.output_dir), Path(raw_dir), ex, progress, batch_size, keep_work)
        manifest = build.run()
        timings = {k: round(v, 3) for k, v in build.timings.items()}
        (build.out_dir / "timings.json").write_bytes(pretty_json(timings))
        return manifest
    finally:
        ex.close()


def plan(recipe: Recipe, raw_dir: Path) -> list[dict[str, Any]]:
    """What ``build --dry-run`` shows: per source, its files and stage chain."""
    rows = []
    for s in recipe.sources:
        base = raw_dir / s.raw_dir
        files = sorted(str(p) for pat in s.files for p in base.glob(pat) if p.is_file())
        rows.append(
            {
                "source": s.name,
                "output": s.output,
                "converter": s.converter,
                "raw_files": files,
                "stages": ["convert"] + [st.name for st in s.stages] + ["write"],
            }
        )
    return rows
