"""Where a source's raw files are: ``raw/<folder>/`` and the recipe's glob patterns, checked to stay inside."""

from __future__ import annotations

import difflib
from pathlib import Path

from dolphin_data.errors import UserError
from dolphin_data.recipe import SourceSpec


def resolve_raw_files(spec: SourceSpec, raw_dir: Path) -> list[Path]:
    base = raw_dir / spec.raw_dir
    found: list[Path] = []
    for pattern in spec.files:
        for p in sorted(base.glob(pattern)):
            if p.is_file() and p not in found and not p.name.startswith(("PULL.", ".")):
                found.append(p)
    if not found:
        hint = ""
        if not base.is_dir() and raw_dir.is_dir():
            close = difflib.get_close_matches(spec.raw_dir, [p.name for p in raw_dir.iterdir() if p.is_dir()], n=1)
            hint = f" (did you mean raw folder {close[0]!r}?)" if close else ""
        raise UserError(
            f"{base}: no raw files for source {spec.name!r} matching {list(spec.files)}{hint}; "
            f"run `dolphin-data pull RECIPE --only {spec.name}` (needs network) or put the files there"
        )
    return found
