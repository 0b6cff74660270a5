"""The dataset card every build writes, read back the way the Hub and `datasets` read it; and `push`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dolphin_data.errors import UserError
from dolphin_data.hub.card import card_header, config_name, size_category
from dolphin_data.hub.push import IGNORE, plan_push, push
from tests.conftest import read_jsonl
from tests.hub_build import CHAT, MATH, build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return build(tmp_path_factory.mktemp("hubcard"))


def header(out: Path) -> dict[str, Any]:
    text = (out / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_card_header_lists_one_config_per_file_licences_and_sources(built):
    out, manifest = built
    meta = header(out)
    assert meta["configs"] == [
        {"config_name": "Orca-Math-mini", "data_files": [{"split": "train", "path": "Orca-Math-mini.jsonl"}]},
        {"config_name": "chat-mini", "data_files": [{"split": "train", "path": "chat-mini.jsonl"}]},
    ]
    # orca-math: MIT from the known upstream table; chat: the recipe's own license: key
    assert meta["license"] == ["cc-by-4.0", "mit"]
    assert meta["source_datasets"] == ["microsoft/orca-math-word-problems-200k", "someone/chat-mini"]
    assert meta["task_categories"] == ["text-generation"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["pretty_name"] == "hub-mini"


def test_card_body_counts_rejects_recipe_and_configs_from_the_manifest(built):
    out, manifest = built
    body = (out / "README.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    sha = manifest["recipe"]["sha256"]
    assert f"sha256 `{sha}`" in body and "recipe `hub-mini.yaml`" in body
    kept = len(MATH) + len(CHAT) - 1
    assert f"{kept:,} conversations kept of {len(MATH) + len(CHAT):,} rows read, 1 rejected" in body
    assert "| `chat-mini` | chat | `someone/chat-mini` | cc-by-4.0 | 5 | 4 | 1 | schema:too_few_turns 1 |" in body
    assert "| `Orca-Math-mini` | math | `microsoft/orca-math-word-problems-200k` | mit | 7 | 7 | 0 |  |" in body
    assert "| `schema:too_few_turns` | 1 |" in body
    assert 'load_dataset("REPO_ID_OR_THIS_FOLDER", "Orca-Math-mini", split="train")' in body
    assert "- `axolotl-train.yaml`: a complete training config for Axolotl <= 0.4 (type: sharegpt)" in body
    # the card is an artefact of the build: listed in the manifest with its hash
    assert "README.md" in manifest["artefacts"]


def test_load_dataset_reads_each_file_by_config_name_offline(built, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out, manifest = built
    for f in manifest["files"]:
        ds = datasets.load_dataset(str(out), config_name(f["output"]), split="train", cache_dir=str(tmp_path / "hf"))
        assert ds.num_rows == f["records_written"]
        assert ds.to_list() == read_jsonl(out / f["output"])
    with pytest.raises(ValueError, match="Orca-Math-mini"):  # no such config: the error lists the real ones
        datasets.load_dataset(str(out), "nope", split="train", cache_dir=str(tmp_path / "hf"))


def test_header_helpers():
    assert config_name("dolphin201-sharegpt2.jsonl") == "dolphin201-sharegpt2"
    assert [size_category(n) for n in (0, 999, 1000, 250_000, 3_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "100K<n<1M",
        "1M<n<10M",
    ]
    manifest = {
        "files": [
            {"output": "a.jsonl", "source": "a", "upstream": {"repo": "/local/folder"}},
            {"output": "a.jsonl", "source": "b", "upstream": {"repo": "org/b"}},
        ],
        "totals": {"records_written": 12},
    }
    meta = card_header(manifest, {"a": "unknown", "b": "unknown"}, "x")
    # two sources sharing a file: one config; a local folder is not a Hub source dataset; one licence: a string
    assert [c["config_name"] for c in meta["configs"]] == ["a"]
    assert meta["source_datasets"] == ["org/b"] and meta["license"] == "unknown"


class FakeApi:
    """Records the calls `push` makes, and what `upload_folder` would upload (fnmatch, as huggingface_hub does)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.uploaded: list[str] = []

    def create_repo(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("create_repo", args, kwargs))

    def create_branch(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(("create_branch", args, kwargs))

    def upload_folder(self, **kwargs: Any) -> str:
        from huggingface_hub.utils import filter_repo_objects

        self.calls.append(("upload_folder", (), kwargs))
        root = Path(kwargs["folder_path"])
        every = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        self.uploaded = sorted(
            filter_repo_objects(
                every, allow_patterns=kwargs["allow_patterns"], ignore_patterns=kwargs["ignore_patterns"]
            )
        )
        return "commit-info"


def test_push_uploads_exactly_the_build_in_one_commit(built, tmp_path):
    import shutil

    out, manifest = built
    folder = tmp_path / "b"
    shutil.copytree(out, folder)  # with .cache/ and timings.json, which must stay home
    assert (folder / ".cache").is_dir() and (folder / "timings.json").is_file()
    plan = plan_push(folder, "me/hub-mini", private=True, revision="v1")
    api = FakeApi()
    assert push(plan, api) == "commit-info"
    want = sorted([*manifest["artefacts"], "manifest.json"])
    assert api.uploaded == want and list(plan.files) == want
    assert "README.md" in want and "axolotl-train.yaml" in want and not any(f.startswith(".cache") for f in want)
    names = [c[0] for c in api.calls]
    assert names == ["create_repo", "create_branch", "upload_folder"]
    assert api.calls[0][1:] == (("me/hub-mini",), {"repo_type": "dataset", "private": True, "exist_ok": True})
    assert api.calls[1][1:] == (("me/hub-mini",), {"branch": "v1", "repo_type": "dataset", "exist_ok": True})
    upload = api.calls[2][2]
    assert {k: upload[k] for k in ("repo_id", "repo_type", "folder_path", "revision", "ignore_patterns")} == {
        "repo_id": "me/hub-mini",
        "repo_type": "dataset",
        "folder_path": str(folder),
        "revision": "v1",
        "ignore_patterns": IGNORE,
    }
    assert (
        upload["commit_message"]
        == f"dolphin-data build of hub-mini (recipe sha256 {manifest['recipe']['sha256'][:12]})"
    )


def test_push_refuses_a_changed_build_and_a_bad_repo_id(built, tmp_path):
    import shutil

    out, _ = built
    folder = tmp_path / "b"
    shutil.copytree(out, folder)
    with pytest.raises(UserError, match="owner/name"):
        plan_push(folder, "just-a-name")
    (folder / "stray.jsonl").write_text("{}\n")
    with pytest.raises(UserError, match="stray.jsonl: not part of the build"):
        plan_push(folder, "me/x")
    (folder / "stray.jsonl").unlink()
    (folder / "chat-mini.jsonl").write_text("changed\n")
    with pytest.raises(UserError, match="chat-mini.jsonl: missing or changed"):
        plan_push(folder, "me/x")


def test_push_command_dry_run_lists_the_files(built, cli):
    out, manifest = built
    res = cli("push", out, "me/hub-mini", "--dry-run")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == sorted([*manifest["artefacts"], "manifest.json"])


def test_push_failure_is_one_line(built, monkeypatch, cli):
    out, _ = built

    class Broken(FakeApi):
        def create_repo(self, *args: Any, **kwargs: Any) -> None:
            raise ConnectionError("no route to host")

    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", Broken)
    res = cli("push", out, "me/hub-mini")
    assert res.exit_code == 1
    assert "me/hub-mini: upload failed (ConnectionError: no route to host); check the network" in res.output
