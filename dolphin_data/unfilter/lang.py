"""Language id in the unfilter stage: a bounded prose prefix per conversation, each distinct text detected once, and
the language filter that counts (``lang:<code>``), notes and drops by it."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.stages.base import StageOutput

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


def language_filter(
    lid: Any,
    batch: Batch,
    languages: Any,
    min_prob: float,
    out: StageOutput,
    meta: dict[int, dict[str, Any]],
    chars: int,
) -> np.ndarray:
    """Indices of the conversations the language filter keeps (all of them when language id is off: ``lid`` None);
    each conversation's language counted and noted, the others dropped as ``lang:<code>``."""
    if lid is None or not len(batch):
        return np.arange(len(batch))
    codes, probs = detect_once(lid, lang_prefixes(batch, chars))
    out.counters.update(f"lang:{code}" for code in codes)
    for i, code in enumerate(codes):
        meta.setdefault(i, {})["lang"] = code
    if languages is None:
        return np.arange(len(batch))
    wanted = set(languages)
    alive = []
    for i, (code, p) in enumerate(zip(codes, probs.tolist(), strict=True)):
        p = round(float(p), 4)
        if code not in wanted or p < min_prob:
            out.drop(i, f"lang:{code}", lang_prob=p)
        else:
            alive.append(i)
    return np.asarray(alive, np.int64)
