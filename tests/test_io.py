"""Readers and writers: every supported file type, bad bytes and bad JSON become row errors, writes are atomic."""

from __future__ import annotations

import gzip

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dolphin_data.errors import InputError
from dolphin_data.io import iter_rows, write_jsonl


def rows(path):
    return [(r.line, r.row, r.error) for r in iter_rows(path)]


def test_jsonl_with_blank_bad_json_and_bad_utf8(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_bytes(b'{"a": 1}\n\n{broken\n{"b": "\xff"}\n[1, 2]\n')
    assert rows(p) == [
        (1, {"a": 1}, None),
        (3, None, "schema:invalid_json"),
        (4, None, "schema:invalid_utf8"),
        (5, [1, 2], None),
    ]


def test_gzipped_jsonl_and_json_array(tmp_path):
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"a": 1}\n{"a": 2}\n'))
    assert [r.row for r in iter_rows(gz)] == [{"a": 1}, {"a": 2}]
    arr = tmp_path / "b.json"
    arr.write_text('[{"x": 1}, {"x": 2}]')
    assert rows(arr) == [(1, {"x": 1}, None), (2, {"x": 2}, None)]
    wrapped = tmp_path / "c.json"
    wrapped.write_text('{"train": [{"x": 1}]}')
    assert rows(wrapped) == [(1, {"x": 1}, None)]


def test_parquet_rows_numbered_from_one(tmp_path):
    p = tmp_path / "t.parquet"
    pq.write_table(pa.table({"question": ["q1", "q2"], "answer": ["a1", None]}), p)
    assert rows(p) == [(1, {"question": "q1", "answer": "a1"}, None), (2, {"question": "q2", "answer": None}, None)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", b"a,b", "unsupported file type; use one of .jsonl, .json, .parquet"),
        ("x.json", b"{oops", "not valid JSON"),
        ("x.json", b'"just a string"', "expected a JSON array of records, found str"),
        ("x.parquet", b"not parquet", "not a readable Parquet file"),
    ],
)
def test_unreadable_files_are_input_errors(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(iter_rows(p))


def test_writer_is_atomic_and_gzip_is_deterministic(tmp_path):
    out = tmp_path / "o.jsonl.gz"
    write_jsonl(out, [{"a": 1}])
    first = out.read_bytes()
    write_jsonl(out, [{"a": 1}])
    assert out.read_bytes() == first and not list(tmp_path.glob("*.tmp"))

    def boom():
        yield {"a": 2}
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        write_jsonl(out, boom())
    assert out.read_bytes() == first and not list(tmp_path.glob("*.tmp"))
