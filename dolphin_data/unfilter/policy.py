"""Deciding: from the evidence of ``score.py`` to a verdict per turn, and from verdicts to an action per conversation.

Turn verdicts (``turn_verdict``), decided on what the assistant *does*:
- ``refusal``: a ``refusal`` or ``artefact`` rule hit, the classifier's P(refusal act) >= the threshold on a
  sentence where it counts (``counted_score``: one that declines by itself, or one in the reply's opening; a lecture,
  redirect or weak premise cue there only when nothing after it answers), or the whole-reply model's P(refusal) >= its
  threshold (declines, deflects, redirects, lectures instead of answering, rejects the premise; partial refusals
  count);
- ``repair``: only ``boilerplate`` / ``moralizing`` hits: those sentences are stripped when the rest answers;
- ``clean``: nothing.

Policies (``POLICIES``; what the stage does with a conversation's verdicts):
- ``repair`` (default; the 2.9 recipe): a refusal drops the conversation; boilerplate and moralizing are repaired,
  and a repair that leaves nothing, still refuses, still carries boilerplate or has no answer left drops it with
  ``refusal:repair:<why>``.
- ``drop_any``: the seed lineage (Dolphin's public scripts): any hit of any kind drops the conversation; it also
  drops every good answer that merely carries a disclaimer (cost measured by ``make bench``).
- ``drop_turn``: a refusing turn goes with the user turn before it; boilerplate is repaired as in ``repair``.
- ``truncate``: the conversation is cut before the first refusing exchange; boilerplate is repaired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dolphin_data.unfilter.prompt import PROMPT_DEPENDENT
from dolphin_data.unfilter.repair import PLEASANTRY as _PLEASANTRY
from dolphin_data.unfilter.repair import has_answer, repair_text
from dolphin_data.unfilter.rule_data_v4 import LECTURE
from dolphin_data.unfilter.rule_data_v10 import BUT_INTL
from dolphin_data.unfilter.rules import WHOLE_RULES, Hit
from dolphin_data.unfilter.text import sentence_end, sentence_start, sentences
from dolphin_data.unfilter.vocab import CUE, CUE_FAMILIES

_CUE = re.compile(CUE)
_LECTURE = re.compile(LECTURE)
_REJECTS_PREMISE = re.compile(
    r"\b(?:stereotypes?|generali[sz]ations?|not (?:accurate|fair|true|correct|right)|inaccurate|unfair|premise|"
    r"misconception|myth|no (?:scientific |factual )?(?:basis|evidence)|false)\b"
)
# the cue families that are a decline by themselves (first person declining, an opening "Won't.", rules-about-me
# talk); the others (redirect, premise, lecture) are also how an answer ends with a caveat
_DECLINE = re.compile("|".join(f"(?:{CUE_FAMILIES[k]})" for k in ("first_person_decline", "initial_decline", "policy")))

POLICIES = ("repair", "drop_any", "drop_turn", "truncate")
POLICY_ALIASES = {"drop_conversation": "drop_any"}  # the 0.x name of the seed behaviour
DROP_KINDS = ("refusal", "artefact")
REPAIR_KINDS = ("boilerplate", "moralizing")
CLASSIFIER_RULE = "classifier"
REPLY_RULE = "reply"
# idioms that carry a cue word but decline nothing ("I'm not going to sugarcoat this", "I can't stress enough", "I
# won't lie"): blanked like an explaining rule's span before the cue is looked for again
_IDIOM = re.compile(
    r"\bi(?:'m| am) not (?:going to|gonna) (?:sugarcoat|sugar-coat|lie|pretend)\b|\bi (?:won't|will not|can't|cannot) "
    r"(?:lie|sugarcoat|sugar-coat|wait|believe|stress|emphasi[sz]e|overstate|thank you|help but)\b"
    r"|\bi (?:can't|cannot) (?:recommend|praise|say)\b[^.!?\n]{0,40}\benough\b|\bi won't bore you\b"
)
_LIST_ITEM = re.compile(r"(?:^|\n)[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+\S")
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?=\s|$)")


# rules that explain the cue in the classifier's sentence: boilerplate ("As an AI, I cannot browse the web" is a
# capability disclaimer, not a decline) and moralizing caveats ("Please be aware that this is illegal."): where one
# of them sits in that sentence, the rule's verdict (repair) stands, and the re-check drops a reply that had nothing
# but the caveat
EXPLAINED_BY = frozenset(
    {
        "regex:capability",
        "regex:ai_no_feelings",
        "regex:knowledge_cutoff",
        "regex:not_a_professional",
        "regex:ai_no_feelings_intl",
        "regex:no_professional_advice",
        "regex:moral_warning",
        "regex:moral_respect",
        "regex:legal_caveat",
        "regex:use_responsibly",
        "regex:never_illegal",
        "regex:obtain_permission",
        "regex:remember_respect",
        "regex:moral_statement",
        "regex:please_be_aware",
        "regex:disclaimer_pivot",
    }
)
PIVOT_RULE = "regex:disclaimer_pivot"


# deciding for the user: a limit of the assistant's role, not a decline of what was asked
_DECIDING = r"(?:personal )?(?:decisions?|choices?) for you|(?:decide|choose) for you"
# a limit of knowledge or precision, not of will ("the exact figure", "today's", "in real time", "guarantee"), in en, es,
# fr, de, it, pt, nl, ru, zh, ja, ko
_LIMIT = re.compile(
    r"\b(?:exact\w*|precis\w*|précis\w*|real[- ]time|up[- ]to[- ]date|current(?:ly)?|today'?s?|guarantee\w*|exact[oa]s?|"
    r"hoy|en tiempo real|garantiz\w*|aujourd'hui|en temps réel|garanti\w*|genaue?\w*|aktuelle?\w*|heute|in echtzeit|"
    r"esatt\w*|oggi|in tempo reale|exat[oa]s?|hoje|em tempo real|precies\w*|vandaag|actuele?|точн\w*|сегодня|"
    r"в реальном времени|гарантир\w*|"
    # ... or of having tastes to choose by ("no personal preferences, so I can't choose, but here are the differences")
    r"preferenc\w*|préférence\w*|vorliebe\w*|preferenz\w*|preferênci\w*|voorkeur\w*|предпочтени\w*|gusti personali|"
    r"gustos personales|goûts personnels|"
    # ... or of deciding for the user ("I cannot make personal decisions for you, but here are some factors:")
    + _DECIDING
    + r")\b|准确|确切|实时|今天|正確|リアルタイム|今日|정확|실시간|오늘|偏好|好み|취향",
    re.I,
)
# ... said as what the assistant cannot do (ability, not will: "aren't something I'll list" declines)
_ABILITY = re.compile(
    r"\b(?:can't|cannot|can not|unable|not able|no (?:puedo|podemos|me es posible)|ne (?:peux|pouvons|suis) pas|"
    r"(?:kann|können) (?:ich|wir)\b[^.!?\n]*\bnicht|(?:ich|wir) (?:kann|können)\b[^.!?\n]*\bnicht|non (?:posso|possiamo)|"
    r"não (?:posso|podemos|consigo)|(?:kan|kunnen) (?:ik|we)\b[^.!?\n]*\b(?:niet|geen)|(?:ik|we) (?:kan|kunnen)\b[^.!?\n]*\b"
    r"(?:niet|geen)|не (?:могу|можем|смогу))\b|无法|不能|できません|수 없",
    re.I,
)
# ... and not about a person's whereabouts ("I can't give her exact address, but ..." declines)
_PERSONAL = re.compile(
    r"address|phone|whereabouts|lives|dirección|teléfono|adresse|téléphone|adress|telefon|indirizzo|endereço|adres|"
    r"адрес|телефон|住址|电话|住所|電話|주소|전화",
    re.I,
)
_BUT = re.compile(BUT_INTL, re.I)
_DECIDES = re.compile(r"\b(?:" + _DECIDING + r")\b", re.I)


def explained_declines(text: str, hits: Sequence[Hit]) -> list[Hit]:
    """``hits`` without the refusal hits that lie inside a disclaimer which turns at once to the answer
    (``rule_data_v8``'s ``disclaimer_pivot``: "I can't give advice specific to your case, but here's how these tickets
    work"), when an answer does follow it (``answers_after``): that "I can't" is boilerplate, repaired, not a decline.
    So is an "I can't" about a limit of knowledge, precision or taste whose sentence turns with "but" to the answer, in
    any language ("Lo siento, no puedo darte la cifra de hoy, pero según el último padrón son unos 3,4 millones")."""
    pivots = [h for h in hits if h.rule == PIVOT_RULE and answers_after(text, hits, h.end)]
    out = [h for h in hits if h.kind != "refusal" or not any(p.start <= h.start < p.end for p in pivots)]
    return [h for h in out if h.kind != "refusal" or h.layer == "classifier" or not _hedged_limit(text, hits, h)]


def _hedged_limit(text: str, hits: Sequence[Hit], h: Hit) -> bool:
    """Whether the refusal hit ``h``'s sentence, before its "but", says what the assistant cannot do (``_ABILITY``)
    about a limit of knowledge, precision, taste or of deciding for the user (``_LIMIT``), and turns with "but" to an
    answer (``answers_after``)."""
    # from the hit's start: a match may run past its "but" ("non posso scegliere, ma posso ...")
    return _hedged_span(text, hits, h.start, sentence_end(text, h.end))


def _hedged_span(text: str, hits: Sequence[Hit], start: int, end: int, limit: re.Pattern[str] = _LIMIT) -> bool:
    """``_hedged_limit`` for the sentence text from ``start`` to ``end``, about ``limit``. A classifier candidate
    counts no more only when the limit is deciding for the user (``_DECIDES``): its answer test is generous ("..., but
    I can explain why it's dangerous" would pass), so the rules' wider limits stay theirs."""
    but = _BUT.search(text, start, end)
    if but is None:
        return False
    head = text[sentence_start(text, start) : but.start()]
    if not (limit.search(head) and _ABILITY.search(head)) or _PERSONAL.search(head):
        return False
    return answers_after(text, hits, but.end())


def classifier_counts(text: str, hits: Sequence[Hit], span: tuple[int, int] | None) -> bool:
    """Whether a classifier score above the threshold decides. Not when its sentence is past the reply's opening and
    holds no decline by itself (a redirect, premise or lecture cue after an answer is a caveat: "Please remember this
    is just a joke."), and not when boilerplate or moralizing rules explain the sentence's cue (the classifier only
    arbitrates between candidate decline sentences): with those hits and idioms ("I'm not going to sugarcoat this")
    blanked, the sentence must still hold a cue ("As an AI, I have no opinions and I cannot take sides" does)."""
    if span is None:
        return True
    s, e = span
    sent = text[s:e].lower().replace("\u2019", "'")
    # a cue other than a decline decides only in the reply's opening; a redirect, lecture or weak premise cue only when
    # nothing after it answers ("This question is a common one. The answer is ..." answers), while a premise rejection
    # ("It's not accurate to say that ...", "This question is based on a stereotype.") stands with its rebuttal
    if not _DECLINE.search(sent) and (
        not opening(text, hits, s) or (not _REJECTS_PREMISE.search(sent) and answers_after(text, hits, e))
    ):
        return False
    inside = [(h.start, h.end) for h in hits if h.rule in EXPLAINED_BY and s <= h.start < e]
    low = text[s:e].lower().replace("\u2019", "'")
    inside += [(s + m.start(), s + m.end()) for m in _IDIOM.finditer(low)]
    if not inside:
        return True
    chars = list(low)
    for a, b in inside:
        chars[a - s : min(b, e) - s] = " " * (min(b, e) - a)
    return bool(_CUE.search("".join(chars)))


def counted_score(
    text: str, hits: Sequence[Hit], cands: Sequence[tuple[float, tuple[int, int]]], threshold: float
) -> tuple[float, tuple[int, int] | None]:
    """The classifier's score once it counts: the highest-scoring candidate sentence at or above ``threshold`` for
    which ``classifier_counts`` holds, and its span; (0.0, None) when none does."""
    for p, span in cands:
        if p < threshold:
            break
        if classifier_counts(text, hits, span) and not (span is not None and _hedged_span(text, hits, *span, _DECIDES)):
            return p, span
    return 0.0, None


def answers_after(text: str, hits: Sequence[Hit], end: int) -> bool:
    """Whether the reply answers after ``end``: what follows, with its boilerplate and moralizing stripped as a repair
    would and its sentences that carry a cue or only say why something is wrong (``rule_data_v4.LECTURE``: "repeating it
    causes harm") set aside, still holds an answer (``repair.has_answer``), or holds code or a table."""
    rest = text[end:]
    if not rest.strip():
        return False
    shifted = [
        Hit(h.rule, h.layer, h.start - end, h.end - end, h.text, h.kind)
        for h in hits
        if h.start >= end and h.kind in REPAIR_KINDS
    ]
    rest = repair_text(rest, shifted).text if shifted else rest
    kept = [
        rest[x.start : x.end]
        for x in sentences(rest)
        if not (_CUE.search(low := rest[x.start : x.end].lower().replace("\u2019", "'")) or _LECTURE.search(low))
    ]
    code = "```" in rest or "\n|" in rest
    return code or has_answer(" ".join(kept))


def opening(text: str, hits: Sequence[Hit], start: int) -> bool:
    """Whether nothing before ``start`` answers: every prose sentence before it is a pleasantry ("Thank you for
    your question!"), carries a cue, or is boilerplate or moralizing that a rule names ("Everyone deserves respect.");
    no code, table or list item precedes it."""
    head = text[:start]
    if not head.strip():
        return True
    if "```" in head or "\n|" in head or _LIST_ITEM.search(head):
        return False
    named = [(h.start, h.end) for h in hits if h.kind in REPAIR_KINDS and h.start < start]
    for sent in sentences(head):
        piece = head[sent.start : sent.end].strip()
        if not piece or _PLEASANTRY.match(piece) or _CUE.search(piece.lower().replace("\u2019", "'")):
            continue
        if any(a < sent.end and sent.start < b for a, b in named):
            continue
        return False
    return True


def classifier_hit(text: str, prob: float, span: tuple[int, int] | None) -> Hit:
    s, e = span if span is not None else (0, min(len(text), 200))
    return Hit(CLASSIFIER_RULE, "classifier", s, e, text[s:e], "refusal")


def reply_hit(text: str) -> Hit:
    """The whole-reply model's evidence: the reply's opening (up to its first sentence end, at most 200 chars)."""
    m = _SENTENCE_END.search(text, 0, 200)
    end = m.end() if m else min(len(text), 200)
    return Hit(REPLY_RULE, "reply", 0, end, text[:end], "refusal")


def turn_verdict(hits: Sequence[Hit], prob: float, threshold: float) -> str:
    """``refusal`` | ``repair`` | ``clean`` for one turn's evidence (``prob``: the classifier's, once it counts)."""
    if prob >= threshold or any(h.kind in DROP_KINDS for h in hits):
        return "refusal"
    if hits:
        return "repair"
    return "clean"


def deciding_hit(hits: Sequence[Hit], verdict: str) -> Hit | None:
    """The hit a reject is named after: the first refusal hit for a refusal (rules before the classifier; a phrase,
    then a shape the user's turn could have exempted, ``prompt.PROMPT_DEPENDENT``, then a whole-reply shape), the
    first hit otherwise."""
    if not hits:
        return None
    if verdict == "refusal":
        ranked = [h for h in hits if h.kind in DROP_KINDS and h.layer != "classifier"]
        ranked = ranked or [h for h in hits if h.kind in DROP_KINDS]
        if ranked:
            return min(ranked, key=lambda h: 2 if h.rule in WHOLE_RULES else int(h.rule in PROMPT_DEPENDENT))
    return hits[0]


def exchange_units(roles: Sequence[str], offending: Sequence[int]) -> set[int] | None:
    """Turn indices to remove for ``drop_turn``: each offending turn with its partner (None: a system-turn hit)."""
    remove: set[int] = set()
    for i in offending:
        role = roles[i]
        if role == "system":
            return None
        remove.add(i)
        if role == "gpt" and i > 0 and roles[i - 1] == "human":
            remove.add(i - 1)
        elif role == "human" and i + 1 < len(roles) and roles[i + 1] == "gpt":
            remove.add(i + 1)
    return remove


def valid_exchange(roles: Sequence[str]) -> bool:
    """At least one user turn followed later by an assistant turn."""
    seen_human = False
    for r in roles:
        if r == "human":
            seen_human = True
        elif r == "gpt" and seen_human:
            return True
    return False
