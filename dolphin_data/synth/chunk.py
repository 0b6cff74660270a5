"""One chunk of one source: draw the turns, apply the plan's planted rows, and produce the turn text tokens.

Planted kinds change the turn table before any text exists: a phrase becomes a prefix (or the whole) of the
row's last gpt turn, a directive becomes the system prompt, a malformed structure replaces the row's turns, a
duplicate's turns are the donor conversation's tokens (near copies with words replaced at positions at least 5
apart, so about ``5m`` of the word 5-grams change: estimated Jaccard ``(S - 5m) / (S + 5m)``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from dolphin_data.synth import phrases as P
from dolphin_data.synth import text as T
from dolphin_data.synth.plan import KINDS, REASONS, Group, SourcePlan
from dolphin_data.synth.profile import SOURCES
from dolphin_data.synth.schemas import GPT, HUM, ODD, SCHEMAS, SYS
from dolphin_data.synth.table import TokenTable
from dolphin_data.synth.turns import Turns, build_text, draw_turns

STRUCTURES = {  # roles of the turns that make convert reject a row with this reason (list layouts)
    "too_few_turns": (HUM,),
    "unknown_role": (HUM, GPT, ODD, GPT),
    "not_alternating": (HUM, HUM, GPT),
    "first_not_human": (GPT, HUM, GPT),
    "last_not_gpt": (HUM, GPT, HUM),
    "system_not_first": (HUM, SYS, GPT),
    "empty_turn": (HUM, GPT),
}
PREFIX_KIND = {
    "boilerplate": ("boiler", 0),
    "soft_refusal": ("soft", 1),
    "hard_negative": ("hardneg", 1),
    "leak": ("leak", 0),
}


@dataclass
class Donors:
    """The conversations of a donor group: tokens, turn bounds, roles and per-conversation turn ranges."""

    tokens: np.ndarray
    bounds: np.ndarray
    roles: np.ndarray
    conv: np.ndarray  # conversation i has turns conv[i]:conv[i+1]


def donors(group: Group, seed: int, tt: TokenTable) -> Donors:
    return _donors(group.index, group.orig, group.copy, group.size, seed, tt)


@functools.lru_cache(maxsize=64)
def _donors(index: int, orig: int, copy: int, size: int, seed: int, tt: TokenTable) -> Donors:
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xD0, index]))
    src, dst = SOURCES[orig], SOURCES[copy]
    schema = SCHEMAS[dst.schema]
    single = schema.family == "fields" or dst.schema == "orca_math"
    system = src.system
    if dst.schema in ("orca_math", "codefeedback_filtered", "ultrachat", "code_feedback", "samantha"):
        system = "none"
    elif system in ("agent", "persona") and dst.schema not in ("agent_flan", "systemchat"):
        system = "run" if dst.schema == "openhermes" else "none"
    t = draw_turns(
        src, size, rng, tt, system="persona" if system == "run" else system, max_pairs=1 if single else 6, foreign=False
    )
    tokens, bounds = build_text(t, tt, rng)
    conv = np.concatenate(([0], np.cumsum(np.bincount(t.row, minlength=size))))
    return Donors(tokens, bounds, t.role.copy(), conv)


def near_edit(tokens: np.ndarray, target: float, rng: np.random.Generator, tt: TokenTable) -> tuple[np.ndarray, float]:
    """A copy of ``tokens`` with English words replaced so the word-5-gram Jaccard is about ``target``."""
    out = tokens.copy()
    words = np.flatnonzero(T.word_slots(out, tt.base[T.EN], T.EN))
    shingles = max(len(tokens) - 4, 1)
    m = int(round(shingles * (1 - target) / (5 * (1 + target))))
    slots = len(words) // 5
    m = max(1, min(m, slots))
    if slots == 0:
        return out, 1.0
    chosen = np.sort(rng.choice(slots, m, replace=False)) * 5 + 2
    T.replace_words(out, words[np.minimum(chosen, len(words) - 1)], tt.base[T.EN], T.EN, rng)
    return out, (shingles - 5 * m) / (shingles + 5 * m)


@dataclass
class Chunk:
    turns: Turns
    tokens: np.ndarray
    bounds: np.ndarray  # turn i's tokens: bounds[i]:bounds[i+1]
    n_rows: int
    kind: np.ndarray  # per row, index into KINDS
    arg: np.ndarray  # per row
    jaccard: np.ndarray  # per row (copies)
    lang: np.ndarray  # per row vocabulary of its first turn


def make_chunk(
    source: int,
    plan: SourcePlan,
    groups: list[Group],
    start: int,
    stop: int,
    chunk_index: int,
    seed: int,
    tt: TokenTable,
) -> Chunk:
    src = SOURCES[source]
    n = stop - start
    rng = np.random.default_rng(np.random.SeedSequence([seed, source, chunk_index]))
    sel = (plan.line >= start) & (plan.line < stop)
    local = (plan.line[sel] - start).astype(np.int64)
    kind = np.zeros(n, np.int8)
    arg = np.zeros(n, np.int32)
    kind[local], arg[local] = plan.kind[sel], plan.arg[sel]
    jac = np.full(n, np.nan)
    long_rows = local[plan.kind[sel] == KINDS.index("long")]
    t = draw_turns(src, n, rng, tt, long_rows=long_rows, english_rows=local)
    first = np.concatenate(([0], np.cumsum(np.bincount(t.row, minlength=n))))
    lang = t.vocab[first[:-1]].copy()
    last_gpt = np.full(n, -1, np.int64)
    gi = np.flatnonzero(t.role == GPT)
    last_gpt[t.row[gi]] = gi  # rows are sorted, so the last write per row wins
    replaced: list[Turns] = []
    replaced_rows: list[int] = []
    store_tokens: list[np.ndarray] = []
    store_bounds: list[np.ndarray] = []
    store_size = 0
    group_of = {g.index: g for g in groups}
    for p in np.flatnonzero(sel):
        r = int(plan.line[p] - start)
        k = KINDS[plan.kind[p]]
        a = int(plan.arg[p])
        g_turn = int(last_gpt[r])
        if k == "refusal" and g_turn >= 0:
            t.fixed[g_turn], t.prefix[g_turn] = tt.lit[f"refusal:{a}"], -1
            t.n1[g_turn] = t.n2[g_turn] = t.m[g_turn] = 0
        elif k in PREFIX_KIND and g_turn >= 0:
            name, cap = PREFIX_KIND[k]
            t.prefix[g_turn] = tt.lit[f"{name}:{a}"]
            t.cap_first[g_turn] = 1 if (k == "leak" and P.LEAKS[a].endswith(". ")) else cap
        elif k == "sentinel" and g_turn >= 0:
            t.suffix[g_turn] = tt.lit["sentinel"]
        elif k == "directive":
            rows_turns = np.flatnonzero(t.row == r)
            words_needed = P.DIRECTIVE_SYSTEMS[a][1] + 6
            for ti in rows_turns:
                if t.role[ti] == SYS:
                    t.fixed[ti], t.prefix[ti] = tt.lit[f"directive:{a}"], -1
                elif t.role[ti] == GPT:
                    t.n1[ti], t.m[ti], t.n2[ti] = max(int(t.n1[ti]), words_needed), 0, 0
        elif k == "malformed":
            reason = REASONS[a]
            fields_family = SCHEMAS[src.schema].family == "fields" or src.schema == "orca_math"
            if reason == "empty_turn" and fields_family:
                t.n1[g_turn], t.n2[g_turn], t.m[g_turn], t.prefix[g_turn] = 0, 0, 0, -1
            elif reason in STRUCTURES and not fields_family:
                roles = STRUCTURES[reason]
                new = Turns.empty(len(roles))
                new.row[:] = r
                new.role[:] = roles
                new.n1[:] = [
                    0 if (reason == "empty_turn" and i == len(roles) - 1) else (30 if ro == GPT else 12)
                    for i, ro in enumerate(roles)
                ]
                replaced.append(new)
                replaced_rows.append(r)
        elif k in ("dup_original", "dup_exact", "dup_near", "near_below", "dup_cross_exact", "dup_cross_near"):
            d = donors(group_of[int(plan.group[p])], seed, tt)
            i = int(plan.donor[p])
            ta, tb = int(d.conv[i]), int(d.conv[i + 1])
            toks = d.tokens[d.bounds[ta] : d.bounds[tb]]
            if k in ("dup_near", "near_below", "dup_cross_near"):
                erng = np.random.default_rng(np.random.SeedSequence([seed, 0xED, int(plan.group[p]), i]))
                toks, jac[r] = near_edit(toks, float(plan.target[p]), erng, tt)
            elif k != "dup_original":
                jac[r] = 1.0
            new = Turns.empty(tb - ta)
            new.row[:] = r
            new.role[:] = d.roles[ta:tb]
            new.donor[:] = store_size + np.arange(tb - ta)
            store_tokens.append(toks)
            store_bounds.append(d.bounds[ta:tb] - d.bounds[ta] + sum(len(x) for x in store_tokens[:-1]))
            store_size += tb - ta
            replaced.append(new)
            replaced_rows.append(r)
    if replaced:
        drop = np.isin(t.row, np.asarray(replaced_rows))
        merged = Turns.concat([t.take(np.flatnonzero(~drop)), *replaced])
        order = np.argsort(merged.row, kind="stable")
        t = merged.take(order)
    donor_tokens = np.concatenate(store_tokens) if store_tokens else None
    donor_bounds = np.concatenate([*store_bounds, [sum(len(x) for x in store_tokens)]]) if store_tokens else None
    tokens, bounds = build_text(t, tt, rng, donor_tokens, donor_bounds)
    return Chunk(t, tokens, bounds, n, kind, arg, jac, lang)
