"""Scoring: a pure function from a column of checked turns to a column of evidence. No decision is taken here.

``score_texts(texts, rules, classifier, layers)`` returns ``Scores`` with, per text,
- ``hits``: every rule hit outside code and quotations (``Hit``: rule id, kind refusal|boilerplate|moralizing|
  artefact, span),
- ``prob`` / ``span``: the refusal-act classifier's probability (0.0 when the text has no candidate sentence, or
  the classifier is off) and the span of the sentence that scored it; ``cands``: every candidate sentence's
  (probability, span), highest first (the policy takes the best one that counts),
- ``ignored``: rule matches that were ignored because they sit inside code or a quotation (report: near misses).

``policy.py`` turns these into verdicts; changing the policy or the threshold never needs a re-score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dolphin_data.unfilter.rules import Hit, RuleSet


@dataclass
class Scores:
    hits: list[list[Hit]]
    prob: np.ndarray  # float32 per text
    span: list[tuple[int, int] | None]
    ignored: list[list[Hit]]
    cands: list[list[tuple[float, tuple[int, int]]]]

    def __len__(self) -> int:
        return len(self.hits)

    def near_miss(self, turns: dict[int, int], min_score: float) -> dict[str, Any] | None:
        """What the report shows of a kept conversation (``turns``: turn index -> text index): its best-scoring turn
        when that scores at least ``min_score``, and up to three matches ignored inside code or quotations; None when
        there is neither."""
        best = max(turns.items(), key=lambda tk: float(self.prob[tk[1]]), default=None)
        ignored = [(ti, h) for ti, k in turns.items() for h in self.ignored[k]]
        if best is None or (float(self.prob[best[1]]) < min_score and not ignored):
            return None
        ti, k = best
        near: dict[str, Any] = {}
        if float(self.prob[k]) >= min_score:
            s, e = self.span[k] or (0, 0)
            near.update(score=round(float(self.prob[k]), 4), turn=ti, start=s, end=e)
        if ignored:
            near["ignored"] = [{"turn": t, **h.to_json()} for t, h in ignored[:3]]
        return near


def score_texts(
    texts: Sequence[str],
    rules: RuleSet,
    classifier: Any = None,
    layers: Sequence[str] = ("lexicon", "regex"),
    classify: Sequence[bool] | None = None,
) -> Scores:
    """Evidence for every text: rule hits (``RuleSet.scan_batch``: one prefilter pass, then per-flagged-text confirmation)
    and, when ``classifier`` is given, its P(refusal act) for the texts where ``classify`` is true (all by default)."""
    n = len(texts)
    ignored: list[list[Hit]] = [[] for _ in range(n)]
    hits = rules.scan_batch(texts, layers, ignored) if layers else [[] for _ in range(n)]
    prob = np.zeros(n, dtype=np.float32)
    span: list[tuple[int, int] | None] = [None] * n
    cands: list[list[tuple[float, tuple[int, int]]]] = [[] for _ in range(n)]
    if classifier is not None and n:
        idx = list(range(n)) if classify is None else [i for i in range(n) if classify[i]]
        if idx:
            p, s, every = classifier.score_all([texts[i] for i in idx])
            prob[idx] = p
            for k, i in enumerate(idx):
                span[i] = s[k]
                cands[i] = every[k]
    return Scores(hits, prob, span, ignored, cands)
