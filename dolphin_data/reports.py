"""Finding and showing the report artifacts that stages write (``<build>/reports/<stage>/``).

Each stage writes its own files (JSON for machines; Markdown and/or HTML for people). ``dolphin-data report``
shows them in the terminal, one section per step in pipeline order (``PIPELINE``: convert, unfilter, dedup,
systemchat, decontam, tokens, write; stages not listed follow in the manifest's order), each opened by the same
rule ``k. step``. For a build folder, ``convert`` and ``write`` come from the manifest (rows read and rejected by
reason per source; files, records and bytes written). A stage with a registered view gets it; any other stage's
Markdown report is rendered with the same table style (``ONE_BOX``), so a new stage needs nothing here to be
readable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import orjson
from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, TableElement
from rich.table import Table

from dolphin_data.errors import UserError
from dolphin_data.textsafe import plain

View = Callable[[dict[str, Any], Console, int, str], None]
ONE_BOX = box.HEAVY_HEAD  # rich's default table box: the registered views and the Markdown tables share it
PIPELINE = ("convert", "sample", "unfilter", "dedup", "systemchat_validate", "decontam", "tokens", "write")


def _unfilter_view(rep: dict[str, Any], console: Console, samples: int, title: str) -> None:
    from dolphin_data.unfilter.report import render_terminal

    render_terminal(rep, console, samples=samples, title=title)


def _dedup_view(rep: dict[str, Any], console: Console, samples: int, title: str) -> None:
    from dolphin_data.dedup.report import render_terminal

    render_terminal(rep, console, title=title)


# stage name -> terminal view of its report JSON (stages without one are shown from their Markdown)
VIEWS: dict[str, View] = {"unfilter": _unfilter_view, "dedup": _dedup_view}
REPORT_JSON = {"dedup": "dedup.json"}  # report JSON files not called report.json


class _Table(TableElement):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(box=ONE_BOX)
        if self.header is not None and self.header.row is not None:
            for column in self.header.row.cells:
                table.add_column(
                    column.content.copy(), justify="left" if column.justify == "default" else column.justify
                )
        if self.body is not None:
            for row in self.body.rows:
                table.add_row(*(cell.content for cell in row.cells))
        yield table


class _Markdown(Markdown):
    """Markdown whose tables look like the views' tables."""

    elements: ClassVar[dict[str, type[Any]]] = {**Markdown.elements, "table_open": _Table}


def report_dirs(path: Path) -> list[Path]:
    """Report folders under a build folder (``reports/*/``), or the folder itself when it holds a report."""
    if not path.exists():
        raise UserError(f"{path}: no such folder; pass a --report folder or a build output folder")
    if not (path / "reports").is_dir() and (any(path.glob("*.json")) or any(path.glob("*.md"))):
        return [path]
    base = path / "reports" if (path / "reports").is_dir() else path
    found = sorted(p for p in base.iterdir() if p.is_dir() and (any(p.glob("*.json")) or any(p.glob("*.md"))))
    if not found:
        raise UserError(
            f"{path}: no reports found (looked in {path}/ and {path}/reports/*/); "
            "write them with a stage's `--report DIR` or run `dolphin-data build`"
        )
    return found


def _load(folder: Path) -> dict[str, Any]:
    for name in ("report.json", *REPORT_JSON.values()):
        f = folder / name
        if f.is_file():
            try:
                rep = orjson.loads(f.read_bytes())
            except orjson.JSONDecodeError as e:
                raise UserError(f"{f}: not a JSON report ({e}); re-run the command that wrote it") from None
            if isinstance(rep, dict):
                return rep
    return {}


def _stage_of(folder: Path, rep: dict[str, Any]) -> str:
    if rep.get("stage"):
        return str(rep["stage"])
    return next((stage for stage, name in REPORT_JSON.items() if (folder / name).is_file()), folder.name)


def section_order(names: list[str], manifest_order: list[str] | None = None) -> list[str]:
    """``names`` in pipeline order: the steps of ``PIPELINE`` first, then the others as the manifest lists them."""
    later = {n: i for i, n in enumerate(manifest_order or [])}
    return sorted(
        names, key=lambda n: (PIPELINE.index(n) if n in PIPELINE else len(PIPELINE), later.get(n, len(later)), n)
    )


def _convert_view(manifest: dict[str, Any], console: Console) -> None:
    table = Table(title="convert: per source", title_justify="left", box=ONE_BOX)
    for col in ("source", "converter", "raw files", "rows read", "converted", "rejected", "reasons"):
        table.add_column(
            col,
            justify="right" if col in ("raw files", "rows read", "converted", "rejected") else "left",
            overflow="fold",
        )
    for f in manifest.get("files", []):
        step = next((s for s in f.get("stages", []) if isinstance(s, dict) and s.get("stage") == "convert"), {})
        dropped = step.get("dropped") or {}
        reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])))
        table.add_row(
            plain(str(f.get("source"))),
            plain(str(f.get("converter"))),
            f"{len(f.get('raw_files', [])):,}",
            f"{step.get('in', f.get('rows_read', 0)):,}",
            f"{step.get('out', 0):,}",
            f"{sum(dropped.values()):,}",
            plain(reasons) or "-",
        )
    console.print(table)


def _write_view(manifest: dict[str, Any], console: Console) -> None:
    table = Table(title="write: output files", title_justify="left", box=ONE_BOX)
    for col in ("file", "source", "rows read", "written", "rejected", "bytes"):
        table.add_column(col, justify="left" if col in ("file", "source") else "right", overflow="fold")
    reasons: Counter[str] = Counter()
    for f in manifest.get("files", []):
        reasons.update(f.get("rejected_by_reason") or {})
        table.add_row(
            plain(str(f.get("output"))),
            plain(str(f.get("source"))),
            f"{f.get('rows_read', 0):,}",
            f"{f.get('records_written', 0):,}",
            f"{f.get('rows_rejected', 0):,}",
            f"{f.get('bytes', 0):,}",
        )
    t = manifest.get("totals", {})
    table.add_row(
        "total",
        "",
        f"{t.get('rows_read', 0):,}",
        f"{t.get('records_written', 0):,}",
        f"{t.get('rows_rejected', 0):,}",
        f"{sum(int(f.get('bytes', 0)) for f in manifest.get('files', [])):,}",
        style="bold",
    )
    console.print(table)
    if reasons:
        families: Counter[str] = Counter()
        for k, v in reasons.items():
            families[k.split(":", 1)[0]] += v
        why = Table(title="write: every rejected row by reason family (rejects/)", title_justify="left", box=ONE_BOX)
        why.add_column("family")
        why.add_column("rows", justify="right")
        for k, v in sorted(families.items(), key=lambda kv: (-kv[1], kv[0])):
            why.add_row(plain(k), f"{v:,}")
        console.print(why)


def _show_folder(folder: Path, console: Console, samples: int, heading: str) -> None:
    rep = _load(folder)
    stage = _stage_of(folder, rep)
    console.rule(heading, align="left")
    view = VIEWS.get(stage)
    if view is not None and rep:
        view(rep, console, samples, stage)
        return
    md = sorted(folder.glob("*.md"))
    if md:
        text = md[0].read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        console.print(_Markdown(rest if first.startswith("# ") else text))  # the rule above is the title
    else:
        scalars = {k: v for k, v in rep.items() if isinstance(v, int | float | str)}
        console.print_json(orjson.dumps(scalars).decode())


def show(path: Path, console: Console, samples: int = 2) -> None:
    """Every report of a build folder (or one ``--report`` folder), one numbered section per step, in pipeline order.
    A build folder is verified against its manifest first: a damaged one (a cut manifest, no reports/) is refused."""
    manifest: dict[str, Any] | None = None
    is_build = (path / "manifest.json").exists() and (
        (path / "reports").is_dir() or not (path / "report.json").exists()
    )
    if is_build:
        from dolphin_data.engine.artefacts import verify_build

        manifest = verify_build(path)  # a build folder: refuse one that is not what its manifest says
    folders = report_dirs(path)
    by_stage = {_stage_of(f, _load(f)): f for f in folders}
    names = list(by_stage) + (["convert", "write"] if manifest is not None else [])
    order = section_order(names, list((manifest or {}).get("reports", {})))
    for k, name in enumerate(order, 1):
        heading = f"{k}. {name}" if name not in by_stage else f"{k}. {name} ({by_stage[name]})"
        if name in by_stage:
            _show_folder(by_stage[name], console, samples, heading)
        elif manifest is not None:
            console.rule(heading + " - from manifest.json", align="left")
            (_convert_view if name == "convert" else _write_view)(manifest, console)
