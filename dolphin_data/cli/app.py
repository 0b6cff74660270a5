"""The Typer app, the consoles, shared options, and the error edge every command goes through.

User errors (``UserError``), file-system errors (``OSError``: no space, read-only, permission) and interrupts
become one ``Error: ...`` line on stderr that names the file and the fix, exit 1 (130 for an interrupt); Typer's
usage errors exit 2. Nothing else in the package prints.
"""

from __future__ import annotations

import errno
import functools
import os
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
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", help="Processes for the whole run (default: all cores).")]

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
}


def os_error_line(e: OSError) -> str:
    where = e.filename or ""
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
            typer.echo(f"Error: {os_error_line(e)}", err=True)
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
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """dolphin-data: reproducible, explainable training-data mixes for Axolotl."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
