"""The refusal lexicon file: one phrase a line (``^`` = must start a sentence/clause, `` # note`` = provenance),
``#@kind <kind>`` sections, ``# version: N``. ``load_lexicon`` parses it; ``rules.RuleSet`` matches it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

KINDS = ("refusal", "boilerplate", "moralizing", "artefact")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    id: str
    phrase: str  # lowercase, without the "^"
    anchored: bool  # must start a sentence/clause
    kind: str
    note: str  # provenance comment
    line: int


def entry_id(phrase: str) -> str:
    """``"As an AI language model"`` -> ``"as_an_ai_language_model"`` (runs of characters other than letters,
    digits and hyphens -> ``_``)."""
    return re.sub(r"[^0-9a-z\-\u00c0-\uffff]+", "_", phrase.lower()).strip("_") or "entry"


def load_lexicon(path: str | Path) -> tuple[int, list[LexiconEntry]]:
    """Parse a lexicon file: ``(version, entries)``. Bad lines raise ``ValueError`` naming file and line."""
    path = Path(path)
    version = 0
    kind = "refusal"
    entries: list[LexiconEntry] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#@kind"):
            kind = line.split(None, 1)[1].strip() if len(line.split()) > 1 else ""
            if kind not in KINDS:
                raise ValueError(f"{path}:{n}: unknown kind {kind!r}; valid: {', '.join(KINDS)}")
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\d+)", line)
            if m:
                version = int(m.group(1))
            continue
        phrase, _, note = line.partition(" #")
        phrase = phrase.strip().lower()
        anchored = phrase.startswith("^")
        phrase = phrase.lstrip("^").strip()
        if len(phrase) < 3:
            raise ValueError(f"{path}:{n}: entry {phrase!r} is too short to be a refusal phrase")
        eid = entry_id(phrase)
        if eid in seen:
            raise ValueError(f"{path}:{n}: entry {phrase!r} duplicates line {seen[eid]} (same id {eid!r})")
        seen[eid] = n
        entries.append(LexiconEntry(eid, phrase, anchored, kind, note.strip(), n))
    return version, entries
