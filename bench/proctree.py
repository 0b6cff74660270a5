"""Run a command and measure it as a whole: wall seconds and the peak RSS of its whole process tree.

The tree's RSS (the command and every descendant: spawned workers, Ray processes) is sampled every ``interval``
seconds from ``/proc``; the peak is the largest sum seen. Short spikes between samples can be missed, so the figure
is a slight underestimate; each process's own ``VmHWM`` (also read, at every sample) bounds it from above.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float  # largest sum of the tree's RSS seen
    peak_hwm_sum_mb: float  # sum of each process's own peak (an upper bound)
    returncode: int
    stderr: str


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _rss_hwm(pid: int) -> tuple[int, int]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    rss = hwm = 0
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
    return rss, hwm


def measure(cmd: list[str], cwd: str | Path | None = None, env: dict[str, str] | None = None,
            interval: float = 0.05) -> Measured:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    hwm: dict[int, int] = {}
    while proc.poll() is None:
        total = 0
        for p in _tree(proc.pid):
            rss, h = _rss_hwm(p)
            total += rss
            hwm[p] = max(hwm.get(p, 0), h)
        peak = max(peak, total)
        time.sleep(interval)
    _, err = proc.communicate()
    return Measured(time.perf_counter() - t0, peak / 2**20, sum(hwm.values()) / 2**20, proc.returncode, err)
