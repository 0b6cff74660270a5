"""Readers on awkward and damaged files: every row is read or rejected with its reason and whole text; a file that
cannot be read is one InputError line naming it and the fix."""

from __future__ import annotations

import gzip

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dolphin_data.errors import InputError
from dolphin_data.io import Spill, dumps_safe, input_error, iter_rows, write_jsonl
from dolphin_data.io.base import BOM


def rows(path, **kw):
    return [(r.line, r.row, r.error) for r in iter_rows(path, **kw)]


@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"])
def test_jsonl_every_line_end_kind_and_bom(tmp_path, eol):
    p = tmp_path / "a.jsonl"
    p.write_bytes(BOM + eol.join([b'{"a": 1}', b"", b'{"a": 2}', b"{bad", b'{"a": 3}']) + eol)
    assert rows(p) == [(1, {"a": 1}, None), (3, {"a": 2}, None), (4, None, "schema:invalid_json"), (5, {"a": 3}, None)]


def test_mixed_line_ends_count_each_end_once(tmp_path):
    p = tmp_path / "m.jsonl"
    p.write_bytes(b'{"a":1}\r\n{"a":2}\r{"a":3}\n\r\n{"a":4}')  # CRLF, CR, LF, blank CRLF, no final end
    assert rows(p) == [(1, {"a": 1}, None), (2, {"a": 2}, None), (3, {"a": 3}, None), (5, {"a": 4}, None)]


def test_crlf_split_across_read_blocks(tmp_path, monkeypatch):
    from dolphin_data.io import jsonl

    monkeypatch.setattr(jsonl, "BLOCK", 8)  # '{"a":1}\r' is exactly 8 bytes: the \n comes in the next block
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"a":1}\r\n{"a":22}\r\n{"a":3}\r\n')
    assert rows(p) == [(1, {"a": 1}, None), (2, {"a": 22}, None), (3, {"a": 3}, None)]


def test_bad_line_reject_keeps_whole_text_and_detail(tmp_path):
    p = tmp_path / "t.jsonl"
    text = '{"q": "' + "x" * 5000 + '"'  # truncated: no closing brace
    p.write_text('{"q": "ok"}\n' + text + "\n")
    got = list(iter_rows(p))
    assert got[1].error == "schema:invalid_json" and got[1].raw == text and "unexpected end of data" in got[1].detail


def test_invalid_utf8_line_is_shown_with_escapes(tmp_path):
    p = tmp_path / "u.jsonl"
    p.write_bytes(b'{"a": "caf\xe9"}\n')
    [r] = iter_rows(p)
    assert r.error == "schema:invalid_utf8" and r.raw == '{"a": "caf\\xe9"}' and "byte 10" in r.detail


def test_huge_bad_line_spills_to_side_file(tmp_path):
    p = tmp_path / "h.jsonl"
    big = b'{"x": "' + b"y" * (3 << 20)  # a 3 MB line cut short
    p.write_bytes(b'{"a": 1}\n' + big + b'\n{"a": 2}\n')
    got = list(iter_rows(p, spill=Spill(tmp_path / "spill", "rejects/raw/", limit=1 << 20)))
    assert [(r.line, r.error) for r in got] == [(1, None), (2, "schema:invalid_json"), (3, None)]
    ptr = got[1].raw
    assert ptr["bytes"] == len(big) and ptr["spilled_to"].startswith("rejects/raw/") and len(ptr["head"]) == 1000
    assert (tmp_path / "spill" / ptr["spilled_to"].split("/")[-1]).read_bytes() == big
    [unspilled] = [r for r in iter_rows(p) if r.error]  # without a spill folder the reject holds it all
    assert unspilled.raw == big.decode()


def test_nesting_past_orjson_limits(tmp_path):
    p = tmp_path / "d.jsonl"
    deep300 = b'{"a": ' + b"[" * 300 + b"]" * 300 + b"}"
    p.write_bytes(b"[" * 2000 + b"]" * 2000 + b"\n" + deep300 + b"\n")
    got = list(iter_rows(p))
    assert got[0].error == "schema:too_deep" and len(got[0].raw) == 4000
    assert got[1].error is None  # parsed: orjson reads 1024 levels but writes only 255
    line = dumps_safe({"id": "x", "record": got[1].row})
    back = orjson.loads(line)
    assert back["json_text_fields"] == ["record"] and orjson.loads(back["record"]) == got[1].row
    out = tmp_path / "rejects.jsonl"
    assert write_jsonl(out, [{"record": got[1].row}, {"record": b"\xff bytes"}]) == 2
    assert orjson.loads(out.read_bytes().splitlines()[1]) == {"record": "\\xff bytes"}


def test_json_array_bad_element_is_one_reject(tmp_path):
    p = tmp_path / "a.json"
    p.write_bytes(BOM + b' [ {"a": 1}, {"a": "x,]}\\"["}, {bad}, 7 ,\r\n"s", {"a": [1, {"b": 2}]} ]\n')
    assert rows(p) == [
        (1, {"a": 1}, None),
        (2, {"a": 'x,]}"['}, None),
        (3, None, "schema:invalid_json"),
        (4, 7, None),
        (5, "s", None),
        (6, {"a": [1, {"b": 2}]}, None),
    ]
    assert list(iter_rows(p))[2].raw == " {bad}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[]", []),
        (b"[1,]", [(1, 1, None), (2, None, "schema:invalid_json")]),
        (b"[,1]", [(1, None, "schema:invalid_json"), (2, 1, None)]),
        (b'[{"a": 1}, {"b": ', [(1, {"a": 1}, None), (2, None, "schema:invalid_json")]),  # truncated file
        (b"[1] trailing", [(1, 1, None), (2, None, "schema:invalid_json")]),
        (b'{"train": [1, 2]}', [(1, 1, None), (2, 2, None)]),
    ],
)
def test_json_array_edges(tmp_path, content, expected):
    p = tmp_path / "e.json"
    p.write_bytes(content)
    assert rows(p) == expected


def test_truncated_array_says_so(tmp_path):
    p = tmp_path / "t.json"
    p.write_bytes(b'[{"a": 1}, {"b": "cut')
    assert "never closes" in list(iter_rows(p))[1].detail


def test_corrupt_and_truncated_gzip_are_one_line(tmp_path, monkeypatch):
    from dolphin_data.io import jsonl

    monkeypatch.setattr(jsonl, "BLOCK", 1 << 16)  # rows of the blocks before the damage are read
    data = gzip.compress(b"".join(b'{"i": %d}\n' % i for i in range(50_000)))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    got = []
    with pytest.raises(InputError, match=r"cut.jsonl.gz: gzip data is corrupt or truncated \(after line \d+\)") as e:
        got.extend(iter_rows(cut))
    assert got and [r.line for r in got] == list(range(1, len(got) + 1)) and "pull --force" in str(e.value)
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    with pytest.raises(InputError, match="bad.json.gz: gzip data is corrupt or truncated"):
        list(iter_rows(bad))


def write_parquet(path, n=10, group=4):
    pq.write_table(pa.table({"q": [f"q{i}" for i in range(n)], "n": list(range(n))}), path, row_group_size=group)
    return path


def test_parquet_bad_footer_and_bad_pages(tmp_path):
    p = write_parquet(tmp_path / "t.parquet", 3000, 1000)
    data = bytearray(p.read_bytes())
    footer = tmp_path / "footer.parquet"
    footer.write_bytes(bytes(data[:-20]))
    with pytest.raises(InputError, match="footer.parquet: not a readable Parquet file .*pull --force"):
        list(iter_rows(footer))
    pages = tmp_path / "pages.parquet"
    data[200:4000] = b"\xff" * 3800  # the first row groups' pages, the footer intact
    pages.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"pages.parquet: row group 0 \(rows 1-1000\) cannot be decoded"):
        list(iter_rows(pages))


def test_parquet_non_utf8_string_is_a_row_reject(tmp_path):
    p = tmp_path / "u.parquet"
    q = pa.array([b"ok", b"caf\xe9", b"fine"], type=pa.binary()).view(pa.string())
    pq.write_table(pa.table({"q": q, "n": [1, 2, 3]}), p)
    got = list(iter_rows(p))
    assert [(r.line, r.row, r.error) for r in got] == [
        (1, {"q": "ok", "n": 1}, None),
        (2, None, "schema:invalid_utf8"),
        (3, {"q": "fine", "n": 3}, None),
    ]
    assert got[1].raw == {"q": "caf\\xe9", "n": 2}


def test_partitioned_parquet_folder_reads_in_path_order(tmp_path):
    ds = tmp_path / "train.parquet"
    for part, lang in (("lang=fr/part-1.parquet", "fr"), ("lang=en/part-0.parquet", "en")):
        (ds / part).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({"q": [f"{lang}1", f"{lang}2"]}), ds / part)
    (ds / "_SUCCESS").write_text("")
    got = list(iter_rows(ds))
    assert [(r.file.split("train.parquet/")[1], r.line, r.row) for r in got] == [
        ("lang=en/part-0.parquet", 1, {"q": "en1", "lang": "en"}),
        ("lang=en/part-0.parquet", 2, {"q": "en2", "lang": "en"}),
        ("lang=fr/part-1.parquet", 1, {"q": "fr1", "lang": "fr"}),
        ("lang=fr/part-1.parquet", 2, {"q": "fr2", "lang": "fr"}),
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "dir.jsonl").mkdir() or d / "dir.jsonl", "dir.jsonl: is a folder, expected a file"),
        (lambda d: d / "gone.json", "gone.json: no such file; check the path"),
        (lambda d: (d / "x.parquet.gz").write_bytes(b"x") and d / "x.parquet.gz", "gzip-compressed Parquet"),
        (lambda d: (d / "empty.parquet").mkdir() or d / "empty.parquet", "a folder with no \\*.parquet part files"),
    ],
)
def test_paths_that_are_not_files(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        list(iter_rows(make(tmp_path)))


def test_os_errors_become_one_line():
    assert str(input_error("raw/a.jsonl", PermissionError(13, "Permission denied"))) == (
        "raw/a.jsonl: permission denied; make it readable (chmod +r) or run as its owner"
    )
    assert str(input_error("raw/a.jsonl", OSError(5, "Input/output error"), "after line 7")) == (
        "raw/a.jsonl: cannot read (after line 7): Input/output error; check the disk and the file"
    )


def test_permission_denied_while_opening(tmp_path, monkeypatch):
    import builtins

    p = tmp_path / "secret.jsonl"
    p.write_text('{"a": 1}\n')
    real_open = builtins.open

    def deny(file, *a, **k):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(InputError, match="secret.jsonl: permission denied"):
        list(iter_rows(p))
