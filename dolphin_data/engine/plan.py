"""A plan: what the engine runs. Every command makes one: ``build`` from a recipe (``plan_recipe``), a stage command
from one or more files and one stage (``plan_files``). The engine knows nothing else.

A plan lists sources in priority order. Each source has its input files, a converter, a stage chain (names and
checked parameters) and an output file name; several sources may share an output file (their records are
concatenated in source order). The chain is cut into **segments** at barrier stages: a segment applies the previous
barrier's verdicts, runs batch stages, and ends by sketching for the next barrier (or by writing the output).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.context import RunContext
from dolphin_data.errors import InputError, UserError
from dolphin_data.stages.base import STAGES, Stage, load_builtin_stages, make_stage


@dataclass(frozen=True)
class StagePlan:
    name: str
    params: Mapping[str, Any]  # as given (the recipe's stage_params merged with the source's own)


@dataclass(frozen=True)
class SourcePlan:
    name: str
    output: str  # output file name inside the result folder
    converter: str
    files: tuple[str, ...]  # input files, absolute, in reading order
    labels: tuple[str, ...]  # how each file is named in artefacts (relative to the raw folder, or its file name)
    stages: tuple[StagePlan, ...] = ()
    # "converter": <source>:<upstream id or line> as the converter makes it; "record": the record's "id" as is
    ids: str = "converter"
    upstream: Mapping[str, Any] = field(default_factory=dict)  # for the manifest
    shape: str = "sharegpt"  # output shape of this source's file
    floor: tuple[int, float] | None = None  # (min_records, max_rejected): see recipe.Floor; None: no floor
    train_flags: bool = False  # write `train` on every turn (a build where some source carries per-turn flags)


@dataclass(frozen=True)
class Segment:
    """One unit of work on a shard. Segment 0 converts the raw rows (and sketches for the chain's first stage when
    that is a barrier), so a changed stage never re-parses raw JSON. A later segment applies the barrier ``apply``
    (a chain index) when there is one, runs the ``batch`` stages, and ends by sketching for the barrier ``sketch``
    or, when ``last``, by writing the output."""

    index: int
    apply: int | None
    batch: tuple[int, ...]
    sketch: int | None
    last: bool = False


@dataclass(frozen=True)
class Plan:
    name: str
    ctx: RunContext
    sources: tuple[SourcePlan, ...]
    recipe: Mapping[str, Any] = field(default_factory=dict)  # {"name", "path", "sha256"} for the manifest
    stage_reports: bool = True
    notes: tuple[str, ...] = ()  # what planning decided that the user should hear (e.g. a detected converter)
    # a build keeps a bad row of over 1 MB in rejects/raw/ (its reject points there); a command keeps it inline
    spill_rows: bool = False

    def source(self, name: str) -> SourcePlan:
        return next(s for s in self.sources if s.name == name)

    def digest(self) -> str:
        """A stable hash of everything the plan does (keys worker-side stage caches and result caches)."""
        return hashlib.sha256(orjson.dumps(self.to_json(), option=orjson.OPT_SORT_KEYS)).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ctx": {
                "seed": self.ctx.seed,
                "sequence_len": self.ctx.sequence_len,
                "format": self.ctx.output_format,
                "training": vars(self.ctx.training),
            },
            "sources": [
                {
                    "name": s.name,
                    "output": s.output,
                    "converter": s.converter,
                    "labels": list(s.labels),
                    "ids": s.ids,
                    "shape": s.shape,
                    "stages": [{"name": st.name, "params": dict(st.params)} for st in s.stages],
                }
                for s in self.sources
            ],
        }


def segments(stages: Sequence[Stage]) -> list[Segment]:
    """Cut a chain into segments (see ``Segment``): convert first, then at every barrier."""
    first_barrier = 0 if stages and stages[0].kind != "batch" else None
    out = [Segment(0, None, (), first_barrier, last=not stages)]
    apply = first_barrier
    batch: list[int] = []
    for i in range(0 if first_barrier is None else 1, len(stages)):
        if stages[i].kind == "batch":
            batch.append(i)
            continue
        out.append(Segment(len(out), apply, tuple(batch), i))
        apply, batch = i, []
    if stages:
        out.append(Segment(len(out), apply, tuple(batch), None, last=True))
    return out


_SHARED: dict[str, Stage] = {}


def build_stages(plan: Plan, source: SourcePlan) -> list[Stage]:
    """The source's chain as stage objects. Stages keep no state between calls, so one object serves every source
    that asks for the same stage with the same parameters (models load once per process)."""
    out = []
    for st in source.stages:
        key = orjson.dumps(
            [st.name, st.params, plan.to_json()["ctx"], plan.ctx.workers], option=orjson.OPT_SORT_KEYS, default=repr
        ).decode()
        if key not in _SHARED:
            if len(_SHARED) > 256:
                _SHARED.clear()
            _SHARED[key] = make_stage(st.name, st.params, plan.ctx)
        out.append(_SHARED[key])
    return out


def check_plan(plan: Plan) -> dict[str, list[Stage]]:
    """Construct every stage once (bad parameters fail before any data moves) and check corpus stages: one set of
    parameters, and the same order in every chain that lists them (a barrier must be reachable by all)."""
    load_builtin_stages()
    chains = {s.name: build_stages(plan, s) for s in plan.sources}
    corpus_params: dict[str, dict[str, Any]] = {}
    orders: list[list[str]] = []
    for s in plan.sources:
        order = []
        for st, spec in zip(chains[s.name], s.stages, strict=True):
            if st.kind == "corpus":
                p = st.params()
                if corpus_params.setdefault(st.name, p) != p:
                    raise UserError(
                        f"stage {st.name!r} runs across sources: give its parameters once "
                        f"(stage_params.{st.name}), not per source ({s.name})"
                    )
                if spec.name in order:
                    raise UserError(f"source {s.name!r}: corpus stage {spec.name!r} listed twice")
                order.append(spec.name)
        orders.append(order)
    for a in orders:
        for b in orders:
            common = [x for x in a if x in b]
            if common != [x for x in b if x in a]:
                raise UserError(
                    f"corpus stages {', '.join(common)} run in different orders in different sources; "
                    "give every source the same order"
                )
    return chains


def sniff_shape(path: Path) -> str:
    """ShareGPT or messages, from the first record of a stage command's input (``converter`` for the rest)."""
    from dolphin_data.io import iter_rows

    for raw in iter_rows(path):
        if raw.error is not None:
            continue
        row = raw.row
        if isinstance(row, dict) and "conversations" in row:
            return "sharegpt"
        if isinstance(row, dict) and "messages" in row:
            return "messages"
        keys = sorted(row)[:10] if isinstance(row, dict) else type(row).__name__
        raise InputError(
            f"{path}:{raw.line}: not a ShareGPT or messages record (found {keys}); stage commands read "
            f'{{"conversations": [{{"from", "value"}}]}} or {{"messages": [{{"role", "content"}}]}} - '
            f"convert upstream files first with `dolphin-data convert {path} --from SCHEMA --out OUT.jsonl`"
        )
    return "sharegpt"


def id_source(path: Path, sample: int = 200) -> str | None:
    """The source name a conversation file's ids carry: ``P`` when every id among its first ``sample`` records is
    ``P:...`` (the files a build or ``convert`` writes), else None. A stage command names such a source ``P``, so
    its rejects, reports and ``explain`` say the same source as the ids (and as the build that wrote them)."""
    from itertools import islice

    from dolphin_data.io import iter_rows

    prefixes = set()
    for raw in islice(iter_rows(path), sample):
        rid = raw.row.get("id") if raw.error is None and isinstance(raw.row, dict) else None
        if not isinstance(rid, str) or ":" not in rid:
            return None
        prefixes.add(rid.split(":", 1)[0])
        if len(prefixes) > 1:
            return None
    return prefixes.pop() if prefixes and prefixes != {""} else None


def plan_files(
    inputs: Sequence[str | Path],
    stages: Sequence[StagePlan],
    *,
    ctx: RunContext | None = None,
    converter: str | None = None,
    source: str | None = None,
    shape: str | None = None,
    train_flags: bool = False,
    split: str | None = None,
    download_dir: str | Path | None = None,
) -> Plan:
    """A stage command's plan: each input is a source (named by ``source`` or its file stem, in the order given),
    read as ShareGPT/messages (detected) unless ``converter`` names an upstream schema. An input may also be a
    ``save_to_disk`` or Hub-style data folder, or a Hub dataset id fetched into ``download_dir``
    (``dolphin_data.hub.inputs``): one source of several files."""
    from dolphin_data.converters import CONVERTERS
    from dolphin_data.hub.inputs import resolve_input

    resolved = [resolve_input(p, split, download_dir) for p in inputs]
    notes = [r.note for r in resolved if r.note]
    paths = [r.files[0] for r in resolved]
    for p in paths:
        if not p.exists():
            raise InputError(f"{p}: no such file; check the path (or run `dolphin-data pull` to fetch sources)")
    names = [source if source and len(paths) == 1 else r.name for r in resolved]
    if not source and converter is None:  # conversation files: the source their ids name, when they name one
        carried = [
            (id_source(p) if len(r.files) == 1 else None) or n for p, r, n in zip(paths, resolved, names, strict=True)
        ]
        if len(set(carried)) == len(carried):
            notes += [
                f"{p}: source {c} (the prefix of its ids)"
                for p, c, n in zip(paths, carried, names, strict=True)
                if c != n
            ]
            names = carried
    dupe = next((n for n in names if names.count(n) > 1), None)
    if dupe:
        raise UserError(f"inputs: two files are named {dupe!r}; sources are named by file stem, so rename one")
    if converter not in (None, "auto"):
        CONVERTERS.get(converter)
    srcs = []
    for p, name, res in zip(paths, names, resolved, strict=True):
        detected = converter or sniff_shape(p)
        if detected == "auto":
            from dolphin_data.converters.detect import resolve

            detected, note = resolve(p)
            notes.append(note)
        out_shape = shape or (detected if detected in ("sharegpt", "messages") else "sharegpt")
        single = len(res.files) == 1 and res.files[0].name.split(".")[0] == res.name
        srcs.append(
            SourcePlan(
                name=name,
                output=p.name if single and p.name.endswith(".jsonl") else res.name + ".jsonl",
                converter=detected,
                files=tuple(str(f.resolve()) for f in res.files),
                labels=res.labels(),
                stages=tuple(stages),
                ids="converter" if converter else "record",
                shape=out_shape,
                floor=(1, 0.5) if converter else None,
                train_flags=train_flags,
            )
        )
    plan = Plan(
        name=",".join(names), ctx=ctx or RunContext(), sources=tuple(srcs), stage_reports=True, notes=tuple(notes)
    )
    check_plan(plan)
    return plan


def stage_kind(name: str) -> str:
    load_builtin_stages()
    return STAGES.get(name).kind


def plan_recipe(recipe: Any, raw_dir: str | Path, workers: int = 1, follow_symlinks: bool = False) -> Plan:
    """A build's plan: the recipe's sources in order, their raw files resolved under ``raw_dir``."""
    from dataclasses import replace

    from dolphin_data.hub.inputs import source_files
    from dolphin_data.sources import resolve_raw_files

    raw_dir = Path(raw_dir)
    if raw_dir.is_file():
        raise UserError(
            f"--raw {raw_dir}: is a file; give the folder that holds raw/<source>/ (e.g. --raw raw), or run a stage "
            f"command on the file itself (e.g. dolphin-data unfilter {raw_dir})"
        )
    sources = []
    notes = []
    for spec in recipe.sources:
        files = source_files(spec, raw_dir, resolve_raw_files, follow_symlinks)
        converter = spec.converter
        if converter == "auto":
            from dolphin_data.converters.detect import resolve

            converter, note = resolve(files[0])
            notes.append(f"{spec.name}: {note}")
        sources.append(
            SourcePlan(
                name=spec.name,
                output=spec.output,
                converter=converter,
                files=tuple(str(p.resolve()) for p in files),
                labels=tuple(p.relative_to(raw_dir).as_posix() for p in files),
                stages=tuple(
                    StagePlan(st.name, {**recipe.stage_params.get(st.name, {}), **st.params}) for st in spec.stages
                ),
                upstream={"repo": spec.upstream.repo, "revision": spec.upstream.revision},
                shape=recipe.output_format,
                floor=(spec.floor.min_records, spec.floor.max_rejected),
            )
        )
    from dolphin_data.converters import TRAIN_FLAGS

    if any(s.converter in TRAIN_FLAGS for s in sources):
        sources = [replace(s, train_flags=True) for s in sources]
    ctx = replace(recipe.ctx, workers=workers)
    plan = Plan(
        recipe.name,
        ctx,
        tuple(sources),
        {"name": recipe.name, "path": recipe.display_path, "sha256": recipe.sha256},
        notes=tuple(notes),
        spill_rows=True,
    )
    check_plan(plan)
    return plan
