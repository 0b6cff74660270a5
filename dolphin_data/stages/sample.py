"""Sample stage: keep ``n`` (or a ``fraction``) of a source, chosen by a seeded hash of each id.

Hash selection (keep the n smallest ``blake2b(seed:id)``) is independent of input order and of how the
source is split into batches or machines, so the same recipe always keeps the same records.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import STAGES, IdList, ParamError, Stage, StageOutput


def id_hash(seed: int, conv_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{seed}:{conv_id}".encode(), digest_size=8).digest(), "big")


@STAGES.register("sample")
class SampleStage(Stage):
    """Keep n records (or a fraction) of a source, chosen by seeded id hash; the rest -> sample:not_selected."""

    name = "sample"
    kind = "source"

    def __init__(self, n: int | None = None, fraction: float | None = None, seed: int = 42):
        if (n is None) == (fraction is None):
            raise ParamError("stage 'sample': give exactly one of n or fraction")
        if n is not None and (not isinstance(n, int) or n < 0):
            raise ParamError(f"stage 'sample': n must be a non-negative integer, got {n!r}")
        if fraction is not None and not (0.0 <= float(fraction) <= 1.0):
            raise ParamError(f"stage 'sample': fraction must be between 0 and 1, got {fraction!r}")
        self.n, self.fraction, self.seed = n, fraction, seed

    def select_mask(self, ids: Iterable[str], count: int) -> np.ndarray:
        """Which of the source's ``count`` records (given by id, in order) are kept."""
        target = self.n if self.n is not None else round(count * float(self.fraction or 0))
        if target >= count:
            return np.ones(count, dtype=bool)
        keys = np.fromiter((id_hash(self.seed, i) for i in ids), dtype=np.uint64, count=count)
        # stable argsort: ties (never in practice) resolve by input position
        chosen = np.zeros(count, dtype=bool)
        chosen[np.argsort(keys, kind="stable")[:target]] = True
        return chosen

    def select(self, ids: IdList) -> Selection:
        return Selection(self, self.select_mask(ids, len(ids)))

    def process_source(self, convs: list[Conversation]) -> StageOutput:
        return Selection(self, self.select_mask((c.id for c in convs), len(convs))).apply("", convs, 0)

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        return {name: self.process_source(convs) for name, convs in sources.items()}


class Selection:
    """A sample decision over one source: a keep mask in record order."""

    def __init__(self, stage: SampleStage, mask: np.ndarray):
        self.name, self.mask = stage.name, mask

    def apply(self, source: str, batch: list[Conversation], offset: int) -> StageOutput:
        out = StageOutput([], [])
        for conv, keep in zip(batch, self.mask[offset : offset + len(batch)].tolist(), strict=True):
            if keep:
                out.kept.append(conv)
            else:
                # the record itself is not copied: at full scale that would duplicate ~800k OpenHermes rows
                out.rejects.append(Reject(conv.id, conv.source, self.name, "sample:not_selected", None))
        return out

    def counts(self, source: str) -> tuple[int, int, Counter[str], Counter[str]]:
        kept = int(self.mask.sum())
        dropped = Counter({"sample:not_selected": len(self.mask) - kept}) if kept < len(self.mask) else Counter()
        return len(self.mask), kept, dropped, Counter()
