"""Dedup benchmark on the synthetic corpus (``dolphin_data.synth``, planted pairs at known Jaccard).

* throughput of the algorithm, in one process, normalisation and shingling included: ours (``deduplicate``:
  sketch, then decide: keys, signatures, LSH, exact-Jaccard verification, clusters) on 200k conversations and
  on the 20k subset that the in-process baselines run on; datasketch (``MinHash.bulk`` + ``MinHashLSH``) and
  rensa (``RMinHash`` per document + ``RMinHashLSH``) on that 20k subset, both fed the same normalised word
  5-grams built in Python; each side timed ``REPEATS`` times, interleaved, best taken (shared machine);
* the phases as the engine will run them: the 200k sketched in 2 worker processes (one shard each, spill file
  per shard), decided in this process from the returned sketches; same verdicts as one process;
* recall of planted pairs whose true Jaccard is >= 0.8, and false merges (a record removed as the duplicate of
  a record it is not connected to by planted >= 0.8 pairs) with and without the exact Jaccard check;
* whole process (``bench.baselines.whole_process``): ``dolphin-data dedup FILE --out DIR --rejects REJ`` against
  standalone datasketch and rensa scripts doing the same job on the same ~200k-conversation JSONL file in the
  same run (interleaved, medians of wall and CPU time, peak RSS), recall and false merges of each from its
  rejects, and where our process spends its time;
* peak RSS of dedup at 1M and 3M conversations streamed: a child sketches texts that a grandchild generates
  chunk by chunk (``synth.iter_texts``, 50k conversations per chunk, through a bounded queue), then decides;
  it reports its own peak RSS (``VmHWM``) after sketching and at the end, and the size of the sketch.

``python -m bench dedup``; results also go to ``bench/results/dedup.json``. ``BENCH_DEDUP_3M=0`` skips 3M;
``BENCH_DEDUP_WHOLE_REPEATS`` sets the whole-process rounds (default 3).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from dolphin_data.dedup import DedupConfig, ShingleWriter, Sketch, decide, deduplicate, sketch, sketch_batches
from dolphin_data.dedup.cluster import union_find
from dolphin_data.dedup.jaccard import exact_jaccard
from dolphin_data.dedup.minhash import normalise, shingle_hashes
from dolphin_data.synth import generate, iter_texts

THRESHOLD = 0.8
SCALE = 1.0  # 200k
SUBSET = 20_000
RSS_SCALES = (5.0, 15.0)  # 1M, 3M
REPEATS = 2
RESULTS = Path(__file__).resolve().parent / "results" / "dedup.json"
ROOT = Path(__file__).resolve().parent.parent


def py_shingles(text: str, n: int = 5) -> list[bytes]:
    w = normalise(text).split()
    return [" ".join(w[i : i + n]).encode() for i in range(max(1, len(w) - n + 1))] if w else []


def run_ours(corpus, n: int, exact_check: bool = True):
    texts_of = lambda idx: [corpus.text(i) for i in idx]  # noqa: E731
    t = time.perf_counter()
    res = deduplicate(
        n, texts_of, np.zeros(n, np.int64), np.arange(n), DedupConfig(threshold=THRESHOLD, exact_check=exact_check)
    )
    return time.perf_counter() - t, res


def run_datasketch(corpus, n: int) -> tuple[float, int]:
    from datasketch import MinHash, MinHashLSH

    t = time.perf_counter()
    shingles = [py_shingles(corpus.text(i)) for i in range(n)]
    sigs = MinHash.bulk(shingles, num_perm=128)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    for i, m in enumerate(sigs):
        lsh.insert(i, m)
    pairs = sum(len(lsh.query(m)) - 1 for m in sigs)
    return time.perf_counter() - t, pairs


def run_rensa(corpus, n: int) -> tuple[float, int]:
    from rensa import RMinHash, RMinHashLSH

    t = time.perf_counter()
    sigs = []
    for i in range(n):
        m = RMinHash(128, 42)
        m.update([s.decode() for s in py_shingles(corpus.text(i))])
        sigs.append(m)
    lsh = RMinHashLSH(THRESHOLD, 128, 16)
    for i, m in enumerate(sigs):
        lsh.insert(i, m)
    pairs = sum(len(lsh.query(m)) - 1 for m in sigs)
    return time.perf_counter() - t, pairs


def _sketch_shard(texts: list[str], path: str) -> Sketch:
    return sketch_batches(
        (texts[i : i + 4096] for i in range(0, len(texts), 4096)), DedupConfig(threshold=THRESHOLD), path
    )


def run_sharded(corpus, n: int, workers: int = 2):
    """sketch in ``workers`` processes (one shard each, its own spill file), decide here: the engine's flow."""
    cfg = DedupConfig(threshold=THRESHOLD)
    cuts = np.linspace(0, n, workers + 1).astype(int)
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        shards = [[corpus.text(i) for i in range(a, b)] for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            pool.submit(_sketch_shard, ["warm up"], os.path.join(tmp, "warm.u64")).result()
            t = time.perf_counter()
            futs = [pool.submit(_sketch_shard, s, os.path.join(tmp, f"shard{k}.u64")) for k, s in enumerate(shards)]
            parts = [f.result() for f in futs]
            t_sketch = time.perf_counter() - t
            res = decide(parts, None, None, cfg)
            secs = time.perf_counter() - t
    return secs, t_sketch, res, sum(len(pickle.dumps(p)) for p in parts)


def quality(corpus, res) -> dict[str, float | int]:
    """Recall of planted >= threshold pairs, and merges not backed by planted >= threshold pairs."""
    n = len(corpus)
    pl = corpus.planted
    ia = np.array([p["ia"] for p in pl])
    ib = np.array([p["ib"] for p in pl])
    h, off = shingle_hashes([corpus.text(i) for i in ia] + [corpus.text(i) for i in ib])
    true_j = exact_jaccard(h, off, np.arange(len(pl)), np.arange(len(pl), 2 * len(pl)))
    above = true_j >= THRESHOLD
    truth = union_find(n, ia[above], ib[above])
    recall = float((res.cluster[ia[above]] == res.cluster[ib[above]]).mean())
    removed = np.flatnonzero(~res.kept)
    false_merges = int((truth[removed] != truth[res.survivor[removed]]).sum())
    below_merged = int((res.cluster[ia[~above]] == res.cluster[ib[~above]]).sum())
    return {
        "planted_pairs_above": int(above.sum()),
        "recall": round(recall, 4),
        "false_merges": false_merges,
        "planted_pairs_below_merged": below_merged,
        "planted_pairs_below": int((~above).sum()),
        "removed": int(len(removed)),
    }


def _produce(queue, scale: float) -> None:
    for texts in iter_texts(scale, seed=0):
        queue.put(texts)
    queue.put(None)


def peak_rss_kb() -> int:
    """Peak resident set of this process's own address space (``VmHWM``). Not ``ru_maxrss``: that survives
    ``exec`` on Linux, so a child would report the RSS of the parent that forked it."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_child(scale: float) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue(maxsize=1)
    producer = ctx.Process(target=_produce, args=(queue, scale))
    producer.start()
    cfg = DedupConfig()
    start_kb = peak_rss_kb()
    t = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        with ShingleWriter(os.path.join(tmp, "shingles.u64")) as writer:
            parts = []
            while (texts := queue.get()) is not None:
                parts.append(sketch(texts, cfg, writer))
        producer.join()
        sk = Sketch.concat(parts)
        del parts
        t_sketch = time.perf_counter() - t
        sketched_kb = peak_rss_kb()
        spill_gb = os.path.getsize(os.path.join(tmp, "shingles.u64")) / 1024**3
        res = decide(sk, None, None, cfg)
    secs = time.perf_counter() - t
    print(
        json.dumps(
            {
                "documents": int(res.stats["documents"]),
                "rss_start_kb": start_kb,
                "rss_after_sketch_kb": sketched_kb,
                "peak_rss_kb": peak_rss_kb(),
                "sketch_mb": round(sk.nbytes / 1e6, 1),
                "spill_gb": round(spill_gb, 2),
                "seconds": round(secs, 1),
                "sketch_seconds": round(t_sketch, 1),
                "removed": int((~res.kept).sum()),
                "decide_seconds": res.stats["seconds"],
            }
        )
    )


def best_of(fn, *args):
    best, out = float("inf"), None
    for _ in range(REPEATS):
        secs, out = fn(*args)
        best = min(best, secs)
    return best, out


def in_process(out: dict[str, object]) -> None:
    t = time.perf_counter()
    corpus = generate(SCALE, seed=0)
    n = len(corpus)
    print(
        f"synthetic corpus: {n:,} conversations, {len(corpus.planted):,} planted pairs ({time.perf_counter() - t:.1f} s to generate)"
    )
    run_ours(corpus, 2000)  # warm-up: code-point tables and power tables are built once per process
    secs, res = run_ours(corpus, n, exact_check=True)
    q_on = quality(corpus, res)
    secs_off, res_off = run_ours(corpus, n, exact_check=False)
    q_off = quality(corpus, res_off)
    secs2, sketch2, res2, pickled = run_sharded(corpus, n)
    assert np.array_equal(res2.survivor, res.survivor) and np.array_equal(res2.reason, res.reason)
    ours_full = n / secs
    print(
        f"ours, {n:,} docs, exact check on,  1 process : {secs:6.1f} s  {ours_full:9,.0f} docs/s  phases {res.stats['seconds']}"
    )
    print(
        f"ours, {n:,} docs, sketch in 2 processes, decide here: {secs2:6.1f} s  {n / secs2:9,.0f} docs/s "
        f"(sketch {sketch2:.1f} s; same verdicts; sketches returned {pickled / 1e6:.1f} MB pickled, {pickled / n:.0f} B/record)"
    )
    print(f"ours, {n:,} docs, exact check off, 1 process : {secs_off:6.1f} s  {n / secs_off:9,.0f} docs/s")
    sub = SUBSET
    times: dict[str, list[float]] = {"ours": [], "datasketch": [], "rensa": []}
    pairs = {}
    for _ in range(REPEATS):  # interleaved, so a busy spell on the shared machine hits every side alike
        times["ours"].append(run_ours(corpus, sub)[0])
        s_ds, pairs["datasketch"] = run_datasketch(corpus, sub)
        times["datasketch"].append(s_ds)
        s_rs, pairs["rensa"] = run_rensa(corpus, sub)
        times["rensa"].append(s_rs)
    s_ours, s_ds, s_rs = (min(times[k]) for k in ("ours", "datasketch", "rensa"))
    rates = {
        "ours_200k": ours_full,
        "ours_200k_sketch_2proc": n / secs2,
        "ours_200k_no_check": n / secs_off,
        "ours_20k": sub / s_ours,
        "datasketch_20k": sub / s_ds,
        "rensa_20k": sub / s_rs,
    }
    print(
        f"20k subset (same 20k conversations for all three, best of {REPEATS}, interleaved): ours {rates['ours_20k']:,.0f} docs/s, "
        f"datasketch {rates['datasketch_20k']:,.0f} docs/s, rensa {rates['rensa_20k']:,.0f} docs/s"
    )
    print(
        f"ratio vs datasketch: {rates['ours_20k'] / rates['datasketch_20k']:.1f}x (same 20k, one process each); "
        f"ours at 200k against datasketch's 20k rate: {ours_full / rates['datasketch_20k']:.1f}x"
    )
    print(
        f"ratio vs rensa:      {rates['ours_20k'] / rates['rensa_20k']:.1f}x (same 20k, one process each); "
        f"ours at 200k against rensa's 20k rate: {ours_full / rates['rensa_20k']:.1f}x"
    )
    print(f"quality, exact check on : {q_on}")
    print(f"quality, exact check off: {q_off}")
    out.update(
        {
            "documents": n,
            "threshold": THRESHOLD,
            "bands": res.stats["bands"],
            "rows": res.stats["rows"],
            "docs_per_s": {k: round(v) for k, v in rates.items()},
            "subset_seconds_all_repeats": {k: [round(x, 3) for x in v] for k, v in times.items()},
            "ratio_vs_datasketch_20k": round(rates["ours_20k"] / rates["datasketch_20k"], 2),
            "ratio_vs_rensa_20k": round(rates["ours_20k"] / rates["rensa_20k"], 2),
            "ratio_vs_datasketch_200k_1proc": round(ours_full / rates["datasketch_20k"], 2),
            "ratio_vs_rensa_200k_1proc": round(ours_full / rates["rensa_20k"], 2),
            "sketch_2proc": {
                "seconds": round(secs2, 2),
                "sketch_seconds": round(sketch2, 2),
                "sketch_bytes_per_record_pickled": round(pickled / n, 1),
            },
            "quality_exact_check_on": q_on,
            "quality_exact_check_off": q_off,
            "ours_phase_seconds": res.stats["seconds"],
            "baseline_candidate_pairs_20k": pairs,
        }
    )


def whole_process(out: dict[str, object]) -> None:
    repeats = int(os.environ.get("BENCH_DEDUP_WHOLE_REPEATS", "3"))
    print(
        f"whole process on one JSONL file of {int(SCALE * 200_000):,} conversations, {repeats} rounds interleaved:",
        flush=True,
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bench.baselines.whole_process", "compare", str(SCALE), str(repeats), str(THRESHOLD)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = proc.stdout.strip().splitlines()
    print("\n".join(lines[:-1]))
    res = json.loads(lines[-1])
    c = res["commands"]
    for name in ("ours", "ours_2_workers", "datasketch", "rensa"):
        q = res["quality"][name]
        print(
            f"  {name:10s} median {c[name]['wall_s_median']:7.1f} s wall {c[name]['cpu_s_median']:7.1f} s cpu, "
            f"peak {c[name]['peak_rss_gb_max']:.2f} GB; removed {q['removed']:,}, recall {q['recall']}, "
            f"false merges {q['false_merges']}, planted pairs below the threshold merged {q['planted_pairs_below_merged']}"
        )
    for base in ("datasketch", "rensa"):
        s = res[f"speedup_vs_{base}"]
        print(f"  ours (1 worker) vs {base}: {s['wall']:.2f}x wall (per-round {s['wall_all']}), {s['cpu']:.2f}x cpu")
    s = res["speedup_vs_ours_2_workers"]
    print(f"  ours with --workers 2: {1 / s['wall']:.2f}x the wall time of 1 worker")
    p = res["profile_ours"]
    total = p["total"]
    print(
        f"  where our process spends its time ({total:.1f} s, one run): "
        + ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f}%)" for k, v in p["seconds"].items() if v >= 0.05)
    )
    out["whole_process"] = res


def memory(out: dict[str, object]) -> None:
    scales = RSS_SCALES if os.environ.get("BENCH_DEDUP_3M", "1") != "0" else RSS_SCALES[:1]
    for scale in scales:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.bench_dedup", "--rss", str(scale)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        child = json.loads(proc.stdout.strip().splitlines()[-1])
        docs = child["documents"]
        print(
            f"memory at {docs:,} conversations (streamed in batches): peak RSS {child['peak_rss_kb'] / 1024**2:.2f} GB "
            f"(after sketching {child['rss_after_sketch_kb'] / 1024**2:.2f} GB, before the first batch "
            f"{child['rss_start_kb'] / 1024**2:.2f} GB); sketch {child['sketch_mb']} MB in memory, shingle file "
            f"{child['spill_gb']} GB on disk; {child['seconds']} s ({docs / child['seconds']:,.0f} docs/s), "
            f"decide {child['decide_seconds']}"
        )
        out[f"memory_{docs // 1_000_000}m"] = {
            "documents": docs,
            "peak_rss_gb": round(child["peak_rss_kb"] / 1024**2, 3),
            "rss_after_sketch_gb": round(child["rss_after_sketch_kb"] / 1024**2, 3),
            "rss_before_first_batch_gb": round(child["rss_start_kb"] / 1024**2, 3),
            "sketch_mb": child["sketch_mb"],
            "spill_gb": child["spill_gb"],
            "seconds": child["seconds"],
            "removed": child["removed"],
        }


def main() -> None:
    out: dict[str, object] = {}
    whole_process(out)  # first: the harness must stay small while it measures its children's peaks
    in_process(out)
    memory(out)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--rss":
        rss_child(float(sys.argv[2]))
    else:
        main()
