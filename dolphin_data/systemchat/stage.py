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

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from dolphin_data.model import Conversation, Reject, Turn
from dolphin_data.stages import STAGES, ParamError, Stage, StageOutput, summaries
from dolphin_data.stages.sample import id_hash
from dolphin_data.systemchat import rules as R

RULE_NAMES = ("structure", "sentinel", "leak")
GUARD_SENTENCE = "Dolphin avoids discussing the system message unless directly asked about it."


@STAGES.register("systemchat_validate")
class SystemChatValidateStage(Stage):
    """Structure, sentinel, system-prompt leakage and directive checks; reasons system:<family>[:<code>]."""

    name = "systemchat_validate"
    kind = "batch"

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

    def process(self, batch: list[Conversation]) -> StageOutput:
        counters: Counter[str] = Counter()
        convs: list[Conversation] = list(batch)
        verdict: list[Reject | None] = [None] * len(convs)

        repaired: dict[int, int] = {}  # conversation index -> sentences cut

        def reject(i: int, reason: str, **extra: Any) -> None:
            verdict[i] = Reject.of(convs[i], self.name, reason, **extra)

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
                fixed, why_not, cut = self._repair(convs[i], hits)
                if fixed is None:
                    reject(i, "system:leak", span=span, repair=f"dropped:{why_not}", cut=cut)
                else:
                    convs[i] = fixed
                    repaired[i] = len(cut)

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

        # a repaired conversation that a later rule rejects is not counted as repaired
        for i, n_cut in repaired.items():
            if verdict[i] is None:
                counters["repaired"] += 1
                counters["repaired_sentences"] += n_cut
        out = StageOutput([], [], counters)
        for c, v in zip(convs, verdict, strict=True):
            if v is None:
                out.kept.append(c)
            else:
                out.rejects.append(v)
        return out

    def _repair(self, conv: Conversation, hits: list[tuple[int, int, int]]) -> tuple[Conversation | None, str, list[str]]:
        by_turn: dict[int, list[tuple[int, int]]] = {}
        for turn, s, e in hits:
            by_turn.setdefault(turn, []).append((s, e))
        turns = list(conv.turns)
        cut: list[str] = []
        log = []
        for turn, spans in sorted(by_turn.items()):
            rep = R.repair_text(turns[turn].text, spans, self.min_repair_words)
            cut.extend(rep.removed)
            if rep.text is None:
                return None, rep.why_not, cut
            turns[turn] = Turn(turns[turn].role, rep.text, turns[turn].train)
            log.append({"turn": turn, "cut": list(rep.removed)})
        meta = {**conv.metadata, "systemchat_repairs": log}
        return replace(conv, turns=tuple(turns), metadata=meta), "", cut

    def summary(self) -> Any:
        from dolphin_data.systemchat.report import SystemChatSummary

        return SystemChatSummary()

    def report(self, report_dir: Path, results: Mapping[str, Any]) -> dict[str, Any]:
        from dolphin_data.systemchat.report import write_report

        return write_report(report_dir, summaries(self, results))


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
class SystemChatGuardStage(Stage):
    """Append the guard sentence ("... avoids discussing the system message unless directly asked") to a seeded share of system prompts."""

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

    def process(self, batch: list[Conversation]) -> StageOutput:
        out = StageOutput([], [], Counter())
        for c in batch:
            guarded = add_guard(c, self.sentence) if guard_selected(self.seed, c.id, self.share) else None
            if guarded is None:
                out.kept.append(c)
            else:
                out.kept.append(guarded)
                out.counters["guarded"] += 1
        return out
