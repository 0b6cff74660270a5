"""JSONL: one JSON text a line. Lines end in ``\\n``, ``\\r\\n`` or a lone ``\\r`` (each counts as one line end,
as in Python's universal newlines); a UTF-8 BOM before line 1 is skipped; blank lines are counted, not rows.

The file is read in 4 MB blocks and split with ``bytes.split`` (no per-line I/O); a line longer than a block
is gathered whole, so a bad 200 MB line keeps its whole text in its reject. ``line_ranges`` cuts a file into
byte ranges at line ends and counts the lines before each, so a range can be read alone with exact line numbers.
"""

from __future__ import annotations

import mmap
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import orjson

from dolphin_data.io.base import BOM, RawRow, Spill, input_error, open_input, parse_json

BLOCK = 1 << 22
COUNT_PIECE = 1 << 26
_BLANK = b" \t\r\n"


def iter_jsonl(
    path: Path, start: int = 0, end: int | None = None, first_line: int = 1, spill: Spill | None = None
) -> Iterator[RawRow]:
    """Rows of ``path`` (whole, or the byte range ``[start, end)`` beginning at line ``first_line``)."""
    name = str(path)
    lineno = first_line - 1
    loads = orjson.loads
    with open_input(path) as fh:
        try:
            if start:
                fh.seek(start)
            for line in _lines(fh, None if end is None else end - start):
                lineno += 1
                if lineno == 1 and line.startswith(BOM):
                    line = line[3:]
                if not line:
                    continue
                try:
                    row = loads(line)
                except orjson.JSONDecodeError:
                    if line.strip(_BLANK):
                        yield parse_json(line, name, lineno, spill)
                    continue
                yield RawRow(name, lineno, row)
        except (OSError, EOFError, zlib.error) as e:
            raise input_error(path, e, f"after line {lineno}") from None


def _lines(fh: IO[bytes], remaining: int | None) -> Iterator[bytes]:
    """The stream's lines without their line ends; the last line may lack one."""
    pieces: list[bytes] = []
    while True:
        n = BLOCK if remaining is None else min(BLOCK, remaining)
        block = fh.read(n) if n > 0 else b""
        if remaining is not None:
            remaining -= len(block)
        if block.endswith(b"\r") and (remaining is None or remaining > 0):  # keep a \r\n in one block
            more = fh.read(1)
            block += more
            if remaining is not None:
                remaining -= len(more)
        if not block:
            if pieces:
                yield b"".join(pieces)
            return
        last = max(block.rfind(b"\n"), block.rfind(b"\r"))
        if last < 0:
            pieces.append(block)
            continue
        if pieces:
            pieces.append(block[: last + 1])
            body = b"".join(pieces)
        else:
            body = block[: last + 1] if last + 1 < len(block) else block
        pieces = [block[last + 1 :]] if last + 1 < len(block) else []
        if b"\r" in body:
            body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = body.split(b"\n")
        lines.pop()  # body ends with a line end
        yield from lines


def count_line_ends(buf: mmap.mmap | bytes, start: int, end: int) -> int:
    """Line ends (``\\n``, ``\\r\\n``, lone ``\\r``) in ``buf[start:end]``, read in 64 MB pieces."""
    n = 0
    pos = start
    while pos < end:
        stop = min(end, pos + COUNT_PIECE)
        piece = buf[pos:stop]
        n += piece.count(b"\n")
        if b"\r" in piece:
            n += piece.count(b"\r") - piece.count(b"\r\n")
            if piece.endswith(b"\r") and stop < end and buf[stop : stop + 1] == b"\n":
                n -= 1  # a \r\n across two pieces: the \n was not counted as part of the pair
        pos = stop
    return n


def next_line_start(buf: mmap.mmap | bytes, pos: int, size: int) -> int:
    """The first line start at or after ``pos`` (just past a line end), or ``size`` when none follows."""
    i_n = buf.find(b"\n", pos)
    i_r = buf.find(b"\r", pos, size if i_n < 0 else i_n)
    e = i_r if i_r >= 0 else i_n
    if e < 0:
        return size
    if buf[e : e + 1] == b"\r" and buf[e + 1 : e + 2] == b"\n":
        e += 1
    return e + 1


def line_ranges(path: Path, target_bytes: int) -> list[tuple[int, int, int, int]]:
    """``(start, end, first_line, lines)`` byte ranges of about ``target_bytes`` each, cut at line ends."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            if size == 0:
                return [(0, 0, 1, 0)]
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                bounds = [0]
                while True:
                    b = next_line_start(mm, bounds[-1] + max(1, target_bytes), size)
                    if b >= size:
                        break
                    bounds.append(b)
                bounds.append(size)
                out = []
                first = 1
                for a, b in zip(bounds, bounds[1:], strict=False):
                    ends = count_line_ends(mm, a, b)
                    lines = ends + (mm[b - 1 : b] not in (b"\n", b"\r"))
                    out.append((a, b, first, lines))
                    first += ends
                return out
    except (OSError, ValueError) as e:
        raise input_error(path, e) from None
