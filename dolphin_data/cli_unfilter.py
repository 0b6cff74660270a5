"""``dolphin-data unfilter`` (run the stage on a file; ``unfilter train`` trains the classifier) and
``dolphin-data report DIR`` (terminal view of the reports a stage command or a build wrote)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from dolphin_data.cli import QuietOpt, WorkersOpt, err, out, summary_table, user_errors


class DefaultRunGroup(TyperGroup):
    """A group whose first argument, when it is not a subcommand, goes to ``run``: so both
    ``dolphin-data unfilter IN --out OUT ...`` (the settled shape) and ``dolphin-data unfilter train ...`` work."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


unfilter_app = typer.Typer(
    cls=DefaultRunGroup,
    no_args_is_help=True,
    help="Remove refusals, moralizing and AI boilerplate: `unfilter IN --out OUT --rejects REJ` (or `unfilter train`).",
)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    items = [x.strip() for x in value.split(",") if x.strip()]
    return items


@unfilter_app.command("run")
@user_errors
def run_cmd(
    input: Annotated[Path, typer.Argument(help="ShareGPT or messages JSONL.")],
    out_path: Annotated[Path, typer.Option("--out", help="Kept records (same shape as the input).")],
    rejects: Annotated[Path, typer.Option("--rejects", help="Rejects JSONL: id, stage, reason, span, record.")],
    report: Annotated[Path | None, typer.Option("--report", help="Write report.json + report.html here.")] = None,
    repairs: Annotated[Path | None, typer.Option("--repairs", help="Repairs JSONL (what was stripped, per turn).")] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="repair (default) | drop_any | drop_turn | truncate.")] = None,
    roles: Annotated[str | None, typer.Option("--roles", help="Roles to check, comma-separated (default gpt).")] = None,
    layers: Annotated[str | None, typer.Option("--layers", help="Rule layers, comma-separated: lexicon,regex.")] = None,
    lexicon: Annotated[Path | None, typer.Option("--lexicon", help="Lexicon file (default: the bundled one).")] = None,
    disable: Annotated[str | None, typer.Option("--disable", help="Rules to switch off, e.g. regex:identity.")] = None,
    classifier: Annotated[str | None, typer.Option("--classifier", help="'default', a .ftz path, or 'none'.")] = None,
    threshold: Annotated[float | None, typer.Option("--classifier-threshold", help="P(refusal act) cut-off.")] = None,
    langid: Annotated[bool | None, typer.Option("--langid/--no-langid", help="Language id (default on).")] = None,
    languages: Annotated[str | None, typer.Option("--languages", help="Keep only these, e.g. en,fr.")] = None,
    workers: WorkersOpt = 1,
    quiet: QuietOpt = False,
) -> None:
    """Drop (or repair) conversations whose assistant turns refuse, moralize or recite AI boilerplate.

    Example: dolphin-data unfilter chats.jsonl --out kept.jsonl --rejects rejects.jsonl --report report/
    """
    from dolphin_data.stagefile import run_stage_file
    from dolphin_data.stages import make_stage

    # options left out take the stage's defaults, which are the 2.9 recipe's behaviour
    given: dict[str, Any] = {
        "policy": policy,
        "roles": _split(roles),
        "layers": _split(layers),
        "lexicon": str(lexicon) if lexicon is not None else None,
        "disable": _split(disable),
        "classifier_threshold": threshold,
        "langid": langid,
        "languages": _split(languages),
    }
    params = {k: v for k, v in given.items() if v is not None}
    if classifier is not None:
        params["classifier"] = None if classifier.lower() in ("none", "off") else classifier
    import dolphin_data.unfilter.stage  # noqa: F401  (registers the stage)

    stage = make_stage("unfilter", params)
    result = run_stage_file(stage, input, out_path, rejects, report, workers, repairs=repairs)
    if quiet:
        return
    rows = list(result.summary_rows())
    for key in ("repaired", "action:turns_dropped", "action:truncated"):
        if result.counters.get(key):
            rows.append((f"modified {key.split(':', 1)[-1]}", result.counters[key]))
    out.print(summary_table(f"unfilter {input.name} (policy {stage.params()['policy']})", rows))
    if report is not None:
        err.print(f"[dim]report: {report / 'report.json'}, {report / 'report.html'}[/dim]")


@unfilter_app.command("train")
@user_errors
def train_cmd(
    input: Annotated[Path | None, typer.Argument(help="Labelled JSONL {text, label: refusal|ok} (default: bundled).")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Model file to write (.ftz).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Training seed.")] = 42,
    epoch: Annotated[int | None, typer.Option("--epoch")] = None,
    lr: Annotated[float | None, typer.Option("--lr")] = None,
    dim: Annotated[int | None, typer.Option("--dim")] = None,
    word_ngrams: Annotated[int | None, typer.Option("--word-ngrams")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Train the fastText refusal classifier on a labelled set (deterministic: one thread, fixed seed).

    Example: dolphin-data unfilter train dolphin_data/assets/refusal_train.jsonl --out refusal_clf.ftz
    """
    from dolphin_data.unfilter import classifier as clf

    kwargs: dict[str, Any] = {"seed": seed, "epoch": epoch, "lr": lr, "dim": dim, "word_ngrams": word_ngrams}
    if input is not None:
        kwargs["input"] = input
    if out_path is not None:
        kwargs["out"] = out_path
    metrics = clf.train_from_cli(**kwargs)
    if not quiet:
        flat = [(k, v) for k, v in metrics.items() if isinstance(v, int | float | str)]
        for k, v in metrics.items():
            if isinstance(v, dict) and k != "hyper":
                flat += [(f"{k}.{kk}", vv) for kk, vv in v.items() if isinstance(vv, int | float | str)]
        out.print(summary_table("unfilter train", [(k, round(v, 4) if isinstance(v, float) else v) for k, v in flat]))


def register(app: typer.Typer) -> None:
    app.add_typer(unfilter_app, name="unfilter")
