"""Pull: fetch each source's upstream files at its pinned revision into ``raw/<source>/``.

Two paths, both writing ``raw/<folder>/PULL.<source>.json`` (repo, revision, sha256 of every file):
- ``upstream.files`` (glob patterns): the files themselves, via ``huggingface_hub.snapshot_download``
  (resumable; files already there are skipped);
- ``upstream.config`` / ``split``: ``datasets.load_dataset`` then one Parquet file per split.

``repo`` may also be a local folder laid out like a hub dataset, given explicitly as ``file:///path`` (a plain
path is never copied), or be found under ``$DOLPHIN_DATA_HUB/<repo>`` (a mirror): that is how tests exercise this
module without network. Nothing is written outside ``raw/<folder>/``: patterns are relative without ``..``, and a
file of a local repo that leads outside it (a symlink) is refused.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.errors import UserError
from dolphin_data.io import sha256_file
from dolphin_data.io.base import one_line
from dolphin_data.recipe import Recipe, SourceSpec
from dolphin_data.sources import LOCAL_REPO_PREFIX, name_problem, path_problem, repo_problem

HUB_MIRROR_ENV = "DOLPHIN_DATA_HUB"


def pull_manifest(dest: Path, source: str) -> Path:
    return dest / f"PULL.{source}.json"


def local_repo(repo: str) -> Path | None:
    """The local folder for ``file:///path`` or for ``repo`` under the ``$DOLPHIN_DATA_HUB`` mirror, else None."""
    if repo.startswith(LOCAL_REPO_PREFIX):
        path = Path(repo[len(LOCAL_REPO_PREFIX) :])
        if not path.is_dir():
            raise UserError(f"{repo}: no such folder; give an existing folder as file:///absolute/path")
        return path
    problem = repo_problem(repo)
    if problem:
        raise UserError(f"upstream.repo {problem}")
    mirror = os.environ.get(HUB_MIRROR_ENV)
    if mirror and repo and (Path(mirror) / repo).is_dir():
        return Path(mirror) / repo
    return None


def _up_to_date(dest: Path, source: str) -> bool:
    manifest = pull_manifest(dest, source)
    if not manifest.exists():
        return False
    entries = orjson.loads(manifest.read_bytes()).get("files", [])
    return bool(entries) and all(
        (dest / e["path"]).exists() and (dest / e["path"]).stat().st_size == e["bytes"] for e in entries
    )


def _copy_local(src: Path, patterns: tuple[str, ...], dest: Path) -> list[Path]:
    copied = []
    root = src.resolve()
    for pattern in patterns:
        for p in sorted(src.glob(pattern)):
            if not p.is_file():
                continue
            real = p.resolve()
            if not real.is_relative_to(root):
                raise UserError(f"{p}: leads to {real}, outside the repo folder {src} (a symlink); not copied")
            target = dest / p.relative_to(src)
            if not (
                target.exists() and target.stat().st_size == p.stat().st_size and sha256_file(target) == sha256_file(p)
            ):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, target)
            copied.append(target)
    return copied


def is_pinned(revision: str) -> bool:
    return len(revision) == 40 and all(ch in "0123456789abcdef" for ch in revision)


def _download(spec: SourceSpec, dest: Path) -> str:
    """Fetch the files; returns the commit sha the revision resolved to."""
    try:
        from huggingface_hub import HfApi, snapshot_download
    except ImportError:
        raise UserError("pull needs huggingface_hub: pip install huggingface_hub") from None
    try:
        commit = HfApi().dataset_info(spec.upstream.repo, revision=spec.upstream.revision).sha or spec.upstream.revision
        snapshot_download(
            repo_id=spec.upstream.repo,
            repo_type="dataset",
            revision=commit,
            allow_patterns=list(spec.upstream.files),
            local_dir=dest,
        )
    except Exception as e:  # network, auth, missing revision: all end the pull of this source
        raise UserError(
            f"{spec.name}: could not fetch {spec.upstream.repo}@{spec.upstream.revision} ({type(e).__name__}: {one_line(e)}); "
            f"check the network and the recipe's upstream.revision - the build still runs on the samples in raw/"
        ) from None
    return commit


def _load_split(spec: SourceSpec, dest: Path, local: Path | None) -> list[Path]:
    import datasets

    split = spec.upstream.split or "train"
    try:
        ds = datasets.load_dataset(
            str(local) if local else spec.upstream.repo,
            name=spec.upstream.config,
            split=split,
            revision=None if local else spec.upstream.revision,
        )
    except Exception as e:
        raise UserError(
            f"{spec.name}: datasets could not load {spec.upstream.repo} (config={spec.upstream.config}, split={split}): {one_line(e)}"
        ) from None
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / f"{split}.parquet"
    ds.to_parquet(str(target))
    return [target]


def _check_paths(spec: SourceSpec) -> None:
    for value in (spec.raw_dir, *spec.upstream.files, *([spec.upstream.split] if spec.upstream.split else [])):
        problem = path_problem(value)
        if problem:
            raise UserError(f"source {spec.name!r}: {problem}")
    problem = name_problem(spec.name)
    if problem:
        raise UserError(f"source {problem}")


def pull_source(spec: SourceSpec, raw_dir: Path, force: bool = False) -> dict[str, Any]:
    _check_paths(spec)
    dest = raw_dir / spec.raw_dir
    if not force and _up_to_date(dest, spec.name):
        return {"source": spec.name, "status": "up to date"}
    local = local_repo(spec.upstream.repo)
    dest.mkdir(parents=True, exist_ok=True)
    resolved = spec.upstream.revision
    if spec.upstream.files:
        if local is not None:
            _copy_local(local, spec.upstream.files, dest)
        else:
            resolved = _download(spec, dest)
        files = sorted({p for pat in spec.upstream.files for p in dest.glob(pat) if p.is_file()})
    else:
        files = _load_split(spec, dest, local)
    if not files:
        raise UserError(f"{spec.name}: {spec.upstream.repo} has no files matching {list(spec.upstream.files)}")
    entries = [{"path": str(p.relative_to(dest)), "bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in files]
    manifest = {
        "repo": spec.upstream.repo,
        "revision": spec.upstream.revision,
        "resolved_revision": resolved,
        "files": entries,
    }
    pull_manifest(dest, spec.name).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
    status = "pulled"
    if local is None and not is_pinned(spec.upstream.revision):
        status += f" (unpinned {spec.upstream.revision!r} = {resolved}: pin it in the recipe)"
    return {"source": spec.name, "status": status, "files": len(entries)}


def pull(
    recipe: Recipe, raw_dir: str | Path = "raw", only: str | None = None, force: bool = False
) -> list[dict[str, Any]]:
    """Fetch the recipe's sources (or ``only`` one) into ``raw_dir``, holding its lock (a second pull or build into
    the same folder is told who holds it)."""
    from dolphin_data.engine.publish import locked

    specs = [recipe.source(only)] if only else list(recipe.sources)
    raw_dir = Path(raw_dir)
    with locked(raw_dir, f"dolphin-data pull {recipe.name}", clean=False):
        return [pull_source(s, raw_dir, force) for s in specs]
