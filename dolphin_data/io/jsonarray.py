"""JSON files: a top-level array read element by element (whole, or one planned shard), or, for a file that
is not an array (``{"train": [...]}``, a scalar), the whole document at once.

Elements are cut at the commas of depth 1 found by ``jsonscan.scan`` and parsed one by one with orjson, so a bad
element is one reject (``schema:invalid_json`` at its 1-based element index, keeping its whole text), not a failed
file. The structure itself decides the rest: an array that never closes (a truncated file) ends in its last,
unfinished element, which is parsed like any other (and rejected if incomplete); text after the closing bracket
is one more reject; a file whose first value is not an array is parsed whole (an ``InputError`` if that fails).
"""

from __future__ import annotations

import mmap
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import orjson

from dolphin_data.errors import InputError
from dolphin_data.io.base import BOM, RawRow, Spill, input_error, open_input, parse_json, raw_value
from dolphin_data.io.jsonscan import COMMA, OPEN, ScanState, scan

CHUNK = 1 << 20  # scan size: small enough for the temporaries to stay in cache
_SPACE = b" \t\r\n"


def iter_json(
    path: Path, start: int | None = None, end: int | None = None, first_index: int = 1, spill: Spill | None = None
) -> Iterator[RawRow]:
    """Elements of the file's top-level array (or of the byte range ``[start, end)`` of a planned shard)."""
    index = first_index
    with open_input(path) as fh:
        try:
            if start is not None:
                fh.seek(start)
                yield from _elements(fh, path, b"", start, end, first_index, spill, shard=True)
                return
            head = fh.read(CHUNK)
            body = head[3:] if head.startswith(BOM) else head
            skip = len(head) - len(body.lstrip(_SPACE))
            while skip == len(head) and head:  # only whitespace so far
                more = fh.read(CHUNK)
                if not more:
                    break
                head += more
                skip = len(head) - len(head[3:].lstrip(_SPACE) if head.startswith(BOM) else head.lstrip(_SPACE))
            if head[skip : skip + 1] != b"[":
                yield from _whole(path, head + fh.read())
                return
            yield from _elements(fh, path, head[skip + 1 :], skip + 1, None, first_index, spill, shard=False)
        except (OSError, EOFError, zlib.error) as e:
            raise input_error(path, e, f"after element {index - 1}") from None


def _elements(
    fh: IO[bytes], path: Path, pending: bytes, base: int, end: int | None, index: int, spill: Spill | None, shard: bool
) -> Iterator[RawRow]:
    """Cut elements at depth-1 commas; ``base`` is the file offset of ``pending``, the first unread byte."""
    name = str(path)
    state = ScanState(depth=1)
    buf = bytearray()
    buf_base = base  # file offset of buf[0]
    elem = base  # file offset where the current element starts
    seen_comma = shard  # a shard's range always holds at least one element
    closed = -1
    remaining = None if end is None else end - base
    loads = orjson.loads
    while closed < 0:
        if pending:
            chunk, pending = pending, b""
        else:
            n = CHUNK if remaining is None else min(CHUNK, remaining)
            chunk = fh.read(n) if n > 0 else b""
        if not chunk:
            break
        if remaining is not None:
            remaining -= len(chunk)
        ev = scan(chunk, buf_base + len(buf), state)
        buf += chunk
        rows: list[RawRow] = []
        for p, kind in zip(ev.pos.tolist(), ev.kind.tolist(), strict=True):
            if kind == OPEN:  # a second value after the array: only reached after it closed
                continue
            piece = buf[elem - buf_base : p - buf_base]
            if kind == COMMA:
                seen_comma = True
            else:
                closed = p
                if not (seen_comma or piece.strip(_SPACE)):
                    break  # "[]": no element
            try:
                rows.append(RawRow(name, index, loads(piece)))
            except orjson.JSONDecodeError:
                rows.append(parse_json(bytes(piece), name, index, spill))
            index += 1
            elem = p + 1
            if closed >= 0:
                break
        del buf[: elem - buf_base]
        buf_base = elem
        yield from rows
    if closed < 0:  # end of the range (a shard), or the array never closed (a truncated file)
        text = bytes(buf) + (fh.read(remaining) if remaining else b"")
        if seen_comma or text.strip(_SPACE):
            row = parse_json(text, name, index, spill)
            if row.error and not shard:
                row = RawRow(
                    name,
                    index,
                    None,
                    row.error,
                    row.raw,
                    f"{row.detail}; the array never closes (is the file truncated?)",
                )
            yield row
        return
    tail = bytes(buf[closed + 1 - buf_base :]) + fh.read()
    if tail.strip(_SPACE):
        yield RawRow(
            name,
            index,
            None,
            "schema:invalid_json",
            raw_value(tail, spill),
            f"{len(tail):,} bytes of text after the array's closing bracket",
        )


def _whole(path: Path, data: bytes) -> Iterator[RawRow]:
    if data.startswith(BOM):
        data = data[3:]
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        raise InputError(
            f"{path}: not valid JSON ({e}); a .json file must hold one JSON array - use .jsonl for one object per line"
        ) from None
    if isinstance(obj, dict):  # some hubs wrap the rows: {"data": [...]} / {"train": [...]}
        lists = [v for v in obj.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError(f"{path}: expected a JSON array of records, found an object with keys {sorted(obj)[:8]}")
        obj = lists[0]
    if not isinstance(obj, list):
        raise InputError(f"{path}: expected a JSON array of records, found {type(obj).__name__}")
    for i, row in enumerate(obj, 1):
        yield RawRow(str(path), i, row)


def element_bounds(path: Path) -> tuple[np.ndarray, np.ndarray] | None:
    """``(starts, ends)`` byte offsets of every element of the file's top-level array, or None when the file is
    not one closed array with only whitespace after it (then it is read as one shard)."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            if size == 0:
                return None
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                return _bounds(mm, size)
    except (OSError, ValueError) as e:
        raise input_error(path, e) from None


def _bounds(mm: Any, size: int) -> tuple[np.ndarray, np.ndarray] | None:
    pos = 3 if mm[:3] == BOM else 0
    while pos < size and mm[pos : pos + 1] in (b" ", b"\t", b"\r", b"\n"):
        pos += 1
    if mm[pos : pos + 1] != b"[":
        return None
    open_at = pos
    state = ScanState(depth=1)
    commas: list[np.ndarray] = []
    close = -1
    off = open_at + 1
    while off < size and close < 0:
        ev = scan(mm[off : off + CHUNK], off, state)
        if len(ev.pos):
            hit = np.flatnonzero(ev.kind != COMMA)
            if len(hit):  # the first non-comma event is the close (the depth cannot reach 0 otherwise)
                close = int(ev.pos[hit[0]])
                commas.append(ev.pos[: hit[0]])
            else:
                commas.append(ev.pos)
        off += CHUNK
    if close < 0 or mm[close + 1 :].strip(_SPACE):
        return None
    seps = np.concatenate(commas) if commas else np.zeros(0, np.int64)
    if not len(seps) and not mm[open_at + 1 : close].strip(_SPACE):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.concatenate([[open_at + 1], seps + 1]).astype(np.int64)
    ends = np.concatenate([seps, [close]]).astype(np.int64)
    return starts, ends


def separators_in_prefix(path: Path, limit: int) -> int:
    """Depth-1 commas in the first ``limit`` bytes of a JSON array file (for a row estimate)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit)
    except OSError as e:
        raise input_error(path, e) from None
    data = data[3:] if data.startswith(BOM) else data
    at = data.find(b"[")
    if at < 0:
        return 0
    ev = scan(data[at + 1 :], 0, ScanState(depth=1))
    return int(np.count_nonzero(ev.kind == COMMA))
