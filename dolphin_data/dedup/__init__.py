"""Exact + MinHash-LSH near-duplicate removal, as phases that fit a sharded engine with one barrier.

1. ``sketch(texts, config, spill) -> Sketch`` (``dedup.sketch``; ``sketch_batches`` for a shard's batches into
   one file), in each worker over its shard: exact keys, shingle counts, LSH band hashes; the shingle hashes go
   to a spill file for the exact check. Sketches of consecutive shards combine with ``Sketch.concat``.
2. ``decide(sketches, priority, position, config) -> DedupResult`` (``dedup.decide``), once in the driver
   over every source in priority order, composed of the phases in ``dedup.phases``: ``group_exact``,
   ``candidates``, ``verify``, ``cluster`` (with ``repair_pairs`` for large LSH buckets) and ``label``.
3. ``DedupResult.slice(start, n) -> Verdicts``: one shard's reasons, survivors and similarities, applied by
   the worker that holds the shard.

Nothing here starts processes: parallelism is the engine's (it runs ``sketch`` in its workers).
``deduplicate_batches`` / ``deduplicate`` run all phases in one process; the ``dedup`` stage and command
(``dedup.stage``) are built on them.
"""

from __future__ import annotations

from dolphin_data.dedup.config import EXACT, KEPT, NEAR, REASONS, DedupConfig
from dolphin_data.dedup.decide import DedupResult, Verdicts, decide, deduplicate, deduplicate_batches
from dolphin_data.dedup.sketch import Sketch, empty_sketch, sketch, sketch_batches
from dolphin_data.dedup.spill import ShingleReader, ShingleRun, ShingleWriter

__all__ = [
    "EXACT",
    "KEPT",
    "NEAR",
    "REASONS",
    "DedupConfig",
    "DedupResult",
    "ShingleReader",
    "ShingleRun",
    "ShingleWriter",
    "Sketch",
    "Verdicts",
    "decide",
    "deduplicate",
    "deduplicate_batches",
    "empty_sketch",
    "sketch",
    "sketch_batches",
]
