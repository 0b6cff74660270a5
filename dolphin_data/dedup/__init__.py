"""Exact + MinHash-LSH near-duplicate removal: the library API behind the ``dedup`` stage and command.

``deduplicate(n, texts_of, priority, position, config)`` runs the whole algorithm over ``n`` documents
whose selected texts (normalised here, vectorised) it asks for in batches through ``texts_of(indices)``, so the
caller decides how texts are held. Only compact arrays are kept per document: a 128-bit exact key, the
band hashes, and (when the exact Jaccard check is off) the ``uint32`` signature.

1. exact: documents with the same normalised-text key form a group; edges to the group's first member.
2. near: MinHash signatures of one member per group, LSH banding, candidate pairs by sorting.
3. verify: candidates whose exact Jaccard (``exact_check``) or MinHash estimate is below the threshold
   are dropped - this is what removes LSH false positives.
4. cluster: union-find over exact + near edges; one survivor per cluster by the ``keep`` rule; every other
   member is ``dup:exact`` (same key as the survivor) or ``dup:near``, with its similarity to the survivor.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dolphin_data.dedup.cluster import KEEP_RULES, survivor_rank, survivors, union_find
from dolphin_data.dedup.lsh import band_hashes, candidate_pairs, mean_recall, recall_param
from dolphin_data.dedup.minhash import (
    BACKENDS,
    NORMALISERS,
    SHINGLES,
    TEXT_MODES,
    ShingleConfig,
    estimate_jaccard,
    exact_jaccard,
    signatures,
    sorted_unique,
)

KEPT, EXACT, NEAR = 0, 1, 2
REASONS = {EXACT: "dup:exact", NEAR: "dup:near"}

TextsOf = Callable[[np.ndarray], Sequence[str]]


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = 0.8
    num_perm: int = 128
    bands: int | None = None  # None: recall_param(threshold, num_perm, min_recall)
    rows: int | None = None
    min_recall: float = 0.99
    exact_check: bool = True
    seed: int = 1
    backend: str = "rensa"
    keep: str = "priority"
    shingles: ShingleConfig = field(default_factory=ShingleConfig)
    batch_size: int = 4096
    workers: int = 1  # processes for the signature pass (results do not depend on it)

    def __post_init__(self) -> None:
        s = self.shingles
        checks = [
            (0.0 < self.threshold <= 1.0, f"threshold must be in (0, 1], got {self.threshold!r}"),
            (isinstance(self.num_perm, int) and 1 <= self.num_perm <= 1024, f"num_perm must be 1..1024, got {self.num_perm!r}"),
            ((self.bands is None) == (self.rows is None), "give both bands and rows, or neither (automatic)"),
            (0.0 < self.min_recall <= 1.0, f"min_recall must be in (0, 1], got {self.min_recall!r}"),
            (self.backend in BACKENDS, f"backend {self.backend!r}: choose one of {', '.join(BACKENDS)}"),
            (self.keep in KEEP_RULES, f"keep {self.keep!r}: choose one of {', '.join(KEEP_RULES)}"),
            (s.text in TEXT_MODES, f"text {s.text!r}: choose one of {', '.join(TEXT_MODES)}"),
            (s.normalise in NORMALISERS, f"normalise {s.normalise!r}: choose one of {', '.join(NORMALISERS)}"),
            (s.shingle in SHINGLES, f"shingle {s.shingle!r}: choose one of {', '.join(SHINGLES)}"),
            (isinstance(s.ngram, int) and 1 <= s.ngram <= 64, f"ngram must be 1..64, got {s.ngram!r}"),
            (isinstance(self.workers, int) and self.workers >= 1, f"workers must be a positive integer, got {self.workers!r}"),
        ]
        for ok, msg in checks:
            if not ok:
                raise ValueError(msg)
        if self.bands is not None and self.rows is not None and self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows = {self.bands * self.rows} exceeds num_perm {self.num_perm}")

    def lsh(self) -> tuple[int, int]:
        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        return recall_param(self.threshold, self.num_perm, self.min_recall)


@dataclass
class DedupResult:
    survivor: np.ndarray  # int64[n]: index of the kept member of the document's cluster (itself if kept)
    reason: np.ndarray  # int8[n]: KEPT, EXACT or NEAR
    similarity: np.ndarray  # float64[n]: similarity to the survivor (1.0 for exact, nan for kept)
    cluster: np.ndarray  # int64[n]: cluster label (smallest member index)
    stats: dict[str, Any]

    @property
    def kept(self) -> np.ndarray:
        return self.reason == KEPT


def _batches(n: int, size: int) -> list[np.ndarray]:
    return [np.arange(s, min(n, s + size)) for s in range(0, n, size)]


def deduplicate(n: int, texts_of: TextsOf, priority: np.ndarray, position: np.ndarray, config: DedupConfig,
                length: np.ndarray | None = None) -> DedupResult:
    cfg = config
    bands, rows = cfg.lsh()
    t0 = time.perf_counter()
    keys = np.zeros((n, 2), np.uint64)
    bh = np.zeros((n, bands), np.uint64)
    nshingles = np.zeros(n, np.int64)
    sig = None if cfg.exact_check else np.zeros((n, cfg.num_perm), np.uint32)
    text_len = np.zeros(n, np.int64) if length is None else np.asarray(length, np.int64)

    # 1+2. keys, shingles, signatures, band hashes: one pass over the texts in batches (optionally in processes)
    for idx, (k, ns, b, sg, ln) in _sketch_all(n, texts_of, cfg, bands, rows, sig is not None, length is None):
        keys[idx], nshingles[idx], bh[idx] = k, ns, b
        if sig is not None:
            sig[idx] = sg
        if length is None:
            text_len[idx] = ln
    t_sig = time.perf_counter()

    # exact groups: sort by key, every member points at the group's smallest index
    order = np.lexsort((np.arange(n), keys[:, 1], keys[:, 0]))
    ks = keys[order]
    new = np.ones(n, bool)
    new[1:] = (ks[1:] != ks[:-1]).any(axis=1)
    first_of_run = order[np.flatnonzero(new)]
    exact_root = np.empty(n, np.int64)
    exact_root[order] = first_of_run[np.cumsum(new) - 1]
    reps = np.flatnonzero((exact_root == np.arange(n)) & (nshingles > 0))

    # LSH candidates among representatives, then verification
    left, right = candidate_pairs(bh[reps], reps)
    del bh
    t_lsh = time.perf_counter()
    sim = similarity(left, right, texts_of, cfg, sig)
    ok = sim >= cfg.threshold
    t_ver = time.perf_counter()

    # clusters over exact + near edges
    dup = np.flatnonzero(exact_root != np.arange(n))
    e_left = np.concatenate((dup, left[ok]))
    e_right = np.concatenate((exact_root[dup], right[ok]))
    root = union_find(n, e_left, e_right)
    rank = survivor_rank(np.asarray(priority, np.int64), np.asarray(position, np.int64), text_len, cfg.keep)
    surv = survivors(root, rank)

    reason = np.zeros(n, np.int8)
    removed = surv != np.arange(n)
    same_key = exact_root == exact_root[surv]
    reason[removed & same_key] = EXACT
    reason[removed & ~same_key] = NEAR
    similarity_out = np.full(n, np.nan)
    similarity_out[reason == EXACT] = 1.0
    near = np.flatnonzero(reason == NEAR)
    if len(near):
        a, b = exact_root[near], exact_root[surv[near]]
        packed = (np.minimum(a, b).astype(np.uint64) << np.uint64(32)) | np.maximum(a, b).astype(np.uint64)
        uniq, inv = sorted_unique(packed, return_inverse=True)
        # most (member, survivor) pairs were verified edges already; compute only the rest (chains)
        edges = (left[ok].astype(np.uint64) << np.uint64(32)) | right[ok].astype(np.uint64)
        known_sim = sim[ok]
        pos = np.searchsorted(edges, uniq)  # edges are sorted (np.unique in candidate_pairs)
        pos = np.minimum(pos, max(len(edges) - 1, 0))
        have = (edges[pos] == uniq) if len(edges) else np.zeros(len(uniq), bool)
        usim = np.empty(len(uniq))
        usim[have] = known_sim[pos[have]]
        todo = np.flatnonzero(~have)
        if len(todo):
            ul = (uniq[todo] >> np.uint64(32)).astype(np.int64)
            ur = (uniq[todo] & np.uint64(0xFFFFFFFF)).astype(np.int64)
            usim[todo] = similarity(ul, ur, texts_of, cfg, sig)
        similarity_out[near] = usim[inv]
    t_end = time.perf_counter()
    stats = {
        "documents": n,
        "bands": bands,
        "rows": rows,
        "mean_recall_at_threshold": round(mean_recall(cfg.threshold, bands, rows), 4),
        "exact_groups": int(len(first_of_run)),
        "candidate_pairs": int(len(left)),
        "verified_pairs": int(ok.sum()),
        "rejected_candidates": int((~ok).sum()),
        "removed_exact": int((reason == EXACT).sum()),
        "removed_near": int((reason == NEAR).sum()),
        "seconds": {
            "signatures": round(t_sig - t0, 3),
            "lsh": round(t_lsh - t_sig, 3),
            "verify": round(t_ver - t_lsh, 3),
            "cluster": round(t_end - t_ver, 3),
        },
    }
    return DedupResult(surv, reason, similarity_out, root, stats)


Sketch = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]


def sketch_batch(texts: Sequence[str], cfg: DedupConfig, bands: int, rows: int, keep_sig: bool, lengths: bool) -> Sketch:
    """Exact keys, shingle counts, band hashes (and signatures, text lengths) of one batch of texts."""
    h, off, keys = cfg.shingles.shingles_and_keys(texts)
    s = signatures(h, off, cfg.num_perm, cfg.seed, cfg.backend)
    ln = np.fromiter((len(t) for t in texts), np.int64, len(texts)) if lengths else None
    return keys, np.diff(off), band_hashes(s, bands, rows), (s if keep_sig else None), ln


def _sketch_all(n: int, texts_of: TextsOf, cfg: DedupConfig, bands: int, rows: int, keep_sig: bool, lengths: bool):
    batches = _batches(n, cfg.batch_size)
    if cfg.workers <= 1 or len(batches) <= 1:
        for idx in batches:
            yield idx, sketch_batch(texts_of(idx), cfg, bands, rows, keep_sig, lengths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold native thread pools (rensa, polars) whose locks a fork would copy
    with ProcessPoolExecutor(max_workers=cfg.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = []
        for idx in batches:  # keep at most 2 batches per worker in flight (bounded memory), results in order
            pending.append((idx, pool.submit(sketch_batch, list(texts_of(idx)), cfg, bands, rows, keep_sig, lengths)))
            if len(pending) >= 2 * cfg.workers:
                i, fut = pending.pop(0)
                yield i, fut.result()
        for i, fut in pending:
            yield i, fut.result()


def similarity(left: np.ndarray, right: np.ndarray, texts_of: TextsOf, cfg: DedupConfig,
               sig: np.ndarray | None, pair_chunk: int = 20000) -> np.ndarray:
    """Exact Jaccard of the shingle sets (``exact_check``) or the MinHash estimate, for each pair."""
    if sig is not None:
        return estimate_jaccard(sig, left, right)
    out = np.empty(len(left), np.float64)
    for s in range(0, len(left), pair_chunk):
        lch, rch = left[s : s + pair_chunk], right[s : s + pair_chunk]
        docs, inv = sorted_unique(np.concatenate((lch, rch)), return_inverse=True)
        h, off = cfg.shingles.shingles(texts_of(docs))
        out[s : s + len(lch)] = exact_jaccard(h, off, inv[: len(lch)], inv[len(lch) :])
    return out
