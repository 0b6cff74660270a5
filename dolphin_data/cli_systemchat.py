"""``dolphin-data systemchat validate|build``: thin commands over ``dolphin_data.systemchat``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dolphin_data.cli import QuietOpt, WorkersOpt, build_progress, out, summary_table, user_errors
from dolphin_data.errors import UserError

group = typer.Typer(
    no_args_is_help=True,
    help="SystemConversations: build the system-prompt set; validate any file against the SYSTEM MESSAGE bug.",
)


@group.command()
@user_errors
def validate(
    input: Annotated[Path, typer.Argument(help="ShareGPT or messages JSONL.")],
    out_path: Annotated[Path, typer.Option("--out", help="Kept (and repaired) conversations, same shape as INPUT.")],
    rejects: Annotated[Path, typer.Option("--rejects", help="Rejected conversations with reason and span.")],
    repair: Annotated[bool, typer.Option("--repair", help="Cut leaking sentences when the rest stands on its own.")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Folder for report.json and report.md.")] = None,
    rules: Annotated[
        str, typer.Option("--rules", help="Comma-separated rules: structure, sentinel, leak.")
    ] = "structure,sentinel,leak",
    directives: Annotated[
        bool, typer.Option("--directives/--no-directives", help="Check gpt turns obey mechanical directives.")
    ] = True,
    require_system: Annotated[
        bool, typer.Option("--require-system/--optional-system", help="Every conversation must open with a system turn.")
    ] = True,
    word_tolerance: Annotated[int, typer.Option("--word-tolerance", help="Allowed miss for 'exactly N words'.")] = 0,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Check conversations: system turn first, alternation, no sentinels, no system-prompt leakage, directives obeyed.

    Reasons: system:structure:<code>, system:sentinel, system:leak, system:directive:<kind>.

    Example: dolphin-data systemchat validate SystemConversations.jsonl --out ok.jsonl --rejects rej.jsonl --repair
    """
    from dolphin_data.stagefile import run_stage_file
    from dolphin_data.stages import load_builtin_stages, make_stage

    load_builtin_stages()
    stage = make_stage(
        "systemchat_validate",
        {
            "rules": [r.strip() for r in rules.split(",") if r.strip()],
            "repair": repair,
            "check_directives": directives,
            "require_system": require_system,
            "word_tolerance": word_tolerance,
        },
    )
    run = run_stage_file(stage, input, out_path, rejects, report, workers)
    if quiet:
        return
    rows = list(run.summary_rows())
    rows.append(("repaired", run.counters.get("repaired", 0)))
    rows.append(("leaks found", run.counters.get("leak_found", 0)))
    out.print(summary_table(f"systemchat validate {input.name}", rows))


@group.command()
@user_errors
def build(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML, e.g. recipes/2.9.yaml.")],
    out_path: Annotated[Path, typer.Option("--out", help="SystemConversations JSONL to write.")],
    rejects: Annotated[Path | None, typer.Option("--rejects", help="Rejects JSONL (default: OUT with .rejects.jsonl).")] = None,
    raw: Annotated[Path, typer.Option("--raw", help="Folder holding raw/<source>/ files.")] = Path("raw"),
    report: Annotated[Path | None, typer.Option("--report", help="Folder for report.json, report.md, build.json.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="The systemchat source (default: converter systemchat).")] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Also take conversations with a real system prompt from SOURCE.")
    ] = None,
    guard_share: Annotated[float, typer.Option("--guard-share", help="Share (0-1) of prompts that get the guard sentence.")] = 0.0,
    guard_source: Annotated[
        list[str] | None, typer.Option("--guard-source", help="Add the guard sentence to every prompt of SOURCE.")
    ] = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Assemble the SystemConversations set from a recipe: validated, repaired, optionally guarded.

    Takes the recipe's systemchat source, plus conversations with a real system prompt from --include sources.

    Example: dolphin-data systemchat build recipes/2.9.yaml --out SystemConversations.jsonl --guard-share 0.5
    """
    from dolphin_data.recipe import load_recipe
    from dolphin_data.systemchat.build import build_systemchat

    if not 0.0 <= guard_share <= 1.0:
        raise UserError(f"--guard-share {guard_share}: give a share between 0 and 1")
    rec = load_recipe(recipe)
    rej = rejects or out_path.with_name(out_path.name.removesuffix(".jsonl") + ".rejects.jsonl")
    summary = build_systemchat(
        rec, out_path, rej, raw, report, source, include or [], guard_share, guard_source or [],
        workers=workers, progress=build_progress(quiet),
    )
    if quiet:
        return
    t = summary["totals"]
    out.print(summary_table(f"systemchat build {rec.name}", [("read", t["rows_read"]), ("kept", t["kept"]),
                                                               ("rejected", t["rejected"]), ("guarded", t["guarded"])]))
    for name, s in summary["sources"].items():
        rows = [("read", s["rows_read"]), ("kept", s["kept"])] + [(f"rejected {k}", v) for k, v in s["rejected"].items()]
        out.print(summary_table(name, rows))


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="systemchat")
