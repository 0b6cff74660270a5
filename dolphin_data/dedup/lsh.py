"""LSH banding over compact arrays: band hashes ``uint64[n, bands]``, candidate pairs by sorting.

No Python object per signature or per bucket: each band column is argsorted once, runs of equal band
hashes are the buckets, and pairs inside a bucket are emitted with array arithmetic: every pair for
buckets up to ``all_pairs_upto`` members; for a larger bucket only the chain of its members in index order
(linear, not quadratic, for a bucket of 10,000 near copies), and the bucket is returned so that the pairs
the chain misses are checked after the first verification (``phases.repair_pairs``). Pairs from all bands
are merged by sorting a packed ``uint64`` key.

Choosing bands x rows: the probability that a pair of Jaccard ``s`` shares at least one band is
``P(s) = 1 - (1 - s^r)^b``. ``optimal_param`` is datasketch's rule (minimise weighted false-positive area
below the threshold plus false-negative area above it). ``recall_param`` is our default: for each ``r``
take ``b = num_perm // r`` (more bands only add recall), and choose the largest ``r`` (fewest false
positives) whose mean recall over ``[threshold, 1]`` is at least ``min_recall``. For 0.8 and 128
permutations that is 16 x 8 (mean recall 0.9936), where datasketch's 9 x 13 has 0.834.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from dolphin_data.dedup.jaccard import sorted_unique, stable_order

U64 = np.uint64


def _grid(a: float, b: float, n: int = 2001) -> np.ndarray:
    return np.linspace(a, b, n)


def candidate_probability(s: np.ndarray | float, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - np.asarray(s, dtype=np.float64) ** rows) ** bands


def false_positive_area(threshold: float, bands: int, rows: int) -> float:
    x = _grid(0.0, threshold)
    return float(np.trapezoid(candidate_probability(x, bands, rows), x))


def false_negative_area(threshold: float, bands: int, rows: int) -> float:
    x = _grid(threshold, 1.0)
    return float(np.trapezoid(1.0 - candidate_probability(x, bands, rows), x))


def mean_recall(threshold: float, bands: int, rows: int) -> float:
    """Expected recall for pairs whose Jaccard is uniform over ``[threshold, 1]``."""
    if threshold >= 1.0:
        return float(candidate_probability(1.0, bands, rows))
    return 1.0 - false_negative_area(threshold, bands, rows) / (1.0 - threshold)


def optimal_param(threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5) -> tuple[int, int]:
    """datasketch's ``_optimal_param``: minimise ``fp_weight * FP + fn_weight * FN`` over ``b * r <= num_perm``."""
    best, best_err = (1, 1), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            err = fp_weight * false_positive_area(threshold, b, r) + fn_weight * false_negative_area(threshold, b, r)
            if err < best_err:
                best, best_err = (b, r), err
    return best


@functools.lru_cache(maxsize=64)
def recall_param(threshold: float, num_perm: int, min_recall: float = 0.99) -> tuple[int, int]:
    """Bands x rows with mean recall >= ``min_recall`` above the threshold and the fewest false positives
    (cached: it integrates the recall curve for every ``r``, which takes tens of milliseconds)."""
    for r in range(num_perm, 0, -1):
        b = num_perm // r
        if mean_recall(threshold, b, r) >= min_recall:
            return b, r
    return num_perm, 1


def band_hashes(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit hash per (document, band) of the band's ``rows`` signature values."""
    n = sig.shape[0]
    if bands * rows > sig.shape[1]:
        raise ValueError(
            f"bands x rows = {bands} x {rows} needs {bands * rows} permutations, signatures have {sig.shape[1]}"
        )
    block = sig[:, : bands * rows].reshape(n, bands, rows).astype(U64)
    with np.errstate(over="ignore"):
        acc = np.full((n, bands), U64(0x84222325CBF29CE4), U64)
        for j in range(rows):  # rows is small (<= num_perm); vectorised over every document and band
            acc = (acc ^ block[:, :, j]) * U64(0x100000001B3)
            acc ^= acc >> U64(29)
    return acc


@dataclass
class Candidates:
    """Candidate pairs from LSH (``left < right``, unique, sorted by ``(left, right)``) and the large buckets.

    A bucket of up to ``all_pairs_upto`` members contributes every pair; a larger one contributes the chain of
    its members in index order (``large_members[large_start[k]:large_start[k+1]]``, ascending), and the
    bucket itself, so that ``phases.repair_pairs`` can check the pairs the chain does not cover.
    """

    left: np.ndarray  # int64
    right: np.ndarray  # int64
    large_members: np.ndarray  # int64: members of every large bucket, bucket after bucket
    large_start: np.ndarray  # int64[buckets + 1]

    @property
    def large_buckets(self) -> int:
        return len(self.large_start) - 1


def _pairs_in_runs(
    keys: np.ndarray, members: np.ndarray, all_pairs_upto: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For one band: packed pairs (lo << 32 | hi) of members that share a key (every pair in a small bucket,
    the chain in a large one), and the members and sizes of the large buckets."""
    none = np.zeros(0, U64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    n = len(keys)
    if n < 2:
        return none
    order = stable_order(keys)  # stable: members of a bucket stay in ascending order
    k, m = keys[order], members[order]
    new_run = np.ones(n, bool)
    new_run[1:] = k[1:] != k[:-1]
    run_id = np.cumsum(new_run) - 1
    run_start = np.flatnonzero(new_run)
    run_len = np.diff(np.append(run_start, n))
    size = run_len[run_id]
    if (size < 2).all():
        return none
    out = []
    small = size <= all_pairs_upto
    for d in range(1, min(all_pairs_upto, int(size.max()))):
        i = np.flatnonzero(small[:-d] & (run_id[:-d] == run_id[d:]))
        if len(i) == 0:
            continue
        out.append(_pack(m[i], m[i + d]))
    large = np.flatnonzero(run_len > all_pairs_upto)
    if len(large) == 0:
        return np.concatenate(out) if out else np.zeros(0, U64), none[1], none[2]
    chain = np.flatnonzero(~small[:-1] & (run_id[:-1] == run_id[1:]))
    out.append(_pack(m[chain], m[chain + 1]))
    large_members = m[~small]  # runs are contiguous in sort order, members ascending within each
    return np.concatenate(out), large_members, run_len[large]


def _pack(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lo = np.minimum(a, b).astype(U64)
    hi = np.maximum(a, b).astype(U64)
    return (lo << U64(32)) | hi


def unpack(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (packed >> U64(32)).astype(np.int64), (packed & U64(0xFFFFFFFF)).astype(np.int64)


def candidate_pairs(bh: np.ndarray, select: np.ndarray | None = None, all_pairs_upto: int = 32) -> Candidates:
    """Candidates among the documents ``select`` (sorted indices; default all rows of ``bh``), read one band
    column at a time (``bh`` is never copied). Indices refer to rows of ``bh``."""
    members = np.arange(bh.shape[0]) if select is None else np.asarray(select, np.int64)
    packed, big, sizes = [], [], []
    for j in range(bh.shape[1]):
        p, lm, ls = _pairs_in_runs(bh[:, j] if select is None else bh[members, j], members, all_pairs_upto)
        packed.append(p)
        big.append(lm)
        sizes.append(ls)
    allp = sorted_unique(np.concatenate(packed)) if packed else np.zeros(0, U64)
    left, right = unpack(allp)
    lsizes = np.concatenate(sizes) if sizes else np.zeros(0, np.int64)
    start = np.zeros(len(lsizes) + 1, np.int64)
    np.cumsum(lsizes, out=start[1:])
    return Candidates(left, right, np.concatenate(big) if big else np.zeros(0, np.int64), start)
