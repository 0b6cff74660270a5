"""Finding and showing the report artifacts that stages write (``<build>/reports/<stage>/``).

Each stage writes its own files (JSON for machines; Markdown and/or HTML for people). ``dolphin-data report``
shows them in the terminal: a stage with a registered view gets it, any other stage's Markdown report is
rendered as is, so a new stage needs nothing here to be readable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.markdown import Markdown

from dolphin_data.errors import UserError

View = Callable[[dict[str, Any], Console, int, str], None]


def _unfilter_view(rep: dict[str, Any], console: Console, samples: int, title: str) -> None:
    from dolphin_data.unfilter.report import render_terminal

    render_terminal(rep, console, samples=samples, title=title)


# stage name -> terminal view of its report.json (stages without one are shown from their Markdown)
VIEWS: dict[str, View] = {"unfilter": _unfilter_view}


def report_dirs(path: Path) -> list[Path]:
    """Report folders under a build folder (``reports/*/``), or the folder itself when it holds a report."""
    if not path.exists():
        raise UserError(f"{path}: no such folder; pass a --report folder or a build output folder")
    if not (path / "reports").is_dir() and (any(path.glob("*.json")) or any(path.glob("*.md"))):
        return [path]
    base = path / "reports" if (path / "reports").is_dir() else path
    found = sorted(p for p in base.iterdir() if p.is_dir() and (any(p.glob("*.json")) or any(p.glob("*.md"))))
    if not found:
        raise UserError(f"{path}: no reports found (looked in {path}/ and {path}/reports/*/); "
                        "write them with a stage's `--report DIR` or run `dolphin-data build`")
    return found


def show(path: Path, console: Console, samples: int = 2) -> None:
    is_build = (path / "manifest.json").exists() and ((path / "reports").is_dir() or not (path / "report.json").exists())
    if is_build:  # checked first: a damaged build folder (a cut manifest, no reports/) is refused, not shown empty
        from dolphin_data.engine.artefacts import verify_build

        verify_build(path)
    folders = report_dirs(path)
    if is_build:
        from dolphin_data.engine.artefacts import verify_build

        manifest = verify_build(path)  # a build folder: refuse one that is not what its manifest says
        order = {name: i for i, name in enumerate(manifest.get("reports", {}))}  # pipeline order
        folders.sort(key=lambda f: (order.get(f.name, len(order)), f.name))
    for folder in folders:
        rep_json = folder / "report.json"
        rep: dict[str, Any] = {}
        if rep_json.is_file():
            try:
                rep = orjson.loads(rep_json.read_bytes())
            except orjson.JSONDecodeError as e:
                raise UserError(f"{rep_json}: not a JSON report ({e}); re-run the command that wrote it") from None
        stage = str(rep.get("stage") or folder.name)
        view = VIEWS.get(stage)
        if view is not None and rep:
            view(rep, console, samples, f"{stage} ({folder})")
            continue
        console.rule(f"{stage} ({folder})")
        md = sorted(folder.glob("*.md"))
        if md:
            console.print(Markdown(md[0].read_text(encoding="utf-8")))
        else:
            scalars = {k: v for k, v in rep.items() if isinstance(v, int | float | str)}
            console.print_json(orjson.dumps(scalars).decode())
