"""Content-keyed task results: a build redoes only what a change affects, and resumes after a crash.

Every task (one segment of one source on one shard) has a key: a hash of the code version, what the segment runs
(stage names and resolved parameters), and its input: the raw file's fingerprint and byte range for the first
segment, the previous segment's key and the barrier verdicts it applies for the others. A task writes into the
folder named by its key and commits by writing ``result.pkl`` last, so a finished task survives kill -9 and the next
build picks it up; a folder without it is redone. Barrier decisions and assembled output files are keyed the same
way (by the keys they are made of), so a rebuild with nothing changed only links files into place.

The store lives in ``<out>/.cache`` (``--no-cache`` or a stage command: a scratch folder inside the run's staging
folder, never looked up). ``prune`` keeps it under a size limit, oldest entries first; ``dolphin-data cache clean``
removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.engine.worker import TaskResult, load_result

TASKS, DECISIONS, FILES = "tasks", "decisions", "files"


@cache
def code_version() -> str:
    """A hash of the package's own code and bundled models: any change to either invalidates every key."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".py", ".txt", ".ftz", ".jsonl", ".json")
            and "__pycache__" not in path.parts
        ):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def key_of(*parts: Any) -> str:
    h = hashlib.sha256(code_version().encode())
    for p in parts:
        h.update(b"\0")
        h.update(p if isinstance(p, bytes) else orjson.dumps(p, option=orjson.OPT_SORT_KEYS, default=repr))
    return h.hexdigest()[:40]


def digest(obj: Any) -> str:
    """A stable hash of a picklable value (barrier sketches and verdicts): same content, same hash. A value whose
    pickle also says where its bulky part lives (dedup's sketch names its shard's spill file) hashes what
    ``digest_content()`` returns instead."""
    content = getattr(obj, "digest_content", None)
    return hashlib.sha256(pickle.dumps(content() if callable(content) else obj, protocol=4)).hexdigest()


def fingerprint(path: str) -> list[Any]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class Store:
    """Task folders, decisions and assembled files under ``root``; ``lookups`` False: write only, never reuse."""

    def __init__(self, root: Path, lookups: bool = True):
        self.root = root
        self.lookups = lookups
        self.used: set[Path] = set()
        self.hits = 0
        self.misses = 0

    def folder(self, key: str) -> Path:
        path = self.root / TASKS / key[:2] / key
        self.used.add(path)
        return path

    def result(self, key: str) -> TaskResult | None:
        if not self.lookups:
            return None
        folder = self.folder(key)
        res = load_result(folder)
        if res is not None:
            _touch(folder)
        return res

    def get(self, kind: str, key: str) -> Any:
        if not self.lookups:
            return None
        path = self.root / kind / f"{key}.pkl"
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        self.used.add(path)
        _touch(path)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self.root / kind / f"{key}.pkl"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        self.used.add(path)

    def file(self, key: str) -> tuple[Path, str, int] | None:
        """An assembled file (output or rejects) by the key of its parts: (path, sha256, bytes)."""
        meta = self.get(FILES, key)
        path = self.root / FILES / key
        if meta is None or not path.exists() or fingerprint(str(path))[:2] != meta[2]:
            return None  # missing, or changed since (an output file edited in place shares its inode with this one)
        self.used.add(path)
        return path, meta[0], meta[1]

    def keep_file(self, key: str, built: Path, sha: str, size: int) -> None:
        """Remember an assembled file (a hard link, so no copy) for the next build."""
        path = self.root / FILES / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        link_or_copy(built, path)
        self.put(FILES, key, (sha, size, fingerprint(str(path))[:2]))
        self.used.add(path)

    def sha256(self, path: str) -> str:
        """sha256 of an input file, remembered by (size, mtime, inode) so unchanged raw files are not read again."""
        from dolphin_data.io import sha256_file

        key = key_of("sha256", str(Path(path).resolve()), fingerprint(path))
        known = self.get("sha256", key)
        if known is not None:
            return str(known)
        sha = sha256_file(path)
        if self.lookups:
            self.put("sha256", key, sha)
        return sha

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file()) if self.root.exists() else 0

    def prune(self, limit: int) -> int:
        """Remove the oldest entries not used by this run until the store is under ``limit`` bytes; returns bytes freed."""
        if not self.root.exists():
            return 0
        entries: list[tuple[float, int, Path]] = []
        for kind in (TASKS, DECISIONS, FILES, "sha256", "shards"):
            base = self.root / kind
            if not base.exists():
                continue
            items: Iterable[Path] = base.glob("*/*") if kind == TASKS else base.iterdir()
            for p in items:
                size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
                entries.append((p.stat().st_mtime, size, p))
        total = sum(e[1] for e in entries)
        freed = 0
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total - freed <= limit:
                break
            if path in self.used:
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            freed += size
        return freed


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        now = time.time()
        os.utime(path, (now, now))


def link_or_copy(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)
