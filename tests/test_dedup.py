"""Dedup: shingling and signatures against plain-Python and datasketch references, LSH parameters, clusters,
and the stage/CLI on real files (threshold edges, chains, cross-source priority, determinism, reports)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from dolphin_data.dedup import DedupConfig, deduplicate, deduplicate_batches
from dolphin_data.dedup.cluster import survivor_rank, survivors, union_find
from dolphin_data.dedup.jaccard import exact_jaccard
from dolphin_data.dedup.lsh import candidate_pairs, mean_recall, optimal_param, recall_param
from dolphin_data.dedup.minhash import normalise, shingle_hashes, signatures_numpy, signatures_rensa
from dolphin_data.dedup.stage import DedupStage  # noqa: F401  (registers "dedup")
from dolphin_data.stages import make_stage
from dolphin_data.stages.local import run_sources
from dolphin_data.synth import generate
from tests.conftest import REPO, make_conv, read_jsonl, write_jsonl

WORDS = [f"tok{i}" for i in range(5000)]


def words_text(ids) -> str:
    return " ".join(WORDS[i] for i in ids)


def edited(base: list[int], m: int, offset: int = 0) -> list[int]:
    """Replace m words at positions 5 apart (inside the text): exactly 5m of the 5-grams change."""
    out = list(base)
    for k in range(m):
        out[4 + 5 * (2 * k + 1) + offset] = 4000 + 10 * k + offset
    return out


def py_jaccard(a: str, b: str, n: int = 5) -> float:
    def grams(t: str) -> set[tuple[str, ...]]:
        w = normalise(t).split()
        return {tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))}

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb)


# -- shingling and similarity -------------------------------------------------------------------


def test_vectorised_normalisation_matches_reference():
    texts = ["Hello, World!  It's   a TEST.\nNew line\ttab", "ÉCOLE d'été — déjà vu…", "", "a_b c-d"]
    h1, o1 = shingle_hashes(texts, "word", 2, "default")
    h2, o2 = shingle_hashes([normalise(t) for t in texts], "word", 2, "none")
    assert np.array_equal(o1, o2) and np.array_equal(h1, h2)
    assert normalise(texts[0]) == "hello world it s a test new line tab"


def test_shingle_counts_and_exact_jaccard_match_python_sets():
    rng = np.random.default_rng(3)
    texts = [words_text(rng.integers(0, 50, int(rng.integers(1, 40)))) for _ in range(40)]
    h, off = shingle_hashes(texts, "word", 5)
    for i, t in enumerate(texts):
        w = t.split()
        expected = len({tuple(w[k : k + 5]) for k in range(max(1, len(w) - 4))})
        assert len(np.unique(h[off[i] : off[i + 1]])) == expected
    left, right = np.arange(0, 39), np.arange(1, 40)
    got = exact_jaccard(h, off, left, right)
    want = [py_jaccard(texts[a], texts[b]) for a, b in zip(left, right, strict=True)]
    assert np.allclose(got, want)


def test_char_shingles():
    h, off = shingle_hashes(["abcdefg", "xxcdefgyy", "abc", ""], "char", 5, "none")
    assert list(np.diff(off)) == [3, 5, 1, 0]
    assert h[2] == h[off[1] + 2]  # "cdefg" in both


def test_numpy_signatures_are_bit_identical_to_datasketch_affine32():
    texts = ["the quick brown fox jumps over the lazy dog " * 3, "a b c", "one two three four five six seven"]
    h, off = shingle_hashes(texts)
    sig = signatures_numpy(h, off, 128, seed=1)
    for i in range(len(texts)):
        m = MinHash(128, seed=1, hashfunc=lambda x: x, scheme="affine32")
        m.update_batch([int(v) & 0xFFFFFFFF for v in h[off[i] : off[i + 1]]])
        assert np.array_equal(m.hashvalues, sig[i])


@pytest.mark.parametrize("m", [1, 2, 3, 6])
def test_estimates_agree_with_datasketch_reference(m):
    """Our estimates (rensa and numpy backends) vs datasketch's own MinHash (sha1 over shingle strings)."""
    rng = np.random.default_rng(m)
    ours_r, ours_n, ref, truth = [], [], [], []
    for _ in range(30):
        base = list(rng.choice(3500, 104, replace=False))
        a, b = words_text(base), words_text(edited(base, m))
        h, off = shingle_hashes([a, b])
        sr, sn = signatures_rensa(h, off, 128, 1), signatures_numpy(h, off, 128, 1)
        ours_r.append((sr[0] == sr[1]).mean())
        ours_n.append((sn[0] == sn[1]).mean())
        ms = []
        for t in (a, b):
            w = t.split()
            mh = MinHash(128, seed=1)
            mh.update_batch([" ".join(w[k : k + 5]).encode() for k in range(len(w) - 4)])
            ms.append(mh)
        ref.append(ms[0].jaccard(ms[1]))
        truth.append(py_jaccard(a, b))
    j = truth[0]
    assert np.allclose(truth, (100 - 5 * m) / (100 + 5 * m))
    sd = np.sqrt(j * (1 - j) / 128) / np.sqrt(30)  # standard error of a mean of 30 estimates
    for est in (ours_r, ours_n, ref):
        assert abs(np.mean(est) - j) < 4 * sd + 1e-9
    assert abs(np.mean(ours_r) - np.mean(ref)) < 6 * sd + 1e-9
    assert abs(np.mean(ours_n) - np.mean(ref)) < 6 * sd + 1e-9


# -- LSH and clusters ---------------------------------------------------------------------------


def test_band_parameters():
    assert optimal_param(0.8, 128) == _optimal_param(0.8, 128, 0.5, 0.5) == (9, 13)
    assert recall_param(0.8, 128) == (16, 8)
    assert mean_recall(0.8, 16, 8) >= 0.99 > mean_recall(0.8, 9, 13)
    assert round(mean_recall(0.8, 9, 13), 2) == 0.83  # datasketch's default misses about a sixth above 0.8


def test_candidate_pairs_small_and_big_buckets():
    bh = np.array([[1], [1], [1], [2], [3], [3]] + [[9]] * 40, dtype=np.uint64)
    cand = candidate_pairs(bh, all_pairs_upto=5)
    pairs = set(zip(cand.left.tolist(), cand.right.tolist(), strict=True))
    assert {(0, 1), (0, 2), (1, 2), (4, 5)} <= pairs
    big = {p for p in pairs if p[0] >= 6}
    assert big == {(k, k + 1) for k in range(6, 45)}  # the chain in index order, not 780 pairs
    assert cand.large_buckets == 1 and cand.large_members.tolist() == list(range(6, 46))
    assert (3, 3) not in pairs and all(a < b for a, b in pairs)
    assert list(zip(cand.left, cand.right, strict=True)) == sorted(pairs)


def test_union_find_chains_and_survivors():
    root = union_find(8, np.array([3, 1, 6]), np.array([2, 2, 7]))
    assert root.tolist() == [0, 1, 1, 1, 4, 5, 6, 6]
    rank = survivor_rank(np.array([1, 1, 0, 1, 0, 0, 0, 0]), np.arange(8))
    assert survivors(root, rank).tolist() == [0, 2, 2, 2, 4, 5, 6, 6]
    rank = survivor_rank(np.zeros(8, int), np.arange(8), np.array([1, 1, 1, 9, 1, 1, 1, 5]), keep="longest")
    assert survivors(root, rank).tolist() == [0, 3, 3, 3, 4, 5, 7, 7]


# -- the stage ----------------------------------------------------------------------------------


def conv_of(ids, cid: str, source: str = "t"):
    return make_conv((words_text(ids[:30]), words_text(ids[30:])), id=cid, source=source)


def run_stage(sources, **params):
    stage = make_stage("dedup", params)
    return stage, run_sources(stage, sources)


def test_threshold_edges_exact_and_chain():
    rng = np.random.default_rng(11)
    base = [list(rng.choice(3500, 104, replace=False)) for _ in range(5)]
    convs = [conv_of(b, f"t:{i}") for i, b in enumerate(base)]
    above = conv_of(edited(base[0], 2), "t:above")  # J = 90/110 = 0.818
    below = conv_of(edited(base[1], 3), "t:below")  # J = 85/115 = 0.739
    exact = make_conv(
        (words_text(base[2][:30]).upper() + " !!", words_text(base[2][30:]) + "."), id="t:exact", source="t"
    )
    b1 = edited(base[3], 1)  # A -> B at 0.905, B -> C at 0.905, A -> C at 0.818: one cluster, both removed
    chain_b = conv_of(b1, "t:chainB")
    chain_c = conv_of(edited(b1, 1, offset=2), "t:chainC")
    # 32 x 4 bands: every pair above 0.7 is a candidate, so this tests the verification at the threshold
    _, outs = run_stage({"t": convs + [above, below, exact, chain_b, chain_c]}, bands=32, rows=4)
    out = outs["t"]
    rej = {r.id: r for r in out.rejects}
    assert sorted(rej) == ["t:above", "t:chainB", "t:chainC", "t:exact"]
    assert rej["t:above"].reason == "dup:near" and rej["t:above"].extra["duplicate_of"] == "t:0"
    assert rej["t:above"].extra["similarity"] == round(90 / 110, 4)
    assert rej["t:exact"].reason == "dup:exact" and rej["t:exact"].extra == {
        "duplicate_of": "t:2",
        "duplicate_source": "t",
        "similarity": 1.0,
    }
    assert rej["t:chainB"].extra["duplicate_of"] == rej["t:chainC"].extra["duplicate_of"] == "t:3"
    assert rej["t:chainB"].extra["similarity"] == round(95 / 105, 4)
    assert "t:below" in {c.id for c in out.kept}
    assert len(out.kept) + len(out.rejects) == 10


def test_cross_source_priority_and_keep_longest():
    rng = np.random.default_rng(5)
    base = list(rng.choice(3500, 104, replace=False))
    a = conv_of(base, "a:1", "a")
    b = conv_of(edited(base, 1), "b:1", "b")
    longer = make_conv((words_text(base[:30]), words_text(base[30:]) + " extra words here"), id="b:2", source="b")
    _, outs = run_stage({"b": [b], "a": [a]})  # recipe order: b first
    assert [c.id for c in outs["b"].kept] == ["b:1"] and outs["a"].rejects[0].extra["duplicate_of"] == "b:1"
    assert outs["a"].counters["cross_source"] == 1
    _, outs = run_stage({"b": [b], "a": [a]}, priority=["a"])
    assert [c.id for c in outs["a"].kept] == ["a:1"] and outs["b"].rejects[0].extra["duplicate_source"] == "a"
    _, outs = run_stage({"a": [a], "b": [longer]}, keep="longest")
    assert [c.id for c in outs["b"].kept] == ["b:2"] and outs["a"].rejects[0].reason == "dup:near"


def test_exact_check_off_uses_minhash_estimate():
    rng = np.random.default_rng(8)
    base = list(rng.choice(3500, 104, replace=False))
    _, outs = run_stage({"t": [conv_of(base, "t:0"), conv_of(edited(base, 1), "t:1")]}, exact_check=False)
    sim = outs["t"].rejects[0].extra["similarity"]
    assert sim != round(95 / 105, 4) and abs(sim - 95 / 105) < 0.1 and abs(round(sim * 128) / 128 - sim) < 1e-4


def test_bad_parameters_are_user_errors():
    from dolphin_data.stages import ParamError

    for params in (
        {"threshold": 1.5},
        {"bands": 20},
        {"bands": 20, "rows": 8},
        {"text": "all"},
        {"keep": "newest"},
        {"priority": 5},
        {"priority": [1, 2]},
    ):
        with pytest.raises(ParamError):
            make_stage("dedup", params)


# -- CLI, report, determinism -------------------------------------------------------------------


def write_pair_files(tmp_path):
    rng = np.random.default_rng(21)
    base = [list(rng.choice(3500, 104, replace=False)) for _ in range(6)]
    a = [conv_of(b, f"a{i}", "a").to_sharegpt() for i, b in enumerate(base)]
    a.append(conv_of(edited(base[0], 1), "a_near", "a").to_sharegpt())
    b = [
        conv_of(base[1], "b_exact", "b").to_messages(),
        conv_of(edited(base[2], 2), "b_near", "b").to_messages(),
        conv_of(list(rng.choice(3500, 104)), "b_new", "b").to_messages(),
    ]
    write_jsonl(tmp_path / "a.jsonl", a)
    pb = write_jsonl(tmp_path / "b.jsonl", b)
    with open(pb, "ab") as fh:
        fh.write(b'{"id": "broken", "messages": 5}\n')
    return tmp_path / "a.jsonl", pb


def test_cli_two_inputs_outputs_rejects_report(tmp_path, cli):
    pa, pb = write_pair_files(tmp_path)
    res = cli(
        "dedup", pa, pb, "--out", tmp_path / "out", "--rejects", tmp_path / "rej.jsonl", "--report", tmp_path / "rep"
    )
    assert res.exit_code == 0, res.output
    kept_a = [r["id"] for r in read_jsonl(tmp_path / "out" / "a.jsonl")]
    kept_b = read_jsonl(tmp_path / "out" / "b.jsonl")
    assert kept_a == ["a0", "a1", "a2", "a3", "a4", "a5"]
    assert [r["id"] for r in kept_b] == ["b_new"] and "messages" in kept_b[0]  # same shape as the input
    rej = {r["id"]: r for r in read_jsonl(tmp_path / "rej.jsonl")}
    assert rej["a_near"]["reason"] == "dup:near" and rej["a_near"]["duplicate_of"] == "a0"
    assert rej["b_exact"]["reason"] == "dup:exact" and rej["b_exact"]["duplicate_of"] == "a1"
    assert rej["b_near"]["similarity"] == round(90 / 110, 4) and rej["b_near"]["line"] == 2
    assert rej["broken"]["reason"].startswith("schema:") and rej["broken"]["line"] == 4
    rep = __import__("orjson").loads((tmp_path / "rep" / "dedup.json").read_bytes())
    assert rep["clusters"] == 3 and rep["overlap"]["b"]["a"] == 2 and rep["overlap"]["a"]["a"] == 1
    assert rep["removed"] == {"dup:exact": 1, "dup:near": 2}
    assert rep["largest_clusters"][0]["kept"]["id"] in {"a0", "a1", "a2"}
    md = (tmp_path / "rep" / "dedup.md").read_text()
    assert "| b | 3 | 1 | 1 |" in md  # removed per source: in, dup:exact, dup:near
    assert re.search(r"\| b \| 2 \| 0 \|", md)  # overlap row: b removed as dups of a


def test_cli_is_deterministic_and_single_file_out(tmp_path, cli):
    pa, pb = write_pair_files(tmp_path)
    outs = []
    for k in (1, 2):
        res = cli("dedup", pa, pb, "--out", tmp_path / f"o{k}", "--rejects", tmp_path / f"r{k}.jsonl", "-q")
        assert res.exit_code == 0
        outs.append(
            [(tmp_path / f"o{k}" / n).read_bytes() for n in ("a.jsonl", "b.jsonl")]
            + [(tmp_path / f"r{k}.jsonl").read_bytes()]
        )
    assert outs[0] == outs[1]
    res = cli("dedup", pa, "--out", tmp_path / "single.jsonl", "--rejects", tmp_path / "rs.jsonl", "-q")
    assert res.exit_code == 0 and len(read_jsonl(tmp_path / "single.jsonl")) == 6
    res = cli("dedup", pa, "--out", tmp_path / "x", "--rejects", tmp_path / "rx.jsonl", "--threshold", "2")
    assert res.exit_code == 1 and "threshold" in res.output


# -- synth and the recipe build -----------------------------------------------------------------


def test_synth_is_deterministic_and_planted_jaccard_is_exact():
    c1, c2 = generate(0.01, seed=3), generate(0.01, seed=3)
    assert c1.human == c2.human and c1.gpt == c2.gpt and c1.planted == c2.planted and len(c1) == 2000
    near = [p for p in c1.planted if p["kind"] in ("near", "chain")][:60]
    h, off = shingle_hashes([c1.text(p["ia"]) for p in near] + [c1.text(p["ib"]) for p in near])
    got = exact_jaccard(h, off, np.arange(len(near)), np.arange(len(near), 2 * len(near)))
    assert np.allclose(got, [p["jaccard"] for p in near], atol=1e-6)


def test_synth_recall_and_no_false_merges():
    corpus = generate(0.02, seed=1)
    n = len(corpus)
    res = deduplicate(n, lambda idx: [corpus.text(i) for i in idx], np.zeros(n, int), np.arange(n), DedupConfig())
    above = [p for p in corpus.planted if p["jaccard"] >= 0.8]
    found = sum(res.cluster[p["ia"]] == res.cluster[p["ib"]] for p in above)
    assert found / len(above) >= 0.97
    below = [p for p in corpus.planted if p["jaccard"] < 0.8 and p["kind"] == "near"]
    assert not any(res.cluster[p["ia"]] == res.cluster[p["ib"]] for p in below)


def test_streamed_batches_and_spilled_shingles_give_the_same_result():
    """deduplicate_batches over uneven caller batches (sketched in other chunks) decides exactly as deduplicate
    over even ones; the spill file goes to spill_dir and is removed."""
    import glob
    import tempfile

    corpus = generate(0.02, seed=2)
    n = len(corpus)
    texts = [corpus.text(i) for i in range(n)]
    ref = deduplicate(n, lambda idx: [texts[i] for i in idx], np.zeros(n, int), np.arange(n), DedupConfig())
    cuts = [0, 1, 5, 900, 1700, 3999, n]
    with tempfile.TemporaryDirectory() as spill:
        got = deduplicate_batches(
            (texts[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True)),
            DedupConfig(spill_dir=spill, batch_size=1000),
        )
        assert glob.glob(f"{spill}/*") == []
    for field in ("survivor", "reason", "cluster"):
        assert np.array_equal(getattr(got, field), getattr(ref, field))
    assert np.array_equal(got.similarity, ref.similarity, equal_nan=True)
    assert ref.stats["removed_near"] > 50 and got.stats == {**ref.stats, "seconds": got.stats["seconds"]}


def test_recipe_build_removes_every_planted_duplicate(tmp_path):
    planted = REPO / "raw" / "PLANTED.md"
    if not planted.exists():
        pytest.skip("raw/ sample corpora not generated")
    from dolphin_data.engine.run import build_recipe as run_build
    from dolphin_data.recipe import load_recipe

    totals = dict(re.findall(r"^\| (dup_\w+) \| (\d+) \|$", planted.read_text(), flags=re.M))
    manifest = run_build(load_recipe(REPO / "recipes" / "2.9.yaml"), tmp_path / "out", REPO / "raw", workers=1)
    rej = read_jsonl(tmp_path / "out" / "rejects" / "dedup.jsonl")
    by_reason = {r: sum(1 for x in rej if x["reason"] == r) for r in ("dup:exact", "dup:near")}
    assert by_reason["dup:exact"] == int(totals["dup_exact"]) + int(totals["dup_cross"])
    assert by_reason["dup:near"] == int(totals["dup_near"]) + int(totals["dup_cross_near"])
    cross = [x for x in rej if x["duplicate_source"] != x["source"]]
    assert len(cross) == int(totals["dup_cross"]) + int(totals["dup_cross_near"])
    assert manifest["reports"]["dedup"]["removed"] == by_reason
    assert (tmp_path / "out" / "reports" / "dedup" / "dedup.md").exists()
    # a rebuild takes the decision from the cache (decide does not run) and reports the same figures
    report = (tmp_path / "out" / "reports" / "dedup" / "dedup.json").read_bytes()
    assert __import__("orjson").loads(report)["engine"]["candidate_pairs"] > 0
    run_build(load_recipe(REPO / "recipes" / "2.9.yaml"), tmp_path / "out", REPO / "raw", workers=1)
    assert "dedup decide" not in (tmp_path / "out" / "timings.json").read_text()
    assert (tmp_path / "out" / "reports" / "dedup" / "dedup.json").read_bytes() == report
