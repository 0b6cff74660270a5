"""The recipe gallery: list the recipes of a folder, and say what changes between two mixes.

``list_recipes(folder)`` loads every ``*.yaml`` (validated, so a broken recipe fails with its file and line) and
returns one ``RecipeSummary`` each, in version order (2.9 < 2.9.1 < ... < 2.9.10 < 3.0). ``diff_recipes(a, b)``
compares two loaded recipes field by field and returns a ``RecipeDiff``: run settings (sequence length, output
format, training), stage parameters, sources added / removed / changed (matched by name), output files added /
removed, and the source order (the dedup priority). ``render_diff`` turns it into the lines the CLI prints. All
pure functions over ``Recipe`` objects: no I/O beyond loading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dolphin_data.errors import UserError
from dolphin_data.recipe import Recipe, SourceSpec, load_recipe

RECIPES_DIR = Path("recipes")


@dataclass(frozen=True)
class RecipeSummary:
    """What ``dolphin-data list recipes`` shows for one recipe file."""

    key: str  # file stem, e.g. "2.9.1": what ``diff-recipes`` accepts
    path: Path
    name: str
    description: str
    sequence_len: int
    output_format: str
    outputs: tuple[str, ...]

    def line(self) -> str:
        return (
            f"{self.key:<7} {self.name:<34} {len(self.outputs):>2} files  seq {self.sequence_len:<5} "
            f"{self.output_format:<8} {self.description}"
        )


def version_key(stem: str) -> tuple[tuple[int, int | str], ...]:
    """Sort "2.9" < "2.9.1" < "2.9.10" < "3.0" < "custom": numeric parts as numbers, others after them."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", stem))


def summarise(recipe: Recipe) -> RecipeSummary:
    return RecipeSummary(
        recipe.path.stem,
        recipe.path,
        recipe.name,
        recipe.description,
        recipe.sequence_len,
        recipe.output_format,
        tuple(s.output for s in recipe.sources),
    )


def list_recipes(folder: str | Path = RECIPES_DIR) -> list[RecipeSummary]:
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such recipe folder; pass --dir with the folder that holds the *.yaml recipes")
    paths = sorted(folder.glob("*.yaml"), key=lambda p: version_key(p.stem))
    if not paths:
        raise UserError(f"{folder}: no *.yaml recipes in this folder")
    return [summarise(load_recipe(p)) for p in paths]


def resolve_recipe(ref: str | Path, folder: str | Path = RECIPES_DIR) -> Path:
    """A recipe path, or a gallery key such as ``2.9.1`` meaning ``<folder>/2.9.1.yaml``."""
    path = Path(ref)
    if path.is_file():
        return path
    candidate = Path(folder) / f"{ref}.yaml"
    if candidate.is_file():
        return candidate
    known = ", ".join(s.stem for s in sorted(Path(folder).glob("*.yaml"), key=lambda p: version_key(p.stem)))
    raise UserError(f"{ref}: no such recipe file, and no {candidate}; known recipes: {known or 'none'}")


# ---------------------------------------------------------------------------------------------------
# Diff


@dataclass(frozen=True)
class Change:
    """One setting that differs: ``where`` is a dotted path (``training.micro_batch_size``); ``ABSENT`` = not set."""

    where: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SourceChange:
    name: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class RecipeDiff:
    a: str
    b: str
    settings: tuple[Change, ...] = ()
    stage_params: tuple[Change, ...] = ()
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    sources_changed: tuple[SourceChange, ...] = ()
    outputs_added: tuple[str, ...] = ()
    outputs_removed: tuple[str, ...] = ()
    order: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # shared sources' order, when it changed

    @property
    def empty(self) -> bool:
        return not (
            self.settings
            or self.stage_params
            or self.sources_added
            or self.sources_removed
            or self.sources_changed
            or self.outputs_added
            or self.outputs_removed
            or self.order
        )


class _Absent:
    """A setting one recipe does not have (distinct from an explicit null)."""

    def __repr__(self) -> str:
        return "(absent)"


ABSENT: Any = _Absent()


def _flat(value: Any, prefix: str) -> dict[str, Any]:
    """Nested mappings to dotted keys; lists and scalars are leaves."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def _compare(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str = "") -> list[Change]:
    fa, fb = _flat(a, prefix), _flat(b, prefix)
    keys = list(fa) + [k for k in fb if k not in fa]
    return [Change(k, fa.get(k, ABSENT), fb.get(k, ABSENT)) for k in keys if fa.get(k, ABSENT) != fb.get(k, ABSENT)]


def effective_stage_params(recipe: Recipe) -> dict[str, dict[str, Any]]:
    """Each ``stage_params`` entry as the stage resolves it for this recipe (defaults and run-wide settings such as
    ``sequence_len`` filled in), so a default changed by writing it out, or an explicit null against a non-null
    default, shows up in a diff."""
    from dolphin_data.stages import STAGES, make_stage
    from dolphin_data.stages.params import param_infos

    out: dict[str, dict[str, Any]] = {}
    for name, given in recipe.stage_params.items():
        try:
            out[name] = make_stage(name, given, recipe.ctx).params()
        except UserError:  # defaults a source completes (``sample: {seed}`` needs each source's n): declared defaults
            out[name] = {**{p.name: p.default for p in param_infos(STAGES.get(name))}, **given}
    return out


def _settings(r: Recipe) -> dict[str, Any]:
    return {
        "name": r.name,
        "seed": r.seed,
        "sequence_len": r.sequence_len,
        "chat_template": r.chat_template,
        "output": {"dir": r.output_dir, "format": r.output_format},
        "training": dict(vars(r.training)),
    }


def _source_fields(s: SourceSpec) -> dict[str, Any]:
    up = {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(s.upstream).items() if v not in (None, ())}
    return {
        "output": s.output,
        "converter": s.converter,
        "upstream": up,
        "raw": s.raw_dir,
        "files": list(s.files),
        "stages": [st.name if not st.params else {st.name: dict(st.params)} for st in s.stages],
    }


def diff_recipes(a: Recipe, b: Recipe) -> RecipeDiff:
    names_a, names_b = [s.name for s in a.sources], [s.name for s in b.sources]
    by_a, by_b = {s.name: s for s in a.sources}, {s.name: s for s in b.sources}
    changed = []
    for name in names_a:
        if name in by_b:
            ch = _compare(_source_fields(by_a[name]), _source_fields(by_b[name]))
            if ch:
                changed.append(SourceChange(name, tuple(ch)))
    outs_a, outs_b = [s.output for s in a.sources], [s.output for s in b.sources]
    shared_a = tuple(n for n in names_a if n in by_b)
    shared_b = tuple(n for n in names_b if n in by_a)
    stage_a, stage_b = effective_stage_params(a), effective_stage_params(b)
    return RecipeDiff(
        a=str(a.path),
        b=str(b.path),
        settings=tuple(_compare(_settings(a), _settings(b))),
        stage_params=tuple(_compare(stage_a, stage_b)),
        sources_added=tuple(n for n in names_b if n not in by_a),
        sources_removed=tuple(n for n in names_a if n not in by_b),
        sources_changed=tuple(changed),
        outputs_added=tuple(o for o in outs_b if o not in outs_a),
        outputs_removed=tuple(o for o in outs_a if o not in outs_b),
        order=(shared_a, shared_b) if shared_a != shared_b else None,
    )


def show(value: Any) -> str:
    """A value as one compact line: JSON for lists, mappings and null; ``(absent)`` for a missing setting."""
    if value is ABSENT:
        return "(absent)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def render_diff(d: RecipeDiff, a: Recipe | None = None, b: Recipe | None = None) -> list[str]:
    """The diff as plain text lines: ``+`` only in B, ``-`` only in A, ``~`` changed (``old -> new``)."""
    lines = [f"--- {d.a}", f"+++ {d.b}"]
    if d.empty:
        return [*lines, "no differences"]

    def changes(title: str, items: tuple[Change, ...], indent: str = "  ") -> None:
        if items:
            lines.append(title)
            lines.extend(f"{indent}~ {c.where}: {show(c.old)} -> {show(c.new)}" for c in items)

    changes("settings:", d.settings)
    changes("stage settings (stage_params):", d.stage_params)
    if d.sources_added or d.sources_removed or d.sources_changed:
        lines.append("sources:")
        src_b = {s.name: s for s in b.sources} if b else {}
        src_a = {s.name: s for s in a.sources} if a else {}
        for n in d.sources_added:
            s = src_b.get(n)
            lines.append(f"  + {n}" + (f" ({s.upstream.repo}, converter {s.converter})" if s else ""))
        for n in d.sources_removed:
            s = src_a.get(n)
            lines.append(f"  - {n}" + (f" ({s.upstream.repo}, converter {s.converter})" if s else ""))
        for sc in d.sources_changed:
            lines.append(f"  ~ {sc.name}")
            lines.extend(f"      {c.where}: {show(c.old)} -> {show(c.new)}" for c in sc.changes)
    if d.outputs_added or d.outputs_removed:
        lines.append("output files:")
        lines.extend(f"  + {o}" for o in d.outputs_added)
        lines.extend(f"  - {o}" for o in d.outputs_removed)
    if d.order:
        lines.append("source order (dedup priority: the earlier source's copy survives):")
        lines.append(f"  - {', '.join(d.order[0])}")
        lines.append(f"  + {', '.join(d.order[1])}")
    return lines
