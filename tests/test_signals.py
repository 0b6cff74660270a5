"""SIGTERM (what timeout, Slurm and Kubernetes send) and SIGINT stop a build cleanly: one line saying nothing was
published, exit 130, the previous build untouched, no staging folder, and no worker process left behind; and a
worker whose driver is killed with SIGKILL dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


def _descendants(pid: int) -> set[int]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.add(k)
            todo.append(k)
    return out


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for p in pids:
        try:
            state = (Path(f"/proc/{p}/stat")).read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(p)
    return alive


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from dolphin_data.synth.writer import write_profile

    root = tmp_path_factory.mktemp("sig")
    write_profile(root / "raw", 0.002, seed=1, workers=1)
    return root / "raw"


def _start(raw: Path, out: Path) -> subprocess.Popen:
    code = (
        "from dolphin_data.cli import app; "
        f"app(['build', 'recipes/2.9.yaml', '--raw', {str(raw)!r}, '--out', {str(out)!r}, '-w', '2', '-q', "
        "'--no-cache'])"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_workers(proc: subprocess.Popen, n: int = 2, timeout: float = 60) -> set[int]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        kids = _alive(_descendants(proc.pid))
        if len(kids) >= n:
            return kids
        time.sleep(0.1)
    raise AssertionError("the build never started its workers")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_build_and_leaves_the_previous_one(corpus, tmp_path, sig):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"previous": true}')
    proc = _start(corpus, out)
    kids = _wait_for_workers(proc)
    time.sleep(1.0)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("Error: ") and "nothing published" in err
    assert "Traceback" not in err
    assert (out / "manifest.json").read_text() == '{"previous": true}'
    assert not list(tmp_path.glob(".out.staging-*"))
    time.sleep(0.5)
    assert not _alive(kids), "worker processes outlived the build"


def test_workers_die_with_a_killed_driver(corpus, tmp_path):
    proc = _start(corpus, tmp_path / "out")
    kids = _wait_for_workers(proc)
    proc.kill()
    proc.wait()
    deadline = time.time() + 10
    while _alive(kids) and time.time() < deadline:
        time.sleep(0.1)
    assert not _alive(kids), f"orphans: {_alive(kids)}"
    assert os.path.exists(tmp_path)
