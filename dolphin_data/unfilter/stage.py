"""The ``unfilter`` stage: drop (or repair) conversations whose assistant turns refuse, moralize or recite
alignment boilerplate; optionally identify and filter languages.

Per batch: language id (when asked) -> lexicon + regex rules on the checked turns (one vectorised pass) ->
the fastText classifier on checked assistant turns the rules left alone (when the recipe enables it) -> policy.

Policies (``policy``):
- ``drop_conversation`` (default, the Dolphin behaviour): any hit rejects the conversation.
- ``drop_turn``: remove each offending assistant turn with the user turn before it (an offending user turn
  with the assistant turn after it); reject only if no user/assistant exchange remains.
- ``truncate``: cut the conversation before the first offending exchange; reject if nothing remains.
``strip_boilerplate_prefix`` (off by default): when a reply opens with pure boilerplate sentences ("As an AI
language model, I don't have personal opinions.") and the rest is a clean, real answer, remove the lead
sentences instead of applying the policy.

Reasons: ``refusal:lexicon:<id>``, ``refusal:regex:<rule>``, ``refusal:classifier``, ``lang:<code>``. Rejects
carry ``span`` (turn index, role, offsets and matched text) and ``rules`` (every rule that fired).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.batch import GPT, ROLE_CODE, Batch
from dolphin_data.model import Conversation, Turn
from dolphin_data.stages import STAGES, BatchStage, ParamError, StageOutput
from dolphin_data.unfilter.rules import LAYERS, Hit, RuleSet

POLICIES = ("drop_conversation", "drop_turn", "truncate")
ROLE_NAMES = {"assistant": "gpt", "user": "human", "gpt": "gpt", "human": "human", "system": "system"}
MIN_ANSWER_CHARS = 40  # what must remain after stripping a boilerplate lead for it to count as a real answer
SPAN_PREVIEW = 200  # characters of a turn shown as the "span" of a classifier hit

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_CONNECTIVE = re.compile(
    r"(?:however|but|that said|that being said|having said that|with that said|nevertheless|nonetheless|still|"
    r"anyway|regardless|instead)\s*[,:]?\s*",
    re.IGNORECASE,
)
_CODE_FENCE = re.compile(r"```.*?(?:```|\Z)", re.S)  # code says nothing about the conversation's language


def strip_boilerplate(text: str, hits: Sequence[Hit], max_sentences: int = 3) -> str | None:
    """The reply without its boilerplate lead sentences, or None when that is not a clean real answer.

    Lead sentences are removed while each contains only ``boilerplate`` hits; what remains must have no hit at
    all and at least ``MIN_ANSWER_CHARS`` characters. A connective opening the rest ("However, ...") goes too.
    """
    pos = 0
    for _ in range(max_sentences):
        m = _SENTENCE_END.search(text, pos)
        end = m.end() if m else len(text)
        lead = [h for h in hits if pos <= h.start < end]
        if not lead:
            break
        if any(h.kind != "boilerplate" for h in lead):
            return None
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    if pos == 0 or any(h.start >= pos for h in hits):
        return None
    rest = text[pos:]
    m = _CONNECTIVE.match(rest)
    if m:
        rest = rest[m.end() :]
    rest = rest.strip()
    if len(rest) < MIN_ANSWER_CHARS:
        return None
    return rest[0].upper() + rest[1:]


@STAGES.register("unfilter")
class UnfilterStage(BatchStage):
    """Remove refusals, moralizing and alignment boilerplate (lexicon, regex, optional classifier, language filter).

    Args:
        policy: `drop_conversation` (Dolphin), `drop_turn` (the offending exchange), `truncate` (cut before it)
        roles: which turns are checked
        layers: rule layers to run
        lexicon: another lexicon file
        disable: rule names to switch off
        classifier: `default` (the packaged model) or a model path; null = off
        classifier_threshold: P(refusal) at or above which a reply is a refusal
        strip_boilerplate_prefix: remove a pure boilerplate lead ("As an AI language model, ... However,") when the rest is a real answer
        langid: fastText lid.176 language of every conversation (metadata + report)
        languages: keep only these language codes (others: `lang:<code>`)
        lang_min_prob: minimum language-id probability for the language filter to act
        report_samples: removed examples per rule in the report
        kept_samples: random kept conversations shown for spot checks
        seed: seed of the kept-sample draw
    """

    name = "unfilter"
    kind = "batch"

    def __init__(
        self,
        policy: str = "drop_conversation",
        roles: Sequence[str] = ("gpt",),
        layers: Sequence[str] = LAYERS,
        lexicon: str | None = None,
        disable: Sequence[str] = (),
        classifier: str | bool | None = None,
        classifier_threshold: float = 0.5,
        strip_boilerplate_prefix: bool = False,
        langid: bool = False,
        languages: Sequence[str] | None = None,
        lang_min_prob: float = 0.0,
        report_samples: int = 5,
        kept_samples: int = 10,
        seed: int = 42,
    ):
        if policy not in POLICIES:
            raise ParamError(f"stage 'unfilter': policy {policy!r} is not one of {', '.join(POLICIES)}")
        roles = [roles] if isinstance(roles, str) else list(roles)
        bad = [r for r in roles if r not in ROLE_NAMES]
        if bad or not roles:
            raise ParamError(f"stage 'unfilter': roles {bad or roles!r}: use gpt, human, system (or assistant, user)")
        layers = [layers] if isinstance(layers, str) else list(layers)
        bad = [x for x in layers if x not in LAYERS]
        if bad:
            raise ParamError(f"stage 'unfilter': layer {bad[0]!r} is not one of {', '.join(LAYERS)} "
                             "(the classifier is switched on with `classifier: default` or a model path)")
        if lexicon is not None and not Path(lexicon).is_file():
            raise ParamError(f"stage 'unfilter': lexicon file {lexicon!r} not found")
        if classifier is True:
            classifier = "default"
        if classifier is False:
            classifier = None
        if not (isinstance(classifier_threshold, int | float) and 0.0 < float(classifier_threshold) <= 1.0):
            raise ParamError(f"stage 'unfilter': classifier_threshold must be in (0, 1], got {classifier_threshold!r}")
        if languages is not None:
            languages = [languages] if isinstance(languages, str) else list(languages)
            if not languages or not all(isinstance(x, str) and x for x in languages):
                raise ParamError("stage 'unfilter': languages must be a list of ISO codes, e.g. [en, fr]")
        if not 0.0 <= float(lang_min_prob) <= 1.0:
            raise ParamError(f"stage 'unfilter': lang_min_prob must be in [0, 1], got {lang_min_prob!r}")
        self.policy = policy
        self.roles = roles
        self.layers = layers
        self.lexicon = lexicon
        self.disable = list(disable)
        self.classifier = classifier
        self.classifier_threshold = float(classifier_threshold)
        self.strip_boilerplate_prefix = bool(strip_boilerplate_prefix)
        self.langid = bool(langid) or languages is not None
        self.languages = languages
        self.lang_min_prob = float(lang_min_prob)
        self.report_samples = int(report_samples)
        self.kept_samples = int(kept_samples)
        self.seed = int(seed)
        try:
            self.rules = RuleSet.from_files(lexicon, disabled=self.disable)
        except (OSError, ValueError) as e:
            raise ParamError(f"stage 'unfilter': {e}") from None
        self._check_roles = {ROLE_NAMES[r] for r in roles}
        self._check_codes = np.asarray(sorted(ROLE_CODE[r] for r in self._check_roles), np.int8)
        self._clf: Any = None
        self._lid: Any = None
        if classifier is not None:
            from dolphin_data.unfilter.classifier import RefusalClassifier

            self._clf = RefusalClassifier.load(None if classifier == "default" else classifier)
        if self.langid:
            from dolphin_data.langid import LanguageIdentifier

            self._lid = LanguageIdentifier()

    def describe(self) -> dict[str, Any]:
        return {"params": self.params(), "rules": self.rules.describe()}

    # -- per batch ------------------------------------------------------------------------------------------------

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        meta: dict[int, dict[str, Any]] = {}
        out.notes["meta"] = meta
        alive = self._languages(batch, out, meta)
        # every checked turn of every live conversation, as one column of texts
        owner = batch.owner()
        checked = np.flatnonzero(np.isin(batch.roles, self._check_codes) & np.isin(owner, alive))
        texts = [batch.texts[k] for k in checked.tolist()]
        out.counters["turns_checked"] += len(texts)
        hits = self.rules.match_all(texts, self.layers) if self.layers else [[] for _ in texts]
        scores: dict[int, float] = {}
        if self._clf is not None:
            todo = [k for k, t in enumerate(checked.tolist()) if not hits[k] and batch.roles[t] == GPT]
            if todo:
                probs = self._clf.predict([texts[k] for k in todo])
                for k, p in zip(todo, probs.tolist(), strict=True):
                    if p >= self.classifier_threshold:
                        t = texts[k]
                        hits[k] = [Hit("classifier", "classifier", 0, min(len(t), SPAN_PREVIEW), t[:SPAN_PREVIEW])]
                        scores[k] = round(float(p), 4)
        turn_index = batch.turn_index()
        per_conv: dict[int, dict[int, tuple[int, list[Hit]]]] = {}
        for k, t in enumerate(checked.tolist()):
            if hits[k]:
                per_conv.setdefault(int(owner[t]), {})[int(turn_index[t])] = (k, hits[k])
        for ci, found in sorted(per_conv.items()):
            self._count(found, out.counters)
            self._apply(ci, batch[ci], found, scores, out, meta)
        return out

    def _languages(self, batch: Batch, out: StageOutput, meta: dict[int, dict[str, Any]]) -> np.ndarray:
        """Indices of the conversations that stay after the language filter (all, when it is off)."""
        if self._lid is None or not len(batch):
            return np.arange(len(batch))
        prose = [_CODE_FENCE.sub(" ", t) for t in batch.texts_per_conversation()]
        codes, probs = self._lid.detect(prose)
        alive = []
        for i, (code, p) in enumerate(zip(codes, probs.tolist(), strict=True)):
            p = round(float(p), 4)
            out.counters[f"lang:{code}"] += 1
            meta.setdefault(i, {})["lang"] = code
            if self.languages is not None and (code not in self.languages or p < self.lang_min_prob):
                out.drop(i, f"lang:{code}", lang_prob=p)
            else:
                alive.append(i)
        return np.asarray(alive, np.int64)

    @staticmethod
    def _count(found: Mapping[int, tuple[int, list[Hit]]], counters: Counter[str]) -> None:
        rules: set[str] = set()
        for _, hs in found.values():
            for h in hs:
                counters[f"hits:{h.rule}"] += 1
                rules.add(h.rule)
        for r in rules:
            counters[f"conversations:{r}"] += 1

    def _apply(self, ci: int, conv: Conversation, found: dict[int, tuple[int, list[Hit]]], scores: Mapping[int, float],
               out: StageOutput, meta: dict[int, dict[str, Any]]) -> None:
        turns = list(conv.turns)
        found = dict(found)
        stripped = 0
        if self.strip_boilerplate_prefix:
            for ti, (_k, hs) in list(found.items()):
                if turns[ti].role != "gpt":
                    continue
                rest = strip_boilerplate(turns[ti].text, hs)
                if rest is not None:
                    turns[ti] = replace(turns[ti], text=rest)
                    del found[ti]
                    stripped += 1
        all_rules = sorted({h.rule for _, hs in found.values() for h in hs})
        if found:
            first_turn = min(found)
            k, hs = found[first_turn]
            first = hs[0]
            span = {"turn": first_turn, "role": turns[first_turn].role, **first.to_json()}
            extra: dict[str, Any] = {"span": span, "rules": all_rules}
            if k in scores:
                extra["score"] = scores[k]
            if self.policy == "drop_conversation":
                out.drop(ci, first.reason, **extra)
                return
            remove = self._units(turns, sorted(found))
            if remove is None:
                out.drop(ci, first.reason, **extra)
                return
            if self.policy == "truncate":
                cut = min(remove)
                remaining = turns[:cut]
            else:
                remaining = [t for i, t in enumerate(turns) if i not in remove]
            if not _valid(remaining):
                out.drop(ci, first.reason, **extra)
                return
            action = "truncated" if self.policy == "truncate" else "turns_dropped"
            out.counters[f"action:{action}"] += 1
            out.counters["turns_removed"] += len(turns) - len(remaining)
            info: dict[str, Any] = {"action": action, "rules": all_rules, "turns_removed": len(turns) - len(remaining)}
            if stripped:
                info["prefix_stripped"] = stripped
                out.counters["action:prefix_stripped"] += 1
            meta.setdefault(ci, {})["unfilter"] = info
            out.edit(ci, replace(conv, turns=tuple(remaining)))
            return
        out.counters["action:prefix_stripped"] += 1
        meta.setdefault(ci, {})["unfilter"] = {"action": "prefix_stripped", "turns": stripped}
        out.edit(ci, replace(conv, turns=tuple(turns)))

    @staticmethod
    def _units(turns: list[Turn], offending: list[int]) -> set[int] | None:
        """Turn indices to remove: each offending turn with its partner in the exchange (None: a system hit)."""
        remove: set[int] = set()
        for i in offending:
            role = turns[i].role
            if role == "system":
                return None
            remove.add(i)
            if role == "gpt" and i > 0 and turns[i - 1].role == "human":
                remove.add(i - 1)
            elif role == "human" and i + 1 < len(turns) and turns[i + 1].role == "gpt":
                remove.add(i + 1)
        return remove

    # -- reports --------------------------------------------------------------------------------------------------

    def summary(self) -> Any:
        from dolphin_data.unfilter.report import new_summary

        return new_summary(self)

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.unfilter.report import write_report

        return write_report(Path(report_dir), summaries, self)


def _valid(turns: Sequence[Turn]) -> bool:
    """At least one user turn followed later by an assistant turn."""
    seen_human = False
    for t in turns:
        if t.role == "human":
            seen_human = True
        elif t.role == "gpt" and seen_human:
            return True
    return False
