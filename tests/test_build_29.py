"""The 2.9 recipe on the bundled raw/ samples: every planted problem (raw/PLANTED.md) ends where it should,
nothing unplanted is dropped, every output line is trainer-valid, the manifest adds up, a rebuild is identical."""

from __future__ import annotations

import re

import pytest

from dolphin_data.engine.run import build_recipe as run_build
from dolphin_data.io import iter_rows
from dolphin_data.recipe import load_recipe
from dolphin_data.sources import resolve_raw_files
from dolphin_data.stages.convert import convert_rows
from tests.conftest import REPO, read_jsonl
from tests.test_build import assert_trainer_valid
from tests.test_recipe import DOLPHIN_29_OUTPUTS

RECIPE = REPO / "recipes" / "2.9.yaml"


def planted_rows() -> list[tuple[str, int, str, str]]:
    """(source, line, kind, expected outcome) for every row of raw/PLANTED.md's per-source tables."""
    rows, source = [], None
    for line in (REPO / "raw" / "PLANTED.md").read_text().splitlines():
        m = re.match(r"^## (\w+) \(", line)
        if m:
            source = m.group(1)
            continue
        m = re.match(r"^\| (\d+) \| (\w+) \| .* \| (.+) \|$", line)
        if m and source:
            rows.append((source, int(m.group(1)), m.group(2), m.group(3).strip()))
    return rows


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("b29") / "out"
    recipe = load_recipe(RECIPE)
    manifest = run_build(recipe, out, REPO / "raw", workers=1)
    # line -> id, from converting the raw files exactly as the build does
    ids: dict[tuple[str, int], str] = {}
    for spec in recipe.sources:
        for path in resolve_raw_files(spec, REPO / "raw"):
            for raw, item in zip(iter_rows(path), convert_rows(iter_rows(path), spec.converter, spec.name), strict=True):
                ids[(spec.name, raw.line)] = item.id
    rejects = {p.stem: read_jsonl(p) for p in (out / "rejects").glob("*.jsonl")}
    rejects["_repairs"] = read_jsonl(out / "repairs" / "unfilter.jsonl")
    outputs = {s.name: read_jsonl(out / s.output) for s in recipe.sources}
    return out, manifest, ids, rejects, outputs


def dropped(rejects, stage):
    return {(r["source"], r["id"]): r for r in rejects.get(stage, [])}


def test_fifteen_trainer_valid_files_and_accounting(build):
    out, manifest, _, _, outputs = build
    assert sorted(f["output"] for f in manifest["files"]) == sorted(DOLPHIN_29_OUTPUTS)
    for recs in outputs.values():
        for rec in recs:
            assert_trainer_valid(rec)
    for f in manifest["files"]:
        assert f["rows_read"] == f["records_written"] + f["rows_rejected"]
        assert f["records_written"] == len(outputs[f["source"]])
        assert [s["stage"] for s in f["stages"]][0] == "convert" and f["stages"][-1]["stage"] == "tokens"
    for stage in ("dedup", "tokens", "unfilter", "systemchat_validate"):
        assert stage in manifest["reports"], stage
    assert set(manifest["side"]) == {"repairs/unfilter.jsonl", "repairs/systemchat_validate.jsonl"}
    repaired = sum(st.get("counters", {}).get("repaired", 0) for f in manifest["files"] for st in f["stages"]
                   if st["stage"] == "unfilter")
    assert repaired == len({r["id"] for r in read_jsonl(out / "repairs" / "unfilter.jsonl")}) == 8
    assert (out / "reports" / "unfilter" / "report.html").exists()


def test_every_planted_problem_has_its_outcome(build):
    _, _, ids, rejects, outputs = build
    kept = {(src, r["id"]) for src, recs in outputs.items() for r in recs}
    convert_rej = {(r["source"], r["line"]): r["reason"] for r in rejects["convert"]}
    expected_drops: set[tuple[str, str]] = set()
    repaired: set[tuple[str, str]] = set()
    for source, line, kind, outcome in planted_rows():
        if outcome.startswith("convert: reject"):
            reason = outcome.split()[2]
            assert convert_rej.get((source, line)) == reason, (source, line, outcome)
            continue
        key = (source, ids[(source, line)])
        if outcome.startswith("unfilter: repair"):
            # boilerplate before a real answer: the sentence is stripped, the answer kept (policy repair)
            assert key in kept, (source, line, outcome)
            fixes = [r for r in rejects["_repairs"] if (r["source"], r["id"]) == key]
            assert fixes and all(r["rule"] and r["removed"] and r["after_chars"] < r["before_chars"] for r in fixes)
            text = next(r for r in outputs[source] if r["id"] == key[1])["conversations"][fixes[0]["turn"]]["value"]
            assert fixes[0]["removed"] not in text and "as an ai" not in text.lower(), (source, line, text)
            repaired.add(key)
        elif "KEEP" in outcome or "kept" in outcome:
            assert key in kept, (source, line, kind, outcome)
        elif outcome.startswith("unfilter: drop"):
            assert dropped(rejects, "unfilter")[key]["reason"].startswith("refusal:"), (source, line)
            expected_drops.add(key)
        elif outcome.startswith("dedup: drop as"):
            assert dropped(rejects, "dedup")[key]["reason"] == outcome.split()[3], (source, line)
            expected_drops.add(key)
        elif outcome.startswith("tokens:"):
            assert dropped(rejects, "tokens")[key]["reason"] == "tokens:too_long", (source, line)
            expected_drops.add(key)
        elif outcome.startswith("systemchat conformance"):
            assert dropped(rejects, "systemchat_validate")[key]["reason"].startswith("system:directive:"), (source, line)
            expected_drops.add(key)
        elif outcome.startswith("systemchat validate: reject"):
            # dropped with a system:* reason, or kept after --repair removed the offending text
            rej = dropped(rejects, "systemchat_validate").get(key)
            if rej is not None:
                assert rej["reason"].startswith("system:"), (source, line)
                expected_drops.add(key)
            else:
                assert key in kept, (source, line)
        else:
            raise AssertionError(f"unhandled planted outcome: {outcome}")
    # nothing that was not planted is dropped after conversion
    all_later_drops = {(r["source"], r["id"]) for stage, rs in rejects.items() if stage not in ("convert", "_repairs")
                       for r in rs}
    assert all_later_drops == expected_drops
    # ... and nothing that was not planted as boilerplate is repaired
    assert {(r["source"], r["id"]) for r in rejects["_repairs"]} == repaired


def test_systemchat_leakage_is_zero_after_the_stage(build):
    _, manifest, _, _, outputs = build
    leak = re.compile(r"system (message|prompt)|my instructions", re.I)
    for rec in outputs["systemchat"]:
        asked = False
        for turn in rec["conversations"][1:]:
            if turn["from"] == "human" and leak.search(turn["value"]):
                asked = True
            if turn["from"] == "gpt" and not asked:
                assert not leak.search(turn["value"]), rec["id"]


def test_rebuild_is_byte_identical(build, tmp_path):
    out, *_ = build
    run_build(load_recipe(RECIPE), tmp_path / "again", REPO / "raw", workers=2)
    for path in sorted(p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts):
        rel = path.relative_to(out)
        if rel.name == "timings.json":
            continue
        assert (tmp_path / "again" / rel).read_bytes() == path.read_bytes(), rel


def test_explain_shows_a_repair(build, cli):
    out, *_ = build
    res = cli("explain", "openhermes:278", "--build", out)
    assert res.exit_code == 0, res.output
    assert "kept in openhermes200k_unfiltered.jsonl" in res.output
    assert "repaired by unfilter (" in res.output and "turn 1: removed" in res.output
    assert "As an AI language model" in res.output


def test_report_command_shows_every_stage(build, cli):
    out, *_ = build
    result = cli("report", out)
    assert result.exit_code == 0
    for stage in ("dedup", "systemchat_validate", "tokens", "unfilter"):
        assert stage in result.output


def test_every_built_file_loads_together_with_datasets(build, tmp_path):
    """One schema across the 15 files: `datasets` loads them as one dataset (and each concatenates with the others)."""
    import datasets

    out, manifest, *_ = build
    files = [str(out / f["output"]) for f in manifest["files"]]
    ds = datasets.load_dataset("json", data_files=files, split="train", cache_dir=str(tmp_path / "hf"))
    assert len(ds) == manifest["totals"]["records_written"]
    flags = {(t["from"], t["train"]) for row in ds for t in row["conversations"]}
    # every turn has a flag: Agent-FLAN's own `loss`, elsewhere the trainer's default (assistant turns are trained)
    assert {("system", False), ("human", False), ("gpt", True)} <= flags and None not in {f for _, f in flags}
    one = [datasets.load_dataset("json", data_files=f, split="train", cache_dir=str(tmp_path / "hf")) for f in files[:3]]
    assert len(datasets.concatenate_datasets(one)) == sum(len(d) for d in one)


def test_explain_shows_repairs_and_the_kept_copy_of_a_duplicate(build, cli):
    out, manifest, _, rejects, _ = build
    repairs = read_jsonl(out / "repairs" / "systemchat_validate.jsonl")
    assert repairs and "repairs/systemchat_validate.jsonl" in manifest["side"]
    res = cli("explain", repairs[0]["id"], "--build", out)
    assert res.exit_code == 0 and "repaired by systemchat_validate (system:leak)" in res.output
    assert repairs[0]["removed"][0][:30] in res.output.replace("\n", " ").replace("│", "")
    dup = next(r for r in rejects["dedup"] if r["reason"] == "dup:near")
    res = cli("explain", dup["id"], "--build", out)
    assert f"kept copy {dup['duplicate_of']}:" in res.output and "similarity" in res.output
