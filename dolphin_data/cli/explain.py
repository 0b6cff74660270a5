"""Rendering ``explain`` findings: the record's turns, the matched span highlighted, the rule, repairs, the kept copy."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dolphin_data.inspect import Finding
from dolphin_data.textsafe import plain

TURN_CHARS = 700  # of each turn shown (around the span, when there is one)


def _turns(record: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not isinstance(record, dict):
        return []
    items = record.get("conversations") or record.get("messages") or []
    return [(str(t.get("from") or t.get("role")), str(t.get("value") or t.get("content") or "")) for t in items
            if isinstance(t, dict)]


def _turn_text(text: str, span: dict[str, Any] | None) -> Text:
    text = plain(text)  # shown, never obeyed: escape sequences in the data stay text (offsets: the span is approximate then)
    if span and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        s, e = span["start"], span["end"]
        lo, hi = max(0, s - TURN_CHARS // 2), min(len(text), e + TURN_CHARS // 2)
        out = Text(("…" if lo else "") + text[lo:s])
        out.append(text[s:e], style="bold black on yellow")
        out.append(text[e:hi] + ("…" if hi < len(text) else ""))
        return out
    return Text(text[:TURN_CHARS] + ("…" if len(text) > TURN_CHARS else ""))


def conversation(record: dict[str, Any] | None, span: dict[str, Any] | None = None) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for i, (role, text) in enumerate(_turns(record)):
        table.add_row(f"{i} {role}", _turn_text(text, span if span and span.get("turn") == i else None))
    return table


def render(conv_id: str, findings: list[Finding], console: Console) -> None:
    for f in findings:
        if f.kind == "kept":
            title = f"{conv_id}: kept in {f.where} line {f.line}"
            parts: list[Any] = [conversation(f.record)]
            for r in f.repairs:
                removed = r.get("removed")
                text = "; ".join(removed) if isinstance(removed, list) else str(removed)
                line = Text(f"repaired by {r.get('stage')} ({r.get('rule')}), turn {r.get('turn')}: removed ",
                            style="dim") + Text(text, style="strike")
                line.overflow = "fold"
                parts.append(line)
            console.print(Panel(Group(*parts), title=title, title_align="left", border_style="green"))
            continue
        rec = f.record
        title = f"{conv_id}: dropped by {rec.get('stage')} ({rec.get('reason')}) - {f.where} line {f.line}"
        where = f"raw {rec['file']} line {rec['line']}" if "file" in rec and "line" in rec else ""
        evidence = {k: v for k, v in rec.items() if k not in ("id", "source", "stage", "reason", "record", "file", "line")}
        facts = Table(show_header=False, box=None, padding=(0, 1))
        facts.add_column(style="bold")
        facts.add_column(overflow="fold")
        if where:
            facts.add_row("from", where)
        for k, v in evidence.items():
            facts.add_row(k, plain(str(v.get("text", v)) if k == "span" and isinstance(v, dict) else str(v)))
        span = evidence.get("span") if isinstance(evidence.get("span"), dict) else None
        body: list[Any] = [facts]
        if isinstance(rec.get("record"), dict):
            body.append(conversation(rec["record"], span))
        elif rec.get("record") is not None:
            body.append(Text(str(rec["record"])[:TURN_CHARS]))
        if f.kept_copy is not None:
            body.append(Text(f"kept copy {rec.get('duplicate_of')}: {f.kept_copy.where} line {f.kept_copy.line}", style="green"))
            body.append(conversation(f.kept_copy.record))
        console.print(Panel(Group(*body), title=title, title_align="left", border_style="red"))
