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

from dolphin_data.unfilter.text import lower_same_length

Payload = tuple[tuple[str, int, int], ...]  # (layer, rule index, key length) per rule the key belongs to


def available() -> bool:
    """Whether the ``hyperscan`` package imports (it ships wheels for Linux x86-64; elsewhere the fallback runs)."""
    try:
        import hyperscan  # noqa: F401
    except Exception:  # pragma: no cover - depends on the platform
        return False
    return True


class Locator:
    """The compiled Hyperscan database of ``keys`` (key -> payload). Built lazily, never pickled."""

    def __init__(self, keys: dict[str, Payload]):
        import hyperscan

        self.keys = sorted(keys)
        self.payloads = [keys[k] for k in self.keys]
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

        self.db.scan(b"\0".join(raw), match_event_handler=on_match, scratch=self.scratch)
        out: dict[int, tuple[str, list[tuple[int, Payload]]]] = {}
        if not found:
            return out
        arr = np.asarray(found, dtype=np.int64)
        sizes = np.fromiter((len(b) + 1 for b in raw), dtype=np.int64, count=len(raw))
        starts = np.cumsum(sizes) - sizes  # each text's first byte in the joined batch
        which = np.searchsorted(starts, arr[:, 1], side="right") - 1
        rel = arr[:, 1] - starts[which]  # exclusive end, in bytes, within the text
        order = np.lexsort((arr[:, 0], rel, which))
        for key, i, end in zip(arr[order, 0].tolist(), which[order].tolist(), rel[order].tolist(), strict=True):
            if i not in out:
                out[i] = (texts[i].lower() if asc[i] else raw[i].decode(), [])
            if not asc[i]:
                end = len(raw[i][:end].decode())
            out[i][1].append((end - 1, self.payloads[key]))
        return out
