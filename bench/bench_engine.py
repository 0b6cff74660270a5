"""One engine: each stage command against ``build`` running the same stage on the same file.

A ShareGPT JSONL file of about ``BENCH_ENGINE_MB`` MB (default 500) is made from the bundled raw samples (every
conversation of the 2.9 sources, repeated with a unique tag so nothing collapses into duplicates). For each stage,
``dolphin-data <stage command> FILE`` and ``dolphin-data build`` of a one-source recipe with only that stage (the
2.9 recipe's parameters for it) run as separate processes with the same ``--workers``; the figures are wall seconds
and the peak RSS of the whole process tree (``bench/proctree.py``), median of ``BENCH_REPEAT`` runs (default 1).
Goal (issue 10): every command's peak within 1.5x of the build's.

``python -m bench engine``; results also go to ``bench/results/engine.json``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import orjson
import yaml

from bench.proctree import measure

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "engine.json"
TARGET_MB = float(os.environ.get("BENCH_ENGINE_MB", "500"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "1"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
COMMANDS = {
    "unfilter": ["unfilter"],
    "dedup": ["dedup"],
    "systemchat_validate": ["systemchat", "validate"],
    "tokens": ["tokens"],
}


def make_file(path: Path, target_mb: float) -> int:
    from dolphin_data.recipe import load_recipe
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.stages.convert import convert_file

    convs = []
    for spec in load_recipe(REPO / "recipes" / "2.9.yaml").sources:
        for f in resolve_raw_files(spec, REPO / "raw"):
            convs += convert_file(f, spec.converter, spec.name)[0]
    rng = random.Random(0)
    n = 0
    written = 0
    with open(path, "wb") as fh:
        while written < target_mb * 1e6:
            c = convs[rng.randrange(len(convs))]
            tag = f" [{n}]"
            rec = {"id": f"bench:{n}", "conversations": [{"from": t.role, "value": t.text + tag} for t in c.turns]}
            line = orjson.dumps(rec) + b"\n"
            fh.write(line)
            written += len(line)
            n += 1
    return n


def command(stage: str, src: Path, work: Path, params: dict) -> list[str]:
    pfile = work / f"{stage}.params.yaml"
    pfile.write_text(yaml.safe_dump(params))
    cmd = [
        sys.executable,
        "-m",
        "dolphin_data",
        *COMMANDS[stage],
        str(src),
        "--out",
        str(work / "out" if stage == "dedup" else work / "out.jsonl"),
        "--rejects",
        str(work / "rej.jsonl"),
        "--params",
        str(pfile),
        "-w",
        WORKERS,
        "-q",
    ]
    if stage == "tokens":
        cmd += ["--stats", str(work / "stats.jsonl")]
    return cmd


def build(stage: str, src: Path, work: Path, params: dict) -> list[str]:
    recipe = {
        "name": f"bench-{stage}",
        "stage_params": {stage: params},
        "sources": [
            {
                "name": "bench",
                "output": "bench.jsonl",
                "converter": "sharegpt",
                "raw": "bench",
                "upstream": {"repo": "local/bench", "files": [src.name]},
                "stages": [stage],
                "floor": {"max_rejected": 1.0},
            }
        ],
    }
    (work / "raw" / "bench").mkdir(parents=True, exist_ok=True)
    link = work / "raw" / "bench" / src.name
    if not link.exists():
        os.link(src, link)
    (work / "recipe.yaml").write_text(yaml.safe_dump(recipe))
    return [
        sys.executable,
        "-m",
        "dolphin_data",
        "build",
        str(work / "recipe.yaml"),
        "--raw",
        str(work / "raw"),
        "--out",
        str(work / "build"),
        "--no-cache",
        "-w",
        WORKERS,
        "-q",
    ]


def main() -> None:
    from dolphin_data.recipe import load_recipe

    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    results: dict = {"target_mb": TARGET_MB, "workers": WORKERS, "repeat": REPEAT, "stages": {}}
    with tempfile.TemporaryDirectory(dir=REPO / "bench") as tmp:
        src = Path(tmp) / "bench.jsonl"
        n = make_file(src, TARGET_MB)
        results["conversations"] = n
        results["mb"] = round(src.stat().st_size / 1e6, 1)
        print(f"input: {results['mb']} MB, {n:,} conversations, --workers {WORKERS}")
        print(f"{'stage':22} {'command s':>10} {'build s':>9} {'command MB':>11} {'build MB':>9} {'ratio':>6}")
        for stage in COMMANDS:
            params = dict(recipe.stage_params.get(stage, {}))
            rows = {"command": [], "build": []}
            for _ in range(REPEAT):
                for kind, make in (("command", command), ("build", build)):
                    work = Path(tmp) / f"{stage}-{kind}"
                    shutil.rmtree(work, ignore_errors=True)
                    work.mkdir()
                    m = measure(make(stage, src, work, params), cwd=REPO)
                    if m.returncode != 0:
                        raise SystemExit(f"bench engine: {stage} {kind} failed: {m.stderr[-2000:]}")
                    rows[kind].append(m)
                    shutil.rmtree(work, ignore_errors=True)
            c_s, b_s = (statistics.median(x.seconds for x in rows[k]) for k in ("command", "build"))
            c_mb, b_mb = (statistics.median(x.peak_rss_mb for x in rows[k]) for k in ("command", "build"))
            results["stages"][stage] = {
                "command_seconds": round(c_s, 2),
                "build_seconds": round(b_s, 2),
                "command_peak_rss_mb": round(c_mb, 1),
                "build_peak_rss_mb": round(b_mb, 1),
                "rss_ratio": round(c_mb / b_mb, 3),
            }
            print(f"{stage:22} {c_s:10.1f} {b_s:9.1f} {c_mb:11.0f} {b_mb:9.0f} {c_mb / b_mb:6.2f}")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
