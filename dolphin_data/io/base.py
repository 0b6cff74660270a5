"""What every reader shares: ``RawRow``, file formats, turning OS and codec errors into one-line ``InputError``s,
parsing one JSON text into a row or a reject, and spilling the raw text of huge bad rows to a side file."""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import orjson

from dolphin_data.errors import InputError

SUPPORTED_SUFFIXES = (".jsonl", ".json", ".parquet", ".jsonl.gz", ".json.gz", ".ndjson", ".arrow")
BOM = b"\xef\xbb\xbf"
HEAD_CHARS = 1000  # characters of a spilled raw text kept inline in its reject


@dataclass(frozen=True, slots=True)
class RawRow:
    file: str
    line: int  # 1-based line (JSONL), element index (JSON array) or row (Parquet)
    row: Any  # parsed object, or None when ``error`` is set
    error: str | None = None  # reject reason code, e.g. "schema:invalid_json"
    raw: Any = None  # the whole text that could not be parsed (str), or a pointer to its spill file (dict)
    detail: str | None = None  # why it could not be parsed, e.g. the parser's message


@dataclass(frozen=True, slots=True)
class Spill:
    """Where the raw text of a bad row larger than ``limit`` bytes goes. The file is named by the sha256 of the
    text (same input, same name) and written in ``dir``; the reject records ``ref + name`` (``ref`` is how the
    build's artefacts name ``dir``, e.g. ``"rejects/raw/"``, so no absolute path gets into them)."""

    dir: Path
    ref: str = ""
    limit: int = 1 << 20


def file_format(path: Path) -> str:
    """``jsonl``, ``json``, ``parquet`` or ``arrow`` from the file name (a ``.gz`` suffix is looked through)."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(".arrow"):
        return "arrow"
    raise InputError(f"{path}: unsupported file type; use one of {', '.join(SUPPORTED_SUFFIXES)}")


def is_gzip(path: Path) -> bool:
    return Path(path).name.lower().endswith(".gz")


def one_line(exc: BaseException | str, limit: int = 300) -> str:
    """An exception's text on one line (pyarrow's carry newlines), cut at ``limit`` characters."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def input_error(path: Path | str, exc: BaseException, where: str = "") -> InputError:
    """One line for an input file that cannot be read, naming the file (and ``where`` in it) and the fix."""
    at = f" ({where})" if where else ""
    if isinstance(exc, InputError):
        return exc
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file{at}; check the path (or run `dolphin-data pull` to fetch sources)")
    if isinstance(exc, IsADirectoryError):
        return InputError(
            f"{path}: is a folder, expected a file; name a file inside it (a folder is read only "
            f"as a partitioned Parquet dataset named *.parquet)"
        )
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied{at}; make it readable (chmod +r) or run as its owner")
    if isinstance(exc, gzip.BadGzipFile | EOFError | zlib.error):
        return InputError(
            f"{path}: gzip data is corrupt or truncated{at}: {one_line(exc)}; fetch the file again "
            f"(`dolphin-data pull --force`) or check it with `gzip -t`"
        )
    if isinstance(exc, OSError):
        return InputError(f"{path}: cannot read{at}: {one_line(exc.strerror or exc)}; check the disk and the file")
    return InputError(f"{path}: cannot read{at}: {type(exc).__name__}: {one_line(exc)}")


def open_input(path: Path) -> IO[bytes]:
    """Open a data file for reading (decompressing ``.gz``); OS errors become ``InputError``."""
    try:
        if path.is_dir():
            raise IsADirectoryError(path)
        fh: IO[bytes] = open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as e:
        raise input_error(path, e) from None
    return cast(IO[bytes], gzip.GzipFile(fileobj=fh, mode="rb")) if is_gzip(path) else fh


def parse_json(data: bytes | memoryview, file: str, line: int, spill: Spill | None) -> RawRow:
    """One JSON text (a JSONL line or an array element) -> a row, or a reject that keeps the whole text."""
    try:
        return RawRow(file, line, orjson.loads(data))
    except orjson.JSONDecodeError as e:
        msg = str(e)
    if "depth limit" in msg:
        reason = "schema:too_deep"
        msg = f"nested deeper than orjson's 1024 levels ({msg})"
    else:
        bad = _utf8_error(data)
        reason = "schema:invalid_json" if bad is None else "schema:invalid_utf8"
        msg = msg if bad is None else bad
    return RawRow(file, line, None, reason, raw_value(bytes(data), spill), msg)


def _utf8_error(data: bytes | memoryview) -> str | None:
    try:
        bytes(data).decode("utf-8")
    except UnicodeDecodeError as e:
        return f"invalid UTF-8 at byte {e.start} ({e.reason}); shown as \\xNN escapes"
    return None


def raw_value(data: bytes, spill: Spill | None) -> Any:
    """The whole raw text of a bad row (invalid UTF-8 as ``\\xNN`` escapes), or, past ``spill.limit`` bytes,
    a pointer ``{"spilled_to", "bytes", "sha256", "head"}`` to a side file holding the exact bytes."""
    text = data.decode("utf-8", "backslashreplace")
    if spill is None or len(data) <= spill.limit:
        return text
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest[:32]}.raw"
    target = Path(spill.dir) / name
    try:
        if not (target.exists() and target.stat().st_size == len(data)):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
    except OSError as e:
        raise InputError(
            f"{target}: cannot write the spill file of a {len(data):,}-byte bad row: "
            f"{e.strerror or e}; free disk space or fix the folder's permissions"
        ) from None
    return {"spilled_to": spill.ref + name, "bytes": len(data), "sha256": digest, "head": text[:HEAD_CHARS]}
