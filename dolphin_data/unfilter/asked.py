"""What the user's turn asks, read by the stage beside the rules: the user turn each assistant turn answers
(``user_turns``), and whether the user asked for words that decline (``asks_for_decline``: "Draft a text declining the
party", "a polite no to a meeting invite", "a chorus about refusing to give up"), in which case the reply's "I can't
make it" is the content asked for, not the assistant declining: ``prompt.exempt`` lifts the turn's refusal hits and
the stage does not count the refusal-act classifier there."""

from __future__ import annotations

import re

from dolphin_data.batch import HUMAN, Batch


def user_turns(batch: Batch, turns: list[int]) -> list[str]:
    """The user turn each of ``turns`` (the batch's turn indices) answers: the turn before it in the same
    conversation, when that is the user's; else ""."""
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    return [texts[t - 1] if t > 0 and owner[t - 1] == owner[t] and roles[t - 1] == HUMAN else "" for t in turns]


# the user asked for words that decline ("Draft a text declining the party", "a polite no to a meeting invite", "a
# chorus about refusing to give up"): the reply's "I can't make it" is what was asked for, not the assistant declining
_DECLINE_WORDS = re.compile(
    r"\b(?:declin(?:e|es|ed|ing)|turn(?:ing)? (?:\w+ ){0,2}down|(?:say|polite|nice|kind|gentle|firm|graceful) no\b|"
    r"refus(?:e|es|al|ing)|reject(?:ing|ion)?|(?:back|bow)(?:ing)? out|(?:can't|cannot|won't) make it|rsvp no|"
    # es, fr, de, ru, nl: declining, a refusal
    r"rechaz\w*|declinar|d[ée]cliner|refuser|absagen|absage|ablehn\w*|отказ\w*|afwijz\w*|afzeggen)\b"
    # a decline quoted to be said or translated: "How do I say 'I'm sorry, I can't come' in Japanese?"
    r"|(?:^|(?<=\s))[\"'\u201c\u2018][^\"\u201d\u2019]{0,40}\b(?:can't|cannot|can not|won't|sorry|no puedo|je ne peux)\b"
    r"|拒绝|婉拒|断り|断る",
    re.I,
)
_WORDING = re.compile(
    r"\b(?:write|draft|compose|craft|word(?:ing)?|phrase|say|reply|respond|response|text|note|e-?mail|message|letter|"
    r"card|script|lyrics|chorus|song|poem|verse|line|template|sample|examples?|send|give me|what (?:do|should|can) i say|"
    r"how (?:do|can|should|would) i (?:\w+ )?(?:decline|say no|turn (?:\w+ ){1,2}down|refuse|reject)|how to (?:\w+ )?(?:decline|say no|refuse|reject)|"
    # es, fr, de, ru, nl: write, a letter, an email, a message
    r"escrib\w*|redact\w*|carta|correo|mensaje|[ée]cri[rsv]\w*|r[ée]dige\w*|lettre|courriel|schreib\w*|brief|"
    r"nachricht|напиши\w*|письм\w*|сообщени\w*|schrijf|bericht)\b|写|書いて|メール|手紙",
    re.I,
)


def asks_for_decline(prompt: str) -> bool:
    """Whether the user asked for words that decline (see ``_DECLINE_WORDS``): a reply's declines are then content."""
    return _DECLINE_WORDS.search(prompt) is not None and _WORDING.search(prompt) is not None
