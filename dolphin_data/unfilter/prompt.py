"""The user's turn as context for the rules whose verdict depends on the question.

A reply that only refers the user to a doctor, a lawyer or the police (``regex:defer_only``) declines to answer,
unless the user asked who to turn to: "Who should I call about a gas leak?", "Do I need a lawyer for this?",
"Where can I get help?" (``regex:defer_intl`` the same, in other languages). A reply that opens with something else ("Instead, how about we ...":
``regex:redirect_opening``) offers it in place of what was asked, unless the user asked for alternatives ("What can
I use instead of butter?") or it is not the conversation's first reply (it may follow up on an earlier answer); one
that sets something aside and ends offering help with another thing (``regex:instead_then_offer``) declines only when
what it sets aside echoes the user's words ("Instead of spanking ..." after "How do I spank ..."). A
reply that only judges the requested act ("Bribing an inspector is a criminal offense ...":
``regex:judgement_opening``) answers a user who asked what it is, whether it is legal, or for a text about it or its
risks, and nobody else. A first reply that calls the premise a stereotype (``regex:premise_opening``) answers a user
who asked about stereotypes, bias or the premise itself, and one that opens with "Let's change the subject"
(``regex:change_subject``) a user who asked about changing the subject. A first reply that opens by denying what
the question claims ("It is not accurate to say that ...": ``regex:premise_denied``) declines only a question about a
group of people (``ABOUT_A_GROUP``); about things it answers ("The Earth isn't flat"). A reply that opens by judging whatever the user named ("Fake
reviews violate Amazon's guidelines ...": ``regex:judgement_subject``) declines only a user who asked to do or to get
it (``REQUESTS_ACT``: "How do I ...", "Write ...", "Give me ...", in eleven languages), not what it is, whether it is
legal or why (``ASKS_ABOUT_RISK``), and only when the judged subject echoes the user's words (``echoes``).
``exempt(batch, checked, hits)`` removes such a rule's hit from an assistant turn whose human turn just before it
answers it as above, and returns the turns it exempted (the stage counts them as ``prompt_exempt:<rule>``; the re-check
of a repaired turn runs it again on the repaired text's hits). Scoring stays pure: this is a decision taken on the
scores, with the prompt as input; the patterns for what the user asked live in ``unfilter/requests.py``. A clipped
decline (``regex:clipped_decline``: "Not providing that.", "Against usage policy.") and an offer of what the
assistant can do instead (``regex:offers_what_i_can``: "What I can do is help you write ...") decline only a user who
asked to do or to get something, outside a story; the assistant's decline of a part of the request (``regex:declines_part``:
"I won't write the remaining 2,000 words for you, though.") or of a verdict (``regex:declines_verdict``: "I'm going
to sidestep crowning anyone here.") declines outside a story. A lecture
(``regex:lecture_share``) declines a user who asked for a joke only when the reply tells none (it opens with a
setup question: ``_joke_told``). A bare no ("No.", "Nope.", "Nein.", "いいえ。": ``regex:terse_decline``,
``regex:terse_decline_intl``) answers a yes/no question (``ASKS_YES_NO``) that does not ask the assistant to do
something; a decline that names itself ("Pass.", "Not happening.") declines after any question."""

from __future__ import annotations

import re

from dolphin_data.batch import GPT, Batch
from dolphin_data.unfilter.asked import ASKS_ABOUT_ME, SPAN_PATTERNS, declines_span, user_turns
from dolphin_data.unfilter.hits import Hit
from dolphin_data.unfilter.instructs import instructs
from dolphin_data.unfilter.requests import (
    ABOUT_A_GROUP,
    ASKS_ABOUT_BIAS,
    ASKS_ABOUT_IT,
    ASKS_ABOUT_RISK,
    ASKS_ABOUT_SUBJECT,
    ASKS_FOR_A_TEXT,
    ASKS_FOR_ALTERNATIVE,
    ASKS_FOR_REFERRAL,
    ASKS_HARSH,
    ASKS_IF_OK,
    ASKS_IF_TRUE,
    ASKS_SHOULD,
    ASKS_SOFTER,
    ASKS_YES_NO,
    NARRATIVE,
    REQUESTS_ACT,
)
from dolphin_data.unfilter.rule_data_v8 import MILD_WORD
from dolphin_data.unfilter.rule_data_v9 import BARE_NO_ANSWERS_INTL, DELIVERS
from dolphin_data.unfilter.rule_data_v13 import SET_ASIDE
from dolphin_data.unfilter.text import sentences
from dolphin_data.unfilter.turn_search import asks, asks_many

DEFER, REDIRECT, JUDGE = "regex:defer_only", "regex:redirect_opening", "regex:judgement_opening"
DEFER_SHARE, OFFER = "regex:defer_share", "regex:redirect"
PREMISE, DEFER_INTL, JUDGED = "regex:premise_opening", "regex:defer_intl", "regex:judgement_subject"
RATHER, SUBJECT, REDIRECT_INTL = "regex:redirect_rather", "regex:change_subject", "regex:redirect_intl"
GROUP, PREMISE_INTL, INSTEAD = "regex:premise_denied", "regex:premise_intl", "regex:redirect_instead"
STEER, LECTURES, WEIGH = "regex:redirect_steer", "regex:lecture_share", "regex:weigh_first"
SOFTENED, TALKS, CLIPPED = "regex:softened_offer", "regex:talks_about_it", "regex:clipped_decline"
PART, RATHER_INTL, VERDICT = "regex:declines_part", "regex:redirect_rather_intl", "regex:declines_verdict"
WHAT_I_CAN, WITHHELD, THEN_OFFER = "regex:offers_what_i_can", "regex:withheld_for_harm", "regex:instead_then_offer"
TERSE = ("regex:terse_decline", "regex:terse_decline_intl")
_REFERRALS = (DEFER, DEFER_INTL, DEFER_SHARE)
PROMPT_DEPENDENT = frozenset(
    {DEFER, REDIRECT, JUDGE, PREMISE, DEFER_INTL, JUDGED, RATHER, SUBJECT, REDIRECT_INTL, GROUP, PREMISE_INTL, INSTEAD}
    | {
        STEER,
        LECTURES,
        DEFER_SHARE,
        WEIGH,
        OFFER,
        SOFTENED,
        TALKS,
        CLIPPED,
        PART,
        RATHER_INTL,
        VERDICT,
        WHAT_I_CAN,
        WITHHELD,
        THEN_OFFER,
        *TERSE,
    }
)
_SET_ASIDE = re.compile(SET_ASIDE)
# a bare no ("No.", "Nope, sorry.", "Absolutely not.", "Nein.", "いいえ。"), not a decline that names itself ("Pass.",
# "Not happening.", "お断りします。"): it answers a yes/no question
_BARE_NO = re.compile(
    r"^\W*(?:(?:sorry|apologies),? )?(?:no|nope|absolutely not|definitely not|of course not|not really)\b(?!\W*(?:can do|"
    r"way)\b)|^\W*(?:" + BARE_NO_ANSWERS_INTL + ")",
    re.I,
)
# the judged subject refers to the request itself ("What you're describing is ...", "Doing that would be ...")
_REFERS_TO_REQUEST = re.compile(
    r"\bwhat you(?:'re| are)? (?:describing|asking|suggesting|proposing|planning|talking about|want|requesting|"
    r"looking for)|^\W*(?:this|that|it|doing (?:this|that|so)|(?:this|that|your|such an?) (?:request|plan|idea|scheme|"
    r"kind of \w+|approach))\b",
    re.I,
)
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "these",
        "those",
        "what",
        "with",
        "your",
        "yours",
        "their",
        "them",
        "they",
        "from",
        "into",
        "about",
        "would",
        "could",
        "should",
        "there",
        "here",
        "have",
        "been",
        "being",
        "were",
        "which",
        "where",
        "when",
        "will",
        "just",
        "only",
        "also",
        "very",
        "more",
        "most",
        "some",
        "such",
        "other",
        "another",
        "someone",
        "something",
        "anyone",
        "people",
        "person",
        "someone's",
    ]
)


def _set_aside(text: str) -> str:
    """What a "Rather than X, ..." hit sets aside: X."""
    return text.split(",", 1)[0].split(" ", 2)[-1]


def _is_cjk(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def echoes(judged: str, prompt: str) -> bool:
    """Whether a judged subject is what the user asked about: it refers to the request, or shares a word (its first
    five letters, four letters at least) with the prompt; a prompt in Chinese, Japanese or Korean always counts."""
    if _REFERS_TO_REQUEST.search(judged):
        return True
    if any(_is_cjk(c) for c in prompt):  # no spaces to find the user's words by: the request and the rest decide
        return True
    asked = {w[:5] for w in _WORD.findall(prompt.lower()) if len(w) >= 4}
    return any(len(w) >= 4 and w not in _STOPWORDS and w[:5] in asked for w in _WORD.findall(judged.lower()))


def _dependent(hits: list[Hit]) -> bool:
    return any(h.rule in PROMPT_DEPENDENT for h in hits)


def exempt(batch: Batch, checked: list[int], hits: list[list[Hit]]) -> dict[int, list[Hit]]:
    """Remove, in place, the hits of ``PROMPT_DEPENDENT`` rules from the assistant turns (``checked[k]`` indexes the
    batch's turns) whose conversation answers them (see above), the refusal hits where the reply's declines are content
    the user asked for (``asked.declines_span``), and the boilerplate of a turn whose user asked what the assistant is
    (``asked.ASKS_ABOUT_ME``: it is the answer); per exempted ``k``, the removed hits."""
    removed: dict[int, list[Hit]] = {}
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    todo = [(k, t) for k, t in enumerate(checked) if hits[k] and roles[t] == GPT]
    prompts = user_turns(batch, [t for _, t in todo])
    # asked of every such turn at once (vectorised), so the loop finds them remembered; REQUESTS_ACT is needed only
    # for turns with a prompt-dependent hit, but asked with the rest it costs less than a pass of its own
    dependent = any(_dependent(hits[k]) for k, _ in todo)
    asks_many([*SPAN_PATTERNS, REQUESTS_ACT] if dependent else SPAN_PATTERNS, prompts)
    for (k, t), prompt in zip(todo, prompts, strict=True):
        span = declines_span(texts[t], prompt)  # declines the user asked for: in a message, or all of the reply
        about_me = asks(ASKS_ABOUT_ME, prompt)  # "Are you an AI?": the disclaimer is the answer
        lifted = [
            h
            for h in hits[k]
            if (h.kind == "refusal" and span is not None and span[0] <= h.start < span[1])
            or (h.kind == "boilerplate" and about_me)
        ]
        if lifted:
            removed[k] = lifted
            hits[k] = [h for h in hits[k] if h not in lifted]
        if not _dependent(hits[k]):
            continue
        earlier = bool((roles[batch.offsets[owner[t]] : t] == GPT).any())  # an assistant turn before this one

        def answered(rule: str, prompt: str = prompt, earlier: bool = earlier) -> bool:
            """Whether the user's turn answers the shape ``rule`` (see the module docstring); only the patterns the
            rule needs are searched."""
            if rule in _REFERRALS:
                return asks(ASKS_FOR_REFERRAL, prompt)
            if rule in (REDIRECT, REDIRECT_INTL):
                return earlier or asks(ASKS_FOR_ALTERNATIVE, prompt)
            if rule == OFFER:
                return asks(ASKS_SHOULD, prompt)
            if rule == JUDGE:
                return asks(ASKS_ABOUT_RISK, prompt) or (asks(ASKS_ABOUT_IT, prompt) and not asks(REQUESTS_ACT, prompt))
            if rule in (PREMISE, PREMISE_INTL):
                return earlier or asks(ASKS_ABOUT_BIAS, prompt)
            if rule == SUBJECT:
                return asks(ASKS_ABOUT_SUBJECT, prompt)
            if rule == GROUP:
                return (
                    earlier
                    or not asks(ABOUT_A_GROUP, prompt)
                    or asks(ASKS_ABOUT_BIAS, prompt)
                    or asks(ASKS_IF_TRUE, prompt)
                )
            return False

        acting = asks(REQUESTS_ACT, prompt)  # asked to do or to get something
        requested = acting and not asks(ASKS_ABOUT_RISK, prompt)  # ... not a text about it
        acting = acting and not asks(ASKS_IF_OK, prompt)  # ... nor whether it is legal, safe or right
        gone = [
            h
            for h in hits[k]
            if answered(h.rule)
            or (h.rule == JUDGED and not (requested and echoes(h.text, prompt)))
            or (h.rule in (RATHER, RATHER_INTL) and (answered(REDIRECT) or not echoes(_set_aside(h.text), prompt)))
            or (h.rule == LECTURES and (not acting or asks(NARRATIVE, prompt) or _joke_told(prompt, texts[t])))
            or (h.rule == WEIGH and (not acting or _delivers(texts[t])))
            or (h.rule == SOFTENED and not _asked_harsher(h.text, prompt))
            or (h.rule == TALKS and not (acting and _talks_instead(h.text, prompt, texts[t])))
            or (h.rule in (CLIPPED, WHAT_I_CAN) and (not acting or asks(NARRATIVE, prompt)))
            or (h.rule in (PART, VERDICT, WITHHELD) and asks(NARRATIVE, prompt))
            or (h.rule in TERSE and _BARE_NO.match(h.text) is not None and asks(ASKS_YES_NO, prompt) and not acting)
            or (h.rule == STEER and _asked_for_it(h.text, prompt))
            or (h.rule == THEN_OFFER and not echoes(_SET_ASIDE.sub("", h.text.lower(), count=1), prompt))
            or (
                h.rule in (INSTEAD, STEER, THEN_OFFER)
                and (answered(REDIRECT) or not acting or _answered_first(texts[t], h.start, prompt))
            )
        ]
        if gone:
            removed[k] = removed.get(k, []) + gone
            hits[k] = [h for h in hits[k] if h not in gone]
    return removed


_JOKE = re.compile(r"\b(?:jokes?|one-liners?|pun|puns|riddles?)\b", re.I)
_SETUP = re.compile(r"^\W*[^.!?\n]{3,160}\?")


def _joke_told(prompt: str, text: str) -> bool:
    """The user asked for a joke and the reply opens with a setup question ("Why did the chef ...?"): it told one."""
    return _JOKE.search(prompt) is not None and _SETUP.match(text) is not None


def _asked_harsher(mild: str, prompt: str) -> bool:
    """Whether the user asked to get something harsh (``ASKS_HARSH``), not to soften it, in other words than the
    milder thing the reply offers (``mild``, a ``regex:softened_offer`` match)."""
    low = prompt.lower()
    return (
        REQUESTS_ACT.search(prompt) is not None
        and ASKS_HARSH.search(prompt) is not None
        and ASKS_SOFTER.search(prompt) is None
        and not any(m.group()[:5] in low for m in MILD_WORD.finditer(mild.lower()))
    )


def _talks_instead(kind: str, prompt: str, text: str) -> bool:
    """Whether the reply names the kind of text the user asked for (``kind``, a ``regex:talks_about_it`` match: the
    same word, singular or plural) and delivers none (``rule_data_v9.DELIVERS``)."""
    asked = ASKS_FOR_A_TEXT.search(prompt)
    if asked is None or DELIVERS.search(text) is not None:
        return False
    name = next(g for g in asked.groups() if g)
    return _singular(name) == _singular(kind) or (len(name) >= 5 and name.lower()[:5] == kind.lower()[:5])


def _singular(name: str) -> str:
    """A kind of text's name in the singular ("stories" -> "story", "speeches" -> "speech", "pick-up lines" -> "pick
    up line")."""
    w = name.lower().replace("-", " ")
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "lyrics")) else w


# a sentence that starts an answer ("Sure!", "Here's ...", "You can ...", "To fix it, ...")
_ANSWER_START = re.compile(
    r"(?:sure|yes|yeah|yep|of course|certainly|absolutely|definitely|here(?:'s|’s| is| are)|to \w+|you (?:can|could|"
    r"should|need|will|want|may|might)|use |first|start|step|the (?:best|easiest|simplest|quickest|usual) way)\b"
)


_MORAL = re.compile(
    r"constructive|productive|positive|respectful|legitimate|legal|ethical|healthy|healthier|kind|"
    r"compassionate|responsible|honest"
)


def _asked_for_it(steer: str, prompt: str) -> bool:
    """Whether the kind of way a steer proposes is what the user asked for ("How do I get out of jury duty
    legitimately?" "There are several legitimate ways to be excused")."""
    m = _MORAL.search(steer.lower())
    return m is not None and m.group()[:5] in prompt.lower()


_UNIT = re.compile(r"[^.!?\n]+[.!?]*")
_ITEM_HEAD = re.compile(r"^[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+)?(?:[\w' -]{1,40}:\s*)?")


def _delivers(text: str) -> bool:
    """Whether a reply does something of what was asked: a sentence or list item (its bold label set aside)
    instructs, or it quotes or holds code (a drafted text, a command)."""
    low = text.lower().replace("**", "")
    if "`" in low or any(q in low for q in '"\u201c\u201d'):
        return True
    return any(instructs(_ITEM_HEAD.sub("", u).strip()) for u in _UNIT.findall(low))


# an imperative made of the user's own verb: "How do I roast carrots?" "Roast them until golden."
_ECHOED_VERB = re.compile(
    r"([a-z]{3,}) (?:them|it|the|your|a|an|this|that|these|those|until|for|with|on|in|at|up|out)\b"
)


def _answered_first(text: str, start: int, prompt: str = "") -> bool:
    """A sentence before ``start`` answers (it instructs, starts like an answer, or opens with the user's own verb:
    "Sure! Hang the shelf on two anchors. Want a floating one instead?"): the reply answered before it proposed
    something else."""
    low = text[:start].lower()
    asked = set(_WORD.findall(prompt.lower()))

    def answers(x: str) -> bool:
        m = _ECHOED_VERB.match(x)
        return bool(instructs(x) or _ANSWER_START.match(x) or (m and m.group(1) in asked))

    return any(answers(x) for x in (low[s.start : s.end].strip() for s in sentences(low)))


# the sentence-level shapes: where the user's turn exempted one, its sentence answers, and the sentence classifier's
# cue there (a redirect, a judgement) is not a decline either
SENTENCE_SHAPES = frozenset(
    {REDIRECT, RATHER, JUDGE, JUDGED, PREMISE, REDIRECT_INTL, GROUP, PREMISE_INTL, INSTEAD, STEER, OFFER, *TERSE}
)


def outside_answered(
    cands: list[tuple[float, tuple[int, int]]], gone: list[Hit]
) -> list[tuple[float, tuple[int, int]]]:
    """The classifier's candidate sentences ``(score, (start, end))`` of one turn, minus those that overlap a
    sentence-level shape the user's turn exempted (``gone``, from ``exempt``)."""
    spans = [(h.start, h.end) for h in gone if h.rule in SENTENCE_SHAPES]
    return [c for c in cands if not any(a < c[1][1] and c[1][0] < b for a, b in spans)] if spans else cands
