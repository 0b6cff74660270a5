"""Run a plan end to end: lock, stage, execute, assemble, publish; and on any failure or signal, leave nothing.

``run_build`` publishes a whole build folder (outputs, rejects, side records, reports, manifest, Axolotl configs).
``run_command`` is what every stage command runs: the same engine and the same assembly, then each artefact moved
to the path the user named (``--out``, ``--rejects``, ``--report`` ...). Both stop cleanly on SIGINT and SIGTERM:
workers killed, staging removed, the previous result untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from dolphin_data.engine.artefacts import Assembler, check_floors, commit, hash_files, pretty_json
from dolphin_data.engine.cache import Store
from dolphin_data.engine.driver import Engine, Progress
from dolphin_data.engine.executor import make_executor
from dolphin_data.engine.plan import Plan
from dolphin_data.engine.publish import CACHE, check_replaceable, locked, publish, real_target, staging_dir
from dolphin_data.errors import UserError


class Interrupted(UserError):
    """SIGINT or SIGTERM: the run stopped and left its target as it was."""


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """SIGTERM (timeout, Slurm, Kubernetes) unwinds like Ctrl-C, so every ``finally`` below runs."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


DEFAULT_CACHE_LIMIT = 40 << 30


@dataclass
class RunOptions:
    executor: str = "local"
    progress: Progress | None = None
    batch_size: int = 1000
    keep_work: bool = False
    cache: bool = True  # builds: reuse results in <out>/.cache (stage commands never do)
    force: bool = False  # redo every task (the cache is refreshed, not read)
    cache_limit: int = DEFAULT_CACHE_LIMIT  # bytes kept in <out>/.cache after a build, oldest entries go first
    after: Callable[[Plan, Path, dict[str, Any]], None] | None = None  # extra artefacts into the staging folder
    timings: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)  # cache hits and misses of the last run


def _execute(
    plan: Plan, staging: Path, store: Store, opts: RunOptions, sides: Mapping[str, Any] | None
) -> tuple[dict[str, Any], dict[str, tuple[str, int]]]:
    executor = make_executor(opts.executor, plan.ctx.workers)
    ok = False
    try:
        t0 = time.perf_counter()
        engine = Engine(plan, store, executor, opts.progress, opts.batch_size)
        engine.run()
        t1 = time.perf_counter()
        raw_sha = hash_files((f for s in plan.sources for f in s.files), store)
        assembler = Assembler(engine, staging, sides)
        manifest = assembler.write(raw_sha)
        check_floors(plan, manifest)
        opts.timings.update(engine.timings)
        opts.timings.update({"run": round(t1 - t0, 3), "assemble": round(time.perf_counter() - t1, 3)})
        opts.stats.update(tasks_from_cache=store.hits, tasks_run=store.misses, ran=dict(engine.ran))
        opts.timings["tasks"] = {"from_cache": store.hits, "run": store.misses, "ran": dict(sorted(engine.ran.items()))}
        seconds = {k: round(v, 3) for k, v in sorted(engine.seconds.items(), key=lambda kv: -kv[1]) if v >= 0.0005}
        opts.timings["worker_seconds"] = seconds
        opts.stats["seconds"] = seconds
        ok = True
        return manifest, assembler.hashes
    finally:
        executor.close(kill=not ok)


def run_build(plan: Plan, out_dir: Path, opts: RunOptions | None = None) -> dict[str, Any]:
    opts = opts or RunOptions()
    out_dir = real_target(Path(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir}: exists and is not a folder; choose another --out")
    check_replaceable(out_dir, [f for s in plan.sources for f in s.files])
    with signals_raise(), locked(out_dir, f"dolphin-data build {plan.name}"):
        staging = staging_dir(out_dir)
        store = Store(out_dir / CACHE, lookups=not opts.force) if opts.cache else Store(staging / "work", lookups=False)
        try:
            manifest, hashes = _execute(plan, staging, store, opts, None)
            if opts.after is not None:
                opts.after(plan, staging, manifest)
            if opts.keep_work:
                _keep_work(plan, store, staging)
            if not opts.cache:
                shutil.rmtree(staging / "work", ignore_errors=True)
            manifest = commit(staging, manifest, hashes)
            (staging / "timings.json").write_bytes(pretty_json(opts.timings))
            publish(staging, out_dir)
            if opts.cache:
                store.lookups = True
                store.prune(opts.cache_limit)
            return manifest
        except KeyboardInterrupt as e:
            raise Interrupted(
                f"{out_dir}: interrupted ({e or 'SIGINT'}); nothing published, the folder is as it was"
            ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@dataclass
class Targets:
    """Where a stage command's artefacts go: kept records per source (output name -> path), all rejects in one file,
    side streams by name, the report folder."""

    outputs: Mapping[str, Path]
    rejects: Path | None = None
    sides: Mapping[str, Path] = field(default_factory=dict)  # side stream name -> file
    report: Path | None = None

    def paths(self) -> list[Path]:
        out = list(self.outputs.values()) + list(self.sides.values())
        return out + ([self.rejects] if self.rejects else [])


def run_command(plan: Plan, targets: Targets, opts: RunOptions | None = None) -> dict[str, Any]:
    opts = opts or RunOptions()
    paths = targets.paths()
    same = {p.resolve() for p in paths}
    if len(same) != len(paths):
        raise UserError("two of --out/--rejects/--stats/--repairs name the same file; give each its own path")
    inputs = {Path(f).resolve() for s in plan.sources for f in s.files}
    clash = next((p for p in paths if p.resolve() in inputs), None)
    if clash is not None:
        raise UserError(f"{clash}: is also an input; write the result to another file")
    for p in paths:
        if p.is_dir():
            raise UserError(f"{p}: is a folder; give a file path")
    anchor = paths[0] if paths else Path(targets.report or ".")
    stage_names = {st.name for s in plan.sources for st in s.stages}
    sides = {name: list(targets.sides) for name in stage_names}
    with signals_raise():  # no lock: a command writes only the files it names, each replaced in one step
        staging = staging_dir(anchor)
        store = Store(staging / "work", lookups=False)
        try:
            manifest, _ = _execute(plan, staging, store, opts, sides)
            (staging / "manifest.json").write_bytes(pretty_json(manifest))
            _deliver(plan, staging, targets, manifest)
            return manifest
        except KeyboardInterrupt as e:
            raise Interrupted(f"interrupted ({e or 'SIGINT'}); no output written") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _keep_work(plan: Plan, store: Store, staging: Path) -> None:
    """--keep-work: every task's folder, copied into ``<out>/work/<source>/<segment>.<shard>/`` for inspection."""
    del plan
    for folder in sorted(store.used):
        if folder.is_dir() and (folder / "result.pkl").exists():
            from dolphin_data.engine.worker import load_result

            res = load_result(folder)
            if res is not None:
                dest = staging / "work" / res.source / f"{res.segment}.{res.shard:05d}"
                shutil.copytree(folder, dest, dirs_exist_ok=True)


def _deliver(plan: Plan, staging: Path, targets: Targets, manifest: dict[str, Any]) -> None:
    """Move a command's artefacts from the staging folder to the paths the user named."""
    from dolphin_data.engine.artefacts import concat

    for name, dest in targets.outputs.items():
        _move(staging / name, dest)
    if targets.rejects is not None:
        parts = [staging / rel for rel in manifest["rejects"].values()]
        concat(parts, staging / "all-rejects.jsonl")
        _move(staging / "all-rejects.jsonl", targets.rejects)
    for side, dest in targets.sides.items():
        files = sorted(staging.glob(f"{side}/*.jsonl"))
        concat(files, staging / f"all-{side}.jsonl")
        _move(staging / f"all-{side}.jsonl", dest)
    if targets.report is not None:
        reports = staging / "reports"
        dest = targets.report
        dest.mkdir(parents=True, exist_ok=True)
        _move(staging / "manifest.json", dest / "manifest.json")
        if reports.is_dir():
            stage_dirs = [d for d in sorted(reports.iterdir()) if d.is_dir()]
            for d in stage_dirs:  # one stage: its files straight into --report; several: a folder each
                for f in sorted(d.iterdir()):
                    _move(f, dest / f.name if len(stage_dirs) == 1 else dest / d.name / f.name)


def _move(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not src.exists():
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(b"")
    if dest.is_dir() and src.is_dir():
        shutil.rmtree(dest)
    try:
        os.replace(src, dest)
    except OSError:  # another file system
        shutil.move(str(src), str(dest))


def build_recipe(
    recipe: Any,
    out_dir: str | Path | None = None,
    raw_dir: str | Path = "raw",
    workers: int | None = 1,
    executor: str = "local",
    progress: Progress | None = None,
    batch_size: int = 1000,
    keep_work: bool = False,
    cache: bool = True,
    force: bool = False,
    cache_limit: int = DEFAULT_CACHE_LIMIT,
    stats: dict[str, Any] | None = None,
    follow_symlinks: bool = False,
) -> dict[str, Any]:
    """Build a loaded recipe into ``out_dir`` (default: the recipe's ``output.dir``): every output file, rejects,
    reports, ``manifest.json``, the Axolotl configs and the dataset card ``README.md``, published atomically.
    Returns the manifest."""
    from dolphin_data.axolotl import write_axolotl_configs
    from dolphin_data.context import resolve_workers
    from dolphin_data.engine.plan import plan_recipe
    from dolphin_data.hub.card import write_dataset_card

    plan = plan_recipe(recipe, raw_dir, resolve_workers(workers), follow_symlinks)

    def after(plan: Plan, staging: Path, manifest: dict[str, Any]) -> None:
        outputs = list(dict.fromkeys(f["output"] for f in manifest["files"]))
        flags = "train" if any(s.train_flags for s in plan.sources) else None  # every turn carries one (batch.py)
        configs = write_axolotl_configs(
            plan.ctx, staging, outputs, recipe.chat_template, recipe.data_root or None, flags
        )
        write_dataset_card(
            staging, manifest, {s.name: s.license for s in recipe.sources}, recipe.name, recipe.description, configs
        )

    opts = RunOptions(
        executor=executor,
        progress=progress,
        batch_size=batch_size,
        keep_work=keep_work,
        cache=cache,
        force=force,
        cache_limit=cache_limit,
        after=after,
        stats=stats if stats is not None else {},
    )
    return run_build(plan, Path(out_dir or recipe.output_dir), opts)
