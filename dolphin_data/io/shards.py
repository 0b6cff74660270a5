"""``iter_rows`` over a whole file or one ``Shard`` of it, and ``plan_shards`` / ``estimate_rows``.

A shard is a picklable description of a contiguous run of a file's rows: a byte range cut at line ends (JSONL),
a byte range cut at the top-level array's element boundaries (JSON), or a run of row groups (Parquet); gzip
files and JSON documents that are not one clean array are one whole shard. Boundaries depend only on the file
and ``target_bytes`` (never on the number of workers), and reading every shard in order yields exactly the rows,
line numbers and rejects that ``iter_rows(path)`` yields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dolphin_data.errors import InputError
from dolphin_data.io.arrow import arrow_rows, iter_arrow
from dolphin_data.io.base import RawRow, Spill, file_format, input_error, is_gzip
from dolphin_data.io.jsonarray import element_bounds, iter_json, separators_in_prefix
from dolphin_data.io.jsonl import count_line_ends, iter_jsonl, line_ranges
from dolphin_data.io.parquet import dataset_members, iter_parquet, open_parquet, row_group_sizes

TARGET_BYTES = 64 << 20


@dataclass(frozen=True, slots=True)
class Shard:
    path: str  # the file (or dataset folder) as given to plan_shards
    format: str  # jsonl | json | parquet
    index: int  # 0-based position among the file's shards
    start: int  # first byte (jsonl, json) or first row group (parquet); unused when ``whole``
    end: int  # byte / row group after the last
    first: int  # line number (jsonl), element index (json) or row number (parquet) of the first row, 1-based
    rows: int | None  # rows in the shard: exact for json and parquet, lines (blank ones too) for jsonl; None unknown
    bytes: int = 0  # bytes on disk this shard covers (compressed, for parquet)
    member: str = ""  # the part file of a partitioned Parquet dataset, relative to ``path``
    whole: bool = False  # read the whole file (gzip, or JSON that is not one clean array)


def _check_path(path: Path) -> str:
    fmt = file_format(path)
    if fmt == "parquet" and is_gzip(path):
        raise InputError(f"{path}: gzip-compressed Parquet is not supported; Parquet compresses itself - gunzip it")
    if fmt == "arrow" and is_gzip(path):
        raise InputError(f"{path}: gzip-compressed Arrow is not supported; gunzip it")
    try:
        is_dir = path.is_dir()
        if not is_dir and not path.exists():
            raise FileNotFoundError(path)
    except OSError as e:
        raise input_error(path, e) from None
    if is_dir and fmt != "parquet":
        raise input_error(path, IsADirectoryError(path))
    return fmt


def iter_rows(path: str | Path, shard: Shard | None = None, *, spill: Spill | None = None) -> Iterator[RawRow]:
    """Rows of a JSONL / JSON-array / Parquet file (optionally .gz) or Parquet dataset folder, with their line
    numbers; with ``shard``, only that shard's rows (same numbers). A row that cannot be parsed is a ``RawRow``
    with ``error`` set and its whole text in ``raw`` (spilled to ``spill.dir`` past ``spill.limit`` bytes)."""
    path = Path(path)
    fmt = _check_path(path)
    if shard is not None and Path(shard.path) != path:
        raise ValueError(f"shard of {shard.path} passed with {path}")
    if fmt == "jsonl":
        if shard is None or shard.whole:
            return iter_jsonl(path, spill=spill)
        return iter_jsonl(path, shard.start, shard.end, shard.first, spill)
    if fmt == "json":
        if shard is None or shard.whole:
            return iter_json(path, spill=spill)
        return iter_json(path, shard.start, shard.end, shard.first, spill)
    if fmt == "arrow":
        return iter_arrow(path)
    return _iter_parquet(path, shard)


def _iter_parquet(path: Path, shard: Shard | None) -> Iterator[RawRow]:
    members = dataset_members(path) if path.is_dir() else [("", {})]
    if shard is not None and not shard.whole:
        keys = dict(members).get(shard.member, {})
        yield from iter_parquet(path, shard.member, (shard.start, shard.end), shard.first, keys)
        return
    for member, keys in members:
        yield from iter_parquet(path, member, None, 1, keys)


def plan_shards(path: str | Path, target_bytes: int = TARGET_BYTES) -> list[Shard]:
    """Cut a file into shards of about ``target_bytes`` (at least one row each; at least one shard per file)."""
    path = Path(path)
    fmt = _check_path(path)
    name = str(path)
    target = max(1, int(target_bytes))
    if fmt != "parquet" and is_gzip(path):
        return [Shard(name, fmt, 0, 0, 0, 1, None, _size(path), whole=True)]
    if fmt == "arrow":  # one shard: save_to_disk already cuts a dataset into files of ~500 MB
        return [Shard(name, fmt, 0, 0, 0, 1, arrow_rows(path), _size(path), whole=True)]
    if fmt == "jsonl":
        return [
            Shard(name, fmt, i, a, b, first, lines, b - a)
            for i, (a, b, first, lines) in enumerate(line_ranges(path, target))
        ]
    if fmt == "json":
        bounds = element_bounds(path)
        if bounds is None or not len(bounds[0]):
            return [Shard(name, fmt, 0, 0, 0, 1, 0 if bounds is not None else None, _size(path), whole=True)]
        return _json_shards(name, bounds[0], bounds[1], target)
    shards: list[Shard] = []
    for member, _keys in dataset_members(path):
        sizes = row_group_sizes(open_parquet(path, member))
        first = 1
        i = 0
        while i < len(sizes) or (i == 0 and not sizes):
            j, nbytes = i, 0
            while j < len(sizes) and (j == i or nbytes + sizes[j][1] <= target):
                nbytes += sizes[j][1]
                j += 1
            rows = sum(r for r, _ in sizes[i:j])
            shards.append(Shard(name, fmt, len(shards), i, j, first, rows, nbytes, member))
            first += rows
            i = max(j, i + 1)
    return shards


def _json_shards(name: str, starts: np.ndarray, ends: np.ndarray, target: int) -> list[Shard]:
    shards: list[Shard] = []
    i, n = 0, len(starts)
    while i < n:
        j = max(int(np.searchsorted(starts, starts[i] + target, side="left")), i + 1)
        a, b = int(starts[i]), int(ends[j - 1])
        shards.append(Shard(name, "json", len(shards), a, b, i + 1, j - i, b - a))
        i = j
    return shards


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as e:
        raise input_error(path, e) from None


def estimate_rows(path: str | Path) -> int | None:
    """Rows for a progress bar: exact for Parquet (footer) and plain JSON arrays up to 64 MB, line ends for plain
    JSONL, an extrapolation from the first 8 MB for larger JSON arrays; None for gzip."""
    path = Path(path)
    fmt = _check_path(path)
    if fmt == "parquet":
        return sum(r for m, _ in dataset_members(path) for r, _ in row_group_sizes(open_parquet(path, m)))
    if fmt == "arrow":
        return arrow_rows(path)
    if is_gzip(path):
        return None
    size = _size(path)
    if fmt == "jsonl":
        import mmap

        if size == 0:
            return 0
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return count_line_ends(mm, 0, size) + (mm[size - 1 : size] not in (b"\n", b"\r"))
    if size <= TARGET_BYTES:
        bounds = element_bounds(path)
        return None if bounds is None else len(bounds[0])
    head = 8 << 20
    seen = separators_in_prefix(path, head)
    return int(seen * size / head) if seen else None
