"""The user's turn as context for the rules whose verdict depends on the question.

A reply that only refers the user to a doctor, a lawyer or the police (``regex:defer_only``) declines to answer,
unless the user asked who to turn to: "Who should I call about a gas leak?", "Do I need a lawyer for this?",
"Where can I get help?" (``regex:defer_intl`` the same, in other languages). A reply that opens with something else ("Instead, how about we ...":
``regex:redirect_opening``) offers it in place of what was asked, unless the user asked for alternatives ("What can
I use instead of butter?") or it is not the conversation's first reply (it may follow up on an earlier answer). A
reply that only judges the requested act ("Bribing an inspector is a criminal offense ...":
``regex:judgement_opening``) answers a user who asked what it is, whether it is legal, or for a text about it or its
risks, and nobody else. A first reply that calls the premise a stereotype (``regex:premise_opening``) answers a user
who asked about stereotypes, bias or the premise itself. ``exempt(batch, checked, hits)`` removes such a rule's hit from an assistant turn when the
human turn just before it asks for a referral, and returns the turns it exempted (the stage counts them as
``prompt_exempt:<rule>``, and the re-check of a repaired turn ignores the rule there too). Scoring stays pure: this is a decision taken on the scores, with the prompt as input."""

from __future__ import annotations

import re
from collections import Counter

from dolphin_data.batch import GPT, HUMAN, Batch
from dolphin_data.unfilter.hits import Hit

DEFER, REDIRECT, JUDGE = "regex:defer_only", "regex:redirect_opening", "regex:judgement_opening"
PREMISE, DEFER_INTL = "regex:premise_opening", "regex:defer_intl"
PROMPT_DEPENDENT = frozenset({DEFER, REDIRECT, JUDGE, PREMISE, DEFER_INTL})

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
    r"|\b(?:where|how) (?:to|can i|do i) (?:get|find|seek) (?:help|support|advice)\b"
    # the same asks in es, fr, de, it, pt, ru, nl, zh, ja, ko
    r"|a quién|à qui|an wen|a chi|a quem|к кому|wie moet ik|dónde (?:puedo|debo) (?:ir|acudir)|où (?:puis-je|dois-je) "
    r"(?:aller|m'adresser)|wo kann ich|(?:debo|tengo que) ir al médico|dois-je consulter|sollte ich zum arzt|devo andare "
    r"dal medico|devo ir ao médico|нужно ли (?:идти|обращаться) к врачу|找谁|要不要去医院|该去哪|誰に相談|病院に行くべき|"
    r"누구에게|병원에 가야",
    re.I,
)
ASKS_ABOUT_IT = re.compile(
    r"^\W*(?:what(?:'s| is| are| was| were| does| do)|why|is (?:it|this|that|there)|are (?:they|these|those|there)|"
    r"was|were|explain|define|describe|tell me (?:about|what|why|whether|if)|how (?:dangerous|bad|illegal|serious|"
    r"harmful|common|risky|safe|legal|wrong)|can you explain|do you think|would it be|isn't it|aren't they)\b"
    r"|\b(?:is|are) (?:it|this|that|they|\w+ing) (?:\w+ )?(?:legal|illegal|ethical|unethical|wrong|safe|dangerous|okay|ok|"
    r"allowed|a crime)\b|\bwhy\b|\bhow come\b"
    # a text about the act, its risks or its ethics ("Write a paragraph on the dangers of texting while driving")
    r"|\b(?:essay|paragraph|article|speech|blog|post|report|explain|explanation|about|dangers?|risks?|consequences|"
    r"effects?|impacts?|harms?|ethics|morality|legality|persuade|persuasive|argue|convince|pros and cons)\b",
    re.I,
)
ASKS_ABOUT_BIAS = re.compile(
    r"\b(?:stereotyp\w*|prejudice\w*|generali[sz]\w*|bias\w*|bigot\w*|racis\w*|sexis\w*|xenophob\w*|"
    r"discriminat\w*|premise|assum\w*|myth\w*|clich\w*)",
    re.I,
)
ASKS_FOR_ALTERNATIVE = re.compile(
    r"\b(?:instead|alternatives?|rather than|other (?:ways?|options?|ideas?|things?|suggestions?)|something else|"
    r"different (?:way|approach|idea|option)|substitut\w*|replace\w*|swap|or should i)\b",
    re.I,
)


def exempt(batch: Batch, checked: list[int], hits: list[list[Hit]]) -> dict[int, Counter[str]]:
    """Remove, in place, the hits of ``PROMPT_DEPENDENT`` rules from the assistant turns (``checked[k]`` indexes the
    batch's turns) whose conversation answers them (see above); per exempted ``k``, the removed hits per rule."""
    removed: dict[int, Counter[str]] = {}
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    for k, t in enumerate(checked):
        if not hits[k] or roles[t] != GPT or not any(h.rule in PROMPT_DEPENDENT for h in hits[k]):
            continue
        prompt = texts[t - 1] if t > 0 and owner[t - 1] == owner[t] and roles[t - 1] == HUMAN else ""
        earlier = bool((roles[batch.offsets[owner[t]] : t] == GPT).any())  # an assistant turn before this one
        answered = {
            DEFER: bool(prompt) and ASKS_FOR_REFERRAL.search(prompt) is not None,
            DEFER_INTL: bool(prompt) and ASKS_FOR_REFERRAL.search(prompt) is not None,
            REDIRECT: earlier or ASKS_FOR_ALTERNATIVE.search(prompt) is not None,
            JUDGE: ASKS_ABOUT_IT.search(prompt) is not None,
            PREMISE: earlier or ASKS_ABOUT_BIAS.search(prompt) is not None,
        }
        gone = [h for h in hits[k] if answered.get(h.rule, False)]
        if gone:
            removed[k] = Counter(h.rule for h in gone)
            hits[k] = [h for h in hits[k] if h not in gone]
    return removed


def without_exempt(hits: list[Hit], exempted: Counter[str]) -> list[Hit]:
    """``hits`` minus those of the rules ``exempt`` exempted the turn from (the re-check of a repaired turn)."""
    return [h for h in hits if h.rule not in exempted]
