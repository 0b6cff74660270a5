"""The command line: exit codes, one-line errors that name the file and the fix, summaries."""

from __future__ import annotations

import json

from dolphin_data.converters import CONVERTERS
from tests.conftest import REPO, read_jsonl, write_jsonl


def test_help_lists_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("build", "pull", "convert", "inspect", "explain"):
        assert command in result.output


def test_convert_list_shows_every_schema(cli):
    result = cli("convert", "--list")
    assert result.exit_code == 0
    for name in CONVERTERS.names():
        assert name in result.output


def test_convert_writes_output_and_rejects(cli, tmp_path):
    src = write_jsonl(tmp_path / "math.jsonl", [{"question": "1+1?", "answer": "2"}, {"question": "2+2?"}])
    result = cli("convert", src, "--from", "orca_math", "--out", tmp_path / "o.jsonl")
    assert result.exit_code == 0, result.output
    assert read_jsonl(tmp_path / "o.jsonl") == [
        {"id": "math:1", "conversations": [{"from": "human", "value": "1+1?"}, {"from": "gpt", "value": "2"}]}
    ]
    rej = read_jsonl(tmp_path / "o.rejects.jsonl")
    assert [(r["id"], r["reason"], r["line"]) for r in rej] == [("math:2", "schema:missing_key", 2)]
    assert "rejected schema:missing_key" in result.output


def test_unknown_schema_is_one_line_error(cli, tmp_path):
    src = write_jsonl(tmp_path / "x.jsonl", [{"a": 1}])
    result = cli("convert", src, "--from", "orca", "--out", tmp_path / "o.jsonl")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("Error: unknown converter 'orca'")


def test_missing_input_file_names_it(cli, tmp_path):
    result = cli("convert", tmp_path / "nope.jsonl", "--from", "orca_math", "--out", tmp_path / "o.jsonl")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nope.jsonl'}: no such file; check the path (or run `dolphin-data pull` to fetch sources)\n"
    )


def test_bad_recipe_exit_1_with_line(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsources:\n  - name: a\n    output: a.jsonl\n    converter: nope\n")
    result = cli("build", bad, "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}:5: sources[0].converter: unknown converter 'nope'; valid:")


def test_usage_error_is_exit_2(cli):
    assert cli("build", "--no-such-option").exit_code == 2


def test_dry_run_prints_resolved_recipe_and_plan(cli):
    result = cli("build", REPO / "recipes/2.9.yaml", "--dry-run", "--raw", REPO / "raw")
    assert result.exit_code == 0
    assert "name: dolphin-2.9-llama3-8b" in result.output
    assert "openhermes" in result.output and "plan" in result.output


def test_inspect_reports_counts_and_problems(cli, tmp_path):
    path = tmp_path / "f.jsonl"
    rows = [
        {
            "id": "a",
            "conversations": [
                {"from": "system", "value": "S"},
                {"from": "human", "value": "h"},
                {"from": "gpt", "value": "g"},
            ],
        },
        {
            "id": "b",
            "conversations": [
                {"from": "human", "value": "h"},
                {"from": "human", "value": "h2"},
                {"from": "gpt", "value": "g"},
            ],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{oops\n")
    result = cli("inspect", path)
    assert result.exit_code == 0
    assert "valid conversations" in result.output
    assert "schema:not_alternating" in result.output and "schema:invalid_json" in result.output


def test_explain_finds_kept_and_dropped(cli, tmp_path):
    from tests.test_build import RECIPE, make_raw

    raw = make_raw(tmp_path)
    recipe = tmp_path / "r.yaml"
    recipe.write_text(RECIPE.format(out=tmp_path / "out", fmt="sharegpt"))
    assert cli("build", recipe, "--raw", raw, "--quiet", "--workers", "1").exit_code == 0
    kept = cli("explain", "flan:1", "--build", tmp_path / "out")
    assert "flan:1: kept in flan.jsonl line 1" in kept.output and "Translate 'cat' to French." in kept.output
    dropped = cli("explain", "flan:4", "--build", tmp_path / "out")
    assert "flan:4: dropped by convert (schema:invalid_json) - rejects/convert.jsonl line 2" in dropped.output
    assert "raw flan/part-0.jsonl.gz line 4" in dropped.output
    missing = cli("explain", "flan:99", "--build", tmp_path / "out")
    assert missing.exit_code == 1 and "not found" in missing.stderr


def test_convert_from_auto_says_which_converter_it_chose(cli, tmp_path):
    src = write_jsonl(
        tmp_path / "math.jsonl", [{"question": "1+1?", "answer": "2"}, {"question": "2+2?", "answer": "4"}]
    )
    result = cli("convert", src, "--from", "auto", "--out", tmp_path / "o.jsonl")
    assert result.exit_code == 0, result.output
    assert f"{src}: converter orca_math (2 of 2 sampled rows)" in result.stderr
    assert [r["conversations"][1]["value"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["2", "4"]


def test_wrong_converter_fails_and_names_the_one_that_fits(cli, tmp_path):
    src = write_jsonl(
        tmp_path / "math.jsonl", [{"question": "1+1?", "answer": "2"}, {"question": "2+2?", "answer": "4"}]
    )
    result = cli("convert", src, "--from", "dolphin_coder", "--out", tmp_path / "o.jsonl")
    assert result.exit_code == 1 and not (tmp_path / "o.jsonl").exists()
    assert result.stderr.startswith(
        "Error: math: 2 of 2 rows rejected, most as schema:missing_key; "
        "keys present: question, answer; did you mean converter orca_math?"
    )
    assert result.stderr.count("\n") == 1


def test_a_build_whose_converter_fits_nothing_fails_and_publishes_nothing(cli, tmp_path):
    raw = tmp_path / "raw" / "math"
    raw.mkdir(parents=True)
    write_jsonl(raw / "m.jsonl", [{"question": "1+1?", "answer": "2"}])
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "name: x\nsources:\n  - name: math\n    output: math.jsonl\n    converter: alpaca\n"
        "    upstream: {repo: org/math, files: [m.jsonl]}\n"
    )
    result = cli("build", recipe, "--raw", tmp_path / "raw", "--out", tmp_path / "out", "-q")
    assert result.exit_code == 1 and "did you mean converter orca_math?" in result.stderr
    assert not (tmp_path / "out" / "manifest.json").exists() and not (tmp_path / "out" / "math.jsonl").exists()
    recipe.write_text(recipe.read_text().replace("converter: alpaca", "converter: auto"))
    assert cli("build", recipe, "--raw", tmp_path / "raw", "--out", tmp_path / "out", "-q").exit_code == 0
    assert read_jsonl(tmp_path / "out" / "math.jsonl")[0]["id"] == "math:1"
