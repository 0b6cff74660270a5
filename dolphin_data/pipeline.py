"""The build: the only place that knows stage order.

Per source, in recipe order: read ``raw/<source>/`` -> convert -> the source's stages. A corpus stage
(dedup) is a barrier: every source that lists it waits there, then it runs once over all of them in recipe
(priority) order. Then each source is written to its output file, rejects to ``rejects/<stage>.jsonl``,
and ``manifest.json`` accounts for every input row: rows read = rows written + rows rejected, per source
and per reason, or the build fails.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dolphin_data import __version__
from dolphin_data.errors import DolphinDataError, UserError
from dolphin_data.executor import LocalExecutor, RayExecutor, make_executor
from dolphin_data.io import iter_rows, sha256_file, write_jsonl
from dolphin_data.model import Conversation, Reject
from dolphin_data.recipe import Recipe, SourceSpec
from dolphin_data.stages import Stage, StageOutput
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
    convs: list[Conversation] = field(default_factory=list)
    position: int = 0  # index of the next stage to run
    rows_read: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)
    stats: list[StageStats] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.position >= len(self.stages)

    @property
    def next_stage(self) -> Stage:
        return self.stages[self.position]


def resolve_raw_files(spec: SourceSpec, raw_dir: Path) -> list[Path]:
    base = raw_dir / spec.raw_dir
    found: list[Path] = []
    for pattern in spec.files:
        for p in sorted(base.glob(pattern)):
            if p.is_file() and p not in found and not p.name.startswith(("PULL.", ".")):
                found.append(p)
    if not found:
        raise UserError(
            f"{base}: no raw files for source {spec.name!r} matching {list(spec.files)}; "
            f"run `dolphin-data pull RECIPE --only {spec.name}` (needs network) or put the files there"
        )
    return found


def batches_of(items: list[Conversation], size: int) -> list[list[Conversation]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


class Build:
    def __init__(
        self,
        recipe: Recipe,
        out_dir: Path,
        raw_dir: Path,
        executor: LocalExecutor | RayExecutor,
        progress: Progress | None = None,
        batch_size: int = BATCH_SIZE,
    ):
        self.recipe = recipe
        self.batch_size = batch_size
        self.out_dir = out_dir
        self.raw_dir = raw_dir
        self.executor = executor
        self.progress = progress or Progress()
        self.say = self.progress.log
        self.rejects: dict[str, list[Reject]] = {}
        self.results: dict[str, dict[str, StageOutput]] = {}  # stage -> source -> output (for reports)
        self.report_stage: dict[str, Stage] = {}
        self.timings: dict[str, float] = {}

    # -- phases ---------------------------------------------------------------------------------

    def convert(self, spec: SourceSpec) -> SourceRun:
        run = SourceRun(spec, [self.recipe.build_stage(st) for st in spec.stages])
        stats = StageStats("convert", params={"converter": spec.converter})
        for path in resolve_raw_files(spec, self.raw_dir):
            before = stats.records_in
            self.progress.start(f"{spec.name}: convert {path.name}", None)
            for item in convert_rows(iter_rows(path), spec.converter, spec.name):
                stats.records_in += 1
                if stats.records_in % 10_000 == 0:
                    self.progress.advance(10_000)
                if isinstance(item, Reject):
                    stats.dropped[item.reason] += 1
                    self.rejects.setdefault("convert", []).append(item)
                else:
                    run.convs.append(item)
            self.progress.stop()
            run.files.append({"path": str(path.relative_to(self.raw_dir)), "rows": stats.records_in - before, "sha256": sha256_file(path)})
        stats.records_out = len(run.convs)
        run.rows_read = stats.records_in
        run.stats.append(stats)
        return run

    def advance(self, run: SourceRun) -> None:
        """Run the source's stages until it is done or waits at a corpus stage."""
        while not run.done and run.next_stage.kind != "corpus":
            stage = run.next_stage
            if stage.kind == "source":
                out = stage.process_corpus({run.spec.name: run.convs})[run.spec.name]
            else:
                out = StageOutput([])
                batches = batches_of(run.convs, self.batch_size)
                self.progress.start(f"{run.spec.name}: {stage.name}", len(run.convs))
                for part, batch in zip(self.executor.map(stage, batches), batches, strict=True):
                    out.extend(part)
                    self.progress.advance(len(batch))
                self.progress.stop()
            self.record(run, stage, out)

    def run_corpus_stage(self, runs: list[SourceRun]) -> None:
        stage = runs[0].next_stage
        self.say(f"{stage.name}: {sum(len(r.convs) for r in runs)} conversations across {len(runs)} sources")
        outs = stage.process_corpus({r.spec.name: r.convs for r in runs})
        for r in runs:
            self.record(r, stage, outs[r.spec.name])

    def record(self, run: SourceRun, stage: Stage, out: StageOutput) -> None:
        stats = StageStats(stage.name, len(run.convs), len(out.kept), counters=out.counters, params=stage.params())
        for rej in out.rejects:
            stats.dropped[rej.reason] += 1
        self.rejects.setdefault(stage.name, []).extend(out.rejects)
        self.results.setdefault(stage.name, {})[run.spec.name] = out
        self.report_stage.setdefault(stage.name, stage)
        run.stats.append(stats)
        run.convs = out.kept
        run.position += 1

    # -- orchestration --------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        runs: list[SourceRun] = []
        for spec in self.recipe.sources:
            t0 = time.perf_counter()
            self.say(f"{spec.name}: convert")
            run = self.convert(spec)
            self.say(f"{spec.name}: {run.rows_read} rows -> {len(run.convs)} conversations")
            self.advance(run)
            self.timings[spec.name] = time.perf_counter() - t0
            runs.append(run)
        while not all(r.done for r in runs):
            waiting = [r for r in runs if not r.done]
            name = waiting[0].next_stage.name
            self.run_corpus_stage([r for r in waiting if r.next_stage.name == name])
            for r in waiting:
                self.advance(r)
        return self.write(runs)

    def write(self, runs: list[SourceRun]) -> dict[str, Any]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        shape = self.recipe.output_format
        outputs = []
        for run in runs:
            path = self.out_dir / run.spec.output
            write_jsonl(path, (c.to_record(shape) for c in run.convs))
            outputs.append((run, path))
        rejects_dir = self.out_dir / "rejects"
        rejects_dir.mkdir(exist_ok=True)
        for old in rejects_dir.glob("*.jsonl"):
            if old.stem not in self.rejects:
                old.unlink()
        for stage_name, rejects in self.rejects.items():
            write_jsonl(rejects_dir / f"{stage_name}.jsonl", (r.to_json() for r in rejects))
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
                    "records_written": len(run.convs),
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
            "rejects": {name: f"rejects/{name}.jsonl" for name in self.rejects},
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
) -> dict[str, Any]:
    ex = make_executor(executor, workers)
    try:
        build = Build(recipe, Path(out_dir or recipe.output_dir), Path(raw_dir), ex, progress, batch_size)
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
