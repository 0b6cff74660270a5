"""Length policy at 4095/4096/4097 tokens, truncation at turn boundaries, the build report, packing, the CLI."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import numpy as np
import pytest

from dolphin_data.engine.run import build_recipe as run_build
from dolphin_data.errors import UserError
from dolphin_data.model import Conversation
from dolphin_data.recipe import load_recipe
from dolphin_data.stages import ParamError, make_stage
from dolphin_data.stages.local import run_stage
from dolphin_data.tokens.budget import pack_rows
from dolphin_data.tokens.chatml import render_text
from dolphin_data.tokens.encoding import get_encoding
from dolphin_data.tokens.stage import TokensStage
from tests.conftest import REPO, make_conv, read_jsonl, write_jsonl


def ref_tokens(conv: Conversation) -> int:
    """Independent count: the tiktoken reference on the whole rendered sample, plus BOS."""
    return 1 + len(get_encoding("llama3-tiktoken").encode(render_text(conv)))


def filler(n: int) -> str:
    return "a" + " a" * (n - 1)  # n Llama 3 tokens: "a", then " a" x (n - 1)


def conv_with(total: int, *, pairs: int = 1, first: int = 5, id: str = "x", system: str | None = None) -> Conversation:
    """A conversation of exactly ``total`` tokens; with pairs=2 the first answer has ``first`` filler tokens."""

    def build(n: int) -> Conversation:
        if pairs == 1:
            return make_conv(("Question?", filler(n)), id=id, system=system)
        return make_conv(("Question?", filler(first)), ("More?", filler(n)), id=id, system=system)

    base = ref_tokens(build(1))
    conv = build(total - base + 1)
    assert ref_tokens(conv) == total
    return conv


def test_counts_match_reference_on_constructed_records():
    stage = TokensStage()
    convs = [conv_with(n, id=str(n)) for n in (4095, 4096, 4097)]
    c = stage.count(convs)
    assert c.tokens.tolist() == [4095, 4096, 4097]


@pytest.fixture
def boundary_file(tmp_path: Path) -> Path:
    rows = [conv_with(n, id=f"len{n}").to_sharegpt() for n in (4095, 4096, 4097)]
    return write_jsonl(tmp_path / "in.jsonl", rows)


def test_drop_at_4095_4096_4097(cli, boundary_file: Path, tmp_path: Path):
    res = cli(
        "tokens",
        boundary_file,
        "--stats",
        tmp_path / "s.jsonl",
        "--out",
        tmp_path / "o.jsonl",
        "--rejects",
        tmp_path / "r.jsonl",
        "--max-len",
        "4096",
    )
    assert res.exit_code == 0, res.output
    stats = read_jsonl(tmp_path / "s.jsonl")
    assert [(s["id"], s["tokens"]) for s in stats] == [("len4095", 4095), ("len4096", 4096), ("len4097", 4097)]
    # trainable = "\n" + answer + "<|im_end|>" + "\n": answer filler + 3
    assert [s["trainable_tokens"] for s in stats] == [
        t - ref_tokens(make_conv(("Question?", "a"))) + 1 + 3 for t in (4095, 4096, 4097)
    ]
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["len4095", "len4096"]
    (rej,) = read_jsonl(tmp_path / "r.jsonl")
    assert (rej["id"], rej["stage"], rej["reason"], rej["tokens"], rej["max_len"], rej["line"]) == (
        "len4097",
        "tokens",
        "tokens:too_long",
        4097,
        4096,
        3,
    )
    assert "rejected tokens:too_long" in res.output


def test_keep_policy_keeps_and_counts(cli, boundary_file: Path, tmp_path: Path):
    res = cli(
        "tokens",
        boundary_file,
        "--stats",
        tmp_path / "s.jsonl",
        "--out",
        tmp_path / "o.jsonl",
        "--rejects",
        tmp_path / "r.jsonl",
        "--policy",
        "keep",
        "--report",
        tmp_path / "rep",
    )
    assert res.exit_code == 0, res.output
    assert len(read_jsonl(tmp_path / "o.jsonl")) == 3 and read_jsonl(tmp_path / "r.jsonl") == []
    summary = json.loads((tmp_path / "rep" / "tokens.json").read_text())
    f = summary["files"]["in"]
    assert f["over_limit"] == 1 and f["records_out"] == 3 and f["tokens"] == 4095 + 4096 + 4097
    assert f["percentiles"]["max"] == 4097 and f["histogram"]["3073-4096"] == 2 and f["histogram"]["4097-8192"] == 1
    # the over-limit record is kept but not packed: the trainer drops it
    assert summary["estimate"]["samples"] == 2 and summary["estimate"]["packed_rows"] == 2


def test_truncate_turns_keeps_whole_pairs(cli, tmp_path: Path):
    pair_one = ref_tokens(make_conv(("Question?", filler(5)), system="Be brief."))
    rows = [
        conv_with(4097, pairs=2, id="cut", system="Be brief."),  # first pair fits -> keep it only
        make_conv(
            ("Question?", filler(4097 - ref_tokens(make_conv(("Question?", "a"))))), ("More?", "ok"), id="exact"
        ),  # first pair is exactly 4096 -> kept alone
        conv_with(4097, id="single"),  # one pair, too long -> rejected
        conv_with(4096, pairs=2, id="fits"),  # untouched
    ]
    src = write_jsonl(tmp_path / "in.jsonl", [c.to_sharegpt() for c in rows])
    res = cli(
        "tokens",
        src,
        "--stats",
        tmp_path / "s.jsonl",
        "--out",
        tmp_path / "o.jsonl",
        "--rejects",
        tmp_path / "r.jsonl",
        "--policy",
        "truncate-turns",
        "--report",
        tmp_path / "rep",
    )
    assert res.exit_code == 0, res.output
    kept = {r["id"]: r for r in read_jsonl(tmp_path / "o.jsonl")}
    assert list(kept) == ["cut", "exact", "fits"]
    assert [t["from"] for t in kept["cut"]["conversations"]] == ["system", "human", "gpt"]
    assert kept["cut"]["conversations"][2]["value"] == filler(5)
    assert [t["from"] for t in kept["exact"]["conversations"]] == ["human", "gpt"]
    assert len(kept["fits"]["conversations"]) == 4
    (rej,) = read_jsonl(tmp_path / "r.jsonl")
    assert (rej["id"], rej["reason"], rej["tokens"]) == ("single", "tokens:too_long", 4097)
    f = json.loads((tmp_path / "rep" / "tokens.json").read_text())["files"]["in"]
    assert f["truncated"] == 2 and f["over_limit"] == 3 and f["dropped_too_long"] == 1
    # the truncated output, counted again, is what the report says was kept
    cli("tokens", tmp_path / "o.jsonl", "--stats", tmp_path / "s2.jsonl", "-q")
    again = {s["id"]: s["tokens"] for s in read_jsonl(tmp_path / "s2.jsonl")}
    assert again == {"cut": pair_one, "exact": 4096, "fits": 4096}
    assert f["tokens"] == sum(again.values())


def test_outputs_are_deterministic(cli, boundary_file: Path, tmp_path: Path):
    outs = []
    for k in range(2):
        d = tmp_path / f"run{k}"
        d.mkdir()
        cli(
            "tokens",
            boundary_file,
            "--stats",
            d / "s.jsonl",
            "--out",
            d / "o.jsonl",
            "--rejects",
            d / "r.jsonl",
            "--report",
            d / "rep",
            "-q",
        )
        outs.append(
            [(d / n).read_bytes() for n in ("s.jsonl", "o.jsonl", "r.jsonl", "rep/tokens.json", "rep/tokens.md")]
        )
    assert outs[0] == outs[1]


def test_user_errors(cli, boundary_file: Path, tmp_path: Path):
    res = cli("tokens", boundary_file, "--stats", tmp_path / "s.jsonl", "--policy", "cut")
    assert res.exit_code == 1 and "policy 'cut' is not one of drop, truncate-turns, keep" in res.output
    res = cli("tokens", boundary_file, "--stats", tmp_path / "s.jsonl", "--out", tmp_path / "o.jsonl")
    assert res.exit_code == 1 and "give --out and --rejects together" in res.output
    res = cli("tokens", boundary_file, "--stats", tmp_path / "s.jsonl", "--encoding", "gpt2")
    assert res.exit_code == 1 and "unknown encoding 'gpt2'" in res.output
    with pytest.raises(ParamError, match="max_len must be a positive integer"):
        make_stage("tokens", {"max_len": 0})


def test_stage_pickles_without_encoder():
    stage = TokensStage()
    run_stage(stage, [make_conv(("hi", "yo"))])
    assert stage._enc is not None
    clone = pickle.loads(pickle.dumps(stage))
    assert clone._enc is None and clone.params() == stage.params()
    assert run_stage(clone, [make_conv(("hi", "yo"))]).counters == run_stage(stage, [make_conv(("hi", "yo"))]).counters


def naive_bfd(lengths: list[int], cap: int) -> int:
    rows: list[int] = []  # remaining space per open row
    for s in sorted(lengths, reverse=True):
        fits = [i for i, r in enumerate(rows) if r >= s]
        if fits:
            best = min(fits, key=lambda i: rows[i])
            rows[best] -= s
        else:
            rows.append(cap - s)
    return len(rows)


def test_pack_rows_equals_naive_best_fit_decreasing():
    rng = random.Random(3)
    for trial in range(30):
        cap = rng.choice([64, 100, 4096])
        lengths = [rng.choice([rng.randint(1, cap), rng.randint(1, cap // 4 + 1)]) for _ in range(rng.randint(1, 300))]
        assert pack_rows(np.array(lengths), cap) == naive_bfd(lengths, cap), trial
    assert pack_rows(np.array([4096, 4097, 0, 2048, 2048]), 4096) == 2  # > capacity and empty are left out


def test_recipe_runs_tokens_last_with_training_settings():
    rec = load_recipe(REPO / "recipes" / "2.9.yaml")
    stage = rec.build_stage(rec.sources[0].stages[-1])
    assert stage.max_len == rec.sequence_len
    t = rec.training
    assert (
        stage.micro_batch_size,
        stage.gradient_accumulation_steps,
        stage.num_gpus,
        stage.num_epochs,
        stage.val_set_size,
    ) == (t.micro_batch_size, t.gradient_accumulation_steps, t.num_gpus, t.num_epochs, t.val_set_size)
    assert all(s.stages and s.stages[-1].name == "tokens" for s in rec.sources)


MINI = """\
name: mini-tokens
output: {{dir: {out}}}
sequence_len: 64
training: {{micro_batch_size: 1, gradient_accumulation_steps: 1, num_gpus: 1}}
sources:
  - name: chat
    output: chat.jsonl
    converter: sharegpt
    upstream: {{repo: org/chat, files: [chat.jsonl]}}
    stages: [tokens]
"""


def test_build_puts_token_stats_in_manifest_and_report(tmp_path: Path, cli):
    raw = tmp_path / "raw" / "chat"
    raw.mkdir(parents=True)
    rows = [make_conv((f"q{i}", filler(3 + 7 * i)), id=f"r{i}").to_sharegpt() for i in range(8)]
    write_jsonl(raw / "chat.jsonl", rows)
    (tmp_path / "r.yaml").write_text(MINI.format(out=tmp_path / "out"))
    manifest = run_build(load_recipe(tmp_path / "r.yaml"), tmp_path / "out", tmp_path / "raw", workers=2)
    lengths = [ref_tokens(make_conv((f"q{i}", filler(3 + 7 * i)))) for i in range(8)]
    kept = [n for n in lengths if n <= 64]
    report = manifest["reports"]["tokens"]
    f = report["files"]["chat"]
    assert f["tokens_in"] == sum(lengths) and f["tokens"] == sum(kept) and f["over_limit"] == len(lengths) - len(kept)
    assert f["percentiles"]["max"] == max(lengths)
    (stage_stats,) = [s for s in manifest["files"][0]["stages"] if s["stage"] == "tokens"]
    assert stage_stats["dropped"] == {"tokens:too_long": len(lengths) - len(kept)}
    assert stage_stats["counters"]["tokens_out"] == sum(kept)
    assert report["estimate"]["packed_rows"] == naive_bfd(kept, 64)
    assert report["estimate"]["steps_per_epoch"] == int(report["estimate"]["packed_rows"] * (1 - 0.0002))
    md = (tmp_path / "out" / "reports" / "tokens" / "tokens.md").read_text()
    assert "model card, full-size build: 2,220" in md
    # the CLI on the written file agrees with the build
    cli("tokens", tmp_path / "out" / "chat.jsonl", "--stats", tmp_path / "s.jsonl", "--max-len", "64", "-q")
    assert [s["tokens"] for s in read_jsonl(tmp_path / "s.jsonl")] == kept


def test_run_wide_settings_have_one_home(tmp_path: Path):
    """tokens takes sequence_len and the batch settings from the recipe; a stage parameter that disagrees is refused."""
    recipe = tmp_path / "r.yaml"
    recipe.write_text(MINI.format(out=tmp_path / "out"))
    stage = load_recipe(recipe).build_stage(load_recipe(recipe).sources[0].stages[0])
    assert (stage.max_len, stage.micro_batch_size, stage.num_gpus, stage.num_epochs) == (64, 1, 1, 3)
    recipe.write_text(
        MINI.format(out=tmp_path / "out").replace("stages: [tokens]", "stages: [{tokens: {max_len: 128}}]")
    )
    with pytest.raises(
        UserError,
        match=r"max_len 128 disagrees with the recipe's sequence_len 64; "
        r"set it once, at sequence_len",
    ):
        load_recipe(recipe)
