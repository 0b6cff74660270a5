"""Where every planted row goes: a global plan over all sources, drawn before any text is written.

``make_plan(scale, seed)`` returns, per source, the planted rows sorted by line (0-based row index here; the
ground truth reports 1-based lines) with their kind, an argument (which phrase, which malformed reason) and, for
duplicates, the donor group and index whose conversation the row carries. A *donor group* is a batch of
conversations shared by the original and the copy of each planted pair: both processes regenerate it from the
same seed, so a pair can span two sources written in parallel. Originals always sit before their copies in
recipe order (earlier source, or earlier line of the same source), so dedup keeps the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dolphin_data.synth import phrases as P
from dolphin_data.synth.profile import CROSS_PAIRS, SOURCE_INDEX, SOURCES, rate, scaled_rows
from dolphin_data.synth.schemas import SCHEMAS

KINDS = (
    "clean",
    "refusal",
    "boilerplate",
    "soft_refusal",
    "hard_negative",
    "leak",
    "sentinel",
    "directive",
    "long",
    "malformed",
    "non_english",
    "dup_original",
    "dup_exact",
    "dup_near",
    "near_below",
    "dup_cross_exact",
    "dup_cross_near",
)
K = {k: i for i, k in enumerate(KINDS)}
PAIR_KINDS = {"dup_exact": "exact", "dup_near": "near", "near_below": "below"}

STRUCTURAL = (
    "empty_turn",
    "too_few_turns",
    "unknown_role",
    "not_alternating",
    "first_not_human",
    "last_not_gpt",
    "system_not_first",
)
REASONS = STRUCTURAL + ("invalid_json", "invalid_utf8", "not_an_object", "missing_key", "null_value", "wrong_type")
NEAR_J = (0.86, 0.95)  # planted near duplicates: estimated word-5-gram Jaccard drawn from this range
BELOW_J = (0.45, 0.65)  # near misses that must stay (below the 0.8 threshold)
MAX_PLANTED = 0.6  # never plant more than this share of a source's rows


def malformed_reasons(schema_name: str) -> tuple[str, ...]:
    """The convert reasons a row of this layout can be planted with."""
    s = SCHEMAS[schema_name]
    if s.name == "orca_math":
        return ("empty_turn", "null_value")
    if s.name == "ultrachat":
        return STRUCTURAL
    byte: tuple[str, ...] = ("not_an_object", "missing_key", "null_value", "wrong_type")
    if not s.array:
        byte = ("invalid_json", "invalid_utf8") + byte
    return (("empty_turn",) if s.family == "fields" else STRUCTURAL) + byte


@dataclass
class Group:
    """A donor group: ``size`` conversations drawn for pairs from ``orig`` to ``copy`` (source indices)."""

    index: int
    orig: int
    copy: int
    size: int


@dataclass
class SourcePlan:
    rows: int
    line: np.ndarray  # 0-based row index, sorted
    kind: np.ndarray  # int8 index into KINDS
    arg: np.ndarray  # phrase / reason / directive index
    group: np.ndarray  # donor group (-1 if none)
    donor: np.ndarray  # index in the group
    of_source: np.ndarray  # for copies: source index of the original (-1 otherwise)
    of_line: np.ndarray  # for copies: 0-based line of the original
    target: np.ndarray  # for copies: target Jaccard (1.0 exact)


@dataclass
class Plan:
    scale: float
    seed: int
    sources: list[SourcePlan]
    groups: list[Group]


def make_plan(scale: float, seed: int) -> Plan:
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xA11]))
    n = [scaled_rows(s, scale) for s in SOURCES]
    free = [rng.permutation(k) for k in n]
    used = [0] * len(n)
    budget = [int(k * MAX_PLANTED) for k in n]
    rows: list[list[tuple[int, int, int, int, int, int, int, float]]] = [[] for _ in SOURCES]
    groups: list[Group] = []

    def take(s: int) -> int | None:
        if used[s] >= budget[s]:
            return None
        used[s] += 1
        return int(free[s][used[s] - 1])

    def pairs(o: int, c: int, count: int, kind: str, mode: str) -> None:
        g = Group(len(groups), o, c, 0)
        for _ in range(count):
            lo, lc = take(o), take(c)
            if lo is None or lc is None:
                break
            if o == c and lo > lc:
                lo, lc = lc, lo
            target = 1.0 if mode == "exact" else float(rng.uniform(*(NEAR_J if mode == "near" else BELOW_J)))
            rows[o].append((lo, K["dup_original"], 0, g.index, g.size, -1, -1, 1.0))
            rows[c].append((lc, K[kind], 0, g.index, g.size, o, lo, target))
            g.size += 1
        if g.size:
            groups.append(g)

    for o_name, c_name, share, mode in CROSS_PAIRS:
        o, c = SOURCE_INDEX[o_name], SOURCE_INDEX[c_name]
        pairs(o, c, max(1, round(share * n[c])), f"dup_cross_{mode}", mode)
    phrase_count = {
        "refusal": len(P.REFUSALS),
        "boilerplate": len(P.BOILERPLATE),
        "soft_refusal": len(P.SOFT_REFUSALS),
        "hard_negative": len(P.HARD_NEGATIVES),
        "leak": len(P.LEAKS),
        "directive": len(P.DIRECTIVE_SYSTEMS),
    }
    for s, src in enumerate(SOURCES):
        for kind, mode in PAIR_KINDS.items():
            pairs(s, s, max(1, round(rate(src, kind) * n[s])), kind, mode)
        for kind in (
            "refusal",
            "boilerplate",
            "soft_refusal",
            "hard_negative",
            "leak",
            "sentinel",
            "directive",
            "long",
        ):
            r = rate(src, kind)
            count = max(1, round(r * n[s])) if r > 0 else 0
            for _ in range(count):
                line = take(s)
                if line is None:
                    break
                arg = int(rng.integers(phrase_count[kind])) if kind in phrase_count else 0
                rows[s].append((line, K[kind], arg, -1, -1, -1, -1, 0.0))
        reasons = malformed_reasons(src.schema)
        per_reason = max(1, round(rate(src, "malformed") * n[s] / len(reasons)))
        for ri in range(len(reasons)):
            for _ in range(per_reason):
                line = take(s)
                if line is None:
                    break
                rows[s].append((line, K["malformed"], REASONS.index(reasons[ri]), -1, -1, -1, -1, 0.0))
    out = []
    for s, entries in enumerate(rows):
        entries.sort()
        cols: list[Any] = list(zip(*entries, strict=True)) if entries else [()] * 8
        out.append(
            SourcePlan(
                n[s],
                np.asarray(cols[0], np.int64),
                np.asarray(cols[1], np.int8),
                np.asarray(cols[2], np.int32),
                np.asarray(cols[3], np.int32),
                np.asarray(cols[4], np.int32),
                np.asarray(cols[5], np.int32),
                np.asarray(cols[6], np.int64),
                np.asarray(cols[7], np.float64),
            )
        )
    return Plan(scale, seed, out, groups)
