"""Shards: reading every shard of a file in order gives exactly what reading the whole file gives (rows, line
numbers, rejects), for every target size; shards are small picklable descriptions that depend only on the file."""

from __future__ import annotations

import gzip
import pickle
import random

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dolphin_data.io import estimate_rows, iter_rows, plan_shards
from dolphin_data.io.base import BOM

TARGETS = [1, 5, 37, 200, 4096, 1 << 30]


def whole(path):
    return [(r.file, r.line, r.row, r.error, r.raw) for r in iter_rows(path)]


def sharded(path, target):
    shards = plan_shards(path, target)
    assert [s.index for s in shards] == list(range(len(shards)))
    assert pickle.loads(pickle.dumps(shards)) == shards and plan_shards(path, target) == shards
    return shards, [(r.file, r.line, r.row, r.error, r.raw) for s in shards for r in iter_rows(path, s)]


def tricky_rows(n: int, seed: int = 0) -> list:
    rnd = random.Random(seed)
    pieces = ['"', "\\", "\\\\", '\\"', "[", "]", "{", "}", ",", "é", "\n", "x" * 50, "\u2028"]
    return [
        {"i": i, "t": "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))), "l": [[i], {"k": ",]"}]}
        for i in range(n)
    ]


@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"])
def test_jsonl_shards_match_whole_read(tmp_path, eol):
    lines = [orjson.dumps(r) for r in tricky_rows(60)]
    lines[5] = b"{broken"
    lines[9] = b""
    lines[17] = b"   "
    p = tmp_path / "a.jsonl"
    p.write_bytes(BOM + eol.join(lines))  # no final line end
    expect = whole(p)
    assert len(expect) == 58 and expect[-1][1] == 60
    for t in TARGETS:
        shards, got = sharded(p, t)
        assert got == expect, t
        assert shards[0].first == 1 and sum(s.rows for s in shards) == 60
    assert len(plan_shards(p, 1)) >= 59 and estimate_rows(p) == 60  # an empty line may share a shard


def test_json_array_shards_match_whole_read(tmp_path):
    body = [orjson.dumps(r) for r in tricky_rows(80, seed=1)]
    body[3] = b'{"bad": tru}'
    body[40] = b' "a string" '
    p = tmp_path / "a.json"
    p.write_bytes(BOM + b" \r\n[\n  " + b" ,\n  ".join(body) + b"\n]\n\n")
    expect = whole(p)
    assert len(expect) == 80 and expect[3][3] == "schema:invalid_json" and expect[40][2] == "a string"
    for t in TARGETS:
        shards, got = sharded(p, t)
        assert got == expect, t
        assert [s.first for s in shards] == [1 + sum(x.rows for x in shards[:k]) for k in range(len(shards))]
    assert len(plan_shards(p, 1)) == 80 and estimate_rows(p) == 80


@pytest.mark.parametrize("content", [b"[]", b'{"train": [1, 2]}', b"[1, 2", b"[1] [2]"])
def test_json_that_is_not_one_clean_array_is_one_whole_shard(tmp_path, content):
    p = tmp_path / "w.json"
    p.write_bytes(content)
    shards, got = sharded(p, 1)
    assert len(shards) == 1 and shards[0].whole and got == whole(p)


def test_gzip_is_one_shard(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"a": 1}\n{"a": 2}\n'))
    shards, got = sharded(p, 1)
    assert len(shards) == 1 and shards[0].whole and shards[0].rows is None and got == whole(p) and len(got) == 2
    assert estimate_rows(p) is None


def test_parquet_shards_are_row_group_runs(tmp_path):
    p = tmp_path / "t.parquet"
    pq.write_table(pa.table({"q": [f"q{i}" * (i % 7) for i in range(1000)]}), p, row_group_size=100)
    expect = whole(p)
    for t in TARGETS:
        shards, got = sharded(p, t)
        assert got == expect
    assert len(plan_shards(p, 1)) == 10 and len(plan_shards(p, 1 << 30)) == 1
    assert [(s.start, s.end, s.first, s.rows) for s in plan_shards(p, 1)][:2] == [(0, 1, 1, 100), (1, 2, 101, 100)]
    assert estimate_rows(p) == 1000


def test_parquet_dataset_shards(tmp_path):
    ds = tmp_path / "d.parquet"
    ds.mkdir()
    for k in range(3):
        pq.write_table(pa.table({"n": list(range(k * 50, k * 50 + 50))}), ds / f"part-{k}.parquet", row_group_size=20)
    expect = whole(ds)
    shards, got = sharded(ds, 1)
    assert got == expect and len(got) == 150 and len(shards) == 9
    assert {s.member for s in shards} == {"part-0.parquet", "part-1.parquet", "part-2.parquet"}
    assert estimate_rows(ds) == 150


def test_empty_files(tmp_path):
    for name in ("e.jsonl", "e.json"):
        p = tmp_path / name
        p.write_bytes(b"")
        shards = plan_shards(p, 10)
        assert len(shards) == 1
    assert list(iter_rows(tmp_path / "e.jsonl")) == []
