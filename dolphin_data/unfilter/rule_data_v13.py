"""Rule DATA, part 13: a short prose reply that sets what was asked aside for something else early on ("instead of",
"rather than", "en vez de", "вместо", "与其", "それよりも") and ends by offering to help with that other thing
("I can help you find ...", "Se ti va, posso aiutarti a ...", "Могу помочь составить ...", "如果你愿意，我可以帮你写 ...").
The two together are a redirect in any of eleven languages: an answer that mentions an alternative in passing does
not end on an offer, and an answer that ends on an offer ("Want me to add more?") set nothing aside.

``instead_then_offer``: the setting-aside clause in the reply's first sentences (``early``) of a reply of at most
``WHOLE_MAX_CHARS`` characters with no list and no code after it, and an offer in its last 300 characters. Like
``redirect_instead``, it declines only a user who asked to do or to get something, not one who asked for
alternatives, and not after a sentence that answers; and only when what it sets aside echoes the user's words
("Instead of spanking ..." after "How do I spank ...", not "Instead of WD-40, use a silicone spray ..." after "How do
I fix a squeaky door?"): ``unfilter/prompt.py``."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of
from dolphin_data.unfilter.text import WHOLE_MAX_CHARS

_INSTEAD = (
    "instead of|rather than|en vez de|en lugar de|au lieu de|plutôt que de|invece di|anziché|piuttosto che|em vez de|"
    "ao invés de|em lugar de|anstatt|statt|in plaats van|вместо|与其|代わりに|それよりも|대신"
)
_OFFER = (
    r"\bi can help you\b|\bi could help you\b|\bi'd be happy to help you\b|\bhappy to help you\b|\bi can help with\b"
    r"|\bwant me to\b|\bi can (?:write|draft|suggest|help)\b|\bif you(?:'d)? like, i\b|\btell me .{0,60} and i(?:'ll| can)\b"
    r"|puedo ayudarte|podría ayudarte|si quieres,? (?:te )?puedo|je peux t'aider|je peux vous aider|si tu veux,? je"
    r"|posso aiutarti|se (?:ti )?va,? posso|se vuoi,? posso|posso te ajudar|posso ajudar|se quiser,? (?:eu )?posso"
    r"|kann ich dir|ich kann dir (?:gerne )?helfen|wenn du (?:magst|willst),? (?:kann|helfe)|kan ik je helpen"
    r"|ik kan je helpen|als je wilt,? (?:kan|help)|могу помочь|могу (?:составить|написать|подсказать)"
    r"|если хотите,? (?:я )?могу|我可以帮你|我可以帮您|如果你愿意|お手伝いできます|お手伝いしましょうか|よければ"
    r"|도와드릴 수 있|도와드릴게요|원하시면"
)
_PROSE_AFTER = r"(?!(?s:.)*(?:```|\n[ \t]*(?:[-*•]|\d+[.)])\s|\|))"  # no code, list item or table after the clause
SET_ASIDE = rf"^(?:{_INSTEAD})\s*"  # the clause's opening words: what follows them is what the reply sets aside
# the clause and what it sets aside (up to a stop: "instead of spanking", "вместо мести лучше пойти путём")
INSTEAD_THEN_OFFER = (
    rf"(?:{_INSTEAD})[^.!?\n。！？,，、;:()—–]{{0,50}}{_PROSE_AFTER}"
    rf"(?=(?s:.){{0,{WHOLE_MAX_CHARS}}}?(?:{_OFFER})(?s:.){{0,300}}\Z)"
)

V13_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "instead_then_offer",
        "refusal",
        keys_of(_INSTEAD),
        INSTEAD_THEN_OFFER,
        early=True,
        max_chars=WHOLE_MAX_CHARS,
        doc="a short prose reply that sets the request aside early ('instead of', 'rather than', 'вместо', '与其') "
        "and ends offering help with something else: 'Most stadiums sell beer ... I can help you find the bar "
        "locations instead.', 'Но вместо мести лучше ... Могу помочь составить записку' (only for a user who asked "
        "to do or to get that thing, not for alternatives: unfilter/prompt.py)",
    ),
)
