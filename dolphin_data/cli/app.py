"""The Typer app, the consoles, shared options, and the error edge every command goes through.

User errors (``UserError``), file-system errors (``OSError``: no space, read-only, permission) and interrupts
become one ``Error: ...`` line on stderr that names the file and the fix, exit 1 (130 for an interrupt); Typer's
usage errors exit 2. Nothing else in the package prints.
"""

from __future__ import annotations

import errno
import functools
import os
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from dolphin_data import __version__
from dolphin_data.errors import UserError

app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Rebuild the Dolphin training-data mix: pull, convert, unfilter, dedup, validate, count tokens, write.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
if not out.is_terminal:  # pipes and CI logs: tables at a readable width instead of rich's 80 columns
    out.width = 160

F = TypeVar("F", bound=Callable[..., Any])

QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No summary, no progress.")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-w", help="Processes for the whole run (default: all cores).")
]

# what to do about a file-system error, by errno
_FIXES = {
    errno.ENOSPC: "the disk is full; free space or write somewhere else",
    errno.EDQUOT: "the disk quota is exhausted; free space or write somewhere else",
    errno.EROFS: "the file system is read-only; write somewhere else",
    errno.EACCES: "permission denied; check the folder's permissions or write somewhere else",
    errno.EPERM: "operation not permitted; check permissions or write somewhere else",
    errno.ENOENT: "no such file or folder; check the path",
    errno.EISDIR: "is a folder; give a file path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) or use fewer --workers",
    errno.EEXIST: "a file is in the way where a folder is needed; check the path",
    errno.EFBIG: "the file would pass the file-size limit (ulimit -f); raise the limit or write somewhere else",
    errno.ENAMETOOLONG: "the path or a name in it is too long; use a shorter one",
    errno.ELOOP: "too many levels of symbolic links; check the path",
}
# the writing errors that come from write() and carry no file name: the command's outputs are named instead
_NO_NAME = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
_OUTPUT_ARGS = ("out", "out_path", "out_dir", "rejects", "stats", "report", "repairs")
# our own temporary names beside an output (staging folders, .tmp files) are shown as the output the user named
_TEMP_NAME = re.compile(r"(^|/)\.([^/]+?)\.(?:staging-\d+|\d+\.tmp)(?:/.*)?$|\.tmp$")


def _user_path(path: str) -> str:
    return _TEMP_NAME.sub(lambda m: f"{m.group(1)}{m.group(2)}" if m.group(2) else "", path)


def _fullest(paths: Iterable[Any]) -> str:
    """Of the outputs a command writes, the one on the file system with the least space left (where a write failed
    without naming its file)."""

    def free(p: Any) -> int:
        q = os.path.abspath(p)
        while q != os.path.dirname(q) and not os.path.exists(q):
            q = os.path.dirname(q)
        try:
            st = os.statvfs(q)
        except OSError:
            return 1 << 62
        return st.f_bavail * st.f_frsize

    given = [str(p) for p in paths if isinstance(p, (str, os.PathLike)) and str(p)]
    return min(given, key=free) if given else ""


def os_error_line(e: OSError, outputs: Iterable[Any] = ()) -> str:
    """``<file>: <what went wrong and the fix>`` for a file-system error; a write error without a file name names
    the command's output on the fullest file system."""
    where = _user_path(os.fsdecode(e.filename)) if e.filename else ""
    if not where and e.errno in _NO_NAME:
        where = _fullest(outputs)
    fix = _FIXES.get(e.errno or 0, f"{e.strerror or e}; check the path and try again")
    return f"{where}: {fix}" if where else fix


def user_errors(fn: F) -> F:
    """User errors -> one line on stderr, exit 1 (no traceback). Bugs keep their traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UserError as e:
            err.show_cursor(True)
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(130 if type(e).__name__ == "Interrupted" else 1) from None
        except OSError as e:
            err.show_cursor(True)
            outputs = [kwargs.get(k) for k in _OUTPUT_ARGS]
            typer.echo(f"Error: {os_error_line(e, outputs)}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.show_cursor(True)
            typer.echo("Error: interrupted; nothing was written", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def summary_table(title: str, rows: Iterable[tuple[str, Any]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for k, v in rows:
        table.add_row(k, f"{v:,}" if isinstance(v, int) else str(v))
    return table


def resolve_workers(workers: int | None) -> int:
    from dolphin_data.context import resolve_workers as resolve

    if workers is not None and workers < 1:
        raise UserError(f"--workers {workers}: give 1 or more")
    return resolve(workers)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dolphin-data {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """dolphin-data: reproducible, explainable training-data mixes for Axolotl."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
