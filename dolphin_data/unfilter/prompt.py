"""The user's turn as context for the rules whose verdict depends on the question.

A reply that only refers the user to a doctor, a lawyer or the police (``regex:defer_only``) declines to answer,
unless the user asked who to turn to: "Who should I call about a gas leak?", "Do I need a lawyer for this?",
"Where can I get help?". ``exempt(batch, checked, hits)`` removes such a rule's hit from an assistant turn when the
human turn just before it asks for a referral, and returns the turns it exempted (the stage counts them as
``prompt_exempt:<rule>``, and the re-check of a repaired turn ignores the rule there too). Scoring stays pure: this is a decision taken on the scores, with the prompt as input."""

from __future__ import annotations

import re
from collections import Counter

from dolphin_data.batch import GPT, HUMAN, Batch
from dolphin_data.unfilter.hits import Hit

PROMPT_DEPENDENT = frozenset({"regex:defer_only"})

_PRO = (
    r"(?:doctor|physician|dentist|specialist|lawyer|attorney|therapist|counsel(?:l)?or|accountant|professional|expert|"
    r"vet|veterinarian|mechanic|agency|department|office|organi[sz]ation|hotline|helpline|authority|someone|somebody)"
)
ASKS_FOR_REFERRAL = re.compile(
    r"\bwho (?:should|do|can|could|would|must) i (?:call|contact|see|ask|talk to|speak (?:to|with)|turn to|go to|"
    r"report|notify|tell)\b"
    r"|\bwhere (?:can|do|should|could|would) (?:i|we|one) (?:go|get|find|report|turn|call|seek|ask)\b"
    r"|\b(?:should|do|must) i (?:need to |have to )?(?:see|call|contact|consult|go to|visit|talk to|speak to|get|hire|"
    r"involve|notify|tell) (?:a|an|the|my|someone|somebody|anyone|anybody)\b"
    r"|\bdo i need (?:a|an|to see|to call|to contact|to get) \b"
    r"|\b(?:what|which) (?:kind of |type of |sort of )?" + _PRO + r"s? (?:should|do|can|would|could|is|are)\b"
    r"|\bhow (?:do|can|should|would) i (?:find|contact|reach|choose|pick|get in touch with) (?:a|an|the|my|someone)\b"
    r"|\b(?:is it|would it be) (?:worth|necessary|a good idea|wise|smart) (?:to )?(?:see|call|contact|consult|get|"
    r"seeing|calling|contacting|consulting|getting|hiring)\b"
    r"|\b(?:recommend|suggest|know) (?:a|an|any|some|good) " + _PRO + r"\b"
    r"|\b(?:where|how) (?:to|can i|do i) (?:get|find|seek) (?:help|support|advice)\b",
    re.I,
)


def exempt(batch: Batch, checked: list[int], hits: list[list[Hit]]) -> dict[int, Counter[str]]:
    """Remove, in place, the hits of ``PROMPT_DEPENDENT`` rules from assistant turns (``checked[k]`` indexes the
    batch's turns) whose preceding human turn asks for a referral; per exempted ``k``, the removed hits per rule."""
    removed: dict[int, Counter[str]] = {}
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    for k, t in enumerate(checked):
        if not hits[k] or roles[t] != GPT or not any(h.rule in PROMPT_DEPENDENT for h in hits[k]):
            continue
        if t == 0 or owner[t - 1] != owner[t] or roles[t - 1] != HUMAN:
            continue
        if ASKS_FOR_REFERRAL.search(texts[t - 1]):
            removed[k] = Counter(h.rule for h in hits[k] if h.rule in PROMPT_DEPENDENT)
            hits[k] = [h for h in hits[k] if h.rule not in PROMPT_DEPENDENT]
    return removed


def without_exempt(hits: list[Hit]) -> list[Hit]:
    """``hits`` minus the prompt-dependent rules' (for a turn ``exempt`` exempted)."""
    return [h for h in hits if h.rule not in PROMPT_DEPENDENT]
