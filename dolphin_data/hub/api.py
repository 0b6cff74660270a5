"""The Python API for ``datasets`` objects: convert or inspect a ``Dataset`` / ``DatasetDict`` in memory.

The object is written as Parquet into a scratch folder (removed afterwards) and run through the same plan and engine
as ``dolphin-data convert`` / ``inspect`` on a file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from dolphin_data.hub.inputs import write_dataset


def convert_dataset(
    ds: Any,
    converter: str,
    out: str | Path,
    rejects: str | Path | None = None,
    fmt: str = "sharegpt",
    split: str | None = None,
    source: str = "dataset",
    workers: int = 1,
) -> dict[str, Any]:
    """Convert a ``datasets`` object with ``converter`` (or ``auto``) into ``out`` (JSONL) and ``rejects``
    (default: ``out`` with ``.rejects.jsonl``); returns the run's manifest."""
    from dolphin_data.context import RunContext
    from dolphin_data.engine.plan import plan_files
    from dolphin_data.engine.run import RunOptions, Targets, run_command

    out = Path(out)
    rej = Path(rejects) if rejects else out.with_name(out.name.removesuffix(".jsonl") + ".rejects.jsonl")
    with tempfile.TemporaryDirectory(prefix="dolphin-dataset-") as tmp:
        resolved = write_dataset(ds, tmp, source, split)
        plan = plan_files(
            list(resolved.files), [], ctx=RunContext(workers=workers), converter=converter, source=source, shape=fmt
        )
        return run_command(plan, Targets({plan.sources[0].output: out}, rej), RunOptions())


def inspect_dataset(ds: Any, split: str | None = None) -> dict[str, Any]:
    """``inspect`` on a ``datasets`` object of ShareGPT or messages records."""
    from dolphin_data.inspect import inspect_file

    return inspect_file(ds, split=split)
