"""Executors run tasks: in the driver process, on every local core, or on a Ray cluster.

``map(fn, tasks)`` yields results in task order whatever the executor, so outputs never depend on it. Local workers
are spawned (not forked: a fork of a process that already runs numpy/polars thread pools can deadlock), each asks
the kernel to kill it when the driver dies (no orphans after kill -9), and ignores Ctrl-C (the driver decides).
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, NoReturn, TypeVar, cast

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
    """All cores of one machine (``workers`` spawned processes, one task each at a time); in the driver process when
    ``workers`` is 1.

    A small pool of our own rather than ``concurrent.futures``: the driver has no helper threads, so a Ctrl-C or
    SIGTERM that kills the workers cannot race a pool-management thread into printing tracebacks at exit, and a worker
    that dies (the out-of-memory killer) is one clear error instead of ``BrokenProcessPool``."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self._pool: list[_Worker] = []

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], cost: Sequence[float] | None = None) -> Iterator[R]:
        """Results in task order. With ``cost`` (an estimate per task), the costliest tasks start first, so a wave
        does not end with one worker running a big shard while the others wait."""
        if self.workers <= 1 or len(tasks) <= 1:
            for t in tasks:
                yield fn(t)
            return
        if not self._pool:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn")
            self._pool = [_Worker(ctx) for _ in range(min(self.workers, len(tasks)))]
        todo = iter(_by_cost(len(tasks), cost))
        done: dict[int, R] = {}
        nxt = 0
        finished = False
        try:
            while nxt < len(tasks):
                for w in self._pool:
                    if w.task is None and (k := next(todo, None)) is not None:
                        w.task = k
                        try:
                            w.conn.send((fn, tasks[k]))
                        except OSError:
                            raise _died(w) from None
                busy = [w for w in self._pool if w.task is not None]
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
                for w in busy:
                    if w.conn in ready or (w.proc.sentinel in ready and w.conn.poll()):
                        try:
                            ok, value = w.conn.recv()
                        except (EOFError, OSError):
                            raise _died(w) from None
                        if not ok:
                            _raise(value)
                        done[cast(int, w.task)] = value
                        w.task = None
                    elif w.proc.sentinel in ready:
                        raise _died(w)
                while nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
            finished = True
        finally:
            if not finished:  # an error, a signal, or a caller that stopped early: no worker keeps a stale task
                self.close(kill=True)

    def close(self, kill: bool = False) -> None:
        pool, self._pool = self._pool, []
        for w in pool:
            if kill or w.task is not None:
                w.proc.kill()
            else:
                try:
                    w.conn.send(None)
                except OSError:
                    w.proc.kill()
        for w in pool:
            w.proc.join(timeout=None if not kill else 10)
            w.conn.close()


class _Worker:
    """One spawned worker process and the driver's end of its pipe."""

    def __init__(self, ctx: Any):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None  # index of the task it is running


def _serve(conn: Connection, parent: int) -> None:
    """A worker's loop: receive ``(fn, task)``, send back ``(True, result)`` or ``(False, exception)``; stop at None."""
    _worker_init(parent)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        fn, task = msg
        try:
            reply: tuple[bool, Any] = (True, fn(task))
        except BaseException as e:  # noqa: BLE001 - every failure goes back to the driver, which decides
            reply = (False, _portable(e))
        try:
            conn.send(reply)
        except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be pickled
            conn.send((False, _portable(e)))


def _by_cost(n: int, cost: Sequence[float] | None) -> list[int]:
    """Task indices, costliest first (ties in task order): longest-processing-time-first scheduling."""
    if cost is None:
        return list(range(n))
    return sorted(range(n), key=lambda k: -cost[k])


class RemoteTraceback(Exception):
    """The worker's traceback, chained under an exception re-raised in the driver."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


def _portable(e: BaseException) -> tuple[BaseException, str | None]:
    """The exception and, unless it is a user error, the worker's traceback (the driver chains it under the exception:
    a bug must show where it happened); a RuntimeError carrying the text when the exception cannot be pickled."""
    text = "".join(traceback.format_exception(e))
    try:
        pickle.loads(pickle.dumps(e))
    except Exception:  # noqa: BLE001
        return RuntimeError(f"a worker failed with an exception that cannot be sent back:\n{text}"), None
    return e, None if isinstance(e, UserError) else text


def _raise(error: tuple[BaseException, str | None]) -> NoReturn:
    exc, text = error
    if text is not None:
        raise exc from RemoteTraceback(text)
    raise exc


def _died(w: _Worker) -> UserError:
    w.proc.join(timeout=5)  # its pipe closes a moment before the kernel reports the exit
    code = w.proc.exitcode
    how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
    hint = " (SIGKILL: most often the kernel's out-of-memory killer)" if code == -signal.SIGKILL else ""
    return UserError(f"a worker process {how}{hint}; the run stopped and wrote nothing; try fewer --workers")


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

    def map(self, fn: Callable[[T], R], tasks: Sequence[T], cost: Sequence[float] | None = None) -> Iterator[R]:
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(num_cpus=1)(fn)
        refs: list[Any] = [None] * len(tasks)
        for k in _by_cost(len(tasks), cost):  # submitted costliest first, gathered in task order
            refs[k] = remote.remote(tasks[k])
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
