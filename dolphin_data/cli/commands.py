"""``build``, ``pull``, ``convert``, ``inspect``, ``explain``, ``report``, ``list``: thin shells over the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dolphin_data.cli.app import QuietOpt, WorkersOpt, app, err, out, resolve_workers, summary_table, user_errors
from dolphin_data.cli.progress import progress_for, time_table
from dolphin_data.errors import UserError

SplitOpt = Annotated[
    str | None, typer.Option("--split", help="Split of a dataset folder or Hub id (default: the only one, else train).")
]
RawOpt = Annotated[Path, typer.Option("--raw", help="Where a Hub dataset id is downloaded (RAW/org/name).")]


@app.command()
@user_errors
def build(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML, e.g. recipes/2.9.yaml.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: the recipe's output.dir).")
    ] = None,
    raw: Annotated[Path, typer.Option("--raw", help="Folder holding raw/<source>/ files.")] = Path("raw"),
    workers: WorkersOpt = None,
    executor: Annotated[str, typer.Option("--executor", help="local (all cores of this machine) or ray.")] = "local",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the resolved recipe and the plan; do nothing.")
    ] = False,
    keep_work: Annotated[
        bool, typer.Option("--keep-work", help="Keep OUT/work/ (each shard after each segment).")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither reuse nor keep results in OUT/.cache.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Redo every task (OUT/.cache is refreshed, not read).")
    ] = False,
    cache_limit: Annotated[float, typer.Option("--cache-limit", help="GB kept in OUT/.cache after the build.")] = 40.0,
    data_root: Annotated[
        str | None,
        typer.Option(
            "--data-root",
            help="Where the files will be on the training "
            "machine: dataset paths of the Axolotl configs (default: relative to OUT).",
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Read raw files that are symlinks leading out of the raw folder.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Build every output file of a recipe, with manifest, rejects, reports, Axolotl configs and a dataset card.

    Finished work is kept in OUT/.cache by content: a rebuild redoes only what a change affects, and a build that
    was killed resumes from its finished shards.

    Example: dolphin-data build recipes/2.9.yaml --out out/2.9
    """
    import yaml

    from dolphin_data.engine.plan import plan_recipe
    from dolphin_data.engine.run import build_recipe
    from dolphin_data.recipe import load_recipe

    rec = load_recipe(recipe)
    if data_root is not None:
        from dataclasses import replace

        rec = replace(rec, data_root=data_root)
    workers = resolve_workers(workers)
    if dry_run:
        plan = plan_recipe(rec, raw, workers, follow_symlinks)
        out.print(f"# resolved recipe {rec.path} (sha256 {rec.sha256[:12]})")
        out.print(yaml.safe_dump(rec.to_dict(), sort_keys=False), markup=False)
        table = Table("source", "output", "raw files", "stages", title="plan", title_justify="left")
        for s in plan.sources:
            table.add_row(
                s.name, s.output, str(len(s.files)), " -> ".join(["convert", *(st.name for st in s.stages), "write"])
            )
        out.print(table)
        return
    target = Path(out_dir or rec.output_dir)
    if cache_limit < 0:
        raise UserError(f"--cache-limit {cache_limit}: give 0 or more GB")
    stats: dict[str, Any] = {}
    manifest = build_recipe(
        rec,
        target,
        raw,
        workers,
        executor,
        progress_for(quiet),
        keep_work=keep_work,
        cache=not no_cache,
        force=force,
        cache_limit=int(cache_limit * (1 << 30)),
        stats=stats,
        follow_symlinks=follow_symlinks,
    )
    if quiet:
        return
    table = Table(title=f"build {rec.name}", title_justify="left")
    table.add_column("output", overflow="fold")
    for col in ("read", "written", "rejected"):
        table.add_column(col, justify="right")
    table.add_column("top reasons", overflow="fold")
    for f in manifest["files"]:
        top = sorted(f["rejected_by_reason"].items(), key=lambda kv: -kv[1])[:3]
        table.add_row(
            f["output"],
            f"{f['rows_read']:,}",
            f"{f['records_written']:,}",
            f"{f['rows_rejected']:,}",
            ", ".join(f"{k} {v}" for k, v in top),
        )
    t = manifest["totals"]
    table.add_row("[bold]total", f"{t['rows_read']:,}", f"{t['records_written']:,}", f"{t['rows_rejected']:,}", "")
    out.print(table)
    timings_file = target / "timings.json"
    if timings_file.is_file():
        import orjson

        out.print(time_table(orjson.loads(timings_file.read_bytes())))
    reused = (
        f"; {stats['tasks_from_cache']:,} of {stats['tasks_from_cache'] + stats['tasks_run']:,} tasks from the cache"
        if stats.get("tasks_from_cache")
        else ""
    )
    out.print(
        f"wrote {len(manifest['files'])} files, manifest.json, rejects/, the Axolotl configs and the dataset card README.md to {target}{reused}"
    )


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


@app.command()
@user_errors
def convert(
    input: Annotated[
        Path | None,
        typer.Argument(
            help="Upstream file (.jsonl, .json, .parquet, .arrow; .gz), a "
            "save_to_disk or data folder, or a Hub dataset id org/name[@revision]."
        ),
    ] = None,
    schema: Annotated[
        str | None, typer.Option("--from", help="Upstream schema (converter name; see --list), or auto.")
    ] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Output ShareGPT JSONL.")] = None,
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Rejects JSONL (default: OUT with .rejects.jsonl).")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source name used in ids (default: file stem).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output shape: sharegpt or messages.")] = "sharegpt",
    train_flags: Annotated[
        bool,
        typer.Option(
            "--train-flags",
            help="A `train` flag on every turn (the trainer's default "
            "where the schema has none), as a build whose "
            "sources carry flags writes.",
        ),
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the upstream schemas and exit.")] = False,
    split: SplitOpt = None,
    raw: RawOpt = Path("raw"),
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Convert one upstream file to ShareGPT (or messages) JSONL; bad rows go to the rejects file.

    Example: dolphin-data convert raw/orca_math/data/train-00000-of-00001.parquet --from orca_math --out orca.jsonl
    """
    from dolphin_data.cli.stagecmd import context, print_summary
    from dolphin_data.converters import CONVERTERS
    from dolphin_data.engine.plan import plan_files
    from dolphin_data.engine.run import RunOptions, Targets, run_command

    if list_:
        list_things("converters")
        return
    if input is None or schema is None or out_path is None:
        raise UserError("convert needs INPUT, --from SCHEMA and --out OUT.jsonl (or --list to see the schemas)")
    if fmt not in ("sharegpt", "messages"):
        raise UserError(f"--format {fmt!r}: choose sharegpt or messages")
    if schema != "auto":
        CONVERTERS.get(schema)
    plan = plan_files(
        [input],
        [],
        ctx=context(workers),
        converter=schema,
        source=source,
        shape=fmt,
        train_flags=train_flags,
        split=split,
        download_dir=raw,
    )
    for note in plan.notes if not quiet else ():
        err.print(note, markup=False)
    rej_path = rejects or out_path.with_name(out_path.name.removesuffix(".jsonl") + ".rejects.jsonl")
    manifest = run_command(
        plan,
        Targets({plan.sources[0].output: out_path}, rej_path),
        RunOptions(progress=progress_for(quiet, logs=False)),
    )
    if not quiet:
        print_summary(f"convert {input.name} ({schema})", manifest)


@app.command()
@user_errors
def inspect(
    file: Annotated[Path, typer.Argument(help="ShareGPT/messages file, a save_to_disk or data folder, or a Hub id.")],
    split: SplitOpt = None,
    raw: RawOpt = Path("raw"),
    quiet: QuietOpt = False,
) -> None:
    """Counts, roles, turn statistics and schema problems of a conversation file.

    Example: dolphin-data inspect out/2.9/SystemConversations.jsonl
    """
    from dolphin_data.inspect import inspect_file

    stats = inspect_file(file, split=split, download_dir=raw)
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
    from dolphin_data.cli.explain import render
    from dolphin_data.inspect import explain_id

    render(conv_id, explain_id(conv_id, build_dir), out)


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


@app.command("list")
@user_errors
def list_cmd(
    what: Annotated[str, typer.Argument(help="stages, converters or recipes.")],
) -> None:
    """List the registered stages, converters, or the recipes in recipes/, one line each.

    Example: dolphin-data list stages
    """
    list_things(what)


def list_things(what: str) -> None:
    from dolphin_data.converters import CONVERTERS
    from dolphin_data.registry import describe
    from dolphin_data.stages.base import STAGES, load_builtin_stages

    if what == "converters":
        table = Table("converter", "upstream schema", title="converters", title_justify="left")
        for name, fn in CONVERTERS.items():
            table.add_row(name, describe(fn))
    elif what == "stages":
        load_builtin_stages()
        table = Table("stage", "kind", "what it does", title="stages", title_justify="left")
        for name, cls in STAGES.items():
            table.add_row(name, cls.kind, describe(cls))
    elif what == "recipes":  # plain lines, one per recipe, in version order (dolphin_data/recipe_diff.py)
        from dolphin_data.recipe_diff import list_recipes

        for summary in list_recipes(Path("recipes")):
            out.print(summary.line(), markup=False)
        return
    else:
        raise UserError(f"list {what!r}: choose stages, converters or recipes")
    out.print(table)


cache_app = typer.Typer(no_args_is_help=True, help="The result cache of a build folder (OUT/.cache).")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
@user_errors
def cache_info(out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="A build output folder.")]) -> None:
    """Size and entries of a build folder's cache.

    Example: dolphin-data cache info out/2.9
    """
    from dolphin_data.engine.cache import Store

    root = out_dir / ".cache"
    if not root.is_dir():
        raise UserError(f"{out_dir}: no .cache here; builds write one unless --no-cache")
    store = Store(root)
    tasks = len(list(root.glob("tasks/*/*/result.pkl")))
    out.print(summary_table(f"cache {root}", [("finished tasks", tasks), ("bytes", store.size())]))


@cache_app.command("clean")
@user_errors
def cache_clean(out_dir: Annotated[Path, typer.Argument(metavar="OUT", help="A build output folder.")]) -> None:
    """Remove a build folder's cache (the build itself stays; the next build redoes everything).

    Example: dolphin-data cache clean out/2.9
    """
    import shutil

    from dolphin_data.engine.publish import locked

    root = out_dir / ".cache"
    if not root.is_dir():
        raise UserError(f"{out_dir}: no .cache here, nothing to remove; give the folder a build wrote (e.g. out/2.9)")
    with locked(out_dir, "dolphin-data cache clean"):
        shutil.rmtree(root, ignore_errors=True)
    out.print(f"removed {root}")
