"""Stage ``tokens``: exact token counts of the trainer's ChatML rendering, the length policy, and budgets.

Per record: ``tokens`` (whole sample incl. BOS) and ``trainable_tokens`` (see ``chatml``). A record with
``tokens > max_len`` is what Axolotl's ``drop_long_seq`` removes. Policies:

- ``drop`` (default, as the trainer): reject ``tokens:too_long`` with the counts.
- ``truncate-turns``: keep the longest prefix that ends after an assistant turn (whole human/gpt pairs
  from the start) and fits; counted as ``tokens:truncated_turns``. No fitting prefix -> ``tokens:too_long``.
- ``keep``: keep everything, count ``over_limit``.

Each batch's counts go to the stage's ``TokensSummary`` as compact arrays (built in the workers, merged in the
driver), so ``report`` computes the per-file totals, histogram, percentiles and the packed-rows / steps-per-epoch
estimate without re-encoding or holding the records. The side stream ``stats`` (``{"id", "tokens",
"trainable_tokens"}`` per input record) is what ``dolphin-data tokens --stats`` writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
import orjson

from dolphin_data.batch import Batch
from dolphin_data.model import Conversation
from dolphin_data.stages.base import STAGES, BatchStage, StageOutput
from dolphin_data.stages.params import ParamError
from dolphin_data.tokens.budget import budget_estimate, file_stats, render_markdown
from dolphin_data.tokens.chatml import DEFAULT_SYSTEM_PROMPT, GPT, Counts, count_batch
from dolphin_data.tokens.encoding import ENCODINGS, Encoding, get_encoding

POLICIES = ("drop", "truncate-turns", "keep")


@dataclass
class LengthVerdict:
    """What the length policy does to one record (input counts, and the counts of what is kept)."""

    action: str  # kept | dropped | truncated | over_limit_kept
    tokens: int
    trainable: int
    kept_tokens: int = 0
    kept_trainable: int = 0
    keep_turns: int = -1  # truncate: number of conv.turns to keep


def truncation_cuts(c: Counts, max_len: int) -> np.ndarray:
    """Per record, the last segment index of the longest fitting prefix ending after an assistant turn
    (followed by a non-assistant turn or the end), or -1 when none fits. Vectorised over all segments."""
    n_seg = len(c.seg_tokens)
    n_rec = len(c.tokens)
    cuts = np.full(n_rec, -1, dtype=np.int64)
    if n_seg == 0:
        return cuts
    seg_counts = np.diff(c.starts)
    rec_of_seg = np.repeat(np.arange(n_rec), seg_counts)
    cs = np.cumsum(c.seg_tokens)
    before = np.concatenate(([0], cs))[c.starts[:-1]]  # tokens of all earlier records
    cum_in_rec = cs - before[rec_of_seg]
    is_last = np.zeros(n_seg, dtype=bool)
    is_last[c.starts[1:][seg_counts > 0] - 1] = True
    next_not_gpt = np.ones(n_seg, dtype=bool)
    next_not_gpt[:-1] = c.seg_role[1:] != GPT
    boundary = (c.seg_role == GPT) & (is_last | next_not_gpt)
    idx = np.where(boundary & (cum_in_rec <= max_len), np.arange(n_seg), -1)
    nonempty = seg_counts > 0
    cuts[nonempty] = np.maximum.reduceat(idx, c.starts[:-1][nonempty])
    return cuts


@STAGES.register("tokens")
class TokensStage(BatchStage):
    """Exact Llama 3 token counts of the ChatML rendering; drop/truncate records over max_len -> tokens:too_long.

    Args:
        max_len: the trainer's sequence_len: longer records are over the limit (default: the recipe's sequence_len)
        policy: drop (as the trainer), truncate-turns (longest fitting prefix of whole exchanges), or keep
        encoding: llama3 (exact, quicktok), llama3-tiktoken (reference), or cl100k_base
        default_system_prompt: inserted where a record has no system turn, as Axolotl 0.4 does (null: none)
        micro_batch_size: per-GPU batch, for the steps-per-epoch estimate (default: the recipe's training)
        gradient_accumulation_steps: for the estimate (default: the recipe's training)
        num_gpus: for the estimate (default: the recipe's training)
        num_epochs: for the estimate (default: the recipe's training)
        val_set_size: share held out for validation, for the estimate (default: the recipe's training)
    """

    name = "tokens"
    context_params: ClassVar[dict[str, str]] = {
        "max_len": "sequence_len",
        "micro_batch_size": "training.micro_batch_size",
        "gradient_accumulation_steps": "training.gradient_accumulation_steps",
        "num_gpus": "training.num_gpus",
        "num_epochs": "training.num_epochs",
        "val_set_size": "training.val_set_size",
    }

    def __init__(
        self,
        max_len: int = 4096,
        policy: Literal["drop", "truncate-turns", "keep"] = "drop",
        encoding: str = "llama3",
        default_system_prompt: str | None = DEFAULT_SYSTEM_PROMPT,
        micro_batch_size: int = 3,
        gradient_accumulation_steps: int = 4,
        num_gpus: int = 8,
        num_epochs: int = 3,
        val_set_size: float = 0.0002,
    ):
        for key, val in (
            ("max_len", max_len),
            ("micro_batch_size", micro_batch_size),
            ("gradient_accumulation_steps", gradient_accumulation_steps),
            ("num_gpus", num_gpus),
            ("num_epochs", num_epochs),
        ):
            if isinstance(val, bool) or not isinstance(val, int) or val < 1:
                raise ParamError(f"stage 'tokens': {key} must be a positive integer, got {val!r}")
        if policy not in POLICIES:
            raise ParamError(f"stage 'tokens': policy {policy!r} is not one of {', '.join(POLICIES)}")
        if encoding not in ENCODINGS:
            raise ParamError(f"stage 'tokens': {ENCODINGS.unknown_message(str(encoding))}")
        if isinstance(val_set_size, bool) or not isinstance(val_set_size, int | float) or not 0 <= val_set_size < 1:
            raise ParamError(f"stage 'tokens': val_set_size must be a fraction in [0, 1), got {val_set_size!r}")
        self.max_len = max_len
        self.policy = policy
        self.encoding = encoding
        self.default_system_prompt = default_system_prompt
        self.micro_batch_size = micro_batch_size
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.num_gpus = num_gpus
        self.num_epochs = num_epochs
        self.val_set_size = val_set_size
        self._enc: Encoding | None = None

    # The encoder is a native object: build it lazily in each worker, never pickle it.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_enc"] = None
        return state

    @property
    def enc(self) -> Encoding:
        if self._enc is None:
            self._enc = get_encoding(self.encoding)
        return self._enc

    def count(self, batch: Batch | Sequence[Conversation]) -> Counts:
        if not isinstance(batch, Batch):
            batch = Batch.from_conversations("", batch, np.zeros(len(batch), np.int64))
        return count_batch(batch, self.enc, self.default_system_prompt, 1)

    def verdicts(self, c: Counts) -> list[LengthVerdict]:
        over = c.tokens > self.max_len
        cuts = truncation_cuts(c, self.max_len) if self.policy == "truncate-turns" and over.any() else None
        cum_tok = np.cumsum(c.seg_tokens)
        cum_tr = np.cumsum(c.seg_trainable)
        out = []
        for r, (tok, tr) in enumerate(zip(c.tokens.tolist(), c.trainable.tolist(), strict=True)):
            if not over[r]:
                out.append(LengthVerdict("kept", tok, tr, tok, tr))
            elif self.policy == "keep":
                out.append(LengthVerdict("over_limit_kept", tok, tr, tok, tr))
            elif cuts is not None and cuts[r] >= 0:
                j, first = int(cuts[r]), int(c.starts[r])
                base_tok = int(cum_tok[first - 1]) if first else 0
                base_tr = int(cum_tr[first - 1]) if first else 0
                out.append(
                    LengthVerdict(
                        "truncated",
                        tok,
                        tr,
                        int(cum_tok[j]) - base_tok,
                        int(cum_tr[j]) - base_tr,
                        int(c.seg_turn[j]) + 1,
                    )
                )
            else:
                out.append(LengthVerdict("dropped", tok, tr))
        return out

    def process(self, batch: Batch) -> StageOutput:
        c = self.count(batch)
        out = StageOutput()
        k = out.counters
        kept_in, kept_out, kept_tr, rejected_in = [], [], [], []
        stats = []
        for i, v in enumerate(self.verdicts(c)):
            stats.append({"id": batch.ids[i], "tokens": v.tokens, "trainable_tokens": v.trainable})
            k["tokens_in"] += v.tokens
            k["trainable_tokens_in"] += v.trainable
            if v.tokens > self.max_len:
                k["over_limit"] += 1
            if v.action == "dropped":
                out.drop(i, "tokens:too_long", tokens=v.tokens, trainable_tokens=v.trainable, max_len=self.max_len)
                rejected_in.append(v.tokens)
                continue
            if v.action == "truncated":
                k["tokens:truncated_turns"] += 1
                conv = batch[i]
                k["turns_removed"] += len(conv.turns) - v.keep_turns
                out.edit(i, replace(conv, turns=conv.turns[: v.keep_turns]))
            k["tokens_out"] += v.kept_tokens
            k["trainable_tokens_out"] += v.kept_trainable
            kept_in.append(v.tokens)
            kept_out.append(v.kept_tokens)
            kept_tr.append(v.kept_trainable)
        k["default_system_inserted"] += int(c.default_system.sum())
        k["system_turns_ignored_by_trainer"] += int(c.ignored_system.sum())
        for key in [key for key, v in k.items() if v == 0]:
            del k[key]
        out.side["stats"] = stats
        out.notes["tokens"] = tuple(np.asarray(a, np.int64) for a in (kept_in, kept_out, kept_tr, rejected_in))
        return out

    # -- report ------------------------------------------------------------------------------------

    def training(self) -> dict[str, Any]:
        return {
            "sequence_len": self.max_len,
            "micro_batch_size": self.micro_batch_size,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
            "num_gpus": self.num_gpus,
            "total_batch": self.micro_batch_size * self.gradient_accumulation_steps * self.num_gpus,
            "num_epochs": self.num_epochs,
            "val_set_size": self.val_set_size,
        }

    def summary(self) -> TokensSummary:
        return TokensSummary()

    def report(self, report_dir: Path, summaries: Mapping[str, Any]) -> dict[str, Any]:
        summary = self.summarise(summaries)
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "tokens.json").write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
        (report_dir / "tokens.md").write_text(render_markdown(summary))
        return summary

    def summarise(self, summaries: Mapping[str, Any]) -> dict[str, Any]:
        files: dict[str, Any] = {}
        all_kept: list[np.ndarray] = []
        for name, acc in summaries.items():
            lens_in, lens_out, tr_out = acc.lengths()
            files[name] = file_stats(lens_in, lens_out, tr_out, acc.counters, acc.dropped_too_long, self.max_len)
            all_kept.append(lens_out)
        kept = np.concatenate(all_kept) if all_kept else np.zeros(0, dtype=np.int64)
        return {
            "encoding": self.encoding,
            "max_len": self.max_len,
            "policy": self.policy,
            "files": files,
            "estimate": budget_estimate(kept, self.training()),
        }


class TokensSummary:
    """One source's token counts as compact arrays (input length of every record, kept lengths and trainable
    counts) and its counters: all the report needs, without the records."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.counters: Counter[str] = Counter()
        self.dropped_too_long = 0

    def add(self, batch: Batch, out: StageOutput) -> None:
        self.counters.update(out.counters)
        self.dropped_too_long += sum(1 for d in out.drops.values() if d.reason == "tokens:too_long")
        self.parts.append(out.notes["tokens"])

    def merge(self, other: TokensSummary) -> None:
        self.counters.update(other.counters)
        self.dropped_too_long += other.dropped_too_long
        self.parts += other.parts

    def lengths(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Input lengths of every record (kept, then rejected here), and kept lengths / trainable counts."""

        def col(k: int) -> np.ndarray:
            return np.concatenate([p[k] for p in self.parts]) if self.parts else np.zeros(0, np.int64)

        return np.concatenate([col(0), col(3)]), col(1), col(2)
