"""Write a profile corpus: every source in its own process (sources are independent given the plan), chunk by
chunk, so memory is one chunk per process; then ``GROUND_TRUTH.jsonl`` and ``SYNTH.json``.

Determinism: the plan comes from ``(scale, seed)``; chunk ``c`` of source ``s`` draws from
``SeedSequence([seed, s, c])`` and donor group ``g`` from ``SeedSequence([seed, 0xD0, g])``, so the bytes do not
depend on the number of processes or on scheduling.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.synth import text as T
from dolphin_data.synth.chunk import make_chunk
from dolphin_data.synth.plan import KINDS, Plan, make_plan
from dolphin_data.synth.profile import SOURCES, SourceProfile
from dolphin_data.synth.render import conv_id, render_json, render_parquet
from dolphin_data.synth.schemas import SCHEMAS
from dolphin_data.synth.table import token_table
from dolphin_data.synth.truth import detail, fate

CHUNK_BYTES = 24_000_000
PARQUET_SCHEMAS = {
    "orca_math": ("question", "answer"),
    "ultrachat": ("prompt", "prompt_id", "messages"),
}
GT_NAME = "GROUND_TRUTH.jsonl"
DUP_KINDS = {"dup_original", "dup_exact", "dup_near", "near_below", "dup_cross_exact", "dup_cross_near"}


def chunk_rows(src: SourceProfile) -> int:
    return int(max(500, min(40_000, CHUNK_BYTES // (src.chars * 1.05 + 150))))


def write_source(out_dir: str, index: int, plan: Plan) -> dict[str, Any]:
    """Write one source's file and its ground-truth part; returns its summary."""
    import pyarrow.parquet as pq

    src = SOURCES[index]
    sp = plan.sources[index]
    tt = token_table()
    path = Path(out_dir) / src.path
    path.parent.mkdir(parents=True, exist_ok=True)
    schema = SCHEMAS[src.schema]
    step = chunk_rows(src)
    chars_all: list[np.ndarray] = []
    truth: list[bytes] = []
    kinds: dict[str, int] = {}
    seen_prompts: set[str] = set()
    parquet = schema.family == "parquet"
    writer: Any = None
    fh = None if parquet else open(path, "wb")  # noqa: SIM115
    try:
        if fh is not None and schema.array:
            fh.write(b"[\n")
        for c, start in enumerate(range(0, sp.rows, step)):
            stop = min(sp.rows, start + step)
            ch = make_chunk(index, sp, plan.groups, start, stop, c, plan.seed, tt)
            rng = np.random.default_rng(np.random.SeedSequence([plan.seed, index, c, 1]))
            prompt_ids: list[str] = []
            if parquet:
                table, prompt_ids = render_parquet(ch, src, tt)
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema, compression="zstd", write_statistics=False)
                writer.write_table(table, row_group_size=len(table))
            else:
                assert fh is not None
                pieces, _tails = render_json(ch, src, start, tt, rng)
                for piece in pieces:
                    fh.write(piece)
            turn_chars = np.diff(np.concatenate(([0], np.cumsum(tt.raw_chars[ch.tokens], dtype=np.int64)))[ch.bounds])
            chars_all.append(np.bincount(ch.turns.row, weights=turn_chars, minlength=ch.n_rows).astype(np.int64))
            foreign = (ch.kind == 0) & (ch.lang != T.EN)
            for r in np.flatnonzero((ch.kind > 0) | foreign):
                line = start + int(r) + 1
                kind = KINDS[ch.kind[r]] if ch.kind[r] else "non_english"
                arg = int(ch.arg[r])
                if prompt_ids:
                    cid = f"{src.name}:{prompt_ids[r]}"
                    if kind in DUP_KINDS:
                        cid = f"{cid}@{line}" if prompt_ids[r] in seen_prompts else cid
                        seen_prompts.add(prompt_ids[r])
                else:
                    cid = conv_id(src, line)
                expected, certain = fate(kind, arg, src.name)
                row: dict[str, Any] = {
                    "source": src.name,
                    "file": src.path,
                    "line": line,
                    "id": cid,
                    "kind": kind,
                    "fate": expected,
                    "certain": certain,
                }
                row.update(detail(kind, arg))
                if kind == "non_english":
                    row["lang"] = T.VOCAB_NAMES[ch.lang[r]]
                if kind in DUP_KINDS and kind != "dup_original":
                    p = int(np.searchsorted(sp.line, line - 1))
                    row["of_source"] = SOURCES[sp.of_source[p]].name
                    row["of_line"] = int(sp.of_line[p]) + 1
                    row["jaccard_est"] = round(float(ch.jaccard[r]), 4)
                kinds[kind] = kinds.get(kind, 0) + 1
                truth.append(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        if fh is not None and schema.array:
            fh.write(b"\n]\n")
    finally:
        if fh is not None:
            fh.close()
        if writer is not None:
            writer.close()
    part = Path(out_dir) / ".synth-parts" / f"{index:02d}.jsonl"
    part.write_bytes(b"".join(truth))
    chars = np.concatenate(chars_all) if chars_all else np.zeros(0, np.int64)
    return {
        "source": src.name,
        "file": src.path,
        "rows": sp.rows,
        "bytes": path.stat().st_size,
        "chars_mean": round(float(chars.mean()), 1),
        "chars_p50": int(np.percentile(chars, 50)),
        "chars_p99": int(np.percentile(chars, 99)),
        "chars_max": int(chars.max()),
        "planted": kinds,
    }


def write_profile(out_dir: str | Path, scale: float, seed: int = 0, workers: int | None = None) -> dict[str, Any]:
    """Write the 2.9 profile corpus to ``out_dir`` (a ``raw/``-style folder) and return its summary."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    parts = out / ".synth-parts"
    parts.mkdir(exist_ok=True)
    plan = make_plan(scale, seed)
    order = sorted(range(len(SOURCES)), key=lambda i: -plan.sources[i].rows * SOURCES[i].chars)
    workers = max(1, min(workers or os.cpu_count() or 1, len(SOURCES)))
    if workers == 1:
        results = {i: write_source(str(out), i, plan) for i in order}
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            futures = {i: pool.submit(write_source, str(out), i, plan) for i in order}
            results = {i: f.result() for i, f in futures.items()}
    with open(out / GT_NAME, "wb") as fh:
        for i in range(len(SOURCES)):
            fh.write((parts / f"{i:02d}.jsonl").read_bytes())
    shutil.rmtree(parts)
    per_source = [results[i] for i in range(len(SOURCES))]
    rows = sum(r["rows"] for r in per_source)
    chars = sum(r["rows"] * r["chars_mean"] for r in per_source)
    kinds: dict[str, int] = {}
    for r in per_source:
        for k, v in r["planted"].items():
            kinds[k] = kinds.get(k, 0) + v
    summary = {
        "profile": "2.9",
        "scale": scale,
        "seed": seed,
        "conversations": rows,
        "bytes": sum(r["bytes"] for r in per_source),
        "chars_mean": round(chars / rows, 1),
        "planted": dict(sorted(kinds.items())),
        "ground_truth": GT_NAME,
        "sources": per_source,
    }
    (out / "SYNTH.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary
