"""Text structure the unfilter needs: protected zones (code, quotations, tables), clause starts, and sentences.

- ``excluded_zones(low)``: spans of fenced/inline code, quotations and markdown block quotes in a lowercased text.
  A rule hit that starts inside one is not the assistant speaking (a refusal quoted in a story or a test string).
- ``at_clause_start(low, i)``: whether position ``i`` starts a sentence or clause.
- ``sentences(text)``: the prose sentences of a reply as ``Sentence(start, end, line_start, line_end)`` spans, never
  inside fenced code, tables or block quotes; each list item or line is its own unit. Repair removes sentences.
- ``lower_same_length(text)``: lowercase without changing the length, so offsets stay the caller's offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dolphin_data.unfilter.instructs import instructs
from dolphin_data.unfilter.share import mostly_lectures, mostly_units

# code fences (``` and ~~~) are found with str.find in ``excluded_zones``
FENCES = ("```", "~~~")
# each pattern below runs only when its opening character occurs in the text (``_ZONE_OPENERS``)
_ZONES = (
    re.compile(r"`[^`\n]+`"),
    re.compile(r"\"[^\"\n]{1,2000}\""),
    re.compile(r"\u201c[^\u201d]{1,2000}\u201d"),
    re.compile(r"\u00ab[^\u00bb]{1,2000}\u00bb"),
    # single quotes: an apostrophe inside a word ("can't", "I'm") neither opens nor closes a quotation
    re.compile(r"['\u2018](?<!\w['\u2018])(?=\S)(?:[^'\u2018\u2019\n]|['\u2019](?=\w)){1,2000}?(?<=\S)['\u2019](?!\w)"),
    re.compile(r"^[ \t]*>.*$", re.M),
    re.compile(r"\u201e[^\u201c\u201d\n]{1,2000}[\u201c\u201d]"),  # „German“
    re.compile(r"\u300c[^\u300d]{1,2000}\u300d"),  # 「Japanese」
    re.compile(r"\u300e[^\u300f]{1,2000}\u300f"),  # 『quotes』
    re.compile(r"^[ \t]*\u2014.*$", re.M),  # a line of dialogue: "— No puedo ayudarte —dijo."
    # a paragraph of a speech that goes on (opened, not closed: the next paragraph opens again)
    re.compile(r"^[ \t]*\"[^\"\n]*$", re.M),
    re.compile(r"^[ \t]*\u201c[^\u201c\u201d\n]*$", re.M),
)
_ZONE_OPENERS = tuple(  # "'" stands for ' and ‘
    zip(
        ("`", '"', "\u201c", "\u00ab", "'", ">", "\u201e", "\u300c", "\u300e", "\u2014", '"', "\u201c"),
        _ZONES,
        strict=True,
    )
)
_JSON_KEY_BEFORE = re.compile(r'"\s*:\s*$')
_CLAUSE_PUNCT = set(".!?:;,\n\r(\u3002\uff01\uff1f\uff0c")
_CLAUSE_WORDS = {
    "but",
    "however",
    "unfortunately",
    "sorry",
    "so",
    "and",
    "also",
    "again",
    "well",
    "still",
    "regrettably",
    "honestly",
    "ultimately",
    "sadly",
    "apologies",
    "note",
    "first",
    "firstly",
    "then",
    "instead",
    "therefore",
    "thus",
    "hence",
    "though",
    "although",
    "because",
    "since",
    "while",
}
_SKIP_BEFORE = set(" \t*_#-•")
_SYMBOL = frozenset({"So", "Sk", "Mn", "Cf"})  # emoji, their modifiers, variation selectors and joiners
_QUOTES = set("\"'\u201c\u2018\u00ab")


def lower_same_length(text: str) -> str:
    """Lowercase without changing the length, so offsets in the lowered text are offsets in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def excluded_zones(low: str) -> list[tuple[int, int]]:
    """Spans of code and quotations in a (lowercased) text; a quotation that is the whole text is not one."""
    zones = []
    for fence in FENCES:
        i = low.find(fence)
        while i >= 0:
            j = low.find(fence, i + 3)
            if j < 0:
                zones.append((i, len(low)))
                break
            zones.append((i, j + 3))
            i = low.find(fence, j + 3)
    first = len(low) - len(low.lstrip())
    last = len(low.rstrip())
    for opener, rx in _ZONE_OPENERS:
        if opener not in low and (opener != "'" or "\u2018" not in low):
            continue
        for m in rx.finditer(low):
            if m.start() <= first and m.end() >= last and rx.pattern[0] != "`":
                continue
            if low[m.start()] == '"' and _JSON_KEY_BEFORE.search(low, max(0, m.start() - 8), m.start()):
                continue
            zones.append((m.start(), m.end()))
    return zones


def in_zones(pos: int, zones: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in zones)


def at_clause_start(low: str, start: int) -> bool:
    """True when ``start`` begins a sentence or clause: start of text, after . ! ? : ; , ( or a line break
    (skipping spaces, markdown emphasis/bullets and emoji), or after a connective like "but" / "unfortunately"."""
    j = start - 1
    while j >= 0 and (low[j] in _SKIP_BEFORE or (low[j] > "\u2000" and unicodedata.category(low[j]) in _SYMBOL)):
        j -= 1
    if j < 0:
        return True
    c = low[j]
    if c in _CLAUSE_PUNCT:
        return True
    if c in _QUOTES:  # a reply that opens with a quotation mark (the whole reply quoted), or a JSON string value
        return not low[:j].strip() or bool(c == '"' and _JSON_KEY_BEFORE.search(low, max(0, j - 8), j))
    k = j
    while k >= 0 and low[k].isalpha():
        k -= 1
    return low[k + 1 : j + 1] in _CLAUSE_WORDS


# -- sentences ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A prose sentence ``text[start:end]`` on the line ``text[line_start:line_end]`` (its list item/paragraph)."""

    start: int
    end: int
    line_start: int
    line_end: int


_TABLE_LINE = re.compile(r"^[ \t]*\|")
_QUOTE_LINE = re.compile(r"^[ \t]*>")
_MARKER = re.compile(r"^[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)]|#{1,6})(?=[ \t]))?[ \t]*(?:\*\*|__)?")
# a sentence ends at . ! ? (or the CJK ones) followed by space and not inside a common abbreviation; the lookahead
# first lets the engine skip to the next stop character instead of trying every lookbehind at every position (7x)
_END = re.compile(
    r"(?=[.!?\u3002\uff01\uff1f])(?:(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
    r"[.!?]+[\"'\u201d\u2019)\]*_]*(?=\s)|[\u3002\uff01\uff1f])"
)


def protected_lines(text: str) -> list[tuple[int, int, bool]]:
    """The text's lines as ``(start, end, protected)``: inside a code fence, a table row or a block quote."""
    out = []
    pos = 0
    fence: str | None = None
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.lstrip()
        if fence is not None:
            out.append((pos, end, True))
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith(FENCES):
            fence = stripped[:3]
            out.append((pos, end, True))
        else:
            out.append((pos, end, bool(_TABLE_LINE.match(line) or _QUOTE_LINE.match(line))))
        pos = end + 1
    return out


def sentences(text: str) -> list[Sentence]:
    """Prose sentences, line by line (a list item or paragraph line is never merged with the next). Remembered for
    the last few thousand texts: the rules and the repair split the same reply several times."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for ls, le, protected in protected_lines(text):
        if protected or ls == le:
            continue
        m = _MARKER.match(text, ls, le)
        s = m.end() if m else ls
        while s < le and text[s] in " \t":
            s += 1
        if s >= le:
            continue
        for e in _END.finditer(text, s, le):
            cut = e.end()
            if text[s:cut].strip():
                out.append(Sentence(s, cut, ls, le))
            s = cut
            while s < le and text[s] in " \t":
                s += 1
        if s < le and text[s:le].strip():
            out.append(Sentence(s, len(text[:le].rstrip()), ls, le))
    return tuple(out)


def sentence_at(sents: list[Sentence], pos: int) -> int:
    """Index of the sentence holding ``pos`` (or the next one after it; -1 when none)."""
    for i, s in enumerate(sents):
        if pos < s.end:
            return i
    return -1


OPENING_MAX_CHARS = 300  # an opening rule's match starts before this: at most two short greetings precede it
GREETINGS = (
    r"thank|thanks|hi|hello|hey|sure|certainly|of course|i appreciate|i understand|i see|i hear|great|what a|"
    r"that's a|it's great|it's wonderful|i love|i'm glad|i'm happy|i can see|it sounds like|i get|i know|it's clear|"
    r"it's understandable|it's natural|i can tell"
)
_GREETING = re.compile(r"(?:" + GREETINGS + r")\b")


_STOP_CHAR = re.compile(r"[.!?\n\u3002\uff01\uff1f]")


def sentence_start(low: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last sentence end or line break before it; callers ask
    about the reply's opening, so the stops before ``pos`` are few)."""
    last = -1
    for m in _STOP_CHAR.finditer(low, 0, pos):
        last = m.start()
    return last + 1


def sentence_end(low: str, pos: int) -> int:
    """Just past the stop that ends the sentence holding ``pos`` (or the text's end)."""
    m = _STOP_CHAR.search(low, pos)
    return m.end() if m else len(low)


_DENIAL = re.compile(
    r"(?:no|nope|not (?:really|true|at all|quite)|(?:they|it|that|he|she|we|you)(?:'re|'s| are| is)? ?(?:not|n't|"
    r"aren't|isn't))\b[^.!?]{0,12}[.!]?$"
)


def opening_head(head: str) -> bool:
    """Whether ``head`` (a lowercased reply up to a match) is only an opening: at most two sentences with letters,
    each an exclamation ("What a fun idea!"), a greeting or thanks ("Thanks for asking.") or a bare denial ("They
    aren't.")."""
    if len(head) > OPENING_MAX_CHARS or "```" in head:
        return False
    n = 0
    for s in sentences(head):
        piece = head[s.start : s.end].strip()
        if not any(c.isalpha() for c in piece):
            continue
        n += 1
        if n > 2 or not (
            piece.endswith("!") or _GREETING.match(piece := piece.replace("\u2019", "'")) or _DENIAL.match(piece)
        ):
            return False
    return True


EARLY_SENTENCES = 3
EARLY_MAX_CHARS = 600  # an early rule's match starts before this


def early(low: str, start: int) -> bool:
    """Whether ``start`` lies in the first ``EARLY_SENTENCES`` sentences of a prose reply: one with no table or code
    (inline code too) anywhere and no list before ``start``, whose content, if any, is advice in words (a list after
    it is what it proposes)."""
    head = low[:start]
    if len(head) > EARLY_MAX_CHARS or "`" in low or "|" in low or _list_line(head):
        return False
    return len(sentences(head)) < EARLY_SENTENCES


UNANSWERED_MAX_SENTENCES = 6


def unanswered_after(low: str, end: int) -> bool:
    """Whether nothing after ``end`` answers: the reply is short prose (``whole_possible``) and the at most
    ``UNANSWERED_MAX_SENTENCES`` sentences after the one holding ``end`` give no step or advice (none opens with an
    instruction, after a condition at most: "Use ...", "You can ...", "Here's ...", "If it's yours, use ...")."""
    if not _prose_only(low):
        return False
    after = [low[s.start : s.end].strip() for s in sentences(low) if s.start >= end]
    if len(after) > UNANSWERED_MAX_SENTENCES or "`" in low[end:]:  # inline code after it is content
        return False
    return not any(instructs(x) for x in after)


# a number in a sentence about the law or its penalties is part of a lecture ("up to 10 years in prison", "статье 327")
_LAW_NUMBER = re.compile(
    r"prison|jail|years?\b|fines?\b|penalt|section|article|§|\bact\b|\blaw|\bcode\b|felony|sentence|statute|"
    r"artículo|article|artikel|articolo|artigo|стать|закон|срок|штраф|lei|ley|loi|gesetz|legge|wet\b|法|条|조"
)


def _prose_only(low: str) -> bool:
    """``whole_possible`` that also lets a number stand in a sentence about the law (the unanswered rules)."""
    if whole_possible(low):
        return True
    if not _short_prose(low):
        return False
    return all(
        not _DIGIT.search(x) or _LAW_NUMBER.search(x) or _helpline(x)
        for x in (low[s.start : s.end] for s in sentences(low))
    )


WHOLE_MAX_CHARS = 1500  # a reply longer than this says more than "no": whole-reply rules never fire on it
_LIST_ITEM = r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]"
_LIST_FIRST, _LIST_NEXT = re.compile(_LIST_ITEM), re.compile("\n" + _LIST_ITEM)  # "\n" first: a fast literal scan
_DIGIT = re.compile(r"\d")
_HELPLINE_RE = re.compile(r"crisis|hotline|helpline|samaritans|emergency|lifeline|line\b")


def _list_line(low: str) -> bool:
    """Whether a line of ``low`` starts a list item ("- ", "* ", "1. ", "2) ")."""
    return _LIST_FIRST.match(low) is not None or ("\n" in low and _LIST_NEXT.search(low) is not None)


def _helpline(low: str) -> bool:
    """Whether ``low`` names a helpline (the words first as substrings: each alternative holds one of four)."""
    return ("line" in low or "crisis" in low or "emergency" in low or "samaritans" in low) and bool(
        _HELPLINE_RE.search(low)
    )


# the same tests as regular expressions for polars (``rules.RuleSet.candidates`` applies them to a whole batch)
WHOLE_EXCLUDE_RUST = r"```|\||(?m)^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]"
WHOLE_DIGIT_RUST = r"\d"
WHOLE_HELPLINE_RUST = r"crisis|hotline|helpline|samaritans|emergency|lifeline|line\b"


@functools.lru_cache(maxsize=4096)
def whole_possible(low: str) -> bool:
    """Whether a lowercased reply could be judged whole at all: short prose (no code fence, table, list) with no
    number outside a helpline. (Cached: the prefilter, the whole-reply rules and ``unanswered_after`` ask it of the
    same reply.)"""
    return _short_prose(low) and not (_DIGIT.search(low) and not _helpline(low))


def _short_prose(low: str) -> bool:
    """At most ``WHOLE_MAX_CHARS`` characters with no code fence, table or list."""
    return len(low) <= WHOLE_MAX_CHARS and "```" not in low and "|" not in low and not _list_line(low)


_STOP = re.compile(r"[.!?\n\u3002\uff01\uff1f]")
_PLAIN_SENTENCE = re.compile(r"[^.!?\n\u3002\uff01\uff1f]+[.!?\u3002\uff01\uff1f]*")  # in prose with no quote or list


def _core_found(low: str, core: re.Pattern[str], near: Sequence[int]) -> bool:
    """``core`` in the reply; with ``near`` (positions of the rule's triggers, which every core match contains),
    searched only in the stretch between sentence stops around each position (a big alternation is slow)."""
    if not near:
        return core.search(low) is not None
    done = -1
    for pos in sorted(near):
        if pos < done:
            continue
        start = max(low.rfind(c, 0, pos) for c in ".!?\n\u3002\uff01\uff1f") + 1
        m = _STOP.search(low, pos)
        done = m.end() if m else len(low)
        if core.search(low, start, done):
            return True
    return False


def whole_reply(  # noqa: PLR0913
    low: str, each: re.Pattern[str], core: re.Pattern[str] | None, min_sentences: int, near: Sequence[int] = (), *,
    share: float = 1.0, units: bool = False,
) -> bool:  # fmt: skip
    """Whether a (lowercased) reply is nothing but sentences matching ``each``, at least ``min_sentences`` of them
    and one matching ``core`` (looked for around the trigger positions ``near``): short prose only, and a sentence
    holding a number is content unless it gives a helpline. With ``share`` < 1: mostly sentences holding a trigger
    (``share.mostly_lectures``; a number may state the law), or with ``units`` sentences and list items matching
    ``each`` (``share.mostly_units``; any number)."""
    if share < 1 and units:  # the referral (``core``) around a trigger first, in the text without markdown bold
        if len(low) > WHOLE_MAX_CHARS or "```" in low or "|" in low or core is None:
            return False
        plain = low.replace("**", "")
        near = [p - 2 * low.count("**", 0, p) for p in near] if len(plain) < len(low) else near
        return _core_found(plain, core, near) and mostly_units(plain, each, share)
    if share < 1:  # by share: the sentences that hold a trigger lecture
        if len(near) < min_sentences or not _STOP.search(low, min(near), max(near)) or not _prose_only(low):
            return False  # (the triggers must lie in two sentences at least)
        pairs = [(m.group(), any(m.start() <= p < m.end() for p in near)) for m in _PLAIN_SENTENCE.finditer(low)]
        return mostly_lectures(low, pairs, share, min_sentences)
    if not whole_possible(low):
        return False
    if core is not None and not _core_found(low, core, near):  # searched in the sentences around the triggers
        return False
    sents = [low[s.start : s.end] for s in sentences(low)]
    if len(sents) < min_sentences:
        return False
    for s in sents:
        if not each.search(s) or (_DIGIT.search(s) and not _helpline(s)):
            return False
    return core is None or any(core.search(s) for s in sents)


def clear_caches() -> None:
    """Forget the remembered splits and pattern answers (benchmarks time each run from cold, as a new corpus runs)."""
    from dolphin_data.unfilter.turn_search import forget

    _sentences.cache_clear()
    whole_possible.cache_clear()
    forget()
