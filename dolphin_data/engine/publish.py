"""An output folder is either a whole run or untouched.

A run writes everything into a staging folder beside its target (``.<name>.staging-<pid>``) and publishes it with
one atomic exchange of the two folders (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, and the
next run repairs a crash between them). The previous build is removed only after that. A lock beside the target
(``.<name>.lock``) keeps two runs out of one folder and says who holds it. Leftovers of runs that died (kill -9,
power loss) are removed by the next run that takes the lock; the result cache (``<out>/.cache``) survives all of it.
A target that is a symlink is published through (the folder it points to gets the build); a folder that is not a
build, or that holds the run's inputs, is never replaced (``check_replaceable``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import orjson

from dolphin_data.errors import UserError

CACHE = ".cache"


def _sibling(target: Path, kind: str, pid: int | None = None) -> Path:
    return target.parent / f".{target.name}.{kind}" if pid is None else target.parent / f".{target.name}.{kind}-{pid}"


@contextlib.contextmanager
def locked(target: Path, what: str, clean: bool = True) -> Iterator[None]:
    """Hold the lock of ``target`` (a folder or file this run writes) for the duration; refuse if another run holds
    it. ``clean``: remove what runs that died left beside ``target`` (staging folders)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = _sibling(target, "lock")
    fh: IO[str] = open(path, "a+")  # noqa: SIM115 - closed below
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise UserError(f"{target}: in use by {holder}; wait for it to finish (or stop it) and run again") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} on {socket.gethostname()} ({what}, since {time.strftime('%H:%M:%S')})")
        fh.flush()
        if clean:
            clean_leftovers(target)
        yield
    finally:
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
        fh.close()


def real_target(target: Path) -> Path:
    """The folder a run publishes: ``target`` itself, or where it leads when it is a symlink (an output folder linked
    to a bigger disk stays a link; the build goes into the folder it points to, staged beside that folder)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def check_replaceable(target: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse a ``target`` whose replacement would delete what is not a build: a folder holding files but no
    ``manifest.json`` (a raw folder, a home folder), or one that holds an input of this run."""
    if not target.is_dir():
        return
    kept = {CACHE, "manifest.json"}
    if not (target / "manifest.json").exists() and any(p.name not in kept for p in target.iterdir()):
        raise UserError(
            f"{target}: holds files but no build (no manifest.json), and a build replaces its output folder whole; "
            "give a new or empty folder, or the folder of an earlier build"
        )
    real = Path(os.path.realpath(target))
    for f in inputs:
        if Path(os.path.realpath(f)).is_relative_to(real):
            raise UserError(
                f"{f}: is inside the output folder {target}, which the build replaces; keep inputs elsewhere"
            )


def _remove(path: Path) -> None:
    if path.is_symlink():  # rmtree refuses symlinks, and would leave this one for ever
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    """A fresh staging folder beside ``target``; staging folders of runs that died (kill -9) are removed first."""
    for left in target.parent.glob(f".{target.name}.staging-*"):
        pid = left.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            rescue_cache(left, target)
            _remove(left)
    path = _sibling(target, "staging", os.getpid())
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(target: Path) -> None:
    """Called with the lock held, so every staging or old folder beside ``target`` belongs to a run that died."""
    if not target.exists():
        old = sorted(target.parent.glob(f".{target.name}.old-*"))
        if old:  # died between the two renames of the non-Linux publish: the old build goes back
            os.rename(old[-1], target)
    for left in list(target.parent.glob(f".{target.name}.staging-*")) + list(
        target.parent.glob(f".{target.name}.old-*")
    ):
        rescue_cache(left, target)
        _remove(left)


def rescue_cache(src: Path, target: Path) -> None:
    """Move ``src/.cache`` into ``target`` when the target has none (the cache outlives builds)."""
    cache = src / CACHE
    if cache.is_dir() and target.is_dir() and not (target / CACHE).exists():
        with contextlib.suppress(OSError):
            os.rename(cache, target / CACHE)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def publish(staging: Path, target: Path) -> None:
    """Make ``staging`` the folder at ``target`` in one step; the previous content goes (its cache stays)."""
    if target.exists() and not target.is_dir():
        raise UserError(f"{target}: exists and is not a folder; choose another --out or remove it")
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        old = staging  # now holds the previous build
    else:
        old = _sibling(target, "old", os.getpid())
        os.rename(target, old)
        os.rename(staging, target)
    rescue_cache(old, target)
    _remove(old)


def write_json_atomic(path: Path, obj: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
