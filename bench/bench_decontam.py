"""decontaminate: precision/recall on a planted set, false positives on raw/, and speed against a plain Python
n-gram set lookup measured in the same run.

Quality (``bench/decontam_data.py``): the bundled HumanEval and 300 Python-documentation paragraphs as the
benchmarks; each item planted verbatim, lightly edited and reformatted as chat turns (positives), and as a lexical
paraphrase and a short quoted fragment (negatives), into conversations of the bundled ``raw/`` samples. The stage
runs with its defaults (13-word grams, 8-word grams for short parts, threshold 0.5 on the question's overlap
share); a threshold sweep comes from the same matches. ``raw/`` itself (837 conversations) is run against the
bundled index and the benchmark index: every rejection there is a false positive.

Speed (one process = one core): ``SPEED_MB`` MB of turn texts recombined from ``raw/`` sentences. The baseline is
the straightforward implementation: ``re.findall(r"\\w+", text.lower())``, then every 13-word tuple looked up in a
Python set built from the same items. Ours: ``match.find_hits`` over batches of 2,000 texts against an index with
only 13-grams (the same work). Both must flag exactly the same texts, or the benchmark fails. Times are the
process's CPU time (everything here is single-threaded, so MB per CPU-second is MB/s per core, and other work on
the shared machine does not count against either side); medians of ``REPEATS`` interleaved runs. The whole stage (default index, two gram lengths, records of 2 turns) is timed too.
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from bench.decontam_data import NEGATIVE, POSITIVE, benchmark_items, hosts, planted_set, speed_texts
from dolphin_data.decontam.index import IndexSettings, build_index, write_index
from dolphin_data.decontam.match import find_hits, match_texts
from dolphin_data.decontam.stage import DecontaminateStage
from dolphin_data.model import Conversation, Turn
from dolphin_data.stages.local import as_batch, run_stage

RESULTS = Path(__file__).parent / "results" / "decontam.json"
SPEED_MB = 12.0
REPEATS = 3
CHUNK = 2000
THRESHOLDS = (0.2, 0.3, 0.5, 0.7, 0.9)
WORD = re.compile(r"\w+")


def naive_table(items: list, n: int = 13) -> set[tuple[str, ...]]:
    table: set[tuple[str, ...]] = set()
    for it in items:
        w = WORD.findall(it.question.lower())
        table.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    return table


def naive_flagged(texts: list[str], table: set[tuple[str, ...]], n: int = 13) -> set[int]:
    out = set()
    for t_i, text in enumerate(texts):
        words = WORD.findall(text.lower())
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in table:
                out.add(t_i)
                break
    return out


def ours_flagged(texts: list[str], index_path: Path) -> set[int]:
    from dolphin_data.decontam.index import Index

    index = Index.open(index_path)
    out: set[int] = set()
    for k in range(0, len(texts), CHUNK):
        part = texts[k : k + CHUNK]
        hits, _ = find_hits(part, np.arange(len(part)), index)
        out.update((hits.text + k).tolist())
    return out


def quality(items: list, host_convs: list[Conversation], index_path: Path) -> dict:
    planted = planted_set(items, host_convs)
    stage = DecontaminateStage(index=str(index_path))
    out = run_stage(stage, [p.conv for p in planted])
    rejected = {r.id: r for r in out.rejects}
    # the sweep: best question share of every planted record, from the same matcher
    texts, owner = [], []
    for i, p in enumerate(planted):
        for t in p.conv.turns:
            if t.role in ("human", "gpt"):
                texts.append(t.text)
                owner.append(i)
    from dolphin_data.decontam.index import Index

    shares = np.zeros(len(planted))
    for m in match_texts(texts, np.asarray(owner), Index.open(index_path), 0.5):
        shares[m.record] = m.share
    by_kind: dict[str, dict] = {}
    for kind in POSITIVE + NEGATIVE:
        sel = [i for i, p in enumerate(planted) if p.kind == kind]
        flagged = sum(planted[i].conv.id in rejected for i in sel)
        by_kind[kind] = {
            "records": len(sel),
            "rejected": flagged,
            "rate": round(flagged / len(sel), 4),
            "per_benchmark": dict(Counter(planted[i].benchmark for i in sel if planted[i].conv.id in rejected)),
        }
    pos = [i for i, p in enumerate(planted) if p.positive]
    neg = [i for i, p in enumerate(planted) if not p.positive]
    tp = sum(planted[i].conv.id in rejected for i in pos)
    fp = sum(planted[i].conv.id in rejected for i in neg)
    wrong_item = sum(
        1
        for i in pos
        if planted[i].conv.id in rejected and rejected[planted[i].conv.id].extra["item"] != planted[i].item
    )
    sweep = {}
    for th in THRESHOLDS:
        s_tp = int((shares[pos] >= th).sum())
        s_fp = int((shares[neg] >= th).sum())
        sweep[str(th)] = {
            "recall": round(s_tp / len(pos), 4),
            "precision": round(s_tp / max(s_tp + s_fp, 1), 4),
            "false_positives": s_fp,
        }
    missed = [planted[i].conv.id for i in pos if planted[i].conv.id not in rejected]
    return {
        "planted": len(planted),
        "by_kind": by_kind,
        "recall": round(tp / len(pos), 4),
        "precision": round(tp / max(tp + fp, 1), 4),
        "false_positives": fp,
        "wrong_item": wrong_item,
        "missed": missed[:20],
        "threshold_sweep": sweep,
    }


def quality_char(host_convs: list[Conversation], tmp: Path) -> dict:
    """HumanEval alone with character 50-grams (whitespace-free, punctuation kept: the code setting)."""
    from dolphin_data.decontam.sources import bundled_items

    items = bundled_items()[0]
    path = write_index(tmp / "char.dcx", build_index(items, IndexSettings.of("char")))
    planted = planted_set(items, host_convs)
    out = run_stage(DecontaminateStage(index=str(path)), [p.conv for p in planted] + host_convs)
    rejected = {r.id for r in out.rejects}
    rates = {
        kind: round(sum(p.conv.id in rejected for p in planted if p.kind == kind) / len(items), 4)
        for kind in POSITIVE + NEGATIVE
    }
    return {"rejected_rate_by_kind": rates, "raw_rejected": sum(c.id in rejected for c in host_convs)}


def raw_false_positives(host_convs: list[Conversation], index_path: Path) -> dict:
    out = {}
    for name, index in (("bundled", "bundled"), ("benchmark", str(index_path))):
        res = run_stage(DecontaminateStage(index=index), host_convs)
        out[name] = {
            "records": len(host_convs),
            "rejected": len(res.rejects),
            "partial": res.counters.get("contam:partial", 0),
        }
    return out


def speed(items: list, host_convs: list[Conversation], tmp: Path, index_path: Path) -> dict:
    texts = speed_texts(host_convs, items, SPEED_MB)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    only13 = write_index(tmp / "only13.dcx", build_index(items, IndexSettings(ngram=13, min_ngram=13)))
    table = naive_table(items)
    t_naive, t_ours = [], []
    for _ in range(REPEATS):
        t0 = time.process_time()
        a = naive_flagged(texts, table)
        t_naive.append(time.process_time() - t0)
        t0 = time.process_time()
        b = ours_flagged(texts, only13)
        t_ours.append(time.process_time() - t0)
        if a != b:
            raise SystemExit(f"bench decontam: naive and vectorised lookups disagree ({len(a ^ b)} texts)")
    convs = [
        Conversation(f"s:{i}", "speed", (Turn("human", texts[i]), Turn("gpt", texts[i + 1])))
        for i in range(0, len(texts) - 1, 2)
    ]
    stage = DecontaminateStage(index=str(index_path))
    t_stage = []
    for _ in range(REPEATS):
        t0 = time.process_time()
        for k in range(0, len(convs), 1000):
            stage.process(as_batch("bench", convs[k : k + 1000]))
        t_stage.append(time.process_time() - t0)
    naive_s, ours_s, stage_s = (statistics.median(x) for x in (t_naive, t_ours, t_stage))
    return {
        "clock": "process CPU time",
        "mb": round(mb, 2),
        "texts": len(texts),
        "flagged_texts": len(a),
        "non_ascii_texts": sum(not t.isascii() for t in texts),
        "naive_mb_s": round(mb / naive_s, 2),
        "ours_mb_s": round(mb / ours_s, 2),
        "ratio": round(naive_s / ours_s, 1),
        "stage_mb_s": round(mb / stage_s, 2),
        "stage_conversations_s": round(len(convs) / stage_s),
        "runs_s": {
            "naive": [round(x, 3) for x in t_naive],
            "ours": [round(x, 3) for x in t_ours],
            "stage": [round(x, 3) for x in t_stage],
        },
    }


def main() -> None:
    items = benchmark_items()
    host_convs = hosts()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        index_path = write_index(tmp / "bench.dcx", build_index(items, IndexSettings()))
        q = quality(items, host_convs, index_path)
        raw = raw_false_positives(host_convs, index_path)
        qc = quality_char(host_convs, tmp)
        s = speed(items, host_convs, tmp, index_path)
    result = {
        "benchmarks": dict(Counter(it.benchmark for it in items)),
        "quality": q,
        "quality_char_humaneval": qc,
        "raw_false_positives": raw,
        "speed": s,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"planted set: {q['planted']} records ({', '.join(f'{k} {v}' for k, v in result['benchmarks'].items())} items)"
    )
    print(f"{'kind':<12} {'records':>8} {'rejected':>9} {'rate':>7}")
    for kind, row in q["by_kind"].items():
        print(f"{kind:<12} {row['records']:>8} {row['rejected']:>9} {row['rate']:>7.4f}")
    print(
        f"threshold 0.5: recall {q['recall']:.4f}, precision {q['precision']:.4f}, false positives "
        f"{q['false_positives']}, rejected under the wrong item {q['wrong_item']}"
    )
    print(
        "sweep: "
        + "; ".join(f"{th} R {v['recall']:.3f} P {v['precision']:.3f}" for th, v in q["threshold_sweep"].items())
    )
    print(
        "humaneval with char 50-grams: "
        + ", ".join(f"{k} {v:.4f}" for k, v in qc["rejected_rate_by_kind"].items())
        + f"; raw/ rejected {qc['raw_rejected']}"
    )
    for name, row in raw.items():
        print(
            f"raw/ samples vs {name} index: {row['rejected']} rejected of {row['records']} ({row['partial']} partial)"
        )
    print(
        f"speed ({s['mb']} MB, one core): naive {s['naive_mb_s']} MB/s, ours {s['ours_mb_s']} MB/s "
        f"({s['ratio']}x); whole stage {s['stage_mb_s']} MB/s, {s['stage_conversations_s']:,} conversations/s"
    )


if __name__ == "__main__":
    main()
