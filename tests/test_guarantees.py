"""Build-level guarantees of issue 12 that need whole builds (docs/guarantees.md lists every promise and its tests):

- kill -9 at random moments of a rebuild over an older, different build never leaves a folder that ``report``
  accepts and that is neither the older build nor a whole new one; the next run finishes it to the same bytes;
- the same recipe and raw files give the same bytes whatever the current directory and however the paths are
  spelled (relative, absolute, through ``..``), with any number of workers, with or without the cache, and under
  another hash seed, locale and TMPDIR;
- an output folder that is a symlink gets the build and stays a link; a folder that does not match its manifest is
  refused by ``report`` and ``explain``; a rebuild leaves no stale file; a second run says who holds the folder."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from dolphin_data.engine.run import build_recipe
from dolphin_data.recipe import load_recipe
from tests.conftest import REPO

RAW = REPO / "raw"
RECIPE = REPO / "recipes" / "2.9.yaml"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a build but its cache and timings (the only parts that may differ between equal builds)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != "timings.json"
    }


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("whole") / "out"
    build_recipe(load_recipe(RECIPE), out, RAW, workers=1, cache=False)
    return tree(out)


def two_source_recipe(folder: Path) -> Path:
    """The 2.9 recipe cut to its first two sources: an older build of 2 files where the new one has 15."""
    data = yaml.safe_load(RECIPE.read_text())
    data["sources"] = data["sources"][:2]
    path = folder / "two.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_kill_9_at_random_moments_never_leaves_a_folder_report_accepts_that_is_not_a_whole_build(tmp_path, whole, cli):
    out = tmp_path / "out"
    build_recipe(load_recipe(two_source_recipe(tmp_path)), out, RAW, workers=1, cache=False)
    older = tree(out)
    assert len([n for n in older if n.endswith(".jsonl") and "/" not in n]) == 2 and older != whole
    code = (
        "from dolphin_data.cli import app; "
        f"app(['build', {str(RECIPE)!r}, '--raw', {str(RAW)!r}, '--out', {str(out)!r}, '-w', '2', '-q'])"
    )
    rng = random.Random(12)  # moments spread over a build's life: start-up, convert, dedup, assembly
    moments: list[float | str] = [round(rng.uniform(0.2, 6.0), 2) for _ in range(3)]
    # and the moments that matter most: writing the result, committed but not published, just published
    moments += [".out.staging-*/rejects/*", ".out.staging-*/manifest.json", "published"]
    seen = {"older": 0, "whole": 0, "refused": 0}
    for moment in moments:
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            deadline, first = time.time() + 120, (out / "manifest.json").stat().st_ino

            def reached(moment: str = moment, first: int = first) -> bool:
                if moment == "published":  # the new manifest is in place; the older build is being removed
                    with contextlib.suppress(OSError):
                        return (out / "manifest.json").stat().st_ino != first
                    return False
                return bool(list(tmp_path.glob(moment)))

            while not reached() and proc.poll() is None and time.time() < deadline:
                time.sleep(0.001)
        with contextlib.suppress(ProcessLookupError):  # the build may have finished (and been reaped) first
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        report = cli("report", out)
        if report.exit_code != 0:  # a folder report refuses is allowed (it says so); a wrong one it accepts is not
            assert report.stderr.startswith("Error: ") and report.stderr.count("\n") == 1, report.stderr
            seen["refused"] += 1
            continue
        now = tree(out)
        assert now in (older, whole), f"killed at {moment}: report accepts a mixed folder"
        seen["older" if now == older else "whole"] += 1
    print(f"kill -9 moments {moments}: {seen}")
    assert seen["refused"] == 0  # publishing is one rename: the folder is always one whole build
    result = cli("build", RECIPE, "--raw", RAW, "--out", out, "-q", "-w", "1")
    assert result.exit_code == 0, result.output
    assert tree(out) == whole
    assert cli("report", out).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out", "two.yaml"]  # no staging left


def test_same_bytes_from_any_directory_path_spelling_workers_cache_hash_seed_locale_and_tmpdir(
    tmp_path, whole, monkeypatch
):
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    spelled = Path("..") / ".." / os.path.relpath(REPO, tmp_path) / "recipes" / ".." / "recipes" / "2.9.yaml"
    raw = Path(os.path.relpath(RAW, elsewhere))  # relative, from another directory
    build_recipe(load_recipe(spelled), Path("out"), raw, workers=2, cache=True)
    assert tree(elsewhere / "out") == whole
    monkeypatch.chdir(REPO)
    build_recipe(load_recipe("recipes/2.9.yaml"), tmp_path / "abs", Path("raw"), workers=1, cache=False)
    assert tree(tmp_path / "abs") == whole
    # another hash seed, locale, temporary folder and a fresh interpreter
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "PYTHONHASHSEED": "12345", "LC_ALL": "C", "LANG": "C", "TMPDIR": str(tmp_path / "tmp")}
    code = f"from dolphin_data.cli import app; app(['build', 'recipes/2.9.yaml', '--out', {str(tmp_path / 'env')!r}, '-q'])"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True, capture_output=True)
    assert tree(tmp_path / "env") == whole


def test_an_output_folder_that_is_a_symlink_gets_the_build_and_stays_a_link(tmp_path, cli):
    recipe = two_source_recipe(tmp_path)
    (tmp_path / "big_disk").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "big_disk")
    for _ in range(2):  # a first build, then a rebuild over it
        result = cli("build", recipe, "--raw", RAW, "--out", tmp_path / "out", "-q", "-w", "1")
        assert result.exit_code == 0, result.output
        assert (tmp_path / "out").is_symlink() and (tmp_path / "big_disk" / "manifest.json").is_file()
        assert cli("report", tmp_path / "out").exit_code == 0
        # nothing beside it but the lock: no staging folder, no moved-aside link
        assert sorted(p.name for p in tmp_path.iterdir()) == [".big_disk.lock", "big_disk", "out", "two.yaml"]


def test_a_folder_that_does_not_match_its_manifest_is_refused_and_a_rebuild_leaves_no_stale_file(tmp_path, cli):
    data = yaml.safe_load(RECIPE.read_text())
    data["sources"] = data["sources"][:3]
    three = tmp_path / "three.yaml"
    three.write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    assert cli("build", three, "--raw", RAW, "--out", out, "-q", "-w", "1").exit_code == 0
    third = data["sources"][2]["output"]
    assert (out / third).is_file()
    # a rebuild of two of the three sources: the third file does not survive beside the new manifest
    assert cli("build", two_source_recipe(tmp_path), "--raw", RAW, "--out", out, "-q", "-w", "1").exit_code == 0
    assert not (out / third).exists() and cli("report", out).exit_code == 0
    first = out / data["sources"][0]["output"]
    damages = {
        "stale file": lambda: (out / third).write_text("{}\n"),
        "changed file": lambda: first.write_bytes(first.read_bytes() + b"{}\n"),
        "missing file": lambda: (out / "rejects" / "convert.jsonl").unlink(),
        "cut manifest": lambda: (out / "manifest.json").write_bytes((out / "manifest.json").read_bytes()[:4000]),
    }
    good = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for what, damage in damages.items():
        damage()
        for args in (["report", out], ["explain", "dolphin_flan:1", "--build", out]):
            result = cli(*args)
            assert result.exit_code == 1 and result.stderr.count("\n") == 1, (what, args[0], result.output)
            assert "rebuild the folder" in result.stderr, result.stderr
        (out / third).unlink(missing_ok=True)
        for p, b in good.items():
            p.write_bytes(b)
        assert cli("report", out).exit_code == 0


def test_a_second_run_into_the_same_folder_says_who_holds_it(tmp_path, cli):
    from dolphin_data.engine.publish import locked

    with locked(tmp_path / "out", "dolphin-data build test"):
        result = cli("build", two_source_recipe(tmp_path), "--raw", RAW, "--out", tmp_path / "out", "-q")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"{tmp_path / 'out'}: in use by pid {os.getpid()} on " in result.stderr
    assert "(dolphin-data build test, since" in result.stderr and not (tmp_path / "out").exists()


def test_every_test_named_in_docs_guarantees_exists():
    import ast
    import re

    refs = set(re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", (REPO / "docs" / "guarantees.md").read_text()))
    assert len(refs) > 40
    for file, name in sorted(refs):
        tree_ = ast.parse((REPO / file).read_text())
        assert name in {n.name for n in ast.walk(tree_) if isinstance(n, ast.FunctionDef)}, f"{file}::{name}"


def test_a_build_never_replaces_a_folder_that_is_not_a_build_or_holds_its_inputs(tmp_path, cli):
    """Once, ``--out raw`` (or a folder holding raw/, or the current folder) was replaced by the build: the raw files
    and everything else in it deleted, exit 0."""
    data = yaml.safe_load(RECIPE.read_text())
    data["sources"] = data["sources"][:1]
    (tmp_path / "one.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    raw = tmp_path / "home" / "raw"
    shutil.copytree(RAW / "dolphin_flan", raw / "dolphin_flan")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    for out in (raw, raw.parent, tmp_path):
        result = cli("build", tmp_path / "one.yaml", "--raw", raw, "--out", out, "-q", "-w", "1")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.output
        assert result.stderr.startswith(f"Error: {out}: holds files but no build (no manifest.json)"), result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    # inputs inside an earlier build's folder: refused too (the rebuild would delete them)
    out = tmp_path / "out"
    assert cli("build", tmp_path / "one.yaml", "--raw", raw, "--out", out, "-q", "-w", "1").exit_code == 0
    shutil.copytree(raw, out / "raw")
    result = cli("build", tmp_path / "one.yaml", "--raw", out / "raw", "--out", out, "-q", "-w", "1")
    assert result.exit_code == 1 and "is inside the output folder" in result.stderr, result.output
    assert (out / "raw" / "dolphin_flan").is_dir()
