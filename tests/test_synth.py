"""``synth --profile 2.9``: a raw/ folder that the 2.9 recipe builds, where every planted row of a certain kind ends
as the ground truth says and nothing unplanted is dropped; upstream layouts; determinism; the calibration."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from dolphin_data.io import iter_rows
from dolphin_data.recipe import load_recipe
from dolphin_data.synth.profile import CHARS_PER_WORD, SOURCES, TOKENS_PER_WORD
from dolphin_data.synth.truth import outcomes, read_truth, score
from dolphin_data.synth.writer import write_profile
from tests.conftest import REPO

RECIPE = REPO / "recipes" / "2.9.yaml"
SCALE = 0.0005


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth29")
    summary = write_profile(root / "raw", SCALE, seed=3, workers=2)
    return root, summary


@pytest.fixture(scope="module")
def built(corpus):
    """The corpus built by the build command, as a user runs it."""
    from typer.testing import CliRunner

    from dolphin_data.cli import app

    root, _ = corpus
    args = ["build", str(RECIPE), "--raw", str(root / "raw"), "--out", str(root / "out"), "--workers", "1", "-q"]
    res = CliRunner().invoke(app, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return root / "out", json.loads((root / "out" / "manifest.json").read_text())


def test_every_certain_fate_matches_and_nothing_unplanted_is_dropped(corpus, built):
    root, summary = corpus
    out, manifest = built
    truth = read_truth(root / "raw" / "GROUND_TRUTH.jsonl")
    result = score(truth, out)
    assert result["certain"] > 200 and result["certain_matched"] == result["certain"], result["mismatches"]
    assert result["kinds"]["boilerplate"]["recall"] >= 0.9, result["mismatches"].get("boilerplate")  # repaired, kept
    kinds = set(result["kinds"])
    assert {
        "refusal",
        "boilerplate",
        "leak",
        "sentinel",
        "directive",
        "long",
        "malformed",
        "dup_exact",
        "dup_near",
        "dup_cross_exact",
        "dup_cross_near",
        "near_below",
        "non_english",
        "dup_original",
    } <= kinds
    # every convert reason a layout can carry was planted and rejected as such
    by_line, by_id = outcomes(out)
    assert {v.split(":", 1)[1] for v in by_line.values()} == {
        "schema:" + r
        for r in (
            "empty_turn",
            "too_few_turns",
            "unknown_role",
            "not_alternating",
            "first_not_human",
            "last_not_gpt",
            "system_not_first",
            "invalid_json",
            "invalid_utf8",
            "not_an_object",
            "missing_key",
            "null_value",
            "wrong_type",
        )
    }
    planted_lines = {(r["source"], r["line"]) for r in truth}
    planted_ids = {(r["source"], r["id"]) for r in truth}
    assert set(by_line) <= planted_lines
    assert set(by_id) <= planted_ids  # no clean row is dropped by any later stage
    assert summary["conversations"] == sum(f["rows_read"] for f in manifest["files"])


def test_ground_truth_ids_are_the_ids_convert_gives(corpus):
    from dolphin_data.stages.convert import convert_rows

    root, _ = corpus
    truth = {(r["source"], r["line"]): r for r in read_truth(root / "raw" / "GROUND_TRUTH.jsonl")}
    recipe = load_recipe(RECIPE)
    checked = 0
    paths = {s.name: root / "raw" / s.path for s in SOURCES}
    for spec in recipe.sources:
        path = paths[spec.name]
        for raw, item in zip(iter_rows(path), convert_rows(iter_rows(path), spec.converter, spec.name), strict=True):
            row = truth.get((spec.name, raw.line))
            if row is not None and row["kind"] != "malformed":
                assert item.id == row["id"], (spec.name, raw.line)
                checked += 1
    assert checked > 200


def test_files_have_the_upstream_layouts_of_raw(corpus):
    root, summary = corpus
    from dolphin_data.sources import resolve_raw_files

    raw = REPO / "raw"  # the 2.9 recipe's sources (raw/ also holds the later mixes' samples)
    wanted = sorted(str(p.relative_to(raw)) for s in load_recipe(RECIPE).sources for p in resolve_raw_files(s, raw))
    got = sorted(
        str(p.relative_to(root / "raw"))
        for p in (root / "raw").rglob("*")
        if p.suffix in (".jsonl", ".json", ".parquet") and p.name not in ("GROUND_TRUTH.jsonl", "SYNTH.json")
    )
    assert got == wanted
    for src in SOURCES:
        ours, sample = root / "raw" / src.path, raw / src.path
        if src.path.endswith(".parquet"):
            assert pq.read_schema(ours) == pq.read_schema(sample)
            continue
        planted = {r["line"] for r in read_truth(root / "raw" / "GROUND_TRUTH.jsonl") if r["source"] == src.name}
        first_ours = next(r.row for r in iter_rows(ours) if r.line not in planted)
        first_sample = next(r.row for r in iter_rows(sample))
        assert list(first_ours) == list(first_sample), src.name
        turns_key = next((k for k in ("conversations", "messages", "conversation") if k in first_sample), None)
        if turns_key:
            assert set(first_ours[turns_key][0]) == set(first_sample[turns_key][0]), src.name
    for s in summary["sources"]:
        assert s["rows"] >= 60 and s["chars_max"] > 12_000  # planted over-long rows


def test_same_bytes_for_same_seed_any_worker_count_and_other_bytes_for_another_seed(tmp_path):
    write_profile(tmp_path / "a", 0.0002, seed=5, workers=1)
    write_profile(tmp_path / "b", 0.0002, seed=5, workers=2)
    write_profile(tmp_path / "c", 0.0002, seed=6, workers=2)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 17
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert (tmp_path / "a" / SOURCES[0].path).read_bytes() != (tmp_path / "c" / SOURCES[0].path).read_bytes()


def test_text_is_not_trivially_compressible_or_repetitive(corpus):
    root, _ = corpus
    data = (root / "raw" / "openhermes" / "openhermes2_5.json").read_bytes()
    ratio = len(data) / len(zlib.compress(data, 6))
    assert 2.0 < ratio < 4.5, ratio  # English prose with JSON markup compresses about 3x
    rows = [r.row for r in iter_rows(root / "raw" / "openhermes" / "openhermes2_5.json")]
    words = (
        " ".join(
            t["value"]
            for r in rows
            if isinstance(r, dict) and isinstance(r.get("conversations"), list)
            for t in r["conversations"]
            if isinstance(t.get("value"), str)
        )
        .lower()
        .split()
    )
    grams = list(zip(words, words[1:], words[2:], words[3:], words[4:], strict=False))
    assert len(set(grams)) / len(grams) > 0.9


def test_calibration_constants_match_the_tokenizer():
    """The per-vocabulary characters and Llama-3 tokens per word that bound conversation lengths."""
    from dolphin_data.synth import text as T
    from dolphin_data.synth.table import token_table
    from dolphin_data.tokens.encoding import get_encoding

    tt, enc = token_table(), get_encoding("llama3")
    rng = np.random.default_rng(11)
    for v in range(len(T.VOCAB_NAMES)):
        runs, n = 20, 1000
        tokens = np.zeros(runs * n, np.int32)
        starts = np.arange(runs) * n
        T.fill_runs(
            tokens, starts, np.full(runs, n), v, tt.base[v], np.full(runs, T.END_DOT), np.ones(runs, np.int8), rng
        )
        texts = tt.texts(tokens, np.append(starts, runs * n))
        chars = sum(len(t) for t in texts) / (runs * n)
        toks = float(enc.count_batch(texts).sum()) / (runs * n)
        assert abs(chars / CHARS_PER_WORD[v] - 1) < 0.05, (T.VOCAB_NAMES[v], chars)
        assert abs(toks / TOKENS_PER_WORD[v] - 1) < 0.05, (T.VOCAB_NAMES[v], toks)


def test_score_reports_mismatches_against_a_build_that_dropped_nothing(corpus, tmp_path):
    root, _ = corpus
    (tmp_path / "rejects").mkdir()
    result = score(read_truth(root / "raw" / "GROUND_TRUTH.jsonl"), tmp_path)
    assert result["kinds"]["refusal"]["matched"] == 0 and result["kinds"]["dup_original"]["recall"] == 1.0
    assert result["certain_matched"] < result["certain"]


def test_cli(cli, tmp_path):
    res = cli("synth", "--profile", "2.9", "--scale", "0.0002", "--out", tmp_path / "r", "--seed", "1", "-w", "1")
    assert res.exit_code == 0 and "ground truth" in res.output
    meta = json.loads((tmp_path / "r" / "SYNTH.json").read_text())
    assert meta["profile"] == "2.9" and meta["seed"] == 1 and len(meta["sources"]) == len(SOURCES)
    for bad, msg in ((["--profile", "3.0"], "--profile"), (["--scale", "0"], "--scale"), (["-w", "0"], "--workers")):
        res = cli("synth", "--out", tmp_path / "x", *bad)
        assert res.exit_code == 1 and re.search(msg, res.output), res.output
    res = cli("synth", "--scale", "0.001", "--out", tmp_path / "d", "-q")  # the default stays the dedup corpus
    assert res.exit_code == 0 and (tmp_path / "d" / "planted.jsonl").exists()
    assert not Path(tmp_path / "d" / "GROUND_TRUTH.jsonl").exists()


def test_the_library_does_not_import_the_cli():
    import subprocess
    import sys

    code = (
        "import sys, dolphin_data.synth, dolphin_data.synth.writer, dolphin_data.synth.truth; "
        "assert 'typer' not in sys.modules and 'dolphin_data.cli' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_clean_rows_fit_the_sequence_length_and_long_rows_do_not(corpus):
    """Llama-3 token counts of the ChatML rendering (as the tokens stage counts them): every row planted long is
    well over 4,096, every other row well under it, so the tokens stage's fate is certain."""
    from dolphin_data.model import Conversation
    from dolphin_data.stages.convert import convert_rows
    from dolphin_data.tokens.chatml import count_conversations
    from dolphin_data.tokens.encoding import get_encoding

    root, _ = corpus
    kinds = {(r["source"], r["id"]): r["kind"] for r in read_truth(root / "raw" / "GROUND_TRUTH.jsonl")}
    enc = get_encoding("llama3")
    long_tokens, other_tokens = [], []
    for spec in load_recipe(RECIPE).sources:
        path = root / "raw" / next(s.path for s in SOURCES if s.name == spec.name)
        convs = [c for c in convert_rows(iter_rows(path), spec.converter, spec.name) if isinstance(c, Conversation)]
        for conv, n in zip(convs, count_conversations(convs, enc).tokens.tolist(), strict=True):
            (long_tokens if kinds.get((spec.name, conv.id)) == "long" else other_tokens).append(n)
    assert len(long_tokens) >= 15 and min(long_tokens) > 4600, sorted(long_tokens)[:5]
    assert max(other_tokens) < 3800
