"""The ``systemchat_validate`` report: ``report.json`` + ``report.md`` in the report folder, and a summary for
``manifest.json``.

Per source (build) or file (stage command): counts per rule with examples, what was repaired and what was
dropped, system-prompt statistics of the kept conversations (distinct prompts, most common prompts, length
distribution in characters), and the leakage rate before (conversations in which the stage found a leak / input)
and after (kept conversations in which a fresh scan still finds one / kept).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.batch import Batch
from dolphin_data.stages import StageOutput
from dolphin_data.systemchat import rules as R

EXAMPLES = 3
TOP_PROMPTS = 10
LENGTH_BUCKETS = (0, 50, 100, 200, 500, 1000, 2000)


def _excerpt(text: str, start: int | None, end: int | None, width: int = 80) -> str:
    if start is None or end is None:
        return text[: 2 * width]
    a, b = max(0, start - width), min(len(text), end + width)
    return ("..." if a else "") + text[a:b] + ("..." if b < len(text) else "")


def prompt_stats_of(conversations: int, counts: Counter[str], lengths: np.ndarray) -> dict[str, Any]:
    """System-prompt statistics from the distinct prompts' counts and every prompt's length (kept order)."""
    out: dict[str, Any] = {
        "conversations": conversations,
        "with_system_prompt": int(len(lengths)),
        "distinct_prompts": len(counts),
        "most_common": [
            {"prompt": p if len(p) <= 300 else p[:300] + "...", "count": n}
            for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PROMPTS]
        ],
    }
    if len(lengths):
        q = np.percentile(lengths, [10, 50, 90, 99])
        edges = np.array(LENGTH_BUCKETS[1:])
        bucket = np.searchsorted(edges, lengths, side="right")
        hist = np.bincount(bucket, minlength=len(LENGTH_BUCKETS))
        labels = [f"{lo}-{hi - 1}" for lo, hi in zip(LENGTH_BUCKETS, LENGTH_BUCKETS[1:], strict=False)] + [
            f"{LENGTH_BUCKETS[-1]}+"
        ]
        out["length_chars"] = {
            "min": int(lengths.min()),
            "p10": float(q[0]),
            "p50": float(q[1]),
            "p90": float(q[2]),
            "p99": float(q[3]),
            "max": int(lengths.max()),
            "mean": round(float(lengths.mean()), 1),
            "histogram": dict(zip(labels, hist.tolist(), strict=True)),
        }
    return out


class SystemChatSummary:
    """One source's validate output as the report needs it: counts, the first examples per reason and repair, the
    smallest ids still leaking, and per distinct system prompt its count plus every prompt's length."""

    def __init__(self) -> None:
        self.n_in = 0
        self.kept = 0
        self.by_reason: Counter[str] = Counter()
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self.dropped_on_repair: Counter[str] = Counter()
        self.counters: Counter[str] = Counter()
        self.repaired = 0
        self.repair_examples: list[dict[str, Any]] = []
        self.still = 0
        self.after_ids: list[str] = []
        self.prompts: Counter[str] = Counter()
        self.lengths = array("q")

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.n_in += len(batch)
        kept = out.kept(len(batch))
        self.kept += len(kept)
        self.counters.update(out.counters)
        for i in sorted(out.drops):
            d = out.drops[i]
            self.by_reason[d.reason] += 1
            if "repair" in d.evidence:
                self.dropped_on_repair[str(d.evidence["repair"])] += 1
            ex = self.examples.setdefault(d.reason, [])
            if len(ex) >= EXAMPLES:
                continue
            span = dict(d.evidence.get("span") or {})
            item: dict[str, Any] = {"id": batch.ids[i], "span": span}
            turn = span.get("turn")
            turns = (out.edits.get(i) or batch[i]).turns
            if isinstance(turn, int) and 0 <= turn < len(turns):
                item["excerpt"] = _excerpt(turns[turn].text, span.get("start"), span.get("end"))
            if "repair" in d.evidence:
                item["repair"] = d.evidence["repair"]
            ex.append(item)
        repaired: dict[str, list[dict[str, Any]]] = {}
        for r in out.repairs:
            repaired.setdefault(r["id"], []).append({"turn": r["turn"], "cut": r["removed"]})
        self.repaired += len(repaired)
        for cid, log in repaired.items():
            if len(self.repair_examples) < EXAMPLES:
                self.repair_examples.append({"id": cid, "repairs": log})
        kept_convs = [out.edits.get(i) or batch[i] for i in kept]
        for c in kept_convs:
            if c.system:
                self.prompts[c.system] += 1
                self.lengths.append(len(c.system))
        still = R.leak_batch(kept_convs)  # per conversation, so per batch gives the same as over the whole source
        self.still += len(still)
        self.after_ids = sorted(self.after_ids + [kept_convs[i].id for i in still])[:EXAMPLES]

    def merge(self, other: SystemChatSummary) -> None:
        self.n_in += other.n_in
        self.kept += other.kept
        self.by_reason.update(other.by_reason)
        for reason, ex in other.examples.items():
            mine = self.examples.setdefault(reason, [])
            mine += ex[: max(0, EXAMPLES - len(mine))]
        self.dropped_on_repair.update(other.dropped_on_repair)
        self.counters.update(other.counters)
        self.repaired += other.repaired
        self.repair_examples += other.repair_examples[: max(0, EXAMPLES - len(self.repair_examples))]
        self.still += other.still
        self.after_ids = sorted(self.after_ids + other.after_ids)[:EXAMPLES]
        self.prompts.update(other.prompts)
        self.lengths.extend(other.lengths)


def source_report(out: SystemChatSummary) -> dict[str, Any]:
    n_in, kept = out.n_in, out.kept
    leak_before = int(out.counters.get("leak_found", 0))
    return {
        "in": n_in,
        "kept": kept,
        "rejected": dict(sorted(out.by_reason.items())),
        "examples": {k: out.examples[k] for k in sorted(out.examples)},
        "repaired": out.repaired,
        "repaired_sentences": int(out.counters.get("repaired_sentences", 0)),
        "repair_examples": out.repair_examples,
        "dropped_on_repair": dict(sorted(out.dropped_on_repair.items())),
        "directives": {k.split(":", 1)[1]: v for k, v in sorted(out.counters.items()) if k.startswith("directive:")},
        "leakage": {
            "before": leak_before,
            "after": out.still,
            "rate_before": round(leak_before / n_in, 6) if n_in else 0.0,
            "rate_after": round(out.still / kept, 6) if kept else 0.0,
            "after_ids": out.after_ids,
        },
        "system_prompts": prompt_stats_of(kept, out.prompts, np.frombuffer(out.lengths, dtype=np.int64) if out.lengths else np.zeros(0, np.int64)),
    }


def write_report(report_dir: Path, results: Mapping[str, SystemChatSummary]) -> dict[str, Any]:
    """Write ``report.json`` and ``report.md``; return the manifest summary (per source: counts + leakage)."""
    per_source = {name: source_report(out) for name, out in results.items()}
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "report.json").write_bytes(orjson.dumps(per_source, option=orjson.OPT_INDENT_2) + b"\n")
    (report_dir / "report.md").write_text(render_markdown(per_source), encoding="utf-8")
    summary: dict[str, Any] = {"report": str(report_dir / "report.json"), "sources": {}}
    totals = Counter()
    for name, rep in per_source.items():
        leak = rep["leakage"]
        summary["sources"][name] = {
            "in": rep["in"],
            "kept": rep["kept"],
            "repaired": rep["repaired"],
            "leak_before": leak["before"],
            "leak_after": leak["after"],
            "leak_rate_before": leak["rate_before"],
            "leak_rate_after": leak["rate_after"],
            "distinct_system_prompts": rep["system_prompts"]["distinct_prompts"],
        }
        totals.update({"in": rep["in"], "kept": rep["kept"], "leak_before": leak["before"], "leak_after": leak["after"],
                       "repaired": rep["repaired"]})
    summary["totals"] = dict(totals)
    return summary


def render_markdown(per_source: Mapping[str, Mapping[str, Any]]) -> str:
    lines = ["# systemchat_validate report", ""]
    lines += ["| source | in | kept | repaired | leaks before | leaks after | rate before | rate after | distinct prompts |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, rep in per_source.items():
        lk = rep["leakage"]
        lines.append(
            f"| {name} | {rep['in']} | {rep['kept']} | {rep['repaired']} | {lk['before']} | {lk['after']} | "
            f"{lk['rate_before']:.4%} | {lk['rate_after']:.4%} | {rep['system_prompts']['distinct_prompts']} |"
        )
    for name, rep in per_source.items():
        lines += ["", f"## {name}", ""]
        if rep["rejected"]:
            lines += ["| reason | count | example |", "|---|---:|---|"]
            for reason, n in rep["rejected"].items():
                ex = rep["examples"].get(reason, [{}])[0]
                text = str(ex.get("span", {}).get("text") or ex.get("excerpt", ""))[:80].replace("|", "\\|").replace("\n", " ")
                lines.append(f"| `{reason}` | {n} | {ex.get('id', '')}: {text} |")
        else:
            lines.append("No rejects.")
        if rep["repair_examples"]:
            lines += ["", f"Repaired {rep['repaired']} conversations ({rep['repaired_sentences']} sentences cut), e.g.:"]
            for ex in rep["repair_examples"]:
                cut = "; ".join(s for r in ex["repairs"] for s in r["cut"])[:120]
                lines.append(f"- {ex['id']}: cut \u201c{cut}\u201d")
        if rep["dropped_on_repair"]:
            lines.append("")
            lines.append("Dropped because the repair left nothing that stands on its own: "
                         + ", ".join(f"{k} {v}" for k, v in rep["dropped_on_repair"].items()))
        sp = rep["system_prompts"]
        lines += ["", f"System prompts: {sp['with_system_prompt']} of {sp['conversations']} kept conversations, "
                  f"{sp['distinct_prompts']} distinct."]
        if "length_chars" in sp:
            lc = sp["length_chars"]
            lines.append(f"Length (chars): min {lc['min']}, median {lc['p50']:.0f}, p90 {lc['p90']:.0f}, max {lc['max']}; "
                         + ", ".join(f"{k}: {v}" for k, v in lc["histogram"].items()))
        for item in sp["most_common"][:5]:
            lines.append(f"- {item['count']} x {item['prompt'][:100]!r}")
    return "\n".join(lines) + "\n"
