"""Converters for the upstream schemas the later Dolphin mixes add (2.9.4 and 3.0; recipes/2.9.4.yaml, 3.0.yaml).

Same contract as the others: a pure ``(row, ref) -> Conversation`` ending in ``make_conversation``; a row that
cannot become a trainer-valid sample raises ``RecordError`` (a ``schema:<reason>`` reject with file and line).
Field names come from the dataset cards and public loaders cited in the recipes; where a card did not show the
record shape, the docstring says "inferred".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dolphin_data.converters import (
    CONVERTERS,
    RowRef,
    make_conversation,
    normalise_role,
    optional,
    require,
    turns_from_list,
)
from dolphin_data.converters.chat import _sharegpt_turns
from dolphin_data.errors import RecordError
from dolphin_data.model import Conversation, Turn


def _metadata(row: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """Non-empty string side fields worth keeping (``source``, ``category``, ...); other values are not metadata."""
    return {k: row[k] for k in keys if isinstance(row.get(k), str) and row[k]}


def _single_turn(prompt: str, answer: str, ref: RowRef, meta: dict[str, Any], upstream_id: Any = None) -> Conversation:
    return make_conversation([Turn("human", prompt), Turn("gpt", answer)], ref.make_id(upstream_id), ref.source, meta)


def _messages_with_source(row: Any, ref: RowRef) -> Conversation:
    items = require(row, "messages", list)
    turns = turns_from_list(items, "role", "content", field="messages")
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source, _metadata(row, ("source",)))


@CONVERTERS.register("tulu3_sft")
def tulu3_sft(row: Any, ref: RowRef) -> Conversation:
    """allenai/tulu-3-sft-mixture {"id", "messages": [{"role", "content"}], "source"}; source kept as metadata."""
    return _messages_with_source(row, ref)


@CONVERTERS.register("smoltalk")
def smoltalk(row: Any, ref: RowRef) -> Conversation:
    """HuggingFaceTB/smoltalk {"messages": [{"content", "role"}], "source"}; source kept as metadata."""
    return _messages_with_source(row, ref)


@CONVERTERS.register("orca_agentinstruct")
def orca_agentinstruct(row: Any, ref: RowRef) -> Conversation:
    """microsoft/orca-agentinstruct-1M-v1 {"messages": JSON text of [{"role", "content"}]}; empty system turns dropped."""
    raw = require(row, "messages", (str, list))
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as e:
            raise RecordError("invalid_json", f"'messages' is not valid JSON text ({e.msg}, char {e.pos})") from None
    turns = turns_from_list(raw, "role", "content", field="messages")
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source, drop_empty_system=True)


@CONVERTERS.register("hermes_function_calling")
def hermes_function_calling(row: Any, ref: RowRef) -> Conversation:
    """NousResearch/hermes-function-calling-v1 ShareGPT {"id", "conversations": [{"from": system|human|gpt|tool, "value"}], "category", ...}; tool turns become human turns."""
    items = require(row, "conversations", list)
    turns: list[Turn] = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise RecordError("wrong_type", f"conversations[{i}] is {type(item).__name__}, expected object")
        if "from" not in item or "value" not in item:
            raise RecordError("missing_key", f"conversations[{i}] needs 'from' and 'value'; keys: {sorted(item)}")
        text = item["value"]
        if not isinstance(text, str):
            raise RecordError("wrong_type", f"conversations[{i}].value is {type(text).__name__}, expected str")
        if item["from"] == "tool":
            # A tool result is input the model reads, not text it writes: Axolotl 0.4 would drop an unknown
            # role, so it becomes a human turn (as Agent-FLAN stores observations). Parallel results merge.
            if turns and turns[-1].role == "human" and i and items[i - 1].get("from") == "tool":
                turns[-1] = Turn("human", f"{turns[-1].text}\n{text}")
                continue
            turns.append(Turn("human", text))
            continue
        turns.append(Turn(normalise_role(item["from"]), text))
    meta = _metadata(row, ("category", "subcategory", "task"))
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source, meta)


@CONVERTERS.register("opc_sft")
def opc_sft(row: Any, ref: RowRef) -> Conversation:
    """OpenCoder-LLM/opc-sft-stage1 and -stage2 {"instruction", "output", "tag"?}; tag kept as metadata."""
    return _single_turn(
        require(row, "instruction"), require(row, "output"), ref, _metadata(row, ("tag",)), row.get("id")
    )


@CONVERTERS.register("numina_math")
def numina_math(row: Any, ref: RowRef) -> Conversation:
    """AI-MO/NuminaMath-CoT and -TIR {"source"?, "problem", "solution", "messages"}; problem/solution become the turns."""
    return _single_turn(
        require(row, "problem"), require(row, "solution"), ref, _metadata(row, ("source",)), row.get("id")
    )


@CONVERTERS.register("math_gpt4o")
def math_gpt4o(row: Any, ref: RowRef) -> Conversation:
    """PawanKrd/math-gpt-4o-200k {"prompt", "response"} (field names from public loaders; inferred)."""
    return _single_turn(require(row, "prompt"), require(row, "response"), ref, {}, row.get("id"))


@CONVERTERS.register("finetome")
def finetome(row: Any, ref: RowRef) -> Conversation:
    """mlabonne/FineTome-100k {"conversations": [{"from", "value"}], "source", "score"}; source and score kept as metadata."""
    turns = _sharegpt_turns(row)
    meta = _metadata(row, ("source",))
    score = optional(row, "score", (int, float))  # a score that is not a number is a schema error
    if score is not None and not isinstance(score, bool):
        meta["score"] = score
    return make_conversation(turns, ref.make_id(row.get("id")), ref.source, meta)
