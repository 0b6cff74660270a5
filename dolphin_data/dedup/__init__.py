"""Exact + MinHash-LSH near-duplicate removal: the library API behind the ``dedup`` stage and command.

``deduplicate_batches(batches, config, priority, position)`` runs the whole algorithm over documents whose
selected texts (normalised here, vectorised) arrive as an iterator of batches, read once: the caller never
holds the corpus. ``deduplicate(n, texts_of, priority, position, config)`` is the same over ``n`` documents
it asks for in batches through ``texts_of(indices)``. Only compact arrays are kept per document: a 128-bit
exact key, the band hashes, the shingle count, and either the shingle hashes for the exact Jaccard check
(``uint64``, written to a temporary file past ``config.memory_mb``) or, with the check off, the ``uint32``
signature. The exact check reads the hashes of candidate documents back; texts are never asked for twice.

1. exact: documents with the same normalised-text key form a group; edges to the group's first member.
2. near: MinHash signatures of one member per group, LSH banding, candidate pairs by sorting.
3. verify: candidates whose exact Jaccard (``exact_check``) or MinHash estimate is below the threshold
   are dropped - this is what removes LSH false positives.
4. cluster: union-find over exact + near edges; one survivor per cluster by the ``keep`` rule; every other
   member is ``dup:exact`` (same key as the survivor) or ``dup:near``, with its similarity to the survivor.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    memory_mb: int = 512  # shingle hashes kept in memory for the exact check up to this size, then spilled to a file
    spill_dir: str | None = None  # folder for that file (default: the system temporary folder)

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
            (isinstance(self.memory_mb, int) and self.memory_mb >= 0, f"memory_mb must be >= 0, got {self.memory_mb!r}"),
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


class ShingleStore:
    """Every document's shingle hashes, in document order, for the exact Jaccard check of candidate pairs.

    Batches are appended as they are signed; past ``memory_mb`` everything goes to a temporary file (removed by
    ``close``) and the documents of each chunk of candidate pairs are read back with ``preadv``, so the
    process holds only that chunk's hashes.
    """

    def __init__(self, memory_mb: int, spill_dir: str | None = None):
        self.limit = int(memory_mb) << 20
        self.spill_dir = spill_dir
        self.parts: list[np.ndarray] = []
        self.held = 0
        self.file = None
        self.path: str | None = None
        self.part_start = np.zeros(1, np.int64)
        self.offsets = np.zeros(1, np.int64)

    def add(self, hashes: np.ndarray) -> None:
        hashes = np.ascontiguousarray(hashes, np.uint64)
        if self.file is None and self.held + hashes.nbytes > self.limit:
            fd, self.path = tempfile.mkstemp(prefix="dedup-shingles-", suffix=".u64", dir=self.spill_dir)
            self.file = os.fdopen(fd, "wb")
            for part in self.parts:
                self.file.write(memoryview(part))
            self.parts, self.held = [], 0
        if self.file is not None:
            self.file.write(memoryview(hashes))
        else:
            self.parts.append(hashes)
            self.held += hashes.nbytes

    def finish(self, counts: np.ndarray) -> None:
        self.offsets = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=self.offsets[1:])
        if self.file is not None:
            self.file.close()
        self.part_start = np.cumsum([0] + [len(p) for p in self.parts])

    def gather(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Hashes and offsets of ``docs`` (sorted document indices), as ``exact_jaccard`` takes them."""
        lens = self.offsets[docs + 1] - self.offsets[docs]
        off = np.zeros(len(docs) + 1, np.int64)
        np.cumsum(lens, out=off[1:])
        out = np.empty(int(off[-1]), np.uint64)
        if len(out) == 0:
            return out, off
        if self.file is None:  # in memory, one array per signed batch (never concatenated: no second copy)
            src = np.arange(len(out), dtype=np.int64)
            src += np.repeat(self.offsets[docs] - off[:-1], lens)
            cut = np.searchsorted(src, self.part_start)  # src is sorted: split it by batch
            for k, part in enumerate(self.parts):
                if cut[k + 1] > cut[k]:
                    np.take(part, src[cut[k] : cut[k + 1]] - self.part_start[k], out=out[cut[k] : cut[k + 1]])
            return out, off
        # spilled: one pread per run of consecutive documents into the output (page cache, not this process's
        # resident set; a memory map would fault whole neighbourhoods of the file in)
        lo, hi = self.offsets[docs], self.offsets[docs + 1]
        brk = np.flatnonzero(lo[1:] != hi[:-1]) + 1
        first, last = np.concatenate(([0], brk)), np.concatenate((brk, [len(docs)])) - 1
        buf = memoryview(out).cast("B")
        pos = 0
        with open(self.path, "rb", buffering=0) as fh:
            fd = fh.fileno()
            for a, b in zip(lo[first].tolist(), hi[last].tolist(), strict=True):
                size = 8 * (b - a)
                if size and os.preadv(fd, [buf[pos : pos + size]], 8 * a) != size:
                    raise OSError(f"{self.path}: short read")
                pos += size
        return out, off

    def close(self) -> None:
        if self.file is not None and not self.file.closed:
            self.file.close()
        if self.path is not None and os.path.exists(self.path):
            os.unlink(self.path)
        self.parts = []


def deduplicate(n: int, texts_of: TextsOf, priority: np.ndarray, position: np.ndarray, config: DedupConfig,
                length: np.ndarray | None = None) -> DedupResult:
    """``deduplicate_batches`` over documents ``0..n-1`` whose texts ``texts_of(indices)`` returns."""
    batches = (texts_of(idx) for idx in _batches(n, config.batch_size))
    res = deduplicate_batches(batches, config, priority, position, length)
    if res.stats["documents"] != n:
        raise ValueError(f"texts_of returned {res.stats['documents']} texts for {n} documents")
    return res


def deduplicate_batches(batches: Iterable[Sequence[str]], config: DedupConfig, priority: np.ndarray | None = None,
                        position: np.ndarray | None = None, length: np.ndarray | None = None) -> DedupResult:
    """Deduplicate documents whose texts arrive as batches (read once, in order; document ``i`` is the ``i``-th
    text). ``priority`` (default: all equal) and ``position`` (default: the document index) rank survivors;
    ``length`` (default: the text lengths) is used by ``keep="longest"``."""
    cfg = config
    bands, rows = cfg.lsh()
    t0 = time.perf_counter()
    keys_l, bh_l, ns_l, sig_l, len_l = [], [], [], [], []
    store = ShingleStore(cfg.memory_mb, cfg.spill_dir) if cfg.exact_check else None
    try:
        # 1+2. keys, shingles, signatures, band hashes: one pass over the texts in batches (optionally in processes)
        for k, ns, b, sg, ln, h in _sketch_all(batches, cfg, bands, rows, not cfg.exact_check, length is None):
            keys_l.append(k)
            ns_l.append(ns)
            bh_l.append(b)
            if sg is not None:
                sig_l.append(sg)
            if ln is not None:
                len_l.append(ln)
            if store is not None:
                store.add(h)
        keys = _concat(keys_l, (0, 2), np.uint64)
        nshingles = _concat(ns_l, (0,), np.int64)
        bh = _concat(bh_l, (0, bands), np.uint64)
        sig = None if cfg.exact_check else _concat(sig_l, (0, cfg.num_perm), np.uint32)
        del keys_l, ns_l, bh_l, sig_l
        n = len(keys)
        text_len = _concat(len_l, (0,), np.int64) if length is None else np.asarray(length, np.int64)
        priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority, np.int64)
        position = np.arange(n, dtype=np.int64) if position is None else np.asarray(position, np.int64)
        for name, arr in (("priority", priority), ("position", position), ("length", text_len)):
            if len(arr) != n:
                raise ValueError(f"{name} has {len(arr)} entries for {n} documents")
        if store is not None:
            store.finish(nshingles)
        arrays = {"bh": bh, "sig": sig}  # handed over, so that _dedup_arrays can free the band hashes after LSH
        del bh, sig
        return _dedup_arrays(n, keys, nshingles, arrays, store, text_len, priority, position, cfg, bands, rows, t0)
    finally:
        if store is not None:
            store.close()


def _concat(parts: list[np.ndarray], empty_shape: tuple[int, ...], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(empty_shape, dtype)


def _dedup_arrays(n: int, keys: np.ndarray, nshingles: np.ndarray, arrays: dict[str, np.ndarray | None],
                  store: ShingleStore | None, text_len: np.ndarray, priority: np.ndarray, position: np.ndarray,
                  cfg: DedupConfig, bands: int, rows: int, t0: float) -> DedupResult:
    t_sig = time.perf_counter()
    bh, sig = arrays.pop("bh"), arrays.pop("sig")
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
    left, right = candidate_pairs(bh, select=reps)
    del bh
    t_lsh = time.perf_counter()
    sim = similarity(left, right, store, sig)
    ok = sim >= cfg.threshold
    t_ver = time.perf_counter()

    # clusters over exact + near edges
    dup = np.flatnonzero(exact_root != np.arange(n))
    e_left = np.concatenate((dup, left[ok]))
    e_right = np.concatenate((exact_root[dup], right[ok]))
    root = union_find(n, e_left, e_right)
    rank = survivor_rank(priority, position, text_len, cfg.keep)
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
            usim[todo] = similarity(ul, ur, store, sig)
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


Sketch = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None, np.ndarray | None]


def sketch_batch(texts: Sequence[str], cfg: DedupConfig, bands: int, rows: int, keep_sig: bool, lengths: bool) -> Sketch:
    """Exact keys, shingle counts, band hashes (and signatures, text lengths, shingle hashes for the exact
    check) of one batch of texts."""
    h, off, keys = cfg.shingles.shingles_and_keys(texts)
    s = signatures(h, off, cfg.num_perm, cfg.seed, cfg.backend)
    ln = np.fromiter((len(t) for t in texts), np.int64, len(texts)) if lengths else None
    return keys, np.diff(off), band_hashes(s, bands, rows), (s if keep_sig else None), ln, (h if cfg.exact_check else None)


def _rebatch(batches: Iterable[Sequence[str]], size: int) -> Iterator[Sequence[str]]:
    """The caller's batches, split so that none is larger than ``size`` (per-document results do not depend on it)."""
    for batch in batches:
        if len(batch) <= size:
            if len(batch):
                yield batch
            continue
        for s in range(0, len(batch), size):
            yield batch[s : s + size]


def _sketch_all(batches: Iterable[Sequence[str]], cfg: DedupConfig, bands: int, rows: int, keep_sig: bool,
                lengths: bool) -> Iterator[Sketch]:
    it = _rebatch(batches, cfg.batch_size)
    if cfg.workers <= 1:
        for texts in it:
            yield sketch_batch(texts, cfg, bands, rows, keep_sig, lengths)
        return
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if second is None:  # one batch: not worth starting processes
        yield sketch_batch(first, cfg, bands, rows, keep_sig, lengths)
        return
    import itertools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent may hold native thread pools (rensa, polars) whose locks a fork would copy
    with ProcessPoolExecutor(max_workers=cfg.workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = []
        for texts in itertools.chain((first, second), it):  # at most 2 batches per worker in flight, results in order
            pending.append(pool.submit(sketch_batch, list(texts), cfg, bands, rows, keep_sig, lengths))
            if len(pending) >= 2 * cfg.workers:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()


def similarity(left: np.ndarray, right: np.ndarray, store: ShingleStore | None, sig: np.ndarray | None,
               pair_chunk: int = 32768) -> np.ndarray:
    """Exact Jaccard of the shingle sets (``store``, the exact check) or the MinHash estimate, for each pair.

    The exact check reads the stored shingle hashes of each chunk's documents (no re-shingling) and computes
    every pair of the chunk at once (``exact_jaccard``)."""
    if sig is not None:
        return estimate_jaccard(sig, left, right)
    if store is None:
        raise ValueError("similarity needs the shingle store (exact check) or signatures")
    out = np.empty(len(left), np.float64)
    for s in range(0, len(left), pair_chunk):
        lch, rch = left[s : s + pair_chunk], right[s : s + pair_chunk]
        docs, inv = sorted_unique(np.concatenate((lch, rch)), return_inverse=True)
        h, off = store.gather(docs)
        out[s : s + len(lch)] = exact_jaccard(h, off, inv[: len(lch)], inv[len(lch) :])
    return out
