"""The ChatML rendering Axolotl 0.4 (``type: sharegpt``, ``conversation: chatml``) trains on, turn by turn.

Exact rule (FastChat ``get_turns`` for CHATML as patched by Axolotl, ``prompt_tokenizers.py``):

- The first segment is the system block ``<|im_start|>system\\n{system}<|im_end|>\\n``: the record's system
  text if turn 0 is ``system`` (an empty one still renders, empty), else the default system prompt
  ("You are a helpful assistant."). The tokenizer's BOS (Llama 3 ``<|begin_of_text|>``) is kept on this
  segment only, so every sample starts with one BOS.
- Every later ``human``/``gpt`` turn is ``<|im_start|>user\\n{text}<|im_end|>\\n`` /
  ``<|im_start|>assistant\\n{text}<|im_end|>\\n``; an empty turn renders as the bare header
  ``<|im_start|>{role}\\n`` (no ``<|im_end|>``), as the trainer does. A ``system`` turn anywhere but first is
  dropped by the trainer ("unhandled role") and renders as nothing.
- Each segment is tokenized on its own (special and added tokens recognised anywhere in the text), and the
  sample is their concatenation. Trainable tokens (``train_on_inputs: false``): system and user segments
  are masked; in an assistant segment only the header ``<|im_start|>assistant`` (2 ids for Llama 3) is
  masked, so ``\\n`` + text + ``<|im_end|>`` + ``\\n`` are trained. Per-turn ``train`` flags are ignored
  (Axolotl 0.4 ``sharegpt`` has no per-turn mask). No EOS is appended (``<|im_end|>`` is the EOS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation
from dolphin_data.tokens.encoding import IM_END, IM_START, Encoding

DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant."
CHATML_ROLE = {"system": "system", "human": "user", "gpt": "assistant"}
SYSTEM, HUMAN, GPT = 0, 1, 2
ROLE_CODE = {"system": SYSTEM, "human": HUMAN, "gpt": GPT}


def inner_segments(
    conv: Conversation, default_system: str | None = DEFAULT_SYSTEM_PROMPT
) -> list[tuple[int, str, str, bool]]:
    """``(turn index, role, inner, closed)`` per segment, where the segment is ``<|im_start|>`` + inner, followed by
    ``<|im_end|>\n`` when closed. Inner is ``role\ntext``; turn index -1 = the inserted default system block.
    This is what the counter encodes (the structural special tokens are counted, not scanned for).

    ``default_system=None`` renders no system block for records without one (not what Axolotl 0.4 does).
    """
    out: list[tuple[int, str, str, bool]] = []
    turns = conv.turns
    start = 0
    if turns and turns[0].role == "system":
        out.append((0, "system", f"system\n{turns[0].text}", True))  # closed even when empty
        start = 1
    elif default_system is not None:
        out.append((-1, "system", f"system\n{default_system}", True))
    for i in range(start, len(turns)):
        t = turns[i]
        if t.role == "human" or t.role == "gpt":
            # an empty turn is the bare header, with no <|im_end|> (the trainer's chatml get_turns)
            out.append((i, t.role, f"{CHATML_ROLE[t.role]}\n{t.text}", bool(t.text)))
    return out


def segments(conv: Conversation, default_system: str | None = DEFAULT_SYSTEM_PROMPT) -> list[tuple[int, str, str]]:
    """``(turn index, role, rendered text)`` per segment, exactly as the trainer tokenizes it."""
    return [
        (i, role, f"{IM_START}{inner}{IM_END}\n" if closed else f"{IM_START}{inner}")
        for i, role, inner, closed in inner_segments(conv, default_system)
    ]


def newline_len(enc: Encoding) -> int:
    return len(enc.encode("\n"))


def render_text(conv: Conversation, default_system: str | None = DEFAULT_SYSTEM_PROMPT) -> str:
    """The whole sample as text (without BOS): what the trainer tokenizes, segment by segment."""
    return "".join(text for _, _, text in segments(conv, default_system))


@dataclass
class Counts:
    """Token counts of many conversations from one batched encode.

    Segment arrays are flat over all records; record ``r`` owns segments ``starts[r]:starts[r+1]``.
    """

    tokens: np.ndarray  # int64 per record: whole sample incl. BOS
    trainable: np.ndarray  # int64 per record
    seg_tokens: np.ndarray  # int64 per segment (BOS counted on the record's first segment)
    seg_trainable: np.ndarray  # int64 per segment
    seg_role: np.ndarray  # int8 per segment (SYSTEM/HUMAN/GPT)
    seg_turn: np.ndarray  # int32 per segment: index into conv.turns, -1 for an inserted default system
    starts: np.ndarray  # int64, len(records) + 1
    default_system: np.ndarray  # bool per record: the trainer inserts the default system prompt
    ignored_system: np.ndarray  # int64 per record: non-leading system turns the trainer drops


def assistant_header_len(enc: Encoding) -> int:
    """How many ids Axolotl masks at the start of an assistant turn: ``len(tokenize("<|im_start|>assistant"))``."""
    return len(enc.encode(f"{IM_START}{CHATML_ROLE['gpt']}"))


def count_conversations(
    convs: Sequence[Conversation],
    enc: Encoding,
    default_system: str | None = DEFAULT_SYSTEM_PROMPT,
    threads: int = 1,
) -> Counts:
    """Token counts of conversations (see ``count_batch``)."""
    from dolphin_data.batch import Batch

    return count_batch(
        Batch.from_conversations("", convs, np.zeros(len(convs), np.int64)), enc, default_system, threads
    )


def count_batch(
    batch: Batch, enc: Encoding, default_system: str | None = DEFAULT_SYSTEM_PROMPT, threads: int = 1
) -> Counts:
    """Token counts of a batch's conversations from one batched encode of every segment's inner text."""
    n = len(batch)
    roles = batch.roles
    texts = batch.texts
    offsets = batch.offsets.tolist()
    inner: list[str] = []
    seg_role: list[int] = []
    seg_turn: list[int] = []
    closed: list[bool] = []
    starts = np.zeros(n + 1, dtype=np.int64)
    default_sys = np.zeros(n, dtype=bool)
    ignored = np.zeros(n, dtype=np.int64)
    role_list = roles.tolist()
    for r in range(n):
        lo, hi = offsets[r], offsets[r + 1]
        k = lo
        if hi > lo and role_list[lo] == SYSTEM:
            inner.append("system\n" + texts[lo])  # closed even when empty
            seg_role.append(SYSTEM)
            seg_turn.append(0)
            closed.append(True)
            k = lo + 1
        elif default_system is not None:
            inner.append("system\n" + default_system)
            seg_role.append(SYSTEM)
            seg_turn.append(-1)
            closed.append(True)
            default_sys[r] = True
        for j in range(k, hi):
            role = role_list[j]
            if role == SYSTEM:
                ignored[r] += 1  # a system turn anywhere but first: the trainer drops it
                continue
            text = texts[j]
            inner.append(("user\n" if role == HUMAN else "assistant\n") + text)
            seg_role.append(role)
            seg_turn.append(j - lo)
            closed.append(bool(text))  # an empty turn is the bare header, with no <|im_end|>
        starts[r + 1] = len(inner)
    # A segment is <|im_start|> inner [<|im_end|> "\n"]; special tokens are hard boundaries for the
    # tokenizer, so its count is count(inner) + 1 + (1 + count("\n") when closed).
    closed_arr = np.asarray(closed, dtype=bool)
    # segments repeat (the default system block of every record without one, a source's few system prompts):
    # each distinct text is encoded once
    index: dict[str, int] = {}
    which = np.fromiter((index.setdefault(t, len(index)) for t in inner), dtype=np.int64, count=len(inner))
    seg_tokens = enc.count_batch(list(index), threads)[which] + 1 + closed_arr * (1 + newline_len(enc))
    seg_role_arr = np.asarray(seg_role, dtype=np.int8)
    nonempty = starts[1:] > starts[:-1]
    if enc.bos_id is not None:
        seg_tokens[starts[:-1][nonempty]] += 1  # BOS on each record's first (system) segment
    seg_trainable = np.where(seg_role_arr == GPT, seg_tokens - assistant_header_len(enc), 0).astype(np.int64)
    tokens = np.zeros(n, dtype=np.int64)
    trainable = np.zeros(n, dtype=np.int64)
    if len(inner):
        # reduceat over non-empty records only (an empty record has no segments and keeps 0)
        first = starts[:-1][nonempty]
        tokens[nonempty] = np.add.reduceat(seg_tokens, first)
        trainable[nonempty] = np.add.reduceat(seg_trainable, first)
    return Counts(
        tokens,
        trainable,
        seg_tokens,
        seg_trainable,
        seg_role_arr,
        np.asarray(seg_turn, dtype=np.int32),
        starts,
        default_sys,
        ignored,
    )
