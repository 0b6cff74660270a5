"""Unfilter reports: what was removed and why, in three views of one JSON document.

``write_report(dir, results, stage)`` (``results``: one ``UnfilterSummary`` per source) writes
- ``report.json``: totals, per rule its hits / conversations / share / rejections, per source the funnel, the
  language distribution, up to N removed samples per rule with the matched span, and a seeded random sample of
  kept conversations to spot-check;
- ``sources/<source>.json``: the same for one output file;
- ``report.html``: one self-contained page (inline CSS, no scripts, no external assets) with matched spans
  highlighted;
and returns the short summary that goes into ``manifest.json``. ``render_terminal(report, console)`` is the
``dolphin-data report DIR`` view.
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import StageOutput

CONTEXT = 240  # characters shown either side of a matched span
PREVIEW = 600  # characters of a kept reply shown in the spot-check


def _share(n: int, total: int) -> float:
    return round(n / total, 6) if total else 0.0


def _sample_key(seed: int, conv_id: str) -> bytes:
    return hashlib.blake2b(f"{seed}:{conv_id}".encode(), digest_size=8).digest()


def _removed_sample(rej: Reject) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rej.id, "reason": rej.reason}
    span = rej.extra.get("span")
    record = rej.record if isinstance(rej.record, Mapping) else {}
    turns = record.get("conversations") or []
    if span is not None and span.get("turn", -1) < len(turns):
        text = turns[span["turn"]]["value"]
        s, e = span["start"], span["end"]
        lo, hi = max(0, s - CONTEXT), min(len(text), e + CONTEXT)
        out.update(
            turn=span["turn"], role=span.get("role"), start=s, end=e,
            before=("…" if lo > 0 else "") + text[lo:s], match=text[s:e], after=text[e:hi] + ("…" if hi < len(text) else ""),
        )
    else:  # language rejects: show the start of the conversation
        first = next((t["value"] for t in turns if t.get("from") != "system"), "")
        out.update(before="", match="", after=first[: 2 * CONTEXT])
        if "lang_prob" in rej.extra:
            out["lang_prob"] = rej.extra["lang_prob"]
    if "score" in rej.extra:
        out["score"] = rej.extra["score"]
    return out


def _kept_sample(conv: Conversation, meta: Mapping[str, Any]) -> dict[str, Any]:
    human = next((t.text for t in conv.turns if t.role == "human"), "")
    gpt = next((t.text for t in conv.turns if t.role == "gpt"), "")
    out: dict[str, Any] = {
        "id": conv.id,
        "human": human[:300] + ("…" if len(human) > 300 else ""),
        "gpt": gpt[:PREVIEW] + ("…" if len(gpt) > PREVIEW else ""),
        "turns": len(conv.turns),
    }
    for key in ("lang", "unfilter"):
        if key in meta:
            out[key] = meta[key]
    return out


class UnfilterSummary:
    """One source's unfilter output as the report needs it: counts, the first ``samples`` rejects per reason, and
    the ``kept_n`` kept conversations with the smallest seeded hash (the same ones sorting all kept would give)."""

    def __init__(self, samples: int, kept_n: int, seed: int):
        self.samples, self.kept_n, self.seed = samples, kept_n, seed
        self.kept = 0
        self.reasons: Counter[str] = Counter()
        self.counters: Counter[str] = Counter()
        self.removed: dict[str, list[dict[str, Any]]] = {}
        self.sample: list[tuple[bytes, str, dict[str, Any]]] = []  # (hash, id, kept sample)

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.counters.update(out.counters)
        for i in sorted(out.drops):
            d = out.drops[i]
            self.reasons[d.reason] += 1
            bucket = self.removed.setdefault(d.reason, [])
            if len(bucket) < self.samples:
                bucket.append(_removed_sample(Reject(batch.ids[i], batch.source, "unfilter", d.reason, batch.record(i),
                                                     d.evidence)))
        meta = out.notes.get("meta", {})
        kept = out.kept(len(batch))
        keyed = sorted((_sample_key(self.seed, batch.ids[i]), batch.ids[i], i) for i in kept)[: self.kept_n]
        self.sample = sorted(self.sample + [(k, cid, _kept_sample(out.edits.get(i) or batch[i], meta.get(i, {})))
                                            for k, cid, i in keyed], key=lambda t: t[:2])[: self.kept_n]
        self.kept += len(kept)

    def merge(self, other: UnfilterSummary) -> None:
        self.counters.update(other.counters)
        self.reasons.update(other.reasons)
        for reason, samples in other.removed.items():
            bucket = self.removed.setdefault(reason, [])
            bucket += samples[: max(0, self.samples - len(bucket))]
        self.sample = sorted(self.sample + other.sample, key=lambda t: t[:2])[: self.kept_n]
        self.kept += other.kept


def source_report(name: str, result: UnfilterSummary) -> dict[str, Any]:
    reasons = result.reasons
    n_in = result.kept + sum(reasons.values())
    c = result.counters
    rules = sorted({k.split(":", 1)[1] for k in c if k.startswith("conversations:")})
    rule_rows = [
        {
            "rule": r,
            "layer": r.split(":", 1)[0],
            "hits": c.get(f"hits:{r}", 0),
            "conversations": c.get(f"conversations:{r}", 0),
            "share": _share(c.get(f"conversations:{r}", 0), n_in),
            "rejected": reasons.get(f"refusal:{r}", 0),
        }
        for r in rules
    ]
    rule_rows.sort(key=lambda row: (-row["conversations"], row["rule"]))
    removed = result.removed
    languages = {k.split(":", 1)[1]: v for k, v in sorted(c.items()) if k.startswith("lang:")}
    lang_dropped = sum(v for k, v in reasons.items() if k.startswith("lang:"))
    refusal_dropped = sum(v for k, v in reasons.items() if k.startswith("refusal:"))
    return {
        "source": name,
        "funnel": {
            "in": n_in,
            "dropped_language": lang_dropped,
            "dropped_refusal": refusal_dropped,
            "modified_prefix_stripped": c.get("action:prefix_stripped", 0),
            "modified_turns_dropped": c.get("action:turns_dropped", 0),
            "modified_truncated": c.get("action:truncated", 0),
            "kept": result.kept,
        },
        "rejected_by_reason": dict(sorted(reasons.items())),
        "rules": rule_rows,
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "removed_samples": {k: removed[k] for k in sorted(removed)},
        "kept_sample": [sample for _, _, sample in result.sample],
    }


def merge_rules(sources: list[dict[str, Any]], n_in: int) -> list[dict[str, Any]]:
    acc: dict[str, dict[str, Any]] = {}
    for s in sources:
        for row in s["rules"]:
            a = acc.setdefault(row["rule"], {"rule": row["rule"], "layer": row["layer"], "hits": 0, "conversations": 0,
                                             "rejected": 0, "sources": 0})
            for k in ("hits", "conversations", "rejected"):
                a[k] += row[k]
            a["sources"] += 1
    rows = list(acc.values())
    for r in rows:
        r["share"] = _share(r["conversations"], n_in)
    rows.sort(key=lambda row: (-row["conversations"], row["rule"]))
    return rows


def new_summary(stage: Any) -> UnfilterSummary:
    return UnfilterSummary(getattr(stage, "report_samples", 5), getattr(stage, "kept_samples", 10), getattr(stage, "seed", 42))


def build_report(results: Mapping[str, UnfilterSummary], stage: Any) -> dict[str, Any]:
    sources = [source_report(name, results[name]) for name in results]
    totals: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for s in sources:
        totals.update(s["funnel"])
        languages.update(s["languages"])
        reasons.update(s["rejected_by_reason"])
    n_in = totals["in"]
    return {
        "stage": "unfilter",
        "report_version": 1,
        "params": stage.params() if hasattr(stage, "params") else {},
        "rules_info": stage.rules.describe() if hasattr(stage, "rules") else {},
        "totals": {k: totals[k] for k in sources[0]["funnel"]} if sources else {"in": 0, "kept": 0},
        "rejected_by_reason": dict(sorted(reasons.items())),
        "rules": merge_rules(sources, n_in),
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        "sources": sources,
    }


def write_report(report_dir: Path, results: Mapping[str, UnfilterSummary], stage: Any) -> dict[str, Any]:
    report_dir.mkdir(parents=True, exist_ok=True)
    rep = build_report(results, stage)
    (report_dir / "report.json").write_bytes(orjson.dumps(rep, option=orjson.OPT_INDENT_2) + b"\n")
    src_dir = report_dir / "sources"
    src_dir.mkdir(exist_ok=True)
    for s in rep["sources"]:
        (src_dir / f"{s['source']}.json").write_bytes(orjson.dumps(s, option=orjson.OPT_INDENT_2) + b"\n")
    (report_dir / "report.html").write_text(render_html(rep), encoding="utf-8")
    t = rep["totals"]
    return {
        "report": str(report_dir / "report.json"),
        "html": str(report_dir / "report.html"),
        "in": t.get("in", 0),
        "kept": t.get("kept", 0),
        "dropped_refusal": t.get("dropped_refusal", 0),
        "dropped_language": t.get("dropped_language", 0),
        "top_rules": {r["rule"]: r["conversations"] for r in rep["rules"][:10]},
    }


# -- HTML -------------------------------------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d232a}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d5d9e0;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f1f3f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sample{border:1px solid #d5d9e0;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0;background:#fafbfc}
.sample pre{white-space:pre-wrap;word-wrap:break-word;margin:.3rem 0;font:13px/1.4 ui-monospace,Menlo,monospace}
mark{background:#ffd54f;padding:0 .1rem}.meta{color:#5b6673;font-size:12px}code{font-size:12px}
"""


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="n">{_e(_fmt(v))}</td>' if i in numeric else f"<td>{_e(v)}</td>"
                         for i, v in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.2%}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _rules_table(rules: list[dict[str, Any]]) -> str:
    rows = [[r["rule"], r["layer"], r["hits"], r["conversations"], r["share"], r["rejected"]] for r in rules]
    return _table(["rule", "layer", "hits", "conversations", "share", "rejected"], rows, {2, 3, 4, 5}) if rows \
        else "<p>No rule fired.</p>"


def render_html(rep: dict[str, Any]) -> str:
    t = rep["totals"]
    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">",
        f"<title>unfilter report</title><style>{_CSS}</style></head><body>",
        "<h1>unfilter report</h1>",
        f"<p class=\"meta\">rules: lexicon v{_e(rep['rules_info'].get('lexicon_version', '?'))}, "
        f"{_e(rep['rules_info'].get('lexicon_entries', '?'))} entries, regex rules "
        f"{_e(', '.join(rep['rules_info'].get('regex_rules', [])))}; policy "
        f"<code>{_e(rep['params'].get('policy', '?'))}</code>; checked roles "
        f"<code>{_e(', '.join(rep['params'].get('roles', [])))}</code></p>",
        "<h2 id=\"totals\">Totals</h2>",
        _table(["in", "dropped (refusal)", "dropped (language)", "prefix stripped", "turns dropped", "truncated", "kept"],
               [[t.get("in", 0), t.get("dropped_refusal", 0), t.get("dropped_language", 0),
                 t.get("modified_prefix_stripped", 0), t.get("modified_turns_dropped", 0),
                 t.get("modified_truncated", 0), t.get("kept", 0)]], set(range(7))),
        "<h2 id=\"rules\">Rules</h2>",
        "<p class=\"meta\">hits: matched spans; conversations: conversations with at least one hit; share: of the "
        "conversations in; rejected: conversations whose first hit was this rule (their reject reason).</p>",
        _rules_table(rep["rules"]),
        "<h2 id=\"funnel\">Per source</h2>",
        _table(["source", "in", "dropped (refusal)", "dropped (language)", "modified", "kept"],
               [[s["source"], s["funnel"]["in"], s["funnel"]["dropped_refusal"], s["funnel"]["dropped_language"],
                 s["funnel"]["modified_prefix_stripped"] + s["funnel"]["modified_turns_dropped"]
                 + s["funnel"]["modified_truncated"], s["funnel"]["kept"]] for s in rep["sources"]], {1, 2, 3, 4, 5}),
    ]
    if rep["languages"]:
        total = sum(rep["languages"].values())
        parts += ["<h2 id=\"languages\">Languages</h2>",
                  _table(["language", "conversations", "share"],
                         [[k, v, _share(v, total)] for k, v in rep["languages"].items()], {1, 2})]
    for s in rep["sources"]:
        parts.append(f"<h2 id=\"source-{_e(s['source'])}\">{_e(s['source'])}</h2>")
        parts.append(_rules_table(s["rules"]))
        if s["removed_samples"]:
            parts.append("<h3>Removed samples</h3>")
        for reason, items in s["removed_samples"].items():
            parts.append(f"<h3><code>{_e(reason)}</code> ({len(items)} shown)</h3>")
            for it in items:
                where = f"turn {it['turn']} ({it.get('role')}), chars {it['start']}–{it['end']}" if "turn" in it else ""
                score = f", score {it['score']}" if "score" in it else ""
                parts.append(
                    f"<div class=\"sample\"><div class=\"meta\">{_e(it['id'])} · {_e(where)}{_e(score)}</div>"
                    f"<pre>{_e(it['before'])}<mark>{_e(it['match'])}</mark>{_e(it['after'])}</pre></div>"
                )
        if s["kept_sample"]:
            parts.append(f"<h3>Kept: random sample to spot-check ({len(s['kept_sample'])})</h3>")
            for k in s["kept_sample"]:
                meta = f"{k['id']} · {k['turns']} turns" + (f" · {k['lang']}" if "lang" in k else "")
                if "unfilter" in k:
                    meta += f" · modified: {k['unfilter'].get('action')}"
                parts.append(f"<div class=\"sample\"><div class=\"meta\">{_e(meta)}</div>"
                             f"<pre><b>human:</b> {_e(k['human'])}</pre><pre><b>gpt:</b> {_e(k['gpt'])}</pre></div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


# -- terminal ---------------------------------------------------------------------------------------------------------


def render_terminal(rep: dict[str, Any], console: Any, samples: int = 2, title: str = "unfilter") -> None:
    """Rich tables for ``dolphin-data report DIR``: totals, rules, per-source funnel, languages, a few samples."""
    from rich.table import Table
    from rich.text import Text

    t = rep["totals"]
    tot = Table(title=f"{title}: totals", title_justify="left")
    cols = [("in", "in"), ("dropped (refusal)", "dropped_refusal"), ("dropped (language)", "dropped_language"),
            ("prefix stripped", "modified_prefix_stripped"), ("turns dropped", "modified_turns_dropped"),
            ("truncated", "modified_truncated"), ("kept", "kept")]
    for label, _ in cols:
        tot.add_column(label, justify="right")
    tot.add_row(*(f"{t.get(k, 0):,}" for _, k in cols))
    console.print(tot)
    rules = Table(title=f"{title}: rules", title_justify="left")
    for col, just in (("rule", "left"), ("hits", "right"), ("conversations", "right"), ("share", "right"),
                      ("rejected", "right")):
        rules.add_column(col, justify=just, overflow="fold")
    for r in rep["rules"]:
        rules.add_row(r["rule"], f"{r['hits']:,}", f"{r['conversations']:,}", f"{r['share']:.2%}", f"{r['rejected']:,}")
    console.print(rules if rep["rules"] else Text("no rule fired"))
    funnel = Table(title=f"{title}: per source", title_justify="left")
    for col in ("source", "in", "refusal", "language", "modified", "kept"):
        funnel.add_column(col, justify="left" if col == "source" else "right", overflow="fold")
    for s in rep["sources"]:
        f = s["funnel"]
        modified = f["modified_prefix_stripped"] + f["modified_turns_dropped"] + f["modified_truncated"]
        funnel.add_row(s["source"], f"{f['in']:,}", f"{f['dropped_refusal']:,}", f"{f['dropped_language']:,}",
                       f"{modified:,}", f"{f['kept']:,}")
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
        for reason, items in s["removed_samples"].items():
            for it in items[:samples]:
                line = Text(f"{s['source']} {it['id']} {reason}: ", style="bold")
                line.append(it["before"][-120:].replace("\n", " "))
                line.append(it["match"].replace("\n", " "), style="black on yellow")
                line.append(it["after"][:120].replace("\n", " "))
                console.print(line)
                shown += 1
    if shown:
        console.print(Text(f"({shown} removed samples shown; report.html has all of them with the kept sample)",
                           style="dim"))
