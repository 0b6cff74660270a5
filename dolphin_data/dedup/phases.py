"""The driver's dedup phases, each a function over compact per-record arrays (``decide`` composes them).

1. ``group_exact``: records with the same exact key form a group; each points at its smallest index.
2. ``candidates``: LSH over one representative per exact group (the smallest index; empty texts never take
   part): every pair in a bucket of up to ``all_pairs_upto`` members, the chain in index order in a larger one.
3. ``verify``: exact Jaccard of the shingle-hash sets (read back from the spill files) or the MinHash
   estimate, per pair; a pair at or above the threshold is an edge. This is what removes LSH false positives.
4. ``repair_pairs`` (only when a bucket was large): a chain proves a large bucket connected only where each
   link passes. After the first ``cluster``, every pair of a large bucket whose members are still in different
   clusters is checked, so the result is what checking every pair of the bucket would give, at a cost of
   (members outside the bucket's largest cluster) x (bucket size) instead of (bucket size)^2. A bucket where
   that exceeds ``all_pairs_upto`` x its size (many unrelated members) gets its window pairs instead (each
   member with its next ``all_pairs_upto - 1``); ``stats["large_buckets_windowed"]`` counts those buckets.
5. ``cluster``: union-find over exact + verified edges (the root is the smallest member index).
6. ``label``: one survivor per cluster by the keep rule; every other member is ``dup:exact`` (same key as
   the survivor) or ``dup:near`` with its similarity to the survivor (an edge already verified, else computed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from dolphin_data.dedup.cluster import survivors, union_find
from dolphin_data.dedup.config import EXACT, NEAR
from dolphin_data.dedup.jaccard import estimate_jaccard, exact_jaccard, sorted_unique
from dolphin_data.dedup.lsh import Candidates, candidate_pairs, unpack
from dolphin_data.dedup.spill import ShingleReader

U64 = np.uint64
Similarity = Callable[[np.ndarray, np.ndarray], np.ndarray]


class PhaseProgress(Protocol):
    """What ``decide`` reports while it works (the engine's ``Progress`` fits): each phase starts with its name and
    how many items it goes through, advances as it goes and stops."""

    def start(self, description: str, total: int | None) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def stop(self) -> None: ...


def group_exact(keys: np.ndarray) -> np.ndarray:
    """For every record, the smallest index of the records with the same exact key (itself if first)."""
    n = len(keys)
    order = np.lexsort((np.arange(n), keys[:, 1], keys[:, 0]))
    ks = keys[order]
    new = np.ones(n, bool)
    new[1:] = (ks[1:] != ks[:-1]).any(axis=1)
    first_of_run = order[np.flatnonzero(new)]
    exact_root = np.empty(n, np.int64)
    exact_root[order] = first_of_run[np.cumsum(new) - 1]
    return exact_root


def representatives(exact_root: np.ndarray, nshingles: np.ndarray) -> np.ndarray:
    """The records that take part in near dedup: the first of each exact group, if its text has shingles."""
    return np.flatnonzero((exact_root == np.arange(len(exact_root))) & (nshingles > 0))


def candidates(bands: np.ndarray, reps: np.ndarray, all_pairs_upto: int = 32) -> Candidates:
    """LSH candidate pairs among ``reps`` (record indices) from their band hashes ``bands[reps]``."""
    return candidate_pairs(bands, select=reps, all_pairs_upto=all_pairs_upto)


def verify(
    left: np.ndarray,
    right: np.ndarray,
    shingles: ShingleReader | None = None,
    sig: np.ndarray | None = None,
    pair_chunk: int = 32768,
    advance: Callable[[int], None] | None = None,
) -> np.ndarray:
    """Similarity of each pair: exact Jaccard of the shingle-hash sets (``shingles``) or the MinHash estimate
    (``sig``). The exact check reads each chunk's documents once and computes all its pairs at once;
    ``advance(pairs)`` is called after each chunk."""
    if sig is not None:
        out_sig = estimate_jaccard(sig, left, right)
        if advance is not None:
            advance(len(left))
        return out_sig
    if shingles is None:
        raise ValueError("verify needs the shingle hashes (exact check) or the signatures")
    out = np.empty(len(left), np.float64)
    for s in range(0, len(left), pair_chunk):
        lch, rch = left[s : s + pair_chunk], right[s : s + pair_chunk]
        docs, inv = sorted_unique(np.concatenate((lch, rch)), return_inverse=True)
        h, off = shingles.gather(docs)
        out[s : s + len(lch)] = exact_jaccard(h, off, inv[: len(lch)], inv[len(lch) :])
        if advance is not None:
            advance(len(lch))
    return out


def _ragged(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + c) for s, c in zip(start, count)])`` without the loop."""
    total = int(count.sum())
    out = np.arange(total, dtype=np.int64)
    out += np.repeat(start - (np.cumsum(count) - count), count)
    return out


def repair_pairs(cand: Candidates, root: np.ndarray, all_pairs_upto: int = 32) -> tuple[np.ndarray, np.ndarray, int]:
    """Pairs of large-bucket members that are still in different clusters (``root``), not yet candidates.

    Returns ``(left, right, windowed)``: unique pairs, ``left < right``, and how many buckets got window
    pairs because checking every cross-cluster pair would cost more than ``all_pairs_upto`` per member."""
    empty = np.zeros(0, np.int64)
    nb = cand.large_buckets
    if nb == 0:
        return empty, empty, 0
    members, start = cand.large_members, cand.large_start
    sizes = np.diff(start)
    bucket = np.repeat(np.arange(nb), sizes)
    r = root[members]
    # clusters within each bucket: runs of equal (bucket, root)
    order = np.lexsort((r, bucket))
    bs, rs = bucket[order], r[order]
    new = np.ones(len(bs), bool)
    new[1:] = (bs[1:] != bs[:-1]) | (rs[1:] != rs[:-1])
    gid_sorted = np.cumsum(new) - 1
    gid = np.empty(len(members), np.int64)
    gid[order] = gid_sorted
    gsize = np.bincount(gid_sorted)
    gbucket = bs[new]
    sumsq = np.bincount(gbucket, weights=gsize.astype(np.float64) ** 2, minlength=nb).astype(np.int64)
    cross = (sizes * sizes - sumsq) // 2  # pairs of the bucket in different clusters
    exact_ok = (cross > 0) & (cross <= all_pairs_upto * sizes)
    windowed = (cross > 0) & ~exact_ok
    out = []
    if exact_ok.any():
        # every member outside its bucket's largest cluster, paired with every member of its bucket
        by_size = np.lexsort((-gsize, gbucket))
        first = np.ones(len(by_size), bool)
        first[1:] = gbucket[by_size][1:] != gbucket[by_size][:-1]
        largest = np.full(nb, -1, np.int64)
        largest[gbucket[by_size[first]]] = by_size[first]
        xs = np.flatnonzero(exact_ok[bucket] & (gid != largest[bucket]))
        count = sizes[bucket[xs]]
        ys = _ragged(start[bucket[xs]], count)
        xs = np.repeat(xs, count)
        keep = r[xs] != r[ys]
        out.append((members[xs[keep]], members[ys[keep]]))
    if windowed.any():
        w = windowed[bucket]
        for d in range(2, all_pairs_upto):  # d = 1 is the chain, already checked
            i = np.flatnonzero(w[:-d] & (bucket[:-d] == bucket[d:]) & (r[:-d] != r[d:]))
            out.append((members[i], members[i + d]))
    if not out:
        return empty, empty, int(windowed.sum())
    a = np.concatenate([p[0] for p in out])
    b = np.concatenate([p[1] for p in out])
    packed = sorted_unique((np.minimum(a, b).astype(U64) << U64(32)) | np.maximum(a, b).astype(U64))
    known = (cand.left.astype(U64) << U64(32)) | cand.right.astype(U64)  # sorted (candidate_pairs sorts them)
    if len(known):
        pos = np.minimum(np.searchsorted(known, packed), len(known) - 1)
        packed = packed[known[pos] != packed]
    left, right = unpack(packed)
    return left, right, int(windowed.sum())


def cluster(n: int, exact_root: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Root (smallest member index) of every record's cluster over exact-group and verified near edges."""
    dup = np.flatnonzero(exact_root != np.arange(n))
    return union_find(n, np.concatenate((dup, left)), np.concatenate((exact_root[dup], right)))


def label(
    root: np.ndarray,
    exact_root: np.ndarray,
    rank: np.ndarray,
    edges: np.ndarray,
    edge_sim: np.ndarray,
    similarity: Similarity,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(survivor, reason, similarity)`` of every record. ``edges`` are the verified near edges, packed
    ``left << 32 | right`` and sorted, with their similarities ``edge_sim``; ``similarity(left, right)``
    computes the pairs that are not edges (a member joined to its survivor through a chain)."""
    n = len(root)
    surv = survivors(root, rank)
    reason = np.zeros(n, np.int8)
    removed = surv != np.arange(n)
    same_key = exact_root == exact_root[surv]
    reason[removed & same_key] = EXACT
    reason[removed & ~same_key] = NEAR
    sim_out = np.full(n, np.nan)
    sim_out[reason == EXACT] = 1.0
    near = np.flatnonzero(reason == NEAR)
    if len(near):
        a, b = exact_root[near], exact_root[surv[near]]
        packed = (np.minimum(a, b).astype(U64) << U64(32)) | np.maximum(a, b).astype(U64)
        uniq, inv = sorted_unique(packed, return_inverse=True)
        pos = np.minimum(np.searchsorted(edges, uniq), max(len(edges) - 1, 0))
        have = (edges[pos] == uniq) if len(edges) else np.zeros(len(uniq), bool)
        usim = np.empty(len(uniq))
        usim[have] = edge_sim[pos[have]]
        todo = np.flatnonzero(~have)
        if len(todo):
            usim[todo] = similarity(*unpack(uniq[todo]))
        sim_out[near] = usim[inv]
    return surv, reason, sim_out
