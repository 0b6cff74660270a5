"""The ``dedup`` stage: exact + near-duplicate removal within and across sources (a corpus barrier).

The engine runs it in the dedup phases (``dolphin_data.dedup``): ``sketch`` in the workers, batch by batch (the
shingle hashes appended to one file in the shard's spill folder), ``decide`` once in the driver over every
source's sketches, and ``part``/``apply`` in the workers with each shard's slice of the verdicts. Sources come in
recipe order, which is the default priority: when copies live in several sources, the copy in the earliest source
survives. Parameters come from ``stage_params.dedup`` (a corpus stage has one set of parameters for the build).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.batch import GPT, HUMAN, SYSTEM, Batch
from dolphin_data.dedup.config import EXACT, KEPT, REASONS, DedupConfig
from dolphin_data.dedup.decide import DedupResult
from dolphin_data.dedup.decide import decide as decide_verdicts
from dolphin_data.dedup.minhash import ShingleConfig
from dolphin_data.dedup.sketch import Sketch, empty_sketch, sketch
from dolphin_data.dedup.spill import ShingleWriter
from dolphin_data.errors import UserError
from dolphin_data.stages import STAGES, BarrierStage, ParamError, StageOutput

SPILL_FILE = "dedup-shingles.u64"  # in the shard's spill folder: every batch's shingle hashes, appended


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
    ):
        self.threshold, self.num_perm, self.bands, self.rows = threshold, num_perm, bands, rows
        self.min_recall, self.exact_check, self.text, self.include_system = (
            min_recall,
            exact_check,
            text,
            include_system,
        )
        self.normalise, self.shingle, self.ngram, self.keep = normalise, shingle, ngram, keep
        self.priority = list(priority) if priority is not None else None
        self.backend, self.seed = backend, seed
        if priority is not None and (isinstance(priority, str) or not all(isinstance(p, str) for p in priority)):
            raise ParamError(f"stage 'dedup': priority must be a list of source names, got {priority!r}")
        try:
            self.config = DedupConfig(
                threshold=float(threshold),
                num_perm=num_perm,
                bands=bands,
                rows=rows,
                min_recall=float(min_recall),
                exact_check=bool(exact_check),
                seed=seed,
                backend=backend,
                keep=keep,
                shingles=ShingleConfig(text, bool(include_system), normalise, shingle, ngram),
            )
        except (ValueError, TypeError) as e:
            raise ParamError(f"stage 'dedup': {e}") from None
        self.stats: dict[str, Any] = {}

    def params(self) -> dict[str, Any]:
        out = super().params()
        out["bands"], out["rows"] = self.config.lsh()
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

    def sketch(self, batch: Batch, spill: Path) -> DedupSketch:
        """Phase 1 (workers): the batch's sketch; its shingle hashes are appended to the shard's spill file."""
        texts = selected_texts(batch, self.config.shingles)
        ids = IdColumn.of(batch.ids)
        if not self.config.exact_check:
            return DedupSketch(ids, sketch(texts, self.config))
        with ShingleWriter(Path(spill) / SPILL_FILE, append=True) as writer:
            return DedupSketch(ids, sketch(texts, self.config, writer))

    def concat_sketches(self, parts: Sequence[DedupSketch]) -> DedupSketch:
        return DedupSketch.concat(parts, self.config)

    def decide(self, sketches: Sequence[tuple[str, DedupSketch]], progress: Any = None) -> DedupDecision:
        """Phase 2 (driver): every source's records at once, sources in recipe order, ranked by ``priority``;
        ``progress`` hears each phase (``decide.decide``)."""
        names = [name for name, _ in sketches]
        counts = [len(sk.ids) for _, sk in sketches]
        rank = {name: i for i, name in enumerate(self.order(names))}
        src = np.repeat(np.arange(len(names), dtype=np.int64), counts)
        position = np.concatenate([np.arange(n, dtype=np.int64) for n in counts]) if counts else np.zeros(0, np.int64)
        priority = np.array([rank[n] for n in names], np.int64)[src] if names else np.zeros(0, np.int64)
        every = DedupSketch.concat([sk for _, sk in sketches], self.config)
        result = decide_verdicts(every.sketch, priority, position, self.config, progress)
        self.stats = dict(result.stats)
        return DedupDecision(self.name, names, counts, src, every.ids, result)

    def summary(self) -> Any:
        from dolphin_data.dedup.report import DedupSummary

        return DedupSummary()

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.dedup.report import write_report

        # the figures travel with the verdicts: a decision from the cache did not run decide in this process
        stats = next((s.engine for s in summaries.values() if getattr(s, "engine", None)), self.stats)
        return write_report(Path(report_dir), summaries, stats, self.params())


def selected_texts(batch: Batch, cfg: ShingleConfig) -> list[str]:
    """The text each conversation is compared on (``select_text``), from the batch's columns where possible."""
    if cfg.text == "conversation":
        return batch.texts_per_conversation((SYSTEM, HUMAN, GPT) if cfg.include_system else (HUMAN, GPT))
    return cfg.texts(batch)


class IdColumn:
    """Record ids as one UTF-8 buffer and end offsets: compact and cheap to pickle and concatenate."""

    __slots__ = ("data", "ends")

    def __init__(self, data: bytes, ends: np.ndarray):
        self.data, self.ends = data, ends

    @staticmethod
    def of(ids: Sequence[str]) -> IdColumn:
        encoded = [i.encode() for i in ids]
        return IdColumn(b"".join(encoded), np.cumsum([len(e) for e in encoded], dtype=np.int64))

    @staticmethod
    def concat(cols: Sequence[IdColumn]) -> IdColumn:
        if not cols:
            return IdColumn(b"", np.zeros(0, np.int64))
        shift = np.cumsum([0] + [len(c.data) for c in cols[:-1]])
        ends = [c.ends + s for c, s in zip(cols, shift, strict=True)]
        return IdColumn(b"".join(c.data for c in cols), np.concatenate(ends) if ends else np.zeros(0, np.int64))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        start = int(self.ends[i - 1]) if i > 0 else 0
        return self.data[start : int(self.ends[i])].decode()


@dataclass(frozen=True)
class DedupSketch:
    """What a shard sends to the driver: its records' ids and their dedup sketch."""

    ids: IdColumn
    sketch: Sketch

    def digest_content(self) -> tuple[Any, ...]:
        """What the engine keys the decision by: the ids and the sketch without the spill files' paths (the
        shingle hashes in them follow from the exact keys and the parameters)."""
        return self.ids.data, self.ids.ends, self.sketch.digest_content()

    @staticmethod
    def concat(parts: Sequence[DedupSketch], config: DedupConfig) -> DedupSketch:
        if not parts:
            return DedupSketch(IdColumn.concat([]), empty_sketch(config))
        return DedupSketch(IdColumn.concat([p.ids for p in parts]), Sketch.concat([p.sketch for p in parts]))


class DedupDecision:
    """Per-record dedup verdicts (arrays over every record of every source, in order) and the records' ids."""

    def __init__(
        self, stage: str, names: list[str], counts: list[int], src: np.ndarray, ids: IdColumn, result: DedupResult
    ):
        self.stage, self.names, self.src, self.ids = stage, names, src, ids
        self.start = dict(zip(names, np.cumsum([0] + counts)[:-1].tolist(), strict=True))
        self.result = result
        self.stats = {k: v for k, v in result.stats.items() if k != "seconds"}  # deterministic: keys the next tasks
        self.is_survivor = np.zeros(len(ids), bool)
        self.is_survivor[result.removed_survivors()] = True

    def part(self, source: str, start: int, n: int) -> DedupVerdicts:
        """Phase 3: one shard's verdicts, with the id, source and similarity of each dropped record's kept copy."""
        lo = self.start[source] + start
        v = self.result.slice(lo, n)
        kept = {}
        for k in np.flatnonzero(v.reason != KEPT).tolist():
            g = int(v.survivor[k])
            sim = 1.0 if v.reason[k] == EXACT else round(float(v.similarity[k]), 4)
            kept[k] = (self.ids[g], self.names[int(self.src[g])], sim)
        return DedupVerdicts(v.reason, kept, self.is_survivor[lo : lo + n].copy(), self.stats)


class DedupVerdicts:
    """One shard's dedup verdicts: reason codes, for each dropped record the kept copy and the similarity, which
    records are kept copies of others (for the report), and the decision's figures (``stats``, for the report)."""

    def __init__(
        self,
        reason: np.ndarray,
        kept: dict[int, tuple[str, str, float]],
        survivor: np.ndarray,
        stats: dict[str, Any] | None = None,
    ):
        self.reason, self.kept, self.survivor, self.stats = reason, kept, survivor, stats or {}

    def apply(self, batch: Batch, offset: int) -> StageOutput:
        out = StageOutput()
        reason = self.reason[offset : offset + len(batch)].tolist()
        cross = 0
        for i, code in enumerate(reason):
            if code == KEPT:
                continue
            kept_id, kept_source, sim = self.kept[offset + i]
            out.drop(i, REASONS[code], duplicate_of=kept_id, duplicate_source=kept_source, similarity=sim)
            cross += kept_source != batch.source
        if cross:
            out.counters["cross_source"] += cross
        out.notes["survivors"] = np.flatnonzero(self.survivor[offset : offset + len(batch)]).tolist()
        out.notes["engine"] = self.stats
        return out
