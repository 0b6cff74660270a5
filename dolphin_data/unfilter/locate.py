"""One Hyperscan pass that both prefilters a batch and locates every rule key in it (``RuleSet`` uses it when the
``hyperscan`` package is installed; without it, the polars prefilter plus a per-text pyahocorasick pass give the
same hits, more slowly).

The keys are lowercase and compiled caseless (ASCII case), so an ASCII text is scanned as it is; a text that is not
ASCII is lowercased first (``text.lower_same_length``, so offsets stay the caller's offsets). Either way a key matches
exactly where it occurs in the lowercased text. The texts are encoded to UTF-8 and joined with NUL (no key contains
one). Hyperscan's literal compiler matches all the keys at once over the joined bytes (SIMD, no per-text call); each
match reports its key and its end. The ends map back to texts with
``numpy.searchsorted`` and, for a text that is not ASCII, from bytes to characters. A key is a literal substring, so
matching UTF-8 bytes finds exactly the occurrences a character search finds.

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


def available() -> bool:
    """Whether the ``hyperscan`` package imports (it ships wheels for Linux x86-64; elsewhere the fallback runs)."""
    try:
        import hyperscan  # noqa: F401
    except Exception:  # pragma: no cover - depends on the platform
        return False
    return True


class Locator:
    """The compiled Hyperscan database of ``keys`` (key -> payload). Built lazily, never pickled."""

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
        self.db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        self.db.compile(
            expressions=[k.encode() for k in self.keys],
            ids=list(range(len(self.keys))),
            elements=len(self.keys),
            flags=hyperscan.HS_FLAG_CASELESS,
            literal=True,
        )
        self.scratch = hyperscan.Scratch(self.db)

    def locate(self, texts: Sequence[str]) -> dict[int, tuple[str, list[tuple[int, Payload]]]]:
        """For each text holding a key: its lowercased text and its ``(end, payload)`` occurrences."""
        asc = [t.isascii() for t in texts]
        raw = [(t if a else lower_same_length(t)).encode() for t, a in zip(texts, asc, strict=True)]
        found: list[tuple[int, int]] = []

        def on_match(key: int, _start: int, end: int, _flags: int, _ctx: Any) -> None:
            found.append((key, end))

        joined = b"\0".join(raw)
        self.db.scan(joined, match_event_handler=on_match, scratch=self.scratch)
        out: dict[int, tuple[str, list[tuple[int, Payload]]]] = {}
        if not found:
            return out
        arr = np.asarray(found, dtype=np.int64)
        sizes = np.fromiter((len(b) + 1 for b in raw), dtype=np.int64, count=len(raw))
        starts = np.cumsum(sizes) - sizes  # each text's first byte in the joined batch
        which = np.searchsorted(starts, arr[:, 1], side="right") - 1
        rel = arr[:, 1] - starts[which]  # exclusive end, in bytes, within the text
        # within reach: the key's start against the furthest start its rules confirm in a text of this length (an
        # ASCII text's bytes are its characters; a text that is not ASCII is kept whole)
        col = np.searchsorted(self.lengths, sizes[which] - 1, side="left")
        live = ~np.asarray(asc, dtype=bool)[which] | (rel - self.key_bytes[arr[:, 0]] <= self.furthest[arr[:, 0], col])
        # a key glued to the word before it ("ich will" in "which will") is never a hit (``RuleSet.scan``'s first test)
        begin = arr[:, 1] - self.key_bytes[arr[:, 0]]
        before = np.frombuffer(joined, dtype=np.uint8)[np.maximum(begin - 1, 0)]
        live &= ~(self.key_word_start[arr[:, 0]] & _WORD_BYTE[before] & (begin > 0))
        arr, which, rel = arr[live], which[live], rel[live]
        order = np.lexsort((arr[:, 0], rel, which))
        for key, i, end in zip(arr[order, 0].tolist(), which[order].tolist(), rel[order].tolist(), strict=True):
            if i not in out:
                out[i] = (texts[i].lower() if asc[i] else raw[i].decode(), [])
            if not asc[i]:
                end = len(raw[i][:end].decode())
            out[i][1].append((end - 1, self.payloads[key]))
        return out
