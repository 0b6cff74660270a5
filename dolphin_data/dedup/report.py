"""The dedup report: ``dedup.json`` (machine-readable) and ``dedup.md`` (for people), from the stage results.

Everything is rebuilt from the rejects (each carries ``duplicate_of``, ``duplicate_source`` and
``similarity``) and the kept records with duplicates, as ``DedupSummary`` collects them while they stream, so the
report explains exactly what the output files contain:

* clusters (a kept record plus everything removed as its duplicate) and a size histogram;
* the 20 largest clusters, with the kept member and a few removed members (id, reason, similarity, text);
* removed per source and reason, and the cross-source overlap matrix: ``overlap[A][B]`` = how many of
  source A's records were removed as duplicates of a record kept in source B.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.batch import Batch
from dolphin_data.stages import StageOutput
from dolphin_data.textsafe import md

TOP_CLUSTERS = 20
SAMPLE_MEMBERS = 5
SNIPPET = 160


def _snippet(record: Any) -> str:
    turns = (record or {}).get("conversations") or []
    text = next((t.get("value", "") for t in turns if t.get("from") == "human"), "") or (
        turns[0].get("value", "") if turns else ""
    )
    text = " ".join(str(text).split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def _size_bucket(n: int) -> str:
    if n <= 5:
        return str(n)
    for lo, hi in ((6, 10), (11, 100), (101, 1000)):
        if n <= hi:
            return f"{lo}-{hi}"
    return ">1000"


class DedupSummary:
    """One source's dedup output as the report needs it: a short line per removed record (its cluster, reason,
    similarity and snippet), counts, the snippets of the kept records that have duplicates, and the decision's
    figures (``engine``: they come with the verdicts, so a decision taken from the cache reports them too)."""

    def __init__(self) -> None:
        self.records_in = 0
        self.removed: Counter[str] = Counter()
        self.members: list[tuple[str, str, dict[str, Any]]] = []  # (kept id, kept source, member)
        self.kept_text: dict[str, str] = {}
        self.engine: dict[str, Any] = {}

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.records_in += len(batch)
        for i in sorted(out.drops):
            d = out.drops[i]
            self.members.append(
                (
                    str(d.evidence.get("duplicate_of")),
                    str(d.evidence.get("duplicate_source")),
                    {
                        "id": batch.ids[i],
                        "source": batch.source,
                        "reason": d.reason,
                        "similarity": d.evidence.get("similarity"),
                        "text": _snippet(batch.record(i)),
                    },
                )
            )
            self.removed[d.reason] += 1
        for i in out.notes.get("survivors", ()):
            self.kept_text[batch.ids[i]] = _snippet(batch.record(i))
        self.engine = self.engine or dict(out.notes.get("engine", {}))

    def merge(self, other: DedupSummary) -> None:
        self.records_in += other.records_in
        self.removed.update(other.removed)
        self.members += other.members
        self.kept_text.update(other.kept_text)
        self.engine = self.engine or other.engine


def build_report(
    results: Mapping[str, DedupSummary], stats: Mapping[str, Any] | None = None, params: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kept_source: dict[str, str] = {}
    removed: dict[str, Counter[str]] = {}
    overlap: dict[str, Counter[str]] = {}
    records_in = {}
    for name, out in results.items():
        removed[name] = Counter(out.removed)
        records_in[name] = out.records_in
        for kid, ksrc, member in out.members:
            members[kid].append(member)
            kept_source[kid] = ksrc
            overlap.setdefault(name, Counter())[ksrc] += 1
    kept_text: dict[str, str] = {}
    for out in results.values():
        for kid, text in out.kept_text.items():
            if kid in members:
                kept_text[kid] = text
    sizes = Counter(1 + len(m) for m in members.values())
    hist: Counter[str] = Counter()
    for size, count in sizes.items():
        hist[_size_bucket(size)] += count
    order = sorted(members, key=lambda k: (-len(members[k]), k))
    largest = [
        {
            "kept": {"id": k, "source": kept_source[k], "text": kept_text.get(k, "")},
            "size": 1 + len(members[k]),
            "members": sorted(members[k], key=lambda m: (m["source"], m["id"]))[:SAMPLE_MEMBERS],
        }
        for k in order[:TOP_CLUSTERS]
    ]
    sources = list(results)
    matrix = {a: {b: int(overlap.get(a, Counter()).get(b, 0)) for b in sources} for a in sources}
    total: Counter[str] = Counter()
    for c in removed.values():
        total.update(c)
    return {
        "clusters": len(members),
        "records_in_clusters": sum(1 + len(m) for m in members.values()),
        "removed": dict(sorted(total.items())),
        "cluster_size_histogram": dict(sorted(hist.items(), key=lambda kv: _bucket_order(kv[0]))),
        "removed_per_source": {s: {"in": records_in[s], **dict(sorted(removed[s].items()))} for s in sources},
        "overlap": matrix,
        "largest_clusters": largest,
        # wall-clock seconds stay out: reports are build outputs and must be byte-identical across runs
        "engine": {k: v for k, v in (stats or {}).items() if k != "seconds"},
        "params": dict(params or {}),
    }


def _bucket_order(label: str) -> int:
    return {"6-10": 6, "11-100": 11, "101-1000": 101, ">1000": 1001}.get(
        label, int(label) if label.isdigit() else 10**6
    )


def summary_lines(rep: Mapping[str, Any]) -> list[str]:
    """The report's opening sentences (parameters, engine figures, what was removed), Markdown-marked."""
    lines = []
    eng = rep.get("engine") or {}
    p = rep.get("params") or {}
    if p:
        lines.append(
            f"threshold {p.get('threshold')}, {p.get('num_perm')} permutations, {p.get('bands')} bands x {p.get('rows')} rows, "
            f"exact check {'on' if p.get('exact_check') else 'off'}, text `{p.get('text')}`, {p.get('shingle')} {p.get('ngram')}-grams, keep `{p.get('keep')}`"
        )
    if eng:
        lines.append(
            f"{eng.get('documents', 0):,} documents, {eng.get('candidate_pairs', 0):,} LSH candidate pairs, "
            f"{eng.get('verified_pairs', 0):,} verified, {eng.get('rejected_candidates', 0):,} rejected as false positives"
        )
    lines.append(
        f"**{rep['clusters']:,} clusters** holding {rep['records_in_clusters']:,} records; removed: "
        + (", ".join(f"{k} {v:,}" for k, v in rep["removed"].items()) or "none")
    )
    return lines


def render_markdown(rep: Mapping[str, Any]) -> str:
    lines = ["# dedup report", ""]
    for line in summary_lines(rep):
        lines += [line, ""]
    lines += ["## Cluster sizes", "", "| size | clusters |", "| --- | ---: |"]
    lines += [f"| {k} | {v:,} |" for k, v in rep["cluster_size_histogram"].items()]
    lines += ["", "## Removed per source", "", "| source | in | dup:exact | dup:near |", "| --- | ---: | ---: | ---: |"]
    for s, c in rep["removed_per_source"].items():
        lines.append(f"| {s} | {c['in']:,} | {c.get('dup:exact', 0):,} | {c.get('dup:near', 0):,} |")
    lines += ["", "## Cross-source overlap", "", OVERLAP_NOTE, ""]
    head, rows = overlap_rows(rep["overlap"])
    lines += ["| " + " | ".join(head) + " |", "| ---: | --- |" + " ---: |" * (len(head) - 2)]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    head, rows = cluster_rows(rep["largest_clusters"])
    lines += [
        "",
        f"## {len(rep['largest_clusters'])} largest clusters",
        "",
        CLUSTER_NOTE,
        "",
        "| " + " | ".join(head) + " |",
        "| ---: | --- | --- | --- | ---: | --- |",
    ]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


OVERLAP_NOTE = (
    "Row A, column B: records of A removed as duplicates of a record kept in B. "
    "Columns are numbered as the rows (the number before each source name)."
)
CLUSTER_NOTE = "Each cluster: the kept record (numbered), then the records removed as its duplicates."


def overlap_rows(overlap: Mapping[str, Mapping[str, int]]) -> tuple[list[str], list[list[str]]]:
    """The cross-source matrix with readable names: rows ``k``, full source name, then one column per source
    headed by its row number ``k`` (the legend is the rows themselves)."""
    sources = list(overlap)
    head = ["#", "removed from \\ kept in", *(str(k) for k in range(1, len(sources) + 1))]
    rows = [[str(k), a, *(f"{int(overlap[a].get(b, 0)):,}" for b in sources)] for k, a in enumerate(sources, 1)]
    return head, rows


def cluster_rows(clusters: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The largest clusters as table rows: the kept record with the cluster's number and size, then each removed
    member (reason, similarity) under it with the number left blank."""
    head = ["#", "record", "source", "verdict", "similarity", "text"]
    rows: list[list[str]] = []
    for i, cl in enumerate(clusters, 1):
        k = cl["kept"]
        rows.append([str(i), k["id"], k["source"], f"kept ({cl['size']:,} records)", "", k["text"]])
        for m in cl["members"]:
            sim = m.get("similarity")
            rows.append(["", m["id"], m["source"], m["reason"], "" if sim is None else f"{float(sim):.3f}", m["text"]])
        if cl["size"] - 1 > len(cl["members"]):
            rows.append(["", "", "", f"+{cl['size'] - 1 - len(cl['members']):,} more", "", ""])
    return head, rows


def render_terminal(rep: Mapping[str, Any], console: Any, title: str = "dedup") -> None:
    """Rich tables for ``dolphin-data report``, in the style of the other views: parameters, cluster sizes, removed
    per source, the cross-source matrix (numbered columns, full names on the rows) and the largest clusters."""
    from rich.table import Table
    from rich.text import Text

    from dolphin_data.textsafe import plain

    for line in summary_lines(rep):
        console.print(Text(plain(line.replace("**", "").replace("`", ""))))
    sizes = Table(title=f"{title}: cluster sizes", title_justify="left", min_width=len(title) + 18)
    sizes.add_column("size")
    sizes.add_column("clusters", justify="right")
    for k, v in rep["cluster_size_histogram"].items():
        sizes.add_row(k, f"{v:,}")
    console.print(sizes)
    per = Table(title=f"{title}: removed per source", title_justify="left")
    for col in ("source", "in", "dup:exact", "dup:near"):
        per.add_column(col, justify="left" if col == "source" else "right")
    for s, c in rep["removed_per_source"].items():
        per.add_row(plain(s), f"{c['in']:,}", f"{c.get('dup:exact', 0):,}", f"{c.get('dup:near', 0):,}")
    console.print(per)
    head, rows = overlap_rows(rep["overlap"])
    matrix = Table(
        title=f"{title}: cross-source overlap", title_justify="left", caption=OVERLAP_NOTE, caption_justify="left"
    )
    for j, col in enumerate(head):
        matrix.add_column(col, justify="left" if j == 1 else "right", no_wrap=j == 1)
    for row in rows:
        matrix.add_row(*(plain(c) for c in row))
    console.print(matrix)
    head, rows = cluster_rows(rep["largest_clusters"])
    clusters = Table(
        title=f"{title}: {len(rep['largest_clusters'])} largest clusters",
        title_justify="left",
        caption=CLUSTER_NOTE,
        caption_justify="left",
    )
    for col in head:
        clusters.add_column(
            col,
            justify="right" if col in ("#", "similarity") else "left",
            overflow="fold",
            no_wrap=col != "text",
            min_width=40 if col == "text" else None,
        )
    for row in rows:
        clusters.add_row(*(plain(c) for c in row))
    console.print(clusters)


def write_report(
    report_dir: Path,
    results: Mapping[str, DedupSummary],
    stats: Mapping[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    rep = build_report(results, stats, params)
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "dedup.json").write_bytes(orjson.dumps(rep, option=orjson.OPT_INDENT_2) + b"\n")
    (report_dir / "dedup.md").write_text(render_markdown(rep), encoding="utf-8")
    # the manifest gets the summary, not the samples
    return {k: rep[k] for k in ("clusters", "removed", "cluster_size_histogram", "removed_per_source", "overlap")} | {
        "files": ["dedup.json", "dedup.md"]
    }
