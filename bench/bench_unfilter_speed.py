"""Unfilter speed: rule matching MB/s per core against the naive loop, language id against fastText's own C++
inference, and the whole stage in conversations/s, each against its baseline in the same run (medians of 3).

Rule matching. Corpus: every assistant turn of the bundled raw samples (converted with the 2.9 recipe's converters),
repeated to ~24 MB: refusal-dense (the samples were written to exercise the filter). The same matchers then run on
every assistant reply of the synthetic 2.9 mix below (~38 MB of distinct texts, mostly answers).
Baseline: ``any(p in text.lower() for p in phrases)`` over the same lexicon phrases (the public scripts' rule).
Ours: ``RuleSet.match`` on batches of 1000 (the engine's batch size) for lexicon, regex, and both, and both with the
fallback prefilter (no Hyperscan: polars, then pyahocorasick per flagged reply) as the baseline of the one-pass
Hyperscan locator.
Timed in a child process pinned to one polars thread (``POLARS_MAX_THREADS=1``) so the figures are per core, in
CPU seconds (the machine is shared: wall time measures the neighbours too).

Language id: the stage's language-id input (the first prose of each conversation) of a synthetic corpus
(``dolphin-data synth --profile 2.9 --scale 0.01``: distinct texts, not repeats), batches of 1000, through
``langid.LanguageIdentifier`` (our numpy inference) and through fastText's ``multilinePredict`` (the previous
implementation, kept as ``langid.FastTextIdentifier``); labels must agree.

Whole stage (the 2.9 recipe's = the stage's defaults: rules, refusal-act classifier, whole-reply model, repair,
language id) on 16,000 conversations of that synthetic corpus: conversations/s on one core by layer set, the recipe
with fastText's language id as the baseline (and without the whole-reply model: its cost), then both on 2 cores
(two worker processes, each loading the models once; the batches handed out one at a time to whichever worker is
free, as the engine's local executor does; the figure is the busier worker's CPU seconds, as if each had its core).
Every timed run starts with the stage's caches cleared (``text.clear_caches``; on 2 cores, in each worker).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dolphin_data.unfilter.text import clear_caches

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "unfilter_speed.json"
TARGET_MB = 24
BATCH = 1000
REPEATS = 3
STAGE_N = 16_000
SYNTH_SCALE = 0.01


def _conversations(n: int | None = None, raw: Path = ROOT / "raw") -> tuple[list, dict]:
    """The 2.9 recipe's sources in ``raw`` converted to conversations (repeated/cut to ``n``), and the recipe's
    unfilter parameters."""
    from dolphin_data.io import iter_rows
    from dolphin_data.model import Conversation
    from dolphin_data.recipe import load_recipe
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.stages.convert import convert_rows

    recipe = load_recipe(ROOT / "recipes" / "2.9.yaml")
    convs: list[Conversation] = []
    for spec in recipe.sources:
        for path in resolve_raw_files(spec, raw):
            convs += [
                c for c in convert_rows(iter_rows(path), spec.converter, spec.name) if isinstance(c, Conversation)
            ]
    if n is not None:
        convs = (convs * (n // len(convs) + 1))[:n]
    return convs, dict(recipe.stage_params.get("unfilter") or {})


def corpus() -> list[str]:
    texts = [t.text for c in _conversations()[0] for t in c.turns if t.role == "gpt"]
    size = sum(len(t.encode()) for t in texts)
    return texts * max(1, round(TARGET_MB * 1e6 / size))


def _batches(convs: list) -> list:
    """The conversations as the engine hands them to a stage: columnar batches of ``BATCH`` (made untimed)."""
    from dolphin_data.stages.local import as_batch

    return [as_batch("bench", convs[i : i + BATCH]) for i in range(0, len(convs), BATCH)]


FALLBACK = "lexicon+regex, fallback prefilter"
CPU: dict[str, float] = {}  # median CPU seconds of the last ``_medians`` call's runs (this process, or a run's own)


def _medians(runs: dict[str, Callable[[], Any]], repeats: int = REPEATS) -> dict[str, float]:
    """Median wall seconds of each run, the runs interleaved (A B C A B C ...) so drift hits them alike; median CPU
    seconds in ``CPU`` (a run returning a float reports its own CPU seconds, e.g. its slowest worker's)."""
    times: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeats):
        for k, fn in runs.items():
            c0, t0 = time.process_time(), time.perf_counter()
            res = fn()
            times[k].append(time.perf_counter() - t0)
            cpu[k].append(res if isinstance(res, float) else time.process_time() - c0)
    CPU.clear()
    CPU.update({k: statistics.median(v) for k, v in cpu.items()})
    return {k: statistics.median(v) for k, v in times.items()}


def rule_speed(texts: list[str]) -> dict:
    from dolphin_data.unfilter.rules import RuleSet

    mb = sum(len(t.encode()) for t in texts) / 1e6
    rules = RuleSet.default()
    rules.match(texts[:BATCH])  # compile outside the timing
    phrases = rules.phrases()
    sub = texts[: max(1, len(texts) // 12)]  # the naive baseline on a prefix (it is slow); MB/s is size-independent
    sub_mb = sum(len(t.encode()) for t in sub) / 1e6
    layer_sets = {"lexicon": ("lexicon",), "regex": ("regex",), "lexicon+regex": ("lexicon", "regex")}
    # the same rules with the fallback prefilter (polars, then pyahocorasick per flagged reply): the Hyperscan pass's
    # baseline; both give the same hits
    fallback = RuleSet.default()
    fallback.use_hyperscan = False
    fallback.match(texts[:BATCH])
    hits: dict[str, int] = {}

    def naive() -> None:
        hits["naive"] = sum(any(p in t.lower() for p in phrases) for t in sub)

    def ours(name: str) -> Callable[[], None]:
        def run() -> None:
            clear_caches()  # every run from cold: a cache warmed by the run before would flatter it
            hits[name] = sum(
                sum(h is not None for h in rules.match(texts[i : i + BATCH], layer_sets[name]))
                for i in range(0, len(texts), BATCH)
            )

        return run

    def without_hyperscan() -> None:
        clear_caches()
        hits[FALLBACK] = sum(
            sum(h is not None for h in fallback.match(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)
        )

    sec = _medians({"naive": naive, **{name: ours(name) for name in layer_sets}, FALLBACK: without_hyperscan})
    sec = dict(CPU)  # one process, one thread: CPU seconds are the figure least moved by the shared machine
    naive_mbs = sub_mb / sec["naive"]
    out: dict[str, Any] = {
        "corpus": {"assistant_texts": len(texts), "mb": round(mb, 2), "distinct_texts": len(set(texts))},
        "lexicon_phrases": len(phrases),
        "regex_rules": len(rules.regex_rules),
        "naive": {
            "mb": round(sub_mb, 2),
            "seconds": round(sec["naive"], 3),
            "mb_per_s": round(naive_mbs, 2),
            "texts_hit": hits["naive"],
        },
    }
    for name in (*layer_sets, FALLBACK):
        out[name] = {
            "seconds": round(sec[name], 3),
            "mb_per_s": round(mb / sec[name], 1),
            "x_naive": round((mb / sec[name]) / naive_mbs, 1),
            "texts_hit": hits[name],
            "hit_share": round(hits[name] / len(texts), 4),
        }
    out["x_fallback"] = round(sec[FALLBACK] / sec["lexicon+regex"], 2)
    return out


def _prose(convs: list) -> list[str]:
    """What the stage's language id reads of each conversation (``unfilter.lang.language_filter``'s input)."""
    from dolphin_data.unfilter.lang import _CODE_FENCE
    from dolphin_data.unfilter.stage import LANG_PREFIX

    out = []
    for c in convs:
        head = "\n".join(t.text[: 4 * LANG_PREFIX] for t in c.turns if t.role != "system")[: 4 * LANG_PREFIX]
        out.append(_CODE_FENCE.sub(" ", head) if "```" in head else head)
    return out


def langid_speed(convs: list) -> dict:
    from dolphin_data.langid import FastTextIdentifier, LanguageIdentifier
    from dolphin_data.unfilter.stage import LANG_PREFIX

    prose = _prose(convs)
    ours, ft = LanguageIdentifier(max_chars=LANG_PREFIX), FastTextIdentifier(max_chars=LANG_PREFIX)
    ours.detect(prose[:10])
    ft.detect(prose[:10])  # models loaded outside the timing (ours then starts with a cold token cache)
    res: dict[str, Any] = {}

    def run(name: str, lid: Any) -> Callable[[], None]:
        def go() -> None:
            codes: list[str] = []
            for i in range(0, len(prose), BATCH):
                codes += lid.detect(prose[i : i + BATCH])[0]
            res[name] = codes

        return go

    sec = _medians({"fasttext": run("fasttext", ft), "ours": run("ours", ours)})
    sec = dict(CPU)  # one process, one thread: CPU time is the figure least moved by the shared machine
    return {
        "texts": len(prose),
        "timing": "CPU seconds, medians",
        "fasttext_us_per_text": round(sec["fasttext"] / len(prose) * 1e6, 1),
        "ours_us_per_text": round(sec["ours"] / len(prose) * 1e6, 1),
        "x_fasttext": round(sec["fasttext"] / sec["ours"], 2),
        "labels_differ": sum(a != b for a, b in zip(res["ours"], res["fasttext"], strict=True)),
    }


SETTINGS: dict[str, dict[str, Any]] = {
    "rules": {"classifier": None, "reply_model": None, "langid": False},
    "rules+classifier": {"reply_model": None, "langid": False},
    "recipe without the whole-reply model": {"reply_model": None},
    "recipe (rules+classifier+reply model+repair+langid)": {},
    "recipe, fastText langid (before)": {},
}
_WORKER: dict = {}


def _make(base: dict, name: str) -> Any:
    from dolphin_data.langid import FastTextIdentifier
    from dolphin_data.stages import make_stage
    from dolphin_data.unfilter.stage import LANG_PREFIX

    stage = make_stage("unfilter", {**base, **SETTINGS[name]})
    if "fastText" in name:
        stage._lid = FastTextIdentifier(max_chars=LANG_PREFIX)
    return stage


def _init_worker(base: dict, raw: str) -> None:
    import dolphin_data.unfilter.stage  # noqa: F401  (registers the stage in this fresh process)

    _WORKER["stages"] = {k: _make(base, k) for k in SETTINGS if k.startswith("recipe")}
    _WORKER["batches"] = _batches(_conversations(None, Path(raw))[0][:STAGE_N])
    for stage in _WORKER["stages"].values():
        stage.process(_WORKER["batches"][0])  # load models outside the timing


def _work(job: tuple[str, int, int]) -> tuple[int, float]:
    """Run one batch (``job``: setting, run number, batch index); this worker's pid and its CPU seconds. A worker's
    first batch of a run starts with the caches cleared."""
    stage = _WORKER["stages"][job[0]]
    if _WORKER.get("run") != job[1]:
        _WORKER["run"] = job[1]
        clear_caches()
    c0 = time.process_time()
    stage.process(_WORKER["batches"][job[2]])
    return os.getpid(), time.process_time() - c0


def stage_throughput(raw: Path) -> dict:
    """Conversations/s of the whole ``unfilter`` stage with the 2.9 recipe's parameters, by layer set and cores."""
    import multiprocessing

    convs, base = _conversations(None, raw)
    convs = convs[:STAGE_N]
    n = len(convs)
    batches = _batches(convs)
    mb = sum(len(t.text.encode()) for c in convs for t in c.turns if t.role == "gpt") / 1e6
    out: dict = {"conversations": n, "gpt_mb": round(mb, 2), "params": {k: str(v) for k, v in base.items()}}
    stages = {name: _make(base, name) for name in SETTINGS}
    for stage in stages.values():
        stage.process(batches[0])  # load models outside the timing

    def run(stage: Any) -> Callable[[], None]:
        return lambda: [clear_caches(), *(stage.process(b) for b in batches)]

    sec = _medians({name: run(stage) for name, stage in stages.items()})
    for name in SETTINGS:
        out[name] = {
            "conv_per_s": round(n / sec[name]),
            "conv_per_cpu_s": round(n / CPU[name]),
            "gpt_mb_per_s": round(mb / sec[name], 2),
        }
    runs = iter(range(1, 1 << 30))
    with multiprocessing.get_context("spawn").Pool(2, initializer=_init_worker, initargs=(base, str(raw))) as pool:
        pool.map(_work, [("recipe (rules+classifier+reply model+repair+langid)", 0, 0)] * 2, chunksize=1)  # ready

        def two(name: str) -> Callable[[], float]:
            def go() -> float:  # one batch at a time to the free worker; the busier worker's CPU seconds
                busy: dict[int, float] = {}
                for pid, sec in pool.map(_work, [(name, next(runs), i) for i in range(len(batches))], chunksize=1):
                    busy[pid] = busy.get(pid, 0.0) + sec
                return max(busy.values())

            return go

        sec2 = _medians(
            {
                "recipe on 2 cores": two("recipe (rules+classifier+reply model+repair+langid)"),
                "recipe on 2 cores, fastText langid (before)": two("recipe, fastText langid (before)"),
            }
        )
    for name, s in sec2.items():  # conv_per_cpu_s: as if each worker had its core (the slower worker's CPU time)
        out[name] = {
            "conv_per_s": round(n / s),
            "conv_per_cpu_s": round(n / CPU[name]),
            "gpt_mb_per_s": round(mb / s, 2),
        }
    pairs = {
        "x_before_1_core": ("recipe (rules+classifier+reply model+repair+langid)", "recipe, fastText langid (before)"),
        "x_before_2_cores": ("recipe on 2 cores", "recipe on 2 cores, fastText langid (before)"),
        "x_with_reply_model_1_core": (
            "recipe (rules+classifier+reply model+repair+langid)",
            "recipe without the whole-reply model",
        ),
    }
    for key, (a, b) in pairs.items():
        out[key] = round(out[a]["conv_per_s"] / out[b]["conv_per_s"], 2)
        out[key + "_cpu"] = round(out[a]["conv_per_cpu_s"] / out[b]["conv_per_cpu_s"], 2)
    return out


def child() -> dict:
    res: dict[str, Any] = {"repeats": REPEATS, **rule_speed(corpus())}
    with tempfile.TemporaryDirectory(prefix="bench_unfilter_") as tmp:
        raw = Path(tmp) / "raw"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dolphin_data",
                "synth",
                "--profile",
                "2.9",
                "--scale",
                str(SYNTH_SCALE),
                "--out",
                str(raw),
                "-q",
                "-w",
                "1",
            ],
            check=True,
            cwd=ROOT,
        )
        synth = _conversations(None, raw)[0]
        res["distinct"] = {  # the same matchers on every assistant reply of the synthetic mix: no repeats
            "corpus_name": f"synth --profile 2.9 --scale {SYNTH_SCALE}, every assistant reply",
            **rule_speed([t.text for c in synth for t in c.turns if t.role == "gpt"]),
        }
        res["langid"] = langid_speed(synth[:STAGE_N])
        res["stage"] = {"corpus": f"synth --profile 2.9 --scale {SYNTH_SCALE}", **stage_throughput(raw)}
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return res


def main() -> None:
    env = {**os.environ, "POLARS_MAX_THREADS": "1", "RAYON_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_unfilter_speed", "--child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench unfilter_speed failed:\n{proc.stderr[-3000:]}")
    res = json.loads(proc.stdout)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2) + "\n")
    c = res["corpus"]
    print(
        f"corpus: {c['assistant_texts']:,} assistant replies, {c['mb']} MB ({c['distinct_texts']} distinct, repeated); "
        f"{res['lexicon_phrases']} lexicon phrases, {res['regex_rules']} regex rules; one core (POLARS_MAX_THREADS=1); "
        f"medians of {res['repeats']}"
    )
    print(f"{'matcher':<34}{'MB/s':>10}{'x naive':>10}{'texts hit':>11}")
    n = res["naive"]
    print(
        f"{'naive any(in)':<34}{n['mb_per_s']:>10.1f}{1.0:>10.1f}{n['texts_hit'] / max(1, c['assistant_texts'] // 12):>11.2%}"
    )
    for name in ("lexicon", "regex", "lexicon+regex", FALLBACK):
        r = res[name]
        print(f"{name:<34}{r['mb_per_s']:>10.1f}{r['x_naive']:>10.1f}{r['hit_share']:>11.2%}")
    lr = res["lexicon+regex"]
    print(f"one Hyperscan pass vs the fallback prefilter (polars + pyahocorasick), same hits: x{res['x_fallback']}")
    print(
        f"goals (lexicon+regex): >= 100 MB/s per core: {'met' if lr['mb_per_s'] >= 100 else 'NOT met'} "
        f"({lr['mb_per_s']}); >= 50x naive: {'met' if lr['x_naive'] >= 50 else 'NOT met'} ({lr['x_naive']}x)"
    )
    d = res["distinct"]
    print(
        f"the same on {d['corpus']['assistant_texts']:,} distinct replies ({d['corpus']['mb']} MB, {d['corpus_name']}): "
        f"naive {d['naive']['mb_per_s']} MB/s; lexicon+regex {d['lexicon+regex']['mb_per_s']} MB/s "
        f"({d['lexicon+regex']['x_naive']}x naive, {d['lexicon+regex']['hit_share']:.2%} hit); fallback prefilter "
        f"{d[FALLBACK]['mb_per_s']} MB/s"
    )
    li = res["langid"]
    print(
        f"language id, {li['texts']:,} synthetic conversations: fastText multilinePredict {li['fasttext_us_per_text']} "
        f"us/text, ours {li['ours_us_per_text']} us/text: x{li['x_fasttext']} (labels differing: {li['labels_differ']})"
    )
    st = res["stage"]
    print(
        f"whole unfilter stage, {st['conversations']:,} conversations of {st['corpus']} ({st['gpt_mb']} MB of gpt text):"
    )
    for name in (*SETTINGS, "recipe on 2 cores", "recipe on 2 cores, fastText langid (before)"):
        r = st[name]
        print(
            f"  {name:<46}{r['conv_per_s']:>10,} conv/s{r['conv_per_cpu_s']:>10,} conv/CPU-s{r['gpt_mb_per_s']:>8} MB/s"
        )
    print(
        f"  recipe vs before: x{st['x_before_1_core']} on 1 core, x{st['x_before_2_cores']} on 2 cores (wall); "
        f"x{st['x_before_1_core_cpu']}, x{st['x_before_2_cores_cpu']} (CPU)"
    )
    two = st["recipe on 2 cores"]["conv_per_s"]
    print(
        f"goal (whole stage, 2 cores): >= 20,000 conv/s: {'met' if two >= 20_000 else 'NOT met'} ({two:,}); "
        f"peak RSS {res['peak_rss_mb']} MB"
    )
    print(f"results: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        main()
