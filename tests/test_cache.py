"""Resumable, content-keyed builds: nothing changed -> nothing run; a changed unfilter parameter -> only unfilter and
what follows it run again; kill -9 in the middle of a build -> the next build finishes from the finished shards and
writes the same bytes as an uninterrupted one, and the output folder is never a mix of two builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from dolphin_data.engine.run import build_recipe
from dolphin_data.recipe import load_recipe
from tests.conftest import REPO

RAW = REPO / "raw"
RECIPE = REPO / "recipes" / "2.9.yaml"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != "timings.json"
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "out"
    build_recipe(load_recipe(RECIPE), out, RAW, workers=1, cache=False)
    return tree(out)


def test_rebuild_with_nothing_changed_runs_nothing(tmp_path, reference):
    recipe = load_recipe(RECIPE)
    first, second = {}, {}
    build_recipe(recipe, tmp_path / "out", RAW, workers=1, stats=first)
    assert first["tasks_from_cache"] == 0 and first["tasks_run"] > 30
    build_recipe(recipe, tmp_path / "out", RAW, workers=1, stats=second)
    assert {k: second[k] for k in ("tasks_from_cache", "tasks_run", "ran")} == {
        "tasks_from_cache": first["tasks_run"],
        "tasks_run": 0,
        "ran": {},
    }
    assert second["seconds"] == {}  # nothing ran
    assert tree(tmp_path / "out") == reference


def test_shard_boundaries_are_found_once_per_file_version(tmp_path, monkeypatch):
    """Cutting a raw file into shards reads all of it: a rebuild reuses the cut while the file's size, mtime and inode
    stay the same, and cuts again a file that changed."""
    import dolphin_data.io as io

    raw = tmp_path / "raw"
    subprocess.run(["cp", "-r", str(RAW), str(raw)], check=True)
    cut: list[str] = []
    real = io.plan_shards
    monkeypatch.setattr(io, "plan_shards", lambda path, target: cut.append(Path(path).name) or real(path, target))
    recipe = load_recipe(RECIPE)
    build_recipe(recipe, tmp_path / "out", raw, workers=1)
    files = sorted(cut)
    assert len(files) >= 15
    cut.clear()
    build_recipe(recipe, tmp_path / "out", raw, workers=1)
    assert cut == []
    touched = next(p for p in sorted(raw.rglob("*")) if p.name == files[0])
    os.utime(touched, ns=(time.time_ns(), time.time_ns()))
    build_recipe(recipe, tmp_path / "out", raw, workers=1)
    assert cut == [touched.name]


def test_changing_an_unfilter_parameter_redoes_unfilter_and_what_follows_only(tmp_path):
    recipe = load_recipe(RECIPE)
    build_recipe(recipe, tmp_path / "out", RAW, workers=1)
    changed = replace(
        recipe,
        stage_params={**recipe.stage_params, "unfilter": {**recipe.stage_params["unfilter"], "report_samples": 3}},
    )
    stats: dict = {}
    build_recipe(changed, tmp_path / "out", RAW, workers=1, stats=stats)
    assert not any(name.startswith("convert") for name in stats["ran"]), stats["ran"]  # raw files not read again
    assert all("unfilter" in name or "systemchat_validate" in name for name in stats["ran"]), stats["ran"]
    assert stats["tasks_from_cache"] >= 15  # every source's convert
    # same verdicts -> same sketches -> the dedup decision comes from the store as well
    assert "dedup decide" not in (tmp_path / "out" / "timings.json").read_text()


def test_force_runs_everything_and_no_cache_leaves_no_cache(tmp_path, reference):
    recipe = load_recipe(RECIPE)
    build_recipe(recipe, tmp_path / "out", RAW, workers=1)
    stats: dict = {}
    build_recipe(recipe, tmp_path / "out", RAW, workers=1, force=True, stats=stats)
    assert stats["tasks_from_cache"] == 0
    build_recipe(recipe, tmp_path / "plain", RAW, workers=1, cache=False)
    assert not (tmp_path / "plain" / ".cache").exists()
    assert tree(tmp_path / "out") == tree(tmp_path / "plain") == reference


def _build_in_subprocess(out: Path, workers: int) -> subprocess.Popen:
    code = (
        "import sys; from dolphin_data.cli import app; "
        f"app(['build', {str(RECIPE)!r}, '--raw', {str(RAW)!r}, '--out', {str(out)!r}, '--workers', '{workers}', '-q'])"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("finished", [3, 20])
def test_kill_9_mid_build_then_resume_gives_the_same_bytes(tmp_path, reference, finished):
    out = tmp_path / "out"
    build_recipe(load_recipe(RECIPE), out, RAW, workers=1, cache=False)  # an older build is there
    before = tree(out)
    (RAW / "dolphin_flan")  # the raw samples are read only
    proc = _build_in_subprocess(out, 2)
    deadline = time.time() + 600  # generous: on a loaded machine the first tasks can take minutes
    seen = 0
    while time.time() < deadline and proc.poll() is None:
        seen = len(list((out / ".cache").glob("tasks/*/*/result.pkl")))
        if seen >= finished:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= finished, f"the build finished only {seen} task(s) before the deadline"
    # the folder is the older build, whole (or, had it finished, the new one: the same bytes here)
    assert tree(out) == before
    stats: dict = {}
    build_recipe(load_recipe(RECIPE), out, RAW, workers=1, stats=stats)
    assert tree(out) == reference
    assert stats["tasks_from_cache"] >= min(finished, 3)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert leftovers == [".out.lock"], leftovers  # no staging folder of the killed run is left
