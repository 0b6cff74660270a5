"""Dedup parameters (``DedupConfig``) and the verdict codes every phase shares.

A config is small, frozen and picklable: the engine hands the same one to every worker (``sketch``) and to
the driver (``decide``). ``sketch_params()`` is the part that shapes a ``Sketch``; ``decide`` refuses
sketches made with other values, so a worker and the driver can never disagree silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dolphin_data.dedup.cluster import KEEP_RULES
from dolphin_data.dedup.lsh import recall_param
from dolphin_data.dedup.minhash import BACKENDS, NORMALISERS, SHINGLES, TEXT_MODES, ShingleConfig

KEPT, EXACT, NEAR = 0, 1, 2
REASONS = {EXACT: "dup:exact", NEAR: "dup:near"}


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = 0.8
    num_perm: int = 128
    bands: int | None = None  # None: recall_param(threshold, num_perm, min_recall)
    rows: int | None = None
    min_recall: float = 0.99
    exact_check: bool = True
    seed: int = 1
    backend: str = "rensa"
    keep: str = "priority"
    shingles: ShingleConfig = field(default_factory=ShingleConfig)
    batch_size: int = 1024  # texts shingled at once in ``sketch`` (cache-sized: 1024 was 20% faster than 4096; results do not depend on it)
    all_pairs_upto: int = 32  # LSH buckets up to this size pair every two members; larger ones: see phases.candidates
    spill_dir: str | None = (
        None  # where ``deduplicate_batches`` and the stage put the shingle-hash file (default: temp)
    )

    def __post_init__(self) -> None:
        s = self.shingles
        checks = [
            (0.0 < self.threshold <= 1.0, f"threshold must be in (0, 1], got {self.threshold!r}"),
            (
                isinstance(self.num_perm, int) and 1 <= self.num_perm <= 1024,
                f"num_perm must be 1..1024, got {self.num_perm!r}",
            ),
            ((self.bands is None) == (self.rows is None), "give both bands and rows, or neither (automatic)"),
            (0.0 < self.min_recall <= 1.0, f"min_recall must be in (0, 1], got {self.min_recall!r}"),
            (self.backend in BACKENDS, f"backend {self.backend!r}: choose one of {', '.join(BACKENDS)}"),
            (self.keep in KEEP_RULES, f"keep {self.keep!r}: choose one of {', '.join(KEEP_RULES)}"),
            (s.text in TEXT_MODES, f"text {s.text!r}: choose one of {', '.join(TEXT_MODES)}"),
            (s.normalise in NORMALISERS, f"normalise {s.normalise!r}: choose one of {', '.join(NORMALISERS)}"),
            (s.shingle in SHINGLES, f"shingle {s.shingle!r}: choose one of {', '.join(SHINGLES)}"),
            (isinstance(s.ngram, int) and 1 <= s.ngram <= 64, f"ngram must be 1..64, got {s.ngram!r}"),
            (
                isinstance(self.batch_size, int) and self.batch_size >= 1,
                f"batch_size must be >= 1, got {self.batch_size!r}",
            ),
            (
                isinstance(self.all_pairs_upto, int) and self.all_pairs_upto >= 2,
                f"all_pairs_upto must be >= 2, got {self.all_pairs_upto!r}",
            ),
        ]
        for ok, msg in checks:
            if not ok:
                raise ValueError(msg)
        if self.bands is not None and self.rows is not None and self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows = {self.bands * self.rows} exceeds num_perm {self.num_perm}")

    def lsh(self) -> tuple[int, int]:
        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        return recall_param(self.threshold, self.num_perm, self.min_recall)

    def sketch_params(self) -> tuple[Any, ...]:
        """Everything that changes a sketch: two sketches combine only if these are equal."""
        return (self.num_perm, self.lsh(), self.exact_check, self.seed, self.backend, self.shingles)
