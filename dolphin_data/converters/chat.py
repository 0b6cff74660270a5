"""Converters for multi-turn chat schemas (ShareGPT ``from/value`` and messages ``role/content`` families)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dolphin_data.converters import CONVERTERS, RowRef, make_conversation, require, turns_from_list
from dolphin_data.errors import RecordError
from dolphin_data.model import Conversation, Turn

OPENHERMES_METADATA = ("source", "category", "model", "model_name", "language", "topic", "title")


def _sharegpt_turns(row: Any, field: str = "conversations") -> list[Turn]:
    items = require(row, field, list)
    # Axolotl accepts role/content or role/text inside a ShareGPT list when the first turn uses them.
    first = items[0] if items and isinstance(items[0], Mapping) else {}
    role_key = "from" if "from" in first else "role"
    text_key = next((k for k in ("value", "content", "text") if k in first), "value")
    return turns_from_list(items, role_key, text_key, train_key="train", field=field)


@CONVERTERS.register("sharegpt")
def sharegpt(row: Any, ref: RowRef) -> Conversation:
    """ShareGPT {"id"?, "conversations": [{"from", "value", "train"?}]}; roles human/gpt/system (aliases normalised)."""
    return make_conversation(_sharegpt_turns(row), ref.make_id(row.get("id")), ref.source)


@CONVERTERS.register("messages")
def messages(row: Any, ref: RowRef) -> Conversation:
    """Messages {"id"?, "messages": [{"role", "content", "train"?}]}; roles user/assistant/system."""
    items = require(row, "messages", list)
    turns = turns_from_list(items, "role", "content", train_key="train", field="messages")
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source)


@CONVERTERS.register("samantha")
def samantha(row: Any, ref: RowRef) -> Conversation:
    """samantha-data JSON array of {"id", "conversations": [{"from": human|gpt, "value"}]} (Vicuna ShareGPT)."""
    return sharegpt(row, ref)


@CONVERTERS.register("ultrachat")
def ultrachat(row: Any, ref: RowRef) -> Conversation:
    """HuggingFaceH4/ultrachat_200k parquet {"prompt", "prompt_id", "messages": [{"content", "role"}]}."""
    items = require(row, "messages", list)
    prompt_id = row.get("prompt_id")
    turns = turns_from_list(items, "role", "content", field="messages")
    meta = {"prompt_id": prompt_id} if prompt_id else {}
    return make_conversation(turns, ref.make_id(prompt_id), ref.source, meta)


@CONVERTERS.register("code_feedback")
def code_feedback(row: Any, ref: RowRef) -> Conversation:
    """m-a-p/Code-Feedback {"id": int, "messages": [{"role": user|assistant, "content"}]}, multi-turn."""
    items = require(row, "messages", list)
    turns = turns_from_list(items, "role", "content", field="messages")
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source)


@CONVERTERS.register("openhermes")
def openhermes(row: Any, ref: RowRef) -> Conversation:
    """teknium/OpenHermes-2.5 {"conversations": [{"from", "value", "weight"}], "source", "category", ...}; empty system turns dropped."""
    turns = _sharegpt_turns(row)
    meta = {k: row[k] for k in OPENHERMES_METADATA if row.get(k) not in (None, "")}
    upstream_id = row.get("id") or row.get("hash")
    return make_conversation(turns, ref.make_id(upstream_id), ref.source, meta, drop_empty_system=True)


@CONVERTERS.register("systemchat")
def systemchat(row: Any, ref: RowRef) -> Conversation:
    """SystemChat: ShareGPT {"conversations": [...]} (SystemChat-1.1) or the generator's bare [{"role", "content"}] list."""
    if isinstance(row, list):
        turns = turns_from_list(row, "role", "content", field="turns")
        return make_conversation(turns, ref.make_id(), ref.source)
    if isinstance(row, Mapping) and "messages" in row and "conversations" not in row:
        return messages(row, ref)
    return sharegpt(row, ref)


@CONVERTERS.register("agent_flan")
def agent_flan(row: Any, ref: RowRef) -> Conversation:
    """internlm/Agent-FLAN {"id", "conversation": [{"role", "content", "loss": bool}]}; `loss` kept as the per-turn train flag."""
    items = require(row, "conversation", list)
    turns = turns_from_list(items, "role", "content", train_key="loss", field="conversation")
    if not turns:
        raise RecordError("too_few_turns", "empty conversation")
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source)
