"""Where a reply is a script: the characters' lines are quotations, not the assistant speaking ("GUARD: I cannot let
you in." is the guard's). Two layouts:

- dialogue lines, a name in capitals and a colon: two or more "GUARD: ..." or "**HAL:** ..." lines;
- screenplay cues, a name in capitals alone on its line (a stage direction in parentheses may follow it: "**VINCENT**
  *(pouring two glasses)*"), whose speech runs to the next cue, a rule ("---") or the end: two or more cues, or one
  with a stage direction on its line or in its speech. A heading in capitals ("**WARNING**") followed by prose has
  neither, and stays the assistant's."""

from __future__ import annotations

import re

_SCRIPT_LINE = re.compile(r"^[ \t]*[*_]{0,2}[A-Z][A-Z0-9 .'\-]{0,30}[*_]{0,2}:[*_]{0,2}[^\n]*$", re.M)
_DIRECTION = r"[*_]{0,2}\([^)\n]{1,160}\)[.!]?[*_]{0,2}"
_CUE_LINE = re.compile(
    r"^[ \t]*[*_]{0,2}[A-Z][A-Z0-9.'\-]+(?: [A-Z0-9.'\-]+){0,3}[*_]{0,2}[ \t]*(" + _DIRECTION + r")?[ \t]*$", re.M
)
_DIRECTION_LINE = re.compile(r"^[ \t]*" + _DIRECTION + r"[ \t]*$", re.M)
_RULE_LINE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)


def _cue_zones(text: str) -> list[tuple[int, int]]:
    cues = list(_CUE_LINE.finditer(text))
    if not cues:
        return []
    stops = sorted([m.start() for m in cues[1:]] + [m.start() for m in _RULE_LINE.finditer(text)] + [len(text)])
    zones, directed = [], False
    for m in cues:
        end = next(s for s in stops if s > m.end())
        zones.append((m.end(), end))
        directed = directed or bool(m.group(1)) or bool(_DIRECTION_LINE.search(text, m.end(), end))
    return zones if len(cues) >= 2 or directed else []


def script_zones(text: str) -> list[tuple[int, int]]:
    """The characters' lines of a script (see the module docstring), in the original text's offsets."""
    script = [m.span() for m in _SCRIPT_LINE.finditer(text)] if ":" in text else []
    zones = script if len(script) >= 2 else []
    return zones + _cue_zones(text) if "\n" in text else zones
