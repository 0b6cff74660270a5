"""fastText's hierarchical softmax, for a batch of hidden vectors at once (the output side of ``langid``).

``HsTree(counts)`` is the Huffman tree fastText builds from the label counts (``HierarchicalSoftmaxLoss::
buildTree``: leaves are labels in dictionary order, internal node ``i`` uses output row ``i - nlabels``, the left
child is the ``1 - f`` branch). ``hs_best(tree, wo, hidden)`` gives, per row of ``hidden``, the label fastText's
``predict(k=1, threshold=0)`` returns and its probability, with fastText's float32 arithmetic: the dot products
summed in order, ``f = 1 / (1 + exp(-x))``, path scores ``score + log(x + 1e-5)`` from the root down, and
``exp(score)``. fastText walks the tree depth first and prunes a subtree whose score is already below the best leaf
found; since ``log(x + 1e-5)`` can be slightly positive, pruning can matter when two labels are within a hair, so
rows whose two best leaves are within ``NEAR`` replay that walk exactly (``_walk``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NEAR = 1e-3  # leaves closer than this (log scale) replay fastText's pruned walk
_LOG_THRESHOLD = np.float32(np.log(0.0 + 1e-5))  # std_log(threshold) with threshold 0


class HsTree:
    """The Huffman tree over the labels (counts in dictionary order, largest first)."""

    def __init__(self, counts: Sequence[int]):
        osz = len(counts)
        self.osz = osz
        size = 2 * osz - 1
        left = [-1] * size
        right = [-1] * size
        count = [int(1e15)] * size
        count[:osz] = [int(c) for c in counts]
        leaf, node = osz - 1, osz
        for i in range(osz, size):
            mini = [0, 0]
            for j in range(2):
                if leaf >= 0 and count[leaf] < count[node]:
                    mini[j] = leaf
                    leaf -= 1
                else:
                    mini[j] = node
                    node += 1
            left[i], right[i] = mini
            count[i] = count[mini[0]] + count[mini[1]]
        self.left = np.asarray(left, np.int64)
        self.right = np.asarray(right, np.int64)
        self.root = size - 1
        # internal nodes from the root down (parents before children), and the leaves in depth-first order
        order: list[int] = []
        dfs_leaves: list[int] = []
        stack = [self.root]
        while stack:
            n = stack.pop()
            if left[n] == -1:
                dfs_leaves.append(n)
                continue
            order.append(n)
            stack.extend((right[n], left[n]))  # left first
        self.topdown = np.asarray(order, np.int64)
        self.dfs_leaves = np.asarray(dfs_leaves, np.int64)
        depth = np.zeros(size, np.int64)
        for n in order:
            depth[left[n]] = depth[right[n]] = depth[n] + 1
        self.levels = [self.topdown[depth[self.topdown] == d] for d in range(int(depth[self.topdown].max()) + 1)]


def _sigmoid_logs(tree: HsTree, wo: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per internal node (column ``node - osz``): ``log(1 - f + 1e-5)`` and ``log(f + 1e-5)`` as fastText computes them."""
    n_int = tree.osz - 1
    w = wo[:n_int]
    z = np.zeros((len(hidden), n_int), np.float32)
    for j in range(hidden.shape[1]):  # float32, in fastText's order
        z += w[None, :, j] * hidden[:, j : j + 1]
    with np.errstate(over="ignore"):  # expf overflows to inf as in fastText: f = 0
        e = np.exp(-z.astype(np.float64)).astype(np.float32)
    f = (1.0 / (np.float32(1.0) + e).astype(np.float64)).astype(np.float32)
    log_right = np.log(f.astype(np.float64) + 1e-5).astype(np.float32)
    log_left = np.log((1.0 - f.astype(np.float64)).astype(np.float32).astype(np.float64) + 1e-5).astype(np.float32)
    return log_left, log_right


def hs_best(tree: HsTree, wo: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Best label index and its probability (float32) for each hidden vector."""
    n = len(hidden)
    if not n:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    osz = tree.osz
    log_left, log_right = _sigmoid_logs(tree, wo, hidden)
    score = np.zeros((n, 2 * osz - 1), np.float32)
    for level in tree.levels:
        col = level - osz
        score[:, tree.left[level]] = score[:, level] + log_left[:, col]
        score[:, tree.right[level]] = score[:, level] + log_right[:, col]
    leaves = score[:, tree.dfs_leaves]
    last = leaves.shape[1] - 1 - np.argmax(leaves[:, ::-1], axis=1)  # ties: the later leaf replaces the earlier
    label = tree.dfs_leaves[last]
    best = score[np.arange(n), label]
    if osz > 1:
        second = np.partition(leaves, -2, axis=1)[:, -2]
        for i in np.flatnonzero(best - second < NEAR).tolist():
            label[i], best[i] = _walk(tree, log_left[i], log_right[i])
    return label, np.exp(best.astype(np.float64)).astype(np.float32)


def _walk(tree: HsTree, log_left: np.ndarray, log_right: np.ndarray) -> tuple[int, np.float32]:
    """fastText's ``HierarchicalSoftmaxLoss::dfs`` for k=1, threshold 0, on one row (float32 throughout)."""
    osz = tree.osz
    best: list[tuple[np.float32, int]] = []

    def dfs(node: int, score: np.float32) -> None:
        if score < _LOG_THRESHOLD:
            return
        if best and score < best[0][0]:
            return
        if tree.left[node] == -1:
            best[:] = [(score, node)]  # equal scores: the later leaf stays (std::pop_heap drops the front)
            return
        dfs(int(tree.left[node]), np.float32(score + log_left[node - osz]))
        dfs(int(tree.right[node]), np.float32(score + log_right[node - osz]))

    dfs(tree.root, np.float32(0.0))
    return best[0][1], best[0][0]
