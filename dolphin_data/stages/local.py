"""Run one stage on conversations held in memory (the Python API, notebooks and unit tests).

``run_stage(stage, convs)`` gives what the stage keeps and rejects, as ``Conversation`` and ``Reject`` objects; a
barrier stage (sample, dedup) is sketched, decided and applied exactly as the engine does it, with every source in
``sources`` taking part. Files, ids, lines, shards and workers are the engine's business, not this helper's.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages.base import BarrierStage, BatchStage, Stage, StageOutput


@dataclass
class Applied:
    kept: list[Conversation] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    repairs: list[dict[str, Any]] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    output: StageOutput | None = None
    summary: Any = None


def _applied(stage: Stage, batch: Batch, out: StageOutput, summary: Any = None) -> Applied:
    res = Applied(
        list(out.kept_conversations(batch)),
        repairs=list(out.repairs),
        counters=Counter(out.counters),
        output=out,
        summary=summary,
    )
    for i in sorted(out.drops):
        d = out.drops[i]
        record = (out.edits.get(i) or batch[i]).to_record("sharegpt") if d.record else None
        res.rejects.append(Reject(batch.ids[i], batch.source, stage.name, d.reason, record, dict(d.evidence)))
    if summary is not None:
        summary.add(batch, out)
    return res


def as_batch(source: str, convs: Sequence[Conversation]) -> Batch:
    return Batch.from_conversations(source, convs, np.arange(len(convs), dtype=np.int64))


def run_stage(stage: Stage, convs: Sequence[Conversation], source: str | None = None) -> Applied:
    """One stage on one source's conversations."""
    name = source or (convs[0].source if convs else "input")
    return run_sources(stage, {name: convs})[name]


def run_sources(stage: Stage, sources: Mapping[str, Sequence[Conversation]]) -> dict[str, Applied]:
    """One stage on several sources (in priority order): a barrier decides over all of them at once."""
    batches = {name: as_batch(name, convs) for name, convs in sources.items()}
    if isinstance(stage, BatchStage):
        return {name: _applied(stage, b, stage.process(b), stage.summary()) for name, b in batches.items()}
    assert isinstance(stage, BarrierStage)
    with tempfile.TemporaryDirectory() as spill:
        sketches = [(name, stage.concat_sketches([stage.sketch(b, Path(spill))])) for name, b in batches.items()]
        if stage.kind == "source":
            decisions = {name: stage.decide([(name, sk)]) for name, sk in sketches}
        else:
            shared = stage.decide(sketches)
            decisions = dict.fromkeys(batches, shared)
        return {
            name: _applied(stage, b, decisions[name].part(name, 0, len(b)).apply(b, 0), stage.summary())
            for name, b in batches.items()
        }
