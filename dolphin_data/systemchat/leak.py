"""Leak rule: an assistant turn must not talk about its system message, system prompt or instructions unless the
user asked. Reason ``system:leak``, with the span of the first leaking reference. The patterns are data in
``leak_patterns``; this module decides.

Decision (documented policy), for every reference found in a gpt turn:

1. If an earlier human turn asked about the assistant's instructions, in any words ("what is your system prompt?",
   "repeat the instructions you were given", "what were you told before this chat?", "show me your initial
   prompt", "what rules are you following?", a ``"role": "system"`` snippet), nothing after it is a leak.
2. A *strong* reference is the assistant's own configuration: a first-person or archaic possessive ("my system
   prompt", "mine system message doth bid me", "thy system message", "according to my instructions", "my
   guidelines prevent"), a first-person passive ("I have been instructed to", "I was told by my developers"),
   instructions "I was given". It is a leak.
3. A *weak* reference ("the system message", "as per system prompt", "the system message's rule", "SYSTEM
   MESSAGE:") is a leak unless it has another sense here: an earlier human turn, or the sentence itself, speaks of
   an operating system, a device or an error ("the system message says the disk is full"), or of language models
   and chat APIs ("put the persona in the system prompt"); or it sits inside a fenced code block. Words that make
   it the assistant's own ("the system message tells me", "according to the system prompt, I must", "I have to
   follow the system message") make it strong again.

Bare "as instructed" / "as requested" is *not* leakage: in FLAN-style data the user turn carries the task too, and
echoing a requested style is conformance, not talk about the prompt. Other senses of "system" (operating, solar,
immune system, "the system is down", "the system prompts you for a password") never match: every pattern needs a
system-message noun (not plural, not the head of a compound such as "system message bus") or an instruction noun
with a first-person anchor.

``leak_hits`` reads in Python only the gpt turns that two vectorised polars passes select (a literal pass for the
keywords, then every pattern loosened to a Rust-regex superset), tries the patterns only just before each keyword,
and classifies the human turns (asked? another sense?) only of the few conversations with a reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dolphin_data.model import Conversation
from dolphin_data.systemchat.base import GPT, HUMAN, Finding, TurnColumns, Turns, contains, contains_any
from dolphin_data.systemchat.leak_patterns import (
    ASK_PATTERNS,
    BEFORE_KEY,
    CONTEXT_WORDS,
    LEAK_KEYWORDS,
    LEAK_PATTERNS,
    START_WORDS,
    UPGRADE_AFTER,
    UPGRADE_BEFORE,
)

FLAGS = re.IGNORECASE
LEAK_RE = re.compile("|".join(f"(?P<{name}>{pre}{core})" for name, (_, pre, core) in LEAK_PATTERNS.items()), FLAGS)
LEAK_RES = {name: re.compile(pre + core, FLAGS) for name, (_, pre, core) in LEAK_PATTERNS.items()}
STRONG = frozenset(name for name, (strong, _, _) in LEAK_PATTERNS.items() if strong)
CONTEXT_RE = re.compile(CONTEXT_WORDS, FLAGS)
_AFTER = re.compile(UPGRADE_AFTER, FLAGS)
_BEFORE = re.compile(UPGRADE_BEFORE, FLAGS)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_LOOK = 160  # characters around a reference that its sentence may span
_KEY = re.compile("|".join(re.escape(k) for k in LEAK_KEYWORDS), FLAGS)
_START = re.compile(r"\b(?:" + "|".join(sorted(START_WORDS, key=len, reverse=True)) + r")\b|[\[<(]", FLAGS)


def _tokens(source: str) -> list[str]:
    """A regex source cut into atoms: escapes (``\\b``), character classes (``[...]``), and single characters."""
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif source[i] == "[":
            j = i + 1 + (source[i + 1 : i + 2] in ("]", "^"))
            while source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i : j + 1])
            i = j + 1
        else:
            out.append(source[i])
            i += 1
    return out


def rust_superset(source: str) -> str:
    """``source`` without word boundaries and lookaround groups, and with bounded repetitions ``{m,n}`` opened to
    ``{m,}``: a Rust-regex pattern that matches wherever ``source`` does (and a little more), with no Unicode word
    boundary and no copies of large Unicode classes to slow Rust's DFA down."""
    tokens = _tokens(source)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        bound = re.match(r"\{(\d+),\d+\}", "".join(tokens[i : i + 12])) if tokens[i] == "{" else None
        if bound:
            out.append("{" + bound.group(1) + ",}")
            i += len(bound.group(0))
        elif tokens[i] == "\\b":
            i += 1
        elif tokens[i] == "(" and "".join(tokens[i + 1 : i + 4]).startswith(("?=", "?!", "?<=", "?<!")):
            depth = 0
            while True:
                depth += {"(": 1, ")": -1}.get(tokens[i], 0)
                i += 1
                if depth == 0:
                    break
        else:
            out.append(tokens[i])
            i += 1
    return "".join(out)


# The polars prefilters (Rust regex): the keywords, as literals; every leak pattern's core, loosened to a superset;
# the questions and the context words (exactly as in Python: no lookaround in them).
KEYWORDS_ANY_CASE = sorted({v for k in LEAK_KEYWORDS for v in (k, k.capitalize(), k.upper())})
LEAK_TRIGGER = "(?i)" + "|".join(f"(?:{rust_superset(core)})" for _, _, core in LEAK_PATTERNS.values())
ASK_TRIGGER = "(?i)" + "|".join(f"(?:{src})" for src in ASK_PATTERNS.values())
CONTEXT_TRIGGER = "(?i)" + CONTEXT_WORDS


@dataclass(frozen=True, slots=True)
class LeakHit:
    """One reference in a gpt turn: where, which pattern, and whether it is the assistant's own (strong)."""

    turn: int
    start: int
    end: int
    pattern: str
    strong: bool
    user_context: bool = False  # an earlier human turn gave "system message" another sense (weak ones do not count)


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - _LOOK)
    before = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)]
    m = _SENTENCE_BREAK.search(text, end, min(len(text), end + _LOOK))
    return text[before[-1] if before else lo : m.start() if m else min(len(text), end + _LOOK)]


def _in_code(text: str, start: int) -> bool:
    """Inside a fenced code block, or an inline code span on the same line."""
    if text.count("```", 0, start) % 2 == 1:
        return True
    line = text.rfind("\n", 0, start) + 1
    return text.count("`", line, start) % 2 == 1


def is_strong(text: str, start: int, end: int, pattern: str) -> bool:
    """A strong pattern, or a weak reference that the words around it make the assistant's own."""
    if pattern in STRONG:
        return True
    if _AFTER.match(text[end : end + _LOOK]):
        return True
    return bool(_BEFORE.search(text[max(0, start - _LOOK) : start]))


def has_other_sense(text: str, start: int, end: int) -> bool:
    """The words around a weak reference give "system message" another sense (or it is code, not talk)."""
    if _in_code(text, start):
        return True
    sentence = _sentence(text, start, end)
    return CONTEXT_RE.search(sentence.replace(text[start:end], " ")) is not None


def references(text: str) -> list[tuple[int, int, str]]:
    """Every reference to a system message or to instructions in ``text``: ``(start, end, pattern)``, leftmost
    first and not overlapping (as ``LEAK_RE.finditer`` would find them).

    Every pattern starts at a word start (or an opening bracket) at most ``BEFORE_KEY`` characters before one of
    ``LEAK_KEYWORDS``, so the patterns are tried only at those positions: a few dozen per keyword instead of every
    position of the text."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer: search the text itself, case-insensitively
        keys = [m.start() for m in _KEY.finditer(text)]
    else:
        keys = []
        for kw in LEAK_KEYWORDS:
            i = low.find(kw)
            while i >= 0:
                keys.append(i)
                i = low.find(kw, i + 1)
    if not keys:
        return []
    keys.sort()
    starts: set[int] = set(keys)
    lo, hi = max(0, keys[0] - BEFORE_KEY), keys[0] + 1
    for p in keys[1:] + [len(text) + BEFORE_KEY + 1]:  # the windows before each keyword, merged where they overlap
        if p - BEFORE_KEY > hi:
            starts.update(m.start() for m in _START.finditer(text, lo, hi))
            lo = p - BEFORE_KEY
        hi = p + 1
    out: list[tuple[int, int, str]] = []
    end = -1
    for st in sorted(starts):
        if st < end:
            continue
        m = LEAK_RE.match(text, st)
        if m is not None and m.end() > st:
            out.append((st, m.end(), m.lastgroup or ""))
            end = m.end()
    return out


def text_leaks(
    text: str, user_context: bool = False, turn: int = 0, refs: list[tuple[int, int, str]] | None = None
) -> list[LeakHit]:
    """The leaking references of one gpt turn (``refs``: its ``references``, if already found). ``user_context``:
    an earlier human turn gave "system message" another sense (an operating system, a device, an error, language
    models), so weak references are not leaks."""
    hits = []
    for s, e, pattern in references(text) if refs is None else refs:
        strong = is_strong(text, s, e, pattern)
        if not strong and (user_context or has_other_sense(text, s, e)):
            continue
        hits.append(LeakHit(turn, s, e, pattern, strong, user_context))
    return hits


def user_asked(text: str) -> bool:
    """The human turn asks about the assistant's instructions / system prompt (in any words)."""
    return bool(contains([text], ASK_TRIGGER)[0])


def user_context(text: str) -> bool:
    """The human turn speaks of an operating system, a device, an error, or language models and chat APIs."""
    return bool(contains([text], CONTEXT_TRIGGER)[0])


def candidates(texts: Sequence[str]) -> np.ndarray:
    """Indices of the texts that may hold a reference: a literal pass for the keywords (ASCII letters in any case,
    other scripts in lower, Capitalized or UPPER case), then the loosened patterns over the texts that have one
    (two vectorised polars passes)."""
    first = np.flatnonzero(contains_any(texts, KEYWORDS_ANY_CASE))
    if len(first) == 0:
        return first
    return first[contains([texts[i] for i in first.tolist()], LEAK_TRIGGER)]


def leak_hits(batch: Sequence[Conversation] | TurnColumns) -> dict[int, list[LeakHit]]:
    """Leaking references per conversation index (conversations without one are absent), in turn order.

    Only the gpt turns that ``candidates`` selects are read in Python; the human turns of the few conversations
    with a reference are classified (asked? another sense?) in two more polars passes."""
    cols = Turns.of(batch)
    gpt = np.flatnonzero(cols.roles == GPT)
    texts = cols.texts
    owner = cols.owner()
    refs: dict[int, list[tuple[int, int, str]]] = {}
    for k in gpt[candidates([texts[k] for k in gpt.tolist()])].tolist():
        found = references(texts[k])
        if found:
            refs[k] = found
    if not refs:
        return {}
    roles, offsets = cols.roles, cols.offsets
    convs = sorted({int(owner[k]) for k in refs})
    human = [k for ci in convs for k in range(int(offsets[ci]), int(offsets[ci + 1])) if roles[k] == HUMAN]
    human_texts = [texts[k] for k in human]
    asks = dict(zip(human, contains(human_texts, ASK_TRIGGER).tolist(), strict=True))
    context = dict(zip(human, contains(human_texts, CONTEXT_TRIGGER).tolist(), strict=True))
    out: dict[int, list[LeakHit]] = {}
    for ci in convs:
        lo = int(offsets[ci])
        seen_context = False
        hits: list[LeakHit] = []
        for k in range(lo, int(offsets[ci + 1])):
            if k in asks:
                if asks[k]:
                    break
                seen_context = seen_context or context[k]
            elif k in refs:
                hits.extend(text_leaks(texts[k], seen_context, k - lo, refs[k]))
        if hits:
            out[ci] = hits
    return out


def leak_batch(batch: Sequence[Conversation] | TurnColumns) -> dict[int, list[tuple[int, int, int]]]:
    """Leaks per conversation index: ``[(turn, start, end), ...]`` (conversations without one are absent)."""
    return {ci: [(h.turn, h.start, h.end) for h in hits] for ci, hits in leak_hits(batch).items()}


def leak(conv: Conversation) -> Finding | None:
    """The conversation's first leaking reference, or None (``leak_hits`` on one conversation)."""
    hits = leak_hits([conv]).get(0)
    if not hits:
        return None
    h = hits[0]
    return Finding("system:leak", h.turn, h.start, h.end, {"pattern": h.pattern})


def leak_pattern_names(text: str) -> list[str]:
    """Which named leak patterns match ``text`` anywhere (before any context decision; for reports and tests)."""
    return [name for name, rx in LEAK_RES.items() if rx.search(text)]


def user_asked_before(conv: Conversation) -> int:
    """Index of the first human turn that asks about the system prompt, or ``len(turns)`` if none does."""
    for i, t in enumerate(conv.turns):
        if t.role == "human" and user_asked(t.text):
            return i
    return len(conv.turns)
