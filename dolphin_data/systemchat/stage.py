"""Stages ``systemchat_validate`` (reject or repair conversations that break the SystemConversations rules) and
``systemchat_guard`` (add the model card's guard sentence to a seeded share of system prompts).

``systemchat_validate`` runs the rules in order (structure -> sentinel -> leak -> directives); the first failing rule
rejects the conversation with its reason. With ``repair`` on, a leaking gpt turn loses its leaking sentences
when the rest stands on its own (``rules.repair_text``) and the conversation is kept, counted under ``repaired``;
otherwise it is rejected as ``system:leak`` with the repair verdict. Repaired conversations carry
``metadata["systemchat_repairs"]`` (turn, cut sentences) for the report; outputs never show metadata.
Counters: ``leak_found`` (conversations with a leak before repair), ``repaired`` / ``repaired_sentences`` (repaired
conversations that were kept, and the sentences cut from them),
``directive:<kind>`` (conversations whose system prompt states that directive).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation, Turn
from dolphin_data.stages import STAGES, BatchStage, ParamError, StageOutput
from dolphin_data.stages.sample import id_hash
from dolphin_data.systemchat import rules as R

RULE_NAMES = ("structure", "sentinel", "leak")
GUARD_SENTENCE = "Dolphin avoids discussing the system message unless directly asked about it."


@STAGES.register("systemchat_validate")
class SystemChatValidateStage(BatchStage):
    """Structure, sentinel, system-prompt leakage and directive checks; reasons system:<family>[:<code>].

    Args:
        rules: which rule families run
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
            raise ParamError(f"stage 'systemchat_validate': rules must be a list of {', '.join(RULE_NAMES)}; got {rules!r}")
        unknown = [r for r in rules if r not in RULE_NAMES]
        if unknown:
            raise ParamError(
                f"stage 'systemchat_validate': unknown rule {unknown[0]!r}; valid: {', '.join(RULE_NAMES)} "
                "(directives are switched by check_directives)"
            )
        for pname, value in (("repair", repair), ("check_directives", check_directives), ("require_system", require_system)):
            if not isinstance(value, bool):
                raise ParamError(f"stage 'systemchat_validate': {pname} must be true or false, got {value!r}")
        if not isinstance(word_tolerance, int) or isinstance(word_tolerance, bool) or word_tolerance < 0:
            raise ParamError(f"stage 'systemchat_validate': word_tolerance must be an integer >= 0, got {word_tolerance!r}")
        if not isinstance(min_lang_prob, int | float) or not 0.0 <= float(min_lang_prob) <= 1.0:
            raise ParamError(f"stage 'systemchat_validate': min_lang_prob must be between 0 and 1, got {min_lang_prob!r}")
        if not isinstance(min_repair_words, int) or isinstance(min_repair_words, bool) or min_repair_words < 1:
            raise ParamError(f"stage 'systemchat_validate': min_repair_words must be an integer >= 1, got {min_repair_words!r}")
        self.rules = [r for r in RULE_NAMES if r in rules]  # canonical order
        self.repair = repair
        self.check_directives = check_directives
        self.require_system = require_system
        self.word_tolerance = word_tolerance
        self.min_lang_prob = float(min_lang_prob)
        self.min_repair_words = min_repair_words

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        counters = out.counters
        convs: list[Conversation] = list(batch)
        verdict: list[tuple[str, dict[str, Any]] | None] = [None] * len(convs)
        repaired: dict[int, list[dict[str, Any]]] = {}  # conversation index -> repair records

        def reject(i: int, reason: str, **extra: Any) -> None:
            verdict[i] = (reason, extra)

        if "structure" in self.rules:
            for i, c in enumerate(convs):
                f = R.structure(c, self.require_system)
                if f is not None:
                    reject(i, f.reason, span=f.span())

        alive = [i for i in range(len(convs)) if verdict[i] is None]
        if "sentinel" in self.rules and alive:
            for k, (turn, s, e) in R.sentinel_batch([convs[i] for i in alive]).items():
                i = alive[k]
                reject(i, "system:sentinel", span={"turn": turn, "start": s, "end": e, "text": convs[i].turns[turn].text[s:e]})

        alive = [i for i in range(len(convs)) if verdict[i] is None]
        if "leak" in self.rules and alive:
            for k, hits in sorted(R.leak_batch([convs[i] for i in alive]).items()):
                i = alive[k]
                counters["leak_found"] += 1
                turn, s, e = hits[0]
                span = {"turn": turn, "start": s, "end": e, "text": convs[i].turns[turn].text[s:e]}
                if not self.repair:
                    reject(i, "system:leak", span=span)
                    continue
                fixed, why_not, cut, log = self._repair(convs[i], hits)
                if fixed is None:
                    reject(i, "system:leak", span=span, repair=f"dropped:{why_not}", cut=cut)
                else:
                    convs[i] = fixed
                    repaired[i] = log

        alive = [i for i in range(len(convs)) if verdict[i] is None]
        if self.check_directives and alive:
            subset = [convs[i] for i in alive]
            parsed = R.parse_directives_batch([c.system for c in subset if c.system])
            for c in subset:
                for d in parsed.get(c.system or "", ()):
                    counters[f"directive:{d.kind}"] += 1
            failures = R.check_directives_batch(subset, self.word_tolerance, self.min_lang_prob)
            for k, f in sorted(failures.items()):
                reject(alive[k], f.reason, span=f.span())

        for i, v in enumerate(verdict):
            if v is not None:
                out.drop(i, v[0], **v[1])
                if i in repaired:
                    out.edit(i, convs[i])
            elif i in repaired:  # a repaired conversation that a later rule rejects is not counted as repaired
                out.edit(i, convs[i])
                out.repairs += repaired[i]
                counters["repaired"] += 1
                counters["repaired_sentences"] += sum(len(r["removed"]) for r in repaired[i])
        return out

    def _repair(self, conv: Conversation, hits: list[tuple[int, int, int]]
                ) -> tuple[Conversation | None, str, list[str], list[dict[str, Any]]]:
        by_turn: dict[int, list[tuple[int, int]]] = {}
        for turn, s, e in hits:
            by_turn.setdefault(turn, []).append((s, e))
        turns = list(conv.turns)
        cut: list[str] = []
        log = []
        for turn, spans in sorted(by_turn.items()):
            before = len(turns[turn].text)
            rep = R.repair_text(turns[turn].text, spans, self.min_repair_words)
            cut.extend(rep.removed)
            if rep.text is None:
                return None, rep.why_not, cut, []
            turns[turn] = Turn(turns[turn].role, rep.text, turns[turn].train)
            log.append({"id": conv.id, "stage": self.name, "turn": turn, "rule": "system:leak",
                        "removed": list(rep.removed), "before_chars": before, "after_chars": len(rep.text)})
        return replace(conv, turns=tuple(turns)), "", cut, log

    def summary(self) -> Any:
        from dolphin_data.systemchat.report import SystemChatSummary

        return SystemChatSummary()

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.systemchat.report import write_report

        return write_report(report_dir, summaries)


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
        seed: selection seed
    """

    name = "systemchat_guard"
    kind = "batch"

    def __init__(self, share: float = 1.0, sentence: str = GUARD_SENTENCE, seed: int = 42):
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0.0 <= float(share) <= 1.0:
            raise ParamError(f"stage 'systemchat_guard': share must be between 0 and 1, got {share!r}")
        if not isinstance(sentence, str) or not sentence.strip():
            raise ParamError("stage 'systemchat_guard': sentence must be a non-empty string")
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
