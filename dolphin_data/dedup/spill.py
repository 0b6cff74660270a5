"""Shingle hashes on disk for the exact Jaccard check: written once while sketching, read back per candidate.

A worker appends the ``uint64`` shingle hashes of its documents, in document order, to one file
(``ShingleWriter``); its sketch records only where its run starts (``ShingleRun``: path and first hash). The
driver reads the hashes of a chunk of candidate documents back with one ``preadv`` per run of consecutive
documents (``ShingleReader``), so it holds only that chunk's hashes; the rest stays in the page cache or on
disk, never in the driver's resident set (a memory map would fault whole neighbourhoods of the file in).
A run may instead hold its hashes in memory (``sketch(..., spill=None)``, for small in-process use).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import numpy as np


@dataclass(frozen=True)
class ShingleRun:
    """The shingle hashes of consecutive documents: in the file ``path`` from hash ``base`` on, or ``hashes``."""

    path: str | None
    base: int = 0
    hashes: np.ndarray | None = None  # in memory (path None)


class ShingleWriter:
    """Appends shingle hashes to one file: a new one (``path`` is truncated), or with ``append`` the end of an
    existing one (a shard's batches, one call each). ``write`` returns where the hashes start, in hashes."""

    def __init__(self, path: str | os.PathLike[str], append: bool = False):
        self.path = str(Path(path))
        self._fh: BinaryIO | None = open(self.path, "ab" if append else "wb")  # noqa: SIM115  (closed by close)
        size = self._fh.seek(0, os.SEEK_END)
        if size % 8:
            self._fh.close()
            raise ValueError(f"{self.path}: not a shingle file (size {size} is not a multiple of 8 bytes)")
        self.count = size // 8  # hashes in the file so far

    def write(self, hashes: np.ndarray) -> int:
        if self._fh is None:
            raise ValueError(f"{self.path}: shingle file already closed")
        hashes = np.ascontiguousarray(hashes, np.uint64)
        base = self.count
        self._fh.write(hashes.data.cast("B"))
        self.count += len(hashes)
        return base

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> ShingleWriter:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ShingleReader:
    """Reads documents' shingle hashes back from the runs of a sketch (use as a context manager: it keeps the
    files open while candidates are verified)."""

    def __init__(self, runs: tuple[ShingleRun, ...], run_start: np.ndarray, nshingles: np.ndarray):
        self.runs = runs
        self.run_start = np.asarray(run_start, np.int64)  # first document of each run (len(runs) + 1 entries)
        self.offsets = np.zeros(len(nshingles) + 1, np.int64)  # hash offset of each document, over all runs
        np.cumsum(nshingles, out=self.offsets[1:])
        self._fds: dict[str, int] = {}

    def _fd(self, path: str) -> int:
        if path not in self._fds:
            self._fds[path] = os.open(path, os.O_RDONLY)
        return self._fds[path]

    def gather(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Hashes and offsets of ``docs`` (sorted, distinct document indices), as ``exact_jaccard`` takes them."""
        docs = np.asarray(docs, np.int64)
        lo, hi = self.offsets[docs], self.offsets[docs + 1]
        off = np.zeros(len(docs) + 1, np.int64)
        np.cumsum(hi - lo, out=off[1:])
        out = np.empty(int(off[-1]), np.uint64)
        if len(out) == 0:
            return out, off
        cut = np.searchsorted(docs, self.run_start)  # docs of run k: docs[cut[k]:cut[k+1]]
        for k, run in enumerate(self.runs):
            a, b = int(cut[k]), int(cut[k + 1])
            if a == b:
                continue
            shift = int(self.offsets[self.run_start[k]])  # hash offset of the run's first document
            if run.path is None:
                if run.hashes is None:
                    raise ValueError("shingle run has neither a file nor hashes")
                lens = hi[a:b] - lo[a:b]
                src = np.arange(int(off[b] - off[a]), dtype=np.int64)
                src += np.repeat(lo[a:b] - shift - (off[a:b] - off[a]), lens)
                np.take(run.hashes, src, out=out[off[a] : off[b]])
            else:
                self._pread(run, lo[a:b] - shift, hi[a:b] - shift, out[off[a] : off[b]])
        return out, off

    def _pread(self, run: ShingleRun, lo: np.ndarray, hi: np.ndarray, out: np.ndarray) -> None:
        """One ``preadv`` per run of consecutive documents, straight into ``out``."""
        assert run.path is not None
        fd = self._fd(run.path)
        brk = np.flatnonzero(lo[1:] != hi[:-1]) + 1
        first, last = np.concatenate(([0], brk)), np.concatenate((brk, [len(lo)])) - 1
        buf = out.data.cast("B")
        pos = 0
        for a, b in zip(lo[first].tolist(), hi[last].tolist(), strict=True):
            size = 8 * (b - a)
            if size and os.preadv(fd, [buf[pos : pos + size]], 8 * (run.base + a)) != size:
                raise OSError(f"{run.path}: short read (the shingle file changed or was truncated)")
            pos += size

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds = {}

    def __enter__(self) -> ShingleReader:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
