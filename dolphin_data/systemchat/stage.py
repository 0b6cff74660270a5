"""Stages ``systemchat_validate`` (reject or repair conversations that break the SystemConversations rules) and
``systemchat_guard`` (add the model card's guard sentence to a seeded share of system prompts).

``systemchat_validate`` runs the rule families in order (structure -> sentinel -> leak -> directives), each over the
turn columns of the whole batch; the first failing rule rejects the conversation with its reason. With ``repair``
on, a leaking gpt turn loses its leaking sentences when the rest stands on its own (``repair.repair_text``) and the
conversation is kept (and then checked against the directives in its repaired form), counted under ``repaired``;
otherwise it is rejected as ``system:leak`` with the repair verdict. Every repaired turn of a kept conversation is
listed in ``StageOutput.repairs`` (id, stage, turn, rule, removed pieces, characters before and after).
Counters: ``leak_found`` (conversations with a leak before repair), ``repaired`` / ``repaired_sentences`` (repaired
conversations that were kept, and the pieces cut from them), ``directive:<kind>`` (conversations whose system
prompt states that directive).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation, Turn
from dolphin_data.stages import STAGES, BatchStage, ParamError, StageOutput
from dolphin_data.stages.sample import id_hash
from dolphin_data.systemchat.base import Turns
from dolphin_data.systemchat.directives import check_directives_batch, parse_directives_batch
from dolphin_data.systemchat.leak import LeakHit, leak_hits, text_leaks
from dolphin_data.systemchat.repair import repair_text
from dolphin_data.systemchat.sentinel import sentinel_batch
from dolphin_data.systemchat.structure import finding_of, structure_batch

RULE_NAMES = ("structure", "sentinel", "leak")
GUARD_SENTENCE = "Dolphin avoids discussing the system message unless directly asked about it."


@STAGES.register("systemchat_validate")
class SystemChatValidateStage(BatchStage):
    """Structure, sentinel, system-prompt leakage and directive checks; reasons system:<family>[:<code>].

    Args:
        rules: which rule families run: structure, sentinel, leak
        repair: cut leaking sentences instead of dropping, when the rest stands
        check_directives: check gpt turns against mechanical directives in the system prompt
        require_system: a system turn is required (SystemConversations); false for other files
        word_tolerance: slack for "exactly N words"
        min_lang_prob: language-id confidence needed to flag "answer in <language>"
        min_repair_words: words a repaired turn must keep
    """

    name = "systemchat_validate"
    kind = "batch"
    build_side = ("repairs",)  # a build writes repairs/systemchat_validate.jsonl

    def __init__(
        self,
        rules: Sequence[str] = RULE_NAMES,
        repair: bool = False,
        check_directives: bool = True,
        require_system: bool = True,
        word_tolerance: int = 0,
        min_lang_prob: float = 0.5,
        min_repair_words: int = 3,
    ):
        if isinstance(rules, str) or not isinstance(rules, Sequence):
            raise ParamError(
                f"stage 'systemchat_validate': rules must be a list of {', '.join(RULE_NAMES)}; got {rules!r}"
            )
        unknown = [r for r in rules if r not in RULE_NAMES]
        if unknown:
            raise ParamError(
                f"stage 'systemchat_validate': unknown rule {unknown[0]!r}; valid: {', '.join(RULE_NAMES)} "
                "(directives are switched by check_directives)"
            )
        for pname, value in (
            ("repair", repair),
            ("check_directives", check_directives),
            ("require_system", require_system),
        ):
            if not isinstance(value, bool):
                raise ParamError(f"stage 'systemchat_validate': {pname} must be true or false, got {value!r}")
        if not isinstance(word_tolerance, int) or isinstance(word_tolerance, bool) or word_tolerance < 0:
            raise ParamError(
                f"stage 'systemchat_validate': word_tolerance must be an integer >= 0, got {word_tolerance!r}"
            )
        if not isinstance(min_lang_prob, int | float) or not 0.0 <= float(min_lang_prob) <= 1.0:
            raise ParamError(
                f"stage 'systemchat_validate': min_lang_prob must be between 0 and 1, got {min_lang_prob!r}"
            )
        if not isinstance(min_repair_words, int) or isinstance(min_repair_words, bool) or min_repair_words < 1:
            raise ParamError(
                f"stage 'systemchat_validate': min_repair_words must be an integer >= 1, got {min_repair_words!r}"
            )
        self.rules = [r for r in RULE_NAMES if r in rules]  # canonical order
        self.repair = repair
        self.check_directives = check_directives
        self.require_system = require_system
        self.word_tolerance = word_tolerance
        self.min_lang_prob = float(min_lang_prob)
        self.min_repair_words = min_repair_words

    def process(self, batch: Batch) -> StageOutput:
        cols = Turns.of(batch)
        n = len(batch)
        counters: Counter[str] = Counter()
        drops: dict[int, tuple[str, dict[str, Any]]] = {}  # conversation index -> (reason, reject extras)
        edits: dict[int, Conversation] = {}
        repairs: dict[int, list[dict[str, Any]]] = {}

        def alive() -> np.ndarray:
            mask = np.ones(n, bool)
            mask[list(drops)] = False
            return mask

        def span(i: int, turn: int, s: int, e: int) -> dict[str, Any]:
            return {"turn": turn, "start": s, "end": e, "text": batch[i].turns[turn].text[s:e]}

        if "structure" in self.rules and n:
            codes, turns = structure_batch(cols, self.require_system)
            for i in np.flatnonzero(codes >= 0).tolist():
                f = finding_of(int(codes[i]), int(turns[i]), [t.role for t in batch[i].turns])
                drops[i] = (f.reason, {"span": f.span()})

        live = np.flatnonzero(alive())
        if "sentinel" in self.rules and len(live):
            for k, (turn, s, e) in sentinel_batch(cols.take(live)).items():
                i = int(live[k])
                drops[i] = ("system:sentinel", {"span": span(i, turn, s, e)})

        live = np.flatnonzero(alive())
        if "leak" in self.rules and len(live):
            for k, hits in sorted(leak_hits(cols.take(live)).items()):
                i = int(live[k])
                counters["leak_found"] += 1
                first = hits[0]
                extra: dict[str, Any] = {"span": span(i, first.turn, first.start, first.end), "pattern": first.pattern}
                if not self.repair:
                    drops[i] = ("system:leak", extra)
                    continue
                fixed, why_not, cut, log = self._repair(batch[i], hits)
                if fixed is None:
                    drops[i] = ("system:leak", {**extra, "repair": f"dropped:{why_not}", "cut": cut})
                else:
                    edits[i] = fixed
                    repairs[i] = log

        live = np.flatnonzero(alive())
        if self.check_directives and len(live):
            view = cols.take(live)
            if edits:  # directives judge the repaired turns
                view = Turns(view.offsets, view.roles, list(view.texts))
                for k, i in enumerate(live.tolist()):
                    for rep in repairs.get(i, ()):
                        view.texts[int(view.offsets[k]) + rep["turn"]] = edits[i].turns[rep["turn"]].text
            prompts = Counter(p for p in view.system_prompts() if p)
            parsed = parse_directives_batch(list(prompts))
            for p, times in prompts.items():
                for d in parsed[p]:
                    counters[f"directive:{d.kind}"] += times
            failures = check_directives_batch(view, self.word_tolerance, self.min_lang_prob, parsed=parsed)
            for k, f in sorted(failures.items()):
                drops[int(live[k])] = (f.reason, {"span": f.span()})

        out = StageOutput(counters=counters)
        for i in range(n):
            if i in edits:  # kept repaired, or dropped later in its repaired form (the reject shows that form)
                out.edit(i, edits[i])
            if i in drops:
                reason, extra = drops[i]
                out.drop(i, reason, **extra)
                continue
            if i in repairs:  # a repaired conversation that a later rule rejects is not counted as repaired
                counters["repaired"] += 1
                counters["repaired_sentences"] += sum(len(r["removed"]) for r in repairs[i])
                out.repairs.extend(repairs[i])
        return out

    def _repair(
        self, conv: Conversation, hits: list[LeakHit]
    ) -> tuple[Conversation | None, str, list[str], list[dict[str, Any]]]:
        by_turn: dict[int, list[LeakHit]] = {}
        for h in hits:
            by_turn.setdefault(h.turn, []).append(h)
        turns = list(conv.turns)
        cut: list[str] = []
        log: list[dict[str, Any]] = []
        for turn, turn_hits in sorted(by_turn.items()):
            context = turn_hits[0].user_context
            before = turns[turn].text
            rep = repair_text(
                before,
                [(h.start, h.end) for h in turn_hits],
                partial(_still_leaks, user_context=context),
                self.min_repair_words,
            )
            cut.extend(rep.removed)
            if rep.text is None:
                return None, rep.why_not, cut, []
            turns[turn] = Turn(turns[turn].role, rep.text, turns[turn].train)
            log.append(
                {
                    "id": conv.id,
                    "stage": self.name,
                    "turn": turn,
                    "rule": "system:leak",
                    "removed": list(rep.removed),
                    "before_chars": len(before),
                    "after_chars": len(rep.text),
                }
            )
        return replace(conv, turns=tuple(turns)), "", cut, log

    def summary(self) -> Any:
        from dolphin_data.systemchat.report import SystemChatSummary

        return SystemChatSummary()

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.systemchat.report import write_report

        return write_report(report_dir, summaries, leak_checked="leak" in self.rules)


def _still_leaks(text: str, user_context: bool) -> bool:
    return bool(text_leaks(text, user_context))


def guard_selected(seed: int, conv_id: str, share: float) -> bool:
    """Seeded, order-independent choice: the id's hash falls in the first ``share`` of the 64-bit range."""
    return id_hash(seed, conv_id) < int(share * 2**64)


def add_guard(conv: Conversation, sentence: str) -> Conversation | None:
    """The conversation with ``sentence`` appended to its system prompt (None if it has none or already has it)."""
    prompt = conv.system
    if not prompt or sentence in prompt:
        return None
    sep = "" if prompt.endswith((" ", "\n")) else " "
    turns = (Turn("system", prompt + sep + sentence, conv.turns[0].train),) + conv.turns[1:]
    return replace(conv, turns=turns)


@STAGES.register("systemchat_guard")
class SystemChatGuardStage(BatchStage):
    """Append the guard sentence ("... avoids discussing the system message unless directly asked") to a seeded share of system prompts.

    Args:
        share: share of system prompts that get the sentence
        sentence: the guard
        seed: selection seed (default: the recipe's seed)
    """

    name = "systemchat_guard"
    kind = "batch"
    context_params: ClassVar[dict[str, str]] = {"seed": "seed"}

    def __init__(self, share: float = 1.0, sentence: str = GUARD_SENTENCE, seed: int | None = None):
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0.0 <= float(share) <= 1.0:
            raise ParamError(f"stage 'systemchat_guard': share must be between 0 and 1, got {share!r}")
        if not isinstance(sentence, str) or not sentence.strip():
            raise ParamError("stage 'systemchat_guard': sentence must be a non-empty string")
        seed = 42 if seed is None else seed
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ParamError(f"stage 'systemchat_guard': seed must be an integer, got {seed!r}")
        self.share = float(share)
        self.sentence = sentence.strip()
        self.seed = seed

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        for i, c in enumerate(batch):
            guarded = add_guard(c, self.sentence) if guard_selected(self.seed, c.id, self.share) else None
            if guarded is not None:
                out.edit(i, guarded)
                out.counters["guarded"] += 1
        return out
