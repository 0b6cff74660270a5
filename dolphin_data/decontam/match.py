"""Matching: texts (a flat list, each owned by a record) against an ``Index``, all array work.

For every gram length the index uses, every gram of every text is hashed and looked up at once; a hit that
crosses from one text into the next is discarded. Hits are grouped by (record, item); the overlap share of a
group is the share of the item's coverable units (``q_cov``/``a_cov``) that the record's matching grams cover
(the union of their ``[pos, pos + len)`` in the item), for the question and for the answer separately. Covering
words rather than counting grams keeps a lightly edited copy near 1.0: one changed word uncovers only itself.

``mode`` says what a record must contain: ``question`` (the question's share) or ``question_answer`` (the share of
question and answer units together). For each record the best item (highest share, then lowest item number) is
returned with its evidence: the text holding most of its matching grams and the character span they cover there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dolphin_data.decontam.index import Index
from dolphin_data.decontam.ngrams import Units, gram_hashes, prefix_sums, units

MODES = ("question", "question_answer")


@dataclass(frozen=True)
class Match:
    """The best benchmark item of one record. ``start``/``end`` are character offsets in ``texts[text]``."""

    record: int
    item: int
    share: float  # the mode's share, what the threshold applies to
    question_share: float
    answer_share: float
    text: int
    start: int
    end: int
    items_over: int = 0  # items of this record at or above the threshold (set by ``match_texts``)


@dataclass
class Hits:
    """Raw hits, one row per (gram in a text, posting): record, text, first unit, item, item position, length."""

    record: np.ndarray
    text: np.ndarray
    unit: np.ndarray
    item: np.ndarray
    pos: np.ndarray
    length: np.ndarray


def find_hits(
    texts: Sequence[str], owner: np.ndarray, index: Index, benchmarks: Sequence[str] | None = None
) -> tuple[Hits, Units]:
    """Every indexed gram in ``texts`` (``owner[t]`` is the record of text ``t``); also returns the ``Units``."""
    u = units(texts, index.unit)
    prefix = prefix_sums(u.values)
    cols: list[list[np.ndarray]] = [[], [], [], [], []]
    for g in index.gram_lengths:
        if len(u) < g:
            continue
        gi, ki = index.lookup(gram_hashes(prefix, g))
        if not len(gi):
            continue
        which, item, pos, length = index.postings(ki)
        start = gi[which]
        keep = length == g
        text = np.searchsorted(u.first, start, side="right") - 1
        keep &= start + g <= u.first[text + 1]  # the gram stays inside one text
        for col, arr in zip(cols, (text, start, item, pos, length), strict=True):
            col.append(arr[keep])
    text, start, item, pos, length = (np.concatenate(c) if c else np.zeros(0, np.int64) for c in cols)
    if benchmarks is not None and len(item):
        allowed = np.array([index.benchmarks.index(b) for b in benchmarks if b in index.benchmarks], np.int64)
        ok = np.isin(index.a["item_bench"][item].astype(np.int64), allowed)
        text, start, item, pos, length = text[ok], start[ok], item[ok], pos[ok], length[ok]
    return Hits(owner[text] if len(text) else text, text, start, item, pos, length), u


def _union_length(group: np.ndarray, lo: np.ndarray, hi: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, the length of the union of intervals ``[lo, hi)`` (empty ones ignored); ``group`` sorted."""
    ok = hi > lo
    group, lo, hi = group[ok], lo[ok], hi[ok]
    if not len(group):
        return np.zeros(n_groups, np.int64)
    span = int(hi.max()) + 1
    order = np.lexsort((lo, group))
    g, a, b = group[order], lo[order] + group[order] * span, hi[order] + group[order] * span
    reach = np.maximum.accumulate(b)
    before = np.concatenate(([np.int64(-1)], reach[:-1]))
    before = np.maximum(before, g * span)  # a new group starts fresh
    gain = np.maximum(b - np.maximum(a, before), 0)
    return np.bincount(g, weights=gain, minlength=n_groups).astype(np.int64)


def match_texts(
    texts: Sequence[str],
    owner: np.ndarray,
    index: Index,
    threshold: float,
    mode: str = "question",
    benchmarks: Sequence[str] | None = None,
) -> list[Match]:
    """The best item of every record with any overlap (below the threshold too), by record number."""
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: choose one of {', '.join(MODES)}")
    hits, u = find_hits(texts, np.asarray(owner, np.int64), index, benchmarks)
    if not len(hits.item):
        return []
    pair, pair_inv = np.unique(np.stack([hits.record, hits.item]), axis=1, return_inverse=True)
    pair_inv = pair_inv.reshape(-1)
    n_pairs = pair.shape[1]
    q_len = index.a["q_len"][hits.item].astype(np.int64)
    end = hits.pos + hits.length
    cov_q = _union_length(pair_inv, hits.pos, np.minimum(end, q_len), n_pairs)
    cov_a = _union_length(pair_inv, np.maximum(hits.pos, q_len), end, n_pairs)
    items = pair[1]
    den_q = index.a["q_cov"][items].astype(np.float64)
    den_a = index.a["a_cov"][items].astype(np.float64)
    share_q = np.divide(cov_q, den_q, out=np.zeros(n_pairs), where=den_q > 0)
    share_a = np.divide(cov_a, den_a, out=np.zeros(n_pairs), where=den_a > 0)
    share = (
        share_q
        if mode == "question"
        else np.divide(cov_q + cov_a, den_q + den_a, out=np.zeros(n_pairs), where=den_q + den_a > 0)
    )
    share = np.minimum(np.round(share, 6), 1.0)
    records = pair[0]
    order = np.lexsort((items, -share, records))  # per record: best share first, then lowest item
    first = np.ones(n_pairs, bool)
    first[1:] = records[order][1:] != records[order][:-1]
    over = np.bincount(records[share >= threshold], minlength=int(records.max()) + 1)
    by_pair = np.argsort(pair_inv, kind="stable")
    bounds = np.searchsorted(pair_inv[by_pair], np.arange(n_pairs + 1))
    out = []
    for p in order[first].tolist():
        sel = by_pair[bounds[p] : bounds[p + 1]]
        text, start, length = hits.text[sel], hits.unit[sel], hits.length[sel]
        best_text = int(np.bincount(text).argmax())
        in_text = text == best_text
        lo = int(u.begin[start[in_text].min()])
        hi = int(u.end[(start[in_text] + length[in_text] - 1).max()])
        out.append(
            Match(
                int(records[p]),
                int(items[p]),
                float(share[p]),
                float(min(share_q[p], 1.0)),
                float(min(share_a[p], 1.0)),
                best_text,
                u.char_offset(best_text, lo),
                u.char_offset(best_text, hi),
                int(over[records[p]]),
            )
        )
    return out
