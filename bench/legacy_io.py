"""File I/O: the only place that opens data files.

Readers yield ``RawRow`` (the parsed row, or the reason it could not be parsed, with file and line) so
that a bad line becomes a reject instead of stopping a build. Writers are atomic (temp file + rename)
and deterministic (orjson, key order as built, no timestamps).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from dolphin_data.errors import InputError

SUPPORTED_SUFFIXES = (".jsonl", ".json", ".parquet", ".jsonl.gz", ".json.gz", ".ndjson")


@dataclass(frozen=True, slots=True)
class RawRow:
    file: str
    line: int  # 1-based line (JSONL) or 1-based row index (JSON array, Parquet)
    row: Any  # parsed object, or None when ``error`` is set
    error: str | None = None  # reject reason code, e.g. "schema:invalid_json"
    raw: str | None = None  # the undecodable text, kept for the rejects file


def file_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".parquet"):
        return "parquet"
    raise InputError(f"{path}: unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}")


def _open_bytes(path: Path) -> IO[bytes]:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path (or run `dolphin-data pull` to fetch sources)")
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def iter_rows(path: str | Path) -> Iterator[RawRow]:
    """Rows of a JSONL / JSON-array / Parquet file (optionally .gz), with their line numbers."""
    path = Path(path)
    fmt = file_format(path)
    if fmt == "jsonl":
        yield from _iter_jsonl(path)
    elif fmt == "json":
        yield from _iter_json_array(path)
    else:
        yield from _iter_parquet(path)


def _iter_jsonl(path: Path) -> Iterator[RawRow]:
    name = str(path)
    with _open_bytes(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as e:
                yield RawRow(name, lineno, None, "schema:invalid_utf8", f"byte {e.start}: {line[:200]!r}")
                continue
            try:
                yield RawRow(name, lineno, orjson.loads(text))
            except orjson.JSONDecodeError as e:
                yield RawRow(name, lineno, None, "schema:invalid_json", f"{e}: {text[:500]}")


# a whole string (to its closing quote, or to the end of the buffer when the rest has not been read) or a bracket
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.S)
_SPACE = re.compile(rb"[ \t\r\n]*")
_CHUNK = 1 << 20


def _iter_json_array(path: Path) -> Iterator[RawRow]:
    """A top-level JSON array, element by element: the file is scanned in 1 MB chunks (string and bracket
    tokens) and each element parsed on its own, so memory is one element plus a chunk, not the whole file."""
    with _open_bytes(path) as fh:
        head = fh.read(_CHUNK)
        if not head.lstrip().startswith(b"["):
            yield from _iter_json_whole(path, head + fh.read())
            return
        rows = _split_json_array(head, fh)
        try:
            for i, row in enumerate(rows, 1):
                yield RawRow(str(path), i, row)
        except (orjson.JSONDecodeError, ValueError) as e:
            raise InputError(
                f"{path}: not valid JSON ({e}); a .json file must hold one JSON array - use .jsonl for one object per line"
            ) from None


def _split_json_array(buf: bytes, fh: IO[bytes]) -> Iterator[Any]:
    pos = buf.index(b"[") + 1
    eof = False

    def refill() -> None:  # drop what was parsed, append the next chunk
        nonlocal buf, pos, eof
        more = fh.read(_CHUNK)
        eof = not more
        buf = buf[pos:] + more
        pos = 0

    def skip_space() -> None:
        nonlocal pos
        while True:
            pos = _SPACE.match(buf, pos).end()  # type: ignore[union-attr]  # (slicing would copy the chunk)
            if pos < len(buf) or eof:
                return
            refill()

    first = True
    while True:
        skip_space()
        if pos >= len(buf):
            raise ValueError("unterminated array")
        if buf[pos : pos + 1] == b"]":
            if buf[pos + 1 :].strip() or fh.read(_CHUNK).strip():
                raise ValueError("data after the array")
            return
        if not first:
            if buf[pos : pos + 1] != b",":
                raise ValueError(f"expected ',' or ']', found {buf[pos : pos + 20]!r}")
            pos += 1
            skip_space()
        first = False
        end = _element_end(buf, pos)
        while end is None or end >= len(buf):  # the element (or what follows it) continues past the buffer
            if eof:
                raise ValueError("unterminated array")
            refill()
            end = _element_end(buf, pos)
        yield orjson.loads(buf[pos:end])
        pos = end


def _element_end(buf: bytes, pos: int) -> int | None:
    """End of the array element starting at ``pos``, or None if it is not complete in ``buf``."""
    first = buf[pos : pos + 1]
    if first not in (b"{", b"[", b'"'):  # number, true, false, null: up to the next comma or bracket
        m = re.compile(rb"[,\]\s]").search(buf, pos)
        return m.start() if m else None
    depth = 0
    for m in _JSON_TOKEN.finditer(buf, pos):
        tok = m.group()
        c = tok[:1]
        if c == b'"':
            if len(tok) < 2 or not tok.endswith(b'"') or (tok.endswith(b'\\"') and _escaped_quote(tok)):
                return None
        elif c in (b"{", b"["):
            depth += 1
        else:
            depth -= 1
        if depth == 0:
            return m.end()
    return None


def _escaped_quote(tok: bytes) -> bool:
    """A token ``"..."`` cut at the buffer end can end in an escaped quote: an odd run of backslashes before it."""
    run = len(tok) - 1 - len(tok[:-1].rstrip(b"\\"))
    return run % 2 == 1


def _iter_json_whole(path: Path, data: bytes) -> Iterator[RawRow]:
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        raise InputError(
            f"{path}: not valid JSON ({e}); a .json file must hold one JSON array - use .jsonl for one object per line"
        ) from None
    if isinstance(obj, dict):
        # some hubs wrap the rows: {"data": [...]} / {"train": [...]}
        lists = [v for v in obj.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError(f"{path}: expected a JSON array of records, found an object with keys {sorted(obj)[:8]}")
        obj = lists[0]
    if not isinstance(obj, list):
        raise InputError(f"{path}: expected a JSON array of records, found {type(obj).__name__}")
    for i, row in enumerate(obj, 1):
        yield RawRow(str(path), i, row)


def _iter_parquet(path: Path) -> Iterator[RawRow]:
    import pyarrow.parquet as pq

    if not path.exists():
        raise InputError(f"{path}: no such file; check the path (or run `dolphin-data pull` to fetch sources)")
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several types for a corrupt file
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    i = 0
    for batch in pf.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            i += 1
            yield RawRow(str(path), i, row)


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[bytes]]:
    """Write to ``path.tmp`` then rename, so a crashed run never leaves a half file under the real name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    raw = open(tmp, "wb")  # noqa: SIM115 - closed below on both paths
    # mtime=0 and no file name in the gzip header: the same records give the same bytes
    fh: IO[bytes] = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) if path.name.endswith(".gz") else raw
    try:
        yield fh
        fh.close()
        raw.close()
        os.replace(tmp, path)
    except BaseException:
        fh.close()
        raw.close()
        tmp.unlink(missing_ok=True)
        raise


def write_jsonl(path: str | Path, records: Iterable[Any]) -> int:
    n = 0
    with atomic_writer(path) as fh:
        for rec in records:
            fh.write(orjson.dumps(rec))
            fh.write(b"\n")
            n += 1
    return n


def read_jsonl(path: str | Path) -> Iterator[Any]:
    """Plain JSONL reader for our own artifacts (errors are bugs here, not user input)."""
    with _open_bytes(Path(path)) as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
