"""The ``dolphin-data`` command line: a thin Typer shell over the library (contract: shared CLI.md).

Each command parses options, calls one library function and renders the result. User errors
(``UserError``) become one ``Error: ...`` line on stderr and exit 1; Typer's usage errors exit 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from dolphin_data import __version__
from dolphin_data.errors import UserError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
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
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", help="Processes for batch stages (default: all cores).")]


def user_errors(fn: F) -> F:
    """User errors -> one line on stderr, exit 1 (no traceback). Bugs keep their traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UserError as e:
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def summary_table(title: str, rows: Iterable[tuple[str, Any]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for k, v in rows:
        table.add_row(k, f"{v:,}" if isinstance(v, int) else str(v))
    return table


def build_progress(quiet: bool) -> Any:
    """Rich progress bars on a terminal, plain log lines otherwise, nothing with --quiet."""
    from dolphin_data.pipeline import Progress

    if quiet:
        return None

    class Lines(Progress):
        def log(self, message: str) -> None:
            err.print(f"[dim]{message}[/dim]")

    if not err.is_terminal:
        return Lines()

    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    class Bars(Lines):
        def __init__(self) -> None:
            self.bars = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=err, transient=True)
            self.task: Any = None

        def start(self, description: str, total: int | None) -> None:
            self.bars.start()
            self.task = self.bars.add_task(description, total=total)

        def advance(self, n: int = 1) -> None:
            self.bars.advance(self.task, n)

        def stop(self) -> None:
            self.bars.stop()
            if self.task is not None:
                self.bars.remove_task(self.task)
                self.task = None

    return Bars()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dolphin-data {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """dolphin-data: reproducible, explainable training-data mixes for Axolotl."""


# -- build / pull ----------------------------------------------------------------------------------


@app.command()
@user_errors
def build(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML, e.g. recipes/2.9.yaml.")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Output folder (default: the recipe's output.dir).")] = None,
    raw: Annotated[Path, typer.Option("--raw", help="Folder holding raw/<source>/ files.")] = Path("raw"),
    workers: WorkersOpt = None,
    executor: Annotated[str, typer.Option("--executor", help="local (all cores of this machine) or ray.")] = "local",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the resolved recipe and the plan; do nothing.")] = False,
    keep_work: Annotated[bool, typer.Option("--keep-work", help="Keep OUT/work/ (each source after each segment).")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Build every output file of a recipe, with manifest, rejects and Axolotl config.

    Example: dolphin-data build recipes/2.9.yaml --out out/2.9
    """
    import yaml

    from dolphin_data.pipeline import plan, run_build
    from dolphin_data.recipe import load_recipe

    rec = load_recipe(recipe)
    if dry_run:
        out.print(f"# resolved recipe {rec.path} (sha256 {rec.sha256[:12]})")
        out.print(yaml.safe_dump(rec.to_dict(), sort_keys=False), markup=False)
        table = Table("source", "output", "raw files", "stages", title="plan", title_justify="left")
        for row in plan(rec, raw):
            table.add_row(row["source"], row["output"], str(len(row["raw_files"])) or "0", " -> ".join(row["stages"]))
        out.print(table)
        return
    manifest = run_build(rec, out_dir, raw, workers, executor, build_progress(quiet), keep_work=keep_work)
    if quiet:
        return
    table = Table(title=f"build {rec.name}", title_justify="left")
    table.add_column("output", overflow="fold")
    for col in ("read", "written", "rejected"):
        table.add_column(col, justify="right")
    table.add_column("top reasons", overflow="fold")
    for f in manifest["files"]:
        top = sorted(f["rejected_by_reason"].items(), key=lambda kv: -kv[1])[:3]
        table.add_row(f["output"], f"{f['rows_read']:,}", f"{f['records_written']:,}", f"{f['rows_rejected']:,}",
                      ", ".join(f"{k} {v}" for k, v in top))
    t = manifest["totals"]
    table.add_row("[bold]total", f"{t['rows_read']:,}", f"{t['records_written']:,}", f"{t['rows_rejected']:,}", "")
    out.print(table)
    out.print(f"wrote {len(manifest['files'])} files, manifest.json, rejects/ and axolotl.yaml to {out_dir or rec.output_dir}")


@app.command()
@user_errors
def pull(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML.")],
    raw: Annotated[Path, typer.Option("--raw", help="Where raw/<source>/ files go.")] = Path("raw"),
    only: Annotated[str | None, typer.Option("--only", help="Pull one source by name.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Fetch again even if PULL.json says it is there.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Fetch upstream datasets at their pinned revisions into raw/<source>/ (needs network).

    Example: dolphin-data pull recipes/2.9.yaml --only orca_math
    """
    from dolphin_data.pull import pull as pull_sources
    from dolphin_data.recipe import load_recipe

    results = pull_sources(load_recipe(recipe), raw, only, force)
    if not quiet:
        out.print(summary_table("pull", ((r["source"], r["status"]) for r in results)))


# -- convert / inspect / explain -------------------------------------------------------------------


@app.command()
@user_errors
def convert(
    input: Annotated[Path | None, typer.Argument(help="Upstream file: .jsonl, .json, .parquet (optionally .gz).")] = None,
    schema: Annotated[str | None, typer.Option("--from", help="Upstream schema (converter name); see --list.")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Output ShareGPT JSONL.")] = None,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="Rejects JSONL (default: OUT with .rejects.jsonl).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source name used in ids (default: file stem).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output shape: sharegpt or messages.")] = "sharegpt",
    list_: Annotated[bool, typer.Option("--list", help="List the upstream schemas and exit.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Convert one upstream file to ShareGPT (or messages) JSONL; bad rows go to the rejects file.

    Example: dolphin-data convert raw/orca_math/data/train-00000-of-00001.parquet --from orca_math --out orca.jsonl
    """
    from dolphin_data.converters import CONVERTERS
    from dolphin_data.io import write_jsonl
    from dolphin_data.registry import describe
    from dolphin_data.stages.convert import convert_file

    if list_:
        table = Table("schema", "description", title="upstream schemas", title_justify="left")
        for name, fn in CONVERTERS.items():
            table.add_row(name, describe(fn))
        out.print(table)
        return
    if input is None or schema is None or out_path is None:
        raise UserError("convert needs INPUT, --from SCHEMA and --out OUT.jsonl (or --list to see the schemas)")
    if fmt not in ("sharegpt", "messages"):
        raise UserError(f"--format {fmt!r}: choose sharegpt or messages")
    CONVERTERS.get(schema)
    kept, bad = convert_file(input, schema, source)
    write_jsonl(out_path, (c.to_record(fmt) for c in kept))
    rej_path = rejects or out_path.with_name(out_path.name.removesuffix(".jsonl") + ".rejects.jsonl")
    write_jsonl(rej_path, (r.to_json() for r in bad))
    if not quiet:
        from collections import Counter

        reasons = Counter(r.reason for r in bad)
        rows = [("in", len(kept) + len(bad)), ("kept", len(kept))] + [(f"rejected {k}", v) for k, v in sorted(reasons.items())]
        out.print(summary_table(f"convert {input.name} ({schema})", rows))


@app.command()
@user_errors
def inspect(
    file: Annotated[Path, typer.Argument(help="ShareGPT/messages JSONL or Parquet file.")],
    quiet: QuietOpt = False,
) -> None:
    """Counts, roles, turn statistics and schema problems of a conversation file.

    Example: dolphin-data inspect out/2.9/SystemConversations.jsonl
    """
    from dolphin_data.inspect import inspect_file

    stats = inspect_file(file)
    if quiet:
        return
    out.print(summary_table(f"{file}", stats["summary"].items()))
    if stats["problems"]:
        table = Table("problem", "count", "first line", title="schema problems", title_justify="left")
        for reason, info in sorted(stats["problems"].items()):
            table.add_row(reason, f"{info['count']:,}", str(info["first_line"]))
        out.print(table)


@app.command()
@user_errors
def explain(
    conv_id: Annotated[str, typer.Argument(metavar="ID", help="Conversation id, e.g. orca_math:17.")],
    build_dir: Annotated[Path, typer.Option("--build", help="A build output folder.")] = Path("out/2.9"),
) -> None:
    """Where a record ended up in a build: the output file it is in, or the stage and reason that dropped it.

    Example: dolphin-data explain openhermes:42 --build out/2.9
    """
    from dolphin_data.inspect import explain_id

    for line in explain_id(conv_id, build_dir):
        out.print(line, markup=False)


@app.command()
@user_errors
def report(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A build output folder or a --report folder.")],
    samples: Annotated[int, typer.Option("--samples", help="Removed samples shown per reason.")] = 2,
) -> None:
    """Show the stage reports of a build (or one --report folder) in the terminal.

    Example: dolphin-data report out/2.9
    """
    from dolphin_data.reports import show

    show(directory, out, samples)


# Stage commands live beside their stages; each module adds its commands to `app`.
STAGE_COMMAND_MODULES: list[str] = [
    "dolphin_data.cli_systemchat",
    "dolphin_data.cli_unfilter",
    "dolphin_data.cli_tokens",
    "dolphin_data.cli_dedup",
    "dolphin_data.cli_synth",
]


def _register_stage_commands() -> None:
    import importlib

    for module in STAGE_COMMAND_MODULES:
        importlib.import_module(module).register(app)


_register_stage_commands()


def run() -> None:  # console-script entry point
    app(prog_name="dolphin-data")


if __name__ == "__main__":
    sys.exit(run())
