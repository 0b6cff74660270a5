"""Baseline: whole-file dedup with datasketch (``MinHash.bulk`` + ``MinHashLSH``), one process.

``python -m bench.baselines.dedup_datasketch IN.jsonl OUT.jsonl REJECTS.jsonl``
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from bench.baselines.common import BANDS, NUM_PERM, ROWS, THRESHOLD, main


def dedup(docs: list[list[str]]) -> list[int | None]:
    sigs = MinHash.bulk([[s.encode() for s in d] for d in docs], num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS))
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
