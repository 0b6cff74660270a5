"""Sample stage: keep ``n`` (or a ``fraction``) of a source, chosen by a seeded hash of each id.

Hash selection (keep the n smallest ``blake2b(seed:id)``) is independent of input order and of how the
source is split into batches or machines, so the same recipe always keeps the same records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np

from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import STAGES, ParamError, Stage, StageOutput


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

    def process_source(self, convs: list[Conversation]) -> StageOutput:
        target = self.n if self.n is not None else round(len(convs) * float(self.fraction or 0))
        out = StageOutput([], [])
        if target >= len(convs):
            out.kept = list(convs)
            return out
        keys = np.fromiter((id_hash(self.seed, c.id) for c in convs), dtype=np.uint64, count=len(convs))
        # stable argsort: ties (never in practice) resolve by input position
        chosen = np.zeros(len(convs), dtype=bool)
        chosen[np.argsort(keys, kind="stable")[:target]] = True
        for conv, keep in zip(convs, chosen, strict=True):
            if keep:
                out.kept.append(conv)
            else:
                # the record itself is not copied: at full scale that would duplicate ~800k OpenHermes rows
                out.rejects.append(Reject(conv.id, conv.source, self.name, "sample:not_selected", None))
        return out

    def process_corpus(self, sources: Mapping[str, list[Conversation]]) -> dict[str, StageOutput]:
        return {name: self.process_source(convs) for name, convs in sources.items()}
