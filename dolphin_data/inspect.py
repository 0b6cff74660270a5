"""``inspect`` (what is in a conversation file) and ``explain`` (what happened to one id in a build)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.errors import UserError
from dolphin_data.stagefile import load_conversations


def inspect_file(path: str | Path) -> dict[str, Any]:
    loaded = load_conversations(path)
    roles: Counter[str] = Counter()
    n_turns = np.array([len(c.turns) for c in loaded.convs], dtype=np.int64)
    chars = np.array([sum(len(t.text) for t in c.turns) for c in loaded.convs], dtype=np.int64)
    with_system = 0
    for c in loaded.convs:
        roles.update(t.role for t in c.turns)
        with_system += c.system is not None
    problems: dict[str, dict[str, Any]] = {}
    for r in loaded.rejects:
        p = problems.setdefault(r.reason, {"count": 0, "first_line": r.extra.get("line")})
        p["count"] += 1

    def pct(a: np.ndarray, q: float) -> int:
        return int(np.percentile(a, q)) if len(a) else 0

    summary: dict[str, Any] = {
        "shape": loaded.shape,
        "records": loaded.rows,
        "valid conversations": len(loaded.convs),
        "with schema problems": len(loaded.rejects),
        "with system turn": with_system,
        **{f"{role} turns": roles.get(role, 0) for role in ("system", "human", "gpt")},
        "turns p50 / max": f"{pct(n_turns, 50)} / {int(n_turns.max()) if len(n_turns) else 0}",
        "chars p50 / p95 / max": f"{pct(chars, 50):,} / {pct(chars, 95):,} / {int(chars.max()) if len(chars) else 0:,}",
    }
    return {"summary": summary, "problems": problems}


def explain_id(conv_id: str, build_dir: str | Path) -> list[str]:
    build_dir = Path(build_dir)
    manifest_path = build_dir / "manifest.json"
    if not manifest_path.exists():
        raise UserError(f"{build_dir}: no manifest.json; pass the folder a build wrote (e.g. --build out/2.9)")
    manifest = orjson.loads(manifest_path.read_bytes())
    needle = orjson.dumps(conv_id)
    lines: list[str] = []
    for f in manifest["files"]:
        path = build_dir / f["output"]
        with open(path, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if needle in line and orjson.loads(line).get("id") == conv_id:
                    lines.append(f"{conv_id}: kept in {f['output']} line {lineno} (source {f['source']})")
    for rej_file in sorted((build_dir / "rejects").glob("*.jsonl")):
        with open(rej_file, "rb") as fh:
            for line in fh:
                if needle in line:
                    rec = orjson.loads(line)
                    if rec.get("id") == conv_id:
                        extra = {k: v for k, v in rec.items() if k not in ("id", "record", "stage", "reason")}
                        lines.append(f"{conv_id}: dropped by {rec['stage']} ({rec['reason']}) {orjson.dumps(extra).decode()}")
    for rep_file in sorted((build_dir / "repairs").glob("*.jsonl")):
        with open(rep_file, "rb") as fh:
            for line in fh:
                if needle in line and (rec := orjson.loads(line)).get("id") == conv_id:
                    lines.append(f"{conv_id}: repaired by {rec['stage']} turn {rec['turn']} ({rec['rule']}): removed "
                                 f"{orjson.dumps(rec['removed']).decode()} ({rec['before_chars']} -> {rec['after_chars']} chars)")
    if not lines:
        raise UserError(f"{conv_id}: not found in {build_dir} outputs or rejects; ids look like '<source>:<upstream id or line>'")
    return lines
