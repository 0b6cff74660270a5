"""File I/O: the only place that opens data files.

Readers yield ``RawRow`` (the parsed row, or the reason it could not be parsed, with file and line, keeping the
row's whole text) so that a bad line becomes a reject instead of stopping a build; a file that cannot be read at
all is one ``InputError`` line naming the file and the fix. ``plan_shards`` cuts a file into shards that workers
read on their own with ``iter_rows(path, shard)``. Writers are atomic (temp file + rename) and deterministic
(orjson, key order as built, no timestamps).

Modules: ``base`` (RawRow, formats, errors), ``jsonl``, ``jsonscan`` + ``jsonarray`` (JSON), ``parquet``,
``shards`` (iter_rows, plan_shards, estimate_rows), ``writers``.
"""

from dolphin_data.io.base import SUPPORTED_SUFFIXES, RawRow, Spill, file_format, input_error
from dolphin_data.io.shards import TARGET_BYTES, Shard, estimate_rows, iter_rows, plan_shards
from dolphin_data.io.writers import atomic_writer, dumps, dumps_safe, json_text, read_jsonl, sha256_file, write_jsonl

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TARGET_BYTES",
    "RawRow",
    "Shard",
    "Spill",
    "atomic_writer",
    "dumps",
    "dumps_safe",
    "estimate_rows",
    "file_format",
    "input_error",
    "iter_rows",
    "json_text",
    "plan_shards",
    "read_jsonl",
    "sha256_file",
    "write_jsonl",
]
