"""Rendering the engine's progress events: rich bars on a terminal, plain log lines otherwise, nothing with -q."""

from __future__ import annotations

from typing import Any

from dolphin_data.cli.app import err
from dolphin_data.engine.driver import Progress


class Lines(Progress):
    def __init__(self, logs: bool = True) -> None:
        self.logs = logs

    def log(self, message: str) -> None:
        if self.logs:
            err.print(f"[dim]{message}[/dim]", markup=True, highlight=False)


class Bars(Lines):
    def __init__(self, logs: bool = True) -> None:
        super().__init__(logs)
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        # counts with thousands separators, elapsed and remaining time (totals are rows, estimated before convert)
        self.bars = RichProgress(TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.completed:,.0f}/{task.total:,.0f}"), TimeElapsedColumn(),
                                 TimeRemainingColumn(), console=err, transient=True)
        self.task: Any = None

    def start(self, description: str, total: int | None) -> None:
        self.bars.start()
        self.task = self.bars.add_task(description, total=total)

    def advance(self, n: int = 1) -> None:
        self.bars.advance(self.task, n)

    def stop(self) -> None:
        if self.task is not None:
            self.bars.remove_task(self.task)
            self.task = None
        self.bars.stop()


def progress_for(quiet: bool, logs: bool = True) -> Progress | None:
    """``logs`` False: bars only (a stage command on one file has no waves worth telling)."""
    if quiet:
        return None
    return Bars(logs) if err.is_terminal else Lines(logs)
