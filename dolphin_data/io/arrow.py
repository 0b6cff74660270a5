"""Arrow IPC files: the stream format ``datasets`` writes with ``save_to_disk`` (``data-00000-of-00002.arrow``) and
in its cache, or the IPC file format. Read memory-mapped, batch by batch, rows numbered from 1; a file is one shard.
Arrow strings are UTF-8 by the format, so there are no per-row rejects; a file that is not Arrow is one
``InputError``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dolphin_data.errors import InputError
from dolphin_data.io.base import RawRow, input_error, one_line


def _batches(path: Path) -> Iterator[Any]:
    import pyarrow as pa

    try:
        source = pa.memory_map(str(path))
    except OSError as e:
        raise input_error(path, e) from None
    with source:
        try:
            reader: Any = pa.ipc.open_stream(source)
        except pa.ArrowInvalid:
            try:
                source.seek(0)
                file_reader = pa.ipc.open_file(source)
            except pa.ArrowInvalid as e:
                raise InputError(
                    f"{path}: not a readable Arrow file ({one_line(e)}); save the dataset again (Dataset.save_to_disk)"
                ) from None
            reader = (file_reader.get_batch(i) for i in range(file_reader.num_record_batches))
        try:
            yield from reader
        except pa.ArrowInvalid as e:
            raise InputError(f"{path}: Arrow data is damaged ({one_line(e)}); save the dataset again") from None


def iter_arrow(path: Path) -> Iterator[RawRow]:
    name = str(path)
    line = 0
    for batch in _batches(path):
        for row in batch.to_pylist():
            line += 1
            yield RawRow(name, line, row)


def arrow_rows(path: Path) -> int:
    """Rows of an Arrow file (batch headers only: the data stays mapped, not read)."""
    return sum(batch.num_rows for batch in _batches(path))
