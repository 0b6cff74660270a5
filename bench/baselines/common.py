"""What every baseline shares, written the way a user of those libraries would (no dolphin_data imports).

Read ShareGPT JSONL; compare the ``conversation`` text (human and gpt turns joined by a newline, no system
prompt), normalised like dolphin-data's ``default`` (lowercase, punctuation -> space, whitespace collapsed),
as word 5-grams; keep a record unless an earlier kept record is an LSH candidate whose MinHash estimate is
at or above the threshold; write the kept lines as they were and one reject per removed record
(``id``, ``reason``, ``duplicate_of``, the record).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import orjson

THRESHOLD = 0.8
NUM_PERM = 128
BANDS, ROWS = 16, 8  # the banding dolphin-data picks for 0.8 / 128 (mean recall 0.99 above the threshold)
NGRAM = 5
_PUNCT = re.compile(r"[^\w\s]+")
_WS = re.compile(r"\s+")


def shingles(row: dict[str, Any]) -> list[str]:
    text = "\n".join(t.get("value", "") for t in row.get("conversations", []) if t.get("from") in ("human", "gpt"))
    words = _WS.sub(" ", _PUNCT.sub(" ", text.lower())).strip().split()
    if not words:
        return []
    return [" ".join(words[i : i + NGRAM]) for i in range(max(1, len(words) - NGRAM + 1))]


def read(path: str) -> tuple[list[bytes], list[dict[str, Any]]]:
    with open(path, "rb") as fh:
        lines = [line for line in fh if line.strip()]
    return lines, [orjson.loads(line) for line in lines]


def write(
    out: str, rejects: str, lines: Sequence[bytes], rows: Sequence[dict[str, Any]], duplicate_of: Sequence[int | None]
) -> tuple[int, int]:
    kept = removed = 0
    with open(out, "wb") as ko, open(rejects, "wb") as ro:
        for i, dup in enumerate(duplicate_of):
            if dup is None:
                ko.write(lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n")
                kept += 1
            else:
                head = orjson.dumps(
                    {"id": rows[i].get("id"), "reason": "dup:near", "duplicate_of": rows[dup].get("id")}
                )
                ro.write(head[:-1] + b',"record":' + lines[i].rstrip(b"\n") + b"}\n")
                removed += 1
    return kept, removed


def main(dedup: Callable[[list[list[str]]], list[int | None]]) -> None:
    """``python SCRIPT IN.jsonl OUT.jsonl REJECTS.jsonl``"""
    src, out, rejects = sys.argv[1:4]
    lines, rows = read(src)
    kept, removed = write(out, rejects, lines, rows, dedup([shingles(r) for r in rows]))
    print(orjson.dumps({"in": len(rows), "kept": kept, "removed": removed}).decode())
