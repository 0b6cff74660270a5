"""One Hyperscan pass that both prefilters a batch and locates every rule key in it (``RuleSet`` uses it when the
``hyperscan`` package is installed; without it, the polars prefilter plus a per-text pyahocorasick pass give the
same hits, more slowly).

The keys are lowercase and compiled caseless (ASCII case), so an ASCII text is scanned as it is; a text that is not
ASCII is lowercased first (``text.lower_same_length``, so offsets stay the caller's offsets). Either way a key matches
exactly where it occurs in the lowercased text. The keys are split into a few databases by where their rules can fire
(``rule_reach``: in replies of at most so many characters, within so many characters of the start); each database
scans the texts (encoded to UTF-8, joined with NUL, which no key contains) short enough for its rules, cut to the
prefix its rules read. Hyperscan matches all of a database's keys at once over the joined bytes (SIMD, no per-text
call); each match reports its key and its end. A short key that starts with a word byte ("ad", "irs", "lie") is
compiled to match only where no word byte precedes it, so its many occurrences inside other words ("made", "theirs",
"believe") never reach Python, which would drop them (``RuleSet.scan``'s first test; ``_expression``). The ends map
back to texts with ``numpy.searchsorted`` and, for a text that is not ASCII, from bytes to characters. A key is a
literal substring, so matching UTF-8 bytes finds exactly the occurrences a character search finds.

``Locator.locate(texts)`` returns, per text that holds any key, its lowercased text and the ``(end index, payload)`` pairs a pyahocorasick
automaton of the same keys yields (``end`` inclusive, as pyahocorasick reports it), sorted by end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dolphin_data.unfilter.rule_data import RegexRule
from dolphin_data.unfilter.text import EARLY_MAX_CHARS, OPENING_MAX_CHARS, WHOLE_MAX_CHARS, lower_same_length

Payload = tuple[tuple[str, int, int], ...]  # (layer, rule index, key length) per rule the key belongs to
NO_LIMIT = 1 << 62
SEARCH_REACH = 300  # a search rule's regex runs in its key's line, at most this many characters either side
GLUED_MAX = 6  # a key of at most this many bytes matches only after a non-word byte (longer ones: rarely glued, and
# the extra class costs Hyperscan compile time: all keys so would take seconds, these a tenth of one)
_WORD_BYTE = np.zeros(256, dtype=bool)  # ASCII letters, digits and "_": word characters in any script's text
_WORD_BYTE[[ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"]] = True


def rule_reach(r: RegexRule) -> tuple[int, int]:
    """The longest reply (in characters) in which rule ``r`` can fire and the furthest start of its key that
    ``RuleSet.scan`` confirms: an opening rule's key lies near the reply's start, an early rule's key within
    ``EARLY_MAX_CHARS`` (a search rule's, whose match may start up to ``SEARCH_REACH`` before its key, that much
    further), and a whole-reply or unanswered rule fires only in a reply of at most ``WHOLE_MAX_CHARS``."""
    longest = min(WHOLE_MAX_CHARS if r.whole or r.unanswered else NO_LIMIT, r.max_chars or NO_LIMIT)
    furthest = OPENING_MAX_CHARS + 200 if r.opening else NO_LIMIT
    if r.early:  # a search rule's match starts at most SEARCH_REACH characters before its key (``RuleSet.scan``)
        furthest = min(furthest, EARLY_MAX_CHARS + (SEARCH_REACH if r.search else 0))
    return longest, furthest


def _expression(key: bytes) -> bytes:
    """``key`` as a Hyperscan expression matching its bytes (escaped but for word bytes); a key of at most
    ``GLUED_MAX`` bytes that starts with a word byte only where the byte before it is none (or the buffer starts), so
    a key glued to the word before it ("ad" in "made") is never reported. The end Hyperscan reports is still the
    key's, and ``locate``'s own glued test keeps dropping the longer keys' glued occurrences: the same occurrences."""
    body = b"".join(bytes([c]) if _WORD_BYTE[c] else b"\\x%02x" % c for c in key)
    return b"(?:^|[^0-9A-Z_a-z])" + body if _WORD_BYTE[key[0]] and len(key) <= GLUED_MAX else body


def available() -> bool:
    """Whether the ``hyperscan`` package imports (it ships wheels for Linux x86-64; elsewhere the fallback runs)."""
    try:
        import hyperscan  # noqa: F401
    except Exception:  # pragma: no cover - depends on the platform
        return False
    return True


class Locator:
    """The compiled Hyperscan databases of ``keys`` (key -> payload). Built lazily, never pickled.

    The keys are split by reach (``rule_reach``): a key whose rules fire only in replies of at most ``L`` characters
    and only when it starts within ``F`` characters goes to the database of its ``(L, F)`` group, which scans only
    the replies of at most ``L`` characters and only their first ``F`` plus key-length characters. The short keys
    of the rules that judge short replies or a reply's opening ("no", "ad", "non") are common words; scanning them
    only where they can fire cuts the matches Python sees by more than half, and finds the same hits."""

    def __init__(self, keys: dict[str, Payload], reach: dict[str, tuple[tuple[int, int], ...]] | None = None):
        """``reach``: per key, per rule it belongs to, the longest text (characters) in which the rule can fire and
        the furthest start of the key it confirms (``NO_LIMIT`` for none). An occurrence beyond every rule's reach
        is dropped here, in numpy, so a text holding only such occurrences is never handed back."""
        import hyperscan

        self.keys = sorted(keys)
        self.payloads = [keys[k] for k in self.keys]
        self.key_bytes = np.array([len(k.encode()) for k in self.keys], dtype=np.int64)
        self.key_word_start = _WORD_BYTE[[k.encode()[0] for k in self.keys]]
        limits = reach or dict.fromkeys(self.keys, ((NO_LIMIT, NO_LIMIT),))
        # the text lengths that matter, ascending (the last: no limit); furthest[key, j]: the furthest start any of
        # the key's rules confirms in a text of at most lengths[j] characters (-1: none can fire there)
        self.lengths = np.array(sorted({NO_LIMIT} | {n for k in self.keys for n, _ in limits[k]}), dtype=np.int64)
        self.furthest = np.full((len(self.keys), len(self.lengths)), -1, dtype=np.int64)
        for i, k in enumerate(self.keys):
            for longest, furthest in limits[k]:
                cols = self.lengths <= longest
                self.furthest[i, cols] = np.maximum(self.furthest[i, cols], furthest)
        # per key: the longest text it can fire in and, for a key that fires only near the start, how far into the
        # text its database needs to look (its furthest start plus its length; NO_LIMIT: the whole text)
        live = self.furthest >= 0
        widest = np.where(live.any(axis=1), np.max(np.where(live, self.lengths, -1), axis=1), -1)
        far = self.furthest.max(axis=1)
        groups: dict[tuple[int, bool], list[int]] = {}
        for i in range(len(self.keys)):
            if widest[i] >= 0:  # a key no rule can fire on is never scanned
                groups.setdefault((int(widest[i]), bool(far[i] < NO_LIMIT)), []).append(i)
        self.groups: list[tuple[int, int, Any, Any]] = []  # (longest text, characters looked at, database, scratch)
        for (most, near), ids in sorted(groups.items()):
            look = int(max(far[i] + len(self.keys[i]) for i in ids)) if near else NO_LIMIT
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            db.compile(
                expressions=[_expression(self.keys[i].encode()) for i in ids],
                ids=ids,
                elements=len(ids),
                flags=hyperscan.HS_FLAG_CASELESS,
            )
            self.groups.append((most, look, db, hyperscan.Scratch(db)))

    def locate(self, texts: Sequence[str]) -> dict[int, tuple[str, list[tuple[int, Payload]]]]:
        """For each text holding a key: its lowercased text and its ``(end, payload)`` occurrences."""
        asc = np.fromiter((t.isascii() for t in texts), dtype=bool, count=len(texts))
        low = [t if a else lower_same_length(t) for t, a in zip(texts, asc.tolist(), strict=True)]
        chars = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        raw = [t.encode() for t in low]
        size = np.fromiter((len(b) for b in raw), dtype=np.int64, count=len(raw))
        found: list[tuple[int, int]] = []
        parts = []  # per group that matched: its span of found, its texts (global indices), their starts, its bytes
        for most, look, db, scratch in self.groups:
            idx = np.flatnonzero(chars <= most) if most < NO_LIMIT else np.arange(len(texts))
            if not len(idx):
                continue
            if look < NO_LIMIT:  # a prefix of a text's characters: its bytes are a prefix of the text's bytes
                part = [raw[i] if chars[i] <= look else low[i][:look].encode() for i in idx.tolist()]
                sizes = np.fromiter((len(b) + 1 for b in part), dtype=np.int64, count=len(part))
            else:
                part = [raw[i] for i in idx.tolist()]
                sizes = size[idx] + 1
            starts = np.cumsum(sizes) - sizes
            mark = len(found)
            joined = b"\0".join(part)
            db.scan(joined, match_event_handler=lambda k, _s, e, _f, _c: found.append((k, e)), scratch=scratch)
            if len(found) > mark:
                parts.append((mark, len(found), idx, starts, joined))
        out: dict[int, tuple[str, list[tuple[int, Payload]]]] = {}
        if not found:
            return out
        arr = np.asarray(found, dtype=np.int64)
        key = arr[:, 0]
        which = np.empty(len(arr), dtype=np.int64)
        rel = np.empty(len(arr), dtype=np.int64)  # exclusive end, in bytes, within the text
        before = np.empty(len(arr), dtype=np.uint8)  # the byte before the key (a text's prefix: the text's own byte)
        for a, b, idx, starts, joined in parts:
            local = np.searchsorted(starts, arr[a:b, 1], side="right") - 1
            which[a:b] = idx[local]
            rel[a:b] = arr[a:b, 1] - starts[local]
            first = arr[a:b, 1] - self.key_bytes[key[a:b]]  # the key's first byte in the group's joined bytes
            before[a:b] = np.frombuffer(joined, dtype=np.uint8)[np.maximum(first - 1, 0)]
        # within reach: the key's start against the furthest start its rules confirm in a text of this length (an
        # ASCII text's bytes are its characters; in a text that is not ASCII, only its database's bounds apply)
        col = np.searchsorted(self.lengths, size[which], side="left")
        begin = rel - self.key_bytes[key]
        live = ~asc[which] | (begin <= self.furthest[key, col])
        # a key glued to the word before it ("ich will" in "which will") is never a hit (``RuleSet.scan``'s first test)
        live &= ~(self.key_word_start[key] & _WORD_BYTE[before] & (begin > 0))
        key, which, rel = key[live], which[live], rel[live]
        order = np.lexsort((key, rel, which))
        for k, i, end in zip(key[order].tolist(), which[order].tolist(), rel[order].tolist(), strict=True):
            if i not in out:
                out[i] = (texts[i].lower() if asc[i] else low[i], [])
            if not asc[i]:
                end = len(raw[i][:end].decode())
            out[i][1].append((end - 1, self.payloads[k]))
        return out
