"""Synthetic corpora (``dolphin-data synth``; the command itself lives in ``dolphin_data.cli_synth``).

Profiles: ``dedup`` (``synth/dedup.py``: three sources with duplicate pairs planted at known Jaccard, for the dedup
benchmark and tests) and ``2.9`` (``synth/writer.py``: a ``raw/`` folder for recipes/2.9.yaml in every upstream
schema, sized from the upstream datasets, with planted problems and ``GROUND_TRUTH.jsonl``; docs/synth.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dolphin_data.synth.dedup import SynthCorpus, generate, iter_texts, vocabulary, write_synth


def write_profile(out_dir: str | Path, scale: float, seed: int = 0, workers: int | None = None) -> dict[str, Any]:
    """The ``2.9`` profile (``dolphin_data.synth.writer.write_profile``), imported on first use."""
    from dolphin_data.synth.writer import write_profile as write

    return write(out_dir, scale, seed, workers)


__all__ = ["SynthCorpus", "generate", "iter_texts", "vocabulary", "write_profile", "write_synth"]
