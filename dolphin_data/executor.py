"""Executors run a batch stage over batches: in-process, on every local core, or on a Ray cluster.

Results always come back in input order, so outputs do not depend on the executor or worker count.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from dolphin_data.errors import UserError
from dolphin_data.model import Conversation
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
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        yield from self._pool.map(_run, [(stage, b) for b in batches])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class RayExecutor:
    """A Ray cluster (``pip install 'dolphin-data[ray]'``); each batch is one Ray task, results in order."""

    def __init__(self, workers: int | None = None, address: str | None = None):
        try:
            import ray
        except ImportError:
            raise UserError("--executor ray needs Ray: pip install 'dolphin-data[ray]' (or use --executor local)") from None
        self._ray = ray
        if not ray.is_initialized():
            ray.init(address=address or os.environ.get("RAY_ADDRESS"), num_cpus=workers, include_dashboard=False,
                     log_to_driver=False, ignore_reinit_error=True)
        self._task: Callable[..., Any] = ray.remote(_run)

    def map(self, stage: Stage, batches: Sequence[list[Conversation]]) -> Iterator[StageOutput]:
        refs = [self._task.remote((stage, b)) for b in batches]
        for ref in refs:
            yield self._ray.get(ref)

    def close(self) -> None:
        pass


def make_executor(name: str, workers: int | None) -> LocalExecutor | RayExecutor:
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        return RayExecutor(workers)
    raise UserError(f"--executor {name!r}: choose one of {', '.join(EXECUTORS)}")
