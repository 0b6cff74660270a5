"""Containment: raw files resolve inside the raw folder (symlinks out of it refused unless asked), and ``pull``
writes only under raw/<folder>/ and copies a local folder only when given as file://."""

from __future__ import annotations

import os

import pytest

from dolphin_data.errors import InputError, UserError
from dolphin_data.pull import pull_source
from dolphin_data.recipe import SourceSpec, Upstream
from dolphin_data.sources import resolve_raw_files


def spec(files=("*",), raw="src", repo="", up_files=()):
    return SourceSpec("src", "src.jsonl", "orca_math", Upstream(repo, files=tuple(up_files)), tuple(files), (), "", raw)


def names(paths, base):
    return [p.relative_to(base).as_posix() for p in paths]


def test_resolves_files_in_order_skipping_hidden_and_manifests(tmp_path):
    base = tmp_path / "raw" / "src"
    (base / "sub").mkdir(parents=True)
    (base / ".cache" / "x").mkdir(parents=True)
    for f in ("b.jsonl", "a.jsonl", "PULL.src.json", ".hidden.jsonl", "sub/c.jsonl", ".cache/x/d.jsonl"):
        (base / f).write_text("{}\n")
    (base / "ds.parquet").mkdir()  # a partitioned dataset is one input
    got = resolve_raw_files(spec(["*.jsonl", "**/*.jsonl", "*.parquet"]), tmp_path / "raw")
    assert names(got, base) == ["a.jsonl", "b.jsonl", "sub/c.jsonl", "ds.parquet"]


def test_symlink_leaving_raw_is_refused_unless_followed(tmp_path):
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text("{}\n")
    base = tmp_path / "raw" / "src"
    base.mkdir(parents=True)
    (base / "in.jsonl").write_text("{}\n")
    os.symlink(base / "in.jsonl", base / "alias.jsonl")  # inside raw: fine
    assert names(resolve_raw_files(spec(), tmp_path / "raw"), base) == ["alias.jsonl", "in.jsonl"]
    os.symlink(outside, base / "out.jsonl")
    with pytest.raises(
        InputError, match=r"out.jsonl: leads to .*elsewhere.jsonl, outside the raw folder .*--follow-symlinks"
    ):
        resolve_raw_files(spec(), tmp_path / "raw")
    got = resolve_raw_files(spec(), tmp_path / "raw", follow_symlinks=True)
    assert names(got, base) == ["alias.jsonl", "in.jsonl", "out.jsonl"]


def test_symlinked_source_folder_leaving_raw_is_refused(tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.jsonl").write_text("{}\n")
    (tmp_path / "raw").mkdir()
    os.symlink(tmp_path / "other", tmp_path / "raw" / "src")
    with pytest.raises(InputError, match="outside the raw folder"):
        resolve_raw_files(spec(), tmp_path / "raw")


@pytest.mark.parametrize(
    ("files", "raw", "message"),
    [
        (["../../etc/*"], "src", "contains '..'"),
        (["/etc/passwd"], "src", "is absolute"),
        (["*"], "../x", "contains '..'"),
    ],
)
def test_patterns_outside_raw_are_user_errors(tmp_path, files, raw, message):
    with pytest.raises(UserError, match=message):
        resolve_raw_files(spec(files, raw), tmp_path / "raw")


def test_folders_are_named_not_skipped_silently(tmp_path):
    base = tmp_path / "raw" / "src"
    (base / "data").mkdir(parents=True)
    with pytest.raises(InputError, match="data: is a folder, expected a file; name the files inside it"):
        resolve_raw_files(spec(["data"]), tmp_path / "raw")
    with pytest.raises(UserError, match=r"no raw files for source 'src' matching \['\*'\] \(folders skipped: data\)"):
        resolve_raw_files(spec(["*"]), tmp_path / "raw")


def test_pull_copies_a_local_folder_only_as_file_url(tmp_path, monkeypatch):
    monkeypatch.delenv("DOLPHIN_DATA_HUB", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.jsonl").write_text("{}\n")
    raw = tmp_path / "raw"
    res = pull_source(spec(raw="src", repo=f"file://{repo}", up_files=["*.jsonl"]), raw)
    assert res["status"] == "pulled" and (raw / "src" / "a.jsonl").read_text() == "{}\n"
    with pytest.raises(
        UserError, match="is not a dataset id like 'owner/name'; a local folder must be given explicitly"
    ):
        pull_source(spec(raw="src2", repo=str(repo), up_files=["*.jsonl"]), raw)
    assert not (raw / "src2").exists()


def test_pull_never_writes_outside_raw(tmp_path, monkeypatch):
    monkeypatch.delenv("DOLPHIN_DATA_HUB", raising=False)
    repo = tmp_path / "repo"
    (repo / "d").mkdir(parents=True)
    secret = tmp_path / "secret.jsonl"
    secret.write_text("{}\n")
    os.symlink(secret, repo / "d" / "link.jsonl")
    raw = tmp_path / "raw"
    with pytest.raises(UserError, match="contains '..'"):
        pull_source(spec(raw="src", repo=f"file://{repo}", up_files=["../*.jsonl"]), raw)
    with pytest.raises(UserError, match="contains '..'"):
        pull_source(spec(raw="../out", repo=f"file://{repo}", up_files=["*.jsonl"]), raw)
    with pytest.raises(UserError, match="link.jsonl: leads to .*secret.jsonl, outside the repo folder"):
        pull_source(spec(raw="src", repo=f"file://{repo}", up_files=["d/*.jsonl"]), raw)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "repo", "secret.jsonl"]
    assert not list((raw / "src").rglob("*.jsonl"))


def test_broken_symlink_is_named(tmp_path):
    base = tmp_path / "raw" / "src"
    base.mkdir(parents=True)
    os.symlink(base / "missing.jsonl", base / "dangling.jsonl")
    with pytest.raises(InputError, match="dangling.jsonl: a broken symlink"):
        resolve_raw_files(spec(), tmp_path / "raw")
