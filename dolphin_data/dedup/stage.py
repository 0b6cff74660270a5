"""The ``dedup`` stage: exact + near-duplicate removal within and across sources (a corpus barrier).

``decide`` streams every source that lists ``dedup`` once, in recipe order (``process_corpus`` does the same for
sources in memory), which is the default
priority: when copies live in several sources, the copy in the earliest source survives. Parameters come
from ``stage_params.dedup`` (a corpus stage has one set of parameters for the whole build).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.dedup import EXACT, REASONS, DedupConfig, DedupResult, deduplicate_batches
from dolphin_data.dedup.minhash import ShingleConfig
from dolphin_data.errors import UserError
from dolphin_data.stages import STAGES, BarrierStage, ParamError, StageOutput


@STAGES.register("dedup")
class DedupStage(BarrierStage):
    """Exact and MinHash-LSH near-duplicates within and across sources -> dup:exact / dup:near.

    Args:
        threshold: Jaccard similarity at or above which two conversations are near duplicates
        num_perm: MinHash permutations
        bands: LSH bands (with `rows`); auto from `threshold`, `num_perm`, `min_recall`
        rows: LSH rows per band
        min_recall: recall target at the threshold used to choose bands x rows
        exact_check: verify candidate pairs with exact Jaccard (no false merges)
        text: compared text: `conversation`, `first_human`, `first_exchange` (human + first gpt)
        include_system: include the system prompt in the compared text (the 2.9 recipe sets true)
        normalise: normalisation before shingling: `default`, `nfkc`, `whitespace`, `none`
        shingle: `word` n-grams or `char` n-grams (code)
        ngram: shingle size
        keep: survivor rule: `priority` (source order, then earliest) or `longest`
        priority: source names, highest priority first
        backend: signature engine: `rensa` (compiled) or `numpy` (bit-identical to datasketch)
        seed: MinHash seed
        workers: processes for the signature pass
    """

    name = "dedup"
    kind = "corpus"

    def __init__(
        self,
        threshold: float = 0.8,
        num_perm: int = 128,
        bands: int | None = None,
        rows: int | None = None,
        min_recall: float = 0.99,
        exact_check: bool = True,
        text: str = "conversation",
        include_system: bool = False,
        normalise: str = "default",
        shingle: str = "word",
        ngram: int = 5,
        keep: str = "priority",
        priority: Sequence[str] | None = None,
        backend: str = "rensa",
        seed: int = 1,
        workers: int | None = None,
    ):
        self.threshold, self.num_perm, self.bands, self.rows = threshold, num_perm, bands, rows
        self.min_recall, self.exact_check, self.text, self.include_system = min_recall, exact_check, text, include_system
        self.normalise, self.shingle, self.ngram, self.keep = normalise, shingle, ngram, keep
        self.priority = list(priority) if priority is not None else None
        self.backend, self.seed, self.workers = backend, seed, workers
        if priority is not None and (isinstance(priority, str) or not all(isinstance(p, str) for p in priority)):
            raise ParamError(f"stage 'dedup': priority must be a list of source names, got {priority!r}")
        try:
            self.config = DedupConfig(
                threshold=float(threshold), num_perm=num_perm, bands=bands, rows=rows, min_recall=float(min_recall),
                exact_check=bool(exact_check), seed=seed, backend=backend, keep=keep,
                # None = every core: on a quiet 2-core machine 2 processes gave 34k vs 26k docs/s at 200k
                # (under load from other work they were slower, 22k vs 25k)
                workers=(os.cpu_count() or 1) if workers is None else workers,
                shingles=ShingleConfig(text, bool(include_system), normalise, shingle, ngram),
            )
        except (ValueError, TypeError) as e:
            raise ParamError(f"stage 'dedup': {e}") from None
        self.stats: dict[str, Any] = {}
        self.decision: DedupDecision | None = None

    def params(self) -> dict[str, Any]:
        if not hasattr(self, "_lsh"):
            self._lsh = self.config.lsh()  # a numeric search: once per stage, not per call
        out = super().params()
        out["bands"], out["rows"] = self._lsh
        return out

    def order(self, names: Sequence[str]) -> list[str]:
        """Source priority: the ``priority`` list first, then the other sources in the order given."""
        if self.priority is None:
            return list(names)
        unknown = [p for p in self.priority if p not in names]
        if unknown:
            raise UserError(
                f"stage_params.dedup.priority: {unknown[0]!r} is not a source that runs dedup; sources: {', '.join(names)}"
            )
        return list(self.priority) + [n for n in names if n not in self.priority]

    def check_sources(self, names: Sequence[str]) -> None:
        """Called when a recipe loads: every ``priority`` name is a source that runs dedup."""
        self.order(names)

    def sketch(self, batch: Batch, spill: Path) -> tuple[list[str], list[str]]:
        # until the dedup phases land: the selected texts themselves (not yet compact)
        return list(batch.ids), self.config.shingles.texts(batch)

    def concat_sketches(self, parts: Sequence[tuple[list[str], list[str]]]) -> tuple[list[str], list[str]]:
        return [i for p in parts for i in p[0]], [t for p in parts for t in p[1]]

    def decide(self, sketches: Sequence[tuple[str, Any]]) -> DedupDecision:
        """Deduplicate every source's records at once, sources in priority order."""
        names = [name for name, _ in sketches]
        counts = [len(sk[0]) for _, sk in sketches]
        rank = {name: i for i, name in enumerate(self.order(names))}
        src = np.repeat(np.arange(len(names), dtype=np.int64), counts)
        position = np.concatenate([np.arange(n, dtype=np.int64) for n in counts]) if counts else np.zeros(0, np.int64)
        priority = np.array([rank[n] for n in names], np.int64)[src] if names else np.zeros(0, np.int64)
        ids = [i for _, sk in sketches for i in sk[0]]
        texts = [t for _, sk in sketches for t in sk[1]]
        size = self.config.batch_size
        result = deduplicate_batches((texts[i : i + size] for i in range(0, len(texts), size)), self.config, priority,
                                     position)
        self.stats = dict(result.stats)
        return DedupDecision(self.name, names, counts, src, ids, result)

    def summary(self) -> Any:
        from dolphin_data.dedup.report import DedupSummary

        return DedupSummary()

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.dedup.report import write_report

        return write_report(Path(report_dir), summaries, self.stats, self.params())


class DedupDecision:
    """Per-record dedup verdicts (arrays over every record of every source, in order) and the records' ids."""

    def __init__(self, stage: str, names: list[str], counts: list[int], src: np.ndarray, ids: list[str],
                 result: DedupResult):
        self.stage, self.names, self.src, self.ids = stage, names, src, ids
        self.start = dict(zip(names, np.cumsum([0] + counts)[:-1].tolist(), strict=True))
        self.survivor, self.reason, self.similarity = result.survivor, result.reason, result.similarity
        self.is_survivor = np.zeros(len(ids), bool)
        self.is_survivor[self.survivor[self.reason != 0]] = True

    def part(self, source: str, start: int, n: int) -> DedupVerdicts:
        lo = self.start[source] + start
        reason = self.reason[lo : lo + n].copy()
        dropped = np.flatnonzero(reason != 0)
        kept = {}
        for k in dropped.tolist():
            g = int(self.survivor[lo + k])
            sim = 1.0 if reason[k] == EXACT else round(float(self.similarity[lo + k]), 4)
            kept[k] = (self.ids[g], self.names[int(self.src[g])], sim)
        return DedupVerdicts(reason, kept, self.is_survivor[lo : lo + n].copy())


class DedupVerdicts:
    """One shard's dedup verdicts: reason codes, and for each dropped record the kept copy and the similarity."""

    def __init__(self, reason: np.ndarray, kept: dict[int, tuple[str, str, float]], survivor: np.ndarray):
        self.reason, self.kept, self.survivor = reason, kept, survivor

    def apply(self, batch: Batch, offset: int) -> StageOutput:
        out = StageOutput()
        reason = self.reason[offset : offset + len(batch)].tolist()
        cross = 0
        for i, code in enumerate(reason):
            if code == 0:
                continue
            kept_id, kept_source, sim = self.kept[offset + i]
            out.drop(i, REASONS[code], duplicate_of=kept_id, duplicate_source=kept_source, similarity=sim)
            cross += kept_source != batch.source
        if cross:
            out.counters["cross_source"] += cross
        out.notes["survivors"] = np.flatnonzero(self.survivor[offset : offset + len(batch)]).tolist()
        return out
