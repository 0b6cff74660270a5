"""The upstream row layouts of the 2.9 sources, as JSON scaffold literals and as Python objects.

Rows are written the way ``json.dumps(row, ensure_ascii=False)`` writes them (``", "`` and ``": "`` separators,
keys in upstream order). A row is ``head`` tokens (row start, id, the first turn's opening), each turn's text, a
``join`` literal between turns (closing one turn, opening the next), and a ``close`` literal per row. The same
layout as a Python object (``to_obj``) renders the few byte-level malformed rows.

Families: ``fields`` (one JSON key per role: alpaca-style FLAN, dolphin-coder, CodeFeedback-Filtered), ``list``
(a list of turn objects: OpenHermes, SystemChat, samantha, Code-Feedback, Agent-FLAN) and ``parquet`` (Orca-Math,
UltraChat, built as Arrow columns).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SYS, HUM, GPT, ODD = 0, 1, 2, 3  # ODD: a role name the converters do not know (malformed rows)
ROLE_COUNT = 4

OPENHERMES_TAILS = (
    ("airoboros2.2", "orca"),
    ("CamelAI", None),
    ("glaive-code-assist", None),
    ("metamath", None),
    ("cot_alpaca_gpt4", None),
    ("EvolInstruct_70k", None),
    ("UnnaturalInstructions", None),
    ("caseus_custom", None),
    ("platypus", None),
    ("airoboros2.2", "general"),
    ("airoboros2.2", "coding"),
    ("airoboros2.2", "roleplay"),
    ("LMSys Chatbot Arena", None),
)
CFF_TAILS = tuple(
    (r, lang)
    for r in ("evolinstruct", "magicoder", "wizardcoder", "sharegpt")
    for lang in ("python", "javascript", "sql", "java", "cpp", "rust")
)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


@dataclass(frozen=True)
class Schema:
    """One upstream layout. ``keys`` (fields family) name the JSON key per role; ``role_names`` (list family)
    the role strings per role code; ``tails`` are per-row variants of what follows the turns."""

    name: str
    family: str  # fields | list | parquet
    array: bool = False  # JSON array file (rows separated by ",\n") instead of JSONL
    keys: tuple[str, ...] = ()  # fields: key per role code (SYS, HUM, GPT)
    list_key: str = "conversations"
    role_key: str = "from"
    text_key: str = "value"
    role_names: tuple[str, ...] = ("system", "human", "gpt", "narrator")
    turn_extra: tuple[str, ...] = ()  # per-role-code JSON text after the text value, e.g. ', "weight": null'
    id_style: str = ""  # "" | "int" | "str" | "prefixed"
    tails: tuple[Any, ...] = (None,)
    tail_keys: tuple[str, ...] = ()

    # -- scaffold literals (JSON text, used as is) -------------------------------------------------------

    def scaffold(self) -> list[tuple[str, str]]:
        """``(name, json_text)`` of every scaffold literal of this schema, in a fixed order."""
        out: list[tuple[str, str]] = []
        nl = "" if self.array else "\n"
        for first in (0, 1):
            start = "" if (first or not self.array) else ",\n"
            if self.id_style:
                out.append((f"{self.name}:start:{first}", start + self._id_open()))
            for r in range(ROLE_COUNT):
                out.append((f"{self.name}:open:{first}:{r}", (start if not self.id_style else "") + self._open(r)))
        if self.id_style:
            for r in range(ROLE_COUNT):
                out.append((f"{self.name}:idopen:{r}", self._id_close() + self._turns_open() + self._turn_open(r)))
        for a in range(ROLE_COUNT):
            for b in range(ROLE_COUNT):
                out.append((f"{self.name}:join:{a}:{b}", self._turn_close(a) + ", " + self._turn_open(b)))
        for a in range(ROLE_COUNT):
            for v, tail in enumerate(self.tails):
                out.append((f"{self.name}:close:{a}:{v}", self._turn_close(a) + self._row_close(tail) + nl))
        return out

    def _id_open(self) -> str:
        return '{"id": ' if self.id_style == "int" else '{"id": "'

    def _id_close(self) -> str:
        return ", " if self.id_style == "int" else '", '

    def _turns_open(self) -> str:
        return "" if self.family == "fields" else f'"{self.list_key}": ['

    def _open(self, role: int) -> str:
        return "{" + self._turns_open() + self._turn_open(role)

    def _turn_open(self, role: int) -> str:
        if self.family == "fields":
            return f'"{self.keys[min(role, len(self.keys) - 1)]}": "'
        return f'{{"{self.role_key}": "{self.role_names[role]}", "{self.text_key}": "'

    def _turn_close(self, role: int) -> str:
        if self.family == "fields":
            return '"'
        return '"' + (self.turn_extra[role] if self.turn_extra else "") + "}"

    def _row_close(self, tail: Any) -> str:
        lst = "" if self.family == "fields" else "]"
        if tail is None:
            return lst + "}"
        return lst + "".join(f", {dumps(k)}: {dumps(v)}" for k, v in zip(self.tail_keys, tail, strict=True)) + "}"

    # -- Python objects (malformed rows) ---------------------------------------------------------------------

    def to_obj(self, roles: list[int], texts: list[str], tail: int, upstream_id: Any) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        if self.id_style:
            obj["id"] = upstream_id
        if self.family == "fields":
            for r, t in zip(roles, texts, strict=True):
                obj[self.keys[min(r, len(self.keys) - 1)]] = t
        else:
            turns = []
            for r, t in zip(roles, texts, strict=True):
                turn: dict[str, Any] = {self.role_key: self.role_names[r], self.text_key: t}
                if self.turn_extra:
                    turn.update(json.loads("{" + self.turn_extra[r].lstrip(", ") + "}"))
                turns.append(turn)
            obj[self.list_key] = turns
        if self.tails[tail] is not None:
            obj.update(zip(self.tail_keys, self.tails[tail], strict=True))
        return obj


_LOSS = (', "loss": false', ', "loss": false', ', "loss": true', ', "loss": false')

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        Schema("dolphin_flan", "fields", keys=("instruction", "input", "output")),
        Schema("dolphin_coder", "fields", keys=("system_prompt", "question", "response")),
        Schema(
            "codefeedback_filtered",
            "fields",
            keys=("query", "query", "answer"),
            tails=CFF_TAILS,
            tail_keys=("resource", "lang"),
        ),
        Schema(
            "code_feedback",
            "list",
            list_key="messages",
            role_key="role",
            text_key="content",
            role_names=("system", "user", "assistant", "tool"),
            id_style="int",
        ),
        Schema(
            "agent_flan",
            "list",
            list_key="conversation",
            role_key="role",
            text_key="content",
            role_names=("system", "user", "assistant", "function"),
            turn_extra=_LOSS,
            id_style="prefixed",
        ),
        Schema("samantha", "list", array=True, id_style="str"),
        Schema(
            "openhermes",
            "list",
            array=True,
            turn_extra=(', "weight": null',) * ROLE_COUNT,
            tails=OPENHERMES_TAILS,
            tail_keys=("source", "category"),
        ),
        Schema("systemchat", "list"),
        Schema("orca_math", "parquet", keys=("question", "question", "answer")),
        Schema("ultrachat", "parquet", role_names=("system", "user", "assistant", "tool")),
    )
}

# Byte-level malformations a row can only get as a Python object (the rest are turn structures: see plan.py).
BYTE_REASONS = ("invalid_json", "invalid_utf8", "not_an_object", "missing_key", "null_value", "wrong_type")


def malformed_bytes(
    schema: Schema, reason: str, roles: list[int], texts: list[str], tail: int, upstream_id: Any, first_in_file: bool
) -> bytes:
    """One malformed row (without the JSONL newline / array separator) that convert rejects as ``schema:<reason>``."""
    obj = schema.to_obj(roles, texts, tail, upstream_id)
    target = schema.keys[-1] if schema.family == "fields" else schema.list_key
    if reason == "not_an_object":  # a bare string: every converter (SystemChat accepts bare lists) says not_an_object
        body = dumps(texts[-1])
    elif reason == "missing_key":
        del obj[target]
        body = dumps(obj)
    elif reason == "null_value":
        if schema.family == "fields":
            obj[target] = None
        else:
            obj[target][-1][schema.text_key] = None
        body = dumps(obj)
    elif reason == "wrong_type":
        if schema.name == "agent_flan":  # the per-turn train flag as a string, as some re-uploads have it
            obj[target][-1]["loss"] = "true"
        else:
            obj[target] = 8 if schema.family == "fields" else texts[-1]
        body = dumps(obj)
    elif reason in ("invalid_json", "invalid_utf8"):
        body = dumps(obj)
    else:
        raise ValueError(f"not a byte-level reason: {reason}")
    raw = body.encode("utf-8")
    if reason == "invalid_json":
        raw = raw[:-1]  # the closing brace is lost, as in a truncated upload
    elif reason == "invalid_utf8":
        cut = raw.rindex(b'"')
        raw = raw[:cut] + b"\xff" + raw[cut:]
    prefix = b"" if (first_in_file or not schema.array) else b",\n"
    return prefix + raw + (b"" if schema.array else b"\n")
