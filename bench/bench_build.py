"""Whole builds of the 2.9 recipe on a synthetic full-schema corpus, driven only through the CLI.

``dolphin-data synth --profile 2.9 --scale F`` writes a raw/ folder in every upstream schema with planted problems
(F=1 is the full mix; ``BENCH_SCALE`` or the first argument sets F, default 0.2; ``BENCH_RAW=DIR`` reuses a folder
written by ``python -m bench.bench_build synth F DIR``; ``BENCH_REBUILDS=0`` skips the rebuilds, ``=unchanged`` runs only the one with nothing changed), then
``dolphin-data build recipes/2.9.yaml --raw DIR`` builds it with the default workers (all cores) and with
``--workers 1``, interleaved, ``BENCH_REPEATS`` times each (default 2; ``BENCH_MODES=default`` runs only the
first); medians are reported, and the speed-up is the ratio of the median wall times measured in this run.

Per build: wall seconds, CPU seconds of the process tree (user + system of the reaped children: on a shared
machine the wall time depends on the load, the CPU time much less), conversations/s and MB/s (raw input bytes), ``timings.json`` as the build wrote it (the
engine's own per-stage or per-source seconds), and memory. Memory method (``bench/proctree.py``): a thread walks
the build's process tree in ``/proc`` every 0.1 s and sums ``VmRSS`` over it (peak tree RSS, sampled: a spike
shorter than 0.1 s can be missed) and keeps each process's largest ``VmHWM`` (their sum bounds the tree's peak
from above). The ground truth is scored on the first build (planted rows whose outcome matched).

``python -m bench build [F]``; results go to ``bench/results/build.json`` under the key of the scale.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.proctree import TreeSampler

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "build.json"
RECIPE = ROOT / "recipes" / "2.9.yaml"
CLI = [sys.executable, "-c", "from dolphin_data.cli import run; run()"]  # the console script, wherever PATH points


def run_measured(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd`` in its own session; wall seconds and memory of its process tree."""
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=ROOT
    )
    mem = TreeSampler(proc.pid, 0.1)
    tail: list[str] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        tail = (tail + [line])[-20:]
    code = proc.wait()
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    memory = mem.finish()
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{''.join(tail)}")
    return {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 1), **memory}


def build(raw: Path, out: Path, workers: int | None, recipe: Path = RECIPE) -> dict[str, Any]:
    cmd = [*CLI, "build", str(recipe), "--raw", str(raw), "--out", str(out)]
    if workers:
        cmd += ["--workers", str(workers)]
    res = run_measured(cmd)
    manifest = json.loads((out / "manifest.json").read_text())
    timings_path = out / "timings.json"
    res["timings"] = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    res["rows_read"] = manifest["totals"]["rows_read"]
    res["records_written"] = manifest["totals"]["records_written"]
    return res


def measure_rebuilds(raw: Path, out: Path, tmp: Path, only_unchanged: bool = False) -> dict[str, Any]:
    """Rebuild into the folder of a finished build: with nothing changed (3 times, the median quoted), then with one
    unfilter parameter changed (a copy of the recipe with ``classifier_threshold: 0.6``; skipped with
    ``BENCH_REBUILDS=unchanged``); what was redone comes from ``timings.json``."""
    text = RECIPE.read_text()
    assert "  unfilter: {}\n" in text, "the 2.9 recipe's unfilter line changed: update measure_rebuilds"
    changed = tmp / "2.9-threshold.yaml"
    changed.write_text(text.replace("  unfilter: {}\n", "  unfilter: {classifier_threshold: 0.6}\n"))
    plan = [("nothing_changed", RECIPE)] * 3 + ([] if only_unchanged else [("unfilter_param_changed", changed)])
    out_: dict[str, Any] = {}
    for name, recipe in plan:
        res = build(raw, out, None, recipe)
        tasks = res["timings"].get("tasks", {})
        seen = out_.setdefault(name, {"seconds_all": []})
        seen["seconds_all"].append(res["seconds"])
        seen.update(
            seconds=round(statistics.median(seen["seconds_all"]), 2), cpu_seconds=res["cpu_seconds"], tasks=tasks
        )
        print(
            f"  rebuild {name}: {res['seconds']:.1f} s (CPU {res['cpu_seconds']:.0f} s), "
            f"{tasks.get('from_cache', '?')} task(s) from the cache, redone: {tasks.get('ran', {})}",
            flush=True,
        )
    return out_


def summarise(runs: list[dict[str, Any]], conversations: int, mb: float) -> dict[str, Any]:
    secs = statistics.median(r["seconds"] for r in runs)
    return {
        "runs": len(runs),
        "seconds_median": round(secs, 2),
        "seconds_all": [r["seconds"] for r in runs],
        "cpu_seconds_median": statistics.median(r["cpu_seconds"] for r in runs),
        "conversations_per_s": round(conversations / secs),
        "mb_per_s": round(mb / secs, 2),
        "peak_tree_rss_mb_median": statistics.median(r["peak_tree_rss_mb"] for r in runs),
        "sum_vmhwm_mb_median": statistics.median(r["sum_vmhwm_mb"] for r in runs),
        "timings_first_run": runs[0]["timings"],
    }


def main(scale: float | None = None) -> None:
    from dolphin_data.synth.truth import read_truth, score

    scale = scale or float(os.environ.get("BENCH_SCALE", "0.2"))
    repeats = int(os.environ.get("BENCH_REPEATS", "2"))
    modes = [
        m
        for m in (("default", None), ("workers_1", 1))
        if m[0] in os.environ.get("BENCH_MODES", "default,workers_1").split(",")
    ]
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        raw = Path(tmp) / "raw"
        given = os.environ.get("BENCH_RAW")  # a folder written earlier by the same synth command: not regenerated
        if given:
            raw = Path(given)
            gen = json.loads((raw / "BENCH_SYNTH.json").read_text())
        else:
            gen = run_measured([*CLI, "synth", "--profile", "2.9", "--scale", str(scale), "--out", str(raw), "-q"])
        meta = json.loads((raw / "SYNTH.json").read_text())
        if abs(float(meta.get("scale", scale)) - scale) > 1e-9:
            raise SystemExit(f"BENCH_RAW={given} holds scale {meta.get('scale')}, not {scale}")
        n, mb = meta["conversations"], meta["bytes"] / 1e6
        print(
            f"synth --profile 2.9 --scale {scale}: {n:,} conversations, {mb:,.0f} MB in {gen['seconds']:.1f} s "
            f"(CPU {gen['cpu_seconds']:.0f} s) "
            f"({mb / gen['seconds']:.0f} MB/s, peak tree RSS {gen['peak_tree_rss_mb']} MB)",
            flush=True,
        )
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in modes}
        truth_score = None
        rebuilds: dict[str, Any] = {}
        for rep in range(repeats):
            for name, workers in modes:
                out = Path(tmp) / f"out-{name}-{rep}"
                res = build(raw, out, workers)
                runs[name].append(res)
                print(
                    f"  build {name:9s} #{rep + 1}: {res['seconds']:7.1f} s (CPU {res['cpu_seconds']:.0f} s)  "
                    f"{n / res['seconds']:7,.0f} conv/s  "
                    f"{mb / res['seconds']:5.2f} MB/s  peak tree RSS {res['peak_tree_rss_mb']:,} MB "
                    f"(sum of VmHWM {res['sum_vmhwm_mb']:,} MB, {res['processes']} processes)",
                    flush=True,
                )
                if truth_score is None:
                    truth_score = score(read_truth(raw / "GROUND_TRUTH.jsonl"), out)
                    mode = os.environ.get("BENCH_REBUILDS", "1")
                    if mode != "0":
                        rebuilds = measure_rebuilds(raw, out, Path(tmp), only_unchanged=mode == "unchanged")
                subprocess.run(["rm", "-rf", str(out)], check=True)
    result: dict[str, Any] = {name: summarise(r, n, mb) for name, r in runs.items()}
    result["rebuilds"] = rebuilds
    speedup = (
        result["workers_1"]["seconds_median"] / result["default"]["seconds_median"]
        if "workers_1" in result and "default" in result
        else None
    )
    assert truth_score is not None
    print(
        "median: "
        + ", ".join(f"{k} {v['seconds_median']} s" for k, v in result.items() if k != "rebuilds")
        + (f", speed-up {speedup:.2f}x" if speedup else "")
        + f" (cores: {os.cpu_count()})"
    )
    print(
        "timings.json (first default build): "
        + ", ".join(
            f"{k} {v} s" for k, v in result["default"]["timings_first_run"].items() if isinstance(v, int | float)
        )
    )
    print(
        f"ground truth: {truth_score['certain_matched']}/{truth_score['certain']} certain planted rows as expected; "
        + ", ".join(f"{k} {v['recall']}" for k, v in truth_score["kinds"].items())
    )
    entry = {
        "scale": scale,
        "conversations": n,
        "input_mb": round(mb, 1),
        "synth": {**gen, "mb_per_s": round(mb / gen["seconds"], 1)},
        **result,
        "speedup_default_vs_workers_1": round(speedup, 2) if speedup else None,
        "cores": os.cpu_count(),
        "load_average_at_end": os.getloadavg()[0],
        "ground_truth": {k: truth_score[k] for k in ("kinds", "certain", "certain_matched")},
    }
    RESULTS.parent.mkdir(exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not isinstance(previous, dict) or "streaming" in previous:  # the file of the former single-source benchmark
        previous = {}
    previous[str(scale)] = entry
    RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")


def synth(scale: float, raw: Path) -> None:
    """Write the synthetic corpus once (with its generation figures) for later runs with ``BENCH_RAW``."""
    gen = run_measured([*CLI, "synth", "--profile", "2.9", "--scale", str(scale), "--out", str(raw), "-q"])
    (raw / "BENCH_SYNTH.json").write_text(json.dumps(gen))
    print(json.dumps(gen))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "synth":
        synth(float(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(float(sys.argv[1]) if len(sys.argv) > 1 else None)
