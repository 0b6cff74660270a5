"""Phase 2, in the driver: ``decide(sketches, priority, position, config) -> DedupResult``, once over all sources.

``decide`` composes the phases of ``dedup.phases`` over the concatenated sketches (records in the order
given; ``priority`` and ``position`` rank survivors). The driver holds only per-record arrays (about 170
bytes a record with the default 16 bands, plus the verdicts) and one chunk of candidates' shingle hashes at a
time; the hashes themselves stay in the spill files the sketches point at.

``DedupResult.slice(start, n)`` gives one shard's ``Verdicts`` (phase 3, applied by the workers).
``deduplicate_batches`` runs sketch + decide in one process over an iterator of text batches.

``progress`` (optional, a ``phases.PhaseProgress`` such as the engine's): every phase is reported as it starts, with
its name and size - ``dedup: exact groups`` (records), ``candidates`` (records taking part), ``verify`` (candidate
pairs, advanced per chunk), ``cluster`` (edges), ``label`` (records) - so a long decide is never silent.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from dolphin_data.dedup.cluster import survivor_rank
from dolphin_data.dedup.config import EXACT, KEPT, NEAR, DedupConfig
from dolphin_data.dedup.lsh import mean_recall
from dolphin_data.dedup.phases import (
    PhaseProgress,
    candidates,
    cluster,
    group_exact,
    label,
    repair_pairs,
    representatives,
    verify,
)
from dolphin_data.dedup.sketch import ShingleWriter, Sketch, empty_sketch, sketch
from dolphin_data.dedup.spill import ShingleReader

U64 = np.uint64


@dataclass(frozen=True)
class Verdicts:
    """The dedup verdicts of records ``start .. start + len - 1`` (one shard): small and picklable."""

    start: int
    reason: np.ndarray  # int8: KEPT, EXACT or NEAR (config.REASONS names them)
    survivor: np.ndarray  # int64: global index of the kept member of the record's cluster (itself if kept)
    similarity: np.ndarray  # float64: similarity to the survivor (1.0 for exact, nan for kept)

    def __len__(self) -> int:
        return len(self.reason)

    @property
    def kept(self) -> np.ndarray:
        return self.reason == KEPT


@dataclass
class DedupResult:
    survivor: np.ndarray  # int64[n]: index of the kept member of the record's cluster (itself if kept)
    reason: np.ndarray  # int8[n]: KEPT, EXACT or NEAR
    similarity: np.ndarray  # float64[n]: similarity to the survivor (1.0 for exact, nan for kept)
    cluster: np.ndarray  # int64[n]: cluster label (smallest member index)
    stats: dict[str, Any]

    @property
    def kept(self) -> np.ndarray:
        return self.reason == KEPT

    def slice(self, start: int, n: int) -> Verdicts:
        """The verdicts of records ``start .. start + n - 1`` (copies: the slice does not pin the whole arrays)."""
        if start < 0 or n < 0 or start + n > len(self.reason):
            raise ValueError(f"slice {start}+{n} outside the {len(self.reason)} records")
        end = start + n
        return Verdicts(
            start, self.reason[start:end].copy(), self.survivor[start:end].copy(), self.similarity[start:end].copy()
        )

    def removed_survivors(self) -> np.ndarray:
        """Sorted global indices of the survivors that have duplicates (the records whose ids rejects name)."""
        return np.unique(self.survivor[self.reason != KEPT])


PHASES = ("exact groups", "candidates", "verify", "cluster", "label")


@contextmanager
def _phase(progress: PhaseProgress | None, name: str, total: int, unit: str) -> Iterator[Callable[[int], None]]:
    """Report one decide phase (``dedup: NAME (k/5), UNIT``); yields ``advance(n)``. The whole phase counts as done
    when it ends, whatever was advanced."""
    if progress is None:
        yield lambda n: None
        return
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        progress.advance(n)

    progress.start(f"dedup: {name} ({PHASES.index(name) + 1}/{len(PHASES)}), {unit}", total)
    try:
        yield advance
        if total > done[0]:
            progress.advance(total - done[0])
    finally:
        progress.stop()


def decide(
    sketches: Sketch | Sequence[Sketch],
    priority: np.ndarray | None = None,
    position: np.ndarray | None = None,
    config: DedupConfig | None = None,
    progress: PhaseProgress | None = None,
) -> DedupResult:
    """Deduplicate the records of ``sketches`` (concatenated in the order given; record ``i`` is the ``i``-th).

    ``priority`` (default: all equal; lower wins) and ``position`` (default: the record index) rank survivors,
    then the record index; ``keep="longest"`` ranks by the sketched text length first."""
    cfg = config or DedupConfig()
    sk = sketches if isinstance(sketches, Sketch) else (Sketch.concat(sketches) if sketches else empty_sketch(cfg))
    if sk.params != cfg.sketch_params():
        raise ValueError(
            "the sketches were made with other dedup parameters than this config "
            f"(sketch {sk.params}, config {cfg.sketch_params()})"
        )
    n = len(sk)
    priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority, np.int64)
    position = np.arange(n, dtype=np.int64) if position is None else np.asarray(position, np.int64)
    for name, arr in (("priority", priority), ("position", position)):
        if len(arr) != n:
            raise ValueError(f"{name} has {len(arr)} entries for {n} records")
    bands, rows = cfg.lsh()
    with ShingleReader(sk.runs, sk.run_start, sk.nshingles) as reader:

        def similarity(left: np.ndarray, right: np.ndarray, advance: Callable[[int], None] | None = None) -> np.ndarray:
            return verify(left, right, reader if cfg.exact_check else None, sk.sig, advance=advance)

        return _decide(sk, priority, position, cfg, similarity, bands, rows, progress)


def _decide(
    sk: Sketch,
    priority: np.ndarray,
    position: np.ndarray,
    cfg: DedupConfig,
    similarity: Callable[..., np.ndarray],
    bands: int,
    rows: int,
    progress: PhaseProgress | None = None,
) -> DedupResult:
    n = len(sk)
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    with _phase(progress, "exact groups", n, "records"):
        exact_root = group_exact(sk.keys)
        reps = representatives(exact_root, sk.nshingles)
    t["group_exact"] = time.perf_counter()
    with _phase(progress, "candidates", len(reps), "records"):
        cand = candidates(sk.bands, reps, cfg.all_pairs_upto)
    t["candidates"] = time.perf_counter()
    with _phase(progress, "verify", len(cand.left), "candidate pairs") as advance:
        sim = similarity(cand.left, cand.right, advance)
    ok = sim >= cfg.threshold
    t["verify"] = time.perf_counter()
    with _phase(progress, "cluster", int(ok.sum()), "edges"):
        root = cluster(n, exact_root, cand.left[ok], cand.right[ok])
        left, right, nrepair, windowed = cand.left, cand.right, 0, 0
        if cand.large_buckets:
            rl, rr, windowed = repair_pairs(cand, root, cfg.all_pairs_upto)
            nrepair = len(rl)
            if nrepair:
                rsim = similarity(rl, rr)
                left, right, sim = np.concatenate((left, rl)), np.concatenate((right, rr)), np.concatenate((sim, rsim))
                ok = sim >= cfg.threshold
                root = cluster(n, exact_root, left[ok], right[ok])
    t["cluster"] = time.perf_counter()
    with _phase(progress, "label", n, "records"):
        edges = (left[ok].astype(U64) << U64(32)) | right[ok].astype(U64)
        order = np.argsort(edges, kind="stable")
        rank = survivor_rank(priority, position, sk.length, cfg.keep)
        surv, reason, sim_out = label(root, exact_root, rank, edges[order], sim[ok][order], similarity)
    t["label"] = time.perf_counter()
    prev, seconds = t0, {}
    for k, v in t.items():
        seconds[k] = round(v - prev, 3)
        prev = v
    stats = {
        "documents": n,
        "bands": bands,
        "rows": rows,
        "mean_recall_at_threshold": round(mean_recall(cfg.threshold, bands, rows), 4),
        "exact_groups": int(np.count_nonzero(exact_root == np.arange(n))),
        "candidate_pairs": int(len(left)),
        "verified_pairs": int(ok.sum()),
        "rejected_candidates": int((~ok).sum()),
        "large_buckets": int(cand.large_buckets),
        "repair_pairs": int(nrepair),
        "large_buckets_windowed": int(windowed),
        "removed_exact": int((reason == EXACT).sum()),
        "removed_near": int((reason == NEAR).sum()),
        "seconds": seconds,
    }
    return DedupResult(surv, reason, sim_out, root, stats)


def deduplicate_batches(
    batches: Iterable[Sequence[str]],
    config: DedupConfig | None = None,
    priority: np.ndarray | None = None,
    position: np.ndarray | None = None,
) -> DedupResult:
    """Sketch + decide in this process over texts that arrive as batches (read once, in order; record ``i`` is the
    ``i``-th text). With the exact check the shingle hashes go to a temporary file in ``config.spill_dir``
    (removed before returning)."""
    cfg = config or DedupConfig()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dedup-", dir=cfg.spill_dir) as tmp:
        with ShingleWriter(os.path.join(tmp, "shingles.u64")) as writer:
            parts = [sketch(texts, cfg, writer) for texts in batches if len(texts)]
        sk = Sketch.concat(parts) if parts else empty_sketch(cfg)
        del parts
        t_sketch = time.perf_counter() - t0
        res = decide(sk, priority, position, cfg)
    res.stats["seconds"] = {"sketch": round(t_sketch, 3), **res.stats["seconds"]}
    return res


def deduplicate(
    n: int,
    texts_of: Callable[[np.ndarray], Sequence[str]],
    priority: np.ndarray | None = None,
    position: np.ndarray | None = None,
    config: DedupConfig | None = None,
) -> DedupResult:
    """``deduplicate_batches`` over records ``0..n-1`` whose texts ``texts_of(indices)`` returns, in batches."""
    cfg = config or DedupConfig()
    batches = (texts_of(np.arange(s, min(n, s + cfg.batch_size))) for s in range(0, n, cfg.batch_size))
    res = deduplicate_batches(batches, cfg, priority, position)
    if res.stats["documents"] != n:
        raise ValueError(f"texts_of returned {res.stats['documents']} texts for {n} records")
    return res
