"""Unfilter reports, built from plain data (``UnfilterSummary.to_data``): JSON, a self-contained HTML inspection
page (``report_html``), and the terminal view.

``write_report(dir, results, stage)`` (``results``: one ``UnfilterSummary`` per source) writes ``report.json``
(totals, rules with their dev-set precision, per-source funnels, languages, the classifier and its score
distribution, and the first ``JSON_ITEMS`` rejects/repairs/near misses per source), ``sources/<source>.json`` (the
whole bounded summary of one source) and ``report.html``; it returns the short summary for ``manifest.json``.
``render_terminal(report, console)`` is the ``dolphin-data report DIR`` view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.textsafe import plain
from dolphin_data.unfilter.summary import UnfilterSummary

PRECISION_FILE = Path(__file__).resolve().parent.parent / "assets" / "refusal_rule_precision.json"
JSON_ITEMS = 50
LISTS = ("rejects", "repairs", "near_misses", "ignored")


def rule_precision() -> dict[str, Any]:
    """Per-rule precision on the labelled dev set (written by ``make bench``), or {} when absent."""
    if not PRECISION_FILE.is_file():
        return {}
    return orjson.loads(PRECISION_FILE.read_bytes())


def _share(n: int, total: int) -> float:
    return round(n / total, 6) if total else 0.0


def merge_rules(sources: list[dict[str, Any]], n_in: int, precision: Mapping[str, Any]) -> list[dict[str, Any]]:
    acc: dict[str, dict[str, Any]] = {}
    for s in sources:
        for row in s["rules"]:
            a = acc.setdefault(
                row["rule"],
                {
                    "rule": row["rule"],
                    "layer": row["layer"],
                    "hits": 0,
                    "conversations": 0,
                    "rejected": 0,
                    "repaired": 0,
                    "sources": 0,
                },
            )
            for k in ("hits", "conversations", "rejected", "repaired"):
                a[k] += row[k]
            a["sources"] += 1
    rows = list(acc.values())
    for r in rows:
        r["share"] = _share(r["conversations"], n_in)
        p = precision.get(r["rule"])
        r["dev_precision"] = p["precision"] if p else None
        r["dev_fired"] = p["fired"] if p else 0
    rows.sort(key=lambda row: (-row["conversations"], row["rule"]))
    return rows


def build_report(results: Mapping[str, UnfilterSummary], stage: Any) -> dict[str, Any]:
    sources = [results[name].to_data(name) for name in results]
    totals: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    hist: Counter[str] = Counter()
    for s in sources:
        totals.update(s["funnel"])
        languages.update(s["languages"])
        reasons.update(s["rejected_by_reason"])
        hist.update(s["classifier_scores"])
    prec = rule_precision()
    params = stage.params() if hasattr(stage, "params") else {}
    return {
        "stage": "unfilter",
        "report_version": 2,
        "params": params,
        "rules_info": stage.rules.describe() if hasattr(stage, "rules") else {},
        "classifier": {
            "model": params.get("classifier"),
            "threshold": params.get("classifier_threshold"),
            "scores": dict(sorted(hist.items())),
            "dev": prec.get("classifier"),
        },
        "totals": dict(totals) if sources else {"in": 0, "kept": 0},
        "rejected_by_reason": dict(sorted(reasons.items())),
        "rules": merge_rules(sources, totals["in"], prec),
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "sources": sources,
    }


def write_report(report_dir: Path, results: Mapping[str, UnfilterSummary], stage: Any) -> dict[str, Any]:
    from dolphin_data.unfilter.report_html import render_html

    report_dir.mkdir(parents=True, exist_ok=True)
    rep = build_report(results, stage)
    src_dir = report_dir / "sources"
    src_dir.mkdir(exist_ok=True)
    for s in rep["sources"]:
        (src_dir / f"{s['source']}.json").write_bytes(orjson.dumps(s, option=orjson.OPT_INDENT_2) + b"\n")
    short = {**rep, "sources": [{**s, **{k: s[k][:JSON_ITEMS] for k in LISTS}} for s in rep["sources"]]}
    (report_dir / "report.json").write_bytes(orjson.dumps(short, option=orjson.OPT_INDENT_2) + b"\n")
    (report_dir / "report.html").write_text(render_html(rep), encoding="utf-8")
    t = rep["totals"]
    return {
        "report": str(report_dir / "report.json"),
        "html": str(report_dir / "report.html"),
        "in": t.get("in", 0),
        "kept": t.get("kept", 0),
        "repaired": t.get("repaired", 0),
        "dropped_refusal": t.get("dropped_refusal", 0),
        "dropped_language": t.get("dropped_language", 0),
        "top_rules": {r["rule"]: r["conversations"] for r in rep["rules"][:10]},
    }


# -- terminal -----------------------------------------------------------------------------------------------------------


def render_terminal(rep: dict[str, Any], console: Any, samples: int = 2, title: str = "unfilter") -> None:
    """Rich tables for ``dolphin-data report DIR``: totals, rules, per-source funnel, languages, a few samples."""
    from rich.table import Table
    from rich.text import Text

    t = rep["totals"]
    cols = [
        ("in", "in"),
        ("dropped (refusal)", "dropped_refusal"),
        ("dropped (language)", "dropped_language"),
        ("repaired", "repaired"),
        ("turns dropped", "turns_dropped"),
        ("truncated", "truncated"),
        ("kept", "kept"),
    ]
    tot = Table(title=f"{title}: totals", title_justify="left")
    for label, _ in cols:
        tot.add_column(label, justify="right")
    tot.add_row(*(f"{t.get(k, 0):,}" for _, k in cols))
    console.print(tot)
    rules = Table(title=f"{title}: rules", title_justify="left")
    for col in ("rule", "hits", "conversations", "share", "rejected", "repaired", "dev precision"):
        rules.add_column(col, justify="left" if col == "rule" else "right", overflow="fold")
    for r in rep["rules"]:
        prec = "-" if r.get("dev_precision") is None else f"{r['dev_precision']:.3f}"
        rules.add_row(
            r["rule"],
            f"{r['hits']:,}",
            f"{r['conversations']:,}",
            f"{r['share']:.2%}",
            f"{r['rejected']:,}",
            f"{r['repaired']:,}",
            prec,
        )
    console.print(rules if rep["rules"] else Text("no rule fired"))
    funnel = Table(title=f"{title}: per source", title_justify="left")
    for col in ("source", "in", "refusal", "language", "repaired", "kept"):
        funnel.add_column(col, justify="left" if col == "source" else "right", overflow="fold")
    for s in rep["sources"]:
        f = s["funnel"]
        funnel.add_row(
            s["source"],
            f"{f['in']:,}",
            f"{f['dropped_refusal']:,}",
            f"{f['dropped_language']:,}",
            f"{f['repaired']:,}",
            f"{f['kept']:,}",
        )
    console.print(funnel)
    if rep["languages"]:
        langs = Table(title=f"{title}: languages", title_justify="left")
        langs.add_column("language")
        langs.add_column("conversations", justify="right")
        for k, v in rep["languages"].items():
            langs.add_row(k, f"{v:,}")
        console.print(langs)
    shown = 0
    for s in rep["sources"]:
        seen: Counter[str] = Counter()
        for it in s["rejects"]:
            if seen[it["reason"]] >= samples:
                continue
            seen[it["reason"]] += 1
            line = Text(plain(f"{s['source']} {it['id']} {it['reason']}: "), style="bold")
            line.append(plain(it["before"][-120:].replace("\n", " ")))
            line.append(plain(it["match"].replace("\n", " ")), style="black on yellow")
            line.append(plain(it["after"][:120].replace("\n", " ")))
            console.print(line)
            shown += 1
        for it in s["repairs"][:samples]:
            console.print(
                Text(plain(f"{s['source']} {it['id']} repaired ({it['rule']}): removed "), style="bold")
                + Text(plain(it["removed"][:160].replace("\n", " ")), style="strike")
            )
            shown += 1
    if shown:
        console.print(
            Text(f"({shown} samples shown; report.html has every reject and repair, filterable)", style="dim")
        )
