"""The hostile-input suite (issue 12): a corpus of bad files and bad recipes written for this project
(tests/hostile/, regenerate with ``python tests/hostile/make_corpus.py``) driven through the real CLI, plus
property-based tests over the readers. Every case ends in rejects with their reasons (rows in = kept + rejected)
or a one-line error naming the file; no traceback; nothing written outside the test's folders. The module
prints how many cases it tried."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dolphin_data.errors import UserError
from dolphin_data.io import dumps_safe, iter_rows, plan_shards
from tests.conftest import REPO, read_jsonl

HOSTILE = Path(__file__).parent / "hostile"
FILES, RECIPES = HOSTILE / "files", HOSTILE / "recipes"
CASES = Counter()
IJ, UTF8, DEEP, WT, NOBJ = (
    "schema:invalid_json",
    "schema:invalid_utf8",
    "schema:too_deep",
    "schema:wrong_type",
    "schema:not_an_object",
)

# file -> (rows read, rows kept, rejects by reason) or the error text after "Error: <file>: "
FILE_CASES: dict[str, tuple[int, int, dict[str, int]] | str] = {
    "bom.jsonl": (3, 3, {}),
    "crlf.jsonl": (3, 3, {}),
    "cr_only.jsonl": (3, 3, {}),
    "mixed_eol_blank_lines.jsonl": (3, 3, {}),
    "truncated_last_line.jsonl": (4, 3, {IJ: 1}),
    "bad_utf8.jsonl": (2, 1, {UTF8: 1}),
    "nul_byte.jsonl": (2, 1, {IJ: 1}),
    "lone_surrogate.jsonl": (2, 1, {IJ: 1}),
    "deep_300.jsonl": (2, 1, {WT: 1}),
    "deep_5000.jsonl": (2, 1, {DEEP: 1}),
    "scalars_and_wrong_types.jsonl": (6, 1, {NOBJ: 4, WT: 1}),
    "empty.jsonl": (0, 0, {}),
    "only_blank_lines.jsonl": (0, 0, {}),
    "array_bom_crlf.json": (4, 4, {}),
    "array_bad_element.json": (5, 3, {IJ: 2}),
    "array_truncated.json": (4, 3, {IJ: 1}),
    "array_trailing_garbage.json": (3, 2, {IJ: 1}),
    "array_stray_commas.json": (4, 2, {IJ: 2}),
    "array_deep_element.json": (2, 1, {DEEP: 1}),
    "array_unbalanced.json": (3, 1, {IJ: 2}),
    "array_empty.json": (0, 0, {}),
    "wrapped_rows.json": (2, 2, {}),
    "good.parquet": (6, 6, {}),
    "non_utf8_strings.parquet": (3, 2, {UTF8: 1}),
    "partitioned.parquet": (4, 4, {}),
    "not_an_array.json": "expected a JSON array of records, found str",
    "not_json_at_all.json": "not valid JSON (unexpected character",
    "truncated.jsonl.gz": "gzip data is corrupt or truncated (after line 0): Compressed file ended",
    "corrupt.json.gz": "gzip data is corrupt or truncated (after element 0): Error -3 while decompressing",
    "not_gzip.jsonl.gz": "gzip data is corrupt or truncated (after line 0): Not a gzipped file",
    "bad_footer.parquet": "not a readable Parquet file (",
    "bad_pages.parquet": "row group 0 (rows 1-2) cannot be decoded (",
    "a_folder.jsonl": "is a folder",
    "unsupported.csv": "unsupported file type; use one of .jsonl, .json, .parquet",
}

RECIPE_CASES = {
    "name_traversal.yaml": ":3: sources[0].name: '../../../escaped' is not a valid name",
    "recipe_name_traversal.yaml": ":1: name: '../../escaped' is not a valid name",
    "raw_absolute.yaml": ":5: sources[0].raw: '/etc' is absolute",
    "raw_dotdot.yaml": ":5: sources[0].raw: '../../..' contains '..'",
    "files_dotdot.yaml": ":6: sources[0].files[0]: '../../*.jsonl' contains '..'",
    "files_absolute.yaml": ":6: sources[0].files[0]: '/etc/passwd' is absolute",
    "output_path.yaml": ":4: sources[0].output: '../flan.jsonl' must be a bare file name",
    "repo_local_path.yaml": ":6: sources[0].upstream.repo: '/etc' is not a dataset id",
    "billion_laughs.yaml": ":6: YAML aliases (*name) expand this value to more than 1,000,000 values",
    "deep_nesting.yaml": ":2: invalid YAML (",
    "training_out_of_range.yaml": ":7: training.micro_batch_size: 0 is out of range",
    "val_set_size_out_of_range.yaml": ":7: training.val_set_size: 7 is out of range",
    "not_a_mapping.yaml": ":1: recipe: expected a mapping, got list",
    "empty.yaml": ": recipe: expected a mapping, got NoneType",
    "tabs_syntax_error.yaml": ":3: invalid YAML (",
    "unknown_converter.yaml": ":5: sources[0].converter: unknown converter 'dolphin_flna'",
    "duplicate_source.yaml": ":7: sources[1].name: 'flan' already used by sources[0]",
    "sources_not_a_list.yaml": ":2: sources: expected a list of sources, got int 5",
    "binary_garbage.yaml": ": cannot read the recipe (",
}


def snapshot(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def assert_one_line_error(result, starts: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"Error: {starts}"), result.stderr


def test_corpus_is_complete():
    assert sorted(p.name for p in FILES.iterdir()) == sorted(FILE_CASES)
    assert sorted(p.name for p in RECIPES.iterdir()) == sorted(RECIPE_CASES)


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_bad_file_through_convert(cli, tmp_path, name):
    CASES["corpus files"] += 1
    src = FILES / name
    out, rej = tmp_path / "out" / "o.jsonl", tmp_path / "out" / "r.jsonl"
    result = cli("convert", src, "--from", "dolphin_flan", "--out", out, "--rejects", rej, "--quiet")
    expected = FILE_CASES[name]
    if isinstance(expected, str):
        assert_one_line_error(result, f"{src}: {expected}")
        assert not out.exists() and not rej.exists()
        return
    rows_in, kept, reasons = expected
    if kept == 0 or (rows_in - kept) / rows_in > 0.5:  # below the default floor: the command fails, naming it
        stem = name.split(".")[0]
        assert_one_line_error(
            result,
            f"{stem}: 0 of {rows_in} rows written"
            if kept == 0
            else f"{stem}: {rows_in - kept} of {rows_in} rows rejected, most as {max(reasons, key=reasons.get)}",
        )
        assert not out.exists() and not rej.exists()
        return
    assert result.exit_code == 0, result.output
    rejects = read_jsonl(rej)
    assert len(read_jsonl(out)) == kept and len(rejects) == rows_in - kept
    assert dict(Counter(r["reason"] for r in rejects)) == reasons
    for r in rejects:  # every reject names its file and line and keeps the row
        assert r["file"].endswith(name) or name in r["file"]
        assert r["line"] >= 1 and "record" in r
    assert {"out/o.jsonl", "out/r.jsonl"} <= snapshot(tmp_path) and all(p.startswith("out") for p in snapshot(tmp_path))


def test_deep_row_reject_keeps_the_row_as_json_text(cli, tmp_path):
    result = cli("convert", FILES / "deep_300.jsonl", "--from", "dolphin_flan", "--out", tmp_path / "o.jsonl", "-q")
    assert result.exit_code == 0
    [rej] = read_jsonl(tmp_path / "o.rejects.jsonl")
    record = orjson.loads(rej["record"]) if "record" in rej.get("json_text_fields", []) else rej["record"]
    assert record["input"] == orjson.loads(b"[" * 300 + b"]" * 300)


def test_huge_truncated_line_keeps_its_whole_text(cli, tmp_path):
    CASES["corpus files"] += 1
    src = tmp_path / "huge.jsonl"
    big = b'{"instruction": "s", "input": "' + b"x" * (3 << 20)  # 3 MB, cut short
    src.write_bytes(b'{"instruction": "s", "input": "q", "output": "a"}\n' + big)
    result = cli("convert", src, "--from", "dolphin_flan", "--out", tmp_path / "o.jsonl", "-q")
    assert result.exit_code == 0
    [rej] = read_jsonl(tmp_path / "o.rejects.jsonl")
    assert rej["reason"] == IJ and rej["line"] == 2 and rej["record"] == big.decode()


@pytest.mark.parametrize("name", sorted(RECIPE_CASES))
def test_bad_recipe_is_one_line_and_writes_nothing(cli, tmp_path, monkeypatch, name):
    CASES["corpus recipes"] += 1
    sandbox = tmp_path / "a" / "b" / "c"
    sandbox.mkdir(parents=True)
    monkeypatch.chdir(sandbox)
    shutil.copy(RECIPES / name, sandbox / name)
    (sandbox / "raw" / "flan").mkdir(parents=True)
    shutil.copy(FILES / "bom.jsonl", sandbox / "raw" / "flan")
    before = snapshot(tmp_path)
    result = cli("build", name, "--out", "out", "--raw", "raw", "--quiet")
    assert_one_line_error(result, f"{name}{RECIPE_CASES[name]}")
    assert snapshot(tmp_path) == before


def hostile_build_recipe(tmp_path: Path) -> Path:
    """One source per readable corpus file (``raw/<stem>/<file>``)."""
    raw = tmp_path / "raw"
    text = "name: hostile\nsources:\n"
    for n in sorted(FILE_CASES):
        if isinstance(FILE_CASES[n], str):
            continue
        stem = n.split(".")[0]
        (raw / stem).mkdir(parents=True)
        copy = shutil.copytree if (FILES / n).is_dir() else shutil.copy
        copy(FILES / n, raw / stem / n)
        text += (
            f"  - {{name: {stem}, output: {stem}.jsonl, converter: dolphin_flan, "
            f"floor: {{min_records: 0, max_rejected: 1}}}}\n"
        )  # every file is accounted, none fails the floor
    (tmp_path / "r.yaml").write_text(text)
    return tmp_path / "r.yaml"


def test_build_over_every_readable_bad_file_accounts_for_every_row(cli, tmp_path):
    recipe = hostile_build_recipe(tmp_path)
    before = snapshot(tmp_path)
    result = cli("build", recipe, "--out", tmp_path / "out", "--raw", tmp_path / "raw", "--quiet", "--workers", "1")
    assert result.exit_code == 0, result.output
    manifest = orjson.loads((tmp_path / "out" / "manifest.json").read_bytes())
    by_stem = {n.split(".")[0]: e for n, e in FILE_CASES.items() if isinstance(e, tuple)}
    assert sorted(f["source"] for f in manifest["files"]) == sorted(by_stem)
    for f in manifest["files"]:
        rows_in, kept, reasons = by_stem[f["source"]]
        assert (f["rows_read"], f["records_written"], f["rejected_by_reason"]) == (rows_in, kept, reasons), f["source"]
    assert {p.split("/")[0] for p in snapshot(tmp_path) - before} <= {"out", ".out.lock"}  # the build's lock file


def test_source_of_several_files_without_ids(cli, tmp_path):
    raw = tmp_path / "raw" / "flan"
    raw.mkdir(parents=True)
    for n in ("bom.jsonl", "crlf.jsonl", "cr_only.jsonl"):  # rows 1-3 in each, no ids
        shutil.copy(FILES / n, raw / n)
    (tmp_path / "r.yaml").write_text(
        "name: two\nsources:\n  - {name: flan, output: flan.jsonl, converter: dolphin_flan}\n"
    )
    result = cli("build", tmp_path / "r.yaml", "--out", tmp_path / "out", "--raw", tmp_path / "raw", "-q")
    assert result.exit_code == 0
    ids = [r["id"] for r in read_jsonl(tmp_path / "out" / "flan.jsonl")]
    assert len(ids) == len(set(ids)) == 9  # line ids of the later files carry their file: flan:1@2:1, ...
    assert ids[:3] == ["flan:1", "flan:2", "flan:3"] and ids[3] == "flan:1@2:1"


def test_build_refuses_symlink_out_of_raw_and_damaged_file(cli, tmp_path):
    recipe = hostile_build_recipe(tmp_path)
    link = tmp_path / "raw" / "bom" / "zz_link.jsonl"
    os.symlink(FILES / "crlf.jsonl", link)
    result = cli("build", recipe, "--out", tmp_path / "out", "--raw", tmp_path / "raw", "-q", "--workers", "1")
    assert_one_line_error(result, f"{link}: leads to ")
    assert "--follow-symlinks" in result.stderr
    link.unlink()
    shutil.copy(FILES / "truncated.jsonl.gz", tmp_path / "raw" / "crlf" / "crlf.jsonl.gz")
    (tmp_path / "r.yaml").write_text(
        (tmp_path / "r.yaml")
        .read_text()
        .replace(
            "{name: crlf, output: crlf.jsonl, converter: dolphin_flan,",
            '{name: crlf, output: crlf.jsonl, converter: dolphin_flan, files: ["*.jsonl", "*.gz"],',
        )
    )
    result = cli("build", recipe, "--out", tmp_path / "out", "--raw", tmp_path / "raw", "-q", "--workers", "1")
    assert_one_line_error(result, f"{tmp_path / 'raw' / 'crlf' / 'crlf.jsonl.gz'}: gzip data is corrupt or truncated")


@pytest.mark.parametrize(
    "args",
    [
        ["convert", str(FILES / "corrupt.json.gz"), "--from", "dolphin_flan", "--out", "{tmp}/o.jsonl"],
        ["convert", str(FILES / "bad_pages.parquet"), "--from", "dolphin_flan", "--out", "{tmp}/o.jsonl"],
        ["build", str(RECIPES / "billion_laughs.yaml"), "--out", "{tmp}/out", "--raw", "{tmp}/raw"],
    ],
)
def test_no_traceback_reaches_stderr(tmp_path, args):
    CASES["subprocess runs"] += 1
    exe = Path(sys.executable).parent / "dolphin-data"
    proc = subprocess.run(
        [str(exe), *[a.replace("{tmp}", str(tmp_path)) for a in args]],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("Error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == []  # a command leaves nothing behind, not even a lock


# -- properties over the readers -------------------------------------------------------------------------

PROPS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12,
)
eols = st.sampled_from([b"\n", b"\r\n", b"\r"])


def read_all(path: Path) -> list:
    try:
        return list(iter_rows(path))
    except UserError as e:  # the only way a reader may fail: one line naming the file
        assert "\n" not in str(e) and str(path) in str(e)
        return []


@PROPS
@given(data=st.binary(max_size=400), bom=st.booleans())
def test_random_bytes_as_jsonl_every_line_is_a_row_or_reject(tmp_path, data, bom):
    CASES["hypothesis"] += 1
    p = tmp_path / "r.jsonl"
    full = (b"\xef\xbb\xbf" if bom else b"") + data
    p.write_bytes(full)
    got = list(iter_rows(p))
    lines = full.removeprefix(b"\xef\xbb\xbf").splitlines()  # \n, \r\n and \r: the same line ends
    expect = [i + 1 for i, ln in enumerate(lines) if ln.strip(b" \t\r\n")]
    assert [r.line for r in got] == expect
    for r in got:
        assert (r.error is None) == (r.raw is None) and (r.error is None or r.error.startswith("schema:"))
        assert orjson.loads(dumps_safe({"record": r.raw if r.error else r.row}))


@PROPS
@given(values=st.lists(json_values, max_size=12), eol=eols, bom=st.booleans(), target=st.integers(1, 300))
def test_jsonl_round_trip_and_shards(tmp_path, values, eol, bom, target):
    CASES["hypothesis"] += 1
    p = tmp_path / "v.jsonl"
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + b"".join(orjson.dumps(v) + eol for v in values))
    got = list(iter_rows(p))
    assert [r.row for r in got] == [orjson.loads(orjson.dumps(v)) for v in values]
    assert [r.line for r in got] == list(range(1, len(values) + 1))
    assert [(r.line, r.row) for s in plan_shards(p, target) for r in iter_rows(p, s)] == [(r.line, r.row) for r in got]


@PROPS
@given(
    values=st.lists(json_values, max_size=12),
    ws=st.sampled_from([b"", b" ", b"\r\n", b"\n\t "]),
    bom=st.booleans(),
    target=st.integers(1, 300),
)
def test_json_array_round_trip_and_shards(tmp_path, values, ws, bom, target):
    CASES["hypothesis"] += 1
    p = tmp_path / "v.json"
    body = (b"," + ws).join(orjson.dumps(v) for v in values)
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ws + b"[" + ws + body + ws + b"]" + ws)
    got = list(iter_rows(p))
    assert [(r.line, r.row) for r in got] == [(i + 1, orjson.loads(orjson.dumps(v))) for i, v in enumerate(values)]
    assert [(r.line, r.row) for s in plan_shards(p, target) for r in iter_rows(p, s)] == [(r.line, r.row) for r in got]


@PROPS
@given(values=st.lists(json_values, min_size=1, max_size=8), cut=st.floats(0, 1))
def test_truncated_json_array_keeps_the_rows_before_the_cut(tmp_path, values, cut):
    CASES["hypothesis"] += 1
    p = tmp_path / "t.json"
    data = b"[" + b", ".join(orjson.dumps(v) for v in values) + b"]"
    p.write_bytes(data[: max(1, int(len(data) * cut))])
    got = read_all(p)
    parsed = [r.row for r in got if r.error is None]
    whole = [orjson.loads(orjson.dumps(v)) for v in values]
    keep = max(0, len(parsed) - 1)
    assert parsed[:keep] == whole[:keep]  # all but the last parsed row are exact
    assert all(r.error in (None, "schema:invalid_json", "schema:invalid_utf8") for r in got)
    assert [r.line for r in got] == list(range(1, len(got) + 1))


@PROPS
@given(depth=st.integers(1, 3000), kind=st.sampled_from([b"[]", b"{}"]), array=st.booleans())
def test_any_nesting_depth_is_read_or_rejected_and_serialisable(tmp_path, depth, kind, array):
    CASES["hypothesis"] += 1
    opener, closer = kind[:1], kind[1:]
    inner = b"1" if kind == b"[]" else b"null"
    nest = (opener + (b'"k":' if kind == b"{}" else b"")) * depth + inner + closer * depth
    p = tmp_path / ("d.json" if array else "d.jsonl")
    p.write_bytes(b"[" + nest + b"]" if array else nest + b"\n")
    [row] = iter_rows(p)
    assert row.error in (None, "schema:too_deep")
    assert (row.error is None) == (depth < 1024 - array) or 1000 <= depth <= 1030
    line = dumps_safe({"id": "x", "record": row.row if row.error is None else row.raw})
    assert orjson.loads(line)["id"] == "x"


@pytest.fixture(scope="module", autouse=True)
def report_cases(request):
    yield
    tr = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if tr is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            tr.write_line(
                f"\nhostile suite: {sum(CASES.values())} cases tried "
                f"({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})"
            )


def test_repo_corpus_generator_is_current(tmp_path, monkeypatch):
    """The committed corpus is what make_corpus.py writes (so it can be reviewed and regenerated)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name, data in mod.files().items():
        assert (FILES / name).read_bytes() == data, name
    for name, text in mod.recipes().items():
        assert (RECIPES / name).read_text() == text, name
    assert REPO / "tests" / "hostile" == HOSTILE
