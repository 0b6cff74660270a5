"""Stage ``tokens``: exact token counts of the trainer's ChatML rendering, the length policy, and budgets.

Per record: ``tokens`` (whole sample incl. BOS) and ``trainable_tokens`` (see ``chatml``). A record with
``tokens > max_len`` is what Axolotl's ``drop_long_seq`` removes. Policies:

- ``drop`` (default, as the trainer): reject ``tokens:too_long`` with the counts.
- ``truncate-turns``: keep the longest prefix that ends after an assistant turn (whole human/gpt pairs
  from the start) and fits; counted as ``tokens:truncated_turns``. No fitting prefix -> ``tokens:too_long``.
- ``keep``: keep everything, count ``over_limit``.

Kept records carry their counts in ``metadata["tokens"]``; the build's ``TokensSummary`` copies them into compact
arrays batch by batch, so ``report`` (run in the driver) can compute the per-file totals, histogram, percentiles
and the packed-rows / steps-per-epoch estimate without re-encoding or holding the records.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.errors import UserError
from dolphin_data.model import Conversation, Reject
from dolphin_data.stages import STAGES, ParamError, Stage, StageOutput, summaries
from dolphin_data.tokens.chatml import DEFAULT_SYSTEM_PROMPT, GPT, Counts, count_conversations
from dolphin_data.tokens.encoding import ENCODINGS, Encoding, get_encoding

POLICIES = ("drop", "truncate-turns", "keep")
MODEL_CARD_STEPS_PER_EPOCH = 2220  # Dolphin 2.9 Llama 3 8b card, results table, at total batch 96
HIST_EDGES = (128, 256, 512, 1024, 2048, 3072, 4096, 8192, 16384, 32768)


@dataclass
class Decision:
    """What the policy did to one record (input counts, and the counts of what is kept)."""

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
class TokensStage(Stage):
    """Exact Llama 3 token counts of the ChatML rendering; drop/truncate records over max_len -> tokens:too_long."""

    name = "tokens"
    kind = "batch"

    def __init__(
        self,
        max_len: int = 4096,
        policy: str = "drop",
        encoding: str = "llama3",
        default_system_prompt: str | None = DEFAULT_SYSTEM_PROMPT,
        micro_batch_size: int = 3,
        gradient_accumulation_steps: int = 4,
        num_gpus: int = 8,
        num_epochs: int = 3,
        val_set_size: float = 0.0002,
        threads: int = 0,
    ):
        for key, val in (("max_len", max_len), ("micro_batch_size", micro_batch_size),
                         ("gradient_accumulation_steps", gradient_accumulation_steps), ("num_gpus", num_gpus),
                         ("num_epochs", num_epochs)):
            if isinstance(val, bool) or not isinstance(val, int) or val < 1:
                raise ParamError(f"stage 'tokens': {key} must be a positive integer, got {val!r}")
        if policy not in POLICIES:
            raise ParamError(f"stage 'tokens': policy {policy!r} is not one of {', '.join(POLICIES)}")
        if encoding not in ENCODINGS:
            raise ParamError(f"stage 'tokens': {ENCODINGS.unknown_message(str(encoding))}")
        if default_system_prompt is not None and not isinstance(default_system_prompt, str):
            raise ParamError(f"stage 'tokens': default_system_prompt must be a string or null, got {default_system_prompt!r}")
        if isinstance(val_set_size, bool) or not isinstance(val_set_size, int | float) or not 0 <= val_set_size < 1:
            raise ParamError(f"stage 'tokens': val_set_size must be a fraction in [0, 1), got {val_set_size!r}")
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
            raise ParamError(f"stage 'tokens': threads must be >= 0 (0 = all cores), got {threads!r}")
        self.max_len = max_len
        self.policy = policy
        self.encoding = encoding
        self.default_system_prompt = default_system_prompt
        self.micro_batch_size = micro_batch_size
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.num_gpus = num_gpus
        self.num_epochs = num_epochs
        self.val_set_size = val_set_size
        self.threads = threads
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

    def count(self, batch: Sequence[Conversation]) -> Counts:
        return count_conversations(batch, self.enc, self.default_system_prompt, self.threads)

    def decide(self, c: Counts) -> list[Decision]:
        over = c.tokens > self.max_len
        cuts = truncation_cuts(c, self.max_len) if self.policy == "truncate-turns" and over.any() else None
        cum_tok = np.cumsum(c.seg_tokens)
        cum_tr = np.cumsum(c.seg_trainable)
        decisions = []
        for r in range(len(c.tokens)):
            tok, tr = int(c.tokens[r]), int(c.trainable[r])
            if not over[r]:
                decisions.append(Decision("kept", tok, tr, tok, tr))
            elif self.policy == "keep":
                decisions.append(Decision("over_limit_kept", tok, tr, tok, tr))
            elif cuts is not None and cuts[r] >= 0:
                j, first = int(cuts[r]), int(c.starts[r])
                base_tok = int(cum_tok[first - 1]) if first else 0
                base_tr = int(cum_tr[first - 1]) if first else 0
                decisions.append(Decision("truncated", tok, tr, int(cum_tok[j]) - base_tok, int(cum_tr[j]) - base_tr,
                                          int(c.seg_turn[j]) + 1))
            else:
                decisions.append(Decision("dropped", tok, tr))
        return decisions

    def apply(self, batch: Sequence[Conversation], c: Counts, decisions: Sequence[Decision]) -> StageOutput:
        out = StageOutput([])
        k = out.counters
        for conv, d in zip(batch, decisions, strict=True):
            k["tokens_in"] += d.tokens
            k["trainable_tokens_in"] += d.trainable
            if d.tokens > self.max_len:
                k["over_limit"] += 1
            if d.action == "dropped":
                out.rejects.append(Reject.of(conv, self.name, "tokens:too_long", tokens=d.tokens,
                                             trainable_tokens=d.trainable, max_len=self.max_len))
                continue
            meta: dict[str, Any] = {"tokens": d.kept_tokens, "trainable_tokens": d.kept_trainable}
            if d.action == "truncated":
                k["tokens:truncated_turns"] += 1
                k["turns_removed"] += len(conv.turns) - d.keep_turns
                meta.update(input_tokens=d.tokens, input_trainable_tokens=d.trainable)
                conv = replace(conv, turns=conv.turns[: d.keep_turns])
            k["tokens_out"] += d.kept_tokens
            k["trainable_tokens_out"] += d.kept_trainable
            out.kept.append(replace(conv, metadata={**conv.metadata, "tokens": meta}))
        k["default_system_inserted"] += int(c.default_system.sum())
        k["system_turns_ignored_by_trainer"] += int(c.ignored_system.sum())
        for key in [key for key, v in k.items() if v == 0]:
            del k[key]
        return out

    def process(self, batch: list[Conversation]) -> StageOutput:
        c = self.count(batch)
        return self.apply(batch, c, self.decide(c))

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
        return TokensSummary(self.name)

    def report(self, report_dir: Path, results: Mapping[str, Any]) -> dict[str, Any]:
        files: dict[str, Any] = {}
        all_kept: list[np.ndarray] = []
        for name, acc in summaries(self, results).items():
            lens_in, lens_out, tr_out = acc.lengths()
            files[name] = file_stats(lens_in, lens_out, tr_out, acc, self.max_len)
            all_kept.append(lens_out)
        kept = np.concatenate(all_kept) if all_kept else np.zeros(0, dtype=np.int64)
        estimate = budget_estimate(kept, self.training())
        summary = {"encoding": self.encoding, "max_len": self.max_len, "policy": self.policy,
                   "files": files, "estimate": estimate}
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "tokens.json").write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
        (report_dir / "tokens.md").write_text(render_markdown(summary))
        return summary


class TokensSummary:
    """One source's token counts as compact arrays (input length of every record, kept lengths and trainable
    counts), its counters and its too-long drops: all the report needs, without the records."""

    def __init__(self, stage: str):
        self.stage = stage
        self.kept_in, self.rejected_in, self.kept_out, self.kept_trainable = array("q"), array("q"), array("q"), array("q")
        self.counters: Counter[str] = Counter()
        self.dropped_too_long = 0

    def add(self, out: StageOutput) -> None:
        self.counters.update(out.counters)
        for c in out.kept:
            m = c.metadata.get("tokens")
            if m is not None:
                self.kept_out.append(m["tokens"])
                self.kept_trainable.append(m["trainable_tokens"])
                self.kept_in.append(m.get("input_tokens", m["tokens"]))
        for r in out.rejects:
            if r.reason == "tokens:too_long":
                self.dropped_too_long += 1
            if r.stage == self.stage and "tokens" in r.extra:
                self.rejected_in.append(int(r.extra["tokens"]))

    def lengths(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Input lengths of every record (kept, then rejected here), and kept lengths / trainable counts."""
        def arr(a: array) -> np.ndarray:
            return np.array(a, dtype=np.int64)

        return np.concatenate([arr(self.kept_in), arr(self.rejected_in)]), arr(self.kept_out), arr(self.kept_trainable)


def histogram(lengths: np.ndarray, max_len: int) -> dict[str, int]:
    edges = sorted(set(HIST_EDGES) | {max_len})
    # bin i holds (edges[i-1], edges[i]]; the last bin everything above the last edge
    idx = np.searchsorted(np.asarray(edges), lengths, side="left")
    counts = np.bincount(idx, minlength=len(edges) + 1)
    labels = [f"<={edges[0]}"] + [f"{a + 1}-{b}" for a, b in zip(edges, edges[1:], strict=False)] + [f">{edges[-1]}"]
    return {lab: int(n) for lab, n in zip(labels, counts, strict=True)}


def percentiles(lengths: np.ndarray) -> dict[str, int]:
    if lengths.size == 0:
        return {"p50": 0, "p95": 0, "p99": 0, "max": 0}
    p = np.percentile(lengths, [50, 95, 99], method="inverted_cdf")  # observed values, nearest rank
    return {"p50": int(p[0]), "p95": int(p[1]), "p99": int(p[2]), "max": int(lengths.max())}


def file_stats(lens_in: np.ndarray, lens_out: np.ndarray, tr_out: np.ndarray, acc: TokensSummary, max_len: int) -> dict[str, Any]:
    k = acc.counters
    return {
        "records_in": int(lens_in.size),
        "records_out": int(lens_out.size),
        "tokens_in": int(k.get("tokens_in", 0)),
        "trainable_tokens_in": int(k.get("trainable_tokens_in", 0)),
        "tokens": int(lens_out.sum()),
        "trainable_tokens": int(tr_out.sum()),
        "over_limit": int((lens_in > max_len).sum()),
        "dropped_too_long": acc.dropped_too_long,
        "truncated": int(k.get("tokens:truncated_turns", 0)),
        "default_system_inserted": int(k.get("default_system_inserted", 0)),
        "percentiles": percentiles(lens_in),
        "histogram": histogram(lens_in, max_len),
    }


def pack_rows(lengths: np.ndarray, capacity: int) -> int:
    """Rows of ``capacity`` tokens needed to pack whole samples, best-fit decreasing (exact BFD).

    Equal sizes are placed together and the open rows are kept as a histogram of remaining space, so the
    work is O(distinct sizes x capacity) numpy, not a Python loop per sample. Samples longer than the
    capacity are left out (the trainer drops them).
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    lengths = lengths[(lengths > 0) & (lengths <= capacity)]
    if lengths.size == 0:
        return 0
    sizes, counts = np.unique(lengths, return_counts=True)
    space = np.zeros(capacity + 1, dtype=np.int64)  # open rows by remaining space
    rows = 0
    for s, c in zip(sizes[::-1].tolist(), counts[::-1].tolist(), strict=True):
        nz = np.nonzero(space[s:])[0]
        if nz.size:
            rem = nz + s  # candidate rows' remaining space, ascending = best fit first
            nrows = space[rem]
            per_row = rem // s  # a best-fit row takes items until its space drops below s
            cum = np.cumsum(nrows * per_row)
            full = int(np.searchsorted(cum, c, side="right"))  # groups used up entirely
            if full:
                space[rem[:full]] -= nrows[:full]
                np.add.at(space, rem[:full] - per_row[:full] * s, nrows[:full])
                c -= int(cum[full - 1])
            if c and full < nz.size:
                r0, k0 = int(rem[full]), int(per_row[full])
                whole, rest = divmod(c, k0)
                space[r0] -= whole
                space[r0 - k0 * s] += whole
                if rest:
                    space[r0] -= 1
                    space[r0 - rest * s] += 1
                c = 0
        if c:
            k = capacity // s
            whole, rest = divmod(c, k)
            rows += whole + (1 if rest else 0)
            space[capacity - k * s] += whole
            if rest:
                space[capacity - rest * s] += 1
    return rows


def budget_estimate(kept_lengths: np.ndarray, training: Mapping[str, Any]) -> dict[str, Any]:
    """Packed rows and optimizer steps per epoch for all files together (Axolotl packs the merged set)."""
    seq = int(training["sequence_len"])
    fits = kept_lengths[kept_lengths <= seq]
    rows = pack_rows(fits, seq)
    tokens = int(fits.sum())
    train_rows = rows * (1 - float(training["val_set_size"]))
    steps = math.floor(train_rows / training["total_batch"])
    return {
        **training,
        "samples": int(fits.size),
        "tokens": tokens,
        "packed_rows": rows,
        "packed_rows_lower_bound": math.ceil(tokens / seq) if tokens else 0,
        "packing_efficiency": round(tokens / (rows * seq), 4) if rows else 0.0,
        "steps_per_epoch": steps,
        "steps_per_epoch_fractional": round(train_rows / training["total_batch"], 3),
        "total_steps": steps * int(training["num_epochs"]),
        "model_card_steps_per_epoch": MODEL_CARD_STEPS_PER_EPOCH,
    }


def render_markdown(summary: Mapping[str, Any]) -> str:
    lines = [
        f"# Tokens ({summary['encoding']}, max_len {summary['max_len']}, policy {summary['policy']})",
        "",
        "| file | records in | out | tokens in | tokens out | trainable out | over limit | truncated | p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in summary["files"].items():
        p = f["percentiles"]
        lines.append(
            f"| {name} | {f['records_in']:,} | {f['records_out']:,} | {f['tokens_in']:,} | {f['tokens']:,} | "
            f"{f['trainable_tokens']:,} | {f['over_limit']:,} | {f['truncated']:,} | {p['p50']:,} | {p['p95']:,} | "
            f"{p['p99']:,} | {p['max']:,} |"
        )
    lines += ["", "## Length histogram (input records, tokens incl. BOS)", ""]
    labels = next(iter(summary["files"].values()))["histogram"].keys() if summary["files"] else []
    lines.append("| file | " + " | ".join(labels) + " |")
    lines.append("|---|" + "---:|" * len(labels))
    for name, f in summary["files"].items():
        lines.append(f"| {name} | " + " | ".join(f"{v:,}" for v in f["histogram"].values()) + " |")
    e = summary["estimate"]
    lines += [
        "",
        "## Training budget estimate (all files packed together, best-fit decreasing)",
        "",
        f"- samples <= {e['sequence_len']} tokens: {e['samples']:,}; tokens: {e['tokens']:,}",
        f"- packed {e['sequence_len']}-token rows: {e['packed_rows']:,} (lower bound {e['packed_rows_lower_bound']:,}, "
        f"efficiency {e['packing_efficiency']:.2%})",
        f"- optimizer steps per epoch at total batch {e['total_batch']} "
        f"({e['micro_batch_size']} x {e['gradient_accumulation_steps']} x {e['num_gpus']} GPUs, val {e['val_set_size']}): "
        f"**{e['steps_per_epoch']:,}** ({e['steps_per_epoch_fractional']}; model card, full-size build: "
        f"{e['model_card_steps_per_epoch']:,}); "
        f"{e['num_epochs']} epochs: {e['total_steps']:,}",
        "",
    ]
    return "\n".join(lines)


# -- file API (what `dolphin-data tokens` calls) -----------------------------------------------------


@dataclass
class TokensFileRun:
    rows: int
    kept: int
    rejected: Counter[str]
    counters: Counter[str]
    summary: dict[str, Any]


def tokens_file(
    stage: TokensStage,
    input_path: str | Path,
    stats_path: str | Path,
    out: str | Path | None = None,
    rejects: str | Path | None = None,
    report_dir: str | Path | None = None,
    batch_size: int = 4096,
) -> TokensFileRun:
    """Count one ShareGPT/messages JSONL file; write stats lines in input order, and optionally OUT/REJECTS."""
    from dolphin_data.io import write_jsonl
    from dolphin_data.stagefile import load_conversations

    if (out is None) != (rejects is None):
        raise UserError("tokens: give --out and --rejects together (every record goes to one of them), or neither")
    loaded = load_conversations(input_path)
    result = StageOutput([])
    stats_lines: list[bytes] = []
    for i in range(0, len(loaded.convs), batch_size):
        batch = loaded.convs[i : i + batch_size]
        c = stage.count(batch)
        for conv, tok, tr in zip(batch, c.tokens.tolist(), c.trainable.tolist(), strict=True):
            stats_lines.append(orjson.dumps({"id": conv.id, "tokens": tok, "trainable_tokens": tr}))
        result.extend(stage.apply(batch, c, stage.decide(c)))
    Path(stats_path).write_bytes(b"".join(line + b"\n" for line in stats_lines))
    all_rejects = loaded.rejects + [replace(r, extra={**r.extra, "line": loaded.line_of.get(r.id)}) for r in result.rejects]
    if out is not None and rejects is not None:
        write_jsonl(out, (c.to_record(loaded.shape) for c in result.kept))
        write_jsonl(rejects, (r.to_json() for r in all_rejects))
    stem = loaded.path.name.split(".")[0]
    summary = stage.report(Path(report_dir), {stem: result}) if report_dir is not None else _summary(stage, stem, result)
    counted = Counter(r.reason for r in all_rejects)
    if len(result.kept) + sum(counted.values()) != loaded.rows:
        raise AssertionError(f"accounting: {loaded.rows} rows != {len(result.kept)} kept + {sum(counted.values())} rejected")
    return TokensFileRun(loaded.rows, len(result.kept), counted, result.counters, summary)


def _summary(stage: TokensStage, stem: str, result: StageOutput) -> dict[str, Any]:
    acc = stage.summary()
    acc.add(result)
    lens_in, lens_out, tr_out = acc.lengths()
    return {"encoding": stage.encoding, "max_len": stage.max_len, "policy": stage.policy,
            "files": {stem: file_stats(lens_in, lens_out, tr_out, acc, stage.max_len)},
            "estimate": budget_estimate(lens_out, stage.training())}


def iter_summary_rows(run: TokensFileRun) -> Iterator[tuple[str, Any]]:
    f = next(iter(run.summary["files"].values()))
    e = run.summary["estimate"]
    yield "in", run.rows
    yield "kept", run.kept
    for reason, n in sorted(run.rejected.items()):
        yield f"rejected {reason}", n
    if f["truncated"]:
        yield "truncated (tokens:truncated_turns)", f["truncated"]
    yield f"over {run.summary['max_len']} tokens", f["over_limit"]
    yield "tokens in", f["tokens_in"]
    yield "trainable tokens in", f["trainable_tokens_in"]
    yield "tokens kept", f["tokens"]
    yield "trainable tokens kept", f["trainable_tokens"]
    p = f["percentiles"]
    yield "p50 / p95 / p99 / max", f"{p['p50']:,} / {p['p95']:,} / {p['p99']:,} / {p['max']:,}"
    yield f"packed {e['sequence_len']}-token rows", e["packed_rows"]
    yield f"steps/epoch at batch {e['total_batch']}", f"{e['steps_per_epoch']:,} (model card full build: {e['model_card_steps_per_epoch']:,})"
