"""Baseline: whole-file dedup with rensa (``RMinHash.from_token_sets`` in bulk + ``RMinHashLSH``), one process.

``python -m bench.baselines.dedup_rensa IN.jsonl OUT.jsonl REJECTS.jsonl``
"""

from __future__ import annotations

from rensa import RMinHash, RMinHashLSH

from bench.baselines.common import BANDS, NUM_PERM, THRESHOLD, main


def dedup(docs: list[list[str]]) -> list[int | None]:
    sigs = RMinHash.from_token_sets(docs, NUM_PERM, 42)
    lsh = RMinHashLSH(THRESHOLD, NUM_PERM, BANDS)
    out: list[int | None] = []
    for i, (doc, m) in enumerate(zip(docs, sigs, strict=True)):
        dup = None
        if doc:
            hits = sorted(k for k in lsh.query(m) if sigs[k].jaccard(m) >= THRESHOLD)
            dup = hits[0] if hits else None
            if dup is None:
                lsh.insert(i, m)
        out.append(dup)
    return out


if __name__ == "__main__":
    main(dedup)
