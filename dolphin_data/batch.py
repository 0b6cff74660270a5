"""A batch of conversations as columns: what every stage receives and what moves between stages.

Turns are flat: conversation ``i`` owns turns ``offsets[i]:offsets[i+1]`` of ``roles`` (int8 codes),
``texts`` and ``train`` (int8: -1 unset, 0, 1). Per conversation: ``ids`` and ``where`` (an int64 key that
orders records within their source and tells the engine which raw file and line they came from). A stage
reads the columns it needs (e.g. every assistant text as one list) and returns per-record verdicts; it
materialises ``Conversation`` objects only when a rule needs one (``batch[i]``, cached).

On disk between stages a batch is an Arrow record batch (``to_arrow``/``from_arrow``): the turns are one
``list<struct<role, text, train>>`` column, so the flat arrays above are Arrow's own buffers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import orjson
import pyarrow as pa

from dolphin_data.model import ROLES, SHAREGPT_TO_MESSAGES_ROLE, Conversation, Turn

SYSTEM, HUMAN, GPT = 0, 1, 2
ROLE_CODE = {role: i for i, role in enumerate(ROLES)}

# where = file index << WHERE_SHIFT | line: records sort by (file, line); 2**40 lines per file is plenty.
WHERE_SHIFT = 40

TURN_TYPE = pa.struct([("role", pa.int8()), ("text", pa.large_string()), ("train", pa.int8())])
SCHEMA = pa.schema([("id", pa.string()), ("where", pa.int64()), ("turns", pa.large_list(TURN_TYPE))])

_TRAIN = {None: -1, False: 0, True: 1}
_TRAIN_BACK = (None, False, True)  # index by code + 1
MESSAGES_ROLES = tuple(SHAREGPT_TO_MESSAGES_ROLE[r] for r in ROLES)


def where_key(file_index: int, line: int) -> int:
    return (file_index << WHERE_SHIFT) | line


def where_parts(key: int) -> tuple[int, int]:
    return key >> WHERE_SHIFT, key & ((1 << WHERE_SHIFT) - 1)


class Batch(Sequence[Conversation]):
    """Conversations of one source as columns; ``batch[i]`` is the i-th ``Conversation`` (built on demand)."""

    __slots__ = ("source", "ids", "where", "offsets", "roles", "texts", "train", "_convs")

    def __init__(
        self,
        source: str,
        ids: list[str],
        where: np.ndarray,
        offsets: np.ndarray,
        roles: np.ndarray,
        texts: list[str],
        train: np.ndarray,
    ):
        self.source = source
        self.ids = ids
        self.where = where
        self.offsets = offsets
        self.roles = roles
        self.texts = texts
        self.train = train
        self._convs: list[Conversation | None] | None = None

    # -- construction ---------------------------------------------------------------------------

    @staticmethod
    def empty(source: str) -> Batch:
        return Batch(
            source, [], np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int8), [], np.zeros(0, np.int8)
        )

    @staticmethod
    def from_conversations(source: str, convs: Sequence[Conversation], where: Sequence[int] | np.ndarray) -> Batch:
        roles: list[int] = []
        texts: list[str] = []
        train: list[int] = []
        offsets = np.zeros(len(convs) + 1, np.int64)
        for i, conv in enumerate(convs):
            for t in conv.turns:
                roles.append(ROLE_CODE[t.role])
                texts.append(t.text)
                train.append(_TRAIN[t.train])
            offsets[i + 1] = len(texts)
        batch = Batch(
            source,
            [c.id for c in convs],
            np.asarray(where, np.int64),
            offsets,
            np.asarray(roles, np.int8),
            texts,
            np.asarray(train, np.int8),
        )
        batch._convs = list(convs)
        return batch

    @staticmethod
    def concat(batches: Sequence[Batch]) -> Batch:
        batches = [b for b in batches if len(b)] or list(batches[:1])
        if len(batches) == 1:
            return batches[0]
        ends = np.cumsum([len(b.texts) for b in batches])[:-1]
        offsets = [batches[0].offsets] + [b.offsets[1:] + e for b, e in zip(batches[1:], ends, strict=True)]
        return Batch(
            batches[0].source,
            [i for b in batches for i in b.ids],
            np.concatenate([b.where for b in batches]),
            np.concatenate(offsets),
            np.concatenate([b.roles for b in batches]),
            [t for b in batches for t in b.texts],
            np.concatenate([b.train for b in batches]),
        )

    # -- Sequence[Conversation] -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: int) -> Conversation:  # type: ignore[override]
        if self._convs is None:
            self._convs = [None] * len(self.ids)
        conv = self._convs[i]
        if conv is None:
            lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
            turns = tuple(
                Turn(ROLES[r], self.texts[k], _TRAIN_BACK[t + 1])
                for k, r, t in zip(range(lo, hi), self.roles[lo:hi].tolist(), self.train[lo:hi].tolist(), strict=True)
            )
            conv = self._convs[i] = Conversation(self.ids[i], self.source, turns)
        return conv

    def __iter__(self) -> Iterator[Conversation]:
        return (self[i] for i in range(len(self)))

    # -- columns --------------------------------------------------------------------------------

    def owner(self) -> np.ndarray:
        """The conversation index of every turn (int64, one per turn)."""
        return np.repeat(np.arange(len(self.ids), dtype=np.int64), np.diff(self.offsets))

    def turn_index(self) -> np.ndarray:
        """Every turn's index within its conversation."""
        return np.arange(len(self.texts), dtype=np.int64) - np.repeat(self.offsets[:-1], np.diff(self.offsets))

    def turns_of(self, role: int) -> np.ndarray:
        """Flat indices of the turns with this role code (SYSTEM, HUMAN, GPT)."""
        return np.flatnonzero(self.roles == role)

    def system_prompts(self) -> list[str | None]:
        """Per conversation: the leading system turn's text, or None."""
        first = self.offsets[:-1]
        has = (
            (first < self.offsets[1:]) & (self.roles[np.minimum(first, max(len(self.roles) - 1, 0))] == SYSTEM)
            if len(self.roles)
            else np.zeros(len(self.ids), bool)
        )
        return [self.texts[int(f)] if h else None for f, h in zip(first.tolist(), has.tolist(), strict=True)]

    def texts_per_conversation(self, roles: Sequence[int] = (HUMAN, GPT), sep: str = "\n") -> list[str]:
        """The texts of the given roles, joined per conversation."""
        keep = np.isin(self.roles, np.asarray(roles, np.int8))
        out: list[str] = []
        texts = self.texts
        for lo, hi in zip(self.offsets[:-1].tolist(), self.offsets[1:].tolist(), strict=True):
            out.append(sep.join(texts[k] for k in range(lo, hi) if keep[k]))
        return out

    # -- derived batches ------------------------------------------------------------------------

    def take(self, index: np.ndarray | Sequence[int]) -> Batch:
        """The conversations at ``index`` (in that order)."""
        idx = np.asarray(index, np.int64)
        if len(idx) == len(self.ids) and np.array_equal(idx, np.arange(len(self.ids))):
            return self
        lens = np.diff(self.offsets)[idx]
        offsets = np.zeros(len(idx) + 1, np.int64)
        np.cumsum(lens, out=offsets[1:])
        turn_idx = (
            (np.repeat(self.offsets[:-1][idx], lens) + np.arange(offsets[-1]) - np.repeat(offsets[:-1], lens))
            if len(idx)
            else np.zeros(0, np.int64)
        )
        texts = self.texts
        out = Batch(
            self.source,
            [self.ids[i] for i in idx.tolist()],
            self.where[idx],
            offsets,
            self.roles[turn_idx],
            [texts[k] for k in turn_idx.tolist()],
            self.train[turn_idx],
        )
        if self._convs is not None:
            out._convs = [self._convs[i] for i in idx.tolist()]
        return out

    def replace(self, edits: Mapping[int, Conversation]) -> Batch:
        """This batch with conversation ``i`` replaced by ``edits[i]`` (same id and position)."""
        if not edits:
            return self
        convs = [edits.get(i) or self[i] for i in range(len(self))]
        return Batch.from_conversations(self.source, convs, self.where)

    # -- Arrow and JSON ---------------------------------------------------------------------------

    def to_arrow(self) -> pa.RecordBatch:
        values = pa.StructArray.from_arrays(
            [pa.array(self.roles, pa.int8()), pa.array(self.texts, pa.large_string()), pa.array(self.train, pa.int8())],
            fields=list(TURN_TYPE),
        )
        turns = pa.LargeListArray.from_arrays(pa.array(self.offsets, pa.int64()), values)
        return pa.RecordBatch.from_arrays(
            [pa.array(self.ids, pa.string()), pa.array(self.where, pa.int64()), turns], schema=SCHEMA
        )

    @staticmethod
    def from_arrow(source: str, rb: pa.RecordBatch) -> Batch:
        turns = rb.column(2)
        values = turns.flatten()
        offsets = turns.offsets.to_numpy()
        if len(offsets) and offsets[0]:
            offsets = offsets - offsets[0]
        return Batch(
            source,
            rb.column(0).to_pylist(),
            rb.column(1).to_numpy(),
            np.asarray(offsets, np.int64),
            values.field(0).to_numpy(zero_copy_only=False).astype(np.int8, copy=False),
            values.field(1).to_pylist(),
            values.field(2).to_numpy(zero_copy_only=False).astype(np.int8, copy=False),
        )

    def record(self, i: int, shape: str = "sharegpt", train_flags: bool = False) -> dict[str, Any]:
        """Conversation ``i`` as the trainer reads it: ShareGPT ``{"id", "conversations"}`` or ``{"id", "messages"}``.
        A turn's ``train`` flag is written where it is set; with ``train_flags`` on every turn, an unset one as what the
        trainer does by default (assistant turns trained, the others not), so that every file has the same schema."""
        lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
        roles, train, texts = self.roles, self.train, self.texts
        role_key, text_key = ("role", "content") if shape == "messages" else ("from", "value")
        names = MESSAGES_ROLES if shape == "messages" else ROLES
        turns: list[dict[str, Any]] = []
        for k in range(lo, hi):
            d: dict[str, Any] = {role_key: names[roles[k]], text_key: texts[k]}
            if train[k] >= 0:
                d["train"] = bool(train[k])
            elif train_flags:
                d["train"] = bool(roles[k] == GPT)
            turns.append(d)
        return {"id": self.ids[i], "messages" if shape == "messages" else "conversations": turns}

    def jsonl(self, shape: str = "sharegpt", train_flags: bool = False) -> bytes:
        """Every conversation as one JSON line, in order."""
        return b"".join(orjson.dumps(self.record(i, shape, train_flags)) + b"\n" for i in range(len(self)))
