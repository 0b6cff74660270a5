"""Repair of a leaking gpt turn: cut the sentences that hold the leak (or only a leading "According to the system
message," clause) when what is left stands on its own.

What is left must have ``min_words`` words, must not open a sentence with a word that points back at what was cut
("So", "Therefore", "That's why", "This", ...), and must not leak any more by the same rule in the same context
(``still_leaks``). Otherwise the repair gives up and says why: ``too_little_left``, ``dangling_reference`` or
``still_leaks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dolphin_data.systemchat.leak_patterns import AP

_SENTENCE_END = re.compile(r"[.!?\u3002]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
_DANGLING = re.compile(
    r"^\W*(?:so|therefore|thus|hence|that" + AP + r"?s\s+why|that\s+is\s+why|this\s+means|because\s+of\s+(?:this|that)|"
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


def repair_text(
    text: str, spans: Sequence[tuple[int, int]], still_leaks: Callable[[str], bool], min_words: int = 3
) -> Repair:
    """Remove the sentences holding the leak ``spans``; keep the turn only if what is left stands on its own."""
    cuts: list[tuple[int, int]] = []  # (start, end) to delete
    replacements: dict[int, str] = {}  # cut start -> text to put back (the clause-trimmed sentence)
    removed: list[str] = []
    for s, e in sentence_spans(text):
        inside = [(a, b) for a, b in spans if a < e and b > s]
        if not inside:
            continue
        first_a, first_b = min(inside)
        clause = re.match(r"\s*,\s*", text[first_b:e])
        if len(inside) == 1 and first_a - s <= 1 and clause is not None:
            kept = text[first_b + clause.end() : e]
            if len(_WORD.findall(kept)) >= min_words and not _DANGLING.match(kept):
                cuts.append((s, e))
                replacements[s] = kept[:1].upper() + kept[1:]
                removed.append(text[s : first_b + clause.end()].strip())
                continue
        cuts.append((s, e))
        removed.append(text[s:e])
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
    if still_leaks(new):
        return Repair(None, tuple(removed), "still_leaks")
    return Repair(new, tuple(removed))
