"""Sample stage: keep ``n`` (or a ``fraction``) of a source, chosen by a seeded hash of each id.

Hash selection (keep the n smallest ``blake2b(seed:id)``) is independent of input order and of how the source is
split into shards, batches or machines, so the same recipe always keeps the same records. A source barrier: the
workers sketch each record as its id hash; the driver picks the ``n`` smallest per source.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.stages.base import STAGES, BarrierStage, StageOutput
from dolphin_data.stages.params import ParamError

REASON = "sample:not_selected"


def id_hash(seed: int, conv_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{seed}:{conv_id}".encode(), digest_size=8).digest(), "big")


def select_mask(keys: np.ndarray, target: int) -> np.ndarray:
    """Keep the ``target`` smallest keys (stable: ties, never seen in practice, resolve by position)."""
    count = len(keys)
    if target >= count:
        return np.ones(count, dtype=bool)
    chosen = np.zeros(count, dtype=bool)
    chosen[np.argsort(keys, kind="stable")[:target]] = True
    return chosen


@STAGES.register("sample")
class SampleStage(BarrierStage):
    """Keep n records (or a fraction) of a source, chosen by seeded id hash; the rest -> sample:not_selected.

    Args:
        n: records to keep (all when the source has fewer)
        fraction: share to keep instead of n
        seed: hash seed (default: the recipe's seed)
    """

    name = "sample"
    kind = "source"
    context_params: ClassVar[dict[str, str]] = {"seed": "seed"}

    def __init__(self, n: int | None = None, fraction: float | None = None, seed: int | None = None):
        if (n is None) == (fraction is None):
            raise ParamError("stage 'sample': give exactly one of n or fraction")
        if n is not None and n < 0:
            raise ParamError(f"stage 'sample': n must be a non-negative integer, got {n!r}")
        if fraction is not None and not 0.0 <= float(fraction) <= 1.0:
            raise ParamError(f"stage 'sample': fraction must be between 0 and 1, got {fraction!r}")
        self.n, self.fraction, self.seed = n, fraction, 42 if seed is None else seed

    def sketch(self, batch: Batch, spill: Path) -> np.ndarray:
        return np.fromiter((id_hash(self.seed, i) for i in batch.ids), dtype=np.uint64, count=len(batch))

    def concat_sketches(self, parts: Sequence[np.ndarray]) -> np.ndarray:
        return np.concatenate(list(parts)) if parts else np.zeros(0, np.uint64)

    def decide(self, sketches: Sequence[tuple[str, np.ndarray]], progress: Any = None) -> Selection:
        masks = {}
        for source, keys in sketches:
            target = self.n if self.n is not None else round(len(keys) * float(self.fraction or 0))
            masks[source] = select_mask(keys, target)
        return Selection(masks)


class Selection:
    """A sample decision: per source, a keep mask in record order."""

    def __init__(self, masks: dict[str, np.ndarray]):
        self.masks = masks

    def part(self, source: str, start: int, n: int) -> MaskVerdicts:
        return MaskVerdicts(self.masks[source][start : start + n].copy())


class MaskVerdicts:
    def __init__(self, keep: np.ndarray):
        self.keep = keep

    def apply(self, batch: Batch, offset: int) -> StageOutput:
        out = StageOutput()
        keep = self.keep[offset : offset + len(batch)]
        for i in np.flatnonzero(~keep).tolist():
            # the record itself is not copied: at full scale that would duplicate ~800k OpenHermes rows
            out.drop(i, REASON, record=False)
        return out
