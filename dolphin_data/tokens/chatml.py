"""The ChatML rendering Axolotl 0.4 (``type: sharegpt``, ``conversation: chatml``) trains on, turn by turn.

Exact rule (docs/tokens.md; FastChat ``get_turns`` for CHATML as patched by Axolotl, ``prompt_tokenizers.py``):

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

from dolphin_data.model import Conversation
from dolphin_data.tokens.encoding import IM_END, IM_START, Encoding

DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant."
CHATML_ROLE = {"system": "system", "human": "user", "gpt": "assistant"}
SYSTEM, HUMAN, GPT = 0, 1, 2
ROLE_CODE = {"system": SYSTEM, "human": HUMAN, "gpt": GPT}


def render_turn(role: str, text: str) -> str:
    header = f"{IM_START}{CHATML_ROLE[role]}\n"
    if role == "system" or text:
        return f"{header}{text}{IM_END}\n"
    return header


def segments(conv: Conversation, default_system: str | None = DEFAULT_SYSTEM_PROMPT) -> list[tuple[int, str, str]]:
    """``(turn index, role, rendered text)`` per segment; turn index -1 = the inserted default system block.

    ``default_system=None`` renders no system block for records without one (not what Axolotl 0.4 does).
    """
    out: list[tuple[int, str, str]] = []
    turns = conv.turns
    start = 0
    if turns and turns[0].role == "system":
        out.append((0, "system", render_turn("system", turns[0].text)))
        start = 1
    elif default_system is not None:
        out.append((-1, "system", render_turn("system", default_system)))
    for i in range(start, len(turns)):
        t = turns[i]
        if t.role in ("human", "gpt"):
            out.append((i, t.role, render_turn(t.role, t.text)))
    return out


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
    threads: int = 0,
) -> Counts:
    texts: list[str] = []
    roles: list[int] = []
    turn_idx: list[int] = []
    starts = np.zeros(len(convs) + 1, dtype=np.int64)
    default_sys = np.zeros(len(convs), dtype=bool)
    ignored = np.zeros(len(convs), dtype=np.int64)
    for r, conv in enumerate(convs):
        segs = segments(conv, default_system)
        for i, role, text in segs:
            texts.append(text)
            roles.append(ROLE_CODE[role])
            turn_idx.append(i)
        starts[r + 1] = len(texts)
        default_sys[r] = bool(segs) and segs[0][0] == -1
        ignored[r] = sum(1 for t in conv.turns[1:] if t.role == "system")
    _, offsets = enc.encode_batch(texts, threads)
    seg_tokens = np.diff(offsets).astype(np.int64)
    seg_role = np.asarray(roles, dtype=np.int8)
    seg_turn = np.asarray(turn_idx, dtype=np.int32)
    nonempty = starts[1:] > starts[:-1]
    if enc.bos_id is not None:
        seg_tokens[starts[:-1][nonempty]] += 1  # BOS on each record's first (system) segment
    seg_trainable = np.where(seg_role == GPT, seg_tokens - assistant_header_len(enc), 0).astype(np.int64)
    tokens = np.zeros(len(convs), dtype=np.int64)
    trainable = np.zeros(len(convs), dtype=np.int64)
    if len(texts):
        # reduceat over non-empty records only (an empty record has no segments and keeps 0)
        first = starts[:-1][nonempty]
        tokens[nonempty] = np.add.reduceat(seg_tokens, first)
        trainable[nonempty] = np.add.reduceat(seg_trainable, first)
    return Counts(tokens, trainable, seg_tokens, seg_trainable, seg_role, seg_turn, starts, default_sys, ignored)
