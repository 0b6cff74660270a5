"""``python -m bench [NAME ...]``: run every benchmark (or the named ones) and print their tables.

Each benchmark module has ``main() -> None`` and prints its own figures; results are also written to
``bench/results/<name>.json`` so the README can quote them.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = [
    "unfilter_speed",
    "unfilter_quality",
    "tokens",
    "dedup",
    "systemchat",
]


def run(names: list[str]) -> None:
    for name in names or BENCHMARKS:
        print(f"\n=== bench {name} ===", flush=True)
        importlib.import_module(f"bench.bench_{name}").main()


if __name__ == "__main__":
    run(sys.argv[1:])
