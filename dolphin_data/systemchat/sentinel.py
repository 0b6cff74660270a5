"""Sentinel rule: no generator sentinel (SystemChat's ``<<||END||>>`` and its kin) and no chat-template control
token (which would corrupt the ChatML rendering if it reached the trainer as text) in any turn. Reason
``system:sentinel``, with the span of the first one in turn order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from dolphin_data.model import Conversation
from dolphin_data.systemchat.base import Finding, TurnColumns, Turns, first_per_owner, scan

SENTINEL_RE = re.compile(
    r"<<\s*\|\|?\s*[A-Za-z_]{2,20}\s*\|?\|\s*>>"  # <<||END||>>, << |END| >>, <<||STOP||>>
    r"|<\|(?:im_start|im_end|endoftext|end_of_text|begin_of_text|eot_id|start_header_id|end_header_id)\|>"
)
SENTINEL_TRIGGER = r"<<|<\|"  # every sentinel contains one of these (Rust regex, for the polars prefilter)


def sentinel_batch(batch: Sequence[Conversation] | TurnColumns) -> dict[int, tuple[int, int, int]]:
    """First sentinel per conversation index: ``(turn, start, end)``."""
    cols = Turns.of(batch)
    hits = scan(SENTINEL_RE, cols.texts, SENTINEL_TRIGGER)
    flat = np.asarray(sorted(hits), np.int64)
    convs, first = first_per_owner(flat, cols.owner())
    tidx = cols.turn_index()
    return {int(c): (int(tidx[k]), *hits[k][0]) for c, k in zip(convs.tolist(), first.tolist(), strict=True)}


def sentinel(conv: Conversation) -> Finding | None:
    """The first sentinel of the conversation, or None."""
    found = sentinel_batch([conv]).get(0)
    return None if found is None else Finding("system:sentinel", *found)
