"""`dolphin-data systemchat build` on the bundled raw samples, and systemchat_validate inside the full 2.9 build.

The planted records are read from raw/PLANTED.md (generated with the samples), so these tests follow the sample
files rather than hard-coding their counts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dolphin_data.engine.run import build_recipe as run_build
from dolphin_data.model import Conversation
from dolphin_data.recipe import load_recipe
from dolphin_data.systemchat import rules as R
from dolphin_data.systemchat.stage import GUARD_SENTENCE, guard_selected
from tests.conftest import REPO, read_jsonl

RAW = REPO / "raw"
RECIPE = REPO / "recipes" / "2.9.yaml"


def planted(section: str) -> dict[int, str]:
    """line -> kind for one source's table in raw/PLANTED.md."""
    text = (RAW / "PLANTED.md").read_text(encoding="utf-8")
    part = text.split(f"## {section} (", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (\w+) \|", part, re.M)}


def convs_of(path: Path) -> list[Conversation]:
    return [Conversation.from_json({**r, "source": "x"}) for r in read_jsonl(path)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from typer.testing import CliRunner

    from dolphin_data.cli import app

    tmp = tmp_path_factory.mktemp("scbuild")
    out, rej, rep = tmp / "SystemConversations.jsonl", tmp / "rej.jsonl", tmp / "rep"
    res = CliRunner().invoke(
        app,
        [
            "systemchat",
            "build",
            str(RECIPE),
            "--raw",
            str(RAW),
            "--out",
            str(out),
            "--rejects",
            str(rej),
            "--report",
            str(rep),
        ],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    return out, rej, rep


def test_bundled_systemchat_sample_has_zero_leakage_after_the_stage(built):
    out, rej, rep = built
    kept = convs_of(out)
    assert kept and R.leak_batch(kept) == {}  # a fresh scan of everything written: no leak left
    report = json.loads((rep / "systemchat_validate" / "report.json").read_text())["systemchat"]
    leaks = [line for line, kind in planted("systemchat").items() if kind == "system_leak"]
    assert report["leakage"]["before"] == len(leaks) > 0
    assert report["leakage"]["after"] == 0 and report["leakage"]["rate_after"] == 0.0
    (build,) = json.loads((rep / "manifest.json").read_text())["files"]
    assert (
        build["rows_read"]
        == build["records_written"] + build["rows_rejected"]
        == len(read_jsonl(out)) + len(read_jsonl(rej))
    )


def test_bundled_sample_planted_records(built):
    out, rej, _ = built
    kept = {c.id: c for c in convs_of(out)}
    rejected = {r["id"]: r["reason"] for r in read_jsonl(rej)}
    raw_rows = (RAW / "systemchat" / "SystemConversations.jsonl").read_text(encoding="utf-8").splitlines()
    for line, kind in planted("systemchat").items():
        cid = f"systemchat:{line}"
        if kind == "system_leak":
            # either repaired (and then leak-free) or rejected with a system reason
            assert (cid in kept and R.leak(kept[cid]) is None) or rejected[cid].startswith("system:"), cid
        elif kind == "legit_system_question":
            original = json.loads(raw_rows[line - 1])["conversations"]
            assert [t.text for t in kept[cid].turns] == [t["value"] for t in original], cid
        elif kind == "hard_negative":
            assert cid in kept, cid
        elif kind == "sentinel" and cid not in rejected:
            pytest.fail(f"{cid}: sentinel record was kept")
        elif kind == "directive_violation":
            assert rejected[cid].startswith("system:directive:"), cid
    # repair kept some planted leaks, with the leaking text cut out of the raw turn
    repaired = [
        line for line, kind in planted("systemchat").items() if kind == "system_leak" and f"systemchat:{line}" in kept
    ]
    assert repaired
    for line in repaired:
        original = [t["value"] for t in json.loads(raw_rows[line - 1])["conversations"]]
        now = [t.text for t in kept[f"systemchat:{line}"].turns]
        changed = [i for i, (a, b) in enumerate(zip(original, now, strict=True)) if a != b]
        assert (
            len(changed) == 1
            and now[changed[0]] in original[changed[0]]
            or len(now[changed[0]]) < len(original[changed[0]])
        )


def test_build_includes_real_system_prompts_and_guards_deterministically(cli, tmp_path):
    outs = []
    for k in range(2):
        out, rej = tmp_path / f"sc{k}.jsonl", tmp_path / f"rej{k}.jsonl"
        res = cli(
            "systemchat",
            "build",
            RECIPE,
            "--raw",
            RAW,
            "--out",
            out,
            "--rejects",
            rej,
            "--include",
            "dolphin_flan",
            "--guard-source",
            "dolphin_flan",
            "--guard-share",
            "0.5",
            "-q",
        )
        assert res.exit_code == 0, res.output
        outs.append((out.read_bytes(), rej.read_bytes()))
    assert outs[0] == outs[1]
    rows = read_jsonl(tmp_path / "sc0.jsonl")
    rejects = read_jsonl(tmp_path / "rej0.jsonl")
    flan = [r for r in rows if r["id"].startswith("dolphin_flan:")]
    assert flan and all(r["conversations"][0]["from"] == "system" for r in flan)
    assert all(r["conversations"][0]["value"].endswith(GUARD_SENTENCE) for r in flan)  # --guard-source: all of them
    not_selected = [r for r in rejects if r["reason"] == "system:not_selected"]
    assert all(r["id"].startswith("dolphin_flan:") and r["record"] is None for r in not_selected)
    seed = load_recipe(RECIPE).seed
    raw_rows = (RAW / "systemchat" / "SystemConversations.jsonl").read_text(encoding="utf-8").splitlines()
    for r in rows:
        if r["id"].startswith("systemchat:"):
            raw_prompt = json.loads(raw_rows[int(r["id"].split(":")[1]) - 1])["conversations"][0]["value"]
            had_it = GUARD_SENTENCE in raw_prompt  # never added twice
            prompt = r["conversations"][0]["value"]
            assert prompt.endswith(GUARD_SENTENCE) == (had_it or guard_selected(seed, r["id"], 0.5)), r["id"]
            assert prompt.count(GUARD_SENTENCE) == 1 or not prompt.endswith(GUARD_SENTENCE)
    guarded = sum(
        r["conversations"][0]["value"].endswith(GUARD_SENTENCE) for r in rows if r["id"].startswith("systemchat:")
    )
    assert 0 < guarded < sum(r["id"].startswith("systemchat:") for r in rows)


def test_build_user_errors(cli, tmp_path):
    res = cli("systemchat", "build", RECIPE, "--raw", RAW, "--out", tmp_path / "o.jsonl", "--include", "nope")
    assert res.exit_code == 1 and "no source 'nope'" in res.output
    res = cli("systemchat", "build", RECIPE, "--raw", RAW, "--out", tmp_path / "o.jsonl", "--guard-share", "2")
    assert res.exit_code == 1 and "--guard-share 2.0: give a share between 0 and 1" in res.output


def test_validator_runs_on_every_file_of_the_29_build(tmp_path):
    recipe = load_recipe(RECIPE)
    manifest = run_build(recipe, tmp_path / "out", RAW, workers=1)
    for f in manifest["files"]:
        stages = [s for s in f["stages"] if s["stage"] == "systemchat_validate"]
        assert len(stages) == 1, f["source"]
        assert stages[0]["params"]["rules"] == (
            ["structure", "sentinel", "leak"] if f["source"] == "systemchat" else ["structure", "leak"]
        )
    summary = manifest["reports"]["systemchat_validate"]
    assert set(summary["sources"]) == {s.name for s in recipe.sources}
    assert all(s["leak_after"] == 0 for s in summary["sources"].values())
    sc = next(f for f in manifest["files"] if f["source"] == "systemchat")
    sc_stage = next(s for s in sc["stages"] if s["stage"] == "systemchat_validate")
    assert sc_stage["counters"]["leak_found"] == summary["sources"]["systemchat"]["leak_before"] > 0
    assert sc_stage["counters"]["repaired"] == summary["sources"]["systemchat"]["repaired"] > 0
    assert (tmp_path / "out" / "reports" / "systemchat_validate" / "report.md").exists()
    rejects = read_jsonl(tmp_path / "out" / "rejects" / "systemchat_validate.jsonl")
    assert {r["reason"] for r in rejects} <= {"system:leak", "system:sentinel"} | {
        f"system:directive:{k}" for k in R.DIRECTIVE_KINDS
    } | {f"system:structure:{c}" for c in R.STRUCTURE_CODES}
    # structure is a safety net: nothing the converters accepted is rejected by it
    assert not [r for r in rejects if r["reason"].startswith("system:structure:")]
