"""Dedup phases: sketch in shards + decide in the driver against an independent reference (datasketch LSH,
Python sets, Python union-find), large LSH buckets, verdict slices, and the sketch files' contract."""

from __future__ import annotations

import pickle
from itertools import combinations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from dolphin_data.dedup import (
    EXACT,
    KEPT,
    NEAR,
    DedupConfig,
    ShingleReader,
    ShingleRun,
    ShingleWriter,
    Sketch,
    decide,
    deduplicate,
    sketch,
    sketch_batches,
)
from dolphin_data.dedup.minhash import normalise, shingle_hashes
from dolphin_data.synth import generate
from tests.test_dedup import words_text

# -- an independent reference: every pair of every LSH bucket, exact Jaccard on Python sets -----------


def _grams(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    w = normalise(text).split()
    return frozenset(tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))) if w else frozenset()


def reference(texts: list[str], cfg: DedupConfig, priority: np.ndarray, position: np.ndarray):
    """(survivor, reason, similarity) by the book: exact groups on the normalised words, datasketch MinHash
    (affine32, fed our 32-bit shingle hashes) in datasketch's MinHashLSH with the same bands x rows, every
    candidate the index returns checked with Python sets, Python union-find, survivors by the keep rule."""
    n = len(texts)
    words = [tuple(normalise(t).split()) for t in texts]
    first: dict[tuple[str, ...], int] = {}
    exact_root = [first.setdefault(w, i) for i, w in enumerate(words)]
    grams = [_grams(t) for t in texts]
    h, off = shingle_hashes(texts)
    bands, rows = cfg.lsh()
    lsh = MinHashLSH(threshold=cfg.threshold, num_perm=cfg.num_perm, params=(bands, rows))
    mh = {}
    for i in range(n):
        if exact_root[i] == i and grams[i]:
            m = MinHash(cfg.num_perm, seed=cfg.seed, hashfunc=lambda x: x, scheme="affine32")
            m.update_batch([int(v) & 0xFFFFFFFF for v in h[off[i] : off[i + 1]]])
            lsh.insert(i, m)
            mh[i] = m
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def jac(a: int, b: int) -> float:
        return len(grams[a] & grams[b]) / len(grams[a] | grams[b])

    for i in range(n):
        if exact_root[i] != i:
            parent[find(i)] = find(exact_root[i])
    for i, m in mh.items():
        for j in lsh.query(m):
            if j != i and jac(i, j) >= cfg.threshold:
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(find(i), []).append(i)
    lengths = [len(t) for t in texts]

    def rank(i: int) -> tuple[int, ...]:
        base = (int(priority[i]), int(position[i]), i)
        return (-lengths[i], *base) if cfg.keep == "longest" else base

    survivor = np.arange(n)
    reason = np.zeros(n, np.int8)
    sim = np.full(n, np.nan)
    for members in clusters.values():
        s = min(members, key=rank)
        for i in members:
            survivor[i] = s
            if i == s:
                continue
            same = exact_root[i] == exact_root[s]
            reason[i] = EXACT if same else NEAR
            sim[i] = 1.0 if same else jac(i, s)
    return survivor, reason, sim


def family_texts(rng: np.random.Generator, size: int) -> list[str]:
    """``size`` near copies of one text, each with one word replaced at its own position: every pair shares
    most bands, so the family fills LSH buckets far past 32 members."""
    base = list(rng.choice(3500, 180, replace=False))
    out = []
    for k in range(size):
        w = list(base)
        w[4 + 5 * (k % 34)] = 3600 + k
        out.append(words_text(w))
    return out


def two_sided_family_texts(rng: np.random.Generator, size: int) -> list[str]:
    """A-copies (one word replaced, 5 of the 180 5-grams) and B-copies (three block words and one own word
    replaced), and a bridge (one block word): J(A, A), J(B, B) = 170/190, J(A, B) = 155/205 < 0.8, the bridge
    >= 0.8 to both sides. So the family is one cluster only through the bridge, and index chains fail."""
    base = list(rng.choice(3500, 184, replace=False))
    out = []
    for k in range(size):
        a, b = list(base), list(base)
        a[4 + 5 * (k % 18)] = 3700 + k
        for j, pos in enumerate((104, 109, 114)):
            b[pos] = 4500 + j
        b[124 + 5 * (k % 12)] = 3800 + k
        out += [words_text(a), words_text(b)]
    bridge = list(base)
    bridge[104] = 4500
    return out + [words_text(bridge)]


def corpus_with_families() -> list[str]:
    rng = np.random.default_rng(4)
    corpus = generate(0.01, seed=5)
    texts = [corpus.text(i) for i in range(len(corpus))]
    texts += (
        family_texts(rng, 70) + two_sided_family_texts(rng, 40) + ["", "  ", "Tiny.", "tiny", "a b c d", "A B C D!"]
    )
    order = rng.permutation(len(texts))  # families and edge cases spread over the whole corpus
    return [texts[i] for i in order]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"all_pairs_upto": 3},  # nearly every bucket is "large": chains + repair must give the all-pairs result
        {"keep": "longest", "all_pairs_upto": 8},
        {"threshold": 0.7, "bands": 32, "rows": 4},
    ],
)
def test_decide_matches_the_all_pairs_reference(params):
    texts = corpus_with_families()
    n = len(texts)
    rng = np.random.default_rng(9)
    priority, position = rng.integers(0, 3, n), rng.permutation(n)
    cfg = DedupConfig(backend="numpy", **params)
    res = deduplicate(n, lambda idx: [texts[i] for i in idx], priority, position, cfg)
    survivor, reason, sim = reference(texts, cfg, priority, position)
    assert res.stats["large_buckets_windowed"] == 0
    assert np.array_equal(res.reason, reason) and np.array_equal(res.survivor, survivor)
    assert np.array_equal(res.similarity, sim, equal_nan=True)
    assert res.stats["removed_near"] > 100 and res.stats["removed_exact"] > 20
    if params.get("all_pairs_upto") == 3:
        assert res.stats["large_buckets"] > 40


@pytest.mark.parametrize("seed", [0, 2, 3])
def test_repair_of_failed_chains_gives_the_all_pairs_result(seed):
    """Two bands: the family's large buckets mix A and B copies, so index chains break, and only the repair
    (every cross-cluster pair of the bucket) finds what checking every pair finds. Over budget (window pairs)
    the result may miss merges, but never merges what the reference keeps apart."""
    texts = two_sided_family_texts(np.random.default_rng(seed), 40)
    n = len(texts)
    cfg = DedupConfig(backend="numpy", bands=2, rows=8)
    res = deduplicate(n, lambda idx: [texts[i] for i in idx], None, None, cfg)
    survivor, reason, sim = reference(texts, cfg, np.zeros(n), np.arange(n))
    assert res.stats["repair_pairs"] > 0 and res.stats["large_buckets_windowed"] == 0
    assert np.array_equal(res.survivor, survivor) and np.array_equal(res.reason, reason)
    assert np.array_equal(res.similarity, sim, equal_nan=True)
    cfg = DedupConfig(backend="numpy", bands=2, rows=8, all_pairs_upto=3)
    res = deduplicate(n, lambda idx: [texts[i] for i in idx], None, None, cfg)
    assert res.stats["large_buckets_windowed"] >= 1
    assert all(survivor[i] == survivor[res.survivor[i]] for i in range(n))  # same reference cluster


def test_sketches_of_shards_decide_as_one_and_stay_small(tmp_path):
    """Shards sketched separately (each its own spill file, or one appended file, or in memory), concatenated
    in the driver, give exactly the verdicts of one pass; a shard's sketch pickles to ~170 bytes a record."""
    texts = corpus_with_families()
    n = len(texts)
    cfg = DedupConfig(batch_size=500)
    whole = deduplicate(n, lambda idx: [texts[i] for i in idx], None, None, cfg)
    cuts = [0, 1, 700, 701, 1500, n]
    shards = [texts[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    own_files = [
        sketch_batches((s[i : i + 300] for i in range(0, len(s), 300)), cfg, tmp_path / f"shard{k}.u64")
        for k, s in enumerate(shards)
    ]
    with ShingleWriter(tmp_path / "one.u64") as w:
        one_file = [sketch(s, cfg, w) for s in shards]
    in_memory = [sketch(s, cfg) for s in shards]
    assert [r.path for s in own_files for r in s.runs] == [str(tmp_path / f"shard{k}.u64") for k in range(5)]
    assert sketch_batches(iter([]), cfg, tmp_path / "none.u64").keys.shape == (0, 2)
    merged = Sketch.concat(one_file)
    assert len(merged.runs) == 1 and merged.run_start.tolist() == [0, n]  # consecutive runs of one file merge
    for parts in (own_files, one_file, in_memory):
        res = decide(parts, None, None, cfg)
        for field in ("survivor", "reason", "cluster"):
            assert np.array_equal(getattr(res, field), getattr(whole, field))
        assert np.array_equal(res.similarity, whole.similarity, equal_nan=True)
    big = own_files[-1]
    assert len(pickle.dumps(big)) < 200 * len(big) + 2000
    assert big.bands.shape == (len(big), 16) and big.sig is None


def test_decide_refuses_sketches_made_with_other_parameters():
    a = sketch(["one two three four five six"], DedupConfig())
    with pytest.raises(ValueError, match="other dedup parameters"):
        decide([a], config=DedupConfig(num_perm=64))
    with pytest.raises(ValueError, match="different dedup parameters"):
        Sketch.concat([a, sketch(["x"], DedupConfig(seed=2))])
    with pytest.raises(ValueError, match="priority has 2 entries for 1 records"):
        decide([a], np.zeros(2))


def test_verdict_slices_are_small_copies():
    texts = corpus_with_families()
    n = len(texts)
    res = deduplicate(n, lambda idx: [texts[i] for i in idx])
    v = res.slice(1000, 600)
    assert len(v) == 600 and v.start == 1000
    assert np.array_equal(v.reason, res.reason[1000:1600]) and np.array_equal(v.survivor, res.survivor[1000:1600])
    assert v.survivor.base is None and len(pickle.dumps(v)) < 20 * 600 + 1000
    assert np.array_equal(v.kept, res.reason[1000:1600] == KEPT)
    assert set(res.removed_survivors().tolist()) == set(res.survivor[res.reason != KEPT].tolist())
    with pytest.raises(ValueError):
        res.slice(n - 5, 6)


# -- large buckets, on hand-made sketches (band hashes and shingle sets chosen directly) ---------------


def family_sketch(cfg: DedupConfig, sets: list[set[int]]) -> Sketch:
    """A sketch whose records all share band 0 (one bucket) and nothing else, with the given shingle sets."""
    n = len(sets)
    hashes = [np.array(sorted(s), np.uint64) for s in sets]
    bands, _ = cfg.lsh()
    bh = np.arange(1, n * bands + 1, dtype=np.uint64).reshape(n, bands) * np.uint64(0x9E3779B97F4A7C15)
    bh[:, 0] = 7
    keys = np.stack([np.arange(n, dtype=np.uint64), np.zeros(n, np.uint64)], axis=1)
    return Sketch(
        cfg.sketch_params(),
        keys,
        np.array([len(x) for x in hashes], np.int64),
        bh,
        np.full(n, 100, np.int64),
        None,
        (ShingleRun(None, 0, np.concatenate(hashes)),),
        np.array([0, n], np.int64),
    )


def two_sides_and_a_bridge() -> list[set[int]]:
    """A_i: the base with one element swapped; B_i: the base with a block of 12 swapped, plus one more.
    J(A, A) = J(B, B) = 98/102, J(A, B) = 86/114 < 0.8; the bridge (half the block) is >= 0.8 to all.
    Interleaved A0 B0 A1 B1 ...: every link of the index chain but the bridge's fails."""
    base = set(range(100))
    block = set(range(50, 62))
    sets = []
    for i in range(20):
        sets.append((base - {i}) | {1000 + i})
        sets.append((base - block - {70 + i}) | {2000 + b for b in block} | {3000 + i})
    sets.append((base - set(range(50, 56))) | {2000 + b for b in range(50, 56)})
    return sets


def all_pairs_clusters(sets: list[set[int]], threshold: float) -> list[int]:
    parent = list(range(len(sets)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in combinations(range(len(sets)), 2):
        if len(sets[a] & sets[b]) / len(sets[a] | sets[b]) >= threshold:
            ra, rb = sorted((find(a), find(b)))
            parent[rb] = ra
    return [find(i) for i in range(len(sets))]


def test_large_bucket_whose_chain_fails_is_checked_pair_by_pair():
    sets = two_sides_and_a_bridge()
    cfg = DedupConfig()
    res = decide([family_sketch(cfg, sets)], config=cfg)
    assert all_pairs_clusters(sets, 0.8) == [0] * 41  # one cluster through the bridge
    assert res.cluster.tolist() == [0] * 41
    assert res.stats["large_buckets"] == 1 and res.stats["large_buckets_windowed"] == 0
    assert res.stats["candidate_pairs"] == 40 + res.stats["repair_pairs"]  # the chain, then the repair
    assert (res.reason[1:] == NEAR).all() and res.reason[0] == KEPT and (res.survivor == 0).all()
    # B_i is a near duplicate of the survivor A0 through the bridge, at its own (lower) similarity
    assert res.similarity[1] == 86 / 114 and res.similarity[2] == 98 / 102


def test_large_bucket_over_budget_gets_window_pairs_and_never_a_false_merge():
    sets = two_sides_and_a_bridge()
    cfg = DedupConfig(all_pairs_upto=4)  # budget 4 x 41 pairs < 40 x 41 / 2 cross pairs: window pairs
    res = decide([family_sketch(cfg, sets)], config=cfg)
    assert res.stats["large_buckets_windowed"] == 1
    assert res.cluster.tolist() == [0] * 41  # A_i - A_i+1 and B_i - B_i+1 are 2 apart, the bridge 2 from A19
    unrelated = [set(range(1000 * k, 1000 * k + 60)) for k in range(50)]  # nothing is similar
    res = decide([family_sketch(cfg, unrelated)], config=cfg)
    assert res.stats["large_buckets_windowed"] == 1 and (res.reason == KEPT).all()
    assert res.stats["candidate_pairs"] == 49 + 48 + 47  # windows of width 4: d = 1, 2, 3


def test_similar_family_in_large_buckets_needs_no_repair():
    rng = np.random.default_rng(1)
    texts = family_texts(rng, 60)
    res = deduplicate(len(texts), lambda idx: [texts[i] for i in idx])
    assert res.stats["large_buckets"] > 0 and res.stats["repair_pairs"] == 0
    assert (res.survivor == 0).all() and res.stats["removed_near"] == 59


def test_spill_file_contract(tmp_path):
    """The spill file holds each record's shingle hashes in record order, nothing else; a truncated file is an
    error naming it; with the exact check off nothing is written and the sketch carries the signatures."""
    texts = ["one two three four five six seven", "", "eight nine ten", "one two three four five six"]
    cfg = DedupConfig()
    sk = sketch(texts, cfg, tmp_path / "s.u64")
    h, off = shingle_hashes(texts)
    assert np.array_equal(np.fromfile(tmp_path / "s.u64", np.uint64), h)
    assert sk.nshingles.tolist() == np.diff(off).tolist() == [3, 0, 1, 2]
    with open(tmp_path / "s.u64", "r+b") as fh:
        fh.truncate(8 * 5)
    with ShingleReader(sk.runs, sk.run_start, sk.nshingles) as reader:
        got, got_off = reader.gather(np.array([0, 2]))
        assert got.tolist() == h[[0, 1, 2, 3]].tolist() and got_off.tolist() == [0, 3, 4]
        with pytest.raises(OSError, match="s.u64: short read"):
            reader.gather(np.array([3]))
    off_cfg = DedupConfig(exact_check=False)
    sk2 = sketch(texts, off_cfg, tmp_path / "never.u64")
    assert not (tmp_path / "never.u64").exists() and sk2.runs == () and sk2.sig is not None
    assert sk2.sig.shape == (4, 128) and (sk2.sig[1] == 0xFFFFFFFF).all()
