"""Conversation structure as a turn table, and the text tokens of every turn, both built with array operations.

``draw_turns`` gives each row its turns (roles, language, word counts, code blocks, system prompt) from the
source's profile; lengths are lognormal around the profile's mean characters and every row is bounded by its
estimated Llama-3 token count (``SAFE_TOKENS``; planted long rows are scaled above the limit instead).
``build_text`` writes all turns' tokens into one int32 array: per turn an optional prefix literal, a prose run,
an optional fenced code block and a second prose run, an optional suffix literal; or one fixed literal; or the
tokens of a donor conversation.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from dolphin_data.synth import text as T
from dolphin_data.synth.profile import CHARS_PER_WORD, SAFE_TOKENS, TOKENS_PER_WORD, SourceProfile
from dolphin_data.synth.schemas import GPT, HUM, SYS
from dolphin_data.synth.table import TokenTable

LIT_TOKENS = 12  # estimated tokens of a prefix / fixed literal, turn markup, default system prompt
MIN_WORDS = {SYS: 8, HUM: 4, GPT: 6}


@dataclass
class Turns:
    row: np.ndarray  # int64 row index in the chunk
    role: np.ndarray  # int8 SYS / HUM / GPT / ODD
    vocab: np.ndarray  # int8 vocabulary of the prose
    prefix: np.ndarray  # int32 literal id or -1
    n1: np.ndarray  # int64 words before the code block
    fence: np.ndarray  # int32 fence literal id or -1
    m: np.ndarray  # int64 code tokens
    n2: np.ndarray  # int64 words after the code block
    suffix: np.ndarray  # int32 literal id or -1
    fixed: np.ndarray  # int32: the whole turn is this literal, or -1
    cap_first: np.ndarray  # int8
    end_slot: np.ndarray  # int8 separator slot of the last prose word
    donor: np.ndarray  # int64 turn index in a donor store, or -1

    def __len__(self) -> int:
        return len(self.row)

    def take(self, idx: np.ndarray) -> Turns:
        return Turns(*(getattr(self, f.name)[idx] for f in fields(self)))

    @staticmethod
    def concat(parts: list[Turns]) -> Turns:
        return Turns(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Turns)))

    @staticmethod
    def empty(n: int) -> Turns:
        return Turns(
            np.zeros(n, np.int64),
            np.zeros(n, np.int8),
            np.zeros(n, np.int8),
            np.full(n, -1, np.int32),
            np.zeros(n, np.int64),
            np.full(n, -1, np.int32),
            np.zeros(n, np.int64),
            np.zeros(n, np.int64),
            np.full(n, -1, np.int32),
            np.full(n, -1, np.int32),
            np.ones(n, np.int8),
            np.full(n, T.END_DOT, np.int8),
            np.full(n, -1, np.int64),
        )


def draw_turns(
    src: SourceProfile,
    n_rows: int,
    rng: np.random.Generator,
    tt: TokenTable,
    *,
    system: str | None = None,
    max_pairs: int | None = None,
    foreign: bool = True,
    long_rows: np.ndarray | None = None,
    english_rows: np.ndarray | None = None,
) -> Turns:
    """Turns of ``n_rows`` new conversations of ``src`` (``system``/``max_pairs`` narrow the shape for donors;
    ``english_rows`` are kept English, as planted rows are, before their lengths are bounded)."""
    system = src.system if system is None else system
    if src.pairs > 1:
        pairs = 1 + rng.poisson(src.pairs - 1, n_rows)
        pairs = np.minimum(pairs, max_pairs or 40)
    else:
        pairs = np.ones(n_rows, np.int64)
    lang = np.full(n_rows, T.EN, np.int8)
    if foreign and src.foreign > 0:
        alien = rng.random(n_rows) < src.foreign
        lang[alien] = rng.choice(np.array(T.FOREIGN, np.int8), int(alien.sum()))
    if english_rows is not None:
        lang[english_rows] = T.EN
    sys_mode = np.zeros(n_rows, np.int8)  # 0 none, 1 fixed literal, 2 prefix + run
    sys_lit = np.full(n_rows, -1, np.int32)
    if system == "flan":
        sys_mode[:] = 1
        sys_lit = tt.lit["flan_sys:0"] + rng.integers(0, 16, n_rows).astype(np.int32)
    elif system == "coder":
        sys_mode[:] = 1
        sys_lit = tt.lit["coder_sys:0"] + rng.integers(0, 5, n_rows).astype(np.int32)
    elif system in ("agent", "persona"):
        sys_mode[:] = 2
        sys_lit = tt.lit[f"{system}:0" if system == "persona" else "agent_sys:0"] + rng.integers(
            0, 5 if system == "persona" else 4, n_rows
        ).astype(np.int32)
    elif system == "openhermes":
        u = rng.random(n_rows)
        sys_mode = np.where(u < 0.80, 1, np.where(u < 0.92, 2, 0)).astype(np.int8)
        sys_lit = np.where(u < 0.80, tt.lit["empty"], tt.lit["persona:0"] + rng.integers(0, 5, n_rows)).astype(np.int32)
    has_sys = sys_mode > 0
    count = has_sys + 2 * pairs
    row = np.repeat(np.arange(n_rows), count)
    k = np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    hs = has_sys[row]
    role = np.where(hs & (k == 0), SYS, np.where((k - hs) % 2 == 0, HUM, GPT)).astype(np.int8)
    t = Turns.empty(len(row))
    t.row, t.role, t.vocab = row, role, lang[row]
    # characters: lognormal per conversation, split over pairs (gamma weights) and within a pair
    chars = src.chars * np.exp(src.sigma * rng.standard_normal(n_rows) - src.sigma**2 / 2)
    weight = rng.gamma(2.0, 1.0, len(row))
    share = np.clip(src.human_share * rng.uniform(0.5, 1.5, len(row)), 0.05, 0.9)
    weight = np.where(role == HUM, weight * share, weight * (1 - share))
    weight[role == SYS] = 0
    sums = np.bincount(row, weights=weight, minlength=n_rows)
    turn_chars = chars[row] * weight / np.maximum(sums[row], 1e-9)
    cpw = np.asarray(CHARS_PER_WORD)[t.vocab]
    words = turn_chars / cpw
    is_sys = role == SYS
    t.fixed = np.where(is_sys & (sys_mode[row] == 1), sys_lit[row], -1).astype(np.int32)
    t.prefix = np.where(is_sys & (sys_mode[row] == 2), sys_lit[row], -1).astype(np.int32)
    words = np.where(
        is_sys & (sys_mode[row] == 2), rng.uniform(12, 60 if system == "persona" else 160, len(row)), words
    )
    t.cap_first = np.where(is_sys & (sys_mode[row] == 2) & (system != "agent"), 0, 1).astype(np.int8)
    t.end_slot = np.where((role == HUM) & (rng.random(len(row)) < 0.5), T.END_Q, T.END_DOT).astype(np.int8)
    code = (role == GPT) & (rng.random(len(row)) < src.code)
    frac = rng.uniform(0.35, 0.7, len(row))
    t.m = np.where(code, words * frac * CHARS_PER_WORD[T.EN] / CHARS_PER_WORD[T.CODE], 0).astype(np.int64)
    t.fence = np.where(code, tt.lit["fence:0"] + rng.integers(0, 6, len(row)), -1).astype(np.int32)
    rest = np.where(code, words * (1 - frac), words)
    t.n1 = np.where(code, rest * 0.7, rest).astype(np.int64)
    t.n2 = np.where(code, rest * 0.3, 0).astype(np.int64)
    floor = np.asarray([MIN_WORDS[SYS], MIN_WORDS[HUM], MIN_WORDS[GPT], MIN_WORDS[HUM]])[role]
    if system == "flan":
        floor = np.maximum(floor, 20)
    t.n1 = np.where(t.fixed >= 0, 0, np.maximum(t.n1, floor))
    bound_tokens(t, n_rows, long_rows, rng)
    return t


def estimate_tokens(t: Turns, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row: estimated tokens of the words (scale with the word counts) and of the rest (literals, markup)."""
    tpw = np.asarray(TOKENS_PER_WORD)
    words = (t.n1 + t.n2) * tpw[t.vocab] + t.m * tpw[T.CODE]
    fixed = np.bincount(t.row, minlength=n_rows) * LIT_TOKENS + LIT_TOKENS
    return np.bincount(t.row, weights=words, minlength=n_rows), fixed.astype(np.float64)


def bound_tokens(t: Turns, n_rows: int, long_rows: np.ndarray | None, rng: np.random.Generator) -> None:
    """Scale word counts so each row's estimated tokens stay under SAFE_TOKENS (or, for ``long_rows``, reach a
    drawn target above the 4,096 limit)."""
    from dolphin_data.synth.profile import LONG_TOKENS

    words, fixed = estimate_tokens(t, n_rows)
    words = np.maximum(words, 1.0)
    factor = np.minimum(1.0, (SAFE_TOKENS - fixed) / words)
    if long_rows is not None and len(long_rows):
        want = rng.uniform(*LONG_TOKENS, len(long_rows))
        factor[long_rows] = (want - fixed[long_rows]) / words[long_rows]
    f = factor[t.row]
    scaled = f != 1.0
    up = f > 1.0  # long rows round up, the others down
    for name in ("n1", "n2", "m"):
        arr = getattr(t, name)
        new = np.where(scaled, np.where(up, np.ceil(arr * f), np.floor(arr * f)), arr).astype(np.int64)
        setattr(t, name, np.where((arr > 0) & (new == 0), 1, new))


def build_text(
    t: Turns,
    tt: TokenTable,
    rng: np.random.Generator,
    donor_tokens: np.ndarray | None = None,
    donor_bounds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Tokens of every turn, concatenated; returns ``(tokens, bounds)`` with turn ``i`` at ``bounds[i]:bounds[i+1]``."""
    has_prefix = (t.prefix >= 0).astype(np.int64)
    has_code = (t.m > 0).astype(np.int64)
    has_suffix = (t.suffix >= 0).astype(np.int64)
    count = has_prefix + t.n1 + has_code * (2 + t.m) + t.n2 + has_suffix
    count = np.where(t.fixed >= 0, 1, count)
    is_donor = t.donor >= 0
    if donor_bounds is not None and is_donor.any():
        d = t.donor[is_donor]
        count[is_donor] = donor_bounds[d + 1] - donor_bounds[d]
    bounds = np.concatenate(([0], np.cumsum(count)))
    start = bounds[:-1]
    tokens = np.zeros(int(bounds[-1]), np.int32)
    plain = (t.fixed < 0) & ~is_donor
    fixed = t.fixed >= 0
    tokens[start[fixed]] = t.fixed[fixed]
    sel = plain & (has_prefix > 0)
    tokens[start[sel]] = t.prefix[sel]
    run1 = start + has_prefix
    fence_at = run1 + t.n1
    sel = plain & (has_code > 0)
    tokens[fence_at[sel]] = t.fence[sel]
    tokens[fence_at[sel] + 1 + t.m[sel]] = tt.lit["fence_close"]
    run2 = fence_at + has_code * (2 + t.m)
    sel = plain & (has_suffix > 0)
    tokens[(run2 + t.n2)[sel]] = t.suffix[sel]
    for v in range(len(T.VOCAB_NAMES)):
        if v == T.CODE:
            continue
        sel = plain & (t.vocab == v)
        if not sel.any():
            continue
        both = np.concatenate((run1[sel], run2[sel]))
        lens = np.concatenate((t.n1[sel], t.n2[sel]))
        ends = np.concatenate((np.where(has_code[sel] > 0, T.END_DOT, t.end_slot[sel]), t.end_slot[sel]))
        caps = np.concatenate((t.cap_first[sel], np.ones(int(sel.sum()), np.int8)))
        T.fill_runs(tokens, both, lens, v, tt.base[v], ends, caps, rng)
    sel = plain & (has_code > 0)
    if sel.any():
        T.fill_runs(
            tokens,
            (fence_at + 1)[sel],
            t.m[sel],
            T.CODE,
            tt.base[T.CODE],
            np.full(int(sel.sum()), T.END_NONE),
            np.zeros(int(sel.sum()), np.int8),
            rng,
        )
    if donor_tokens is not None and donor_bounds is not None and is_donor.any():
        d = t.donor[is_donor]
        lens = count[is_donor]
        src_start = donor_bounds[d]
        local = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens)
        tokens[np.repeat(start[is_donor], lens) + local] = donor_tokens[np.repeat(src_start, lens) + local]  # few rows
    return tokens, bounds
