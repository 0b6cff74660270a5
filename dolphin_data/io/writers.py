"""Writers: atomic (temp file + rename) and deterministic (orjson, key order as built, no timestamps), and a
serialiser that never fails on what a reader produced (rows nested past orjson's 255 levels, bytes, lone
surrogates, integers past 64 bits): such a value is kept as JSON text in a string instead."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

import orjson

from dolphin_data.io.base import open_input


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


def _default(v: Any) -> Any:
    if isinstance(v, bytes | bytearray | memoryview):
        return bytes(v).decode("utf-8", "backslashreplace")
    if isinstance(v, set | frozenset | tuple):
        return list(v)
    return str(v)


def dumps_safe(obj: Any) -> bytes:
    """``orjson.dumps(obj)`` when it can (the same bytes); otherwise each top-level value that orjson refuses is
    replaced by its JSON text as a string and its key named in ``"json_text_fields"``. Never raises."""
    try:
        return orjson.dumps(obj)
    except (orjson.JSONEncodeError, TypeError):
        pass
    try:
        return orjson.dumps(obj, default=_default, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        pass
    if not isinstance(obj, dict):
        return orjson.dumps({"json_text": json_text(obj)})
    out: dict[str, Any] = {}
    texts = []
    for k, v in obj.items():
        try:
            orjson.dumps([v], default=_default, option=orjson.OPT_NON_STR_KEYS)  # one level down, as in ``out``
            out[str(k)] = v
        except (orjson.JSONEncodeError, TypeError):
            out[str(k)] = json_text(v)
            texts.append(str(k))
    out["json_text_fields"] = texts
    try:
        return orjson.dumps(out, default=_default, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return orjson.dumps({"json_text": json_text(obj)})


def json_text(obj: Any) -> str:
    """JSON text of ``obj`` at any nesting depth (an explicit stack, no recursion); bytes and other objects
    become strings, lone surrogates are escaped."""
    parts: list[str] = []
    stack: list[Any] = [obj]
    while stack:
        v = stack.pop()
        if isinstance(v, _Raw):
            parts.append(v.text)
        elif isinstance(v, dict):
            items: list[Any] = [_Raw("{")]
            for i, (k, x) in enumerate(v.items()):
                items += [_Raw(("," if i else "") + json.dumps(str(k)) + ":"), x]
            stack.extend(reversed([*items, _Raw("}")]))
        elif isinstance(v, list | tuple):
            seq: list[Any] = [_Raw("[")]
            for i, x in enumerate(v):
                seq += ([_Raw(",")] if i else []) + [x]
            stack.extend(reversed([*seq, _Raw("]")]))
        elif v is None or isinstance(v, bool | int | float):
            parts.append(json.dumps(v))
        elif isinstance(v, str):
            parts.append(json.dumps(v, ensure_ascii=False) if _utf8_ok(v) else json.dumps(v))
        else:
            parts.append(json.dumps(_default(v)))
    return "".join(parts)


class _Raw:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def _utf8_ok(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[bytes]]:
    """Write to ``path.tmp`` then rename, so a crashed run never leaves a half file under the real name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    raw = open(tmp, "wb")  # noqa: SIM115 - closed below on both paths
    # mtime=0 and no file name in the gzip header: the same records give the same bytes
    fh = (
        cast(IO[bytes], gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0))
        if path.name.endswith(".gz")
        else raw
    )
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
    """One record a line (``dumps_safe``: a record orjson refuses is still written, never a crash)."""
    n = 0
    with atomic_writer(path) as fh:
        for rec in records:
            fh.write(dumps_safe(rec))
            fh.write(b"\n")
            n += 1
    return n


def read_jsonl(path: str | Path) -> Iterator[Any]:
    """Plain JSONL reader for our own artifacts (errors are bugs here, not user input)."""
    with open_input(Path(path)) as fh:
        for line in fh:
            if line.strip():
                yield orjson.loads(line)


def sha256_file(path: str | Path) -> str:
    """sha256 of a file; of a folder (a partitioned Parquet dataset): of each file's relative path and sha256,
    in sorted path order."""
    path = Path(path)
    h = hashlib.sha256()
    if path.is_dir():
        for p in sorted(path.rglob("*"), key=lambda q: q.relative_to(path).as_posix()):
            if p.is_file():
                h.update(f"{p.relative_to(path).as_posix()}\0{sha256_file(p)}\n".encode())
        return h.hexdigest()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
