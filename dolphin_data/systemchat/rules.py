"""The SystemConversations rules, one module per family, gathered here in the order the stage runs them.

Reason codes (shared CLI.md): ``system:structure:<code>`` (``structure``), ``system:sentinel`` (``sentinel``),
``system:leak`` (``leak``, patterns in ``leak_patterns``; repair in ``repair``), ``system:directive:<kind>``
(``directives``, patterns in ``directive_patterns``). Each family has a batch function over the turn columns of a
whole batch (``structure_batch``, ``sentinel_batch``, ``leak_hits`` / ``leak_batch``, ``check_directives_batch``)
and a per-conversation function that is the same call on one conversation (``structure``, ``sentinel``, ``leak``,
``directives``), so the readable definition and the stage can never disagree.
"""

from __future__ import annotations

from dolphin_data.systemchat.base import Finding, Turns, scan, scan_batch
from dolphin_data.systemchat.directive_patterns import DIRECTIVE_KINDS
from dolphin_data.systemchat.directives import (
    Directive,
    check_directives_batch,
    check_mechanical,
    count_words,
    directives,
    parse_directives,
    parse_directives_batch,
    strip_code,
)
from dolphin_data.systemchat.leak import (
    LEAK_RE,
    LEAK_RES,
    LeakHit,
    leak,
    leak_batch,
    leak_hits,
    leak_pattern_names,
    text_leaks,
    user_asked,
    user_asked_before,
)
from dolphin_data.systemchat.repair import Repair, repair_text, sentence_spans
from dolphin_data.systemchat.sentinel import SENTINEL_RE, sentinel, sentinel_batch
from dolphin_data.systemchat.structure import STRUCTURE_CODES, structure, structure_batch

__all__ = [
    "DIRECTIVE_KINDS", "Directive", "Finding", "LEAK_RE", "LEAK_RES", "LeakHit", "Repair", "SENTINEL_RE",
    "STRUCTURE_CODES", "Turns", "check_directives_batch", "check_mechanical", "count_words", "directives", "leak",
    "leak_batch", "leak_hits", "leak_pattern_names", "parse_directives", "parse_directives_batch", "repair_text",
    "scan", "scan_batch", "sentence_spans", "sentinel", "sentinel_batch", "strip_code", "structure",
    "structure_batch", "text_leaks", "user_asked", "user_asked_before",
]  # fmt: skip
