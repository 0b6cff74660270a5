"""Similarity of document pairs, all pairs at once: exact Jaccard of shingle-hash sets and the MinHash estimate.

No per-pair Python: pairs are packed into sortable ``uint64`` keys, so one sort finds every shared shingle.
"""

from __future__ import annotations

import numpy as np

U64 = np.uint64


def estimate_jaccard(sig: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Fraction of equal signature slots for each pair ``(left[k], right[k])``."""
    out = np.empty(len(left), np.float64)
    for s in range(0, len(left), chunk):
        e = s + chunk
        out[s:e] = (sig[left[s:e]] == sig[right[s:e]]).mean(axis=1)
    return out


def sorted_unique(x: np.ndarray, return_inverse: bool = False):
    """``np.unique`` by sorting (numpy 2's hash-based unique is several times slower on large uint64 arrays)."""
    if return_inverse:
        order = np.argsort(x, kind="stable")
        xs = x[order]
        new = np.ones(len(xs), bool)
        new[1:] = xs[1:] != xs[:-1]
        inv = np.empty(len(x), np.int64)
        inv[order] = np.cumsum(new) - 1
        return xs[new], inv
    xs = np.sort(x)
    keep = np.ones(len(xs), bool)
    keep[1:] = xs[1:] != xs[:-1]
    return xs[keep]


def stable_order(values: np.ndarray) -> np.ndarray:
    """``np.argsort(values, kind="stable")`` for ``uint64`` values, by one value sort (numpy sorts uint64 several
    times faster than it argsorts them): each value's high bits with its position in the low bits sort into
    runs of equal high bits, in position order; the rare run where different values share the high bits and
    come out of order is re-sorted on the full values, so the order is exact."""
    n = len(values)
    if n == 0:
        return np.zeros(0, np.int64)
    pbits = max(1, (n - 1).bit_length())
    mask = U64((1 << pbits) - 1)
    key = values & ~mask
    key |= np.arange(n, dtype=U64)
    key.sort()
    pos = (key & mask).astype(np.int64)
    vs = values[pos]
    same_top = (key[1:] ^ key[:-1]) <= mask
    bad = same_top & (vs[1:] < vs[:-1])
    if bad.any():
        run = np.concatenate(([0], np.cumsum(~same_top)))
        idx = np.flatnonzero(np.isin(run, run[1:][bad]))
        pos[idx] = pos[idx[np.lexsort((pos[idx], vs[idx], run[idx]))]]
    return pos


def dense_ids(hashes: np.ndarray) -> tuple[np.ndarray, int]:
    """Small ids for 64-bit hashes (equal hashes, equal ids; distinct hashes, distinct ids in ``0..d-1``) and
    ``d``, the number of distinct hashes, from ``stable_order`` (no argsort)."""
    n = len(hashes)
    if n == 0:
        return np.zeros(0, U64), 0
    pos = stable_order(hashes)
    hs = hashes[pos]
    new = np.empty(n, bool)
    new[:1] = True
    np.not_equal(hs[1:], hs[:-1], out=new[1:])
    ids = np.empty(n, U64)
    ids[pos] = np.cumsum(new, dtype=U64) - U64(1)
    return ids, int(np.count_nonzero(new))


def exact_jaccard(hashes: np.ndarray, offsets: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Exact Jaccard of the shingle-hash sets of each pair, all pairs at once (sorts, no per-pair Python).

    ``hashes``/``offsets`` describe the documents that ``left``/``right`` index. Hashes are replaced by small
    ids (``dense_ids``: exact, no truncation), so ``(document, id)`` and ``(pair, id)`` pack into single
    uint64 keys that sort by value: one sort
    makes every document's set (once per document, however many pairs it is in), and one merge of both
    sides' sets per pair puts each shared shingle next to its twin.
    """
    npairs = len(left)
    if npairs == 0:
        return np.zeros(0)
    ndocs = len(offsets) - 1
    rank, distinct = dense_ids(hashes)
    bits = max(1, distinct.bit_length())
    if bits + max(int(npairs), ndocs).bit_length() > 63:
        raise ValueError("too many pairs or shingles for one exact_jaccard call; split the pairs")
    # per-document sets: unique (doc, rank), sorted by document then rank
    doc_keys = np.repeat(np.arange(ndocs, dtype=U64) << U64(bits), np.diff(offsets))
    doc_keys |= rank
    del rank
    doc_keys.sort()
    keep = np.empty(len(doc_keys), bool)
    keep[:1] = True
    np.not_equal(doc_keys[1:], doc_keys[:-1], out=keep[1:])
    doc_keys = doc_keys[keep]
    set_off = np.zeros(ndocs + 1, np.int64)
    np.cumsum(np.bincount((doc_keys >> U64(bits)).astype(np.int64), minlength=ndocs), out=set_off[1:])
    set_rank = doc_keys & U64((1 << bits) - 1)
    del doc_keys, keep
    sizes = np.diff(set_off)
    ls, rs = sizes[left], sizes[right]
    both = np.empty(int(ls.sum() + rs.sum()), U64)
    pos = 0
    for docs, n in ((left, ls), (right, rs)):
        tot = int(n.sum())
        ends = np.cumsum(n)
        src = np.arange(tot, dtype=np.int64)
        src += np.repeat(set_off[docs] - (ends - n), n)
        part = both[pos : pos + tot]
        np.take(set_rank, src, out=part)
        part |= np.repeat(np.arange(npairs, dtype=U64) << U64(bits), n)
        pos += tot
    both.sort(kind="stable")  # two sorted runs (left sides, right sides): timsort merges them in one pass
    same = both[1:] == both[:-1]
    inter = np.bincount((both[1:][same] >> U64(bits)).astype(np.int64), minlength=npairs)
    union = ls + rs - inter
    return np.where(union > 0, inter / np.maximum(union, 1), 1.0)
