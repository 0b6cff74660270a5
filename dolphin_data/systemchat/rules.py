"""The SystemConversations rules: each a named function returning ``None`` or a ``Finding`` (reason + span).

Rule families and reason codes (shared CLI.md): ``system:structure:<code>``, ``system:sentinel``, ``system:leak``,
``system:directive:<kind>``. The per-conversation functions (``structure``, ``sentinel``, ``leak``,
``directives``) are the readable definition and what the unit tests call; the stage runs the same regexes through
the batch scanners (``scan_batch``, ``leak_batch``), one compiled-regex pass over all turns of a batch joined by
NUL, after a vectorised polars prefilter, so no Python loop ever runs over patterns.

Leakage policy (documented decision): an assistant turn leaks when it refers to *its own* system message, system
prompt or instructions ("as per the system message", "my system prompt says", "SYSTEM MESSAGE:", "according to my
instructions", "I have been instructed to", "as instructed by the system prompt") and no earlier human turn
brought the topic up ("what is your system prompt?", "your instructions", a ``"role": "system"`` API snippet).
Bare "as instructed" / "as requested" is *not* leakage: in FLAN-style data the user turn carries the task too,
so it names no system message, and echoing a requested style is conformance, not talk about the prompt.
Other senses of "system" (operating system, solar system, system design, immune system, "the system is down",
"the system prompts you for a password") never match, because every pattern needs the words "system message" /
"system prompt" with an anchor (my/the + verb, a preposition such as "according to", or a label colon), or a
first-person "my instructions" / "I was instructed to".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dolphin_data.model import Conversation

NUL = "\x00"  # batch separator: no pattern below can match it, so no match crosses two turns

# ---------------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True, slots=True)
class Finding:
    """Why a conversation fails a rule: the reason code and where (turn index, char span in that turn)."""

    reason: str
    turn: int | None = None
    start: int | None = None
    end: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def span(self, conv: Conversation | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"turn": self.turn}
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
            if conv is not None and self.turn is not None:
                out["text"] = conv.turns[self.turn].text[self.start : self.end]
        out.update(self.detail)
        return out


# ---------------------------------------------------------------------------------------------------
# Structure (a safety net: the converters already enforce most of this)

STRUCTURE_CODES = (
    "missing_system",
    "empty_system",
    "system_not_first",
    "multiple_system",
    "unknown_role",
    "empty_turn",
    "too_few_turns",
    "first_not_human",
    "not_alternating",
    "last_not_gpt",
)


def structure(conv: Conversation, require_system: bool = True) -> Finding | None:
    """Exactly one non-empty system turn at index 0 (optional when ``require_system`` is off), then human/gpt
    alternating from human, ending with gpt, no empty turns."""
    turns = conv.turns
    n_system = 0
    for i, t in enumerate(turns):
        if t.role not in ("system", "human", "gpt"):
            return Finding("system:structure:unknown_role", i, detail={"role": t.role})
        if t.role == "system":
            n_system += 1
            if i != 0:
                return Finding("system:structure:multiple_system" if n_system > 1 else "system:structure:system_not_first", i)
            if not t.text.strip():
                return Finding("system:structure:empty_system", i)
        elif not t.text.strip():
            return Finding("system:structure:empty_turn", i)
    has_system = bool(turns) and turns[0].role == "system"
    if require_system and not has_system:
        return Finding("system:structure:missing_system", 0 if turns else None)
    body = 1 if has_system else 0
    if len(turns) - body < 2:
        return Finding("system:structure:too_few_turns", None)
    if turns[body].role != "human":
        return Finding("system:structure:first_not_human", body)
    for i in range(body + 1, len(turns)):
        if turns[i].role == turns[i - 1].role:
            return Finding("system:structure:not_alternating", i)
    if turns[-1].role != "gpt":
        return Finding("system:structure:last_not_gpt", len(turns) - 1)
    return None


# ---------------------------------------------------------------------------------------------------
# Generator sentinels: SystemChat's ``<<||END||>>`` and its kin, and chat-template control tokens that would
# corrupt the ChatML rendering if they reached the trainer as text.

SENTINEL_RE = re.compile(
    r"<<\s*\|\|?\s*[A-Za-z_]{2,20}\s*\|?\|\s*>>"  # <<||END||>>, << |END| >>, <<||STOP||>>
    r"|<\|(?:im_start|im_end|endoftext|end_of_text|begin_of_text|eot_id|start_header_id|end_header_id)\|>"
)


def sentinel(conv: Conversation) -> Finding | None:
    """No generator sentinel or control token in any turn."""
    for i, t in enumerate(conv.turns):
        m = SENTINEL_RE.search(t.text)
        if m:
            return Finding("system:sentinel", i, m.start(), m.end())
    return None


# ---------------------------------------------------------------------------------------------------
# Leakage

_AP = "['\u2019]"  # ASCII or typographic apostrophe
_SYS = r"system[ \t_-]?(?:message|prompt)"
_SYS_ANY = r"system[ \t_-]?(?:message|prompt|instructions?|directives?|guidelines|rules)"
_ADJ = r"(?:(?:current|given|initial|original|above|provided|earlier|previous|hidden|specific|first)\s+)?"
_PREP = (
    r"(?:according\s+to|as\s+per|per|in\s+line\s+with|in\s+accordance\s+with|in\s+keeping\s+with|following|"
    r"based\s+on|because\s+of|due\s+to|in|from|by|within|"
    r"as\s+(?:stated|specified|outlined|mentioned|described|indicated|instructed|directed|requested|required|"
    r"noted|set\s+out|laid\s+out|defined|given)\s+(?:in|by)|"
    r"(?:stated|specified|outlined|mentioned|described|given|provided|defined|set)\s+in)"
)
_SAYS = (
    r"(?:says|said|states|stated|instructs|instructed|tells|told|asks|asked|requires|required|specifies|specified|"
    r"mentions|mentioned|indicates|indicated|directs|directed|wants|wanted|dictates|dictated|requests|requested|"
    r"prohibits|forbids|doesn" + _AP + r"?t\s+allow|does\s+not\s+allow|only\s+allows|"
    r"is\s+(?:asking|telling|instructing|requiring)|has\s+(?:asked|told|instructed)|"
    r"(?:that\s+)?I" + "(?:" + _AP + r"ve\s+been|\s+have\s+been|\s+was|\s+am)\s+given)"
)
_MY_INSTR = r"(?:instructions|directives?|guidelines|programming|prompt|configuration|rules)"

LEAK_PATTERNS: dict[str, str] = {
    # "my system prompt", "my system instructions"
    "my_system": r"\bmy\s+" + _ADJ + _SYS_ANY + r"\b",
    # "according to the system message", "as stated in the system prompt", "in the system message"
    "prep_system": r"\b" + _PREP + r"\s+(?:the|my|this|our|your)\s+" + _ADJ + _SYS + r"\b",
    # "the system message says", "this system prompt requires"
    "system_says": r"\b(?:the|this|that)\s+" + _ADJ + _SYS_ANY + r"\s+" + _SAYS + r"\b",
    # "SYSTEM MESSAGE:", "System prompt:" (a label; ``system_prompt:`` in code is excluded by the space)
    "label": r"\bsystem\s+(?:message|prompt)\s*:",
    # the bug itself, shouted: "THE SYSTEM MESSAGE" (case-sensitive)
    "shouted": r"(?-i:\bSYSTEM\s+(?:MESSAGE|PROMPT)\b)",
    # "according to my instructions", "as per my guidelines"
    "prep_my": r"\b(?:according\s+to|as\s+per|per|in\s+line\s+with|in\s+accordance\s+with|in\s+keeping\s+with|"
    r"because\s+of|due\s+to|as\s+(?:stated|specified|outlined|mentioned|described|instructed|directed|"
    r"set\s+out|laid\s+out)\s+in)\s+my\s+" + _ADJ + r"(?:system\s+)?" + _MY_INSTR + r"\b",
    # "my instructions say", "my guidelines prevent"
    "my_says": r"\bmy\s+" + _ADJ + _MY_INSTR + r"\s+(?:say|says|state|states|tell|tells|require|requires|are\s+to|"
    r"is\s+to|ask|asks|specify|specifies|indicate|indicates|direct|directs|instruct|instructs|prevent|prevents|"
    r"forbid|forbids|prohibit|prohibits|don" + _AP + r"?t\s+allow|do\s+not\s+allow|only\s+allow|dictate|dictates)\b",
    # "the instructions I was given", "instructions I've been provided"
    "instructions_given": r"\binstructions\s+(?:that\s+)?I(?:" + _AP + r"ve\s+been|\s+have\s+been|\s+was|\s+am|"
    r"\s+were|\s+had\s+been)\s+(?:given|provided)\b|\binstructions\s+I\s+(?:received|got)\b",
    # "I have been instructed to", "I'm instructed not to" (not "... instructed by the general")
    "i_was_instructed": r"\bI(?:" + _AP + r"ve\s+been|\s+have\s+been|\s+was|\s+am|" + _AP + r"m|\s+had\s+been)\s+"
    r"(?:specifically\s+|explicitly\s+|strictly\s+|clearly\s+)?(?:instructed|directed)\s+(?:to|not\s+to)\b",
    # "as instructed by the system, ...", "told by the system prompt" (not "by the system administrator")
    "by_the_system": r"\b(?:instructed|told|directed)\s+by\s+(?:the|my)\s+system(?:[ \t_-]?(?:message|prompt))?"
    r"(?:\s*[,.;:!?)]|\s+(?:to|that|not)\b)",
}
# No lookaround anywhere, so the same pattern also compiles in Rust's regex engine: polars runs it over the whole
# batch first (vectorised, in Rust) and Python's engine only reads the few texts that match, to get the spans.
LEAK_SOURCE = "|".join(f"(?:{p})" for p in LEAK_PATTERNS.values())
LEAK_RE = re.compile(LEAK_SOURCE, re.IGNORECASE)
LEAK_RES = {name: re.compile(p, re.IGNORECASE) for name, p in LEAK_PATTERNS.items()}

# A human turn that brings the topic up: after it, the assistant may talk about its prompt.
ASK_SOURCE = (
    r"\bsystem[ \t_-]?(?:message|prompt|instructions?)s?\b"
    r"|\byour\s+(?:own\s+|initial\s+|original\s+|hidden\s+|secret\s+|current\s+|first\s+|exact\s+|full\s+)?"
    r"(?:instructions|prompt|directives?|guidelines|rules|programming|configuration)\b"
    r"|\bwhat\s+(?:were|are|have)\s+you\s+(?:been\s+)?(?:told|instructed|programmed|asked)\b"
    r"|\bwho\s+(?:told|instructed|programmed|configured)\s+you\b"
    r"|\bhow\s+(?:were|are|have)\s+you\s+(?:been\s+)?(?:instructed|configured|prompted|set\s+up)\b"
    r"|[\"']role[\"']\s*:\s*[\"']system\b|\bpre-?prompt\b|\binitial\s+prompt\b"
)
ASK_RE = re.compile(ASK_SOURCE, re.IGNORECASE)

# Prefilters for ``scan_batch`` (Rust regex syntax): the full patterns, case-insensitive.
LEAK_TRIGGER = "(?i)" + LEAK_SOURCE
ASK_TRIGGER = "(?i)" + ASK_SOURCE


def user_asked_before(conv: Conversation) -> int:
    """Index of the first human turn that asks about the system prompt, or ``len(turns)`` if none does."""
    for i, t in enumerate(conv.turns):
        if t.role == "human" and ASK_RE.search(t.text):
            return i
    return len(conv.turns)


def leak(conv: Conversation) -> Finding | None:
    """No assistant turn refers to the system message/prompt or its instructions before the user asked."""
    asked = user_asked_before(conv)
    for i, t in enumerate(conv.turns[:asked]):
        if t.role == "gpt":
            m = LEAK_RE.search(t.text)
            if m:
                return Finding("system:leak", i, m.start(), m.end())
    return None


def leak_pattern_names(text: str) -> list[str]:
    """Which named leak patterns match ``text`` (for reports and tests)."""
    return [name for name, rx in LEAK_RES.items() if rx.search(text)]


# ---------------------------------------------------------------------------------------------------
# Batch scanning


def scan_batch(pattern: re.Pattern[str], texts: Sequence[str], prefilter: str | None = None) -> list[list[tuple[int, int]]]:
    """All matches of ``pattern`` per text, from one regex pass over the candidate texts joined by NUL.

    ``prefilter`` (a Rust-regex pattern that matches every text ``pattern`` matches; here the same pattern) selects
    candidate texts with one vectorised polars call first, so the Python regex engine only reads texts that match.
    """
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    if not texts:
        return out
    if prefilter is not None:
        import polars as pl

        cand = np.flatnonzero(pl.Series("t", list(texts), dtype=pl.String).str.contains(prefilter).to_numpy())
    else:
        cand = np.arange(len(texts))
    if len(cand) == 0:
        return out
    chosen = [texts[i] for i in cand]
    lengths = np.fromiter((len(t) + 1 for t in chosen), dtype=np.int64, count=len(chosen))
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    spans = [m.span() for m in pattern.finditer(NUL.join(chosen))]
    if not spans:
        return out
    arr = np.asarray(spans, dtype=np.int64)
    which = np.searchsorted(offsets, arr[:, 0], side="right") - 1
    local = arr - offsets[which][:, None]
    for k, (s, e) in zip(which.tolist(), local.tolist(), strict=True):
        out[int(cand[k])].append((s, e))
    return out


@dataclass(frozen=True, slots=True)
class TurnRef:
    conv: int  # index in the batch
    turn: int  # index in the conversation


def leak_batch(convs: Sequence[Conversation]) -> dict[int, list[tuple[int, int, int]]]:
    """Leaks per conversation index: ``[(turn, start, end), ...]`` for gpt turns before the user asked."""
    human_refs: list[TurnRef] = []
    human_texts: list[str] = []
    gpt_refs: list[TurnRef] = []
    gpt_texts: list[str] = []
    for ci, c in enumerate(convs):
        for ti, t in enumerate(c.turns):
            if t.role == "gpt":
                gpt_refs.append(TurnRef(ci, ti))
                gpt_texts.append(t.text)
            elif t.role == "human":
                human_refs.append(TurnRef(ci, ti))
                human_texts.append(t.text)
    asked_at: dict[int, int] = {}
    for ref, hits in zip(human_refs, scan_batch(ASK_RE, human_texts, ASK_TRIGGER), strict=True):
        if hits and ref.conv not in asked_at:
            asked_at[ref.conv] = ref.turn
    leaks: dict[int, list[tuple[int, int, int]]] = {}
    for ref, hits in zip(gpt_refs, scan_batch(LEAK_RE, gpt_texts, LEAK_TRIGGER), strict=True):
        if hits and ref.turn < asked_at.get(ref.conv, 1 << 30):
            leaks.setdefault(ref.conv, []).extend((ref.turn, s, e) for s, e in hits)
    return leaks



def sentinel_batch(convs: Sequence[Conversation]) -> dict[int, tuple[int, int, int]]:
    """First sentinel per conversation index: ``(turn, start, end)``."""
    refs: list[TurnRef] = []
    texts: list[str] = []
    for ci, c in enumerate(convs):
        for ti, t in enumerate(c.turns):
            refs.append(TurnRef(ci, ti))
            texts.append(t.text)
    found: dict[int, tuple[int, int, int]] = {}
    for ref, hits in zip(refs, scan_batch(SENTINEL_RE, texts, r"<<|<\|"), strict=True):
        if hits and ref.conv not in found:
            found[ref.conv] = (ref.turn, *hits[0])
    return found


# ---------------------------------------------------------------------------------------------------
# Repair: cut leaking sentences (or a leading "According to the system message," clause) when the rest stands


_SENTENCE_END = re.compile(r"[.!?\u3002]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
_DANGLING = re.compile(
    r"^\W*(?:so|therefore|thus|hence|that" + _AP + r"?s\s+why|that\s+is\s+why|this\s+means|because\s+of\s+(?:this|that)|"
    r"accordingly|consequently|as\s+a\s+result|however|but|and|also|that\s+said|with\s+that\s+in\s+mind|"
    r"in\s+that\s+case|for\s+this\s+reason|which|this|these)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S*\w\S*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence or line, trailing punctuation included, whitespace excluded."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append((s + lead, s + len(seg.rstrip())))
    return out


@dataclass(frozen=True, slots=True)
class Repair:
    text: str | None  # the repaired turn, or None when it cannot stand on its own
    removed: tuple[str, ...]  # the sentences (or clauses) cut
    why_not: str = ""  # when text is None: what made the rest unusable


def repair_text(text: str, spans: Sequence[tuple[int, int]], min_words: int = 3) -> Repair:
    """Remove the sentences holding the leak ``spans``; keep the turn only if what is left stands on its own.

    A leak that is a leading clause ending in a comma ("As per the system message, here is ...") loses only the
    clause. What is left must have ``min_words`` words and must not open with a word that points back at what
    was cut ("So", "Therefore", "That's why", "This", ...).
    """
    sentences = sentence_spans(text)
    cuts: list[tuple[int, int]] = []  # (start, end) to delete
    replacements: dict[int, str] = {}  # cut start -> text to put back (the clause-trimmed sentence)
    removed: list[str] = []
    for s, e in sentences:
        inside = [(a, b) for a, b in spans if a < e and b > s]
        if not inside:
            continue
        sent = text[s:e]
        first_a, first_b = min(inside)
        rest_after_clause = text[first_b:e]
        clause = re.match(r"\s*,\s*", rest_after_clause)
        if len(inside) == 1 and first_a - s <= 1 and clause is not None and not LEAK_RE.search(text[first_b:e]):
            kept = rest_after_clause[clause.end() :]
            if len(_WORD.findall(kept)) >= min_words and not _DANGLING.match(kept):
                cuts.append((s, e))
                replacements[s] = kept[:1].upper() + kept[1:]
                removed.append(text[s : first_b + clause.end()].strip())
                continue
        cuts.append((s, e))
        removed.append(sent)
    dangling = False
    pieces = []
    pos = 0
    for s, e in cuts:
        pieces.append(text[pos:s])
        pos = e
        if s in replacements:
            pieces.append(replacements[s])
            continue
        # swallow the whitespace after a deleted sentence
        ws = re.match(r"[ \t]*", text[pos:])
        pos += ws.end() if ws else 0
        following = text[pos:].lstrip()
        nxt = len(text) - len(following)
        if following and _DANGLING.match(following) and not any(a == nxt for a, _ in cuts):
            dangling = True  # the next sentence points back at what was cut
    pieces.append(text[pos:])
    new = re.sub(r"\n{3,}", "\n\n", "".join(pieces)).strip()
    if len(_WORD.findall(new)) < min_words:
        return Repair(None, tuple(removed), "too_little_left")
    if dangling:
        return Repair(None, tuple(removed), "dangling_reference")
    if LEAK_RE.search(new):
        return Repair(None, tuple(removed), "still_leaks")
    return Repair(new, tuple(removed))


# ---------------------------------------------------------------------------------------------------
# Mechanical directives in the system prompt, and whether the gpt turns obey them

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_NUM = r"(\d{1,4}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"

LANGUAGES = {
    "english": "en", "french": "fr", "spanish": "es", "german": "de", "italian": "it", "portuguese": "pt",
    "dutch": "nl", "russian": "ru", "chinese": "zh", "mandarin": "zh", "japanese": "ja", "korean": "ko",
    "arabic": "ar", "hindi": "hi", "turkish": "tr", "polish": "pl", "swedish": "sv", "norwegian": "no",
    "danish": "da", "finnish": "fi", "greek": "el", "hebrew": "he", "vietnamese": "vi", "thai": "th",
    "indonesian": "id", "czech": "cs", "ukrainian": "uk", "romanian": "ro", "hungarian": "hu", "latin": "la",
    "esperanto": "eo", "swahili": "sw", "persian": "fa", "farsi": "fa", "bengali": "bn", "urdu": "ur",
    "tagalog": "tl", "catalan": "ca", "welsh": "cy", "irish": "ga", "icelandic": "is",
}  # fmt: skip
_LANG = r"(" + "|".join(LANGUAGES) + r")"
_RESPOND = (
    r"(?:respond|responses?|answer(?:s|ing)?|repl(?:y|ies|ying)|speak|write|communicate|talk|converse|output|"
    r"format|return|messages?)"
)
_NEGATION = re.compile(r"\b(?:never|not|don" + _AP + r"?t|do\s+not|avoid|no)\b", re.IGNORECASE)

# kind -> (regex, negatable): a negatable directive read as "never ..." is not that directive.
DIRECTIVE_RES: dict[str, tuple[re.Pattern[str], bool]] = {
    "exact_words": (re.compile(r"\bexactly\s+" + _NUM + r"\s+words?\b", re.IGNORECASE), True),
    "max_words": (
        re.compile(
            r"\b(no\s+more\s+than|at\s+most|a\s+maximum\s+of|maximum\s+of|max(?:imum)?|up\s+to|not\s+exceed(?:ing)?|"
            r"under|fewer\s+than|less\s+than|within)\s+" + _NUM + r"\s+words?\b",
            re.IGNORECASE,
        ),
        True,
    ),
    "language": (
        re.compile(
            r"\b" + _RESPOND + r"\b[^.\n\x00]{0,40}?\b(?:in|using)\s+(?:only\s+)?" + _LANG + r"\b(?!\s+(?:or|and)\b)"
            r"|\b(?:only|always)\s+(?:speak|use|write\s+in|respond\s+in)\s+" + _LANG + r"\b(?!\s+(?:or|and)\b)",
            re.IGNORECASE,
        ),
        True,
    ),
    "json": (
        re.compile(
            r"\b" + _RESPOND + r"\b[^.\n\x00]{0,40}?\b(?:in|as|with|using)\s+(?:(?:valid|a|an|only|strict)\s+){0,2}"
            r"JSON\b|\bonly\s+(?:in\s+)?(?:valid\s+)?JSON\b",
            re.IGNORECASE,
        ),
        True,
    ),
    "no_letter": (
        re.compile(
            r"\b(?:never|don" + _AP + r"?t|do\s+not|without|avoid|must\s+not|cannot|can" + _AP + r"?t|no)\s+"
            r"(?:ever\s+)?(?:(?:use|using|include|including|contain|containing|write|writing|say|saying|type)\s+)?"
            r"(?:the\s+|any\s+)?(?:letter|character)\s+[\"'\u2018\u201c]?([a-z])[\"'\u2019\u201d]?(?![a-z])",
            re.IGNORECASE,
        ),
        False,
    ),
    "all_caps": (
        re.compile(
            r"\b(?:all|only|entirely|completely|exclusively)\s+(?:in\s+)?(?:capital\s+letters|caps|upper[\s-]?case"
            r"(?:\s+letters)?)\b|(?-i:\bALL[\s-]CAPS\b)|\b" + _RESPOND + r"\b[^.\n\x00]{0,30}?\bin\s+"
            r"(?:capital\s+letters|caps|upper[\s-]?case)\b",
            re.IGNORECASE,
        ),
        True,
    ),
    "all_lowercase": (
        re.compile(
            r"\b(?:all|only|entirely|completely|exclusively)\s+(?:in\s+)?(?:lower[\s-]?case|small\s+letters)\b"
            r"|\b" + _RESPOND + r"\b[^.\n\x00]{0,30}?\bin\s+(?:lower[\s-]?case|small\s+letters)\b"
            r"|\b(?:never|don" + _AP + r"?t|do\s+not)\s+use\s+(?:any\s+)?(?:capital|upper[\s-]?case)\s+letters\b",
            re.IGNORECASE,
        ),
        False,
    ),
}
DIRECTIVE_KINDS = tuple(DIRECTIVE_RES)


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str
    value: Any = None  # word count, language code, letter
    text: str = ""  # the words of the system prompt that state it


def _negated(prompt: str, start: int) -> bool:
    """A "never"/"don't"/"not" earlier in the same sentence turns the directive around."""
    sentence_start = max(prompt.rfind(c, 0, start) for c in ".!?\n") + 1
    return bool(_NEGATION.search(prompt, sentence_start, start))


def parse_directives(prompt: str | None) -> tuple[Directive, ...]:
    """The mechanical directives a system prompt states, at most one per kind (the first one)."""
    if not prompt:
        return ()
    found: list[Directive] = []
    for kind, (rx, negatable) in DIRECTIVE_RES.items():
        for m in rx.finditer(prompt):
            if negatable and _negated(prompt, m.start()):
                continue
            groups = [g for g in m.groups() if g]
            value: Any = None
            if kind == "exact_words":
                value = _number(groups[-1])
            elif kind == "max_words":
                bound = _number(groups[-1])
                strict = groups[0].lower().replace(" ", "") in ("fewerthan", "lessthan", "under")
                value = bound - 1 if strict else bound
            elif kind == "language":
                value = LANGUAGES[groups[-1].lower()]
            elif kind == "no_letter":
                value = groups[-1].lower()
            found.append(Directive(kind, value, m.group(0)))
            break
    if any(d.kind == "exact_words" for d in found):
        found = [d for d in found if d.kind != "max_words"]
    return tuple(found)


# Every directive pattern needs one of these words; prompts without any are not parsed at all.
DIRECTIVE_TRIGGER = r"(?i)\bwords?\b|json|letter|character|\bcaps\b|upper|lower|capital|" + "|".join(LANGUAGES)


def parse_directives_batch(prompts: Sequence[str]) -> dict[str, tuple[Directive, ...]]:
    """Directives per distinct prompt; one vectorised polars pass skips prompts that cannot state any."""
    import polars as pl

    distinct = sorted(set(prompts))
    if not distinct:
        return {}
    maybe = pl.Series("p", distinct, dtype=pl.String).str.contains(DIRECTIVE_TRIGGER).to_numpy()
    return {p: parse_directives(p) if m else () for p, m in zip(distinct, maybe, strict=True)}


def _number(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS[w]


_FENCE = re.compile(r"```[^\n\x00]*\n(.*?)```", re.DOTALL)


def strip_code(text: str) -> str:
    """Text without fenced code blocks (code is not prose in any language)."""
    return _FENCE.sub(" ", text)


def count_words(text: str) -> int:
    """Whitespace-separated tokens that hold at least one letter or digit ("real-time" is one word)."""
    return len(_WORD.findall(text))


def check_mechanical(d: Directive, text: str, word_tolerance: int = 0) -> dict[str, Any] | None:
    """Whether one gpt turn obeys a non-language directive: ``None``, or what was wrong."""
    if d.kind == "exact_words":
        n = count_words(text)
        return None if abs(n - d.value) <= word_tolerance else {"expected": d.value, "words": n}
    if d.kind == "max_words":
        n = count_words(text)
        return None if n <= d.value + word_tolerance else {"max": d.value, "words": n}
    if d.kind == "json":
        body = text.strip()
        m = re.fullmatch(r"```(?:json)?\s*\n?(.*?)\n?```", body, re.DOTALL | re.IGNORECASE)
        if m:
            body = m.group(1).strip()
        import orjson

        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError:
            return {"json": "invalid"}
        return None if isinstance(value, dict | list) else {"json": type(value).__name__}
    if d.kind == "no_letter":
        pos = text.lower().find(d.value)
        return None if pos < 0 else {"letter": d.value, "at": pos}
    if d.kind == "all_caps":
        prose = strip_code(text)
        return None if prose.upper() == prose else {"case": "has lowercase"}
    if d.kind == "all_lowercase":
        prose = strip_code(text)
        return None if prose.lower() == prose else {"case": "has uppercase"}
    raise ValueError(f"not a mechanical directive: {d.kind}")


def directives(
    conv: Conversation, word_tolerance: int = 0, min_lang_prob: float = 0.5, min_lang_words: int = 4
) -> Finding | None:
    """Every gpt turn obeys the system prompt's mechanical directives (first failure wins)."""
    found = check_directives_batch([conv], word_tolerance, min_lang_prob, min_lang_words)
    return found.get(0)


def check_directives_batch(
    convs: Sequence[Conversation], word_tolerance: int = 0, min_lang_prob: float = 0.5, min_lang_words: int = 4
) -> dict[int, Finding]:
    """First directive failure per conversation index. Prompts are parsed once per distinct prompt; language
    checks go to fastText in one batch call (``dolphin_data.langid.detect_languages``)."""
    parsed = parse_directives_batch([c.system for c in convs if c.system])
    failures: dict[int, Finding] = {}
    lang_refs: list[tuple[int, int, str]] = []  # (conv, turn, expected code)
    lang_texts: list[str] = []
    for ci, c in enumerate(convs):
        prompt = c.system
        if not prompt:
            continue
        ds = parsed[prompt]
        if not ds:
            continue
        for d in ds:
            if d.kind == "language":
                continue
            for ti, t in enumerate(c.turns):
                if t.role != "gpt":
                    continue
                bad = check_mechanical(d, t.text, word_tolerance)
                if bad is not None:
                    prev = failures.get(ci)
                    if prev is None or (prev.turn or 0) > ti:
                        failures[ci] = Finding(f"system:directive:{d.kind}", ti, detail={"directive": d.text, **bad})
                    break
        for d in ds:
            if d.kind == "language" and ci not in failures:
                for ti, t in enumerate(c.turns):
                    prose = strip_code(t.text)
                    if t.role == "gpt" and count_words(prose) >= min_lang_words:
                        lang_refs.append((ci, ti, d.value))
                        lang_texts.append(prose)
    if lang_texts:
        codes, probs = detect_languages(lang_texts)
        for (ci, ti, want), code, p in zip(lang_refs, codes, probs.tolist(), strict=True):
            if ci in failures or code == want or code == "und" or p < min_lang_prob:
                continue
            failures[ci] = Finding(
                "system:directive:language", ti, detail={"expected": want, "detected": code, "prob": round(p, 3)}
            )
    return failures


def detect_languages(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """``dolphin_data.langid.detect_languages`` (fastText lid.176); imported lazily so workers load it once."""
    from dolphin_data.langid import detect_languages as detect

    return detect(texts)

