"""``inspect`` (what is in a conversation file) and ``explain`` (what happened to one id in a build: where it was kept,
with the repairs made on the way, or which stage dropped it, by which rule, with the evidence and the kept copy of a
duplicate). The CLI renders the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.errors import UserError


def inspect_file(path: Any, split: str | None = None, download_dir: str | Path | None = None) -> dict[str, Any]:
    """Counts, roles, turn and length statistics, and schema problems of a ShareGPT/messages file (streamed); also
    of a ``save_to_disk`` or data folder, a Hub dataset id (fetched into ``download_dir``) or a ``datasets``
    object (``dolphin_data.hub.inputs``)."""
    from dolphin_data.converters import CONVERTERS, RowRef
    from dolphin_data.engine.plan import sniff_shape
    from dolphin_data.errors import RecordError
    from dolphin_data.hub.inputs import resolve_input, write_dataset
    from dolphin_data.io import iter_rows

    if not isinstance(path, str | Path):  # a datasets object: its rows as a Parquet file in a scratch folder
        import tempfile

        with tempfile.TemporaryDirectory(prefix="dolphin-inspect-") as tmp:
            return inspect_file(write_dataset(path, tmp, split=split).files[0])
    files = resolve_input(path, split, download_dir).files
    shape = sniff_shape(files[0])
    convert = CONVERTERS.get(shape)
    roles: Counter[str] = Counter()
    n_turns: list[int] = []
    chars: list[int] = []
    with_system = 0
    rows = 0
    problems: dict[str, dict[str, Any]] = {}
    for raw in (r for f in files for r in iter_rows(f)):
        rows += 1
        reason = raw.error
        if reason is None:
            try:
                conv = convert(raw.row, RowRef("f", raw.line))
            except RecordError as e:
                reason = f"schema:{e.reason}"
            else:
                roles.update(t.role for t in conv.turns)
                n_turns.append(len(conv.turns))
                chars.append(sum(len(t.text) for t in conv.turns))
                with_system += conv.system is not None
                continue
        p = problems.setdefault(reason, {"count": 0, "first_line": raw.line})
        p["count"] += 1
    turns_a = np.asarray(n_turns, dtype=np.int64)
    chars_a = np.asarray(chars, dtype=np.int64)

    def pct(a: np.ndarray, q: float) -> int:
        return int(np.percentile(a, q)) if len(a) else 0

    summary: dict[str, Any] = {
        "shape": shape,
        "records": rows,
        "valid conversations": len(n_turns),
        "with schema problems": rows - len(n_turns),
        "with system turn": with_system,
        **{f"{role} turns": roles.get(role, 0) for role in ("system", "human", "gpt")},
        "turns p50 / max": f"{pct(turns_a, 50)} / {int(turns_a.max()) if len(turns_a) else 0}",
        "chars p50 / p95 / max": f"{pct(chars_a, 50):,} / {pct(chars_a, 95):,} / {int(chars_a.max()) if len(chars_a) else 0:,}",
    }
    return {"summary": summary, "problems": problems}


@dataclass
class Finding:
    """Where one record ended up: kept (file, line, the record, repairs made on the way) or dropped (the reject)."""

    kind: str  # kept | dropped
    where: str  # output file (kept) or rejects file (dropped)
    line: int
    record: dict[str, Any] = field(default_factory=dict)  # the output record, or the reject line
    repairs: list[dict[str, Any]] = field(default_factory=list)
    kept_copy: Finding | None = None  # a duplicate's surviving copy


def _scan(path: Path, conv_id: str) -> Iterator[tuple[int, dict[str, Any]]]:
    needle = orjson.dumps(conv_id)
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if needle in line:
                rec = orjson.loads(line)
                if rec.get("id") == conv_id:
                    yield lineno, rec


def find_record(conv_id: str, build_dir: Path, manifest: Mapping[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    repairs = [
        rec
        for rel in manifest.get("side", {}).values()
        if rel.startswith("repairs/")
        for _, rec in _scan(build_dir / rel, conv_id)
    ]
    for f in manifest["files"]:
        path = build_dir / f["output"]
        if path.exists():
            found += [Finding("kept", f["output"], n, rec, repairs) for n, rec in _scan(path, conv_id)]
    for rel in manifest.get("rejects", {}).values():
        found += [Finding("dropped", rel, n, rec) for n, rec in _scan(build_dir / rel, conv_id)]
    return found


def explain_id(conv_id: str, build_dir: str | Path) -> list[Finding]:
    """Every place ``conv_id`` appears in a build (verified against its manifest); a duplicate's kept copy too."""
    from dolphin_data.engine.artefacts import verify_build

    build_dir = Path(build_dir)
    manifest = verify_build(build_dir)
    found = find_record(conv_id, build_dir, manifest)
    if not found:
        raise UserError(
            f"{conv_id}: not found in {build_dir} outputs or rejects; ids look like '<source>:<upstream id or line>'"
        )
    for f in found:
        kept_id = f.record.get("duplicate_of") if f.kind == "dropped" else None
        if kept_id:
            f.kept_copy = next((k for k in find_record(str(kept_id), build_dir, manifest) if k.kind == "kept"), None)
    return found
