"""README.md tells the truth: its marked shell blocks run exactly as written, and every path it names exists.

A ```sh block preceded by ``<!-- test: LABEL -->`` is runnable. ``setup`` is how the README reaches the command
(``source .venv/bin/activate``); it is run before every command. ``after make all`` blocks run in a folder holding
what ``make all`` leaves (``out/2.9`` built from ``recipes/2.9.yaml``), ``own data`` blocks in the same kind of
folder. The folder is a temp copy: ``raw``, ``recipes`` and ``examples`` are symlinks into the repo (read only) and
``.venv`` points at the environment running the tests, so nothing is written in the repo. Each command must exit
0, every file it names with ``--out``, ``--rejects``, ``--repairs``, ``--stats`` or ``--report`` must exist
afterwards, and a trailing ``# -> TEXT`` comment is text its output must contain.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, read_jsonl

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- test: ([a-z ]+) -->\s*\n```sh\n(.*?)```", re.S)
NAMED_FILE_OPTIONS = ("--out", "--rejects", "--repairs", "--stats", "--report")
# written on another branch (`faults`); checked like every other path once it exists in this tree
PENDING_PATHS = {"docs/guarantees.md"}


def runnable_blocks() -> list[tuple[str, list[str]]]:
    blocks = []
    for label, body in BLOCK.findall(README):
        lines = [line for line in body.replace("\\\n", " ").splitlines() if line.strip()]
        blocks.append((label, lines))
    return blocks


BLOCKS = runnable_blocks()
SETUP = [line for label, lines in BLOCKS if label == "setup" for line in lines]
RUN = [(label, lines) for label, lines in BLOCKS if label != "setup"]


def split_expectation(line: str) -> tuple[str, str | None]:
    """``cmd ...   # -> TEXT`` -> (``cmd ...``, TEXT); a plain ``# comment`` is dropped; no comment -> None."""
    command, _, comment = line.partition(" #")
    comment = comment.strip()
    return command.strip(), comment[2:].strip() if comment.startswith("->") else None


def named_files(command: str) -> list[str]:
    words = shlex.split(command)
    return [words[i + 1] for i, w in enumerate(words[:-1]) if w in NAMED_FILE_OPTIONS]


def shell(cwd: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("VIRTUAL_ENV", None)
    script = "set -e\n" + "\n".join(SETUP) + "\n" + command + "\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make all` leaves, in a temp folder: the repo's inputs (symlinked), the venv, and out/2.9 built."""
    ws = tmp_path_factory.mktemp("readme")
    for name in ("raw", "recipes", "examples"):
        (ws / name).symlink_to(REPO / name, target_is_directory=True)
    venv = Path(sys.prefix)
    assert (venv / "bin" / "activate").is_file(), f"tests must run in the project's venv (no {venv}/bin/activate)"
    (ws / ".venv").symlink_to(venv, target_is_directory=True)
    res = shell(ws, "dolphin-data build recipes/2.9.yaml --out out/2.9 --quiet")  # what `make build` runs
    assert res.returncode == 0, res.stderr
    return ws


def test_the_readme_marks_its_runnable_blocks():
    labels = [label for label, _ in BLOCKS]
    assert labels.count("setup") == 1 and SETUP == ["source .venv/bin/activate"], labels
    assert "after make all" in labels and labels.count("own data") >= 2, labels
    assert README.startswith("# dolphin-data\n\n```sh\nmake all ") and "\nmake test " in README[:400]


@pytest.mark.parametrize(
    ("label", "lines"), RUN, ids=[f"{i}-{label.replace(' ', '_')}" for i, (label, _) in enumerate(RUN)]
)
def test_block_runs_as_written(workspace: Path, label: str, lines: list[str]):
    for line in lines:
        command, expected = split_expectation(line)
        res = shell(workspace, command)
        assert res.returncode == 0, f"{command}\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}"
        assert "Traceback" not in res.stderr, command
        for name in named_files(command):
            assert (workspace / name).exists(), f"{command}: {name} was not written"
        if expected is not None:
            said = " ".join((res.stdout + res.stderr).split())
            assert expected in said, f"{command}: expected {expected!r} in its output:\n{said[:3000]}"


def test_every_file_the_build_table_names_is_in_the_build(workspace: Path):
    section = README.split("## What a build gives you", 1)[1].split("\n## ", 1)[0]
    out = workspace / "out" / "2.9"
    names = [n for row in re.findall(r"^\| (.*?) \|", section, re.M) for n in re.findall(r"`([^`]+)`", row)]
    assert len(names) >= 10, names
    for name in names:
        if "<stage>" in name:
            folder = out / name.split("/")[0]
            assert folder.is_dir() and any(folder.iterdir()), name
        else:
            assert (out / name).exists(), f"README's build table names {name}, not in out/2.9"


def test_every_path_and_test_the_readme_names_exists():
    tops = ("dolphin_data/", "docs/", "tests/", "bench/", "examples/", "recipes/", "raw/", ".ci/")
    checked = 0
    for ref in sorted(set(re.findall(r"`([^`\s]+)`", README))):
        path, _, test = ref.partition("::")
        if not path.startswith(tops) or "<" in path or "*" in path:
            continue
        if path in PENDING_PATHS and not (REPO / path).exists():
            continue
        assert (REPO / path).exists(), f"README names {path}, which does not exist"
        if test:
            assert re.search(rf"^def {re.escape(test)}\(", (REPO / path).read_text(), re.M), f"no {ref}"
        checked += 1
    assert checked >= 30, checked


def test_the_walkthrough_ends_as_the_readme_says(workspace: Path):
    """The prose under "Use it on your own data": which of examples/my_chats.jsonl's rows end where."""
    if not (workspace / "fit.jsonl").exists():  # the block runs first in this module; alone, run it here
        block = next(lines for label, lines in RUN if label == "own data")
        for line in block:
            assert shell(workspace, split_expectation(line)[0]).returncode == 0, line
    ids = {name: [r["id"] for r in read_jsonl(workspace / name)] for name in ("refusals.jsonl", "repairs.jsonl")}
    assert ids == {"refusals.jsonl": ["my_chats:4"], "repairs.jsonl": ["my_chats:5"]}
    dups = {r["id"]: (r["reason"], r["duplicate_of"]) for r in read_jsonl(workspace / "dups.jsonl")}
    assert dups == {"my_chats:6": ("dup:exact", "my_chats:2"), "my_chats:8": ("dup:near", "my_chats:7")}
    assert len(read_jsonl(workspace / "chats.jsonl")) == 20 and read_jsonl(workspace / "chats.rejects.jsonl") == []
    fit = [r["id"] for r in read_jsonl(workspace / "fit.jsonl")]
    assert len(fit) == 17 and fit == [r["id"] for r in read_jsonl(workspace / "stats.jsonl")]
    assert "As an AI language model" not in (workspace / "fit.jsonl").read_text()
