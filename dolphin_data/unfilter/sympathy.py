"""What may come before a judgement that only lectures (``RegexRule.after_sympathy``): greetings, thanks, sympathy or
concern, and connectives. "I appreciate your curiosity, but", "This really concerns me.", "Thank you for reaching
out! However," precede a lecture; "Prop houses sell novelty IDs." is content the reply gave first."""

from __future__ import annotations

import re

from dolphin_data.unfilter.text import EARLY_MAX_CHARS, GREETINGS

_SYMPATHY = re.compile(
    r"(?:"
    + GREETINGS
    + r"|i'm (?:so |really |very |truly )?sorry|sorry to hear|i can only imagine|that sounds|this (?:really |genuinely "
    r")?(?:concerns|worries) me|i'm (?:really |a little |a bit |genuinely )?(?:worried|concerned))\b"
)
_CLAUSE_STOP = re.compile(r"[.!?;,:\n\u2014\u3002\uff01\uff1f]+")
_CONNECTIVE = re.compile(r"^(?:and|but|so|however|still|though|yet|also|that said)\b\W*")


def sympathy_only(head: str) -> bool:
    """Whether ``head`` (a lowercased reply up to a match) holds nothing but greetings, thanks, sympathy or concern
    and connectives ("I appreciate your curiosity, but", "This really concerns me.", "Thank you for reaching out!
    However,"): no content the reply gave first."""
    if len(head) > EARLY_MAX_CHARS:
        return False
    for piece in _CLAUSE_STOP.split(head.replace("\u2019", "'")):
        piece = _CONNECTIVE.sub("", piece.strip())
        if any(c.isalpha() for c in piece) and not _SYMPATHY.match(piece):
            return False
    return True
