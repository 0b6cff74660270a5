"""The stage contract: what the engine asks of a stage, and nothing more.

- A **batch** stage is pure over one ``Batch``: ``process(batch) -> StageOutput``: which records it drops (with a
  ``family:code`` reason and evidence), which it edits (a repaired conversation), the repairs it made, and counters.
  No state between calls: the same call runs in any worker process, in any order, or on a Ray cluster.
  ``FilterStage`` turns per-record verdicts into that output, so a new filter is one class with one method.
- A **barrier** stage decides from a whole source (``kind = "source"``, e.g. sample) or from every source that lists
  it (``kind = "corpus"``, e.g. dedup) in two steps: ``sketch(batch, spill)`` runs in the workers and returns a
  compact, picklable summary of each record (id hashes, MinHash bands...); ``decide(sketches)`` runs once in the
  driver over the sketches of every shard, in source and shard order, and returns a ``Decision``;
  ``decision.part(source, start, n)`` is the small slice of verdicts a worker applies to its shard.
- Reports: ``summary()`` is a fresh bounded accumulator; the engine feeds it every batch and output inside the
  workers (``add(batch, out)``), merges the per-shard accumulators in order (``merge``), and hands them, per source,
  to ``report(report_dir, summaries)``, which writes the stage's artefacts and returns a JSON summary.

The engine owns everything else: reading, ids, lines and files, streaming, workers, rejects files, accounting.
Parameters are the keyword arguments of ``__init__`` (``dolphin_data.stages.params``); ``self.ctx`` is the run's
``RunContext``, set by ``make_stage`` before any data moves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from dolphin_data.batch import Batch
from dolphin_data.context import RunContext
from dolphin_data.model import Conversation
from dolphin_data.registry import Registry
from dolphin_data.stages.params import ParamError, check_params, param_infos


@dataclass(frozen=True, slots=True)
class Drop:
    """Why one record leaves at this stage. ``record=False`` keeps only its id in the rejects file (``sample``)."""

    reason: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    record: bool = True


@dataclass
class StageOutput:
    """What a stage did to one batch, by record index. Records not dropped are kept (edited where ``edits`` says);
    a record both edited and dropped is written to the rejects as edited (the evidence refers to that text)."""

    drops: dict[int, Drop] = field(default_factory=dict)
    edits: dict[int, Conversation] = field(default_factory=dict)
    # one dict per repair: {"id", "stage", "turn", "rule", "removed", "before_chars", "after_chars", ...}
    repairs: list[dict[str, Any]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    # other per-record side streams a command may ask for (e.g. tokens' {"id", "tokens", "trainable_tokens"})
    side: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # stage-private data for its own summary (never written by the engine)
    notes: dict[str, Any] = field(default_factory=dict)

    def drop(self, i: int, reason: str, *, record: bool = True, **evidence: Any) -> None:
        self.drops[i] = Drop(reason, evidence, record)

    def edit(self, i: int, conv: Conversation) -> None:
        self.edits[i] = conv

    def kept(self, n: int) -> list[int]:
        """Indices of the kept records of an ``n``-record batch, in order."""
        return [i for i in range(n) if i not in self.drops]

    def kept_conversations(self, batch: Batch) -> Iterator[Conversation]:
        for i in self.kept(len(batch)):
            yield self.edits.get(i) or batch[i]

    def apply(self, batch: Batch) -> Batch:
        """The batch that goes on: kept records, edits applied."""
        kept = self.kept(len(batch))
        edits = {k: self.edits[i] for k, i in enumerate(kept) if i in self.edits}
        return batch.take(kept).replace(edits)


class Summary(Protocol):
    """A stage's bounded per-source accumulator for its report (picklable: built in workers, merged in the driver)."""

    def add(self, batch: Batch, out: StageOutput) -> None: ...

    def merge(self, other: Any) -> None: ...


class Stage:
    """Base of every stage. Subclasses set ``name``, ``kind``, and take their parameters as keyword arguments."""

    name: ClassVar[str]
    kind: ClassVar[str] = "batch"  # batch | source | corpus
    # parameters that mirror a run-wide setting: {param: RunContext path}
    context_params: ClassVar[dict[str, str]] = {}
    # side streams a build writes as <out>/<name>/<stage>.jsonl (stage commands write any side stream on request)
    build_side: ClassVar[tuple[str, ...]] = ()
    ctx: RunContext = RunContext()

    def params(self) -> dict[str, Any]:
        """The resolved parameters, as recorded in the manifest (defaults included)."""
        return {p.name: _plain(getattr(self, p.name)) for p in param_infos(type(self)) if hasattr(self, p.name)}

    def summary(self) -> Summary | None:
        """A fresh per-source accumulator for ``report`` (None: the stage writes no report)."""
        return None

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        """Write report artefacts into ``report_dir`` from the per-source summaries; return a JSON summary."""
        return {}


class BatchStage(Stage):
    kind: ClassVar[str] = "batch"

    def process(self, batch: Batch) -> StageOutput:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Verdict:
    """A filter's decision on one record: drop it for ``reason`` (with evidence), or keep ``edited`` instead."""

    reason: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    edited: Conversation | None = None


class FilterStage(BatchStage):
    """A batch stage written as one method: ``verdicts(batch)`` gives None (keep) or a ``Verdict`` per record."""

    def verdicts(self, batch: Batch) -> Sequence[Verdict | None]:
        raise NotImplementedError

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        for i, v in enumerate(self.verdicts(batch)):
            if v is None:
                continue
            if v.reason is not None:
                out.drops[i] = Drop(v.reason, v.evidence)
            elif v.edited is not None:
                out.edits[i] = v.edited
        return out


class Verdicts(Protocol):
    """A barrier decision's slice for one shard: applied to its batches in the worker, in order."""

    def apply(self, batch: Batch, offset: int) -> StageOutput:
        """The output for ``batch``, the shard's records ``offset .. offset+len(batch)-1``."""
        ...


class Decision(Protocol):
    def part(self, source: str, start: int, n: int) -> Verdicts:
        """The verdicts of ``source``'s records ``start .. start+n-1`` (one shard), small and picklable."""
        ...


class BarrierStage(Stage):
    """A stage that decides from whole sources: sketch in the workers, decide once in the driver."""

    kind: ClassVar[str] = "corpus"

    def sketch(self, batch: Batch, spill: Path) -> Any:
        """A compact summary of every record of ``batch`` (numpy arrays); bulky parts may go to files under ``spill``
        (a folder private to this shard). Concatenated in order by ``concat_sketches``."""
        raise NotImplementedError

    def concat_sketches(self, parts: Sequence[Any]) -> Any:
        raise NotImplementedError

    def decide(self, sketches: Sequence[tuple[str, Any]], progress: Any = None) -> Decision:
        """``sketches``: ``(source, sketch)`` for every participating source, in recipe order. ``progress`` (the
        engine's ``Progress``, or None) may be told about long phases: ``start(what, total)``, ``advance``, ``stop``."""
        raise NotImplementedError


STAGES: Registry[type[Stage]] = Registry("stage")


def make_stage(name: str, params: Mapping[str, Any] | None = None, ctx: RunContext | None = None) -> Stage:
    """Instantiate a registered stage for a run: parameters checked against the declaration, run-wide settings
    filled in; a bad value raises ``ParamError`` naming the stage and the parameter."""
    load_builtin_stages()
    cls = STAGES.get(name)
    ctx = ctx or RunContext()
    kwargs = check_params(name, cls, params or {}, ctx)
    try:
        stage = cls(**kwargs)
    except TypeError as e:
        raise ParamError(f"stage {name!r}: {e}") from None
    stage.ctx = ctx
    return stage


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


BUILTIN_STAGE_MODULES = [
    "dolphin_data.stages.sample",
    "dolphin_data.unfilter.stage",
    "dolphin_data.tokens.stage",
    "dolphin_data.systemchat.stage",
    "dolphin_data.systemchat.select",
    "dolphin_data.dedup.stage",
    "dolphin_data.decontam.stage",
]
_loaded = False


def load_builtin_stages() -> None:
    """Import the stage modules so their ``@STAGES.register`` lines run (explicit, no star-imports)."""
    global _loaded
    if _loaded:
        return
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)
    _loaded = True
