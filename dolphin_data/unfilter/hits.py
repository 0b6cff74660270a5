"""What a rule match is (``Hit``), and the small text and key helpers the rule matcher (``rules.py``) uses."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any

_IMPORT_PID = os.getpid()


def polars_fork_safe() -> bool:
    """False in a process forked (executor pool) from a parent that had already imported polars: polars' thread
    pool does not survive fork() and calls in the child can deadlock. Then the prefilter falls back to one
    (fork-safe) pyahocorasick pass over the joined batch (``RuleSet.candidates_joined``); results are identical,
    only slower."""
    return os.getpid() == _IMPORT_PID or "polars" not in sys.modules


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule match. ``start``/``end`` index the original text; ``text`` is ``original[start:end]``."""

    rule: str  # "lexicon:as_an_ai_language_model", "regex:cannot_assist"
    layer: str  # "lexicon" | "regex" | "classifier"
    start: int
    end: int
    text: str
    kind: str = "refusal"  # refusal | boilerplate | moralizing | artefact

    @property
    def reason(self) -> str:
        return f"refusal:{self.rule}"

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "start": self.start, "end": self.end, "text": self.text}


def variants(key: str) -> list[str]:
    out = [key]
    if "'" in key:
        out.append(key.replace("'", "\u2019"))
    return out


def is_word(c: str) -> bool:
    """A letter/digit of a space-separated script (CJK and kana have no word boundaries: never a word char)."""
    return (c.isalnum() or c == "_") and not "\u2e80" <= c <= "\uffef"


def first_sentence_end(low: str) -> int:
    m = _SENT_END.search(low)
    return m.end() if m else len(low)


_SENT_END = re.compile(r"[.!?\u3002\uff01\uff1f](?=\s|$)|\n")


def minimal_keys(keys: set[str]) -> list[str]:
    """Drop every key that contains a shorter key: a text holding it is flagged by the shorter one anyway.
    Fewer keys make the prefilter expression smaller and faster."""
    kept: list[str] = []
    for k in sorted(keys, key=lambda k: (len(k), k)):
        if not any(s in k for s in kept):
            kept.append(k)
    return sorted(kept)


_RUST_META = set("\\.+*?()|[]{}^$#&-~")


def rust_escape(key: str) -> str:
    """A literal for Rust's regex syntax (only its metacharacters are escaped)."""
    return "".join("\\" + c if c in _RUST_META else c for c in key)


def curly(pattern: str) -> str:
    """``pattern`` with every straight apostrophe also matching a curly one (’): ``'`` becomes ``['’]``, and inside
    a character class ``'’`` (``[\\w' -]`` stays one class)."""
    out, in_class, escaped = [], False, False
    for c in pattern:
        if escaped:
            out.append(c)
            escaped = False
        elif c == "\\":
            out.append(c)
            escaped = True
        elif c == "'":
            out.append("'\u2019" if in_class else "['\u2019]")
        else:
            if c == "[" and not in_class:
                in_class = True
            elif c == "]" and in_class and out and out[-1] != "[":
                in_class = False
            out.append(c)
    return "".join(out)
