"""The ``decontaminate`` report: ``report.json`` + ``report.md``, and a summary for ``manifest.json``.

Built from one ``DecontamSummary`` per source (build) or file (stage command). A summary is bounded and
mergeable: counts per benchmark, per item (at most ``MAX_ITEMS`` distinct items; the rest are counted together),
an overlap histogram, and the ``samples`` examples per benchmark whose record ids hash lowest (so the examples do
not depend on batching, worker count or merge order). ``add(output)`` feeds a stage output batch; ``merge(other)``
folds in a summary built elsewhere (another worker process).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.batch import Batch
from dolphin_data.io import atomic_writer
from dolphin_data.stages import StageOutput
from dolphin_data.stages.sample import id_hash
from dolphin_data.textsafe import md

MAX_ITEMS = 10_000
TOP_ITEMS = 20
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)  # overlap histogram of rejected records: [a, b), the last bin is 1.0


class DecontamSummary:
    """What the report keeps of one source (see the module docstring)."""

    def __init__(self, samples: int = 5):
        self.samples = samples
        self.records = 0
        self.rejected: Counter[str] = Counter()
        self.partial = 0
        self.items: Counter[tuple[str, str]] = Counter()
        self.other_items = 0
        self.overlap_hist = [0] * len(BINS)
        self.examples: dict[str, list[tuple[int, dict[str, Any]]]] = {}

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.records += len(batch)
        self.partial += out.counters.get("contam:partial", 0)
        for i in sorted(out.drops):
            d = out.drops[i]
            if not d.reason.startswith("contam:"):
                continue
            ex = d.evidence
            bench = str(ex.get("benchmark", d.reason.split(":", 1)[1]))
            self.rejected[bench] += 1
            self._count_item((bench, str(ex.get("item"))), 1)
            overlap = float(ex.get("overlap", 0.0))
            self.overlap_hist[sum(overlap >= b for b in BINS[1:])] += 1
            example = {
                "id": batch.ids[i],
                "source": batch.source,
                "item": ex.get("item"),
                "overlap": ex.get("overlap"),
                "question_overlap": ex.get("question_overlap"),
                "answer_overlap": ex.get("answer_overlap"),
                "span": ex.get("span"),
            }
            self._keep_examples(bench, [(id_hash(0, batch.ids[i]), example)])

    def merge(self, other: DecontamSummary) -> None:
        self.records += other.records
        self.rejected.update(other.rejected)
        self.partial += other.partial
        for key, n in sorted(other.items.items()):
            self._count_item(key, n)
        self.other_items += other.other_items
        self.overlap_hist = [a + b for a, b in zip(self.overlap_hist, other.overlap_hist, strict=True)]
        for bench, rows in other.examples.items():
            self._keep_examples(bench, rows)

    def _count_item(self, key: tuple[str, str], n: int) -> None:
        if key in self.items or len(self.items) < MAX_ITEMS:
            self.items[key] += n
        else:
            self.other_items += n

    def _keep_examples(self, bench: str, rows: list[tuple[int, dict[str, Any]]]) -> None:
        merged = self.examples.get(bench, []) + rows
        merged.sort(key=lambda kv: (kv[0], kv[1]["id"]))
        self.examples[bench] = merged[: self.samples]


def write_report(
    report_dir: Path,
    sums: Mapping[str, DecontamSummary],
    header: Mapping[str, Any],
    index_name: str,
    threshold: float,
    mode: str,
) -> dict[str, Any]:
    """Write ``report.json`` and ``report.md``; return the manifest summary."""
    total = DecontamSummary(max((s.samples for s in sums.values()), default=5))
    for s in sums.values():
        total.merge(s)
    previews = dict(zip(header["item_ids"], header["item_preview"], strict=True))
    top = sorted(total.items.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ITEMS]
    rep: dict[str, Any] = {
        "stage": "decontaminate",
        "index": {
            "name": index_name,
            "unit": header["unit"],
            "ngram": header["ngram"],
            "min_ngram": header["min_ngram"],
            "benchmarks": [
                {k: b.get(k) for k in ("name", "items", "indexed_items", "too_short", "license")}
                for b in header["benchmarks"]
            ],
        },
        "threshold": threshold,
        "mode": mode,
        "records": total.records,
        "rejected": sum(total.rejected.values()),
        "rejected_by_benchmark": dict(sorted(total.rejected.items())),
        "partial_overlap": total.partial,
        "overlap_histogram": {_bin_label(i): n for i, n in enumerate(total.overlap_hist)},
        "per_source": {
            name: {"records": s.records, "rejected": dict(sorted(s.rejected.items())), "partial": s.partial}
            for name, s in sorted(sums.items())
        },
        "top_items": [{"benchmark": b, "item": i, "records": n, "preview": previews.get(i, "")} for (b, i), n in top],
        "other_items_records": total.other_items,
        "examples": {b: [row for _, row in rows] for b, rows in sorted(total.examples.items())},
    }
    report_dir.mkdir(parents=True, exist_ok=True)
    with atomic_writer(report_dir / "report.json") as fh:
        fh.write(orjson.dumps(rep, option=orjson.OPT_INDENT_2) + b"\n")
    with atomic_writer(report_dir / "report.md") as fh:
        fh.write(render_markdown(rep).encode("utf-8"))
    return {
        k: rep[k] for k in ("records", "rejected", "rejected_by_benchmark", "partial_overlap", "threshold", "mode")
    } | {"index": index_name, "benchmarks": [b["name"] for b in rep["index"]["benchmarks"]]}


def _bin_label(i: int) -> str:
    if i == len(BINS) - 1:
        return "1.0"
    return f"{BINS[i]:.1f}-{BINS[i + 1]:.1f}"


def _md(text: Any) -> str:
    return md(str(text))


def render_markdown(rep: Mapping[str, Any]) -> str:
    ix = rep["index"]
    lines = [
        "# Benchmark decontamination",
        "",
        f"Index `{ix['name']}` ({ix['unit']} {ix['ngram']}-grams, {ix['min_ngram']}-grams for short parts); "
        f"threshold {rep['threshold']} on the {rep['mode'].replace('_', '+')} overlap share.",
        "",
        f"**{rep['rejected']:,}** of {rep['records']:,} records rejected; {rep['partial_overlap']:,} more overlap "
        "below the threshold.",
        "",
        "| benchmark | items | indexed | licence | rejected records |",
        "|---|---|---|---|---|",
    ]
    for b in ix["benchmarks"]:
        lines.append(
            f"| {b['name']} | {b['items']} | {b['indexed_items']} | {_md(b.get('license') or '-')} | "
            f"{rep['rejected_by_benchmark'].get(b['name'], 0):,} |"
        )
    lines += ["", "## Per source", "", "| source | records | rejected | partial overlap |", "|---|---|---|---|"]
    for name, s in rep["per_source"].items():
        rej = ", ".join(f"{b} {n}" for b, n in s["rejected"].items()) or "0"
        lines.append(f"| {name} | {s['records']:,} | {rej} | {s['partial']:,} |")
    lines += ["", "## Overlap of rejected records", "", "| overlap | records |", "|---|---|"]
    lines += [f"| {k} | {n:,} |" for k, n in rep["overlap_histogram"].items()]
    if rep["top_items"]:
        lines += [
            "",
            "## Most contaminated items",
            "",
            "| benchmark | item | records | question |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {t['benchmark']} | {_md(t['item'])} | {t['records']:,} | {_md(t['preview'])} |"
            for t in rep["top_items"]
        ]
    for bench, rows in rep["examples"].items():
        lines += ["", f"## Examples: {bench}", ""]
        for row in rows:
            span = row.get("span") or {}
            lines.append(
                f"- `{row['id']}` ({row['source']}) item `{row['item']}`, overlap {row['overlap']}, "
                f"turn {span.get('turn')} chars {span.get('start')}-{span.get('end')}: "
                f'"{_md(span.get("text", ""))[:200]}"'
            )
    return "\n".join(lines) + "\n"
