"""The engine: runs a plan. The only place that knows the order of work.

Every source is cut into shards (``io.plan_shards``) and its chain into segments (``plan.segments``). Work goes in
waves: each wave runs the next segment of every source that is not waiting at a barrier, all shards of all those
sources at once on the executor (every core, or Ray). A source barrier (sample) is decided as soon as its source's
shards are done; a corpus barrier (dedup) when every source that lists it has reached it, over all their sketches in
source order. Then the verdicts are cut into per-shard slices and the next wave applies them. The driver never
touches records: it holds per-shard counts, report summaries and sketches. ``artefacts.assemble`` then writes the
result folder from the shards' part files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.engine.executor import LocalExecutor, RayExecutor
from dolphin_data.engine.plan import Plan, Segment, SourcePlan, check_plan, segments
from dolphin_data.engine.worker import Task, TaskResult, run_task
from dolphin_data.errors import DolphinDataError
from dolphin_data.stages.base import BarrierStage, Stage, Verdicts

SHARD_BYTES = 64 << 20


class Progress:
    """What a run tells its caller while it works. The engine never draws; the CLI renders these events."""

    def log(self, message: str) -> None:
        pass

    def start(self, description: str, total: int | None) -> None:
        """A unit of work begins: ``total`` tasks (or records), or None when unknown."""

    def advance(self, n: int = 1) -> None:
        pass

    def stop(self) -> None:
        pass


class EngineError(DolphinDataError):
    """A plan the engine cannot run (e.g. corpus stages that wait for each other): a bug in the plan, not the data."""


@dataclass
class SourceRun:
    plan: SourcePlan
    stages: list[Stage]
    segs: list[Segment]
    inputs: list[Any]  # per shard: the next segment's input
    shard_files: list[int] = field(default_factory=list)  # per shard: index of its input file
    seg: int = 0
    counts: list[int] = field(default_factory=list)  # per shard: records entering the next segment
    verdicts: list[Verdicts | None] = field(default_factory=list)
    results: list[list[TaskResult]] = field(default_factory=list)  # per segment, in shard order
    waiting: int | None = None  # chain position of the corpus barrier it waits at
    sketch: Any = None
    rename: dict[int, frozenset[int]] = field(default_factory=dict)  # shard -> where-keys whose id repeats

    @property
    def done(self) -> bool:
        return self.seg >= len(self.segs)


class Engine:
    def __init__(self, plan: Plan, work_dir: Path, executor: LocalExecutor | RayExecutor,
                 progress: Progress | None = None, batch_size: int = 1000, shard_bytes: int = SHARD_BYTES):
        self.plan = plan
        self.work_dir = work_dir
        self.executor = executor
        self.progress = progress or Progress()
        self.batch_size = batch_size
        self.shard_bytes = shard_bytes
        self.timings: dict[str, float] = {}
        self.chains = check_plan(plan)
        self.runs: list[SourceRun] = []

    def run(self) -> list[SourceRun]:
        self.runs = runs = [self._start(s) for s in self.plan.sources]
        wave = 0
        while not all(r.done for r in runs):
            ready = [r for r in runs if not r.done and r.waiting is None]
            if not ready:
                self._decide_corpus(runs)
                continue
            wave += 1
            t0 = time.perf_counter()
            self._wave(ready, wave)
            self.timings[f"wave {wave}"] = round(time.perf_counter() - t0, 3)
        return runs

    # -- setup --------------------------------------------------------------------------------------------------

    def _start(self, src: SourcePlan) -> SourceRun:
        from dolphin_data.io import plan_shards

        stages = self.chains[src.name]
        inputs: list[Any] = []
        for i, f in enumerate(src.files):
            shards = plan_shards(Path(f), self.shard_bytes)
            inputs += [(i, sh) for sh in shards] if len(shards) > 1 else [(i, None)]
        (self.work_dir / src.name).mkdir(parents=True, exist_ok=True)
        return SourceRun(src, stages, segments(stages), inputs, shard_files=[i for i, _ in inputs],
                         verdicts=[None] * len(inputs))

    # -- waves --------------------------------------------------------------------------------------------------

    def _tasks(self, run: SourceRun, shards: list[int] | None = None) -> list[Task]:
        work = str(self.work_dir / run.plan.name)
        return [Task(self.plan, run.plan.name, run.seg, i, run.inputs[i], work, run.verdicts[i],
                     run.rename.get(i, frozenset()), self.batch_size)
                for i in (range(len(run.inputs)) if shards is None else shards)]

    def _execute(self, tasks: list[Task], what: str) -> list[TaskResult]:
        self.progress.start(what, len(tasks))
        results = []
        for res in self.executor.map(run_task, tasks):
            results.append(res)
            self.progress.advance(1)
        self.progress.stop()
        return results

    def _wave(self, ready: list[SourceRun], wave: int) -> None:
        tasks = [t for r in ready for t in self._tasks(r)]
        names = ", ".join(f"{r.plan.name}: {self._describe(r)}" for r in ready)
        self.progress.log(f"wave {wave}: {len(tasks)} task(s) - {names}")
        results = self._execute(tasks, f"wave {wave} ({len(ready)} source(s))")
        by_source: dict[str, list[TaskResult]] = {}
        for res in results:
            by_source.setdefault(res.source, []).append(res)
        for r in ready:
            self._finish_segment(r, by_source.get(r.plan.name, []))

    def _describe(self, run: SourceRun) -> str:
        seg = run.segs[run.seg]
        names = ["convert"] if seg.index == 0 else []
        if seg.apply is not None:
            names.append(run.stages[seg.apply].name)
        names += [run.stages[i].name for i in seg.batch]
        if seg.sketch is not None:
            names.append(f"sketch for {run.stages[seg.sketch].name}")
        return " + ".join(names) or "write"

    def _finish_segment(self, run: SourceRun, results: list[TaskResult]) -> None:
        seg = run.segs[run.seg]
        if seg.index == 0:
            results = self._unique_ids(run, results)
        run.results.append(results)
        run.inputs = [r.output for r in results]
        run.counts = [r.records_out for r in results]
        run.verdicts = [None] * len(results)
        if seg.sketch is None:
            run.seg += 1
            return
        stage = run.stages[seg.sketch]
        assert isinstance(stage, BarrierStage)
        run.sketch = stage.concat_sketches([r.sketch for r in results])
        if stage.kind == "source":
            self._release([run], stage.decide([(run.plan.name, run.sketch)]))
        else:
            run.waiting = seg.sketch

    def _unique_ids(self, run: SourceRun, results: list[TaskResult]) -> list[TaskResult]:
        """Ids repeated across shards: later copies (in file/line order) get ``@line``, as within a shard. The
        affected shards' first segment runs again with the list of where-keys to rename (a rare case)."""
        for _ in range(3):
            keys = np.concatenate([r.id_keys for r in results if r.id_keys is not None] or [np.zeros(0, np.uint64)])
            if len(keys) < 2:
                return results
            _, first = np.unique(keys, return_index=True)
            if len(first) == len(keys):
                return results
            repeat = np.ones(len(keys), bool)
            repeat[first] = False
            wheres = np.concatenate([r.wheres for r in results if r.wheres is not None])
            shard_of = np.repeat(np.arange(len(results)), [len(r.id_keys) if r.id_keys is not None else 0 for r in results])
            redo: dict[int, set[int]] = {}
            for k in np.flatnonzero(repeat).tolist():
                redo.setdefault(int(shard_of[k]), set()).add(int(wheres[k]))
            for shard, ws in redo.items():
                run.rename[shard] = frozenset(run.rename.get(shard, frozenset()) | ws)
            again = self._execute(self._tasks(run, sorted(redo)), f"{run.plan.name}: renaming repeated ids")
            for res in again:
                results[res.shard] = res
        raise EngineError(f"{run.plan.name}: ids still repeat after renaming")

    # -- barriers -----------------------------------------------------------------------------------------------

    def _decide_corpus(self, runs: list[SourceRun]) -> None:
        first = next(r for r in runs if r.waiting is not None)
        name = first.stages[first.waiting].name  # type: ignore[index]
        members = [r for r in runs if any(st.name == name for st in r.stages)]
        stuck = [r.plan.name for r in members if r.waiting is None or r.stages[r.waiting].name != name]
        if stuck:
            raise EngineError(f"corpus stage {name!r}: sources {', '.join(stuck)} cannot reach it")
        stage = first.stages[first.waiting]  # type: ignore[index]
        assert isinstance(stage, BarrierStage)
        total = sum(sum(r.counts) for r in members)
        self.progress.log(f"{name}: deciding over {total:,} conversations of {len(members)} source(s)")
        t0 = time.perf_counter()
        decision = stage.decide([(r.plan.name, r.sketch) for r in members])
        self.timings[f"{name} decide"] = round(time.perf_counter() - t0, 3)
        self._release(members, decision)

    def _release(self, runs: list[SourceRun], decision: Any) -> None:
        for r in runs:
            starts = np.concatenate([[0], np.cumsum(r.counts)]).tolist()
            r.verdicts = [decision.part(r.plan.name, int(starts[i]), int(n)) for i, n in enumerate(r.counts)]
            r.sketch = None
            r.waiting = None
            r.seg += 1

