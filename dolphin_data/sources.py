"""Where a source's raw files are, kept inside the raw folder: name and path checks shared by the recipe loader,
``pull`` and the build.

- names (recipe, source) are snake_case-like words: they become file names, never paths;
- ``raw:``, ``files:`` and ``upstream.files`` are relative paths or glob patterns without ``..``;
- resolved raw files must stay inside the raw folder: a symlink leading out of it is refused unless
  ``follow_symlinks`` (the CLI's ``--follow-symlinks``).
"""

from __future__ import annotations

import difflib
import glob as globlib
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from dolphin_data.errors import InputError, UserError

if TYPE_CHECKING:
    from dolphin_data.recipe import SourceSpec

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
HUB_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?")
LOCAL_REPO_PREFIX = "file://"


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a source or recipe name (it names files), or None."""
    if not NAME.fullmatch(name) or ".." in name:
        return (
            f"{name!r} is not a valid name: use letters, digits, '_', '-' or '.' (no '/', no '..', "
            f"at most 128 characters), e.g. 'orca_math'"
        )
    return None


def path_problem(value: str) -> str | None:
    """Why ``value`` cannot be a relative path or glob pattern under a folder of ours, or None."""
    if not value or value.strip() != value:
        return f"{value!r} is empty or starts/ends with spaces"
    if "\x00" in value or "\\" in value:
        return f"{value!r} contains a NUL byte or a backslash; use '/' between folders"
    p = PurePosixPath(value)
    if p.is_absolute() or value.startswith("~"):
        return f"{value!r} is absolute; give a path relative to the raw folder"
    if ".." in p.parts:
        return f"{value!r} contains '..'; it must stay inside the raw folder"
    return None


def repo_problem(repo: str) -> str | None:
    """Why ``repo`` is neither a hub dataset id (``owner/name``) nor an explicit ``file://`` folder, or None."""
    if repo == "" or repo.startswith(LOCAL_REPO_PREFIX):
        return None
    if not HUB_REPO.fullmatch(repo) or ".." in repo:
        return (
            f"{repo!r} is not a dataset id like 'owner/name'; a local folder must be given explicitly as "
            f"'file:///path/to/folder'"
        )
    return None


def _inside(p: Path, root: Path) -> bool:
    return p == root or p.is_relative_to(root)


def resolve_raw_files(spec: SourceSpec, raw_dir: Path, follow_symlinks: bool = False) -> list[Path]:
    """The source's raw files: ``spec.files`` patterns under ``raw_dir/spec.raw_dir``, in pattern order then
    sorted, without hidden files or ``PULL.*`` manifests. A folder named ``*.parquet`` is a dataset (one input);
    other folders are skipped by glob patterns and refused when a pattern names one literally. Anything that
    resolves outside ``raw_dir`` (through a symlink) is refused unless ``follow_symlinks``."""
    raw_dir = Path(raw_dir)
    for value in (spec.raw_dir, *spec.files):
        problem = path_problem(value)
        if problem:
            raise UserError(f"source {spec.name!r}: {problem}")
    base = raw_dir / spec.raw_dir
    try:
        root = raw_dir.resolve()
        found: list[Path] = []
        folders: list[Path] = []
        for pattern in spec.files:
            for p in sorted(base.glob(pattern)):
                rel = p.relative_to(base)
                if p in found or p.name.startswith("PULL.") or any(s.startswith(".") for s in rel.parts):
                    continue
                real = p.resolve()
                if not follow_symlinks and not _inside(real, root):
                    raise InputError(
                        f"{p}: leads to {real}, outside the raw folder {raw_dir} (a symlink); copy the file into "
                        f"{base} or pass --follow-symlinks to read it where it is"
                    )
                if p.is_dir() and not p.name.lower().endswith(".parquet"):
                    if not globlib.has_magic(pattern):
                        raise InputError(
                            f"{p}: is a folder, expected a file; name the files inside it "
                            f"(e.g. '{pattern.rstrip('/')}/*.jsonl') in the source's files:"
                        )
                    folders.append(p)
                    continue
                if not p.exists():
                    raise InputError(f"{p}: a broken symlink (its target {real} does not exist); fix or remove it")
                found.append(p)
    except OSError as e:
        raise InputError(f"{base}: cannot list raw files: {e.strerror or e}; check the folder's permissions") from None
    if not found:
        skipped = f" (folders skipped: {', '.join(f.name for f in folders[:5])})" if folders else ""
        if not base.is_dir() and raw_dir.is_dir():
            close = difflib.get_close_matches(spec.raw_dir, [p.name for p in raw_dir.iterdir() if p.is_dir()], n=1)
            skipped += f" (did you mean raw folder {close[0]!r}?)" if close else ""
        raise UserError(
            f"{base}: no raw files for source {spec.name!r} matching {list(spec.files)}{skipped}; "
            f"run `dolphin-data pull RECIPE --only {spec.name}` (needs network) or put the files there"
        )
    return found
