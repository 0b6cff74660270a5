"""Whole-process dedup: ``dolphin-data dedup FILE`` against the baseline scripts on the same file, same run.

Every command is a fresh process (interpreter start, imports, reading the JSONL, dedup, writing the kept
records and the rejects), started in turn (ours, ours with 2 workers, datasketch, rensa, ours, ...), so a busy spell on the
shared machine hits each alike; per command: wall seconds, CPU seconds (user + system of the process and
its children, from ``wait4``) and peak RSS. The harness itself stays small (it never holds the corpus), so
a child's peak is its own. Quality comes from each command's rejects: clusters are the components of the
``record -> duplicate_of`` edges; recall is the share of planted pairs at or above the threshold that end in
one cluster; a false merge is a removed record whose ``duplicate_of`` is not connected to it by planted
pairs at or above the threshold.

``profile_ours`` runs the command's plan through the engine in a child and reports where its time goes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def write_corpus(path: Path, scale: float, seed: int = 0) -> None:
    """The synthetic corpus as one ShareGPT JSONL file, its ids, and its planted pairs (run in a child)."""
    import orjson

    from dolphin_data.synth import generate

    corpus = generate(scale, seed)
    with open(path, "wb") as fh:
        for i in range(len(corpus)):
            fh.write(orjson.dumps(corpus.record(i)) + b"\n")
    pl = corpus.planted
    np.savez(
        str(path) + ".planted.npz",
        ia=np.array([p["ia"] for p in pl]),
        ib=np.array([p["ib"] for p in pl]),
        jaccard=np.array([p["jaccard"] for p in pl]),
    )
    Path(str(path) + ".ids.json").write_text(json.dumps(corpus.ids))


def commands(src: Path, work: Path) -> dict[str, tuple[list[str], Path]]:
    """name -> (argv, rejects file)."""
    py = sys.executable
    return {
        "ours": (
            [
                str(BIN / "dolphin-data"),
                "dedup",
                str(src),
                "--out",
                str(work / "ours.jsonl"),
                "--rejects",
                str(work / "ours.rejects.jsonl"),
                "--quiet",
            ],
            work / "ours.rejects.jsonl",
        ),
        "ours_2_workers": (
            [
                str(BIN / "dolphin-data"),
                "dedup",
                str(src),
                "--out",
                str(work / "ours2.jsonl"),
                "--rejects",
                str(work / "ours2.rejects.jsonl"),
                "--quiet",
                "--workers",
                "2",
            ],
            work / "ours2.rejects.jsonl",
        ),
        "datasketch": (
            [
                py,
                "-m",
                "bench.baselines.dedup_datasketch",
                str(src),
                str(work / "datasketch.jsonl"),
                str(work / "datasketch.rejects.jsonl"),
            ],
            work / "datasketch.rejects.jsonl",
        ),
        "rensa": (
            [
                py,
                "-m",
                "bench.baselines.dedup_rensa",
                str(src),
                str(work / "rensa.jsonl"),
                str(work / "rensa.rejects.jsonl"),
            ],
            work / "rensa.rejects.jsonl",
        ),
    }


def timed(argv: list[str]) -> dict[str, float]:
    """Wall, CPU (user + system, the process and what it waited for) and peak RSS of one run of ``argv``."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_rss_gb": ru.ru_maxrss / 1024**2}


def quality(src: Path, rejects: Path, threshold: float) -> dict[str, Any]:
    from dolphin_data.dedup.cluster import union_find

    ids = json.loads(Path(str(src) + ".ids.json").read_text())
    index = {k: i for i, k in enumerate(ids)}
    pl = np.load(str(src) + ".planted.npz")
    rem, dup = [], []
    with open(rejects, "rb") as fh:
        for line in fh:
            r = json.loads(line)
            if str(r.get("reason", "")).startswith("dup:"):
                rem.append(index[r["id"]])
                dup.append(index[r["duplicate_of"]])
    n = len(ids)
    rem_a, dup_a = np.array(rem, np.int64), np.array(dup, np.int64)
    cluster = union_find(n, rem_a, dup_a)
    above = pl["jaccard"] >= threshold
    ia, ib = pl["ia"][above], pl["ib"][above]
    truth = union_find(n, ia, ib)
    below = ~above
    return {
        "removed": len(rem),
        "planted_pairs_above": int(above.sum()),
        "recall": round(float((cluster[ia] == cluster[ib]).mean()), 4),
        "false_merges": int((truth[rem_a] != truth[dup_a]).sum()),
        "planted_pairs_below_merged": int((cluster[pl["ia"][below]] == cluster[pl["ib"][below]]).sum()),
    }


def median(xs: list[float]) -> float:
    return float(np.median(xs))


def compare(scale: float, repeats: int, threshold: float) -> dict[str, Any]:
    """Write the corpus, run the three commands ``repeats`` times interleaved; medians, ratios, quality."""
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        work = Path(tmp)
        src = work / "synth.jsonl"
        subprocess.run(
            [sys.executable, "-m", "bench.baselines.whole_process", "write", str(src), str(scale)], cwd=ROOT, check=True
        )
        size_mb = src.stat().st_size / 1e6
        cmds = commands(src, work)
        runs: dict[str, list[dict[str, float]]] = {k: [] for k in cmds}
        for r in range(repeats):
            for name, (argv, _) in cmds.items():
                runs[name].append(timed(argv))
                print(
                    f"  round {r + 1}/{repeats} {name:10s} {runs[name][-1]['wall']:7.1f} s wall "
                    f"{runs[name][-1]['cpu']:7.1f} s cpu {runs[name][-1]['peak_rss_gb']:5.2f} GB",
                    flush=True,
                )
        q = {name: quality(src, rej, threshold) for name, (_, rej) in cmds.items()}
        prof = profile_ours(src, work)
        ids = json.loads(Path(str(src) + ".ids.json").read_text())
    out: dict[str, Any] = {
        "records": len(ids),
        "file_mb": round(size_mb, 1),
        "repeats": repeats,
        "commands": {},
        "quality": q,
        "profile_ours": prof,
    }
    for name, rs in runs.items():
        out["commands"][name] = {
            "wall_s_median": round(median([x["wall"] for x in rs]), 2),
            "cpu_s_median": round(median([x["cpu"] for x in rs]), 2),
            "peak_rss_gb_max": round(max(x["peak_rss_gb"] for x in rs), 2),
            "wall_s_all": [round(x["wall"], 2) for x in rs],
            "cpu_s_all": [round(x["cpu"], 2) for x in rs],
        }
    for base in ("datasketch", "rensa", "ours_2_workers"):
        # ratio per round (same busy spell), then the median of the ratios
        wall = [b["wall"] / a["wall"] for a, b in zip(runs["ours"], runs[base], strict=True)]
        cpu = [b["cpu"] / a["cpu"] for a, b in zip(runs["ours"], runs[base], strict=True)]
        out[f"speedup_vs_{base}"] = {
            "wall": round(median(wall), 2),
            "cpu": round(median(cpu), 2),
            "wall_all": [round(x, 2) for x in wall],
        }
    return out


def profile_ours(src: Path, work: Path) -> dict[str, Any]:
    """Where the time of ``dolphin-data dedup`` goes: the same one-stage plan through the engine, in a child
    process, with the engine's own timings (worker seconds by step, the driver's decide, assembling)."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.baselines.whole_process", "profile", str(src), str(work)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _profile_child(src: str, work: str) -> None:
    t0 = time.perf_counter()
    from dolphin_data.context import RunContext
    from dolphin_data.engine.plan import StagePlan, plan_files
    from dolphin_data.engine.run import RunOptions, Targets, run_command

    t_import = time.perf_counter() - t0
    plan = plan_files([Path(src)], [StagePlan("dedup", {})], ctx=RunContext(workers=1))
    opts = RunOptions()
    run_command(
        plan,
        Targets({plan.sources[0].output: Path(work) / "profile.jsonl"}, Path(work) / "profile.rejects.jsonl", {}, None),
        opts,
    )
    t = opts.timings
    steps = {
        "imports": round(t_import, 2),
        **{f"worker {k}": v for k, v in t.get("worker_seconds", {}).items()},  # type: ignore[union-attr]
        "driver: dedup decide": t.get("dedup decide", 0.0),
        "driver: assemble outputs": t.get("assemble", 0.0),
    }
    print(json.dumps({"seconds": steps, "total": round(time.perf_counter() - t0, 2)}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_corpus(Path(sys.argv[2]), float(sys.argv[3]))
    elif sys.argv[1] == "profile":
        _profile_child(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "compare":
        print(json.dumps(compare(float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))))
