"""systemchat_validate: stage throughput and report time against the implementation before the split (same run),
leak-rule recall and precision on the labelled phrasing sets, and the planted records of the bundled sample.

Baseline: the rules, stage and report of commit ``BASELINE`` (before the family split), loaded from git into this
process, so both run on the same corpus, interpreter and machine state; runs are interleaved, and medians of
``REPEAT`` runs are quoted (wall time and CPU time of the process, which counts polars' threads too). Without git
history the baseline columns are left out.

Corpus: deterministic synthetic conversations (seeded ``random``): SystemChat-like prompts from a pool (a fifth of
them with a mechanical directive), one to three turns, replies of a few hundred to a few thousand characters with
code blocks and non-English paragraphs; about 1% of replies hold a leak phrasing and 1% of users ask about the
prompt (both drawn from the dev set, never the held-out one), 10% use another sense of "system". Two settings: the
2.9 build's (``structure, leak``, optional system prompt, no directives) and SystemChat's (every rule, repair,
directives).

Leak quality: each conversation of ``bench/data/systemchat_leak_*.jsonl`` is decided by the rule; recall = leaks
flagged / leaks, precision = flagged that are leaks / flagged. ``dev`` and ``heldout1`` were tuned on;
``heldout2`` was written after the last change to the rule and never tuned on.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.model import Conversation, Turn

N_CONVS = 20_000
BATCH = 1000
REPEAT = 5
SEED = 5
BASELINE = "9f1b48c"  # main before the systemchat split
REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
RESULTS = Path(__file__).parent / "results" / "systemchat.json"
SETS = ("dev", "heldout1", "heldout2")
BUILD_PARAMS = {"rules": ["structure", "leak"], "require_system": False, "check_directives": False}
SYSTEMCHAT_PARAMS = {"rules": ["structure", "sentinel", "leak"], "repair": True}

WORDS = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "is",
    "for",
    "on",
    "with",
    "that",
    "this",
    "it",
    "as",
    "are",
    "be",
    "by",
    "from",
    "at",
    "or",
    "an",
    "data",
    "model",
    "answer",
    "question",
    "time",
    "people",
    "water",
    "city",
    "energy",
    "plan",
    "code",
    "function",
    "value",
    "list",
    "result",
    "table",
    "number",
    "river",
    "light",
    "music",
    "history",
    "garden",
    "travel",
    "health",
    "market",
    "school",
    "science",
    "report",
    "team",
    "design",
    "memory",
    "process",
    "network",
    "file",
    "user",
]
FOREIGN = [
    "Le printemps est la meilleure saison pour visiter la ville et ses jardins.",
    "El mercado abre temprano y cierra cuando el sol se pone sobre el río.",
    "Der Zug fährt pünktlich ab, aber die Brücke ist wegen Bauarbeiten gesperrt.",
    "这座城市的历史非常悠久，吸引了许多游客。",
    "Это решение требует больше времени и внимания.",
]
OTHER_SENSES = [
    "The operating system schedules processes fairly.",
    "Our solar system formed about 4.6 billion years ago.",
    "A healthy immune system needs sleep.",
    "Good system design starts with the requirements.",
    "If the system is down, retry in a minute.",
    "The system prompts you for a password at login.",
]
DIRECTIVES = [
    "Always respond in exactly 12 words.",
    "Always answer in French.",
    "Respond only in JSON.",
    "Never use the letter z.",
    "Write every response entirely in lowercase letters.",
]
PERSONAS = [
    "You are a pirate.",
    "You are a helpful cooking assistant.",
    "You are Nova, an upbeat coach.",
    "You are a terse technical writer.",
    "You are a museum guide in Rome.",
]


def load_cases(name: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (DATA / f"systemchat_leak_{name}.jsonl").read_bytes().splitlines() if line]


def corpus(n: int = N_CONVS, seed: int = SEED) -> list[Conversation]:
    rng = random.Random(seed)
    dev = load_cases("dev")
    leaks = [c["conv"][-1][1] for c in dev if c["leak"]]
    asks = [c["conv"][0][0] for c in dev if c["family"] == "asked_other_words"] + ["What is your system prompt?"]
    prompts = [
        f"{rng.choice(PERSONAS)} {rng.choice(DIRECTIVES) if i % 5 == 0 else ''}".strip() + f" Variant {i}."
        for i in range(200)
    ]

    def sentence() -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(8, 22))).capitalize() + "."

    def reply() -> str:
        parts = [sentence() for _ in range(rng.randint(2, 14))]
        r = rng.random()
        if r < 0.01:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(leaks))
        elif r < 0.11:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(OTHER_SENSES))
        if rng.random() < 0.1:
            parts.append("```python\nfor item in data:\n    print(item)\n```")
        if rng.random() < 0.1:
            parts.append(rng.choice(FOREIGN))
        return " ".join(parts)

    out = []
    for i in range(n):
        turns = [Turn("system", rng.choice(prompts))]
        for _ in range(rng.randint(1, 3)):
            human = rng.choice(asks) if rng.random() < 0.01 else " ".join(sentence() for _ in range(rng.randint(1, 3)))
            turns += [Turn("human", human), Turn("gpt", reply())]
        out.append(Conversation(f"bench:{i}", "bench", tuple(turns), {}))
    return out


def load_baseline() -> types.SimpleNamespace | None:
    """The rules, stage and report modules of ``BASELINE``, from git, as fresh module objects (None without git)."""

    def source(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{BASELINE}:{path}"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout

    try:
        texts = {name: source(f"dolphin_data/systemchat/{name}.py") for name in ("rules", "stage", "report")}
        stages_text = source("dolphin_data/stages/__init__.py")
    except (OSError, subprocess.CalledProcessError):
        return None
    # the baseline's own stage contract (list-of-conversations StageOutput, summaries), under a private name
    contract = types.ModuleType("bench_base_contract")
    sys.modules[contract.__name__] = contract
    exec(compile(stages_text, f"{BASELINE}:stages/__init__.py", "exec"), contract.__dict__)
    modules = {}
    for name in ("rules", "stage", "report"):
        text = texts[name].replace("from dolphin_data.systemchat import rules as R", "import bench_base_rules as R")
        text = text.replace("from dolphin_data.stages import", "from bench_base_contract import")
        text = text.replace('@STAGES.register("systemchat_validate")', "").replace(
            '@STAGES.register("systemchat_guard")', ""
        )
        module = types.ModuleType(f"bench_base_{name}")
        sys.modules[module.__name__] = module
        exec(compile(text, f"{BASELINE}:{name}.py", "exec"), module.__dict__)
        modules[name] = module
    return types.SimpleNamespace(**modules)


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def interleaved(runs: dict[str, Callable[[], Any]]) -> dict[str, dict[str, Any]]:
    """Each function ``REPEAT`` times, interleaved; median wall and CPU seconds, and the last result."""
    walls: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    last: dict[str, Any] = {}
    for _ in range(REPEAT):
        for name, fn in runs.items():
            w, c, last[name] = timed(fn)
            walls[name].append(w)
            cpus[name].append(c)
    return {
        k: {"wall": statistics.median(walls[k]), "cpu": statistics.median(cpus[k]), "result": last[k]} for k in runs
    }


def verdicts(outs: list[Any]) -> dict[str, str]:
    """id -> kept / reason, from old-contract outputs (kept, rejects) or new (batch, StageOutput) pairs."""
    v: dict[str, str] = {}
    for o in outs:
        if isinstance(o, tuple):
            batch, out = o
            v.update({c.id: "kept" for c in out.kept_conversations(batch)})
            v.update({batch.ids[i]: d.reason for i, d in out.drops.items()})
        else:
            v.update({c.id: "kept" for c in o.kept})
            v.update({r.id: r.reason for r in o.rejects})
    return v


def run_stage(stage: Any, batches: list[list[Conversation]]) -> list[Any]:
    """The old stage took a list of conversations; the new one a columnar Batch (made outside the timing)."""
    return [stage.process(b) for b in batches]


def run_new(stage: Any, batches: list[Any]) -> list[Any]:
    return [(b, stage.process(b)) for b in batches]


def report_old(base: types.SimpleNamespace, outs: list[Any], tmp: Path) -> None:
    acc = base.report.SystemChatSummary()
    for o in outs:
        acc.add(o)
    base.report.write_report(tmp / "old", {"bench": acc})


def stage_speed(convs: list[Conversation], base: types.SimpleNamespace | None) -> dict[str, Any]:
    from dolphin_data.stages import make_stage
    from dolphin_data.stages.local import as_batch
    from dolphin_data.systemchat.report import SystemChatSummary

    batches = [convs[i : i + BATCH] for i in range(0, len(convs), BATCH)]
    tmp = Path(tempfile.mkdtemp(prefix="bench_systemchat_"))
    out: dict[str, Any] = {}
    for setting, params in (("build_2.9", BUILD_PARAMS), ("systemchat", SYSTEMCHAT_PARAMS)):
        new = make_stage("systemchat_validate", params)
        columnar = [as_batch("bench", b) for b in batches]
        runs: dict[str, Callable[[], Any]] = {"new": partial(run_new, new, columnar)}
        if base is not None:
            runs["old"] = partial(run_stage, base.stage.SystemChatValidateStage(**params), batches)
        res = interleaved(runs)
        row: dict[str, Any] = {
            k: {"conv_per_s_wall": round(len(convs) / r["wall"]), "conv_per_s_cpu": round(len(convs) / r["cpu"])}
            for k, r in res.items()
        }
        if base is not None:
            row["speedup_wall"] = round(res["old"]["wall"] / res["new"]["wall"], 2)
            row["speedup_cpu"] = round(res["old"]["cpu"] / res["new"]["cpu"], 2)
            before, after = verdicts(res["old"]["result"]), verdicts(res["new"]["result"])
            changed = Counter((a, after[cid]) for cid, a in before.items() if after[cid] != a)
            row["verdicts_changed"] = {f"{a} -> {b}": n for (a, b), n in changed.most_common()}

        def report_new(outs: list[Any] = res["new"]["result"], stage: Any = new) -> None:
            shards = []
            for k in range(0, len(outs), 5):  # one summary per worker shard of five batches, merged in the driver
                acc = SystemChatSummary()
                for o in outs[k : k + 5]:
                    acc.add(*o)
                shards.append(acc)
            for acc in shards[1:]:
                shards[0].merge(acc)
            stage.report(tmp / "new", {"bench": shards[0]})

        report_runs: dict[str, Callable[[], Any]] = {"new": report_new}
        if base is not None:
            report_runs["old"] = partial(report_old, base, res["old"]["result"], tmp)
        rep = interleaved(report_runs)
        row["report_seconds_wall"] = {k: round(r["wall"], 3) for k, r in rep.items()}
        out[setting] = row
    shutil.rmtree(tmp)
    return out


def leak_quality(base: types.SimpleNamespace | None) -> dict[str, Any]:
    from dolphin_data.systemchat import rules as R

    rules = {"new": R.leak, **({"old": base.rules.leak} if base is not None else {})}
    out: dict[str, Any] = {}
    for name in SETS:
        cases = load_cases(name)
        convs = [
            Conversation(f"c:{i}", "t", tuple([Turn("system", c["system"])] + [Turn(r, t) for r, t in c["conv"]]))
            for i, c in enumerate(cases)
        ]
        row: dict[str, Any] = {"cases": len(cases), "leaks": sum(c["leak"] for c in cases)}
        for rule_name, rule in rules.items():
            got = [rule(conv) is not None for conv in convs]
            tp = sum(g and c["leak"] for g, c in zip(got, cases, strict=True))
            flagged, leaks = sum(got), row["leaks"]
            families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for g, c in zip(got, cases, strict=True):
                families[c["family"]][0] += g == c["leak"]
                families[c["family"]][1] += 1
            row[rule_name] = {
                "recall": round(tp / leaks, 3),
                "precision": round(tp / flagged, 3) if flagged else 1.0,
                "tp": tp,
                "fp": flagged - tp,
                "fn": leaks - tp,
                "families_right": {f: f"{a}/{b}" for f, (a, b) in sorted(families.items())},
            }
        out[name] = row
    return out


def planted_outcomes() -> dict[str, object]:
    """Run the 2.9 recipe's systemchat stage on the bundled sample; score it against raw/PLANTED.md."""
    import re

    from dolphin_data.engine.run import RunOptions, Targets, run_command
    from dolphin_data.recipe import load_recipe
    from dolphin_data.systemchat.transform import systemchat_plan

    text = (REPO / "raw" / "PLANTED.md").read_text(encoding="utf-8")
    part = text.split("## systemchat (", 1)[1].split("\n## ", 1)[0]
    kinds = {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (\w+) \|", part, re.M)}
    with tempfile.TemporaryDirectory() as tmp:
        out, rej = Path(tmp) / "o.jsonl", Path(tmp) / "r.jsonl"
        plan = systemchat_plan(load_recipe(REPO / "recipes" / "2.9.yaml"), REPO / "raw", None, [], 0.0, [], 1, out.name)
        run_command(plan, Targets({out.name: out}, rej), RunOptions())
        kept = {json.loads(line)["id"] for line in out.read_text().splitlines()}
        rejected = {r["id"]: r["reason"] for r in map(json.loads, rej.read_text().splitlines())}
    score: dict[str, dict[str, int]] = {}
    for line, kind in kinds.items():
        outcome = "kept" if f"systemchat:{line}" in kept else rejected.get(f"systemchat:{line}", "missing")
        score.setdefault(kind, {}).setdefault(outcome, 0)
        score[kind][outcome] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(score.items())}


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    import polars  # noqa: F401  (imported before timing: both implementations use it)

    from dolphin_data.langid import detect_languages
    from dolphin_data.stages import load_builtin_stages

    load_builtin_stages()
    detect_languages(["load the language model before timing"])
    base = load_baseline()
    convs = corpus()
    chars = sum(len(t.text) for c in convs for t in c.turns)
    result: dict[str, Any] = {
        "corpus": {"conversations": len(convs), "chars": chars, "batch": BATCH, "seed": SEED, "repeat": REPEAT},
        "baseline": BASELINE if base is not None else None,
        "stage": stage_speed(convs, base),
        "leak_quality": leak_quality(base),
        "planted_sample_outcomes": planted_outcomes(),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(f"corpus: {len(convs):,} conversations, {chars / 1e6:.1f} M chars; medians of {REPEAT} interleaved runs")
    for setting, row in result["stage"].items():
        cols = " | ".join(
            f"{k} {v['conv_per_s_wall']:,} conv/s wall, {v['conv_per_s_cpu']:,} cpu"
            for k, v in row.items()
            if k in ("new", "old")
        )
        print(
            f"stage [{setting}]: {cols}"
            + (f" | speed-up x{row['speedup_wall']} wall, x{row['speedup_cpu']} cpu" if "speedup_wall" in row else "")
        )
        print(
            f"  report (summaries of {len(convs):,} conversations + report files): "
            + ", ".join(f"{k} {v:.3f} s" for k, v in row["report_seconds_wall"].items())
        )
        if row.get("verdicts_changed"):
            print(f"  verdicts changed old -> new: {row['verdicts_changed']}")
    for name, row in result["leak_quality"].items():
        print(
            f"leak [{name}] {row['cases']} cases, {row['leaks']} leaks: "
            + " | ".join(
                f"{k} recall {v['recall']:.3f} precision {v['precision']:.3f}"
                for k, v in row.items()
                if k in ("new", "old")
            )
        )
    for kind, outcomes in result["planted_sample_outcomes"].items():
        print(f"  planted {kind}: {outcomes}")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
