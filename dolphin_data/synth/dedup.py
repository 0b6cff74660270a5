"""The ``dedup`` profile: a corpus with planted duplicates at known Jaccard (``dolphin-data synth --profile dedup``).

Deterministic for a given ``(scale, seed)``: scale 1.0 = 200,000 conversations over three sources
(``alpha`` 50 %, ``beta`` 30 %, ``gamma`` 20 %). Words come from a made-up syllable vocabulary with Zipf
frequencies, so unrelated conversations share almost no word 5-grams. Planted, as a share of base records:

* ``near``: a copy with ``m`` words replaced at positions at least 5 apart, so exactly ``5m`` of the
  ``S`` word 5-grams change and the Jaccard of the 5-gram sets is ``(S - 5m) / (S + 5m)`` (``target`` is
  drawn from ``NEAR_TARGETS``; the realised value is recorded as ``jaccard``). Copies land in the same
  source or another one.
* ``exact``: a copy that differs only in case and punctuation (same normalised text).
* ``chain``: A -> B -> C, each step a ``near`` edit at 0.85, so A and C are less similar than the threshold.

``planted.jsonl`` lists every planted pair: ``{"a", "b", "kind", "target", "jaccard"}`` (for chains, each
edge). Texts use the ``conversation`` selection (human + gpt turns) with ``ngram`` 5.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

SOURCES = (("alpha", 0.5), ("beta", 0.3), ("gamma", 0.2))
BASE_SIZE = 200_000
NEAR_TARGETS = (0.5, 0.6, 0.7, 0.75, 0.78, 0.82, 0.85, 0.9, 0.95)
NEAR_SHARE, EXACT_SHARE, CHAIN_SHARE = 0.10, 0.02, 0.01
NGRAM = 5


def vocabulary(size: int = 30000, seed: int = 7) -> list[str]:
    return list(_vocabulary(size, seed))


@functools.lru_cache(maxsize=4)
def _vocabulary(size: int, seed: int) -> tuple[str, ...]:
    rng = np.random.default_rng(seed)
    syl = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["qu", "th", "sh", "ch"]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        k = int(rng.integers(1, 4))
        w = "".join(syl[i] for i in rng.integers(0, len(syl), k))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return tuple(words)


@dataclass
class SynthCorpus:
    ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    human: list[str] = field(default_factory=list)
    gpt: list[str] = field(default_factory=list)
    planted: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def text(self, i: int) -> str:
        """The ``conversation`` text selection of record ``i``."""
        return self.human[i] + "\n" + self.gpt[i]

    def record(self, i: int) -> dict[str, Any]:
        return {
            "id": self.ids[i],
            "conversations": [{"from": "human", "value": self.human[i]}, {"from": "gpt", "value": self.gpt[i]}],
        }


def _edit(words: np.ndarray, target: float, rng: np.random.Generator, vocab_size: int) -> tuple[np.ndarray, float]:
    """Replace words at positions >= NGRAM apart so the 5-gram Jaccard is as close to ``target`` as possible."""
    n = len(words)
    s = n - NGRAM + 1
    m = int(round(s * (1 - target) / (NGRAM * (1 + target))))
    slots = (n - 2 * (NGRAM - 1)) // NGRAM  # positions k*NGRAM + NGRAM-1 keep every change inside the text
    m = max(1, min(m, slots))
    chosen = np.sort(rng.choice(slots, size=m, replace=False)) * NGRAM + (NGRAM - 1)
    out = words.copy()
    new = rng.integers(0, vocab_size, m)
    new = np.where(new == out[chosen], (new + 1) % vocab_size, new)
    out[chosen] = new
    return out, (s - NGRAM * m) / (s + NGRAM * m)


def generate(scale: float = 1.0, seed: int = 0) -> SynthCorpus:
    n_total = int(round(BASE_SIZE * scale))
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary())
    v = len(vocab)
    zipf = 1.0 / np.arange(1, v + 1) ** 1.05
    zipf /= zipf.sum()
    n_near, n_exact, n_chain = (int(n_total * f) for f in (NEAR_SHARE, EXACT_SHARE, CHAIN_SHARE))
    n_base = n_total - n_near - n_exact - 2 * n_chain
    h_len = rng.integers(20, 60, n_base)
    g_len = rng.integers(60, 200, n_base)
    flat = rng.choice(v, size=int((h_len + g_len).sum()), p=zipf)
    bounds = np.concatenate(([0], np.cumsum(h_len + g_len)))
    docs = [flat[bounds[i] : bounds[i + 1]] for i in range(n_base)]
    split = list(h_len)
    src_names = [s for s, _ in SOURCES]
    src_of = rng.choice(len(SOURCES), size=n_base, p=[p for _, p in SOURCES])
    planted: list[tuple[int, int, str, float, float]] = []
    origin = rng.permutation(n_base)
    cursor = 0

    def add(words: np.ndarray, hsplit: int, source: int) -> int:
        docs.append(words)
        split.append(hsplit)
        src_list.append(source)
        return len(docs) - 1

    src_list: list[int] = src_of.tolist()
    for _ in range(n_near):
        a = int(origin[cursor % n_base])
        cursor += 1
        target = float(NEAR_TARGETS[rng.integers(0, len(NEAR_TARGETS))])
        words, jac = _edit(docs[a], target, rng, v)
        b = add(words, split[a], int(rng.integers(0, len(SOURCES))))
        planted.append((a, b, "near", target, jac))
    exact_of: dict[int, int] = {}
    for _ in range(n_exact):
        a = int(origin[cursor % n_base])
        cursor += 1
        b = add(docs[a], split[a], int(rng.integers(0, len(SOURCES))))
        exact_of[b] = a
        planted.append((a, b, "exact", 1.0, 1.0))
    for _ in range(n_chain):
        a = int(origin[cursor % n_base])
        cursor += 1
        w1, j1 = _edit(docs[a], 0.85, rng, v)
        b = add(w1, split[a], int(rng.integers(0, len(SOURCES))))
        w2, j2 = _edit(w1, 0.85, rng, v)
        c = add(w2, split[a], int(rng.integers(0, len(SOURCES))))
        planted.append((a, b, "chain", 0.85, j1))
        planted.append((b, c, "chain", 0.85, j2))

    # shuffle record order (deterministically) so copies are not all at the end of each source
    order = rng.permutation(len(docs))
    new_pos = np.empty(len(docs), np.int64)
    counters = dict.fromkeys(src_names, 0)
    corpus = SynthCorpus()
    ids: list[str] = [""] * len(docs)
    for i in order:
        name = src_names[src_list[i]]
        ids[i] = f"{name}:{counters[name]}"
        counters[name] += 1
    # group by source, in id order
    by_source = sorted(range(len(docs)), key=lambda i: (src_list[i], int(ids[i].split(":")[1])))
    vocab_list = vocab.tolist()  # Python strings: joining them is several times faster than numpy str_ items
    for k, i in enumerate(by_source):
        new_pos[i] = k
        texts = [vocab_list[w] for w in docs[i].tolist()]
        hs = int(split[i])
        human = " ".join(texts[:hs])
        gpt = " ".join(texts[hs:])
        if i in exact_of:  # same words, different surface: capitalised sentence start and punctuation
            human = human[:1].upper() + human[1:] + "?"
            gpt = gpt.replace(" ", ", ", 3) + "."
        corpus.ids.append(ids[i])
        corpus.sources.append(src_names[src_list[i]])
        corpus.human.append(human)
        corpus.gpt.append(gpt)
    corpus.planted = [
        {
            "a": ids[a],
            "b": ids[b],
            "kind": kind,
            "target": t,
            "jaccard": round(j, 6),
            "ia": int(new_pos[a]),
            "ib": int(new_pos[b]),
        }
        for a, b, kind, t, j in planted
    ]
    return corpus


def iter_texts(scale: float, seed: int = 0, chunk_scale: float = 0.25) -> Iterator[list[str]]:
    """``conversation`` texts of a corpus of ``scale`` (1.0 = 200,000), generated chunk by chunk: chunk ``k`` is
    ``generate(chunk_scale, seed + k)`` (its own planted duplicates), so only one chunk is ever held."""
    remaining = int(round(BASE_SIZE * scale))
    k = 0
    while remaining > 0:
        corpus = generate(chunk_scale, seed + k)
        take = min(len(corpus), remaining)
        yield [corpus.text(i) for i in range(take)]
        remaining -= take
        k += 1


def write_synth(out_dir: str | Path, scale: float = 1.0, seed: int = 0) -> dict[str, Any]:
    import orjson

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = generate(scale, seed)
    counts: dict[str, int] = {}
    handles = {name: open(out_dir / f"{name}.jsonl", "wb") for name, _ in SOURCES}  # noqa: SIM115
    try:
        for i in range(len(corpus)):
            handles[corpus.sources[i]].write(orjson.dumps(corpus.record(i)) + b"\n")
            counts[corpus.sources[i]] = counts.get(corpus.sources[i], 0) + 1
    finally:
        for h in handles.values():
            h.close()
    with open(out_dir / "planted.jsonl", "wb") as fh:
        for p in corpus.planted:
            fh.write(orjson.dumps({k: p[k] for k in ("a", "b", "kind", "target", "jaccard")}) + b"\n")
    return {"records": len(corpus), "per_source": counts, "planted": len(corpus.planted)}
