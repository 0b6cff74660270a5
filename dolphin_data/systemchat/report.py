"""The ``systemchat_validate`` report: ``report.json`` + ``report.md`` in the report folder, and a summary for
``manifest.json``.

Per source (build) or file (stage command): counts per rule with examples, what was repaired and what was
dropped, system-prompt statistics of the kept conversations (distinct prompts, most common prompts, length
distribution in characters), and the leakage rate before (conversations in which the stage found a leak / input)
and after (kept conversations still leaking by the stage's own scan / kept: 0 whenever the leak rule ran, since a
repair that still leaks is dropped; null when the leak rule was off, as nothing checked it).

Nothing here runs a rule again: the report is built from what the stage returned. ``SystemChatSummary`` takes what
it needs from each ``StageOutput`` (``add``) and is bounded and mergeable (``merge``), so it can be built inside
the worker processes and merged in the driver: counts, the first few examples, and ``PromptStats``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.batch import Batch
from dolphin_data.stages import StageOutput
from dolphin_data.textsafe import md

EXAMPLES = 3
TOP_PROMPTS = 10
MAX_PROMPTS = 10_000  # distinct system prompts counted one by one per source; beyond, only lengths are exact
PROMPT_CHARS = 300  # of each tracked prompt's text, kept for the report
LENGTH_BUCKETS = (0, 50, 100, 200, 500, 1000, 2000)


def _excerpt(text: str, start: int | None, end: int | None, width: int = 80) -> str:
    if start is None or end is None:
        return text[: 2 * width]
    a, b = max(0, start - width), min(len(text), end + width)
    return ("..." if a else "") + text[a:b] + ("..." if b < len(text) else "")


class PromptStats:
    """System prompts of kept conversations: a count per distinct prompt (keyed by an 8-byte BLAKE2b digest of
    the whole prompt, with its first ``PROMPT_CHARS`` characters) for up to ``MAX_PROMPTS`` distinct prompts, and
    the exact length distribution (a count per length in characters). Bounded by ``MAX_PROMPTS`` and the number
    of distinct lengths. Merging in any grouping gives the same result while a source has at most ``MAX_PROMPTS``
    distinct prompts; past that, ``exact`` is false and prompts first seen after the cap are counted only in
    ``untracked``."""

    def __init__(self) -> None:
        self.counts: dict[bytes, int] = {}
        self.texts: dict[bytes, str] = {}
        self.untracked = 0
        self.exact = True
        self.lengths: Counter[int] = Counter()

    def add_prompts(self, prompts: list[str]) -> None:
        for p, n in Counter(prompts).items():
            self.lengths[len(p)] += n
            self._count(hashlib.blake2b(p.encode("utf-8", "surrogatepass"), digest_size=8).digest(), p, n)

    def _count(self, key: bytes, text: str, n: int) -> None:
        if key in self.counts:
            self.counts[key] += n
        elif len(self.counts) < MAX_PROMPTS:
            self.counts[key] = n
            self.texts[key] = text[:PROMPT_CHARS]
        else:
            self.untracked += n
            self.exact = False

    def merge(self, other: PromptStats) -> None:
        for key, n in other.counts.items():
            self._count(key, other.texts[key], n)
        self.untracked += other.untracked
        self.exact = self.exact and other.exact
        self.lengths.update(other.lengths)

    def stats(self, conversations: int) -> dict[str, Any]:
        total = sum(self.lengths.values())
        top = sorted(self.counts, key=lambda k: (-self.counts[k], self.texts[k], k))[:TOP_PROMPTS]
        out: dict[str, Any] = {
            "conversations": conversations,
            "with_system_prompt": total,
            "distinct_prompts": len(self.counts),
            "distinct_exact": self.exact,
            "most_common": [
                {
                    "prompt": self.texts[k] + ("..." if len(self.texts[k]) == PROMPT_CHARS else ""),
                    "count": self.counts[k],
                }
                for k in top
            ],
        }
        if total:
            values = np.array(sorted(self.lengths), np.int64)
            counts = np.array([self.lengths[v] for v in values.tolist()], np.int64)
            edges = np.array(LENGTH_BUCKETS[1:])
            hist = np.bincount(
                np.searchsorted(edges, values, side="right"), weights=counts, minlength=len(LENGTH_BUCKETS)
            )
            labels = [f"{lo}-{hi - 1}" for lo, hi in zip(LENGTH_BUCKETS, LENGTH_BUCKETS[1:], strict=False)]
            out["length_chars"] = {
                "min": int(values[0]),
                "p10": weighted_percentile(values, counts, 10),
                "p50": weighted_percentile(values, counts, 50),
                "p90": weighted_percentile(values, counts, 90),
                "p99": weighted_percentile(values, counts, 99),
                "max": int(values[-1]),
                "mean": round(float((values * counts).sum() / total), 1),
                "histogram": dict(
                    zip([*labels, f"{LENGTH_BUCKETS[-1]}+"], hist.astype(np.int64).tolist(), strict=True)
                ),
            }
        return out


def weighted_percentile(values: np.ndarray, counts: np.ndarray, q: float) -> float:
    """``np.percentile`` (linear interpolation) of the multiset where ``values[i]`` occurs ``counts[i]`` times."""
    ends = np.cumsum(counts)
    pos = q / 100 * (ends[-1] - 1)
    lo, hi = int(np.floor(pos)), int(np.ceil(pos))
    a, b = values[np.searchsorted(ends, lo, side="right")], values[np.searchsorted(ends, hi, side="right")]
    return float(a + (b - a) * (pos - lo))


class SystemChatSummary:
    """One source's validate output as the report needs it: counts, the first examples per reason and repair, the
    repair verdicts of dropped leaks, and ``PromptStats`` of the kept conversations. ``add`` takes one
    ``StageOutput``; ``merge`` appends another summary of the records that follow (shard order)."""

    def __init__(self) -> None:
        self.n_in = 0
        self.kept = 0
        self.by_reason: Counter[str] = Counter()
        self.examples: dict[str, list[dict[str, Any]]] = {}
        self.dropped_on_repair: Counter[str] = Counter()
        self.counters: Counter[str] = Counter()
        self.repair_examples: list[dict[str, Any]] = []
        self.prompts = PromptStats()

    def add(self, batch: Batch, out: StageOutput) -> None:
        kept = out.kept(len(batch))
        self.n_in += len(batch)
        self.kept += len(kept)
        self.counters.update(out.counters)
        for i in sorted(out.drops):
            d = out.drops[i]
            self.by_reason[d.reason] += 1
            if "repair" in d.evidence:
                self.dropped_on_repair[str(d.evidence["repair"])] += 1
            ex = self.examples.setdefault(d.reason, [])
            if len(ex) < EXAMPLES:
                conv = out.edits.get(i) or batch[i]
                ex.append(_example(batch.ids[i], d.evidence, conv.to_sharegpt()))
        for rep in out.repairs:
            if self.repair_examples and self.repair_examples[-1]["id"] == rep["id"]:
                self.repair_examples[-1]["repairs"].append(_repair_item(rep))
            elif len(self.repair_examples) < EXAMPLES:
                self.repair_examples.append({"id": rep["id"], "repairs": [_repair_item(rep)]})
        prompts = batch.system_prompts()
        self.prompts.add_prompts(
            [p for p in ((out.edits[i].system if i in out.edits else prompts[i]) for i in kept) if p]
        )

    def merge(self, other: SystemChatSummary) -> None:
        self.n_in += other.n_in
        self.kept += other.kept
        self.by_reason.update(other.by_reason)
        for reason, exs in other.examples.items():
            self.examples[reason] = (self.examples.get(reason, []) + exs)[:EXAMPLES]
        self.dropped_on_repair.update(other.dropped_on_repair)
        self.counters.update(other.counters)
        self.repair_examples = (self.repair_examples + other.repair_examples)[:EXAMPLES]
        self.prompts.merge(other.prompts)


def _example(cid: str, extra: Mapping[str, Any], record: Any) -> dict[str, Any]:
    span = dict(extra.get("span") or {})
    item: dict[str, Any] = {"id": cid, "span": span}
    turn = span.get("turn")
    turns = (record.get("conversations") if isinstance(record, Mapping) else None) or []
    if isinstance(turn, int) and 0 <= turn < len(turns):
        item["excerpt"] = _excerpt(turns[turn]["value"], span.get("start"), span.get("end"))
    for key in ("pattern", "repair"):
        if key in extra:
            item[key] = extra[key]
    return item


def _repair_item(rep: Mapping[str, Any]) -> dict[str, Any]:
    return {k: rep[k] for k in ("turn", "removed", "before_chars", "after_chars")}


def source_report(out: SystemChatSummary, leak_checked: bool = True) -> dict[str, Any]:
    n_in, kept = out.n_in, out.kept
    leak_before = int(out.counters.get("leak_found", 0))
    after = 0 if leak_checked else None
    return {
        "in": n_in,
        "kept": kept,
        "rejected": dict(sorted(out.by_reason.items())),
        "examples": {k: out.examples[k] for k in sorted(out.examples)},
        "repaired": int(out.counters.get("repaired", 0)),
        "repaired_sentences": int(out.counters.get("repaired_sentences", 0)),
        "repair_examples": out.repair_examples,
        "dropped_on_repair": dict(sorted(out.dropped_on_repair.items())),
        "directives": {k.split(":", 1)[1]: v for k, v in sorted(out.counters.items()) if k.startswith("directive:")},
        "leakage": {
            "checked": leak_checked,
            "before": leak_before,
            "after": after,
            "rate_before": round(leak_before / n_in, 6) if n_in else 0.0,
            "rate_after": None if after is None else 0.0,
        },
        "system_prompts": out.prompts.stats(kept),
    }


def write_report(
    report_dir: Path, results: Mapping[str, SystemChatSummary], leak_checked: bool = True
) -> dict[str, Any]:
    """Write ``report.json`` and ``report.md``; return the manifest summary (per source: counts + leakage)."""
    per_source = {name: source_report(out, leak_checked) for name, out in results.items()}
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "report.json").write_bytes(orjson.dumps(per_source, option=orjson.OPT_INDENT_2) + b"\n")
    (report_dir / "report.md").write_text(render_markdown(per_source), encoding="utf-8")
    summary: dict[str, Any] = {"report": str(report_dir / "report.json"), "sources": {}}
    totals: Counter[str] = Counter()
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
        totals.update(
            {
                "in": rep["in"],
                "kept": rep["kept"],
                "leak_before": leak["before"],
                "leak_after": leak["after"] or 0,
                "repaired": rep["repaired"],
            }
        )
    summary["totals"] = dict(totals)
    return summary


def _cell(text: Any, width: int) -> str:
    return md(str(text)[:width])


def render_markdown(per_source: Mapping[str, Mapping[str, Any]]) -> str:
    lines = ["# systemchat_validate report", ""]
    lines += [
        "| source | in | kept | repaired | leaks before | leaks after | rate before | rate after | distinct prompts |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rep in per_source.items():
        lk = rep["leakage"]
        after = "not checked" if lk["after"] is None else f"{lk['after']}"
        rate_after = "-" if lk["rate_after"] is None else f"{lk['rate_after']:.4%}"
        lines.append(
            f"| {name} | {rep['in']} | {rep['kept']} | {rep['repaired']} | {lk['before']} | {after} | "
            f"{lk['rate_before']:.4%} | {rate_after} | {rep['system_prompts']['distinct_prompts']} |"
        )
    for name, rep in per_source.items():
        lines += ["", f"## {name}", ""]
        if rep["rejected"]:
            lines += ["| reason | count | example |", "|---|---:|---|"]
            for reason, n in rep["rejected"].items():
                ex = rep["examples"].get(reason, [{}])[0]
                text = ex.get("span", {}).get("text") or ex.get("excerpt", "")
                lines.append(f"| `{reason}` | {n} | {ex.get('id', '')}: {_cell(text, 80)} |")
        else:
            lines.append("No rejects.")
        if rep["repair_examples"]:
            lines += ["", f"Repaired {rep['repaired']} conversations ({rep['repaired_sentences']} pieces cut), e.g.:"]
            for ex in rep["repair_examples"]:
                cut = "; ".join(s for r in ex["repairs"] for s in r["removed"])[:120]
                lines.append(f"- {ex['id']}: cut \u201c{cut}\u201d")
        if rep["dropped_on_repair"]:
            lines.append("")
            lines.append(
                "Dropped because the repair left nothing that stands on its own: "
                + ", ".join(f"{k} {v}" for k, v in rep["dropped_on_repair"].items())
            )
        sp = rep["system_prompts"]
        distinct = f"{sp['distinct_prompts']}" + ("" if sp["distinct_exact"] else "+ (counted up to the cap)")
        lines += [
            "",
            f"System prompts: {sp['with_system_prompt']} of {sp['conversations']} kept conversations, "
            f"{distinct} distinct.",
        ]
        if "length_chars" in sp:
            lc = sp["length_chars"]
            lines.append(
                f"Length (chars): min {lc['min']}, median {lc['p50']:.0f}, p90 {lc['p90']:.0f}, max {lc['max']}; "
                + ", ".join(f"{k}: {v}" for k, v in lc["histogram"].items())
            )
        for item in sp["most_common"][:5]:
            lines.append(f"- {item['count']} x {md(repr(item['prompt'][:100]))}")
    return "\n".join(lines) + "\n"
