"""Progress people trust: dedup's decide reports its phases with sizes, the build's time summary, shell completion."""

from __future__ import annotations

import os

import numpy as np
from rich.console import Console

from dolphin_data.cli.progress import time_table
from dolphin_data.dedup.config import DedupConfig
from dolphin_data.dedup.decide import decide
from dolphin_data.dedup.sketch import ShingleWriter, sketch
from dolphin_data.engine.plan import id_source
from tests.conftest import write_jsonl


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str | int | None]] = []

    def start(self, description: str, total: int | None) -> None:
        self.events.append(("start", description))
        self.events.append(("total", total))

    def advance(self, n: int = 1) -> None:
        self.events.append(("advance", n))

    def stop(self) -> None:
        self.events.append(("stop", None))


def test_decide_reports_each_phase_with_its_size(tmp_path):
    base = "the quick brown fox jumps over the lazy dog and then runs far away into the forest"
    texts = [base, base, base + " again", "a completely different sentence about cooking pasta with garlic and oil", ""]
    cfg = DedupConfig(threshold=0.7)
    with ShingleWriter(os.path.join(tmp_path, "s.u64")) as w:
        sk = sketch(texts, cfg, w)
    rec = Recorder()
    res = decide(sk, config=cfg, progress=rec)
    starts = [e[1] for e in rec.events if e[0] == "start"]
    assert starts == [
        "dedup: exact groups (1/5), records",
        "dedup: candidates (2/5), records",
        "dedup: verify (3/5), candidate pairs",
        "dedup: cluster (4/5), edges",
        "dedup: label (5/5), records",
    ]
    totals = [e[1] for e in rec.events if e[0] == "total"]
    assert totals == [5, 3, res.stats["candidate_pairs"], res.stats["verified_pairs"], 5]
    assert res.stats["candidate_pairs"] >= 1 and res.stats["verified_pairs"] == 1
    # every phase ends where it started: its total advanced, then stopped
    per_phase, cur = [], 0
    for kind, value in rec.events:
        if kind == "advance":
            cur += int(value or 0)
        elif kind == "stop":
            per_phase.append(cur)
            cur = 0
    assert per_phase == totals
    assert list(res.reason) == [0, 1, 2, 0, 0]  # kept, dup:exact, dup:near, kept, kept (empty text)
    assert np.isclose(decide(sk, config=cfg).similarity[2], res.similarity[2])  # no hook, same verdicts


def test_time_table_lists_stages_in_pipeline_order():
    timings = {
        "sample decide": 0.0,
        "wave 1": 4.5,
        "wave 2": 3.2,
        "dedup decide": 0.5,
        "wave 3": 1.3,
        "run": 9.0,
        "assemble": 1.0,
        "worker_seconds": {
            "unfilter": 5.0,
            "write": 2.0,
            "tokens": 1.5,
            "sketch dedup": 0.5,
            "convert": 0.5,
            "read": 0.0,
        },
    }
    console = Console(width=100, record=True)
    console.print(time_table(timings))
    text = console.export_text()
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    assert text.startswith("time per stage (build 10.0 s wall clock, 3 wave(s))")
    assert rows == [
        ["read", "0.0", "0%", "all workers"],
        ["convert", "0.5", "5%", "all workers"],
        ["sample decide", "0.0", "0%", "driver, wall clock"],
        ["unfilter", "5.0", "45%", "all workers"],
        ["sketch dedup", "0.5", "5%", "all workers"],
        ["dedup decide", "0.5", "5%", "driver, wall clock"],
        ["tokens", "1.5", "14%", "all workers"],
        ["write", "2.0", "18%", "all workers"],
        ["assemble", "1.0", "9%", "driver, wall clock"],
    ]


def test_shell_completion_is_on(cli):
    res = cli("--help")
    assert "--install-completion" in res.output and "--show-completion" in res.output


def test_id_source_reads_the_prefix_the_ids_carry(tmp_path):
    same = write_jsonl(
        tmp_path / "x.jsonl", [{"id": "orca_math:1", "conversations": []}, {"id": "orca_math:2@7", "conversations": []}]
    )
    mixed = write_jsonl(tmp_path / "y.jsonl", [{"id": "a:1", "conversations": []}, {"id": "b:1", "conversations": []}])
    bare = write_jsonl(tmp_path / "z.jsonl", [{"id": "17", "conversations": []}])
    assert (id_source(same), id_source(mixed), id_source(bare)) == ("orca_math", None, None)
