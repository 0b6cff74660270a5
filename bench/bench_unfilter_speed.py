"""Unfilter rule matching speed: MB/s of assistant text per core, against the naive loop, in the same run.

Corpus: every assistant turn of the bundled raw samples (converted with the 2.9 recipe's converters), repeated to
~24 MB. Baseline: ``any(p in text.lower() for p in phrases)`` over the same lexicon phrases (the public scripts'
rule). Ours: ``RuleSet.match`` on batches of 1000 (the pipeline's batch size) for lexicon, regex, and both.
Timed in a child process pinned to one polars thread (``POLARS_MAX_THREADS=1``) so the figure is per core.
Whole stage (the 2.9 recipe's = the stage's defaults: rules, refusal-act classifier, repair, language id):
conversations/s on one core by layer set, then on 2 cores (two worker processes, each loading the models once and
running half of the batches, as the engine's workers do).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "unfilter_speed.json"
TARGET_MB = 24
BATCH = 1000


def corpus() -> list[str]:
    from dolphin_data.io import iter_rows
    from dolphin_data.model import Conversation
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.recipe import load_recipe
    from dolphin_data.stages.convert import convert_rows

    recipe = load_recipe(ROOT / "recipes" / "2.9.yaml")
    texts: list[str] = []
    for spec in recipe.sources:
        for path in resolve_raw_files(spec, ROOT / "raw"):
            for item in convert_rows(iter_rows(path), spec.converter, spec.name):
                if isinstance(item, Conversation):
                    texts += [t.text for t in item.turns if t.role == "gpt"]
    size = sum(len(t.encode()) for t in texts)
    return texts * max(1, round(TARGET_MB * 1e6 / size))


def measure() -> dict:
    from dolphin_data.unfilter.rules import RuleSet

    texts = corpus()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    rules = RuleSet.default()
    rules.match(texts[:BATCH])  # compile outside the timing
    phrases = rules.phrases()

    # naive baseline on a prefix (it is slow); MB/s is size-independent
    sub = texts[: max(1, len(texts) // 12)]
    sub_mb = sum(len(t.encode()) for t in sub) / 1e6
    t0 = time.perf_counter()
    naive_hits = sum(any(p in t.lower() for p in phrases) for t in sub)
    naive_s = time.perf_counter() - t0
    out = {
        "corpus": {"assistant_texts": len(texts), "mb": round(mb, 2), "distinct_texts": len(set(texts))},
        "lexicon_phrases": len(phrases),
        "regex_rules": len(rules.regex_rules),
        "naive": {"mb": round(sub_mb, 2), "seconds": round(naive_s, 3), "mb_per_s": round(sub_mb / naive_s, 2),
                  "texts_hit": naive_hits},
    }
    for name, layers in (("lexicon", ("lexicon",)), ("regex", ("regex",)), ("lexicon+regex", ("lexicon", "regex"))):
        best: float | None = None
        for _ in range(2):
            t0 = time.perf_counter()
            hit = 0
            for i in range(0, len(texts), BATCH):
                hit += sum(h is not None for h in rules.match(texts[i : i + BATCH], layers))
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        assert best is not None
        out[name] = {"seconds": round(best, 3), "mb_per_s": round(mb / best, 1),
                     "x_naive": round((mb / best) / (sub_mb / naive_s), 1), "texts_hit": hit,
                     "hit_share": round(hit / len(texts), 4)}
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _conversations(n: int | None = None, raw: Path = ROOT / "raw") -> tuple[list, dict]:
    """The 2.9 recipe's sources in ``raw`` converted to conversations (repeated/cut to ``n``), and the recipe's
    unfilter parameters."""
    from dolphin_data.io import iter_rows
    from dolphin_data.model import Conversation
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.recipe import load_recipe
    from dolphin_data.stages.convert import convert_rows

    recipe = load_recipe(ROOT / "recipes" / "2.9.yaml")
    convs: list[Conversation] = []
    for spec in recipe.sources:
        for path in resolve_raw_files(spec, raw):
            convs += [c for c in convert_rows(iter_rows(path), spec.converter, spec.name) if isinstance(c, Conversation)]
    if n is not None:
        convs = (convs * (n // len(convs) + 1))[:n]
    return convs, dict(recipe.stage_params.get("unfilter") or {})


_WORKER: dict = {}


def _init_worker(params: dict, n: int) -> None:
    import dolphin_data.unfilter.stage  # noqa: F401  (registers the stage in this fresh process)
    from dolphin_data.stages import make_stage

    _WORKER["stage"] = make_stage("unfilter", params)
    _WORKER["batches"] = _batches(_conversations(n)[0])
    _WORKER["stage"].process(_WORKER["batches"][0])  # load models outside the timing


def _work(part: tuple[int, int]) -> int:
    stage, batches = _WORKER["stage"], _WORKER["batches"]
    for b in batches[part[0] // BATCH : part[1] // BATCH]:
        stage.process(b)
    return part[1] - part[0]


def _batches(convs: list) -> list:
    """The conversations as the engine hands them to a stage: columnar batches of ``BATCH`` (made untimed)."""
    from dolphin_data.stages.local import as_batch

    return [as_batch("bench", convs[i : i + BATCH]) for i in range(0, len(convs), BATCH)]


def stage_throughput(n: int = 16_000) -> dict:
    """Conversations/s of the whole ``unfilter`` stage with the 2.9 recipe's parameters, by layer set and cores."""
    import multiprocessing

    from dolphin_data.stages import make_stage

    convs, base = _conversations(n)
    batches = _batches(convs)
    mb = sum(len(t.text.encode()) for c in convs for t in c.turns if t.role == "gpt") / 1e6
    out: dict = {"conversations": n, "gpt_mb": round(mb, 2), "params": {k: str(v) for k, v in base.items()}}
    for name, over in (("rules", {"classifier": None, "langid": False}), ("rules+classifier", {"langid": False}),
                       ("recipe (rules+classifier+repair+langid)", {})):
        stage = make_stage("unfilter", {**base, **over})
        stage.process(batches[0])  # load models outside the timing
        t0 = time.perf_counter()
        for b in batches:
            stage.process(b)
        dt = time.perf_counter() - t0
        out[name] = {"conv_per_s": round(n / dt), "gpt_mb_per_s": round(mb / dt, 1)}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2, initializer=_init_worker, initargs=(base, n)) as pool:
        pool.map(_work, [(0, BATCH), (BATCH, 2 * BATCH)])  # both workers initialised
        t0 = time.perf_counter()
        done = sum(pool.map(_work, [(0, n // 2), (n // 2, n)], chunksize=1))
        dt = time.perf_counter() - t0
    out["recipe on 2 cores"] = {"conv_per_s": round(done / dt), "gpt_mb_per_s": round(mb / dt, 1)}
    return out


def main() -> None:
    env = {**os.environ, "POLARS_MAX_THREADS": "1", "RAYON_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-m", "bench.bench_unfilter_speed", "--child"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench unfilter_speed failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2) + "\n")
    c = res["corpus"]
    print(f"corpus: {c['assistant_texts']:,} assistant replies, {c['mb']} MB ({c['distinct_texts']} distinct, repeated); "
          f"{res['lexicon_phrases']} lexicon phrases, {res['regex_rules']} regex rules; one core (POLARS_MAX_THREADS=1)")
    print(f"{'matcher':<16}{'MB/s':>10}{'x naive':>10}{'texts hit':>11}")
    n = res["naive"]
    print(f"{'naive any(in)':<16}{n['mb_per_s']:>10.1f}{1.0:>10.1f}{n['texts_hit'] / max(1, c['assistant_texts'] // 12):>11.2%}")
    for name in ("lexicon", "regex", "lexicon+regex"):
        r = res[name]
        print(f"{name:<16}{r['mb_per_s']:>10.1f}{r['x_naive']:>10.1f}{r['hit_share']:>11.2%}")
    lr = res["lexicon+regex"]
    print(f"goals (lexicon+regex): >= 100 MB/s per core: {'met' if lr['mb_per_s'] >= 100 else 'NOT met'} "
          f"({lr['mb_per_s']}); >= 50x naive: {'met' if lr['x_naive'] >= 50 else 'NOT met'} ({lr['x_naive']}x); "
          f"peak RSS {res['peak_rss_mb']} MB")
    st = res["stage"]
    print(f"whole unfilter stage, {st['conversations']:,} conversations ({st['gpt_mb']} MB of gpt text):")
    for name in ("rules", "rules+classifier", "recipe (rules+classifier+repair+langid)", "recipe on 2 cores"):
        print(f"  {name:<42}{st[name]['conv_per_s']:>10,} conv/s{st[name]['gpt_mb_per_s']:>8} MB/s")
    two = st["recipe on 2 cores"]["conv_per_s"]
    print(f"goal (whole stage, 2 cores): >= 20,000 conv/s: {'met' if two >= 20_000 else 'NOT met'} ({two:,})")
    print(f"results: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps({**measure(), "stage": stage_throughput()}))
    else:
        main()
