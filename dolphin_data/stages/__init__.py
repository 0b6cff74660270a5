"""Pipeline stages: the contract every stage after convert follows.

A ``BatchStage`` is pure over a batch of conversations: ``process(batch) -> StageOutput`` (kept, rejects,
counters). The same call is what the local executor runs on every core and what Ray's ``map_batches``
runs on a cluster, so a stage never keeps state between batches. A ``source`` stage (sample) decides from
the ids of a whole source (``select``); a ``corpus`` stage (dedup) decides from every participating source
streamed once in batches (``decide``) and runs in the driver. Both return a ``Decision`` that the build
applies while it streams the records again, so no stage needs a whole source in memory.

Reports see what streamed past, not the records: ``summary()`` gives a per-source accumulator that the build
feeds every output batch (``add``), and ``report`` receives those accumulators.

Stages are registered by name; recipes refer to them by that name with keyword parameters, which the
constructor validates (unknown or bad parameter -> ``ParamError``) before any data moves.
"""

from __future__ import annotations

import inspect
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from dolphin_data.errors import UserError
from dolphin_data.model import Conversation, Reject
from dolphin_data.registry import Registry


class ParamError(UserError):
    """A stage parameter is unknown or has a bad value (raised at recipe load, so before any work)."""


@dataclass
class StageOutput:
    kept: list[Conversation]
    rejects: list[Reject] = field(default_factory=list)
    # Extra numbers for the manifest (e.g. "repaired", "lang:en"); drop reasons are counted from rejects.
    counters: Counter[str] = field(default_factory=Counter)
    # One dict per repaired turn of a kept record: {"id", "stage", "turn", "rule", "removed", "before_chars",
    # "after_chars"}, so reports and `explain` see repairs without metadata travelling between stages.
    repairs: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: StageOutput) -> None:
        self.kept.extend(other.kept)
        self.rejects.extend(other.rejects)
        self.counters.update(other.counters)
        self.repairs.extend(other.repairs)


class Summary(Protocol):
    """What a stage's report keeps of one source while its output batches stream past (bounded, or compact)."""

    def add(self, out: StageOutput) -> None: ...


class Decision(Protocol):
    """A source or corpus stage's verdict on every record, applied while the records stream again."""

    def apply(self, source: str, batch: list[Conversation], offset: int) -> StageOutput:
        """The stage's output for ``batch``, the records ``offset..offset+len(batch)-1`` of ``source``."""
        ...

    def counts(self, source: str) -> tuple[int, int, Counter[str], Counter[str]]:
        """(records in, records kept, dropped per reason, counters) of ``source``."""
        ...


class IdList:
    """Record ids packed in one byte buffer (about the ids' size, not ~60 bytes of object per id)."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._ends = array("q")

    def extend(self, ids: Iterable[str]) -> None:
        for i in ids:
            self._buf += i.encode()
            self._ends.append(len(self._buf))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        start = self._ends[i - 1] if i > 0 else 0
        return self._buf[start : self._ends[i]].decode()

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class Stage:
    """Base of all stages. Subclasses set ``name`` and accept their parameters as keyword arguments."""

    name: ClassVar[str]
    # "batch": process(batch) is pure and runs in parallel; "source": select(ids) decides for one whole source;
    # "corpus": decide(...) sees every source that lists the stage (a barrier in the build).
    kind: ClassVar[str] = "batch"

    def params(self) -> dict[str, Any]:
        """The resolved parameters, as recorded in the manifest (defaults included)."""
        sig = inspect.signature(type(self).__init__)
        return {k: getattr(self, k) for k in sig.parameters if k != "self" and hasattr(self, k)}

    def process(self, batch: list[Conversation]) -> StageOutput:
        raise NotImplementedError

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        raise NotImplementedError

    def select(self, ids: IdList) -> Decision:
        """Source stage: decide from the ids of the whole source."""
        raise NotImplementedError

    def decide(self, sources: Sequence[tuple[str, int, Iterable[list[Conversation]]]]) -> Decision:
        """Corpus stage: decide from every source ``(name, records, batches)``, each streamed once, in order."""
        raise NotImplementedError

    def summary(self) -> Summary | None:
        """A fresh per-source accumulator for ``report`` (None: the stage writes no report)."""
        return None

    def report(self, report_dir: Path, results: Mapping[str, Any]) -> dict[str, Any]:
        """Optional: write report artifacts into ``report_dir`` and return a JSON summary for the manifest.

        ``results`` maps source name (build) or file stem (stage command) to that source's ``summary()``
        accumulator, or to its whole ``StageOutput`` (stage commands; see ``summaries``). The build passes
        ``<out>/reports/<stage name>``; stage commands pass their ``--report DIR``.
        """
        return {}


def summaries(stage: Stage, results: Mapping[str, Any]) -> dict[str, Any]:
    """Accumulators for ``report``: whole ``StageOutput`` values (stage commands hold them anyway) are fed in."""
    out: dict[str, Any] = {}
    for name, res in results.items():
        if isinstance(res, StageOutput):
            acc = stage.summary()
            if acc is None:
                raise TypeError(f"stage {stage.name!r} has no report summary")
            acc.add(res)
            res = acc
        out[name] = res
    return out


STAGES: Registry[type[Stage]] = Registry("stage")


def make_stage(name: str, params: Mapping[str, Any] | None = None) -> Stage:
    """Instantiate a registered stage; unknown parameters name the valid ones."""
    cls = STAGES.get(name)
    params = dict(params or {})
    sig = inspect.signature(cls.__init__)
    valid = [p for p in sig.parameters if p != "self"]
    unknown = sorted(set(params) - set(valid))
    if unknown:
        raise ParamError(f"unknown parameter {unknown[0]!r} for stage {name!r}; valid: {', '.join(valid) or '(none)'}")
    try:
        return cls(**params)
    except TypeError as e:
        raise ParamError(f"stage {name!r}: {e}") from None


def load_builtin_stages() -> None:
    """Import the stage modules so their ``@STAGES.register`` lines run (explicit, no star-imports)."""
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)


BUILTIN_STAGE_MODULES = [
    "dolphin_data.stages.sample",
    "dolphin_data.unfilter.stage",
    "dolphin_data.tokens.stage",
    "dolphin_data.systemchat.stage",
    "dolphin_data.dedup.stage",
]
