"""``python -m bench [NAME ...]``: run every benchmark (or the named ones) and print their tables.

Each benchmark module has ``main() -> None`` and prints its own figures; results are also written to
``bench/results/<name>.json`` so the README can quote them.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

BENCHMARKS = [
    "unfilter_speed",
    "unfilter_quality",
    "reply_cv",
    "tokens",
    "dedup",
    "systemchat",
    "build",
    "decontam",
    "engine",
    "io",
]


def run(names: list[str]) -> None:
    if len(names) == 1:
        print(f"\n=== bench {names[0]} ===", flush=True)
        importlib.import_module(f"bench.bench_{names[0]}").main()
        return
    # one process per benchmark, so each peak RSS is that benchmark's own
    for name in names or BENCHMARKS:
        subprocess.run([sys.executable, "-m", "bench", name], check=True)


if __name__ == "__main__":
    run(sys.argv[1:])
