"""``systemchat build``: the SystemConversations set as a transform of a recipe, run by the one engine.

1. The recipe's systemchat source (``source``, default: the first whose converter is ``systemchat``) keeps its stage
   chain; if the chain has no ``systemchat_validate``, one is added with ``repair: true`` and every rule on.
2. Each ``include`` source keeps its own chain, with ``systemchat_select`` (only conversations with a real system
   prompt: not empty, not a stock default; the others ``system:not_selected``, id only) first and the systemchat
   source's ``systemchat_validate`` in place of its own. Corpus stages (dedup) run across all of them, as in a build.
3. ``systemchat_guard`` last: every prompt of the ``guard_sources``, a seeded ``guard_share`` of the others.

All sources write into one output file, in source order; every row read ends there or in the rejects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from dolphin_data.engine.plan import Plan, StagePlan, check_plan, plan_recipe
from dolphin_data.errors import UserError
from dolphin_data.recipe import Recipe, SourceSpec
from dolphin_data.systemchat.stage import RULE_NAMES

VALIDATE = "systemchat_validate"


def main_source(recipe: Recipe, name: str | None) -> SourceSpec:
    if name is not None:
        return recipe.source(name)
    for s in recipe.sources:
        if s.converter == "systemchat":
            return s
    raise UserError(f"{recipe.path}: no source with converter 'systemchat'; name one with --source")


def systemchat_plan(
    recipe: Recipe,
    raw_dir: Path,
    source: str | None,
    include: Sequence[str],
    guard_share: float,
    guard_sources: Sequence[str],
    workers: int,
    output: str,
) -> Plan:
    main = main_source(recipe, source)
    if main.name in include:
        raise UserError(f"--include {main.name}: that is the systemchat source itself")
    extra = [recipe.source(n) for n in include]
    for g in guard_sources:
        if g != main.name and g not in include:
            raise UserError(f"--guard-source {g}: not part of this build; choose {main.name} or an --include source")
    base = plan_recipe(replace(recipe, sources=(main, *extra)), raw_dir, workers)

    main_plan = base.sources[0]
    validate = next((st for st in main_plan.stages if st.name == VALIDATE), None)
    if validate is None:
        validate = StagePlan(VALIDATE, {"repair": True, "rules": list(RULE_NAMES), "require_system": True})
    sources = []
    for i, src in enumerate(base.sources):
        if i == 0:
            chain = list(src.stages) if any(st.name == VALIDATE for st in src.stages) else [*src.stages, validate]
        else:
            chain = [StagePlan("systemchat_select", {})]
            chain += [st if st.name != VALIDATE else validate for st in src.stages]
            if not any(st.name == VALIDATE for st in chain):
                chain.append(validate)
        share = 1.0 if src.name in guard_sources else guard_share
        if share > 0:
            chain.append(StagePlan("systemchat_guard", {"share": share}))
        sources.append(replace(src, stages=tuple(chain), output=output))
    plan = replace(base, name=f"systemchat build {recipe.name}", sources=tuple(sources))
    check_plan(plan)
    return plan
