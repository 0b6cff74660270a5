"""Pull without network: a local folder laid out like a hub dataset stands in for the hub."""

from __future__ import annotations

import json

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from dolphin_data.pull import pull
from dolphin_data.recipe import load_recipe

RECIPE = """\
name: pulltest
sources:
  - name: flan
    output: flan.jsonl
    converter: dolphin_flan
    upstream: {repo: org/flan, revision: abc123, files: ["*.jsonl"]}
  - name: chat
    output: chat.jsonl
    converter: ultrachat
    upstream: {repo: org/chat, config: default, split: train}
"""


def make_hub(root):
    hub = root / "hub"
    (hub / "org" / "flan").mkdir(parents=True)
    (hub / "org" / "flan" / "flan1m.jsonl").write_text(
        json.dumps({"instruction": "s", "input": "q", "output": "a"}) + "\n"
    )
    (hub / "org" / "flan" / "README.md").write_text("not data\n")
    data = hub / "org" / "chat" / "data"
    data.mkdir(parents=True)
    rows = [
        {
            "prompt": "hi",
            "prompt_id": "p1",
            "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}],
        }
    ]
    pq.write_table(pa.Table.from_pylist(rows), data / "train-00000-of-00001.parquet")
    return hub


def test_pull_from_local_hub_layout_then_skip(tmp_path, monkeypatch):
    monkeypatch.setenv("DOLPHIN_DATA_HUB", str(make_hub(tmp_path)))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    (tmp_path / "r.yaml").write_text(RECIPE)
    recipe = load_recipe(tmp_path / "r.yaml")
    raw = tmp_path / "raw"

    first = pull(recipe, raw)
    assert [r["status"] for r in first] == ["pulled", "pulled"]
    assert (raw / "flan" / "flan1m.jsonl").exists() and not (raw / "flan" / "README.md").exists()
    manifest = orjson.loads((raw / "flan" / "PULL.flan.json").read_bytes())
    assert manifest["repo"] == "org/flan" and manifest["revision"] == "abc123"
    assert [f["path"] for f in manifest["files"]] == ["flan1m.jsonl"] and len(manifest["files"][0]["sha256"]) == 64
    table = pq.read_table(raw / "chat" / "train.parquet")
    assert table.column("prompt_id").to_pylist() == ["p1"]

    again = pull(recipe, raw)
    assert [r["status"] for r in again] == ["up to date", "up to date"]
    (raw / "flan" / "flan1m.jsonl").write_text("truncated")  # a damaged file is fetched again
    assert pull(recipe, raw, only="flan")[0]["status"] == "pulled"
    assert (raw / "flan" / "flan1m.jsonl").read_text().startswith('{"instruction"')


def test_pull_refuses_a_raw_folder_another_run_holds(tmp_path):
    import fcntl

    from dolphin_data.errors import UserError
    from dolphin_data.pull import pull
    from dolphin_data.recipe import load_recipe
    from tests.conftest import REPO

    raw = tmp_path / "raw"
    raw.mkdir()
    lock = tmp_path / ".raw.lock"
    with open(lock, "w") as fh:
        fh.write("pid 999 on elsewhere (dolphin-data pull, since 10:00:00)")
        fh.flush()
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        other = open(lock, "a+")  # the same lock, taken as a second process would  # noqa: SIM115
        try:
            import pytest

            with pytest.raises(UserError, match=r"raw: in use by pid 999 on elsewhere \(dolphin-data pull"):
                pull(load_recipe(REPO / "recipes" / "2.9.yaml"), raw, only="orca_math")
        finally:
            other.close()
