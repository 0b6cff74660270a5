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
    return [
        (str(t.get("from") or t.get("role")), str(t.get("value") or t.get("content") or ""))
        for t in items
        if isinstance(t, dict)
    ]


def _turn_text(text: str, span: dict[str, Any] | None) -> Text:
    text = plain(
        text
    )  # shown, never obeyed: escape sequences in the data stay text (offsets: the span is approximate then)
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


def _value(v: Any) -> str:
    """An evidence value as a reader wants it: lists joined, mappings as ``key value`` pairs, never a JSON blob."""
    if isinstance(v, list | tuple):
        return ", ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{k} {_value(x)}" for k, x in v.items())
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _facts() -> Table:
    facts = Table(show_header=False, box=None, padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    return facts


def _removed(removed: Any) -> Text:
    """Removed sentences, one a line, struck through."""
    parts = removed if isinstance(removed, list) else [removed]
    out = Text()
    for i, piece in enumerate(parts):
        out.append(("\n" if i else "") + plain(str(piece)), style="strike")
    return out


def repairs_table(repairs: list[dict[str, Any]]) -> Table:
    """``repair k``: the stage, its rule and the turn; ``removed``: what was cut, sentence by sentence."""
    facts = _facts()
    for k, r in enumerate(repairs, 1):
        facts.add_row(f"repair {k}", plain(f"{r.get('stage')}: rule {r.get('rule')}, turn {r.get('turn')}"))
        facts.add_row("removed", _removed(r.get("removed")))
    return facts


SKIP = (
    "id",
    "source",
    "stage",
    "reason",
    "record",
    "file",
    "line",
    "span",
    "duplicate_of",
    "duplicate_source",
    "similarity",
)


def render(conv_id: str, findings: list[Finding], console: Console) -> None:
    """One panel per finding. Kept: the output record's turns, then each repair (stage, rule, turn, the removed
    sentences). Dropped: stage, reason, raw origin, the matched span (highlighted in its turn), the other evidence,
    the turns; for a duplicate the kept copy's id, similarity, place and turns."""
    for f in findings:
        if f.kind == "kept":
            title = f"{conv_id}: kept in {f.where} line {f.line}" + (" (repaired)" if f.repairs else "")
            parts: list[Any] = [Text("turns", style="bold underline"), conversation(f.record)]
            if f.repairs:
                parts += [Text("repairs", style="bold underline"), repairs_table(f.repairs)]
            console.print(Panel(Group(*parts), title=title, title_align="left", border_style="green"))
            continue
        rec = f.record
        title = f"{conv_id}: dropped by {rec.get('stage')} ({rec.get('reason')}) - {f.where} line {f.line}"
        facts = _facts()
        facts.add_row("stage", plain(str(rec.get("stage"))))
        facts.add_row("reason", plain(str(rec.get("reason"))))
        if "file" in rec and "line" in rec:
            facts.add_row("from", plain(f"raw {rec['file']} line {rec['line']}"))
        span = rec.get("span") if isinstance(rec.get("span"), dict) else None
        if span is not None:
            where = f" (turn {span.get('turn')}{(' ' + str(span['role'])) if span.get('role') else ''}, rule {span.get('rule', rec.get('reason'))})"
            facts.add_row("matched", Text(plain(str(span.get("text", ""))), style="bold black on yellow") + Text(where))
        if rec.get("duplicate_of") is not None:
            sim = rec.get("similarity")
            facts.add_row("duplicate of", plain(f"{rec['duplicate_of']} ({rec.get('duplicate_source')})"))
            facts.add_row("similarity", "-" if sim is None else f"{float(sim):.4f}")
        for k, v in rec.items():
            if k not in SKIP:
                facts.add_row(plain(k), _removed(v) if k in ("cut", "removed") else plain(_value(v)))
        body: list[Any] = [facts]
        if isinstance(rec.get("record"), dict):
            body += [Text("turns", style="bold underline"), conversation(rec["record"], span)]
        elif rec.get("record") is not None:
            body += [
                Text("raw row (not a conversation)", style="bold underline"),
                Text(plain(str(rec["record"]))[:TURN_CHARS]),
            ]
        if f.kept_copy is not None:
            body.append(
                Text(
                    plain(f"kept copy {rec.get('duplicate_of')}: {f.kept_copy.where} line {f.kept_copy.line}"),
                    style="bold green underline",
                )
            )
            body.append(conversation(f.kept_copy.record))
        console.print(Panel(Group(*body), title=title, title_align="left", border_style="red"))
