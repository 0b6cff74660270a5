"""Hugging Face inputs: save_to_disk folders (Dataset, DatasetDict), Hub-style Parquet folders, a Hub id (through a
local fake of snapshot_download), and datasets objects in the Python API; through convert, inspect and a recipe."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dolphin_data.errors import InputError, UserError
from dolphin_data.hub.inputs import HUB_PATTERNS, is_hub_id, resolve_input
from dolphin_data.io import iter_rows
from tests.conftest import read_jsonl

datasets = pytest.importorskip("datasets")

MATH = [{"question": f"What is {i} times 3?", "answer": f"{i} x 3 = {3 * i}."} for i in range(1, 6)]
TEST = [{"question": "What is 10 minus 4?", "answer": "10 - 4 = 6."}, {"question": "Broken", "answer": None}]
CHAT = [
    {"conversations": [{"from": "human", "value": f"Hi {i}"}, {"from": "gpt", "value": f"Hello {i}."}]}
    for i in range(3)
]


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets.disable_progress_bars()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A DatasetDict saved with save_to_disk: train (5 rows, two Arrow shards) and test (2 rows)."""
    dd = datasets.DatasetDict(train=datasets.Dataset.from_list(MATH), test=datasets.Dataset.from_list(TEST))
    dd["train"].save_to_disk(str(tmp_path / "tmp_train"), num_shards=2)
    dd.save_to_disk(str(tmp_path / "math_saved"))
    shutil.rmtree(tmp_path / "math_saved" / "train")
    shutil.copytree(tmp_path / "tmp_train", tmp_path / "math_saved" / "train")
    return tmp_path / "math_saved"


@pytest.fixture
def parquet_folder(tmp_path: Path) -> Path:
    """A folder laid out as on the Hub: data/train-*.parquet and data/test-*.parquet, plus a README."""
    root = tmp_path / "math_hub"
    (root / "data").mkdir(parents=True)
    datasets.Dataset.from_list(MATH[:3]).to_parquet(str(root / "data" / "train-00000-of-00002.parquet"))
    datasets.Dataset.from_list(MATH[3:]).to_parquet(str(root / "data" / "train-00001-of-00002.parquet"))
    datasets.Dataset.from_list(TEST).to_parquet(str(root / "data" / "test-00000-of-00001.parquet"))
    (root / "README.md").write_text("# math\n")
    return root


def answers(path: Path) -> list[str]:
    return [r["conversations"][-1]["value"] for r in read_jsonl(path)]


def test_arrow_files_of_save_to_disk_read_as_rows(saved):
    files = resolve_input(saved).files
    assert [f.relative_to(saved).as_posix() for f in files] == [
        "train/data-00000-of-00002.arrow",
        "train/data-00001-of-00002.arrow",
    ]
    rows = [(Path(r.file).name, r.line, r.row) for f in files for r in iter_rows(f)]
    assert [row for _, _, row in rows] == MATH  # in order, every row, as saved
    assert [(name, line) for name, line, _ in rows] == [
        ("data-00000-of-00002.arrow", 1),
        ("data-00000-of-00002.arrow", 2),
        ("data-00000-of-00002.arrow", 3),
        ("data-00001-of-00002.arrow", 1),
        ("data-00001-of-00002.arrow", 2),
    ]


def test_convert_a_save_to_disk_folder_by_split(saved, tmp_path, cli):
    res = cli("convert", saved, "--from", "orca_math", "--out", tmp_path / "train.jsonl")
    assert res.exit_code == 0, res.output
    assert "save_to_disk folder, split train, 2 file(s)" in res.output
    assert answers(tmp_path / "train.jsonl") == [r["answer"] for r in MATH]
    assert [r["id"] for r in read_jsonl(tmp_path / "train.jsonl")][:2] == ["math_saved:1", "math_saved:2"]

    res = cli("convert", saved, "--from", "orca_math", "--split", "test", "--out", tmp_path / "test.jsonl", "-q")
    assert res.exit_code == 0, res.output
    assert answers(tmp_path / "test.jsonl") == ["10 - 4 = 6."]
    rejects = read_jsonl(tmp_path / "test.rejects.jsonl")
    assert [(r["reason"], r["file"], r["line"]) for r in rejects] == [
        ("schema:null_value", "math_saved/test/data-00000-of-00001.arrow", 2)
    ]

    res = cli("convert", saved, "--from", "orca_math", "--split", "validation", "--out", tmp_path / "v.jsonl")
    assert res.exit_code == 1 and "no split 'validation'; splits: train, test" in res.output


def test_a_save_to_disk_dataset_and_inspect(tmp_path, cli):
    datasets.Dataset.from_list(CHAT).save_to_disk(str(tmp_path / "chat_saved"))
    from dolphin_data.inspect import inspect_file

    summary = inspect_file(tmp_path / "chat_saved")["summary"]
    assert (summary["shape"], summary["records"], summary["valid conversations"], summary["human turns"]) == (
        "sharegpt",
        3,
        3,
        3,
    )
    res = cli("inspect", tmp_path / "chat_saved")
    assert res.exit_code == 0 and "valid conversations" in res.output, res.output


def test_a_hub_style_parquet_folder(parquet_folder, tmp_path, cli):
    res = cli("convert", parquet_folder, "--from", "auto", "--out", tmp_path / "o.jsonl")
    assert res.exit_code == 0, res.output
    assert "data folder, split train, 2 file(s)" in res.output and "orca_math" in res.output
    assert answers(tmp_path / "o.jsonl") == [r["answer"] for r in MATH]  # the test split is not mixed in
    res = cli("convert", parquet_folder, "--from", "orca_math", "--split", "test", "--out", tmp_path / "t.jsonl", "-q")
    assert res.exit_code == 0 and answers(tmp_path / "t.jsonl") == ["10 - 4 = 6."]


def test_a_folder_without_data_is_one_line(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    with pytest.raises(InputError, match="notes.csv: unsupported file type"):
        resolve_input(tmp_path / "empty")
    res = cli("convert", tmp_path / "nope.jsonl", "--from", "orca_math", "--out", tmp_path / "o.jsonl")
    assert res.exit_code == 1 and "nope.jsonl: no such file" in res.output


def test_hub_id_downloads_into_the_named_folder(parquet_folder, tmp_path, monkeypatch, cli):
    import huggingface_hub

    calls: list[dict[str, Any]] = []

    def fake_snapshot_download(**kwargs: Any) -> str:  # the Hub, played by a local folder
        calls.append(kwargs)
        shutil.copytree(parquet_folder, kwargs["local_dir"], dirs_exist_ok=True)
        return str(kwargs["local_dir"])

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    raw = tmp_path / "raw"
    res = cli(
        "convert",
        "microsoft/orca-math-word-problems-200k@abc123",
        "--from",
        "orca_math",
        "--raw",
        raw,
        "--out",
        tmp_path / "o.jsonl",
    )
    assert res.exit_code == 0, res.output
    assert calls == [
        {
            "repo_id": "microsoft/orca-math-word-problems-200k",
            "repo_type": "dataset",
            "revision": "abc123",
            "local_dir": raw / "microsoft" / "orca-math-word-problems-200k",
            "allow_patterns": HUB_PATTERNS,
        }
    ]
    assert answers(tmp_path / "o.jsonl") == [r["answer"] for r in MATH]
    ids = [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")]
    assert ids[0] == "orca-math-word-problems-200k:1"

    def offline_hub(**kwargs: Any) -> str:
        raise ConnectionError("offline")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline_hub)
    res = cli("inspect", "someone/missing", "--raw", raw)
    assert res.exit_code == 1
    assert "someone/missing: could not fetch from the Hugging Face Hub (ConnectionError: offline)" in res.output


def test_what_looks_like_a_hub_id(tmp_path):
    assert is_hub_id("org/name") and is_hub_id("org/name@v1.0") and is_hub_id("HuggingFaceH4/ultrachat_200k")
    assert not is_hub_id("data/train.jsonl") and not is_hub_id("a/b/c") and not is_hub_id("name")
    (tmp_path / "org").mkdir()
    assert not is_hub_id(str(tmp_path / "org"))


def test_python_api_datasets_objects(tmp_path):
    from dolphin_data.hub.api import convert_dataset, inspect_dataset

    dd = datasets.DatasetDict(train=datasets.Dataset.from_list(MATH), test=datasets.Dataset.from_list(TEST))
    manifest = convert_dataset(dd, "orca_math", tmp_path / "o.jsonl", source="mymath")
    assert answers(tmp_path / "o.jsonl") == [r["answer"] for r in MATH]
    assert manifest["totals"] == {"rows_read": 5, "records_written": 5, "rows_rejected": 0}
    manifest = convert_dataset(dd, "orca_math", tmp_path / "t.jsonl", split="test", source="mymath")
    assert manifest["totals"] == {"rows_read": 2, "records_written": 1, "rows_rejected": 1}
    stats = inspect_dataset(datasets.Dataset.from_list(CHAT).select([0, 2]))  # an indices mapping, flattened
    assert stats["summary"]["valid conversations"] == 2 and stats["summary"]["gpt turns"] == 2
    with pytest.raises(UserError, match="expected a datasets.Dataset or DatasetDict, got list"):
        convert_dataset([1, 2], "orca_math", tmp_path / "x.jsonl")


RECIPE = """\
name: hf-inputs
output: {{dir: out, format: sharegpt}}
sources:
  - name: saved
    output: saved.jsonl
    converter: orca_math
    upstream: {{repo: someone/saved{split}}}
    floor: {{max_rejected: 1.0}}
  - name: hubfolder
    output: hubfolder.jsonl
    converter: orca_math
    upstream: {{repo: someone/hubfolder}}
"""


@pytest.mark.parametrize("split", [None, "test"])
def test_recipe_sources_read_save_to_disk_and_hub_folders(saved, parquet_folder, tmp_path, split):
    from dolphin_data.engine.run import build_recipe
    from dolphin_data.recipe import load_recipe

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copytree(saved, raw / "saved")
    shutil.copytree(parquet_folder, raw / "hubfolder")
    path = tmp_path / "r.yaml"
    path.write_text(RECIPE.format(split=f", split: {split}" if split else ""))
    manifest = build_recipe(load_recipe(path), tmp_path / "out", raw, workers=1)
    files = {f["source"]: f for f in manifest["files"]}
    want = ["10 - 4 = 6."] if split else [r["answer"] for r in MATH]
    assert answers(tmp_path / "out" / "saved.jsonl") == want
    assert [r["path"] for r in files["saved"]["raw_files"]] == (
        ["saved/test/data-00000-of-00001.arrow"]
        if split
        else ["saved/train/data-00000-of-00002.arrow", "saved/train/data-00001-of-00002.arrow"]
    )
    assert [r["path"] for r in files["hubfolder"]["raw_files"]] == [
        "hubfolder/data/train-00000-of-00002.parquet",
        "hubfolder/data/train-00001-of-00002.parquet",
    ]
    assert answers(tmp_path / "out" / "hubfolder.jsonl") == [r["answer"] for r in MATH]


def test_a_folder_with_a_dataset_card_reads_its_config(tmp_path):
    import json

    folder = tmp_path / "carded"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "chat.jsonl").write_text("".join(json.dumps(r) + "\n" for r in CHAT))
    (folder / "data" / "other.jsonl").write_text(json.dumps(CHAT[0]) + "\n")  # not in the card's config
    (folder / "README.md").write_text(
        "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n"
        "    path: data/chat.jsonl\n---\n# chat\n"
    )
    assert [f.name for f in resolve_input(folder).files] == ["chat.jsonl"]


def test_a_build_folder_is_not_one_input(tmp_path):
    from tests.hub_build import build

    out, _ = build(tmp_path / "b")
    with pytest.raises(
        UserError,
        match=r"b/out: its dataset card declares 2 configs \(Orca-Math-mini, chat-mini\); "
        "name one config's file instead",
    ):
        resolve_input(out)
