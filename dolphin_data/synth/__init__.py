"""Synthetic corpora (``dolphin-data synth``)."""

from dolphin_data.synth.dedup import SynthCorpus, generate, iter_texts, vocabulary, write_synth

__all__ = ["SynthCorpus", "generate", "iter_texts", "vocabulary", "write_synth"]
