"""Ground truth: the expected fate of every planted row, and scoring a build against it.

``GROUND_TRUTH.jsonl`` has one line per planted row: ``source``, ``file``, ``line`` (1-based, the numbering of
``dolphin_data.io.iter_rows``), ``id`` (what convert names the conversation), ``kind``, ``fate`` and ``certain``.
A fate is ``kept`` or ``<stage>:<reason prefix>`` (alternatives separated by ``|``); ``certain`` is true where the
outcome follows from a rule (schema errors, lexicon phrases, exact duplicates, token counts, leak patterns) and
false where it depends on a model or an estimate (classifier-only refusals, near duplicates, near misses). Copies
name their original as ``of_source``/``of_line``. Rows a ``sample`` stage drops never reach the later stages: the
score leaves them out, and copies whose original was sampled out.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson

from dolphin_data.synth import phrases as P
from dolphin_data.synth.plan import REASONS

FATES: dict[str, tuple[str, bool]] = {
    "refusal": ("unfilter:refusal:", True),
    # boilerplate before a real answer: the unfilter repairs it (the lead sentence goes) and keeps the conversation;
    # whether every phrasing passes the repair's re-check is the model's call, so not certain
    "boilerplate": ("kept", False),
    "soft_refusal": ("unfilter:refusal:", False),
    "hard_negative": ("kept", False),
    "leak": ("systemchat_validate:system:leak", True),
    "sentinel": ("systemchat_validate:system:sentinel", True),
    "directive": ("systemchat_validate:system:directive:exact_words", True),
    "long": ("tokens:tokens:too_long", True),
    "non_english": ("kept", True),
    "dup_original": ("kept", True),
    "dup_exact": ("dedup:dup:exact", True),
    "dup_cross_exact": ("dedup:dup:exact", True),
    "dup_near": ("dedup:dup:near", False),
    "dup_cross_near": ("dedup:dup:near", False),
    "near_below": ("kept", False),
}


def fate(kind: str, arg: int, source: str) -> tuple[str, bool]:
    if kind == "malformed":
        return f"convert:schema:{REASONS[arg]}", True
    if kind == "leak" and source == "systemchat":  # the recipe repairs SystemChat leaks when the rest stands
        return "systemchat_validate:system:leak|kept", False
    return FATES[kind]


def detail(kind: str, arg: int) -> dict[str, Any]:
    texts = {
        "refusal": P.REFUSALS,
        "boilerplate": P.BOILERPLATE,
        "soft_refusal": P.SOFT_REFUSALS,
        "hard_negative": P.HARD_NEGATIVES,
        "leak": P.LEAKS,
    }
    if kind in texts:
        return {"phrase": texts[kind][arg].strip()}
    if kind == "directive":
        return {"phrase": P.DIRECTIVE_SYSTEMS[arg][0]}
    return {}


def read_truth(path: str | Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in Path(path).read_bytes().splitlines() if line.strip()]


def outcomes(build_dir: str | Path) -> tuple[dict[tuple[str, int], str], dict[tuple[str, str], str]]:
    """What a build did: convert rejects by (source, line), later rejects by (source, id) as ``stage:reason``."""
    by_line: dict[tuple[str, int], str] = {}
    by_id: dict[tuple[str, str], str] = {}
    for path in sorted((Path(build_dir) / "rejects").glob("*.jsonl")):
        with open(path, "rb") as fh:
            for raw in fh:
                r = orjson.loads(raw)
                outcome = f"{r['stage']}:{r['reason']}"
                if r["stage"] == "convert":
                    by_line[(r["source"], int(r["line"]))] = outcome
                else:
                    by_id[(r["source"], r["id"])] = outcome
    return by_line, by_id


def matches(expected: str, got: str) -> bool:
    return any(got == e or (e != "kept" and got.startswith(e)) for e in expected.split("|"))


def score(truth: list[dict[str, Any]], build_dir: str | Path) -> dict[str, Any]:
    """Per kind: rows scored, rows whose outcome matches, and up to 5 mismatches; plus the certain-row total."""
    by_line, by_id = outcomes(build_dir)

    def got(row: dict[str, Any]) -> str:
        return by_line.get((row["source"], row["line"])) or by_id.get((row["source"], row["id"])) or "kept"

    ids = {(r["source"], r["line"]): r["id"] for r in truth}
    counts: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    wrong: dict[str, list[dict[str, Any]]] = {}
    certain = certain_ok = 0
    for row in truth:
        outcome = got(row)
        if outcome.startswith("sample:"):
            continue
        if "of_source" in row:
            orig = ids.get((row["of_source"], row["of_line"]))
            if orig is not None and by_id.get((row["of_source"], orig), "").startswith("sample:"):
                continue
        ok = matches(row["fate"], outcome)
        counts[row["kind"]] += 1
        hits[row["kind"]] += ok
        if row["certain"]:
            certain += 1
            certain_ok += ok
        if not ok:
            wrong.setdefault(row["kind"], [])
            if len(wrong[row["kind"]]) < 5:
                wrong[row["kind"]].append({**{k: row[k] for k in ("source", "line", "id", "fate")}, "got": outcome})
    kinds = {
        k: {"rows": counts[k], "matched": hits[k], "recall": round(hits[k] / counts[k], 4)} for k in sorted(counts)
    }
    return {"kinds": kinds, "certain": certain, "certain_matched": certain_ok, "mismatches": wrong}
