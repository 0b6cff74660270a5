"""Converters for single-turn instruction schemas (alpaca, query/answer, question/answer, orca-style)."""

from __future__ import annotations

from typing import Any

from dolphin_data.converters import CONVERTERS, RowRef, make_conversation, optional, require
from dolphin_data.model import Conversation, Turn


def _single_turn(
    system: str | None,
    prompt: str,
    answer: str,
    ref: RowRef,
    upstream_id: Any = None,
    metadata: dict[str, Any] | None = None,
) -> Conversation:
    turns = [Turn("system", system)] if system and system.strip() else []
    turns += [Turn("human", prompt), Turn("gpt", answer)]
    return make_conversation(turns, ref.make_id(upstream_id), ref.source, metadata)


@CONVERTERS.register("dolphin_flan")
def dolphin_flan(row: Any, ref: RowRef) -> Conversation:
    """cognitivecomputations/dolphin alpaca {"instruction": Orca system prompt, "input": FLAN task, "output"}; instruction becomes the system turn."""
    system = require(row, "instruction")
    return _single_turn(system, require(row, "input"), require(row, "output"), ref, row.get("id"))


@CONVERTERS.register("alpaca")
def alpaca(row: Any, ref: RowRef) -> Conversation:
    """Plain alpaca {"instruction", "input"?, "output"}: instruction (+ input) is the human turn."""
    instruction = require(row, "instruction")
    extra = optional(row, "input") or ""
    prompt = f"{instruction}\n\n{extra}" if extra.strip() else instruction
    return _single_turn(optional(row, "system"), prompt, require(row, "output"), ref, row.get("id"))


@CONVERTERS.register("codefeedback_filtered")
def codefeedback_filtered(row: Any, ref: RowRef) -> Conversation:
    """m-a-p/CodeFeedback-Filtered-Instruction {"query", "answer", "resource", "lang"}; resource/lang kept as metadata."""
    query, answer = require(row, "query"), require(row, "answer")
    meta = {k: row[k] for k in ("resource", "lang") if isinstance(row.get(k), str) and row[k]}
    return _single_turn(None, query, answer, ref, row.get("id"), meta)


@CONVERTERS.register("dolphin_coder")
def dolphin_coder(row: Any, ref: RowRef) -> Conversation:
    """cognitivecomputations/dolphin-coder {"system_prompt", "question", "response"} (orca-style; key names inferred)."""
    system = optional(row, "system_prompt")
    return _single_turn(system, require(row, "question"), require(row, "response"), ref, row.get("id"))


@CONVERTERS.register("orca_math")
def orca_math(row: Any, ref: RowRef) -> Conversation:
    """microsoft/orca-math-word-problems-200k {"question", "answer"}."""
    return _single_turn(None, require(row, "question"), require(row, "answer"), ref, row.get("id"))
