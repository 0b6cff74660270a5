"""The engine: runs a plan. The only place that knows the order of work.

Every source is cut into shards (``io.plan_shards``) and its chain into segments (``plan.segments``). Work goes in
waves: each wave runs the next segment of every source that is not waiting at a barrier, all shards of all those
sources at once on the executor (every core, or Ray). A source barrier (sample) is decided as soon as its source's
shards are done; a corpus barrier (dedup) when every source that lists it has reached it, over all their sketches in
source order. Then the verdicts are cut into per-shard slices and the next wave applies them. The driver never
touches records: it holds per-shard counts, report summaries and sketches.

Every task and decision has a content key (``cache``); one whose result is already in the store is not run again.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.engine.cache import Store, digest, fingerprint, key_of
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
    keys: list[str]  # per shard: the key of its last task (the input of the next)
    rows: list[int] = field(default_factory=list)  # per shard: rows (estimated before convert, then exact)
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
    def __init__(
        self,
        plan: Plan,
        store: Store,
        executor: LocalExecutor | RayExecutor,
        progress: Progress | None = None,
        batch_size: int = 1000,
        shard_bytes: int = SHARD_BYTES,
    ):
        self.plan = plan
        self.store = store
        self.executor = executor
        self.progress = progress or Progress()
        self.batch_size = batch_size
        self.shard_bytes = shard_bytes
        self.timings: dict[str, float] = {}
        self.chains = check_plan(plan)
        self.runs: list[SourceRun] = []
        self.ran: Counter[str] = Counter()  # tasks run (not from the store), by what their segment does
        self.seconds: defaultdict[str, float] = defaultdict(float)  # worker seconds by stage and step

    def run(self) -> list[SourceRun]:
        for note in self.plan.notes:
            self.progress.log(note)
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
        from dolphin_data.io import estimate_rows, plan_shards

        stages = self.chains[src.name]
        inputs: list[Any] = []
        keys: list[str] = []
        rows: list[int] = []
        for i, f in enumerate(src.files):
            # finding shard boundaries reads the whole file: remembered by (path, size, mtime, inode)
            where_key = key_of("shards", str(Path(f).resolve()), fingerprint(f), self.shard_bytes)
            found = self.store.get("shards", where_key)
            if found is None:
                shards = plan_shards(Path(f), self.shard_bytes)
                whole = estimate_rows(Path(f)) if len(shards) == 1 and shards[0] is None else None
                self.store.put("shards", where_key, (shards, whole))
            else:
                shards, whole = found
            for sh in shards:
                rows.append(int(sh.rows or 0) if sh is not None else int(whole or 0))
                inputs.append((i, sh if len(shards) > 1 else None))
                where = (
                    [sh.format, sh.index, sh.start, sh.end, sh.first, sh.member, sh.whole] if sh is not None else None
                )
                keys.append(key_of("raw", src.converter, src.ids, src.name, src.labels[i], fingerprint(f), where))
        return SourceRun(
            src,
            stages,
            segments(stages),
            inputs,
            keys,
            rows,
            shard_files=[i for i, _ in inputs],
            verdicts=[None] * len(inputs),
        )

    def _segment_spec(self, run: SourceRun, seg: Segment) -> list[Any]:
        """What a segment does, for its key: stage names and resolved parameters, the output shape, batch size."""
        used = (
            ([seg.apply] if seg.apply is not None else [])
            + list(seg.batch)
            + ([seg.sketch] if seg.sketch is not None else [])
        )
        return [
            seg.index,
            seg.last,
            run.plan.shape,
            self.batch_size,
            [(i, run.stages[i].name, run.stages[i].params()) for i in used],
        ]

    # -- waves --------------------------------------------------------------------------------------------------

    def _tasks(self, run: SourceRun, shards: list[int] | None = None) -> list[tuple[str, Task]]:
        seg = run.segs[run.seg]
        spec = self._segment_spec(run, seg)
        out = []
        for i in range(len(run.inputs)) if shards is None else shards:
            verdicts = run.verdicts[i]
            rename = run.rename.get(i, frozenset())
            key = key_of("task", spec, run.keys[i], digest(verdicts) if verdicts is not None else None, sorted(rename))
            task = Task(
                self.plan,
                run.plan.name,
                run.seg,
                i,
                run.inputs[i],
                str(self.store.folder(key)),
                verdicts,
                rename,
                self.batch_size,
            )
            out.append((key, task))
        return out

    def _execute(self, tasks: list[tuple[str, Task]], what: str) -> list[tuple[str, TaskResult]]:
        """Run the tasks whose results are not in the store; results in task order. Progress counts rows (estimated
        for raw shards, exact after), so a bar has a total and an ETA."""
        found: dict[int, TaskResult] = {}
        todo: list[tuple[int, Task]] = []
        for k, (key, task) in enumerate(tasks):
            res = self.store.result(key)
            if res is not None:
                found[k] = res
            else:
                todo.append((k, task))
                run = next(r for r in self.runs if r.plan.name == task.source)
                self.ran[self._describe(run, task.segment)] += 1
        self.store.hits += len(found)
        self.store.misses += len(todo)
        weight = {k: self._rows(t) for k, t in todo}
        self.progress.start(what + (f", {len(found):,} task(s) from the cache" if found else ""), sum(weight.values()))
        try:
            results = self.executor.map(run_task, [t for _, t in todo], cost=[weight[k] for k, _ in todo])
            for (k, _), res in zip(todo, results, strict=True):
                found[k] = res
                for t in res.tallies:
                    self.seconds[t.stage] += t.seconds
                for step, sec in res.seconds.items():
                    if step != "stages":
                        self.seconds[step] += sec
                self.progress.advance(weight[k])
        finally:
            self.progress.stop()  # also on Ctrl-C: the terminal gets its cursor back
        return [(tasks[k][0], found[k]) for k in range(len(tasks))]

    def _rows(self, task: Task) -> int:
        run = next(r for r in self.runs if r.plan.name == task.source)
        return max(1, run.rows[task.shard] if task.segment == 0 else run.counts[task.shard])

    def _wave(self, ready: list[SourceRun], wave: int) -> None:
        tasks = [(r, kt) for r in ready for kt in self._tasks(r)]
        names = ", ".join(f"{r.plan.name}: {self._describe(r)}" for r in ready)
        done = sum(r.done for r in self.runs)
        self.progress.log(f"wave {wave}: {len(tasks)} task(s) - {names}")
        # what the wave does, every step once in chain order, e.g. "sample + unfilter + sketch for dedup"
        what = " + ".join(dict.fromkeys(step for r in ready for step in self._describe(r).split(" + ")))
        results = self._execute(
            [kt for _, kt in tasks],
            f"wave {wave} ({what}): {len(ready)} of {len(self.runs)} source(s) ({done} done), rows",
        )
        by_source: dict[str, list[tuple[str, TaskResult]]] = {}
        for (r, _), kr in zip(tasks, results, strict=True):
            by_source.setdefault(r.plan.name, []).append(kr)
        for r in ready:
            self._finish_segment(r, by_source.get(r.plan.name, []))

    def _describe(self, run: SourceRun, segment: int | None = None) -> str:
        seg = run.segs[run.seg if segment is None else segment]
        names = ["convert"] if seg.index == 0 else []
        if seg.apply is not None:
            names.append(run.stages[seg.apply].name)
        names += [run.stages[i].name for i in seg.batch]
        if seg.sketch is not None:
            names.append(f"sketch for {run.stages[seg.sketch].name}")
        return " + ".join(names) or "write"

    def _finish_segment(self, run: SourceRun, keyed: list[tuple[str, TaskResult]]) -> None:
        seg = run.segs[run.seg]
        if seg.index == 0:
            keyed = self._unique_ids(run, keyed)
        results = [res for _, res in keyed]
        run.results.append(results)
        run.keys = [key for key, _ in keyed]
        run.inputs = [r.output_path for r in results]
        run.counts = [r.records_out for r in results]
        run.verdicts = [None] * len(results)
        if seg.sketch is None:
            run.seg += 1
            return
        stage = run.stages[seg.sketch]
        assert isinstance(stage, BarrierStage)
        run.sketch = stage.concat_sketches([r.sketch for r in results])
        if stage.kind == "source":
            self._release([run], self._decide(stage, [run]))
        else:
            run.waiting = seg.sketch

    def _unique_ids(self, run: SourceRun, keyed: list[tuple[str, TaskResult]]) -> list[tuple[str, TaskResult]]:
        """Ids repeated across shards: later copies (in file/line order) get ``@line``, as within a shard. The
        affected shards' first segment runs again with the list of where-keys to rename (a rare case)."""
        for _ in range(3):
            results = [res for _, res in keyed]
            keys = np.concatenate([r.id_keys for r in results if r.id_keys is not None] or [np.zeros(0, np.uint64)])
            if len(keys) < 2:
                return keyed
            _, first = np.unique(keys, return_index=True)
            if len(first) == len(keys):
                return keyed
            repeat = np.ones(len(keys), bool)
            repeat[first] = False
            wheres = np.concatenate([r.wheres for r in results if r.wheres is not None])
            shard_of = np.repeat(
                np.arange(len(results)), [len(r.id_keys) if r.id_keys is not None else 0 for r in results]
            )
            redo: dict[int, set[int]] = {}
            for k in np.flatnonzero(repeat).tolist():
                redo.setdefault(int(shard_of[k]), set()).add(int(wheres[k]))
            for shard, ws in redo.items():
                run.rename[shard] = frozenset(run.rename.get(shard, frozenset()) | ws)
            again = self._execute(self._tasks(run, sorted(redo)), f"{run.plan.name}: renaming repeated ids")
            for kr in again:
                keyed[kr[1].shard] = kr
        raise EngineError(f"{run.plan.name}: ids still repeat after renaming")

    # -- barriers -----------------------------------------------------------------------------------------------

    def _decide(self, stage: BarrierStage, members: list[SourceRun]) -> Any:
        """A barrier's decision over the members' sketches (from the store when the same sketches were decided)."""
        # keyed by what is decided over (the sketches), not by how they were made
        key = key_of("decision", stage.name, stage.params(), [(r.plan.name, digest(r.sketch)) for r in members])
        decision = self.store.get("decisions", key)
        if decision is None:
            t0 = time.perf_counter()
            decision = stage.decide([(r.plan.name, r.sketch) for r in members], progress=self.progress)
            self.timings[f"{stage.name} decide"] = round(time.perf_counter() - t0, 3)
            self.store.put("decisions", key, decision)
        return decision

    def _decide_corpus(self, runs: list[SourceRun]) -> None:
        first = next(r for r in runs if r.waiting is not None)
        assert first.waiting is not None
        stage = first.stages[first.waiting]
        assert isinstance(stage, BarrierStage)
        members = [r for r in runs if any(st.name == stage.name for st in r.stages)]
        stuck = [r.plan.name for r in members if r.waiting is None or r.stages[r.waiting].name != stage.name]
        if stuck:
            raise EngineError(f"corpus stage {stage.name!r}: sources {', '.join(stuck)} cannot reach it")
        total = sum(sum(r.counts) for r in members)
        self.progress.log(f"{stage.name}: deciding over {total:,} conversations of {len(members)} source(s)")
        self._release(members, self._decide(stage, members))

    def _release(self, runs: list[SourceRun], decision: Any) -> None:
        for r in runs:
            starts = np.concatenate([[0], np.cumsum(r.counts)]).tolist()
            r.verdicts = [decision.part(r.plan.name, int(starts[i]), int(n)) for i, n in enumerate(r.counts)]
            r.sketch = None
            r.waiting = None
            r.seg += 1
