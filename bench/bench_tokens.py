"""Token counting speed: batched quicktok on all cores vs plain ``tiktoken`` ``encode`` of the same texts.

Texts are the ChatML segments the tokens stage encodes (``<|im_start|>role\\n...<|im_end|>\\n``), rendered from
the sample corpora in ``raw/`` (every recipe source, through its converter). To reach a measurable size the
records are repeated with their words shuffled by a seeded RNG (a new order each copy, same vocabulary).
``BENCH_TOKENS_FILE=path.jsonl`` uses a ShareGPT/messages file instead (e.g. a full build output).

Baselines, measured in the same run on the same texts: tiktoken ``Encoding.encode`` one text at a time with the
Llama 3 reference encoding (same vocabulary and regex), and with cl100k_base (tiktoken's own, like for like).
"Ours" is the stage's own path, ``count_conversations``: rendering, one batched quicktok encode of the text
between the structural ChatML tokens, and numpy sums. Its per-segment counts, and quicktok's ids, are checked
equal to the reference on the whole corpus. Best of 3 runs each.
"""

from __future__ import annotations

import json
import os
import random
import resource
import time
from pathlib import Path

import numpy as np

from dolphin_data.model import Conversation, Turn
from dolphin_data.tokens.chatml import count_conversations, segments
from dolphin_data.tokens.encoding import get_encoding

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "tokens.json"
TARGET_BYTES = int(os.environ.get("BENCH_TOKENS_MB", "8")) * 1_000_000


def load_conversations() -> tuple[list[Conversation], str]:
    path = os.environ.get("BENCH_TOKENS_FILE")
    if path:
        from dolphin_data.engine.plan import sniff_shape
        from dolphin_data.stages.convert import convert_file

        return convert_file(path, sniff_shape(Path(path)))[0], path
    from dolphin_data.io import iter_rows
    from dolphin_data.recipe import load_recipe
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.stages.convert import convert_rows

    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    convs: list[Conversation] = []
    for spec in recipe.sources:
        for f in resolve_raw_files(spec, REPO / "raw"):
            convs += [c for c in convert_rows(iter_rows(f), spec.converter, spec.name) if isinstance(c, Conversation)]
    return convs, "raw/ (all recipe sources)"


def grow(convs: list[Conversation], target: int) -> list[Conversation]:
    rng = random.Random(0)
    out = list(convs)
    size = sum(len(t.text.encode()) for c in convs for t in c.turns)
    k = 0
    while size and size * (len(out) / len(convs)) < target:
        k += 1
        for c in convs:
            turns = []
            for t in c.turns:
                words = t.text.split(" ")
                rng.shuffle(words)
                turns.append(Turn(t.role, " ".join(words)))
            out.append(Conversation(f"{c.id}#{k}", c.source, tuple(turns)))
    return out


def seg_counts_with_bos(offsets: np.ndarray, counted) -> np.ndarray:
    """Reference per-segment counts, with the BOS the stage adds to each record's first segment."""
    seg = np.diff(offsets).astype(np.int64)
    seg[counted.starts[:-1][np.diff(counted.starts) > 0]] += 1
    return seg


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    convs, origin = load_conversations()
    convs = grow(convs, TARGET_BYTES)
    texts = [text for c in convs for _, _, text in segments(c)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    fast = get_encoding("llama3")
    ref = get_encoding("llama3-tiktoken")
    cl100k = get_encoding("cl100k_base")
    cores = os.cpu_count() or 1

    ids_fast, off_fast = fast.encode_batch(texts, 0)
    ids_ref, off_ref = ref.encode_batch(texts)
    counted = count_conversations(convs, fast)
    identical = bool(
        np.array_equal(off_fast, off_ref)
        and np.array_equal(ids_fast, ids_ref)
        and np.array_equal(counted.seg_tokens, seg_counts_with_bos(off_ref, counted))
    )

    def plain(enc):
        return lambda: [enc.encode(t, allowed_special="all") for t in texts]

    timings = {
        # the job: token counts of every ChatML segment of every record (what the tokens stage does)
        "ours_count_conversations_all_cores": best_of(lambda: count_conversations(convs, fast, threads=0)),
        "ours_count_conversations_1_thread": best_of(lambda: count_conversations(convs, fast, threads=1)),
        "quicktok_encode_batch_ids_all_cores": best_of(lambda: fast.encode_batch(texts, 0)),
        "tiktoken_llama3_plain_encode": best_of(plain(ref.enc)),
        "tiktoken_cl100k_plain_encode": best_of(plain(cl100k.enc)),
        "tiktoken_llama3_encode_batch_all_cores": best_of(
            lambda: ref.enc.encode_batch(texts, num_threads=cores, allowed_special="all")
        ),
    }
    mbps = {k: round(mb / v, 2) for k, v in timings.items()}
    ratio_ll = timings["tiktoken_llama3_plain_encode"] / timings["ours_count_conversations_all_cores"]
    ratio_cl = timings["tiktoken_cl100k_plain_encode"] / timings["ours_count_conversations_all_cores"]
    result = {
        "corpus": origin,
        "records": len(convs),
        "segments": len(texts),
        "megabytes": round(mb, 2),
        "tokens": int(off_fast[-1]),
        "cores": cores,
        "ids_identical_to_reference": identical,
        "seconds": {k: round(v, 4) for k, v in timings.items()},
        "mb_per_s": mbps,
        "ratio_vs_tiktoken_llama3_plain": round(ratio_ll, 2),
        "ratio_vs_tiktoken_cl100k_plain": round(ratio_cl, 2),
        "goal_ratio": 3.0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(
        f"corpus: {origin}; {len(convs):,} records, {len(texts):,} ChatML segments, {mb:.1f} MB, "
        f"{int(off_fast[-1]):,} tokens, {cores} cores; ids identical to the tiktoken reference: {identical}"
    )
    print(f"{'path':<42} {'seconds':>9} {'MB/s':>9}")
    for k in timings:
        print(f"{k:<42} {timings[k]:>9.3f} {mbps[k]:>9.2f}")
    print(
        f"ratio vs plain tiktoken encode: {ratio_ll:.2f}x (Llama 3 reference), {ratio_cl:.2f}x (cl100k_base); "
        f"goal >= 3x; peak RSS {result['peak_rss_mb']} MB"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    if not identical:
        raise SystemExit("bench tokens: quicktok ids differ from the tiktoken reference")


if __name__ == "__main__":
    main()
