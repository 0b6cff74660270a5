"""Stage commands, generated from the stages: every parameter a stage declares (``__init__`` keyword, ``Args:`` help)
is an option of its command, so a parameter exists once. ``--set key=value`` (YAML value) and ``--params FILE.yaml``
give the same parameters another way. With no options, a stage command behaves exactly as the stage does in a
recipe with no ``stage_params``: the defaults are the stage's own.

A stage command runs the one engine: ``plan_files`` makes a one-stage plan of its input file(s) and ``run_command``
runs it and moves each artefact to the path the user named.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from dolphin_data.cli.app import QuietOpt, WorkersOpt, out, resolve_workers, summary_table
from dolphin_data.context import RunContext
from dolphin_data.errors import UserError
from dolphin_data.stages.base import STAGES, load_builtin_stages
from dolphin_data.stages.params import ParamInfo, param_infos

SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="Another stage parameter, KEY=VALUE (YAML value); repeatable.")
]
ParamsOpt = Annotated[
    Path | None, typer.Option("--params", help="Stage parameters from a YAML mapping (as in a recipe).")
]


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def option_for(info: ParamInfo, aliases: Mapping[str, Sequence[str]]) -> inspect.Parameter:
    """The Typer option of one stage parameter. Every option defaults to "not given" (the stage's own default).
    ``aliases[name]`` replaces the generated declarations (e.g. ``["--require-system/--optional-system"]``)."""
    default = f"the run's {info.context}" if info.context else repr(info.default)
    choices = f" One of: {', '.join(info.choices)}." if info.choices else ""
    help_text = f"{info.help or info.name}.{choices} [default: {default}]"
    if info.base is bool and not info.is_list:
        decls = list(aliases.get(info.name, [f"{flag(info.name)}/--no-{flag(info.name)[2:]}"]))
        opt: Any = typer.Option(*decls, help=help_text, show_default=False)
        annotation: Any = bool | None
    elif info.base in (int, float) and not info.is_list:
        opt = typer.Option(*aliases.get(info.name, [flag(info.name)]), help=help_text, show_default=False)
        annotation = info.base | None
    else:
        opt = typer.Option(
            *aliases.get(info.name, [flag(info.name)]),
            help=help_text + (" Comma-separated." if info.is_list else ""),
            show_default=False,
        )
        annotation = str | None
    return inspect.Parameter(
        f"p_{info.name}", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[annotation, opt]
    )


def parse_option(info: ParamInfo, value: Any) -> Any:
    if not isinstance(value, str) or info.base is str or info.choices:
        return value
    if info.is_list:
        return [v.strip() for v in value.split(",") if v.strip()]
    return yaml.safe_load(value)


def collect_params(
    stage: str, given: Mapping[str, Any], sets: Sequence[str] | None, params_file: Path | None
) -> dict[str, Any]:
    """The stage parameters a command was given: --params file, then --set, then each option (later wins)."""
    infos = {i.name: i for i in param_infos(STAGES.get(stage))}
    params: dict[str, Any] = {}
    if params_file is not None:
        try:
            loaded = yaml.safe_load(params_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise UserError(f"{params_file}: cannot read stage parameters ({e}); give a YAML mapping") from None
        if not isinstance(loaded, dict):
            raise UserError(f"{params_file}: expected a YAML mapping of {stage} parameters")
        params.update(loaded)
    for item in sets or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise UserError(f"--set {item!r}: write KEY=VALUE, e.g. --set threshold=0.9")
        params[key.strip().replace("-", "_")] = yaml.safe_load(value)
    for name, value in given.items():
        if value is not None:
            params[name] = parse_option(infos[name], value)
    return params


def stage_command(
    stage: str,
    fixed: Sequence[inspect.Parameter],
    run: Callable[[dict[str, Any], dict[str, Any]], None],
    doc: str,
    aliases: Mapping[str, Sequence[str]] | None = None,
    skip: Sequence[str] = (),
) -> Callable[..., None]:
    """A Typer command for ``stage``: ``fixed`` parameters (input, --out, ...) first, then one option per stage
    parameter (except ``skip``), then --set, --params, --workers, --quiet. ``run(params, fixed_values)``."""
    load_builtin_stages()
    infos = [i for i in param_infos(STAGES.get(stage)) if i.name not in skip]
    options = [option_for(i, aliases or {}) for i in infos]
    common = [
        inspect.Parameter("sets", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=SetOpt),
        inspect.Parameter("params_file", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ParamsOpt),
        inspect.Parameter("workers", inspect.Parameter.KEYWORD_ONLY, default=1, annotation=WorkersOpt),
        inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=QuietOpt),
    ]
    fixed_names = [p.name for p in fixed]

    def command(**kwargs: Any) -> None:
        given = {i.name: kwargs.pop(f"p_{i.name}") for i in infos}
        params = collect_params(stage, given, kwargs.pop("sets"), kwargs.pop("params_file"))
        run(params, {k: kwargs[k] for k in [*fixed_names, "workers", "quiet"]})

    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in fixed] + options + common
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = doc
    command.__name__ = stage
    return command


def context(workers: int | None) -> RunContext:
    return RunContext(workers=resolve_workers(workers))


def print_summary(title: str, manifest: Mapping[str, Any], counters: Mapping[str, str] | Sequence[str] = ()) -> None:
    """in / kept / rejected by reason, and the stage counters named in ``counters`` (counter -> label)."""
    labels = dict(counters) if isinstance(counters, Mapping) else {c: c for c in counters}
    rows: list[tuple[str, Any]] = []
    for f in manifest["files"]:
        prefix = f"{f['source']}: " if len(manifest["files"]) > 1 else ""
        rows += [(f"{prefix}in", f["rows_read"]), (f"{prefix}kept", f["records_written"])]
        rows += [(f"{prefix}rejected {k}", v) for k, v in f["rejected_by_reason"].items()]
        found: Counter[str] = Counter()
        for st in f["stages"]:
            found.update({k: v for k, v in st.get("counters", {}).items() if k in labels})
        rows += [(f"{prefix}{labels[k]}", v) for k, v in sorted(found.items())]
    out.print(summary_table(title, rows))
