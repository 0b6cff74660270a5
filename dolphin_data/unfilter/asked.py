"""What the user's turn asks, read by the stage beside the rules: the user turn each assistant turn answers
(``user_turns``), and where the reply's declines are content the user asked for, not the assistant declining
(``declines_span``): the whole reply when the user asked for words that decline (``asks_for_decline``: "Draft a text
declining the party", "a polite no to a meeting invite"), or the message the user asked for (``message_span``: a
customer-service reply whose "Unfortunately, we cannot refund ..." is the message's). And whether the user asked what
the assistant is (``ASKS_ABOUT_ME``), when its disclaimer is the answer. ``prompt.exempt`` lifts the rule hits there;
the stage does not count the refusal-act classifier there. And which replies asked the user something the user then
answered, the assistant answering after (``asked_back``): the whole-reply model does not judge those."""

from __future__ import annotations

import re

from dolphin_data.batch import GPT, HUMAN, Batch
from dolphin_data.unfilter.turn_search import asks


def user_turns(batch: Batch, turns: list[int]) -> list[str]:
    """The user turn each of ``turns`` (the batch's turn indices) answers: the turn before it in the same
    conversation, when that is the user's; else ""."""
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    return [texts[t - 1] if t > 0 and owner[t - 1] == owner[t] and roles[t - 1] == HUMAN else "" for t in turns]


def asked_back(batch: Batch, turns: list[int]) -> list[bool]:
    """Whether each of ``turns`` (the batch's turn indices: assistant turns) ends by asking the user a question that
    the user answers in the next turn, the assistant replying after it: a clarifying question in a conversation that
    goes on ("Do you know what you want to do instead?" "Architecture." "Then lead with that."), not a reply that
    answers nothing."""
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    n = len(roles)
    return [
        texts[t].rstrip(" \n*_)\"'\u201d").endswith(("?", "\uff1f"))
        and t + 2 < n
        and owner[t + 2] == owner[t]
        and roles[t + 1] == HUMAN
        and roles[t + 2] == GPT
        for t in turns
    ]


# the user asked for words that decline ("Draft a text declining the party", "a polite no to a meeting invite", "a
# chorus about refusing to give up"): the reply's "I can't make it" is what was asked for, not the assistant declining
_DECLINE_WORDS = re.compile(
    r"\b(?:declin(?:e|es|ed|ing)|turn(?:ing)? (?:\w+ ){0,2}down|(?:say|polite|nice|kind|gentle|firm|graceful) no\b|"
    r"refus(?:e|es|al|ing)|reject(?:ing|ion)?|(?:back|bow)(?:ing)? out|(?:can't|cannot|won't) make it|rsvp no|"
    r"(?:i|we) (?:can't|cannot|won't be able to|am not able to|'m not able to) (?:come|attend|go|be there)|"
    # es, fr, de, ru, nl: declining, a refusal
    r"rechaz\w*|declinar|d[ée]cliner|refuser|absagen|absage|ablehn\w*|отказ\w*|afwijz\w*|afzeggen|"
    # it, pt
    r"declinare|rifiut\w*|recus\w*)\b"
    # the user's own "I can't come" in es, fr, de, it, pt, nl, ru, ja, zh, ko: a message that says so declines
    r"|\b(?:no (?:puedo|podré|podemos) (?:ir|asistir)|je ne (?:peux|pourrai) pas venir|(?:ich kann|wir können) nicht "
    r"kommen|nicht kommen (?:kann|können)|non (?:posso|potrò|possiamo) venire|não (?:posso|poderei|podemos) ir|"
    r"(?:ik kan|we kunnen) niet komen|niet (?:kan|kunnen) komen|не (?:смогу|могу|сможем) прийти)\b"
    r"|行けない|行けません|来られない|参加できない|去不了|不能去|没法去|갈 수 없|못 가"
    # a decline quoted to be said or translated: "How do I say 'I'm sorry, I can't come' in Japanese?"
    # (or after the colon of "translate to French: I'm sorry, I cannot help you")
    r"|(?:(?:^|(?<=\s))[\"'\u201c\u2018\u00ab\u300c]|\btranslat\w*\b[^:\n]{0,40}:\s*)[^\"\u201d\u2019\u00bb\u300d\n]{0,40}\b(?:can't|"
    r"cannot|can not|won't|sorry|"
    r"no puedo|lo siento|je ne peux|d[ée]sol[ée]|ich kann nicht|kann ich nicht|es tut mir leid|non posso|mi dispiace|"
    r"não posso|desculp\w*|не могу|извините|ik kan niet|het spijt me)\b"
    r"|拒绝|婉拒|断り|断る",
    re.I,
)
_WORDING = re.compile(
    r"\b(?:write|draft|compose|craft|word(?:ing)?|phrase|say|reply|respond|response|text|note|e-?mail|message|letter|"
    r"card|script|lyrics|chorus|song|poem|verse|line|template|sample|examples?|send|give me|what (?:do|should|can) i say|"
    r"how (?:do|can|should|would) i (?:\w+ )?(?:decline|say no|turn (?:\w+ ){1,2}down|refuse|reject)|how to (?:\w+ )?(?:decline|say no|refuse|reject)|"
    # es, fr, de, ru, nl: write, a letter, an email, a message
    r"escrib\w*|redact\w*|carta|correo|mensaje|[ée]cri[rsv]\w*|r[ée]dige\w*|lettre|courriel|schreib\w*|brief|"
    r"nachricht|напиши\w*|письм\w*|сообщени\w*|schrijf|bericht|scriv\w*|risposta|lettera|messaggio|escrev\w*|"
    r"resposta|mensagem|"
    # how do I decline / say no, in es, fr, de, it, pt, ru, nl ("¿Cómo rechazo con educación la invitación?")
    r"c[óo]mo (?:puedo |podría )?(?:rechaz\w*|declin\w*|decir que no)|comment (?:puis-je )?(?:refuser|d[ée]cliner|dire non)|"
    r"wie (?:sage|lehne) ich|come (?:posso )?(?:rifiut\w*|declin\w*|dire di no)|como (?:posso )?(?:recus\w*|declin\w*|dizer n[ãa]o)|"
    r"как (?:мне )?(?:вежливо )?отказ\w*|hoe (?:zeg|wijs) ik|"
    # to translate the words or say what they mean ("Translate 'Lo siento, no puedo' to English")
    r"translat\w*|tradu\w*|übersetz\w*|переве\w*|vertaal\w*|meaning|significa\w*|signifie|bedeutet|значит|"
    r"betekent)\b|\bwhat (?:does|do|is) [^?]{0,80}\bmean\b|写|書いて|メール|手紙|翻译|翻訳|번역|意思|意味|뜻",
    re.I,
)


# the user asked for a message to send ("Write a customer service reply ...", "Draft an email to my landlord", "a funny
# out-of-office reply"), and the reply holds one: a subject line or a salutation early on. A decline inside that
# message ("Unfortunately, we cannot refund tickets for this event") is the message's, not the assistant's.
_MESSAGE_ASKED = re.compile(
    r"\b(?:write|draft|compose|craft|create|prepare|give me|need)\b[^.?!\n]{0,60}\b(?:e-?mails?|letters?|repl(?:y|ies)|"
    r"responses?|messages?|notes?|memos?|notices?|announcements?|texts?|templates?|out-of-office|auto-?repl(?:y|ies))\b",
    re.I,
)
_MESSAGE_START = re.compile(
    r"(?m)^[ \t*_#>]*(?:subject\s*:|(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings|to whom it may "
    r"concern)\b[^\n]{0,60}[,!:]?[ \t*_]*$)",
    re.I,
)
# the message ends with its sign-off and the name under it ("Sincerely,\n[Your Name]"); what follows is the assistant
# again ("I've left out the section on skimming ...")
_SIGN_OFF = re.compile(
    r"(?m)^[ \t*_]*(?:sincerely|best(?: regards| wishes)?|kind regards|warm(?:est)? regards|regards|warmly|thanks(?: again)?|"
    r"thank you|cheers|yours(?: truly| sincerely| faithfully)?|respectfully|love|with love|all the best|talk soon)"
    r"[ \t]*[,!.]?[ \t*_]*\n(?:[ \t]*\S[^\n]{0,60}(?:\n|$))?",
    re.I,
)
MESSAGE_HEAD = 400  # the message must start within the reply's first characters


def message_span(text: str, prompt: str) -> tuple[int, int] | None:
    """Where the message the user asked for lies in the reply: from its subject line or salutation (within
    ``MESSAGE_HEAD`` characters) to the end of its sign-off and name (or the reply's end); None when the user asked
    for no message or the reply holds none."""
    if not asks(_MESSAGE_ASKED, prompt):
        return None
    m = _MESSAGE_START.search(text, 0, min(len(text), MESSAGE_HEAD))
    if m is None:
        return None
    end = _SIGN_OFF.search(text, m.end())
    return m.start(), (end.end() if end is not None else len(text))


# the user asked what the assistant is or can do ("Are you an AI?", "What's your knowledge cutoff?", "Can you browse the
# internet?", "Do you have feelings?"): "As an AI, I don't have feelings" is then the answer, not boilerplate to strip
# (not its opinions or tastes: "What's your favourite film?" answered with "As an AI I have no preferences" answers
# nothing)
ASKS_ABOUT_ME = re.compile(
    r"\b(?:are you (?:an? |just an? )?(?:ai|human|bot|robot|real|person|conscious|sentient|alive|self-aware|chatgpt|"
    r"machine|computer|language model|llm|human or an? (?:ai|bot|machine))\b|(?:what(?:'s| is)|when(?:'s| is)) your "
    r"(?:knowledge |training )?(?:cutoff|cut-off|training data)|your (?:knowledge|training) (?:cutoff|cut-off)|how (?:up "
    r"to date|current) (?:are you|is your)|can you (?:browse|search the (?:web|internet)|access the internet|see "
    r"images|remember)|do you (?:have|feel) (?:feelings|emotions|a body|consciousness)|what are you\b|who (?:made|"
    r"created|built|trained) you|will you remember)",
    re.I,
)


def asks_for_decline(prompt: str) -> bool:
    """Whether the user asked for words that decline (see ``_DECLINE_WORDS``): a reply's declines are then content."""
    return asks(_DECLINE_WORDS, prompt) and asks(_WORDING, prompt)


# what ``declines_span`` and the ``ASKS_ABOUT_ME`` test search in every user turn they read (``_WORDING`` only after
# ``_DECLINE_WORDS``); ``prompt.exempt`` asks them of a batch's turns at once (``turn_search.asks_each``)
SPAN_PATTERNS = (_DECLINE_WORDS, _MESSAGE_ASKED, ASKS_ABOUT_ME)


def declines_span(text: str, prompt: str) -> tuple[int, int] | None:
    """Where the reply's declines are content the user asked for: all of it (``asks_for_decline``), the message the
    user asked for (``message_span``), or nowhere (None)."""
    return (0, len(text)) if asks_for_decline(prompt) else message_span(text, prompt)
