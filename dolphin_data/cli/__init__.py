"""The ``dolphin-data`` command line: a thin Typer shell generated from the library (contract: docs/cli.md).

``app`` and the error edge live in ``app``; commands register themselves on import, below. Nothing in the package
imports this module back, so ``python -m dolphin_data`` and ``python -m dolphin_data.cli`` both work.
"""

from __future__ import annotations

from dolphin_data.cli import commands, decontam, hub, recipes, stages, synth  # noqa: F401  (register the commands)
from dolphin_data.cli.app import QuietOpt, app, out, summary_table, user_errors

__all__ = ["QuietOpt", "app", "out", "run", "summary_table", "user_errors"]


def run() -> None:  # console-script entry point
    app(prog_name="dolphin-data")


if __name__ == "__main__":
    run()
