"""Build memory and time: peak RSS and wall time of whole builds of a synthetic OpenHermes-style source.

Each build runs in its own child process (``VmHWM`` from ``/proc/self/status`` is that build's own peak) over a
JSON array of N conversations (templated ShareGPT records with a random variant tag, a few exact copies) with
the stages of the 2.9 mix (unfilter with langid, dedup, systemchat_validate, tokens). The streaming build's peak
is compared with the figure measured for the in-memory build before streaming (935 MB at 200k conversations of a
94 MB array); that build is no longer reachable from the code.

``python -m bench build``; results also go to ``bench/results/build.json``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = (50_000, 200_000, 400_000)
RESULTS = Path(__file__).resolve().parent / "results" / "build.json"
IN_MEMORY_BEFORE = {"conversations": 200_000, "input_mb": 94, "peak_rss_mb": 935}  # measured before streaming

RECIPE = """\
name: bench-build
sources:
  - name: openhermes
    output: openhermes.jsonl
    converter: openhermes
    upstream: {repo: teknium/OpenHermes-2.5, files: [openhermes2_5.json]}
    stages: [unfilter, dedup, systemchat_validate, tokens]
stage_params:
  unfilter: {classifier: default, langid: true}
  systemchat_validate: {rules: [structure, leak], require_system: false, check_directives: false}
"""

PROMPTS = [
    ("For each year, say whether it is a leap year: 1950, 1822, 2011, 1877.",
     "A year is a leap year if it is divisible by 4, except century years, which must be divisible by 400."),
    ("Write a short fable about a river and a stone, with a moral at the end.",
     "A stone sat in the middle of a river and said, 'Go around me; I will not move.' The river flowed around it "
     "until the stone was smooth and small. Moral: patience can wear down what force cannot."),
    ("How can I measure how long a function takes in Python?",
     "For a quick measurement use `time.perf_counter()`; for benchmarks use `timeit`, which repeats the call."),
    ("Explain photosynthesis to a ten-year-old.",
     "Plants catch sunlight with their leaves and use it to turn water and air into sugar, their food, "
     "and they breathe out the oxygen we need."),
]


def make_source(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        human, gpt = PROMPTS[i % len(PROMPTS)]
        tag = f"(variant {i} {rng.random():.6f})"
        rows.append({"conversations": [{"from": "system", "value": "", "weight": None},
                                       {"from": "human", "value": f"{human} {tag}", "weight": None},
                                       {"from": "gpt", "value": f"{gpt} {tag}", "weight": None}],
                     "source": "bench", "category": None})
        if i % 50 == 49:  # an exact copy now and then, so dedup has clusters to report
            rows.append(rows[-1])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows))


CHILD = """
import sys, time
from dolphin_data.pipeline import run_build
from dolphin_data.recipe import load_recipe
t0 = time.perf_counter()
run_build(load_recipe(sys.argv[1]), sys.argv[2], sys.argv[3], workers=None)
secs = time.perf_counter() - t0
hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))
print(secs, hwm)
"""


def build_once(root: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root / "r.yaml"), str(root / "out"), str(root / "raw")],
                         check=True, capture_output=True, text=True)
    secs, hwm_kb = out.stdout.split()[-2:]
    return float(secs), int(hwm_kb) / 1024


def main() -> None:
    rows = []
    for n in SIZES:
        with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
            root = Path(tmp)
            (root / "r.yaml").write_text(RECIPE)
            src = root / "raw" / "openhermes" / "openhermes2_5.json"
            make_source(src, n)
            mb = src.stat().st_size / 2**20
            secs, rss = build_once(root)
        rows.append({"conversations": n, "input_mb": round(mb, 1), "seconds": round(secs, 1),
                     "peak_rss_mb": round(rss), "rss_per_input_mb": round(rss / mb, 2)})
        print(f"{n:>8,} conversations  {mb:7.1f} MB in  {secs:7.1f} s  peak RSS {rss:7.0f} MB  "
              f"({rss / mb:.2f} MB per input MB)", flush=True)
    before = IN_MEMORY_BEFORE
    print(f"in-memory build before streaming (measured earlier, not rerun): {before['conversations']:,} conversations, "
          f"{before['input_mb']} MB in, peak RSS {before['peak_rss_mb']} MB "
          f"({before['peak_rss_mb'] / before['input_mb']:.2f} MB per input MB)")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"streaming": rows, "in_memory_before": before,
                                   "note": "one child process per build; peak RSS = VmHWM; wall time includes model loading"},
                                  indent=2) + "\n")


if __name__ == "__main__":
    sys.argv = sys.argv[:1]
    main()
