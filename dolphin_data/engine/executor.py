"""Executors run tasks: in the driver process, on every local core, or on a Ray cluster.

``map(fn, tasks)`` yields results in task order whatever the executor, so outputs never depend on it. Local workers
are spawned (not forked: a fork of a process that already runs numpy/polars thread pools can deadlock), each asks
the kernel to kill it when the driver dies (no orphans after kill -9), and ignores Ctrl-C (the driver decides).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from dolphin_data.errors import UserError

EXECUTORS = ("local", "ray")
T = TypeVar("T")
R = TypeVar("R")


def _worker_init(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: die with the parent (PR_SET_PDEATHSIG = 1)
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the driver died before the line above ran: nobody is waiting for this worker
        os._exit(1)
    # one thread per worker process: --workers bounds all parallelism of the run
    for var in ("OMP_NUM_THREADS", "POLARS_MAX_THREADS", "RAYON_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"


class LocalExecutor:
    """All cores of one machine (a process pool of ``workers``); in the driver process when ``workers`` is 1."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        if self.workers <= 1 or len(tasks) <= 1:
            for t in tasks:
                yield fn(t)
            return
        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
        futures: list[Future[R]] = [self._pool.submit(fn, t) for t in tasks]
        try:
            for f in futures:
                yield f.result()
        finally:
            for f in futures:
                f.cancel()

    def close(self, kill: bool = False) -> None:
        if self._pool is None:
            return
        if kill:
            for p in list(getattr(self._pool, "_processes", {}).values()):
                p.kill()
        self._pool.shutdown(wait=not kill, cancel_futures=True)
        self._pool = None


class RayExecutor:
    """Ray (``pip install 'dolphin-data[ray]'``): each task runs as a Ray task on the cluster at ``$RAY_ADDRESS`` (or a
    local one), results gathered in task order. Work files live under the output folder, so on several machines that
    folder must be shared storage (NFS or similar) mounted at the same path."""

    def __init__(self, workers: int = 1, address: str | None = None):
        try:
            import ray
        except ImportError:
            raise UserError(
                "--executor ray needs Ray: pip install 'dolphin-data[ray]' (or use --executor local)"
            ) from None
        self._ray = ray
        address = address or os.environ.get("RAY_ADDRESS")
        if not ray.is_initialized():
            ray.init(
                address=address,
                num_cpus=None if address else workers,
                include_dashboard=False,
                log_to_driver=False,
                ignore_reinit_error=True,
            )
        self.workers = workers
        self._remote: dict[Any, Any] = {}

    def map(self, fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(num_cpus=1)(fn)
        refs = [remote.remote(t) for t in tasks]
        for ref in refs:
            yield self._ray.get(ref)

    def close(self, kill: bool = False) -> None:
        pass


def make_executor(name: str, workers: int) -> LocalExecutor | RayExecutor:
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        return RayExecutor(workers)
    raise UserError(f"--executor {name!r}: choose one of {', '.join(EXECUTORS)}")
