"""Phase 1, in the workers: ``sketch(texts, config, spill) -> Sketch``, the compact per-record arrays dedup needs.

Pure per batch or shard: a record's sketch depends only on its text and the config. Per record:

* ``keys``: the exact key (128 bits: blake2b of the normalised word hashes), equal for texts that normalise
  to the same words;
* ``nshingles``: how many shingles it has (0 for an empty text: it takes no part in near dedup);
* ``bands``: the LSH band hashes (``uint64[n, bands]``) of its MinHash signature;
* ``length``: its text length in characters (``keep="longest"``);
* ``sig``: the signature itself (``uint32[n, num_perm]``) only with ``exact_check`` off (the estimate needs it).

With ``exact_check`` on, the shingle hashes themselves go to the spill file (``spill.ShingleWriter``) and the
sketch keeps only where they start, so a ``Sketch`` is ``32 + 8 * bands`` bytes per record (160 at the
default 16 bands), picklable, and ``Sketch.concat`` of consecutive shards is a ``numpy.concatenate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dolphin_data.dedup.config import DedupConfig
from dolphin_data.dedup.lsh import band_hashes
from dolphin_data.dedup.minhash import signatures
from dolphin_data.dedup.spill import ShingleRun, ShingleWriter

Spill = ShingleWriter | str | os.PathLike[str] | None


@dataclass(frozen=True)
class Sketch:
    params: tuple[Any, ...]  # DedupConfig.sketch_params() of the config that made it
    keys: np.ndarray  # uint64[n, 2]
    nshingles: np.ndarray  # int64[n]
    bands: np.ndarray  # uint64[n, bands]
    length: np.ndarray  # int64[n]
    sig: np.ndarray | None  # uint32[n, num_perm] with exact_check off, else None
    runs: tuple[ShingleRun, ...]  # where the shingle hashes are (exact_check on), in document order
    run_start: np.ndarray  # int64[len(runs) + 1]: first document of each run, then n

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def nbytes(self) -> int:
        arrays = (self.keys, self.nshingles, self.bands, self.length, self.sig, self.run_start)
        return sum(a.nbytes for a in arrays if a is not None) + sum(
            r.hashes.nbytes for r in self.runs if r.hashes is not None
        )

    def digest_content(self) -> tuple[Any, ...]:
        """The sketch's content without where its shingle hashes are: two sketches of the same texts with the same
        parameters give equal values, whichever files hold the hashes."""
        return self.params, self.keys, self.nshingles, self.bands, self.length, self.sig

    @staticmethod
    def concat(sketches: Sequence[Sketch]) -> Sketch:
        """The sketches of consecutive batches/shards as one (records in the order given)."""
        if not sketches:
            raise ValueError("Sketch.concat needs at least one sketch (use empty_sketch(config) for none)")
        params = sketches[0].params
        if any(s.params != params for s in sketches):
            raise ValueError("sketches made with different dedup parameters cannot be combined")
        if len(sketches) == 1:
            return sketches[0]
        runs: list[ShingleRun] = []
        starts: list[int] = []
        sizes: list[int] = []  # hashes in each run
        n = 0
        for s in sketches:
            per_run = s.nshingles_per_run()
            for k, run in enumerate(s.runs):
                if (
                    runs
                    and run.path is not None
                    and runs[-1].path == run.path
                    and runs[-1].base + sizes[-1] == run.base
                ):
                    sizes[-1] += int(per_run[k])  # the next hashes of the same file: one run
                    continue
                runs.append(run)
                starts.append(n + int(s.run_start[k]))
                sizes.append(int(per_run[k]))
            n += len(s)
        sig = None if sketches[0].sig is None else np.concatenate([s.sig for s in sketches])
        return Sketch(
            params,
            np.concatenate([s.keys for s in sketches]),
            np.concatenate([s.nshingles for s in sketches]),
            np.concatenate([s.bands for s in sketches]),
            np.concatenate([s.length for s in sketches]),
            sig,
            tuple(runs),
            np.array([*starts, n], np.int64),
        )

    def nshingles_per_run(self) -> np.ndarray:
        """How many shingle hashes each run holds."""
        if not self.runs:
            return np.zeros(0, np.int64)
        csum = np.zeros(len(self) + 1, np.int64)
        np.cumsum(self.nshingles, out=csum[1:])
        return np.diff(csum[self.run_start])


def empty_sketch(config: DedupConfig) -> Sketch:
    bands, _ = config.lsh()
    sig = None if config.exact_check else np.zeros((0, config.num_perm), np.uint32)
    return Sketch(
        config.sketch_params(),
        np.zeros((0, 2), np.uint64),
        np.zeros(0, np.int64),
        np.zeros((0, bands), np.uint64),
        np.zeros(0, np.int64),
        sig,
        (),
        np.zeros(1, np.int64),
    )


def sketch(texts: Sequence[str], config: DedupConfig, spill: Spill = None) -> Sketch:
    """Sketch ``texts`` (already selected; normalised here). ``spill`` receives the shingle hashes when
    ``config.exact_check`` is on: an open ``ShingleWriter`` (appended to), a path (a new file, written and
    closed), or None (kept in memory inside the sketch: for small in-process use only)."""
    if len(texts) == 0:
        return empty_sketch(config)
    params = config.sketch_params()
    bands, rows = config.lsh()
    writer, own = None, False
    if isinstance(spill, ShingleWriter):
        writer = spill
    elif spill is not None and config.exact_check:
        writer, own = ShingleWriter(spill), True
    parts: list[tuple[np.ndarray, ...]] = []
    held: list[np.ndarray] = []
    base = writer.count if writer is not None else 0
    try:
        for s in range(0, len(texts), config.batch_size):
            chunk = texts[s : s + config.batch_size]
            h, off, keys = config.shingles.shingles_and_keys(chunk)
            sg = signatures(h, off, config.num_perm, config.seed, config.backend)
            length = np.fromiter((len(t) for t in chunk), np.int64, len(chunk))
            parts.append(
                (
                    keys,
                    np.diff(off),
                    band_hashes(sg, bands, rows),
                    length,
                    sg if not config.exact_check else np.zeros((len(chunk), 0), np.uint32),
                )
            )
            if config.exact_check:
                if writer is not None:
                    writer.write(h)
                else:
                    held.append(h)
    finally:
        if own and writer is not None:
            writer.close()
    runs: tuple[ShingleRun, ...] = ()
    if config.exact_check:
        if writer is not None:
            runs = (ShingleRun(writer.path, base),)
        else:
            runs = (ShingleRun(None, 0, held[0] if len(held) == 1 else np.concatenate(held)),)
    keys, nsh, bh, length, sg = (np.concatenate(col) if len(parts) > 1 else col[0] for col in zip(*parts, strict=True))
    return Sketch(
        params,
        keys,
        nsh.astype(np.int64),
        bh,
        length,
        None if config.exact_check else sg,
        runs,
        np.array([0, len(texts)], np.int64),
    )


def sketch_batches(batches: Iterable[Sequence[str]], config: DedupConfig, path: str | os.PathLike[str]) -> Sketch:
    """One worker's shard: the texts of its batches (in order) sketched into one sketch, their shingle hashes
    into one new file at ``path`` (with the exact check; the file is not created without it)."""
    if not config.exact_check:
        return Sketch.concat([sketch(t, config) for t in batches if len(t)] or [empty_sketch(config)])
    with ShingleWriter(path) as writer:
        parts = [sketch(t, config, writer) for t in batches if len(t)]
    return Sketch.concat(parts) if parts else empty_sketch(config)
