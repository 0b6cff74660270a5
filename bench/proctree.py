"""Run a command and measure it as a whole: wall seconds and the peak RSS of its whole process tree.

The tree's RSS (the command and every descendant: spawned workers, Ray processes) is sampled every ``interval``
seconds from ``/proc``; the peak is the largest sum seen. Short spikes between samples can be missed, so the figure
is a slight underestimate; each process's own ``VmHWM`` (also read, at every sample) bounds it from above.
"""

from __future__ import annotations

import os
import subprocess
import threading
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


class TreeSampler:
    """Samples the tree under ``pid`` every ``interval`` seconds in a thread: peak summed RSS and each member's
    largest ``VmHWM`` (``finish()`` stops it and returns the figures in MB)."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.hwm: dict[int, int] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            total = 0
            for p in _tree(self.pid):
                rss, h = _rss_hwm(p)
                total += rss
                self.hwm[p] = max(self.hwm.get(p, 0), h)
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)

    def finish(self) -> dict[str, float]:
        self.stop.set()
        self.thread.join()
        return {
            "peak_tree_rss_mb": round(self.peak / 2**20),
            "sum_vmhwm_mb": round(sum(self.hwm.values()) / 2**20),
            "processes": len(self.hwm),
        }


def measure(
    cmd: list[str], cwd: str | Path | None = None, env: dict[str, str] | None = None, interval: float = 0.05
) -> Measured:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid, interval)
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.finish()
    return Measured(seconds, sampler.peak / 2**20, sum(sampler.hwm.values()) / 2**20, proc.returncode, err)
