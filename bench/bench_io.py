"""Raw-file reading: the new readers (dolphin_data.io) against the previous ones (bench/legacy_io.py, the reader
as it was before the io package) on synthetic files generated here, plus shard planning and a 2-process
sharded read.

* a JSONL and a JSON-array file of ``SIZE_MB`` each, ShareGPT-like records (multi-turn, escapes, quotes, code;
  non-ASCII words in one text of five), every record distinct. Reading is bound by orjson's parse, which is about
  3x slower on strings with non-ASCII characters;
* per reader: wall seconds (median of ``REPEATS``, the two readers interleaved), MB/s and rows/s, and the ratio
  new / old measured in this run;
* CPU seconds next to wall seconds: on a shared, busy machine the CPU figure is the steadier one;
* the JSON structure scanner alone (``element_bounds``: every element boundary of the file), MB/s;
* ``plan_shards`` at 64 MB for both files, MB/s;
* all shards read by a pool of 2 worker processes (each opens the file and reads its shards) against one
  process reading the whole file, interleaved: the speed-up on this 2-core machine (only meaningful when the
  machine is otherwise idle: ``load_average_1min`` is recorded).

``python -m bench io``; results also go to ``bench/results/io.json``. ``BENCH_IO_MB`` sets the size.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

import orjson

from bench import legacy_io
from dolphin_data.io import iter_rows, plan_shards
from dolphin_data.io.jsonarray import element_bounds

SIZE_MB = int(os.environ.get("BENCH_IO_MB", "300"))
REPEATS = 3
TARGET = 64 << 20
RESULTS = Path(__file__).resolve().parent / "results" / "io.json"

WORDS_TEXT = (
    "the of and to in is you that it for on are with as be at this have from or by word but not what all were "
    "when your can said there use each which she do how their if will up other about out many then them these "
    "some her would make like him into time has look two more write see number way could people than first "
    "water been call who now find long down day did get come made may part"
)
WORDS = WORDS_TEXT.split()
FOREIGN = ["über", "café", "naïve", "数据", "данные", "مرحبا"]  # in one text of five, as in a mostly-English mix
CODE = 'def f(x):\n    return {"a": [x, "y\\\\n"]}  # tab\there\n'


def text(rnd: random.Random, n: int) -> str:
    words = rnd.choices(WORDS + FOREIGN if rnd.random() < 0.2 else WORDS, k=n)
    for i in range(0, n, rnd.randint(15, 40)):
        words[i] += "\n"
    for i in range(3, n, 90):
        words[i] = f'"{words[i]}"'
    return " ".join(words) + (("\n```python\n" + CODE * rnd.randint(1, 4) + "```") if rnd.random() < 0.3 else "")


def records(n: int, seed: int = 0):
    rnd = random.Random(seed)
    pool = [text(rnd, rnd.randint(20, 700)) for _ in range(4000)]
    for i in range(n):
        turns = [{"from": "system", "value": "You are a helpful assistant."}] if i % 3 == 0 else []
        for t in range(rnd.choice((1, 1, 2, 3))):
            turns.append({"from": "human", "value": f"[{i}.{t}] " + pool[rnd.randrange(4000)]})
            turns.append({"from": "gpt", "value": pool[rnd.randrange(4000)]})
        yield {"id": f"r{i}", "conversations": turns}


def generate(folder: Path) -> tuple[Path, Path, int]:
    jl, ja = folder / "bench.jsonl", folder / "bench.json"
    limit = SIZE_MB << 20
    n = 0
    with open(jl, "wb") as f_l, open(ja, "wb") as f_a:
        f_a.write(b"[\n")
        for rec in records(10**9):
            line = orjson.dumps(rec)
            f_l.write(line + b"\n")
            f_a.write((b",\n" if n else b"") + line)
            n += 1
            if f_l.tell() >= limit:
                break
        f_a.write(b"\n]\n")
    return jl, ja, n


def count(rows) -> int:
    n = 0
    for r in rows:
        n += r.error is None
    return n


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def cpu_timed(fn) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn`` in this process: CPU time is less disturbed by other jobs on a shared box."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def read_shards(args: tuple[str, list]) -> int:
    path, shards = args
    return sum(count(iter_rows(path, s)) for s in shards)


def sharded(pool, path: Path, shards: list) -> int:
    # shards go out round-robin in order; a real engine would keep the order of results the same way
    jobs = [(str(path), shards[i::2]) for i in range(2)]
    return sum(pool.map(read_shards, jobs))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench_io_") as tmp:
        t = time.perf_counter()
        jl, ja, n = generate(Path(tmp))
        mb = {p: p.stat().st_size / 2**20 for p in (jl, ja)}
        print(
            f"generated {n:,} records: {mb[jl]:.0f} MB JSONL, {mb[ja]:.0f} MB JSON array "
            f"in {time.perf_counter() - t:.1f} s",
            flush=True,
        )
        out: dict = {
            "load_average_1min": round(os.getloadavg()[0], 1),
            "records": n,
            "mb": {"jsonl": round(mb[jl], 1), "json": round(mb[ja], 1)},
            "repeats": REPEATS,
        }
        for fmt, path in (("jsonl", jl), ("json", ja)):
            old, new = [], []
            for _ in range(REPEATS):
                old.append(cpu_timed(lambda p=path: count(legacy_io.iter_rows(p))))
                new.append(cpu_timed(lambda p=path: count(iter_rows(p))))
            assert count(iter_rows(path)) == count(legacy_io.iter_rows(path)) == n
            o, w = statistics.median(x[0] for x in old), statistics.median(x[0] for x in new)
            oc, wc = statistics.median(x[1] for x in old), statistics.median(x[1] for x in new)
            out[fmt] = {
                "old_s": round(o, 2),
                "new_s": round(w, 2),
                "old_mb_s": round(mb[path] / o, 1),
                "new_mb_s": round(mb[path] / w, 1),
                "old_rows_s": round(n / o),
                "new_rows_s": round(n / w),
                "speedup": round(o / w, 2),
                "old_cpu_s": round(oc, 2),
                "new_cpu_s": round(wc, 2),
                "new_mb_per_cpu_s": round(mb[path] / wc, 1),
                "cpu_speedup": round(oc / wc, 2),
            }
            print(
                f"{fmt:5}  old {mb[path] / o:7.1f} MB/s {n / o:9,.0f} rows/s   new {mb[path] / w:7.1f} MB/s "
                f"{n / w:9,.0f} rows/s   new/old {o / w:.2f}x wall, {oc / wc:.2f}x CPU "
                f"(new {mb[path] / wc:.0f} MB per CPU second)",
                flush=True,
            )
        scans = [cpu_timed(lambda: element_bounds(ja)) for _ in range(REPEATS)]
        scan, scan_cpu = statistics.median(x[0] for x in scans), statistics.median(x[1] for x in scans)
        out["json_scan_mb_s"] = round(mb[ja] / scan, 1)
        out["json_scan_mb_per_cpu_s"] = round(mb[ja] / scan_cpu, 1)
        print(
            f"JSON structure scan (every element boundary): {mb[ja] / scan:.0f} MB/s wall, "
            f"{mb[ja] / scan_cpu:.0f} MB per CPU second",
            flush=True,
        )
        ctx = get_context("spawn")
        with ctx.Pool(2) as pool:
            pool.map(read_shards, [(str(jl), [])] * 2)  # start the workers (imports) before timing
            for fmt, path in (("jsonl", jl), ("json", ja)):
                plan = statistics.median(timed(lambda p=path: plan_shards(p, TARGET)) for _ in range(REPEATS))
                shards = plan_shards(path, TARGET)
                assert sharded(pool, path, shards) == n
                pars, wholes = [], []
                for _ in range(REPEATS):  # interleaved: the machine's load changes over minutes
                    pars.append(timed(lambda p=path, s=shards: sharded(pool, p, s)))
                    wholes.append(timed(lambda p=path: count(iter_rows(p))))
                par, whole = statistics.median(pars), statistics.median(wholes)
                out[fmt].update(
                    {
                        "plan_s": round(plan, 2),
                        "plan_mb_s": round(mb[path] / plan, 1),
                        "shards": len(shards),
                        "two_workers_s": round(par, 2),
                        "two_workers_speedup": round(whole / par, 2),
                        "two_workers_vs_old": round(out[fmt]["old_s"] / (plan + par), 2),
                    }
                )
                print(
                    f"{fmt:5}  plan_shards({TARGET >> 20} MB): {len(shards)} shards in {plan:.2f} s "
                    f"({mb[path] / plan:.0f} MB/s); 2 workers {par:.2f} s = {whole / par:.2f}x one process; "
                    f"plan + 2 workers vs old reader {out[fmt]['old_s'] / (plan + par):.2f}x",
                    flush=True,
                )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
