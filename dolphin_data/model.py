"""The whole data model: a Conversation of Turns, and a Reject that says why a record left the pipeline.

Everything between the converters and the writers speaks these types. They are frozen: a stage that
changes a conversation returns a new one (``dataclasses.replace``), so stage order never hides a mutation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ROLES: tuple[str, ...] = ("system", "human", "gpt")

# Aliases seen in upstream corpora, mapped to the ShareGPT role names Axolotl 0.4 expects.
ROLE_ALIASES: dict[str, str] = {
    "system": "system",
    "human": "human",
    "user": "human",
    "gpt": "gpt",
    "assistant": "gpt",
    "bot": "gpt",
    "model": "gpt",
    "chatgpt": "gpt",
}

SHAREGPT_TO_MESSAGES_ROLE = {"system": "system", "human": "user", "gpt": "assistant"}


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # one of ROLES
    text: str
    train: bool | None = None  # per-turn train flag (Agent-FLAN `loss`); None = trainer default


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    source: str
    turns: tuple[Turn, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)  # read-only by convention

    @property
    def system(self) -> str | None:
        return self.turns[0].text if self.turns and self.turns[0].role == "system" else None

    def texts(self, roles: tuple[str, ...] = ROLES) -> list[str]:
        return [t.text for t in self.turns if t.role in roles]

    def to_sharegpt(self) -> dict[str, Any]:
        """``{"id", "conversations": [{"from", "value"}]}``: Axolotl <= 0.4 ``type: sharegpt``."""
        turns = []
        for t in self.turns:
            d: dict[str, Any] = {"from": t.role, "value": t.text}
            if t.train is not None:
                d["train"] = t.train
            turns.append(d)
        return {"id": self.id, "conversations": turns}

    def to_messages(self) -> dict[str, Any]:
        """``{"id", "messages": [{"role", "content"}]}``: Axolotl >= 0.5 ``type: chat_template``, TRL."""
        turns = []
        for t in self.turns:
            d: dict[str, Any] = {"role": SHAREGPT_TO_MESSAGES_ROLE[t.role], "content": t.text}
            if t.train is not None:
                d["train"] = t.train
            turns.append(d)
        return {"id": self.id, "messages": turns}

    def to_record(self, shape: str) -> dict[str, Any]:
        return self.to_messages() if shape == "messages" else self.to_sharegpt()

    def to_json(self) -> dict[str, Any]:
        """Lossless form (with source and metadata) used for rejects and work files."""
        rec = self.to_sharegpt()
        rec["source"] = self.source
        if self.metadata:
            rec["metadata"] = dict(self.metadata)
        return rec

    @staticmethod
    def from_json(rec: Mapping[str, Any]) -> Conversation:
        return Conversation(
            id=str(rec["id"]),
            source=str(rec.get("source", "")),
            turns=tuple(Turn(t["from"], t["value"], t.get("train")) for t in rec["conversations"]),
            metadata=dict(rec.get("metadata") or {}),
        )


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that left the pipeline, with a stable ``family:code`` reason (see CLI.md)."""

    id: str
    source: str
    stage: str
    reason: str
    record: Any  # the upstream row (convert) or the conversation's lossless JSON (later stages)
    extra: Mapping[str, Any] = field(default_factory=dict)  # line, file, span, duplicate_of, similarity, ...

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source, "stage": self.stage, "reason": self.reason}
        out.update(self.extra)
        out["record"] = self.record
        return out

    @staticmethod
    def of(conv: Conversation, stage: str, reason: str, **extra: Any) -> Reject:
        return Reject(conv.id, conv.source, stage, reason, conv.to_json(), extra)
