"""Source converters: one pure function per upstream schema, ``(row, ref) -> Conversation``.

A converter raises ``RecordError(reason)`` for a row that cannot become a valid conversation; the
convert stage turns that into a ``schema:<reason>`` reject with the file and line. Every converter
ends in ``make_conversation``, so the trainer-validity rules live in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dolphin_data.errors import RecordError
from dolphin_data.model import ROLE_ALIASES, Conversation, Turn
from dolphin_data.registry import Registry


@dataclass(frozen=True, slots=True)
class RowRef:
    """Where a row came from: used to build its id when the row has none."""

    source: str
    line: int

    def make_id(self, upstream_id: Any = None) -> str:
        """``<source>:<upstream id>``, or ``<source>:<line>`` for rows without one (the convert stage
        renames a later repeat of an id, so ids stay unique within a source)."""
        if upstream_id is None or upstream_id == "":
            return f"{self.source}:{self.line}"
        if isinstance(upstream_id, bool) or not isinstance(upstream_id, str | int):
            raise RecordError("wrong_type", f"'id' is {type(upstream_id).__name__}, expected str or int")
        return f"{self.source}:{upstream_id}"


Converter = Callable[[Any, RowRef], Conversation]
CONVERTERS: Registry[Converter] = Registry("converter")
# converters whose upstream schema carries per-turn training flags (Agent-FLAN `loss`): a build that has one writes
# `train` on every turn of every file (where unknown, the trainer's default: assistant turns), so all share one schema
TRAIN_FLAGS = frozenset({"agent_flan"})


def optional(row: Any, key: str, kind: type | tuple[type, ...] = str) -> Any:
    """``row[key]`` or None when absent/null; a present value of the wrong type is still an error."""
    if not isinstance(row, Mapping) or row.get(key) is None:
        return None
    return require(row, key, kind)


def require(row: Any, key: str, kind: type | tuple[type, ...] = str) -> Any:
    """``row[key]`` with a reason code when the row is not an object, the key is missing or the type is wrong."""
    if not isinstance(row, Mapping):
        raise RecordError("not_an_object", f"expected a JSON object, got {type(row).__name__}")
    if key not in row:
        raise RecordError("missing_key", f"no {key!r}; keys present: {sorted(row)[:12]}")
    if row[key] is None:
        raise RecordError("null_value", f"{key!r} is null")
    value = row[key]
    if not isinstance(value, kind):
        want = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise RecordError("wrong_type", f"{key!r} is {type(value).__name__}, expected {want}")
    return value


def normalise_role(raw: Any) -> str:
    if not isinstance(raw, str):
        raise RecordError("wrong_type", f"role is {type(raw).__name__}, expected str")
    role = ROLE_ALIASES.get(raw.strip().lower())
    if role is None:
        raise RecordError("unknown_role", f"role {raw!r}; known: {', '.join(sorted(ROLE_ALIASES))}")
    return role


def make_conversation(
    turns: Sequence[Turn],
    conv_id: str,
    source: str,
    metadata: Mapping[str, Any] | None = None,
    *,
    drop_empty_system: bool = False,
) -> Conversation:
    """Validate turns against what the trainer accepts and build the Conversation.

    Rules (each a reason code): empty_turn, system_not_first, too_few_turns, not_alternating,
    first_not_human, last_not_gpt. An empty system turn is an error unless the schema is known to
    carry placeholder system turns (OpenHermes), where ``drop_empty_system`` removes it: Axolotl would
    otherwise render an empty system block.
    """
    kept: list[Turn] = []
    for i, t in enumerate(turns):
        if t.role == "system" and not t.text.strip():
            if drop_empty_system:
                continue
            raise RecordError("empty_turn", f"turn {i} (system) is empty")
        if not t.text.strip():
            raise RecordError("empty_turn", f"turn {i} ({t.role}) is empty")
        if t.role == "system" and kept:
            raise RecordError("system_not_first", f"system turn at index {i}")
        kept.append(t)
    body = kept[1:] if kept and kept[0].role == "system" else kept
    if len(body) < 2:
        raise RecordError("too_few_turns", f"{len(body)} human/gpt turn(s); need a human turn and a gpt turn")
    if body[0].role != "human":
        raise RecordError("first_not_human", f"first turn after the system prompt is {body[0].role!r}")
    for i in range(1, len(body)):
        if body[i].role == body[i - 1].role:
            raise RecordError("not_alternating", f"two {body[i].role!r} turns in a row at turn {i}")
    if body[-1].role != "gpt":
        raise RecordError("last_not_gpt", f"last turn is {body[-1].role!r}; a training sample must end with gpt")
    return Conversation(conv_id, source, tuple(kept), dict(metadata or {}))


def turns_from_list(
    items: Any, role_key: str, text_key: str, train_key: str | None = None, field: str = "conversations"
) -> list[Turn]:
    if not isinstance(items, list):
        raise RecordError("wrong_type", f"{field!r} is {type(items).__name__}, expected list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise RecordError("wrong_type", f"{field}[{i}] is {type(item).__name__}, expected object")
        if role_key not in item:
            raise RecordError("missing_key", f"{field}[{i}] has no {role_key!r}; keys: {sorted(item)}")
        if text_key not in item:
            raise RecordError("missing_key", f"{field}[{i}] has no {text_key!r}; keys: {sorted(item)}")
        text = item[text_key]
        if text is None:
            raise RecordError("null_value", f"{field}[{i}].{text_key} is null")
        if not isinstance(text, str):
            raise RecordError("wrong_type", f"{field}[{i}].{text_key} is {type(text).__name__}, expected str")
        train = item.get(train_key) if train_key else None
        if train is not None and not isinstance(train, bool):
            raise RecordError("wrong_type", f"{field}[{i}].{train_key} is {type(train).__name__}, expected bool")
        out.append(Turn(normalise_role(item[role_key]), text, train))
    return out


# Registration happens on import: explicit imports, no star-imports.
from dolphin_data.converters import chat, instruct, later  # noqa: E402,F401
