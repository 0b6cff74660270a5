"""Structure rule (a safety net: the converters already enforce most of it): reasons ``system:structure:<code>``.

A conversation passes when it has exactly one non-empty system turn, at index 0 (optional when ``require_system``
is off), then human/gpt turns alternating from human, ending with gpt, none empty. A problem found walking the
turns (unknown role, system turn not first or repeated, empty system or other turn) wins, the first in turn order;
then the whole-conversation checks in this order: missing system, too few turns, first turn not human, not
alternating, last turn not gpt. ``structure_batch`` decides every conversation of a batch with numpy over the turn
columns; ``structure`` is the same call on one conversation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dolphin_data.model import Conversation
from dolphin_data.systemchat.base import GPT, HUMAN, OTHER, SYSTEM, Finding, TurnColumns, Turns, first_per_owner

STRUCTURE_CODES = (
    "missing_system",
    "empty_system",
    "system_not_first",
    "multiple_system",
    "unknown_role",
    "empty_turn",
    "too_few_turns",
    "first_not_human",
    "not_alternating",
    "last_not_gpt",
)
CODE = {c: i for i, c in enumerate(STRUCTURE_CODES)}
NO_TURN = -1  # the finding concerns the whole conversation


def empty_mask(texts: Sequence[str]) -> np.ndarray:
    """Which texts are empty or whitespace only (``str.isspace``: the same test as ``not text.strip()``)."""
    return np.fromiter((not t or t.isspace() for t in texts), bool, len(texts))


def structure_batch(
    batch: Sequence[Conversation] | TurnColumns, require_system: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Per conversation: the index in ``STRUCTURE_CODES`` of its problem (-1: none) and the turn (``NO_TURN``)."""
    cols = Turns.of(batch)
    n = len(cols)
    codes = np.full(n, -1, np.int64)
    turns = np.full(n, NO_TURN, np.int64)
    if n == 0:
        return codes, turns
    roles = cols.roles.astype(np.int64)
    lens = cols.lengths()
    owner, tidx = cols.owner(), cols.turn_index()
    empty = empty_mask(cols.texts)
    is_sys = roles == SYSTEM
    # system turns seen so far in the conversation, this one included
    sys_seen = np.cumsum(is_sys) - np.repeat(np.concatenate(([0], np.cumsum(is_sys)))[cols.offsets[:-1]], lens)

    # problems found while walking the turns, in the order the per-turn checks apply
    per_turn = np.full(len(roles), -1, np.int64)
    late_sys = is_sys & (tidx != 0)
    per_turn[empty & ~is_sys] = CODE["empty_turn"]
    per_turn[is_sys & empty] = CODE["empty_system"]
    per_turn[late_sys] = np.where(sys_seen[late_sys] > 1, CODE["multiple_system"], CODE["system_not_first"])
    per_turn[roles == OTHER] = CODE["unknown_role"]
    convs, first = first_per_owner(np.flatnonzero(per_turn >= 0), owner)
    codes[convs] = per_turn[first]
    turns[convs] = tidx[first]

    # whole-conversation checks, for conversations without a per-turn problem; the first one that applies wins
    start = cols.offsets[:-1]
    has_sys = lens > 0
    has_sys[has_sys] = roles[start[has_sys]] == SYSTEM
    body = has_sys.astype(np.int64)
    ok = codes < 0

    def flag(mask: np.ndarray, code: str, turn: np.ndarray | int) -> None:
        hit = ok & mask
        codes[hit] = CODE[code]
        turns[hit] = turn[hit] if isinstance(turn, np.ndarray) else turn
        ok[hit] = False

    if require_system:
        flag(~has_sys, "missing_system", np.where(lens > 0, 0, NO_TURN))
    flag(lens - body < 2, "too_few_turns", NO_TURN)
    if not ok.any():
        return codes, turns
    first_body = np.minimum(start + body, len(roles) - 1)
    flag(roles[first_body] != HUMAN, "first_not_human", body)
    repeat = np.zeros(len(roles), bool)
    repeat[1:] = roles[1:] == roles[:-1]
    repeat &= tidx > body[owner]
    convs, first = first_per_owner(np.flatnonzero(repeat), owner)
    alternating_at = np.full(n, NO_TURN, np.int64)
    alternating_at[convs] = tidx[first]
    flag(alternating_at >= 0, "not_alternating", alternating_at)
    last = np.maximum(cols.offsets[1:] - 1, 0)
    flag(roles[last] != GPT, "last_not_gpt", lens - 1)
    return codes, turns


def finding_of(code: int, turn: int, roles: Sequence[str] | None = None) -> Finding:
    """The ``Finding`` for one conversation's ``structure_batch`` result (``roles``: its turn roles, for detail)."""
    name = STRUCTURE_CODES[code]
    detail = {"role": roles[turn]} if name == "unknown_role" and roles is not None else {}
    return Finding(f"system:structure:{name}", None if turn == NO_TURN else turn, detail=detail)


def structure(conv: Conversation, require_system: bool = True) -> Finding | None:
    """The conversation's structure problem, or None (``structure_batch`` on one conversation)."""
    codes, turns = structure_batch([conv], require_system)
    if codes[0] < 0:
        return None
    return finding_of(int(codes[0]), int(turns[0]), [t.role for t in conv.turns])
