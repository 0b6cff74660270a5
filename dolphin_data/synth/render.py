"""A chunk's bytes in its source's upstream layout: JSONL / JSON-array rows from scaffold tokens, or Arrow columns.

JSON rows are one token array (head tokens, each turn's text, a join literal between turns, a close literal) turned
into bytes by one gather; rows planted with a byte-level malformation are rendered from Python objects and spliced
in at their place. Parquet sources get their text columns straight from the rendered buffer and its offsets.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dolphin_data.synth.chunk import Chunk
from dolphin_data.synth.plan import KINDS, REASONS
from dolphin_data.synth.profile import SourceProfile
from dolphin_data.synth.schemas import BYTE_REASONS, ROLE_COUNT, SCHEMAS, Schema, malformed_bytes
from dolphin_data.synth.table import TokenTable

MALFORMED = KINDS.index("malformed")


def upstream_id(src: SourceProfile, line: int) -> Any:
    """The id field a row carries upstream (``line`` is 1-based), or None for layouts without ids."""
    style = SCHEMAS[src.schema].id_style
    if style == "int":
        return line
    if style == "str":
        return str(line)
    if style == "prefixed":
        return f"{src.id_prefix}_{line - 1}"
    return None


def conv_id(src: SourceProfile, line: int) -> str:
    """The conversation id the convert stage gives the row (``<source>:<upstream id or line>``)."""
    uid = upstream_id(src, line)
    return f"{src.name}:{line if uid is None else uid}"


def _lookup(tt: TokenTable, schema: Schema, what: str, dims: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(dims, np.int32)
    for idx in np.ndindex(*dims):
        out[idx] = tt.lit[f"{schema.name}:{what}:" + ":".join(map(str, idx))]
    return out


def render_json(
    ch: Chunk, src: SourceProfile, start: int, tt: TokenTable, rng: np.random.Generator
) -> tuple[list[bytes | memoryview], np.ndarray]:
    """``(pieces, tails)``: the chunk's bytes in order (normal rows in large pieces, malformed rows alone)."""
    schema = SCHEMAS[src.schema]
    t, n = ch.turns, ch.n_rows
    tails = rng.integers(0, len(schema.tails), n)
    per_row = np.bincount(t.row, minlength=n)
    first_turn = np.concatenate(([0], np.cumsum(per_row)))[:-1]
    last_turn = first_turn + per_row - 1
    is_first_row = (np.arange(n) + start == 0).astype(np.int64) if schema.array else np.ones(n, np.int64)
    role0 = t.role[first_turn].astype(np.int64)
    if schema.id_style:
        lines = np.arange(n, dtype=np.int64) + start + 1
        hi, lo = tt.number(lines - 1 if schema.id_style == "prefixed" else lines)
        prefix = np.full(n, tt.lit[f"agent_id:{src.id_prefix}"] if src.id_prefix else tt.lit["empty"], np.int32)
        head = np.stack(
            [
                _lookup(tt, schema, "start", (2,))[is_first_row],
                prefix,
                hi,
                lo,
                _lookup(tt, schema, "idopen", (ROLE_COUNT,))[role0],
            ],
            axis=1,
        )
    else:
        head = _lookup(tt, schema, "open", (2, ROLE_COUNT))[is_first_row, role0][:, None]
    k = head.shape[1]
    text_len = np.diff(ch.bounds)
    lead = np.ones(len(t), np.int64)
    lead[first_turn] = 0
    slot = lead + text_len
    row_len = k + np.bincount(t.row, weights=slot, minlength=n).astype(np.int64) + 1
    row_start = np.concatenate(([0], np.cumsum(row_len)))
    cum = np.cumsum(slot) - slot  # slots before each turn, counted from the chunk start
    turn_text_at = row_start[t.row] + k + (cum - cum[first_turn][t.row]) + lead
    out = np.zeros(int(row_start[-1]), np.int32)
    out[(row_start[:-1, None] + np.arange(k)).ravel()] = head.ravel()
    joins = _lookup(tt, schema, "join", (ROLE_COUNT, ROLE_COUNT))
    nf = np.flatnonzero(lead)
    out[turn_text_at[nf] - 1] = joins[t.role[nf - 1], t.role[nf]]
    closes = _lookup(tt, schema, "close", (ROLE_COUNT, len(schema.tails)))
    out[row_start[1:] - 1] = closes[t.role[last_turn], tails]
    out[np.repeat(turn_text_at - ch.bounds[:-1], text_len) + np.arange(int(text_len.sum()))] = ch.tokens
    data, offsets = tt.render_offsets(out)
    byte_at = offsets[row_start]
    pieces: list[bytes | memoryview] = []
    cursor = 0
    for r in np.flatnonzero((ch.kind == MALFORMED) & np.isin(ch.arg, [REASONS.index(x) for x in BYTE_REASONS])):
        ta, tb = int(first_turn[r]), int(last_turn[r]) + 1
        b = ch.bounds[ta : tb + 1]
        texts = tt.texts(ch.tokens[b[0] : b[-1]], b - b[0])
        raw = malformed_bytes(
            schema,
            REASONS[ch.arg[r]],
            t.role[ta:tb].tolist(),
            texts,
            int(tails[r]),
            upstream_id(src, start + int(r) + 1),
            bool(is_first_row[r]) and schema.array,
        )
        pieces += [data[cursor : byte_at[r]], raw]
        cursor = int(byte_at[r + 1])
    pieces.append(data[cursor:])
    return pieces, tails


def render_parquet(ch: Chunk, src: SourceProfile, tt: TokenTable) -> tuple[pa.Table, list[str]]:
    """The chunk as an Arrow table in the source's upstream schema, and each row's prompt id (UltraChat)."""
    t, n = ch.turns, ch.n_rows
    data, offsets = tt.render_offsets(ch.tokens, json=False)
    offsets = offsets[ch.bounds]
    texts = pa.LargeStringArray.from_buffers(len(t), pa.py_buffer(offsets), pa.py_buffer(data))
    per_row = np.bincount(t.row, minlength=n)
    first_turn = np.concatenate(([0], np.cumsum(per_row)))
    if src.schema == "orca_math":
        null = (ch.kind == MALFORMED) & (ch.arg == REASONS.index("null_value"))
        answer = texts.take(pa.array(first_turn[:-1] + 1)).cast(pa.string())
        mask = pa.array(null)
        answer = pc.if_else(mask, pa.scalar(None, pa.string()), answer)
        question = texts.take(pa.array(first_turn[:-1])).cast(pa.string())
        return pa.table({"question": question, "answer": answer}), []
    roles = pa.array(np.asarray(SCHEMAS["ultrachat"].role_names, dtype=object)[t.role], pa.string())
    content = texts.cast(pa.string())
    messages = pa.ListArray.from_arrays(
        pa.array(first_turn, pa.int32()), pa.StructArray.from_arrays([content, roles], names=["content", "role"])
    )
    prompt = content.take(pa.array(first_turn[:-1]))
    ids = [hashlib.sha256(p.encode("utf-8")).hexdigest() for p in prompt.to_pylist()]
    return pa.table({"prompt": prompt, "prompt_id": pa.array(ids, pa.string()), "messages": messages}), ids
