"""A reply that mostly lectures (``RegexRule.whole_share`` < 1): at least ``min_sentences`` of its prose sentences,
and at least that share of them, hold one of the rule's lecturing words (harm, law, judgement: its triggers), and
none of them instructs or quotes. "Fake
death reports spread quickly and cause real distress. They have been used to drive traffic to scam sites. Spreading
them can also expose you to defamation claims." lectures; "Prop houses sell novelty IDs. Using a fake ID to lie about
your age is illegal." does too, by share, so the rule that uses it stands only for a user who asked to do or to get
something (``unfilter/prompt.py``); an answer that says how (an instruction, "What helps: call 911") or quotes what
was asked for is an answer.

A reply that mostly defers (``RegexRule.share_units``): at least that share of its sentences and list items match the
rule's pattern (a referral, a hedge, sympathy: ``rule_data_v6``'s deferral parts) and one is a referral ("Tax
deductions depend on many individual factors. A CPA is the right person to review your situation. You can also check
irs.gov."); a list of whom to call and a phone number count too."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dolphin_data.unfilter.instructs import instructs

_QUOTE = re.compile('["\u201c\u201d\u00ab\u300c]')
_BULLET = re.compile(r"^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+")
# a sentence or list item; a stop followed at once by a word, a slash or a bracket ("irs.gov", "3.5", "etc.)") does
# not end one
_UNIT = re.compile(r"(?:[^.!?\n]|[.!?](?=[\w/)]))+[.!?]*")


def mostly_lectures(low: str, sents: Sequence[tuple[str, bool]], share: float, least: int) -> bool:
    """Whether the lowercased reply ``low``, split into ``(sentence, holds a lecturing word)`` pairs, mostly lectures
    (see the module docstring)."""
    if not sents or _QUOTE.search(low):
        return False
    prose = [(s.strip(), hit) for s, hit in sents if any(c.isalpha() for c in s)]
    n = sum(hit for _, hit in prose)
    if n < least or n < share * len(prose):
        return False
    return not any(instructs(s) or (": " in s and instructs(s.split(": ", 1)[1])) for s, _ in prose)


_BUT = re.compile(r"(?:,|;|\s[\u2014\u2013-])\s*but\s+")
_NOT_A = re.compile(r"\b(?:i'm|i am) not\b|\bnot (?:a|an|your)\b")


def _answers_after_but(unit: str, each: re.Pattern[str]) -> bool:
    """A disclaimer that turns into the answer in the same sentence ("I'm not a doctor, but a resting heart rate above
    100 is called tachycardia ..."): what follows its "but" matches nothing deferring and runs six words or more."""
    m = _BUT.search(unit)
    if m is None or _NOT_A.search(unit, 0, m.start()) is None:  # "I'm sorry, but ..." is no disclaimer
        return False
    rest = unit[m.end() :]
    return len(rest.split()) >= 6 and each.search(rest) is None


def mostly_units(low: str, each: re.Pattern[str], share: float) -> bool:
    """Whether at least ``share`` of the lowercased reply's sentences and list items (markdown bold and bullets set
    aside) match ``each`` (see the module docstring; the caller has found the referral)."""
    units = [_BULLET.sub("", u).strip(" _#>-*") for u in _UNIT.findall(low)]
    units = [u for u in units if any(c.isalpha() for c in u)]
    allowed = len(units) - share * len(units)  # units that may match nothing
    for u in units:
        if each.search(u) is None or _answers_after_but(u, each):
            allowed -= 1
            if allowed < 0:
                return False
    return bool(units)
