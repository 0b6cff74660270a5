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
            for raw, item in zip(
                iter_rows(path), convert_rows(iter_rows(path), spec.converter, spec.name), strict=True
            ):
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
    repaired = sum(
        st.get("counters", {}).get("repaired", 0)
        for f in manifest["files"]
        for st in f["stages"]
        if st["stage"] == "unfilter"
    )
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
            assert dropped(rejects, "systemchat_validate")[key]["reason"].startswith("system:directive:"), (
                source,
                line,
            )
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
    all_later_drops = {
        (r["source"], r["id"]) for stage, rs in rejects.items() if stage not in ("convert", "_repairs") for r in rs
    }
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
    assert "repair 1  unfilter: rule " in res.output and ", turn 1" in res.output and "removed   " in res.output
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
    one = [
        datasets.load_dataset("json", data_files=f, split="train", cache_dir=str(tmp_path / "hf")) for f in files[:3]
    ]
    assert len(datasets.concatenate_datasets(one)) == sum(len(d) for d in one)


def test_explain_shows_repairs_and_the_kept_copy_of_a_duplicate(build, cli):
    out, manifest, _, rejects, _ = build
    repairs = read_jsonl(out / "repairs" / "systemchat_validate.jsonl")
    assert repairs and "repairs/systemchat_validate.jsonl" in manifest["side"]
    res = cli("explain", repairs[0]["id"], "--build", out)
    assert res.exit_code == 0 and "repair 1  systemchat_validate: rule system:leak" in res.output
    assert repairs[0]["removed"][0][:30] in res.output.replace("\n", " ").replace("│", "")
    dup = next(r for r in rejects["dedup"] if r["reason"] == "dup:near")
    res = cli("explain", dup["id"], "--build", out)
    assert f"kept copy {dup['duplicate_of']}:" in res.output and "similarity" in res.output


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_report_sections_follow_the_pipeline_with_a_readable_dedup_matrix_and_cluster_list(build, cli):
    out, manifest, *_ = build
    res = cli("report", out)
    assert res.exit_code == 0, res.output
    heads = [line.split(" ─")[0] for line in _lines(res.output) if re.match(r"^\d+\. \w+", line)]
    assert heads == [
        "1. convert - from manifest.json",
        f"2. unfilter ({out}/reports/unfilter)",
        f"3. dedup ({out}/reports/dedup)",
        f"4. systemchat_validate ({out}/reports/systemchat_validate)",
        f"5. tokens ({out}/reports/tokens)",
        "6. write - from manifest.json",
    ]
    text = res.output
    # the matrix: full source names on numbered rows, columns numbered 1..15 as the rows
    sources = [f["source"] for f in manifest["files"]]
    header = next(line for line in _lines(text) if "removed from \\ kept in" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")][2:] == [str(k) for k in range(1, 16)]
    rows = [line for line in _lines(text) if re.match(r"^│ +\d+ │ \w+ +│( +\d+ │){15}$", line)]
    assert [r.split("│")[2].strip() for r in rows] == sources
    assert rows[13].split("│")[1:4] == [" 14 ", " openhermes                 ", " 1 "]
    # the cluster list: 20 numbered clusters, one kept row each, numbers right-aligned past 10
    kept = [line for line in _lines(text) if "│ kept (" in line]
    assert [int(line.split("│")[1]) for line in kept] == list(range(1, 21))
    assert kept[8].startswith("│  9 │") and kept[9].startswith("│ 10 │") and kept[10].startswith("│ 11 │")
    # convert and write come from the manifest
    assert (
        "│ orca_math                  │ orca_math             │         1 │        50 │        48 │        2 │" in text
    )
    assert re.search(r"│ total +│ +│ +879 │ +763 │ +116 │", text)


def test_markdown_dedup_report_has_the_numbered_matrix_and_one_cluster_table(build):
    out, manifest, *_ = build
    md = (out / "reports" / "dedup" / "dedup.md").read_text()
    assert "| # | removed from \\ kept in | " + " | ".join(str(k) for k in range(1, 16)) + " |" in md
    assert "| 10 | toolbench\\_instruct\\_j1s1\\_3k | 0 |" in md
    assert "| 14 | openhermes | 1 | 1 | 0 | 0 | 0 | 2 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 7 | 0 |" in md
    numbered = re.findall(r"^\| (\d+) \| [^|]+ \| [^|]+ \| kept \\\(2 records\\\) \|", md, re.M)
    assert numbered == [str(k) for k in range(1, 21)]
    assert "|  | openhermes:300 | openhermes | dup:near | 0.836 |" in md
    assert not re.search(r"^\s+- ", md, re.M)  # no nested list that breaks after item 9


def test_explain_renders_a_refusal_drop_a_repair_and_a_near_duplicate(build, cli):
    out, *_ = build
    drop = _lines(cli("explain", "openhermes:258", "--build", out).output)
    labels = [line.strip("│ ").split("  ")[0] for line in drop[1:-1]]
    assert labels[:5] == ["stage", "reason", "from", "matched", "rules"]
    assert "│  matched  I'm sorry, but I can't help (turn 1 gpt, rule regex:apology_refusal)" in "\n".join(drop)
    assert "│  rules    classifier, regex:apology_refusal, regex:cannot_assist" in "\n".join(drop)
    assert "│ turns" in "\n".join(drop) and "│  1 gpt    I'm sorry, but I can't help with creating" in "\n".join(drop)
    assert not any("{" in line for line in drop)  # no JSON blob
    repair = "\n".join(_lines(cli("explain", "openhermes:278", "--build", out).output))
    assert "openhermes:278: kept in openhermes200k_unfiltered.jsonl line 258 (repaired)" in repair
    assert (
        "│  repair 1  unfilter: rule lexicon:as_an_ai_language_model,regex:ai_no_feelings,regex:as_an_ai, turn 1"
        in repair
    )
    assert "│  removed   As an AI language model, I don't have personal preferences." in repair
    dup = "\n".join(_lines(cli("explain", "openhermes:300", "--build", out).output))
    assert "│  duplicate of  openhermes:101 (openhermes)" in dup and "│  similarity    0.8361" in dup
    assert "│ kept copy openhermes:101: openhermes200k_unfiltered.jsonl line 101" in dup


def test_stage_command_on_a_built_file_keeps_its_source_name(build, cli, tmp_path):
    out, *_ = build
    src = tmp_path / "mine.jsonl"  # a built file under another name: its ids still say openhermes
    src.write_bytes((out / "openhermes200k_unfiltered.jsonl").read_bytes())
    res = cli("dedup", src, "--out", tmp_path / "d.jsonl", "--rejects", tmp_path / "r.jsonl", "--threshold", "0.5")
    assert res.exit_code == 0, res.output
    rejects = read_jsonl(tmp_path / "r.jsonl")
    assert rejects and {r["source"] for r in rejects} == {"openhermes"}
    assert all(r["id"].startswith("openhermes:") for r in rejects)
