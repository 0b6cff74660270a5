"""One engine: every stage command, run on the records a 2.9 build hands that stage, writes exactly what the build
writes for it (kept records byte for byte; rejects with the same ids, reasons and evidence; only the file and line
differ, since they name the command's own input).

The input of stage k is the build of the recipe cut just before stage k; the expected result is the build cut just
after it. dedup runs once over every source's file, highest priority first, as in the build."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
import yaml

from dolphin_data.engine.run import build_recipe
from dolphin_data.recipe import load_recipe
from tests.conftest import REPO, read_jsonl

RAW = REPO / "raw"
STAGES = ("unfilter", "dedup", "systemchat_validate", "tokens")
COMMAND = {"unfilter": ["unfilter"], "systemchat_validate": ["systemchat", "validate"], "tokens": ["tokens"]}


def cut(recipe, before: str | None):
    """The recipe with every chain cut just before ``before`` (None: whole)."""
    sources = []
    for s in recipe.sources:
        names = [st.name for st in s.stages]
        stages = s.stages if before is None else s.stages[: names.index(before)]
        sources.append(replace(s, stages=stages))
    return replace(recipe, sources=tuple(sources))


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    root = tmp_path_factory.mktemp("cuts")
    out = {}
    for before in (*STAGES, None):
        name = before or "full"
        build_recipe(cut(recipe, before), root / name, RAW, workers=1)
        out[name] = root / name
    return recipe, out


def without_place(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("file", "line")} for r in rows]


def stage_params(recipe, source, stage: str) -> dict:
    spec = next(st for st in source.stages if st.name == stage)
    return {**recipe.stage_params.get(stage, {}), **spec.params}


def inputs_of(recipe, folder: Path, dest: Path) -> dict[str, Path]:
    """Each source's file from a cut build, copied as <source>.jsonl (the file stem names the source)."""
    dest.mkdir()
    files = {}
    for s in recipe.sources:
        files[s.name] = dest / f"{s.name}.jsonl"
        shutil.copyfile(folder / s.output, files[s.name])
    return files


def expected_rejects(folder: Path, stage: str, source: str) -> list[dict]:
    path = folder / "rejects" / f"{stage}.jsonl"
    rows = read_jsonl(path) if path.exists() else []
    return without_place([r for r in rows if r["source"] == source])


@pytest.mark.parametrize("stage", ["unfilter", "systemchat_validate", "tokens"])
def test_stage_command_equals_the_build(builds, tmp_path, cli, stage):
    recipe, folders = builds
    before = folders[stage]
    after = folders[STAGES[STAGES.index(stage) + 1] if stage != "tokens" else "full"]
    files = inputs_of(recipe, before, tmp_path / "in")
    checked = 0
    for s in recipe.sources:
        params = tmp_path / f"{s.name}.params.yaml"
        params.write_text(yaml.safe_dump(stage_params(recipe, s, stage)))
        out, rej = tmp_path / f"{s.name}.out.jsonl", tmp_path / f"{s.name}.rej.jsonl"
        extra = ["--stats", tmp_path / f"{s.name}.stats.jsonl"] if stage == "tokens" else []
        res = cli(
            *COMMAND[stage],
            files[s.name],
            "--out",
            out,
            "--rejects",
            rej,
            "--params",
            params,
            "--source",
            s.name,
            "-q",
            *extra,
        )
        assert res.exit_code == 0, res.output
        assert out.read_bytes() == (after / s.output).read_bytes(), (stage, s.name)
        assert without_place(read_jsonl(rej)) == expected_rejects(after, stage, s.name), (stage, s.name)
        checked += len(read_jsonl(rej))
    assert checked > 0  # the stage dropped something somewhere: the comparison is not vacuous


def test_dedup_command_over_every_file_equals_the_build(builds, tmp_path, cli):
    recipe, folders = builds
    files = inputs_of(recipe, folders["dedup"], tmp_path / "in")
    params = tmp_path / "dedup.params.yaml"
    params.write_text(yaml.safe_dump({k: v for k, v in recipe.stage_params["dedup"].items() if k != "priority"}))
    res = cli(
        "dedup",
        *files.values(),
        "--out",
        tmp_path / "out",
        "--rejects",
        tmp_path / "rej.jsonl",
        "--params",
        params,
        "-q",
    )
    assert res.exit_code == 0, res.output
    after = folders["systemchat_validate"]
    for s in recipe.sources:
        assert (tmp_path / "out" / f"{s.name}.jsonl").read_bytes() == (after / s.output).read_bytes(), s.name
    got = without_place(read_jsonl(tmp_path / "rej.jsonl"))
    want = without_place(read_jsonl(after / "rejects" / "dedup.jsonl"))
    assert got == want and len(want) > 20
    assert sum(r["duplicate_source"] != r["source"] for r in want) > 0  # cross-source duplicates are in the comparison


def test_convert_command_equals_the_builds_first_step(builds, tmp_path, cli):
    recipe, folders = builds
    first = build_recipe(cut(recipe, "unfilter"), tmp_path / "b", RAW, workers=1)
    del first
    for s in recipe.sources:
        if s.stages and s.stages[0].name == "sample":
            continue  # the build's first step there is convert + sample
        (path,) = list((RAW / s.raw_dir).glob(s.files[0]))
        out, rej = tmp_path / f"{s.name}.jsonl", tmp_path / f"{s.name}.rej.jsonl"
        assert (
            cli(
                "convert",
                path,
                "--from",
                s.converter,
                "--source",
                s.name,
                "--out",
                out,
                "--rejects",
                rej,
                "--train-flags",
                "-q",
            ).exit_code
            == 0
        )
        assert out.read_bytes() == (tmp_path / "b" / s.output).read_bytes(), s.name
        build_rejects = [r for r in read_jsonl(tmp_path / "b" / "rejects" / "convert.jsonl") if r["source"] == s.name]
        assert read_jsonl(rej) == [dict(r, file=path.name) for r in build_rejects]
    assert orjson.loads((tmp_path / "b" / "manifest.json").read_bytes())["totals"]["rows_read"] == 879
