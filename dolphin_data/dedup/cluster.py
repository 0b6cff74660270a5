"""Clusters from duplicate pairs (vectorised union-find) and the deterministic choice of survivors.

Union-find runs on whole edge arrays: every round hooks the larger root of each edge under the smaller
one (``np.minimum.at``), then compresses paths by pointer jumping until every node points at its root.
The root of a cluster is its smallest document index, so labels do not depend on edge order.

Survivor rule (``keep``):
* ``priority``: the member of the source that comes first in the priority order, then the earliest
  (lowest input position) - so a copy in a higher-priority source always wins;
* ``longest``: the member with the longest text, then as ``priority``.
"""

from __future__ import annotations

import numpy as np

KEEP_RULES = ("priority", "longest")


def union_find(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Root (smallest member index) of every node's connected component."""
    parent = np.arange(n, dtype=np.int64)
    left = np.asarray(left, np.int64)
    right = np.asarray(right, np.int64)
    while len(left):
        pl, pr = parent[left], parent[right]
        differ = pl != pr
        if not differ.any():
            break
        lo, hi = np.minimum(pl[differ], pr[differ]), np.maximum(pl[differ], pr[differ])
        np.minimum.at(parent, hi, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
        left, right = left[differ], right[differ]
    return parent


def survivor_rank(
    priority: np.ndarray, position: np.ndarray, length: np.ndarray | None = None, keep: str = "priority"
) -> np.ndarray:
    """Rank of every document under the survivor rule (0 = most preferred); unique, so ties never occur."""
    if keep == "priority":
        order = np.lexsort((np.arange(len(priority)), position, priority))
    elif keep == "longest":
        if length is None:
            raise ValueError("keep='longest' needs text lengths")
        order = np.lexsort((np.arange(len(priority)), position, priority, -np.asarray(length, np.int64)))
    else:
        raise ValueError(f"keep {keep!r}: choose one of {', '.join(KEEP_RULES)}")
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return rank


def survivors(root: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """For every document, the index of its cluster's survivor (itself when it survives or is alone)."""
    n = len(root)
    best = np.full(n, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(best, root, rank)
    by_rank = np.empty(n, np.int64)
    by_rank[rank] = np.arange(n)
    return by_rank[best[root]]
