"""``unfilter``, ``dedup``, ``systemchat validate``, ``tokens``: one generated command per stage, each a one-stage plan
through the engine (see ``stagecmd``). ``unfilter train`` and ``systemchat build`` live here too."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dolphin_data.cli.app import app, out, summary_table, user_errors
from dolphin_data.cli.progress import progress_for
from dolphin_data.cli.stagecmd import context, print_summary, stage_command
from dolphin_data.engine.plan import StagePlan, plan_files
from dolphin_data.engine.run import RunOptions, Targets, run_command
from dolphin_data.errors import UserError

P = inspect.Parameter


def arg(name: str, annotation: Any) -> P:
    return P(name, P.KEYWORD_ONLY, annotation=annotation)


def opt(name: str, annotation: Any, default: Any = None) -> P:
    return P(name, P.KEYWORD_ONLY, default=default, annotation=annotation)


INPUT = arg("input", Annotated[Path, typer.Argument(help="ShareGPT or messages JSONL (or .json / .parquet).")])
OUT = arg("out_path", Annotated[Path, typer.Option("--out", help="Kept records, same shape as the input.")])
REJECTS = arg(
    "rejects", Annotated[Path, typer.Option("--rejects", help="Dropped records: id, stage, reason, evidence, record.")]
)
REPORT = opt(
    "report", Annotated[Path | None, typer.Option("--report", help="Write the stage's report into this folder.")]
)
REPAIRS = opt(
    "repairs",
    Annotated[Path | None, typer.Option("--repairs", help="One line per repair: id, turn, rule, removed text.")],
)
SOURCE = opt(
    "source",
    Annotated[str | None, typer.Option("--source", help="Source name in rejects and reports (default: file stem).")],
)


def run_one(
    stage: str,
    params: dict[str, Any],
    v: dict[str, Any],
    sides: dict[str, Path | None] | None = None,
    counters: Mapping[str, str] | Sequence[str] = (),
    title: str = "",
) -> dict[str, Any]:
    """Run ``stage`` on one input file as a one-stage plan; print its summary."""
    plan = plan_files([v["input"]], [StagePlan(stage, params)], ctx=context(v["workers"]), source=v.get("source"))
    outputs = {plan.sources[0].output: v["out_path"]} if v.get("out_path") is not None else {}
    targets = Targets(
        outputs, v.get("rejects"), {k: p for k, p in (sides or {}).items() if p is not None}, v.get("report")
    )
    manifest = run_command(plan, targets, RunOptions(progress=progress_for(v["quiet"], logs=False)))
    if not v["quiet"]:
        print_summary(f"{stage} {Path(v['input']).name}{title}", manifest, counters)
    return manifest


# -- unfilter ---------------------------------------------------------------------------------------------------------


class DefaultRunGroup(TyperGroup):
    """A group whose first argument, when it is not a subcommand, goes to ``run``: both ``unfilter IN --out OUT ...``
    (the settled shape) and ``unfilter train ...`` work."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


unfilter_app = typer.Typer(
    cls=DefaultRunGroup,
    no_args_is_help=True,
    help="Remove refusals, moralizing and AI boilerplate: `unfilter IN --out OUT --rejects REJ` (or `unfilter train`).",
)
app.add_typer(unfilter_app, name="unfilter")


def _unfilter(params: dict[str, Any], v: dict[str, Any]) -> None:
    from dolphin_data.stages.params import param_infos
    from dolphin_data.unfilter.stage import UnfilterStage

    policy = params.get("policy") or next(i.default for i in param_infos(UnfilterStage) if i.name == "policy")
    run_one(
        "unfilter",
        params,
        v,
        {"repairs": v["repairs"]},
        title=f" (policy {policy})",
        counters={
            "repaired": "modified repaired",
            "action:turns_dropped": "modified turns_dropped",
            "action:truncated": "modified truncated",
        },
    )


unfilter_app.command("run")(
    user_errors(
        stage_command(
            "unfilter",
            [INPUT, OUT, REJECTS, REPORT, REPAIRS, SOURCE],
            _unfilter,
            """Drop conversations whose assistant turns refuse; strip boilerplate and moralizing (as the recipe does).

    Example: dolphin-data unfilter chats.jsonl --out kept.jsonl --rejects rejects.jsonl --report report/
    """,
        )
    )
)


@unfilter_app.command("train")
@user_errors
def train_cmd(
    input: Annotated[
        Path | None, typer.Argument(help="Labelled JSONL {text, label: refusal|ok} (default: bundled).")
    ] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Model file to write (.ftz); required.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Training seed.")] = 42,
    epoch: Annotated[int | None, typer.Option("--epoch")] = None,
    lr: Annotated[float | None, typer.Option("--lr")] = None,
    dim: Annotated[int | None, typer.Option("--dim")] = None,
    word_ngrams: Annotated[int | None, typer.Option("--word-ngrams")] = None,
    level: Annotated[
        str,
        typer.Option("--level", help="sentence: the decline-sentence classifier; reply: the whole-reply model."),
    ] = "sentence",
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Train a fastText refusal model on a labelled set (deterministic: one thread, fixed seed).

    Example: dolphin-data unfilter train dolphin_data/assets/refusal_train.jsonl --out refusal_clf.ftz
    Example: dolphin-data unfilter train dolphin_data/assets/refusal_reply_train.jsonl --level reply --out reply.ftz
    """
    from dolphin_data.unfilter import classifier as clf

    if out_path is None:
        raise UserError("unfilter train: give --out MODEL.ftz (the packaged model is never overwritten)")
    kwargs: dict[str, Any] = {
        "seed": seed,
        "epoch": epoch,
        "lr": lr,
        "dim": dim,
        "word_ngrams": word_ngrams,
        "out": out_path,
        "level": level,
    }
    if input is not None:
        kwargs["input"] = input
    metrics = clf.train_from_cli(**kwargs)
    if not quiet:
        flat = [(k, v) for k, v in metrics.items() if isinstance(v, int | float | str)]
        for k, v in metrics.items():
            if isinstance(v, dict) and k != "hyper":
                flat += [(f"{k}.{kk}", vv) for kk, vv in v.items() if isinstance(vv, int | float | str)]
        out.print(summary_table("unfilter train", [(k, round(v, 4) if isinstance(v, float) else v) for k, v in flat]))


# -- dedup ------------------------------------------------------------------------------------------------------------


def _dedup(params: dict[str, Any], v: dict[str, Any]) -> None:
    inputs: list[Path] = v["inputs"]
    plan = plan_files(inputs, [StagePlan("dedup", params)], ctx=context(v["workers"]))
    dest: Path = v["out_path"]
    as_folder = len(inputs) > 1 or dest.is_dir() or str(dest).endswith("/")
    outputs = {s.output: (dest / s.output if as_folder else dest) for s in plan.sources}
    manifest = run_command(
        plan, Targets(outputs, v["rejects"], {}, v["report"]), RunOptions(progress=progress_for(v["quiet"]))
    )
    if not v["quiet"]:
        print_summary("dedup", manifest, ("cross_source",))


app.command("dedup")(
    user_errors(
        stage_command(
            "dedup",
            [
                arg(
                    "inputs",
                    Annotated[
                        list[Path], typer.Argument(help="ShareGPT or messages JSONL files, highest priority first.")
                    ],
                ),
                arg(
                    "out_path",
                    Annotated[
                        Path,
                        typer.Option(
                            "--out", help="Output folder (one file per input, same names); a file for one input."
                        ),
                    ],
                ),
                arg(
                    "rejects",
                    Annotated[
                        Path,
                        typer.Option(
                            "--rejects", help="Removed records: dup:exact / dup:near, duplicate_of, similarity."
                        ),
                    ],
                ),
                REPORT,
            ],
            _dedup,
            """Remove exact and near duplicates within and across files; the first input wins ties across files.

    Example: dolphin-data dedup a.jsonl b.jsonl --out deduped/ --rejects dups.jsonl --report reports/dedup
    """,
            skip=("workers", "priority"),
        )
    )
)


# -- tokens -----------------------------------------------------------------------------------------------------------


def _tokens(params: dict[str, Any], v: dict[str, Any]) -> None:
    if (v["out_path"] is None) != (v["rejects"] is None):
        raise UserError("tokens: give --out and --rejects together (every record goes to one of them), or neither")
    run_one(
        "tokens",
        params,
        v,
        {"stats": v["stats"]},
        ("over_limit", "tokens_in", "tokens_out", "trainable_tokens_out", "tokens:truncated_turns"),
    )


app.command("tokens")(
    user_errors(
        stage_command(
            "tokens",
            [
                INPUT,
                arg(
                    "stats",
                    Annotated[
                        Path, typer.Option("--stats", help='Per-record counts: {"id", "tokens", "trainable_tokens"}.')
                    ],
                ),
                opt("out_path", Annotated[Path | None, typer.Option("--out", help="Kept (or truncated) records.")]),
                opt(
                    "rejects",
                    Annotated[Path | None, typer.Option("--rejects", help="Dropped records (tokens:too_long).")],
                ),
                REPORT,
                SOURCE,
            ],
            _tokens,
            """Count Llama 3 tokens of the ChatML rendering the trainer produces; apply the length policy.

    Example: dolphin-data tokens out/2.9/SystemConversations.jsonl --stats stats.jsonl --out kept.jsonl --rejects rej.jsonl
    """,
        )
    )
)


# -- systemchat -------------------------------------------------------------------------------------------------------

systemchat_app = typer.Typer(
    no_args_is_help=True,
    help="SystemConversations: build the system-prompt set; validate any file against the SYSTEM MESSAGE bug.",
)
app.add_typer(systemchat_app, name="systemchat")


def _validate(params: dict[str, Any], v: dict[str, Any]) -> None:
    run_one("systemchat_validate", params, v, {"repairs": v["repairs"]}, ("leak_found", "repaired"))


systemchat_app.command("validate")(
    user_errors(
        stage_command(
            "systemchat_validate",
            [INPUT, OUT, REJECTS, REPORT, REPAIRS, SOURCE],
            _validate,
            """Check conversations: system turn first, alternation, no sentinels, no system-prompt leakage, directives obeyed.

    Reasons: system:structure:<code>, system:sentinel, system:leak, system:directive:<kind>.

    Example: dolphin-data systemchat validate SystemConversations.jsonl --out ok.jsonl --rejects rej.jsonl --repair
    """,
            aliases={
                "check_directives": ["--check-directives/--no-check-directives", "--directives/--no-directives"],
                "require_system": ["--require-system/--optional-system"],
            },
        )
    )
)


@systemchat_app.command("build")
@user_errors
def systemchat_build(
    recipe: Annotated[Path, typer.Argument(help="Recipe YAML, e.g. recipes/2.9.yaml.")],
    out_path: Annotated[Path, typer.Option("--out", help="SystemConversations JSONL to write.")],
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Rejects JSONL (default: OUT with .rejects.jsonl).")
    ] = None,
    raw: Annotated[Path, typer.Option("--raw", help="Folder holding raw/<source>/ files.")] = Path("raw"),
    report: Annotated[Path | None, typer.Option("--report", help="Folder for the stages' reports.")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="The systemchat source (default: converter systemchat).")
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="Also take conversations with a real system prompt from SOURCE."),
    ] = None,
    guard_share: Annotated[
        float, typer.Option("--guard-share", help="Share (0-1) of prompts that get the guard sentence.")
    ] = 0.0,
    guard_source: Annotated[
        list[str] | None, typer.Option("--guard-source", help="Add the guard sentence to every prompt of SOURCE.")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="Processes (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary, no progress.")] = False,
) -> None:
    """Assemble the SystemConversations set from a recipe: validated, repaired, deduplicated, optionally guarded.

    Takes the recipe's systemchat source, plus conversations with a real system prompt from --include sources,
    each through its own stage chain, deduplicated across them as in a build.

    Example: dolphin-data systemchat build recipes/2.9.yaml --out SystemConversations.jsonl --guard-share 0.5
    """
    from dolphin_data.cli.app import resolve_workers
    from dolphin_data.recipe import load_recipe
    from dolphin_data.systemchat.transform import systemchat_plan

    if not 0.0 <= guard_share <= 1.0:
        raise UserError(f"--guard-share {guard_share}: give a share between 0 and 1")
    plan = systemchat_plan(
        load_recipe(recipe),
        raw,
        source,
        include or [],
        guard_share,
        guard_source or [],
        resolve_workers(workers),
        out_path.name,
    )
    rej = rejects or out_path.with_name(out_path.name.removesuffix(".jsonl") + ".rejects.jsonl")
    manifest = run_command(
        plan, Targets({out_path.name: out_path}, rej, {}, report), RunOptions(progress=progress_for(quiet, logs=False))
    )
    if not quiet:
        print_summary(f"systemchat build {plan.name}", manifest, ("guarded", "repaired", "leak_found"))
