"""Refusal rules: a phrase lexicon and named regex rules, matched in one pass over a batch of texts.

``RuleSet.default().match(texts)`` returns, per text, the first ``Hit`` (or None); ``match_all`` returns every
hit. Rules are named, and the name is the reject reason: ``lexicon:<entry id>`` or ``regex:<rule name>``.

How a batch is matched (the hot path never loops over patterns in Python):

1. **Prefilter, vectorised.** All lexicon phrases and all regex *trigger* literals (minus those containing a
   shorter one) go into one alternation of literals, matched by ``polars`` ``str.to_lowercase().str.contains``
   (Rust's ``regex`` crate, SIMD literal search, the compiled expression cached by polars) over the whole batch
   as one column. Most assistant replies contain none of them and are done here. (Where polars is not
   fork-safe, the batch is lowercased, joined with NUL and run once through a pyahocorasick automaton instead.)
2. **Locate.** Each flagged text is lowercased (length-preserving, so offsets are the caller's offsets) and run
   once through a ``pyahocorasick`` automaton holding the same keys, which yields every occurrence with its
   position.
3. **Confirm.** A lexicon occurrence is a hit if it sits on word boundaries (and, for ``^`` entries, at the
   start of a sentence or clause). A trigger occurrence runs its rule's compiled regex *anchored at that
   position* (``pattern.match(text, pos)``), so each regex is tried only where it can start; for a ``search``
   rule the trigger is a rarer word the match contains, and the regex is searched in the line around it.
4. **Context.** Hits that start inside fenced or inline code, a quotation or a markdown block quote are
   dropped: a refusal quoted in a story, a test string or a discussion is not the assistant refusing.
   (A quotation that spans the whole reply does not count: some corpora wrap every reply in quotes.)
5. **Whole-reply shapes.** A rule with ``whole`` set (``rule_data_v4``: only redirects / hedges / asks why / rejects
   a premise, or only lectures) is judged once per reply, on all its prose sentences (``text.whole_reply``), and
   only when no other refusal rule fired: a named phrase names the reject first.

Rule data lives in ``rule_data.py`` / ``rule_data_acts.py`` / ``rule_data_more.py`` / ``rule_data_v4.py``;
code/quotation zones, clause starts and the whole-reply check in ``text.py``; the lexicon file's parser in
``lexicon.py``.
Case: the text is lowercased and every key and pattern is lowercase, which fixes the SystemChat-list bug
(uppercase entries that never matched) by construction. Apostrophes: keys exist in both ``'`` and ``’`` forms.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dolphin_data.unfilter.hits import (
    Hit,
    first_sentence_end,
    is_word,
    minimal_keys,
    polars_fork_safe,
    rust_escape,
    variants,
)
from dolphin_data.unfilter.lexicon import LexiconEntry, load_lexicon
from dolphin_data.unfilter.lexicon import entry_id as entry_id  # re-exported
from dolphin_data.unfilter.rule_data import RegexRule
from dolphin_data.unfilter.rule_data_acts import REGEX_RULES
from dolphin_data.unfilter.text import (
    WHOLE_DIGIT_RUST,
    WHOLE_EXCLUDE_RUST,
    WHOLE_HELPLINE_RUST,
    WHOLE_MAX_CHARS,
    at_clause_start,
    excluded_zones,
    lower_same_length,
    whole_possible,
    whole_reply,
)

LAYERS: tuple[str, ...] = ("lexicon", "regex")
TINY = "tiny"  # the prefilter of triggers of rules with ``max_chars`` (only replies that short)
SHORT = "short"  # the prefilter of whole-reply rule triggers (only replies ``text.whole_possible`` admits)


DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "assets" / "refusal_lexicon.txt"


# -- the rule set ----------------------------------------------------------------------------------------------------


class RuleSet:
    """The lexicon and regex layers, compiled lazily (so a stage holding one pickles small and cheap)."""

    def __init__(
        self,
        lexicon: Sequence[LexiconEntry],
        regex_rules: Sequence[RegexRule] = REGEX_RULES,
        version: int = 0,
        source: str = "",
        disabled: Iterable[str] = (),
    ):
        disabled = set(disabled)
        known = {f"lexicon:{e.id}" for e in lexicon} | {f"regex:{r.name}" for r in regex_rules}
        unknown = sorted(disabled - known)
        if unknown:
            raise ValueError(
                f"unknown rule {unknown[0]!r} in disabled rules; rules look like 'lexicon:<id>' or "
                f"'regex:<name>' (regex rules: {', '.join(r.name for r in regex_rules)})"
            )
        self.lexicon = [e for e in lexicon if f"lexicon:{e.id}" not in disabled]
        self.regex_rules = [r for r in regex_rules if f"regex:{r.name}" not in disabled]
        self.version = version
        self.source = source
        self.disabled = tuple(sorted(disabled))
        self._compiled: dict[str, Any] | None = None

    # construction -------------------------------------------------------------------------------------------------

    @classmethod
    def default(cls, disabled: Iterable[str] = ()) -> RuleSet:
        """The bundled lexicon (``assets/refusal_lexicon.txt``) plus the built-in regex rules."""
        return cls.from_files(DEFAULT_LEXICON, disabled=disabled)

    @classmethod
    def from_files(cls, lexicon: str | Path | None = None, regex: bool = True, disabled: Iterable[str] = ()) -> RuleSet:
        """A lexicon file (default: the bundled one) and, unless ``regex=False``, the built-in regex rules."""
        path = Path(lexicon) if lexicon is not None else DEFAULT_LEXICON
        version, entries = load_lexicon(path)
        return cls(entries, REGEX_RULES if regex else (), version, str(path), disabled)

    def __getstate__(self) -> dict[str, Any]:
        state = {k: getattr(self, k) for k in ("lexicon", "regex_rules", "version", "source", "disabled")}
        state["_compiled"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            setattr(self, k, v)

    def describe(self) -> dict[str, Any]:
        digest = hashlib.sha256()
        for e in self.lexicon:
            digest.update(f"{'^' if e.anchored else ''}{e.phrase}\n".encode())
        for r in self.regex_rules:
            digest.update(f"{r.name}\t{r.pattern}\n".encode())
        return {
            "lexicon_version": self.version,
            "lexicon_entries": len(self.lexicon),
            "lexicon_file": self.source,
            "regex_rules": [r.name for r in self.regex_rules],
            "disabled": list(self.disabled),
            "sha256": digest.hexdigest(),
        }

    def phrases(self) -> list[str]:
        """The lexicon phrases (for the naive baseline in the benchmark)."""
        return [e.phrase for e in self.lexicon]

    def _compile(self) -> dict[str, Any]:
        if self._compiled is not None:
            return self._compiled
        import ahocorasick

        keys: dict[str, list[tuple[str, int, int]]] = {}  # key -> [(layer, index, key length)]
        for i, e in enumerate(self.lexicon):
            for k in variants(e.phrase):
                keys.setdefault(k, []).append(("lexicon", i, len(k)))
        for i, r in enumerate(self.regex_rules):
            for trig in r.triggers:
                for k in variants(trig.lower()):
                    if ("regex", i, len(k)) not in keys.get(k, []):
                        keys.setdefault(k, []).append(("regex", i, len(k)))
        patterns = [re.compile(r.pattern.replace("'", "['\u2019]")) for r in self.regex_rules]
        wholes = [re.compile(r.whole.replace("'", "['\u2019]")) if r.whole else None for r in self.regex_rules]
        prefilter: dict[Any, list[str]] = {}

        def whole(x: tuple[str, int, int]) -> bool:  # a whole-reply rule
            return x[0] == "regex" and bool(self.regex_rules[x[1]].whole)

        for layer in LAYERS:
            prefilter[layer] = minimal_keys(
                {k for k, p in keys.items() if any(x[0] == layer and not whole(x) for x in p)}
            )
        # the triggers of whole-reply rules flag only replies that could be judged whole (``text.whole_possible``;
        # see ``candidates``), and scan runs their automaton only on short replies
        prefilter[SHORT] = minimal_keys({k for k, p in keys.items() if any(whole(x) for x in p)})

        def tiny(x: tuple[str, int, int]) -> bool:  # a rule for replies of at most ``max_chars``
            return x[0] == "regex" and bool(self.regex_rules[x[1]].max_chars)

        prefilter[TINY] = minimal_keys({k for k, p in keys.items() if any(tiny(x) for x in p)})
        for layer in LAYERS:
            prefilter[layer] = [k for k in prefilter[layer] if not all(tiny(x) for x in keys[k] if x[0] == layer)]
        automata = []
        for short in (False, True):
            part = {k: tuple(x for x in p if (whole(x) or tiny(x)) == short) for k, p in keys.items()}
            part = {k: p for k, p in part.items() if p}
            automaton = None
            if part:
                automaton = ahocorasick.Automaton()
                for k, payload in part.items():
                    automaton.add_word(k, payload)
                automaton.make_automaton()
            automata.append(automaton)
        self._compiled = {
            "automaton": automata[0],
            "automaton_short": automata[1],
            "patterns": patterns,
            "wholes": wholes,
            "prefilter": prefilter,
            "prefilter_pattern": {},
            "prefilter_automaton": {},
        }
        return self._compiled

    # matching -----------------------------------------------------------------------------------------------------

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

    def match_all(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[list[Hit]]:
        """Every hit in every text, sorted by position (ties: lexicon before regex, then rule order)."""
        layers = _check_layers(layers)
        out: list[list[Hit]] = [[] for _ in texts]
        todo = self.candidates(texts, layers) if polars_fork_safe() else self.candidates_joined(texts, layers)
        for i in todo:
            out[i] = self.scan(texts[i], layers)
        return out

    def match(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[Hit | None]:
        """The first hit per text, or None."""
        return [hits[0] if hits else None for hits in self.match_all(texts, layers)]

    @staticmethod
    def _confirm(r: RegexRule, low: str, start: int) -> bool:
        """A regex match at ``start`` counts: at a clause start when the rule is anchored, in the first sentence when
        it is a lead rule."""
        if r.anchored and not at_clause_start(low, start):
            return False
        return not (r.lead and start >= first_sentence_end(low))

    def scan(self, text: str, layers: Sequence[str] = LAYERS, ignored: list[Hit] | None = None) -> list[Hit]:
        """All hits in one text (no prefilter): locate keys with the automaton, confirm, drop quoted/code hits
        (appended to ``ignored`` when given: the report shows them as near misses)."""
        comp = self._compile()
        if not text:
            return []
        low = lower_same_length(text)
        n = len(low)
        found: dict[tuple[str, int], tuple[int, int, int, int]] = {}  # (rule, start) -> (end, layer rank, order)
        wholes: dict[int, list[int]] = {}  # whole-reply rule -> its trigger positions
        automata = [comp["automaton"], comp["automaton_short"] if n <= WHOLE_MAX_CHARS else None]
        located = (hit for a in automata if a is not None for hit in a.iter(low))
        for end_idx, payload in located:
            for layer, idx, klen in payload:
                if layer not in layers:
                    continue
                start = end_idx - klen + 1
                if start > 0 and is_word(low[start - 1]) and is_word(low[start]):
                    continue
                if layer == "lexicon":
                    e = self.lexicon[idx]
                    end = end_idx + 1
                    if end < n and is_word(low[end_idx]) and is_word(low[end]):
                        continue
                    if e.anchored and not at_clause_start(low, start):
                        continue
                    found.setdefault((f"lexicon:{e.id}", start), (end, 0, idx, 0))
                else:
                    r = self.regex_rules[idx]
                    if r.max_chars and n > r.max_chars:
                        continue
                    if r.whole:  # a whole-reply shape: judged once, after the other rules (see below)
                        wholes.setdefault(idx, []).append(start)
                        continue
                    if r.search:  # the trigger is a word the match must contain: search its line around it
                        ws = max(low.rfind("\n", 0, start) + 1, start - 300)
                        we = low.find("\n", start)
                        we = min(n if we < 0 else we, start + 300)
                        for m in comp["patterns"][idx].finditer(low, ws, we):
                            if m.start() <= start < m.end() and self._confirm(r, low, m.start()):
                                found.setdefault((f"regex:{r.name}", m.start()), (m.end(), 1, idx, 0))
                        continue
                    if (f"regex:{r.name}", start) in found:
                        continue
                    m = comp["patterns"][idx].match(low, start)
                    if m is None or not self._confirm(r, low, start):
                        continue
                    found[(f"regex:{r.name}", start)] = (m.end(), 1, idx, 0)
        if not found and not wholes:
            return []
        zones = excluded_zones(low) if found else []
        hits = []
        covered: dict[str, int] = {}  # rule -> end of its last hit: one hit per overlapping run of one rule
        for (rule, start), (end, rank, idx, _) in sorted(found.items(), key=lambda kv: (kv[0][1], kv[1][1], kv[1][2])):
            if start < covered.get(rule, -1):
                continue
            covered[rule] = end
            kind = self.lexicon[idx].kind if rank == 0 else self.regex_rules[idx].kind
            hit = Hit(rule, LAYERS[rank], start, end, text[start:end], kind)
            if any(zs <= start < ze for zs, ze in zones):
                if ignored is not None:
                    ignored.append(hit)
                continue
            hits.append(hit)
        if wholes and not any(h.kind in ("refusal", "artefact") for h in hits):
            # the whole-reply shapes (redirect/lecture/premise only) are the fallback when no phrase names the act
            for idx in sorted(wholes):
                r = self.regex_rules[idx]
                if whole_reply(low, comp["patterns"][idx], comp["wholes"][idx], r.min_sentences, wholes[idx]):
                    end = len(text.rstrip())
                    hits.insert(0, Hit(f"regex:{r.name}", "regex", 0, end, text[:end], r.kind))  # starts at 0
                    break
        return hits


def _check_layers(layers: Sequence[str]) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    bad = [x for x in layers if x not in LAYERS]
    if bad:
        raise ValueError(f"unknown layer {bad[0]!r}; rule layers: {', '.join(LAYERS)}")
    return tuple(layers)
