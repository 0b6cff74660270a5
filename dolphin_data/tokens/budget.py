"""Token statistics and the training budget: histogram, percentiles, per-file stats, best-fit-decreasing packing
and the steps-per-epoch estimate beside the model card's figure, and the Markdown report."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

MODEL_CARD_STEPS_PER_EPOCH = 2220  # Dolphin 2.9 Llama 3 8b card, results table, at total batch 96
HIST_EDGES = (128, 256, 512, 1024, 2048, 3072, 4096, 8192, 16384, 32768)


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


def file_stats(
    lens_in: np.ndarray,
    lens_out: np.ndarray,
    tr_out: np.ndarray,
    counters: Mapping[str, int],
    dropped_too_long: int,
    max_len: int,
) -> dict[str, Any]:
    k = counters
    return {
        "records_in": int(lens_in.size),
        "records_out": int(lens_out.size),
        "tokens_in": int(k.get("tokens_in", 0)),
        "trainable_tokens_in": int(k.get("trainable_tokens_in", 0)),
        "tokens": int(lens_out.sum()),
        "trainable_tokens": int(tr_out.sum()),
        "over_limit": int((lens_in > max_len).sum()),
        "dropped_too_long": dropped_too_long,
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
