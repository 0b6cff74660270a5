"""End-to-end build on a small raw/ tree written here: outputs, rejects, manifest accounting, determinism."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from dolphin_data.engine.run import build_recipe as run_build
from dolphin_data.errors import UserError
from dolphin_data.recipe import load_recipe
from tests.conftest import read_jsonl

RECIPE = """\
name: mini
seed: 42
output: {{dir: {out}, format: {fmt}}}
sources:
  - name: flan
    output: flan.jsonl
    converter: dolphin_flan
    upstream: {{repo: org/flan, files: ["*.jsonl.gz"]}}
    floor: {{max_rejected: 1.0}}  # most rows of this fixture are broken on purpose
  - name: hermes
    output: hermes.jsonl
    converter: openhermes
    upstream: {{repo: org/hermes, files: [hermes.json]}}
    stages:
      - sample: {{n: 3}}
  - name: math
    output: math.jsonl
    converter: orca_math
    upstream: {{repo: org/math, files: ["data/*.parquet"]}}
"""


def make_raw(root: Path) -> Path:
    raw = root / "raw"
    (raw / "flan").mkdir(parents=True)
    lines = [
        json.dumps(
            {"instruction": "You are an AI assistant.", "input": "Translate 'cat' to French.", "output": "chat"}
        ),
        json.dumps({"instruction": "", "input": "Name a prime.", "output": "7"}),  # no system prompt: 2 turns
        json.dumps({"instruction": "You are helpful.", "input": "Say hi.", "output": ""}),  # empty gpt turn
        "{not json",
        json.dumps({"instruction": "You are helpful.", "input": "Add 2+2."}),  # missing output
    ]
    data = ("\n".join(lines) + "\n").encode() + b'{"instruction": "x", "input": "\xff\xfe", "output": "y"}\n'
    (raw / "flan" / "part-0.jsonl.gz").write_bytes(gzip.compress(data, mtime=0))
    (raw / "hermes").mkdir()
    hermes = [
        {
            "conversations": [
                {"from": "system", "value": ""},
                {"from": "human", "value": f"Question {i}?"},
                {"from": "gpt", "value": f"Answer {i}."},
            ],
            "source": "airoboros2.2",
            "category": "orca",
        }
        for i in range(6)
    ]
    hermes.append({"conversations": [{"from": "human", "value": "Hi"}, {"from": "tool", "value": "x"}]})
    (raw / "hermes" / "hermes.json").write_text(json.dumps(hermes))
    (raw / "math" / "data").mkdir(parents=True)
    table = pa.table({"question": ["1+1?", "2+2?", "3+3?"], "answer": ["2", "4", None]})
    pq.write_table(table, raw / "math" / "data" / "train-00000-of-00001.parquet")
    return raw


@pytest.fixture
def mini(tmp_path):
    raw = make_raw(tmp_path)

    def build(out: str = "out", fmt: str = "sharegpt", workers: int = 1, batch_size: int = 1000):
        path = tmp_path / f"recipe-{fmt}.yaml"
        path.write_text(RECIPE.format(out=tmp_path / "out", fmt=fmt))
        manifest = run_build(
            load_recipe(path), out_dir=tmp_path / out, raw_dir=raw, workers=workers, batch_size=batch_size
        )
        return tmp_path / out, manifest

    return build


def assert_trainer_valid(rec: dict) -> None:
    turns = rec["conversations"]
    roles = [t["from"] for t in turns]
    assert all(t["value"].strip() for t in turns)
    body = roles[1:] if roles[0] == "system" else roles
    assert "system" not in body
    assert body[0] == "human" and body[-1] == "gpt"
    assert all(a != b for a, b in zip(body, body[1:], strict=False))


def test_build_writes_outputs_rejects_and_manifest(mini):
    out, manifest = mini()
    flan = read_jsonl(out / "flan.jsonl")
    assert flan == [
        {
            "id": "flan:1",
            "conversations": [
                {"from": "system", "value": "You are an AI assistant."},
                {"from": "human", "value": "Translate 'cat' to French."},
                {"from": "gpt", "value": "chat"},
            ],
        },
        {"id": "flan:2", "conversations": [{"from": "human", "value": "Name a prime."}, {"from": "gpt", "value": "7"}]},
    ]
    for name in ("flan.jsonl", "hermes.jsonl", "math.jsonl"):
        for rec in read_jsonl(out / name):
            assert_trainer_valid(rec)
    # OpenHermes' empty system turns are dropped, and 3 of the 6 valid records are sampled
    hermes = read_jsonl(out / "hermes.jsonl")
    assert len(hermes) == 3 and all(r["conversations"][0]["from"] == "human" for r in hermes)

    rejects = read_jsonl(out / "rejects" / "convert.jsonl")
    got = sorted((r["source"], r["line"], r["reason"]) for r in rejects)
    assert got == [
        ("flan", 3, "schema:empty_turn"),
        ("flan", 4, "schema:invalid_json"),
        ("flan", 5, "schema:missing_key"),
        ("flan", 6, "schema:invalid_utf8"),
        ("hermes", 7, "schema:unknown_role"),
        ("math", 3, "schema:null_value"),
    ]
    sampled = read_jsonl(out / "rejects" / "sample.jsonl")
    assert len(sampled) == 3 and {r["reason"] for r in sampled} == {"sample:not_selected"}

    files = {f["source"]: f for f in manifest["files"]}
    assert files["flan"]["rows_read"] == 6 and files["flan"]["records_written"] == 2
    assert files["flan"]["rejected_by_reason"] == {
        "schema:empty_turn": 1,
        "schema:invalid_json": 1,
        "schema:invalid_utf8": 1,
        "schema:missing_key": 1,
    }
    assert files["hermes"]["stages"][1] == {
        "stage": "sample",
        "in": 6,
        "out": 3,
        "dropped": {"sample:not_selected": 3},
        "params": {"n": 3, "fraction": None, "seed": 42},
    }
    assert manifest["totals"] == {"rows_read": 16, "records_written": 7, "rows_rejected": 9}
    for f in manifest["files"]:
        assert f["rows_read"] == f["records_written"] + f["rows_rejected"]
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk == manifest

    axolotl = yaml.safe_load((out / "axolotl.yaml").read_text())
    # paths relative to the build folder: the folder can be copied to the training machine as it is
    assert [d["path"] for d in axolotl["datasets"]] == ["flan.jsonl", "hermes.jsonl", "math.jsonl"]
    assert {(d["type"], d["conversation"]) for d in axolotl["datasets"]} == {("sharegpt", "chatml")}
    chat = yaml.safe_load((out / "axolotl-chat_template.yaml").read_text())
    assert chat["datasets"][0]["message_property_mappings"] == {"role": "from", "content": "value"}


def test_second_build_is_byte_identical_and_workers_do_not_matter(mini):
    out1, _ = mini("a", workers=1)
    out2, _ = mini("b", workers=2, batch_size=1)  # many batches through the process pool
    names = sorted(
        p.relative_to(out1)
        for p in out1.rglob("*")
        if p.is_file() and p.name not in ("timings.json",) and ".cache" not in p.parts
    )
    assert names
    for rel in names:
        assert (out1 / rel).read_bytes() == (out2 / rel).read_bytes(), rel


def test_messages_output_shape(mini):
    out, _ = mini(fmt="messages")
    rec = read_jsonl(out / "flan.jsonl")[0]
    assert rec["messages"][0] == {"role": "system", "content": "You are an AI assistant."}
    assert [m["role"] for m in rec["messages"]] == ["system", "user", "assistant"]
    assert yaml.safe_load((out / "axolotl.yaml").read_text())["datasets"][0]["type"] == "chat_template"


def test_missing_raw_files_is_a_user_error_naming_the_fix(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RECIPE.format(out=tmp_path / "out", fmt="sharegpt"))
    with pytest.raises(
        UserError, match=r"raw/flan: no raw files for source 'flan' matching \['\*.jsonl.gz'\]; run `dolphin-data pull"
    ):
        run_build(load_recipe(path), raw_dir=tmp_path / "raw")


def test_a_raw_file_instead_of_the_raw_folder_is_a_user_error_naming_the_fix(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RECIPE.format(out=tmp_path / "out", fmt="sharegpt"))
    one = tmp_path / "part.jsonl"
    one.write_text('{"instruction": "", "input": "q", "output": "a"}\n')
    with pytest.raises(UserError, match=r"--raw .*part.jsonl: is a file; give the folder that holds raw/<source>/"):
        run_build(load_recipe(path), raw_dir=one)
    assert not (tmp_path / "out").exists()


def test_a_huge_bad_row_is_kept_whole_beside_the_rejects(tmp_path):
    raw = tmp_path / "raw" / "flan"
    raw.mkdir(parents=True)
    big = b'{"instruction": "s", "input": "' + b"x" * (2 << 20)  # 2 MB, cut short: not JSON
    good = b"".join(json.dumps({"instruction": "", "input": f"q{i}", "output": "a"}).encode() + b"\n" for i in range(3))
    (raw / "part.jsonl").write_bytes(good + big + b"\n")
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        f"name: big\noutput: {{dir: {tmp_path / 'out'}}}\nsources:\n  - name: flan\n    output: flan.jsonl\n"
        "    converter: dolphin_flan\n    upstream: {repo: org/flan, files: [part.jsonl]}\n"
    )
    manifest = run_build(load_recipe(recipe), raw_dir=tmp_path / "raw", workers=1)
    (rej,) = read_jsonl(tmp_path / "out" / "rejects" / "convert.jsonl")
    assert rej["reason"] == "schema:invalid_json" and rej["line"] == 4
    spilled = tmp_path / "out" / rej["record"]["spilled_to"]
    assert spilled.read_bytes() == big and rej["record"]["bytes"] == len(big)
    assert rej["record"]["spilled_to"] in manifest["artefacts"]
