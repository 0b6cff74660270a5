"""Parquet: one file, or a partitioned dataset (a folder named ``*.parquet`` holding part files, read in sorted
path order, ``key=value`` folder names added as string columns). Shards are runs of row groups.

What goes wrong, and what it becomes:
- unreadable footer or not Parquet at all: one ``InputError`` naming the file;
- a row group that cannot be decoded (corrupt pages): one ``InputError`` naming the file, the row group and its
  rows (rows cannot be told apart inside a corrupt page, so none is guessed);
- strings that are not UTF-8: the row is a ``schema:invalid_utf8`` reject holding its values (bytes shown with
  ``\\xNN`` escapes); the other rows of the batch are read as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dolphin_data.errors import InputError
from dolphin_data.io.base import RawRow, input_error, one_line

BATCH = 4096


def dataset_members(path: Path) -> list[tuple[str, dict[str, str]]]:
    """``(relative part path, partition values)`` of a file ("" for itself) or of a partitioned dataset folder."""
    if not path.is_dir():
        return [("", {})]
    try:
        parts = sorted(
            p.relative_to(path).as_posix()
            for p in path.rglob("*.parquet")
            if p.is_file() and not any(s.startswith((".", "_")) for s in p.relative_to(path).parts)
        )
    except OSError as e:
        raise input_error(path, e) from None
    if not parts:
        raise InputError(f"{path}: a folder with no *.parquet part files; name a Parquet file or a dataset folder")
    out = []
    for rel in parts:
        keys = dict(seg.split("=", 1) for seg in rel.split("/")[:-1] if "=" in seg)
        out.append((rel, keys))
    return out


def open_parquet(path: Path, member: str = "") -> Any:
    import pyarrow.parquet as pq

    file = path / member if member else path
    if not file.exists():
        raise input_error(file, FileNotFoundError(file))
    try:
        return pq.ParquetFile(file)
    except OSError as e:
        if isinstance(e, PermissionError | IsADirectoryError | FileNotFoundError):
            raise input_error(file, e) from None
        raise InputError(
            f"{file}: not a readable Parquet file ({one_line(e)}); fetch it again (`dolphin-data pull --force`)"
        ) from None
    except Exception as e:  # pyarrow raises ArrowInvalid and others for a damaged footer
        raise InputError(
            f"{file}: not a readable Parquet file ({one_line(e)}); fetch it again (`dolphin-data pull --force`)"
        ) from None


def row_group_sizes(pf: Any) -> list[tuple[int, int]]:
    """``(rows, compressed bytes)`` of each row group, from the footer only."""
    md = pf.metadata
    out = []
    for i in range(md.num_row_groups):
        rg = md.row_group(i)
        size = sum(rg.column(j).total_compressed_size for j in range(rg.num_columns))
        out.append((rg.num_rows, size))
    return out


def iter_parquet(
    path: Path,
    member: str = "",
    row_groups: tuple[int, int] | None = None,
    first_row: int = 1,
    partition: dict[str, str] | None = None,
) -> Iterator[RawRow]:
    """Rows of one file (``member`` of a dataset folder), row groups ``[a, b)`` (all when None)."""
    file = path / member if member else path
    pf = open_parquet(path, member)
    sizes = row_group_sizes(pf)
    a, b = row_groups if row_groups is not None else (0, len(sizes))
    name = str(file)
    row = first_row
    for rg in range(a, b):
        n_rows = sizes[rg][0]
        try:
            for batch in pf.iter_batches(batch_size=BATCH, row_groups=[rg], use_threads=False):
                yield from _batch_rows(batch, name, row, partition)
                row += batch.num_rows
        except InputError:
            raise
        except Exception as e:  # corrupt pages: ArrowInvalid, OSError (decompression), ...
            raise InputError(
                f"{file}: row group {rg} (rows {row}-{row + n_rows - 1}) cannot be decoded ({type(e).__name__}: {one_line(e)}); "
                f"the file is damaged - fetch it again (`dolphin-data pull --force`)"
            ) from None


def _batch_rows(batch: Any, name: str, first: int, partition: dict[str, str] | None) -> Iterator[RawRow]:
    try:
        rows = batch.to_pylist()
    except UnicodeDecodeError:
        rows = None
    if rows is not None:
        for i, r in enumerate(rows):
            yield RawRow(name, first + i, {**r, **partition} if partition else r)
        return
    for i in range(batch.num_rows):  # some value is not UTF-8: find the rows, keep the rest
        one = batch.slice(i, 1)
        try:
            r = one.to_pylist()[0]
        except UnicodeDecodeError as e:
            yield RawRow(
                name, first + i, None, "schema:invalid_utf8", _escaped_row(one), f"a string column: {one_line(e)}"
            )
            continue
        yield RawRow(name, first + i, {**r, **partition} if partition else r)


def _escaped_row(one: Any) -> dict[str, Any]:
    """The row's values with every string read as bytes and shown with ``\\xNN`` escapes where not UTF-8."""
    import pyarrow as pa

    schema = pa.schema([pa.field(f.name, _as_binary(f.type)) for f in one.schema])
    try:
        values = one.cast(schema).to_pylist()[0]
    except Exception:  # a type the cast does not cover: keep what can be shown
        values = {f.name: repr(one.column(i)[0]) for i, f in enumerate(one.schema)}
    return _decode(values)


def _as_binary(t: Any) -> Any:
    import pyarrow as pa

    if pa.types.is_string(t):
        return pa.binary()
    if pa.types.is_large_string(t):
        return pa.large_binary()
    if pa.types.is_list(t):
        return pa.list_(_as_binary(t.value_type))
    if pa.types.is_large_list(t):
        return pa.large_list(_as_binary(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _as_binary(f.type)) for f in t])
    return t


def _decode(v: Any) -> Any:
    if isinstance(v, bytes):
        return v.decode("utf-8", "backslashreplace")
    if isinstance(v, dict):
        return {k: _decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v
