"""``dolphin-data systemchat build RECIPE``: assemble the SystemConversations set from a recipe.

1. The recipe's systemchat source (``--source``, default: the first source whose converter is ``systemchat``):
   its raw files are converted and run through that source's stage chain from the recipe. If the chain has no
   ``systemchat_validate``, one is added with ``repair: true`` and every rule on.
2. Optionally (``--include SOURCE``) other sources of the recipe, each through its own stage chain, of which only
   conversations with a real system prompt are taken (not empty, not a stock default such as "You are a helpful
   assistant."); the others go to the rejects file as ``system:not_selected`` (id only, like ``sample``). They are
   then validated with the systemchat source's ``systemchat_validate`` parameters.
3. Optionally the guard sentence from the model card: for every prompt of the ``--guard-source`` sources, and/or
   for a seeded ``--guard-share`` of all prompts (chosen by hash of recipe seed and id, so reruns agree).

Everything read ends up in OUT or in the rejects file; ``--report DIR`` gets the validator report plus
``build.json`` (per source: rows read, kept, rejected by reason, guarded).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from dolphin_data.errors import UserError
from dolphin_data.executor import LocalExecutor
from dolphin_data.io import iter_rows, write_jsonl
from dolphin_data.model import Conversation, Reject
from dolphin_data.recipe import Recipe, SourceSpec, StageSpec
from dolphin_data.stages import Stage, StageOutput
from dolphin_data.stages.convert import convert_rows
from dolphin_data.systemchat.stage import GUARD_SENTENCE, RULE_NAMES, SystemChatGuardStage

if TYPE_CHECKING:
    from dolphin_data.pipeline import Progress

VALIDATE = "systemchat_validate"
# Stock prompts a converter or trainer fills in: they carry no instruction worth teaching.
DEFAULT_PROMPTS = frozenset(
    p.lower()
    for p in (
        "You are a helpful assistant.",
        "You are a helpful assistant",
        "You are a helpful, respectful and honest assistant.",
        "You are an AI assistant.",
        "You are a helpful AI assistant.",
    )
)
BATCH = 1000


def has_real_system_prompt(conv: Conversation) -> bool:
    prompt = conv.system
    return bool(prompt and prompt.strip() and prompt.strip().lower() not in DEFAULT_PROMPTS)


@dataclass
class SourceResult:
    name: str
    rows_read: int = 0
    kept: list[Conversation] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    guarded: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "rows_read": self.rows_read,
            "kept": len(self.kept),
            "rejected": dict(sorted(Counter(r.reason for r in self.rejects).items())),
            "guarded": self.guarded,
        }


def _run_stage(stage: Stage, name: str, convs: list[Conversation], ex: LocalExecutor, progress: Progress) -> StageOutput:
    if stage.kind in ("corpus", "source"):
        return stage.process_corpus({name: convs})[name]
    out = StageOutput([])
    batches = [convs[i : i + BATCH] for i in range(0, len(convs), BATCH)] or [[]]
    progress.start(f"{name}: {stage.name}", len(convs))
    for part, batch in zip(ex.map(stage, batches), batches, strict=True):
        out.extend(part)
        progress.advance(len(batch))
    progress.stop()
    return out


def _convert(spec: SourceSpec, raw_dir: Path, res: SourceResult) -> list[Conversation]:
    from dolphin_data.pipeline import resolve_raw_files

    convs: list[Conversation] = []
    for path in resolve_raw_files(spec, raw_dir):
        for item in convert_rows(iter_rows(path), spec.converter, spec.name):
            res.rows_read += 1
            if isinstance(item, Reject):
                res.rejects.append(item)
            else:
                convs.append(item)
    return convs


def main_source(recipe: Recipe, name: str | None) -> SourceSpec:
    if name is not None:
        return recipe.source(name)
    for s in recipe.sources:
        if s.converter == "systemchat":
            return s
    raise UserError(f"{recipe.path}: no source with converter 'systemchat'; name one with --source")


def build_systemchat(
    recipe: Recipe,
    out: str | Path,
    rejects: str | Path,
    raw_dir: str | Path = "raw",
    report_dir: str | Path | None = None,
    source: str | None = None,
    include: Sequence[str] = (),
    guard_share: float = 0.0,
    guard_sources: Sequence[str] = (),
    guard_sentence: str = GUARD_SENTENCE,
    workers: int | None = 1,
    progress: Progress | None = None,
) -> dict[str, Any]:
    from dolphin_data.pipeline import Progress as NoProgress

    progress = progress or NoProgress()
    say = progress.log
    raw_dir = Path(raw_dir)
    main = main_source(recipe, source)
    extra = [recipe.source(n) for n in include]
    if main.name in include:
        raise UserError(f"--include {main.name}: that is the systemchat source itself")
    for g in guard_sources:
        if g != main.name and g not in include:
            raise UserError(f"--guard-source {g}: not part of this build; choose {main.name} or an --include source")
    share_guard = SystemChatGuardStage(share=guard_share, sentence=guard_sentence, seed=recipe.seed)
    all_guard = SystemChatGuardStage(share=1.0, sentence=guard_sentence, seed=recipe.seed)

    main_stages = [recipe.build_stage(st) for st in main.stages]
    validate_spec = next((st for st in main.stages if st.name == VALIDATE), None)
    if validate_spec is None:
        validate_spec = StageSpec(VALIDATE, {"repair": True, "rules": list(RULE_NAMES), "require_system": True})
        main_stages.append(recipe.build_stage(validate_spec))

    results: list[SourceResult] = []
    validate_outputs: dict[str, StageOutput] = {}
    ex = LocalExecutor(workers)
    try:
        for spec in [main, *extra]:
            res = SourceResult(spec.name)
            say(f"{spec.name}: convert")
            convs = _convert(spec, raw_dir, res)
            stages = main_stages if spec is main else [recipe.build_stage(st) for st in spec.stages if st.name != VALIDATE]
            if spec is not main:
                selected = []
                for c in convs:
                    if has_real_system_prompt(c):
                        selected.append(c)
                    else:
                        res.rejects.append(Reject(c.id, c.source, "systemchat_build", "system:not_selected", None))
                convs = selected
                stages = stages + [recipe.build_stage(validate_spec)]
            for stage in stages:
                say(f"{spec.name}: {stage.name} on {len(convs)} conversations")
                o = _run_stage(stage, spec.name, convs, ex, progress)
                res.rejects.extend(o.rejects)
                convs = o.kept
                if stage.name == VALIDATE:
                    validate_outputs[spec.name] = o
                if stage.name == "systemchat_guard":
                    res.guarded += o.counters.get("guarded", 0)
            guard = all_guard if spec.name in guard_sources else share_guard
            if guard.share > 0:
                o = _run_stage(guard, spec.name, convs, ex, progress)
                convs = o.kept
                res.guarded += o.counters.get("guarded", 0)
            res.kept = convs
            if res.rows_read != len(res.kept) + len(res.rejects):
                raise AssertionError(f"{spec.name}: {res.rows_read} rows != {len(res.kept)} kept + {len(res.rejects)} rejected")
            results.append(res)
    finally:
        ex.close()

    write_jsonl(out, (c.to_record(recipe.output_format) for r in results for c in r.kept))
    write_jsonl(rejects, (rej.to_json() for r in results for rej in r.rejects))
    summary: dict[str, Any] = {
        "recipe": str(recipe.path),
        "output": str(out),
        "sources": {r.name: r.summary() for r in results},
        "totals": {
            "rows_read": sum(r.rows_read for r in results),
            "kept": sum(len(r.kept) for r in results),
            "rejected": sum(len(r.rejects) for r in results),
            "guarded": sum(r.guarded for r in results),
        },
    }
    if report_dir is not None:
        report_dir = Path(report_dir)
        stage = recipe.build_stage(validate_spec)
        summary["validate"] = stage.report(report_dir, validate_outputs)
        (report_dir / "build.json").write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
    return summary
