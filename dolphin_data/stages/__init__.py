"""Pipeline stages: the contract every stage after convert follows.

A ``BatchStage`` is pure over a batch of conversations: ``process(batch) -> StageOutput`` (kept, rejects,
counters). The same call is what the local executor runs on every core and what Ray's ``map_batches``
runs on a cluster, so a stage never keeps state between batches. A ``CorpusStage`` (dedup) needs every
source at once and runs in the driver.

Stages are registered by name; recipes refer to them by that name with keyword parameters, which the
constructor validates (unknown or bad parameter -> ``ParamError``) before any data moves.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

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

    def extend(self, other: StageOutput) -> None:
        self.kept.extend(other.kept)
        self.rejects.extend(other.rejects)
        self.counters.update(other.counters)


class Stage:
    """Base of all stages. Subclasses set ``name`` and accept their parameters as keyword arguments."""

    name: ClassVar[str]
    # "batch": process(batch) is pure and runs in parallel; "corpus": process_corpus sees all sources.
    kind: ClassVar[str] = "batch"

    def params(self) -> dict[str, Any]:
        """The resolved parameters, as recorded in the manifest (defaults included)."""
        sig = inspect.signature(type(self).__init__)
        return {k: getattr(self, k) for k in sig.parameters if k != "self" and hasattr(self, k)}

    def process(self, batch: list[Conversation]) -> StageOutput:
        raise NotImplementedError

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        raise NotImplementedError

    def report(self, report_dir: Path, results: Mapping[str, StageOutput]) -> dict[str, Any]:
        """Optional: write report artifacts into ``report_dir`` and return a JSON summary for the manifest.

        ``results`` maps source name (build) or file stem (stage command) to that source's output of this
        stage. The build passes ``<out>/reports/<stage name>``; stage commands pass their ``--report DIR``.
        """
        return {}


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
