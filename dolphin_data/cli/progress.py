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
        self.bars = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,.0f}/{task.total:,.0f}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
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


# where each step comes in a build, for the time summary (steps not listed follow in the order given)
PIPELINE_STEPS = (
    "read",
    "convert",
    "sketch sample",
    "sample decide",
    "sample",
    "unfilter",
    "sketch dedup",
    "dedup decide",
    "dedup",
    "systemchat_validate",
    "decontam",
    "tokens",
    "write",
    "assemble",
)


def time_table(timings: dict[str, Any]) -> Any:
    """The build's time per stage in pipeline order (``timings.json``): worker seconds summed over all workers for
    the steps that run on shards, wall seconds for what the driver does alone (barrier decisions, assembling the
    outputs), with each step's share of the total; the title gives the wall clock of the whole build."""
    from rich.table import Table

    worker = {str(k): float(v) for k, v in (timings.get("worker_seconds") or {}).items()}
    driver = {str(k): float(v) for k, v in timings.items() if k.endswith(" decide") or k == "assemble"}
    steps = sorted(
        {**worker, **driver}, key=lambda k: PIPELINE_STEPS.index(k) if k in PIPELINE_STEPS else len(PIPELINE_STEPS)
    )
    total = sum(worker.values()) + sum(driver.values()) or 1.0
    waves = [k for k in timings if k.startswith("wave ")]
    wall = float(timings.get("run", 0.0)) + float(timings.get("assemble", 0.0))
    table = Table(title=f"time per stage (build {wall:,.1f} s wall clock, {len(waves)} wave(s))", title_justify="left")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("share", justify="right")
    table.add_column("measured")
    for k in steps:
        sec = worker.get(k, driver.get(k, 0.0))
        table.add_row(k, f"{sec:,.1f}", f"{sec / total:.0%}", "all workers" if k in worker else "driver, wall clock")
    return table
