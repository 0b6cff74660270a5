"""Language id input for the unfilter stage: a bounded prose prefix per conversation, each distinct text detected once."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from dolphin_data.batch import Batch

_CODE_FENCE = re.compile(r"```.*?(?:```|\Z)", re.S)


def lang_prefixes(batch: Batch, chars: int) -> list[str]:
    """Per conversation: its non-system turns joined, cut to ``chars``, fenced code blanked."""
    prose = []
    texts, roles = batch.texts, batch.roles
    for lo, hi in zip(batch.offsets[:-1].tolist(), batch.offsets[1:].tolist(), strict=True):
        head = "\n".join(texts[t][:chars] for t in range(lo, hi) if roles[t] != 0)[:chars]
        prose.append(_CODE_FENCE.sub(" ", head) if "```" in head else head)
    return prose


def detect_once(lid: Any, prose: list[str]) -> tuple[list[str], np.ndarray]:
    """``lid.detect`` with each distinct text read once (corpora repeat openings: a source's fixed prompts,
    templated first questions); codes and probabilities per input text."""
    distinct = dict.fromkeys(prose)
    if len(distinct) == len(prose):
        codes, probs = lid.detect(prose)
        return list(codes), np.asarray(probs)
    pos = dict(zip(distinct, range(len(distinct)), strict=True))
    uniq_codes, uniq_probs = lid.detect(list(distinct))
    back = np.fromiter(map(pos.__getitem__, prose), np.int64, len(prose))
    return [uniq_codes[j] for j in back.tolist()], np.asarray(uniq_probs)[back]
