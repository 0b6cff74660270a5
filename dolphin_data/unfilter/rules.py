"""Refusal rules: a phrase lexicon and named regex rules, matched in one pass over a batch of texts.

``RuleSet.default().match(texts)`` returns, per text, the first ``Hit`` (or None); ``match_all`` returns every
hit. Rules are named, and the name is the reject reason: ``lexicon:<entry id>`` or ``regex:<rule name>``.

How a batch is matched (the hot path never loops over patterns in Python):

1. **Prefilter and locate, one pass.** Every lexicon phrase and regex *trigger* literal is a key of one Hyperscan
   literal database (``locate.py``); the batch, lowercased (length-preserving, so offsets are the caller's offsets)
   and joined, is scanned once, and every key occurrence comes back with its text and position. Most assistant
   replies hold no key that can fire and are done here. Without Hyperscan (``prefilter.py``): one polars pass over
   an alternation of the keys (or, where polars is not fork-safe, a pyahocorasick pass over the joined batch) flags
   texts, and each flagged text is run through a pyahocorasick automaton of the same keys. The hits are the same.
2. **Confirm.** A lexicon occurrence is a hit if it sits on word boundaries (and, for ``^`` entries, at the
   start of a sentence or clause). A trigger occurrence runs its rule's compiled regex *anchored at that
   position* (``pattern.match(text, pos)``), so each regex is tried only where it can start; for a ``search``
   rule the trigger is a rarer word the match contains, and the regex is searched in the line around it.
3. **Context.** Hits that start inside fenced or inline code, a quotation or a markdown block quote are
   dropped: a refusal quoted in a story, a test string or a discussion is not the assistant refusing.
   (A quotation that spans the whole reply does not count: some corpora wrap every reply in quotes.)
4. **Whole-reply shapes.** A rule with ``whole`` set (``rule_data_v4``: only redirects / hedges / asks why / rejects
   a premise, or only lectures; with ``whole_share``, mostly: ``share.py``) is judged once per reply, on all its
   prose sentences (``text.whole_reply``), and only when no other refusal rule fired: a named phrase names it first.

Rule data lives in the ``rule_data*.py`` modules (``rule_data_acts.REGEX_RULES`` gathers them); code/quotation
zones, clause starts and the whole-reply check in ``text.py``; the lexicon file's parser in ``lexicon.py``.
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
    curly,
    first_sentence_end,
    is_word,
    minimal_keys,
    polars_fork_safe,
    variants,
)
from dolphin_data.unfilter.lexicon import LexiconEntry, load_lexicon
from dolphin_data.unfilter.lexicon import entry_id as entry_id  # re-exported
from dolphin_data.unfilter.locate import NO_LIMIT, SEARCH_REACH, Locator, Payload, rule_reach
from dolphin_data.unfilter.locate import available as locate_available
from dolphin_data.unfilter.prefilter import LAYERS, SHORT, TINY, Prefilter
from dolphin_data.unfilter.prompt import PROMPT_DEPENDENT
from dolphin_data.unfilter.rule_data import RegexRule
from dolphin_data.unfilter.rule_data_acts import REGEX_RULES
from dolphin_data.unfilter.script import script_zones
from dolphin_data.unfilter.sympathy import sympathy_only
from dolphin_data.unfilter.text import (
    OPENING_MAX_CHARS,
    WHOLE_MAX_CHARS,
    at_clause_start,
    early,
    excluded_zones,
    lower_same_length,
    opening_head,
    sentence_end,
    sentence_start,
    unanswered_after,
    whole_possible,
    whole_reply,
)

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "assets" / "refusal_lexicon.txt"


# -- the rule set ----------------------------------------------------------------------------------------------------


# the whole-reply rules: a reject is named after a phrase, then a shape the user's turn could exempt, then these
WHOLE_RULES = frozenset(f"regex:{r.name}" for r in REGEX_RULES if r.whole)


class RuleSet(Prefilter):
    """The lexicon and regex layers, compiled lazily (so a stage holding one pickles small and cheap)."""

    use_hyperscan = True  # False: the polars / pyahocorasick path even where Hyperscan is installed (tests)

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
        patterns = [re.compile(curly(r.pattern)) for r in self.regex_rules]
        wholes = [re.compile(curly(r.whole)) if r.whole else None for r in self.regex_rules]
        prefilter: dict[Any, list[str]] = {}

        def whole(x: tuple[str, int, int]) -> bool:  # a whole-reply rule (a share rule also judges lists, numbers)
            return x[0] == "regex" and bool(self.regex_rules[x[1]].whole) and self.regex_rules[x[1]].whole_share >= 1

        def tiny(x: tuple[str, int, int]) -> bool:  # a rule for replies of at most ``max_chars``
            return x[0] == "regex" and bool(self.regex_rules[x[1]].max_chars)

        # a layer's keys minus those only its short-reply rules use (TINY), made minimal after that: a short key of
        # a TINY rule ("no") must not stand in for the longer keys holding it ("my knowledge") on long replies
        for layer in LAYERS:
            prefilter[layer] = minimal_keys(
                {k for k, p in keys.items() if any(x[0] == layer and not whole(x) and not tiny(x) for x in p)}
            )
        # the triggers of whole-reply rules flag only replies that could be judged whole (``text.whole_possible``;
        # see ``candidates``), and scan runs their automaton only on short replies
        prefilter[SHORT] = minimal_keys({k for k, p in keys.items() if any(whole(x) for x in p)})
        prefilter[TINY] = minimal_keys({k for k, p in keys.items() if any(tiny(x) for x in p)})
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
            "keys": keys,
            "locator": None,
            "automaton": automata[0],
            "automaton_short": automata[1],
            "patterns": patterns,
            "wholes": wholes,
            "prefilter": prefilter,
            "prefilter_pattern": {},
            "prefilter_automaton": {},
            "reach": [rule_reach(r) for r in self.regex_rules],
            "fallback": frozenset(f"regex:{r.name}" for r in self.regex_rules if r.fallback),
        }
        return self._compiled

    # matching -----------------------------------------------------------------------------------------------------

    def scan_batch(
        self, texts: Sequence[str], layers: Sequence[str] = LAYERS, ignored: list[list[Hit]] | None = None
    ) -> list[list[Hit]]:
        """Every hit in every text: with Hyperscan, one pass over the batch prefilters and locates the keys
        (``locate.py``) and only the texts holding a key that can fire are confirmed; without it, the polars (or
        joined pyahocorasick) prefilter, then ``scan`` per flagged text. Both give the same hits."""
        layers = _check_layers(layers)
        out: list[list[Hit]] = [[] for _ in texts]
        if not texts or not layers:
            return out
        if self._use_locator():
            for i, (low, found) in self._locator().locate(texts).items():
                if self._can_fire(found, low, layers):
                    out[i] = self.scan(texts[i], layers, None if ignored is None else ignored[i], (low, found))
            return out
        todo = self.candidates(texts, layers) if polars_fork_safe() else self.candidates_joined(texts, layers)
        for i in todo:
            out[i] = self.scan(texts[i], layers, None if ignored is None else ignored[i])
        return out

    def _use_locator(self) -> bool:
        return self.use_hyperscan and locate_available()

    def _locator(self) -> Locator:
        comp = self._compile()
        if comp["locator"] is None:
            reach = {  # per key, each of its rules' reach (a lexicon phrase counts anywhere)
                k: tuple(comp["reach"][idx] if layer == "regex" else (NO_LIMIT, NO_LIMIT) for layer, idx, _ in p)
                for k, p in comp["keys"].items()
            }
            comp["locator"] = Locator(comp["keys"], reach)
        return comp["locator"]

    def _can_fire(self, found: list[tuple[int, Payload]], low: str, layers: Sequence[str]) -> bool:
        """What the prefilter asks (``candidates``): a key of a wanted layer within its rule's reach (``rule_reach``),
        where a whole-reply rule's key counts only in a reply ``text.whole_possible`` admits (``scan`` skips the
        others)."""
        whole_ok: bool | None = None
        reach = self._compile()["reach"]
        for end, payload in found:
            for layer, idx, klen in payload:
                if layer not in layers:
                    continue
                if layer == "regex":
                    longest, furthest = reach[idx]
                    if len(low) > longest or end - klen + 1 > furthest:
                        continue
                    if self.regex_rules[idx].whole and self.regex_rules[idx].whole_share >= 1:
                        if whole_ok is None:
                            whole_ok = whole_possible(low)
                        if not whole_ok:
                            continue
                return True
        return False

    def match_all(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[list[Hit]]:
        """Every hit in every text, sorted by position (ties: lexicon before regex, then rule order)."""
        return self.scan_batch(texts, layers)

    def match(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[Hit | None]:
        """The first hit per text (a shape the user's turn could exempt, ``prompt.PROMPT_DEPENDENT``, after the
        rest), or None."""
        return [
            min(hits, key=lambda h: h.rule in PROMPT_DEPENDENT) if hits else None
            for hits in self.match_all(texts, layers)
        ]

    @staticmethod
    def _confirm(r: RegexRule, low: str, start: int, end: int) -> bool:
        """A match at ``start`` counts where its rule's flags (``RegexRule``) allow it: anchored, opening, unanswered,
        early, after_sympathy, lead."""
        if r.anchored and not at_clause_start(low, start):
            return False
        # an anchored opening rule starts after the greetings; another sits anywhere in the first sentence after them
        if r.opening and not opening_head(low[: start if r.anchored else sentence_start(low, start)]):
            return False
        if (r.early and not early(low, start)) or (r.after_sympathy and not sympathy_only(low[:start])):
            return False
        if r.lead and start >= first_sentence_end(low):
            return False
        return not (r.unanswered and not unanswered_after(low, end))  # the costliest test last

    def scan(
        self,
        text: str,
        layers: Sequence[str] = LAYERS,
        ignored: list[Hit] | None = None,
        located: tuple[str, list[tuple[int, Payload]]] | None = None,
    ) -> list[Hit]:
        """All hits in one text (no prefilter): locate keys with the automaton (or take ``located``: the lowered
        text and its key occurrences from ``locate.py``), confirm, drop quoted/code hits (appended to ``ignored``
        when given: the report shows them as near misses)."""
        comp = self._compile()
        if not text:
            return []
        if located is None:
            low = lower_same_length(text)
            automata = [comp["automaton"], comp["automaton_short"] if len(low) <= WHOLE_MAX_CHARS else None]
            occurrences: Iterable[tuple[int, Payload]] = (hit for a in automata if a is not None for hit in a.iter(low))
        else:
            low, occurrences = located
        n = len(low)
        found: dict[tuple[str, int], tuple[int, int, int, int]] = {}  # (rule, start) -> (end, layer rank, order)
        wholes: dict[int, list[int]] = {}  # whole-reply rule -> its trigger positions
        for end_idx, payload in occurrences:
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
                        if n <= WHOLE_MAX_CHARS:
                            wholes.setdefault(idx, []).append(start)
                        continue
                    if r.opening and start > OPENING_MAX_CHARS + 200:  # past any opening (its match holds the trigger)
                        continue
                    if r.search and r.opening and r.anchored:  # the match starts the opening sentence holding it
                        ss = sentence_start(low, start)
                        if ss > OPENING_MAX_CHARS:  # past any opening (``opening_head`` of what precedes it fails)
                            continue
                        while ss < start and not low[ss].isalnum():  # spaces, an emoji, a dash, markup
                            ss += 1
                        m = comp["patterns"][idx].match(low, ss)
                        if m is not None and ss <= start < m.end() and self._confirm(r, low, ss, m.end()):
                            found.setdefault((f"regex:{r.name}", ss), (m.end(), 1, idx, 0))
                        continue
                    if r.search:  # the trigger is a word the match must contain: search its line around it
                        ws = max(low.rfind("\n", 0, start) + 1, start - SEARCH_REACH)
                        we = low.find("\n", start)
                        we = min(n if we < 0 else we, start + SEARCH_REACH)
                        if r.opening or r.after_sympathy:  # only in the sentence holding the trigger, after ...
                            ws, we = max(ws, sentence_start(low, start)), min(we, sentence_end(low, start))
                            if not (opening_head if r.opening else sympathy_only)(low[:ws]):
                                continue
                        for m in comp["patterns"][idx].finditer(low, ws, we):
                            if m.start() <= start < m.end() and self._confirm(r, low, m.start(), m.end()):
                                found.setdefault((f"regex:{r.name}", m.start()), (m.end(), 1, idx, 0))
                        continue
                    if (f"regex:{r.name}", start) in found:
                        continue
                    m = comp["patterns"][idx].match(low, start)
                    if m is None or not self._confirm(r, low, start, m.end()):
                        continue
                    found[(f"regex:{r.name}", start)] = (m.end(), 1, idx, 0)
        if not found and not wholes:
            return []
        zones = excluded_zones(low) + script_zones(text) if found else []
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
        fallback = comp["fallback"]
        if any(h.rule in fallback for h in hits) and any(
            h.kind == "refusal" and h.rule not in fallback and h.rule not in PROMPT_DEPENDENT for h in hits
        ):  # a specific rule names the refusal (one the user's turn may exempt does not count: it may not stand)
            hits = [h for h in hits if h.rule not in fallback]
        if wholes and not any(h.kind in ("refusal", "artefact") and h.rule not in PROMPT_DEPENDENT for h in hits):
            # the whole-reply shapes (redirect/lecture/premise only) are the fallback when no phrase names the act
            # (a rule the user's turn may exempt does not count: it may not stand)
            for idx in sorted(wholes):
                r = self.regex_rules[idx]
                pat, core = comp["patterns"][idx], comp["wholes"][idx]
                if whole_reply(low, pat, core, r.min_sentences, wholes[idx], share=r.whole_share, units=r.share_units):
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
