"""Executors run a batch stage over batches: in-process, on every local core, or on a Ray cluster.

Results always come back in input order, so outputs do not depend on the executor or worker count.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import orjson

from dolphin_data.errors import UserError
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import Stage, StageOutput

EXECUTORS = ("local", "ray")


def _run(args: tuple[Stage, list[Conversation]]) -> StageOutput:
    stage, batch = args
    return stage.process(batch)


class LocalExecutor:
    """All cores of one machine (a process pool); in-process when workers == 1 or the work is one batch."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def map(self, stage: Stage, batches: Sequence[list[Conversation]]) -> Iterator[StageOutput]:
        if self.workers <= 1 or len(batches) <= 1:
            for b in batches:
                yield stage.process(b)
            return
        if self._pool is None:
            # forkserver, not fork: a forked child of a parent that already ran polars/numpy thread pools
            # can deadlock on a lock held by a thread that does not exist in the child.
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        yield from self._pool.map(_run, [(stage, b) for b in batches])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class RayExecutor:
    """Ray Data (``pip install 'dolphin-data[ray]'``): a stage runs as ``map_batches`` over a Dataset.

    Conversations travel as JSON bytes in one column; each output batch carries kept conversations,
    rejects and counters tagged by ``kind``. ``preserve_order`` keeps results in input order, so a Ray
    build writes the same bytes as a local one. Connects to ``$RAY_ADDRESS`` or starts a local cluster.
    """

    def __init__(self, workers: int | None = None, address: str | None = None):
        try:
            import ray
            import ray.data
        except ImportError:
            raise UserError("--executor ray needs Ray: pip install 'dolphin-data[ray]' (or use --executor local)") from None
        if not ray.is_initialized():
            ray.init(address=address or os.environ.get("RAY_ADDRESS"), num_cpus=None if address else workers,
                     include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        self.workers = workers

    def map(self, stage: Stage, batches: Sequence[list[Conversation]]) -> Iterator[StageOutput]:
        import ray.data

        convs = [c for b in batches for c in b]
        if not convs:
            yield stage.process([])
            return
        ds = ray.data.from_items([{"conv": orjson.dumps(c.to_json())} for c in convs])
        size = max(len(b) for b in batches)
        result = ds.map_batches(_ray_process, fn_kwargs={"stage": stage}, batch_size=size, batch_format="numpy")
        out = StageOutput([])
        for row in result.iter_rows():
            payload = orjson.loads(row["payload"])
            if row["kind"] == 0:
                out.kept.append(Conversation.from_json(payload))
            elif row["kind"] == 1:
                out.rejects.append(Reject(**payload))
            else:
                out.counters.update(payload)
        yield out

    def close(self) -> None:
        pass


def _ray_process(batch: dict[str, Any], stage: Stage) -> dict[str, Any]:
    import numpy as np

    convs = [Conversation.from_json(orjson.loads(b)) for b in batch["conv"]]
    res = stage.process(convs)
    kinds = [0] * len(res.kept) + [1] * len(res.rejects) + [2]
    payloads = [orjson.dumps(c.to_json()) for c in res.kept]
    payloads += [orjson.dumps({"id": r.id, "source": r.source, "stage": r.stage, "reason": r.reason,
                               "record": r.record, "extra": dict(r.extra)}) for r in res.rejects]
    payloads.append(orjson.dumps(dict(res.counters)))
    return {"kind": np.array(kinds, dtype=np.int8), "payload": np.array(payloads, dtype=object)}


def make_executor(name: str, workers: int | None) -> LocalExecutor | RayExecutor:
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        return RayExecutor(workers)
    raise UserError(f"--executor {name!r}: choose one of {', '.join(EXECUTORS)}")
