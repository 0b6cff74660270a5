"""The fallback prefilter of ``RuleSet`` (where Hyperscan is not installed, or ``RuleSet.use_hyperscan`` is off):
which texts of a batch hold any rule key, in one vectorised pass. ``rules.RuleSet.scan`` then confirms each flagged
text. ``candidates`` uses polars (Rust's ``regex`` crate); ``candidates_joined`` a pyahocorasick pass over the joined
batch, for processes where polars is not fork-safe. Both give the same indices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dolphin_data.unfilter.hits import minimal_keys, rust_escape
from dolphin_data.unfilter.rule_data import RegexRule
from dolphin_data.unfilter.text import (
    WHOLE_DIGIT_RUST,
    WHOLE_EXCLUDE_RUST,
    WHOLE_HELPLINE_RUST,
    WHOLE_MAX_CHARS,
    lower_same_length,
    whole_possible,
)

LAYERS: tuple[str, ...] = ("lexicon", "regex")
TINY = "tiny"  # the prefilter of triggers of rules with ``max_chars`` (only replies that short)
SHORT = "short"  # the prefilter of whole-reply rule triggers (only replies ``text.whole_possible`` admits)


class Prefilter:
    """Mixed into ``RuleSet``: needs its ``regex_rules`` and ``_compile()`` (whose ``prefilter`` maps a layer, SHORT
    or TINY to its minimal keys)."""

    regex_rules: list[RegexRule]

    def _compile(self) -> dict[str, Any]:
        raise NotImplementedError

    def candidates(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[int]:
        """Indices of texts that contain any key of the given layers (one vectorised pass over the batch).

        The keys go into one regular expression, a plain alternation of literals, that polars hands to Rust's
        ``regex`` crate (SIMD literal search); polars caches the compiled expression, so it is built once per
        process rather than once per batch, unlike ``str.contains_any`` which rebuilds its automaton per call."""
        import polars as pl

        pattern = self._prefilter_pattern(layers)
        short = self._prefilter_pattern((SHORT,)) if "regex" in layers else None
        if (pattern is None and short is None and not self._tiny_max()) or not texts:
            return []
        # lowercase then match case-sensitively: faster than a case-insensitive pattern, and right for non-ASCII
        # letters too
        series = pl.Series("t", texts, dtype=pl.String)
        low = series.str.to_lowercase()
        flags = low.str.contains(pattern) if pattern is not None else pl.Series("t", [False] * len(texts))
        found = set(flags.fill_null(False).arg_true().to_list())
        # whole-reply and short-reply triggers count only in replies those rules can judge; the conditions are
        # evaluated on the few replies holding such a trigger
        for group, limit in ((SHORT, WHOLE_MAX_CHARS), (TINY, self._tiny_max())):
            keys = self._prefilter_pattern((group,)) if "regex" in layers and limit else None
            if keys is None:
                continue
            idx = low.str.contains(keys).fill_null(False).arg_true()
            if not len(idx):
                continue
            sub, ok = low.gather(idx), series.gather(idx).str.len_chars() <= limit
            if group == SHORT:
                ok = (
                    ok
                    & ~sub.str.contains(WHOLE_EXCLUDE_RUST)
                    & (~sub.str.contains(WHOLE_DIGIT_RUST) | sub.str.contains(WHOLE_HELPLINE_RUST))
                )
            found.update(idx.filter(ok.fill_null(False)).to_list())
        return sorted(found)

    def candidates_joined(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[int]:
        """``candidates`` without polars (for processes where polars is not fork-safe): the lowercased texts are
        joined with NUL (no key contains one) and run once through a pyahocorasick automaton of the prefilter
        keys; match offsets map back to texts with ``numpy.searchsorted``."""
        import numpy as np

        automaton = self._prefilter_automaton(layers)
        short = self._prefilter_automaton((SHORT,)) if "regex" in layers else None
        tiny = self._prefilter_automaton((TINY,)) if "regex" in layers else None
        if (automaton is None and short is None and tiny is None) or not texts:
            return []
        joined = "\0".join(texts)
        low = joined.lower()
        if len(low) != len(joined):  # a character whose lower case is longer: offsets shift, lower text by text
            low = "\0".join(lower_same_length(t) for t in texts)
        starts = np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts)))
        found: list[Any] = []
        for auto, limit in ((automaton, None), (short, WHOLE_MAX_CHARS), (tiny, self._tiny_max())):
            if auto is None:
                continue
            ends = np.fromiter((end for end, _ in auto.iter(low)), dtype=np.int64)
            idx = np.unique(np.searchsorted(starts, ends, side="right"))
            if auto is short and len(idx):
                idx = np.array([i for i in idx.tolist() if whole_possible(lower_same_length(texts[i]))], dtype=np.int64)
            elif limit is not None and len(idx):
                idx = np.array([i for i in idx.tolist() if len(texts[i]) <= limit], dtype=np.int64)
            found.append(idx)
        return np.unique(np.concatenate(found)).tolist() if found else []

    def _tiny_max(self) -> int:
        return max((r.max_chars for r in self.regex_rules), default=0)

    def _prefilter_keys(self, layers: Sequence[str]) -> list[str]:
        comp = self._compile()
        layers = tuple(sorted(layers))
        keys = comp["prefilter"].get(layers)
        if keys is None:
            keys = comp["prefilter"][layers] = minimal_keys({k for layer in layers for k in comp["prefilter"][layer]})
        return keys

    def _prefilter_pattern(self, layers: Sequence[str]) -> str | None:
        cache = self._compile()["prefilter_pattern"]
        layers = tuple(sorted(layers))
        if layers not in cache:
            keys = self._prefilter_keys(layers)
            cache[layers] = "|".join(rust_escape(k) for k in keys) if keys else None
        return cache[layers]

    def _prefilter_automaton(self, layers: Sequence[str]) -> Any:
        import ahocorasick

        cache = self._compile()["prefilter_automaton"]
        layers = tuple(sorted(layers))
        if layers not in cache:
            keys = self._prefilter_keys(layers)
            automaton = None
            if keys:
                automaton = ahocorasick.Automaton()
                for k in keys:
                    automaton.add_word(k, len(k))
                automaton.make_automaton()
            cache[layers] = automaton
        return cache[layers]
