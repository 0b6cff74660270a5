"""The benchmark index: n-gram hashes of every benchmark item, in one memory-mapped file.

Building (``build_index``) hashes each item's question and answer (``ngrams.units`` + ``gram_hashes``): parts with
at least ``ngram`` units give every ``ngram``-gram; shorter parts with at least ``min_ngram`` units give their
``min_ngram``-grams; shorter ones cannot be matched reliably and are counted as ``too_short``. A gram found in more
than ``max_items_per_gram`` items (shared boilerplate such as a benchmark's question template) is dropped, so it
cannot tie a training text to hundreds of items. For each item part the index keeps how many of its units are
covered by a kept gram: the denominator of the overlap share.

On disk (``write``): ``DCXINDEX`` + header length (uint64) + a JSON header (settings, benchmarks, item ids and
previews, array table) + arrays at 64-byte aligned offsets: ``keys`` (sorted unique uint64 gram hashes),
``first`` (postings offsets per key), postings ``p_item``/``p_pos``/``p_len`` (item, unit position in the item,
gram length), per item ``item_bench``/``q_len``/``q_cov``/``a_cov``, and ``bytemap`` (one byte per hash prefix,
a prefilter). ``Index.open`` memory-maps the arrays, so every worker process shares the same pages, and caches
the open index per process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.decontam.ngrams import HASH_SCHEME, U64, UNITS, gram_hashes, prefix_sums, units
from dolphin_data.errors import UserError

MAGIC = b"DCXINDEX"
FORMAT_VERSION = 1
ALIGN = 64
PREVIEW_CHARS = 100
BYTEMAP_FACTOR = 32  # bytemap slots per key (false-candidate rate about 1/32)


@dataclass(frozen=True)
class BenchItem:
    benchmark: str
    id: str
    question: str
    answer: str = ""


# (ngram, min_ngram) by unit: 13 words (the GPT-3 / Llama decontamination size), 50 characters for code
DEFAULT_NGRAM = {"word": (13, 8), "char": (50, 30)}


@dataclass(frozen=True)
class IndexSettings:
    unit: str = "word"
    ngram: int = 13
    min_ngram: int = 8
    max_items_per_gram: int = 20

    @staticmethod
    def of(
        unit: str = "word", ngram: int | None = None, min_ngram: int | None = None, max_items_per_gram: int = 20
    ) -> IndexSettings:
        """Settings with the unit's defaults for what is not given (``min_ngram`` never above ``ngram``)."""
        if unit not in UNITS:
            raise UserError(f"unit {unit!r}: choose one of {', '.join(UNITS)}")
        n0, m0 = DEFAULT_NGRAM[unit]
        n = n0 if ngram is None else ngram
        m = min(m0, n) if min_ngram is None else min_ngram
        return IndexSettings(unit, n, m, max_items_per_gram)

    def check(self) -> None:
        if self.unit not in UNITS:
            raise UserError(f"unit {self.unit!r}: choose one of {', '.join(UNITS)}")
        if not 2 <= self.ngram <= 1000:
            raise UserError(f"ngram {self.ngram}: choose a size between 2 and 1000 (default 13 words)")
        if not 2 <= self.min_ngram <= self.ngram:
            raise UserError(f"min_ngram {self.min_ngram}: must be between 2 and ngram ({self.ngram})")
        if self.max_items_per_gram < 1:
            raise UserError(f"max_items_per_gram {self.max_items_per_gram}: must be >= 1")


@dataclass
class IndexData:
    header: dict[str, Any]
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


def build_index(
    items: Sequence[BenchItem], settings: IndexSettings, benchmarks: Mapping[str, Mapping[str, Any]] | None = None
) -> IndexData:
    """Hash every item (see the module docstring). ``benchmarks`` adds per-benchmark metadata (sources, licence)."""
    settings.check()
    n, m = settings.ngram, settings.min_ngram
    names = sorted({it.benchmark for it in items})
    bench_of = {b: i for i, b in enumerate(names)}
    parts = units([t for it in items for t in (it.question, it.answer)], settings.unit)
    lens = np.diff(parts.first)  # units per part: question of item i is part 2i, answer 2i+1
    glen = np.where(lens >= n, n, np.where(lens >= m, m, 0)).astype(np.int64)
    n_grams = np.where(glen > 0, lens - glen + 1, 0)
    owner = np.repeat(np.arange(len(lens), dtype=np.int64), n_grams)
    local = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(n_grams) - n_grams, n_grams)
    starts = parts.first[:-1][owner] + local
    prefix = prefix_sums(parts.values)
    hashes = np.zeros(len(owner), U64)
    for g in (n, m):
        sel = np.flatnonzero(glen[owner] == g)
        if len(sel):
            hashes[sel] = gram_hashes(prefix, g, starts[sel])
    item = owner // 2
    q_len = lens[0::2].astype(np.int64)
    pos = local + np.where(owner % 2 == 1, q_len[item], 0)
    g_len = glen[owner]

    # unique (hash, item, pos); drop grams that occur in too many distinct items
    order = np.lexsort((pos, item, hashes))
    hashes, item, pos, g_len = hashes[order], item[order], pos[order], g_len[order]
    keep = np.ones(len(hashes), bool)
    keep[1:] = (hashes[1:] != hashes[:-1]) | (item[1:] != item[:-1]) | (pos[1:] != pos[:-1])
    hashes, item, pos, g_len = hashes[keep], item[keep], pos[keep], g_len[keep]
    new_pair = np.ones(len(hashes), bool)
    new_pair[1:] = (hashes[1:] != hashes[:-1]) | (item[1:] != item[:-1])
    keys, key_start = np.unique(hashes, return_index=True)
    items_per_key = np.add.reduceat(new_pair.astype(np.int64), key_start) if len(keys) else np.zeros(0, np.int64)
    common = items_per_key > settings.max_items_per_gram
    if common.any():
        drop = np.repeat(common, np.diff(np.append(key_start, len(hashes))))
        hashes, item, pos, g_len = hashes[~drop], item[~drop], pos[~drop], g_len[~drop]
        keys, key_start = np.unique(hashes, return_index=True)

    # coverable units per item part: the union of [pos, pos + len) of the kept grams
    total_units = lens.reshape(-1, 2).sum(axis=1) if len(lens) else np.zeros(0, np.int64)
    base = np.zeros(len(items) + 1, np.int64)
    np.cumsum(total_units, out=base[1:])
    diff = np.zeros(int(base[-1]) + 1, np.int64)
    np.add.at(diff, base[item] + pos, 1)
    np.add.at(diff, base[item] + pos + g_len, -1)
    covered = np.cumsum(diff)[:-1] > 0
    in_answer = np.arange(len(covered)) - np.repeat(base[:-1], total_units) >= np.repeat(q_len, total_units)
    owner_item = np.repeat(np.arange(len(items)), total_units)
    q_cov = np.bincount(owner_item[covered & ~in_answer], minlength=len(items))
    a_cov = np.bincount(owner_item[covered & in_answer], minlength=len(items))

    first = np.append(key_start, len(hashes)).astype(np.int64)
    bits = max(16, int(np.ceil(np.log2(max(len(keys), 1) * BYTEMAP_FACTOR))))
    bytemap = np.zeros(1 << bits, np.uint8)
    bytemap[keys >> U64(64 - bits)] = 1
    arrays = {
        "keys": keys.astype(U64),
        "first": first,
        "p_item": item.astype(np.uint32),
        "p_pos": pos.astype(np.uint32),
        "p_len": g_len.astype(np.uint16),
        "item_bench": np.array([bench_of[it.benchmark] for it in items], np.uint16),
        "q_len": q_len.astype(np.uint32),
        "q_cov": q_cov.astype(np.uint32),
        "a_cov": a_cov.astype(np.uint32),
        "bytemap": bytemap,
    }
    bench_rows = []
    for b in names:
        sel = np.flatnonzero(arrays["item_bench"] == bench_of[b])
        bench_rows.append(
            {
                "name": b,
                "items": int(len(sel)),
                "indexed_items": int((q_cov[sel] > 0).sum()),
                "too_short": int((q_cov[sel] == 0).sum()),
                **dict((benchmarks or {}).get(b, {})),
            }
        )
    header = {
        "format": "dolphin-data decontam index",
        "version": FORMAT_VERSION,
        "hash_scheme": HASH_SCHEME,
        "unit": settings.unit,
        "ngram": n,
        "min_ngram": m,
        "max_items_per_gram": settings.max_items_per_gram,
        "benchmarks": bench_rows,
        "stats": {
            "items": len(items),
            "grams": int(len(hashes)),
            "keys": int(len(keys)),
            "common_grams_dropped": int(common.sum()),
            "bytemap_bits": bits,
        },
        "item_ids": [it.id for it in items],
        "item_preview": [_preview(it.question) for it in items],
    }
    return IndexData(header, arrays)


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 3] + "..."


def write_index(path: str | Path, data: IndexData) -> Path:
    """Write the index atomically (temp file + rename); the same data gives the same bytes."""
    path = Path(path)
    table: dict[str, Any] = {}
    offset = 0
    for name, arr in data.arrays.items():
        table[name] = {"offset": offset, "dtype": arr.dtype.str, "shape": list(arr.shape)}
        offset += _aligned(arr.nbytes)
    header = orjson.dumps({**data.header, "arrays": table})
    head_len = _aligned(len(MAGIC) + 8 + len(header))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(MAGIC + np.uint64(len(header)).tobytes() + header)
            fh.write(b"\0" * (head_len - len(MAGIC) - 8 - len(header)))
            for arr in data.arrays.values():
                raw = np.ascontiguousarray(arr).tobytes()
                fh.write(raw + b"\0" * (_aligned(len(raw)) - len(raw)))
        os.replace(tmp, path)
    except BaseException:  # a full disk or an interrupt leaves no temporary file behind
        tmp.unlink(missing_ok=True)
        raise
    return path


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def read_header(path: str | Path) -> tuple[dict[str, Any], int]:
    """The JSON header and the byte offset where the arrays start; a clear error for anything else."""
    path = Path(path)
    if not path.is_file():
        raise UserError(
            f"{path}: no such index file; build one with `dolphin-data decontam index BENCH_FILE --out {path}`"
        )
    with open(path, "rb") as fh:
        head = fh.read(16)
        if len(head) < 16 or head[:8] != MAGIC:
            raise UserError(f"{path}: not a decontamination index; build one with `dolphin-data decontam index`")
        size = int(np.frombuffer(head[8:], np.uint64)[0])
        header = orjson.loads(fh.read(size))
    if header.get("version") != FORMAT_VERSION or header.get("hash_scheme") != HASH_SCHEME:
        raise UserError(
            f"{path}: index format {header.get('version')}/{header.get('hash_scheme')} is not "
            f"{FORMAT_VERSION}/{HASH_SCHEME}; rebuild it with `dolphin-data decontam index`"
        )
    return header, _aligned(16 + size)


class Index:
    """An index opened for matching: the header and memory-mapped arrays (see ``Index.open``)."""

    def __init__(self, path: Path, header: dict[str, Any], arrays: dict[str, np.ndarray]):
        self.path = path
        self.header = header
        self.unit: str = header["unit"]
        self.ngram: int = header["ngram"]
        self.min_ngram: int = header["min_ngram"]
        self.benchmarks: list[str] = [b["name"] for b in header["benchmarks"]]
        self.item_ids: list[str] = header["item_ids"]
        self.item_preview: list[str] = header["item_preview"]
        self.a = arrays
        self.keys = arrays["keys"]
        self._shift = U64(64 - header["stats"]["bytemap_bits"])
        lens = np.unique(arrays["p_len"]) if len(arrays["p_len"]) else np.zeros(0, np.uint16)
        self.gram_lengths: list[int] = sorted(int(x) for x in lens)

    _cache: dict[tuple[str, int, int], Index] = {}

    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Memory-map the index at ``path`` (once per process and file version)."""
        path = Path(path).resolve()
        header, base = read_header(path)
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        hit = cls._cache.get(key)
        if hit is not None:
            return hit
        arrays: dict[str, np.ndarray] = {}
        for name, spec in header["arrays"].items():
            shape = tuple(spec["shape"])
            if int(np.prod(shape)) == 0:
                arrays[name] = np.zeros(shape, np.dtype(spec["dtype"]))
            else:
                # a plain ndarray view of the mapping (same shared pages, no np.memmap overhead per operation)
                arrays[name] = np.asarray(
                    np.memmap(path, dtype=np.dtype(spec["dtype"]), mode="r", offset=base + spec["offset"], shape=shape)
                )
        index = cls(path, header, arrays)
        cls._cache[key] = index
        return index

    def lookup(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(positions in hashes, key index)`` of every hash that is a key of the index."""
        if not len(self.keys) or not len(hashes):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        cand = np.flatnonzero(self.a["bytemap"].take(hashes >> self._shift))
        if not len(cand):
            return cand, cand
        k = np.searchsorted(self.keys, hashes[cand])
        np.minimum(k, len(self.keys) - 1, out=k)
        ok = self.keys[k] == hashes[cand]
        return cand[ok], k[ok]

    def postings(self, key_index: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For each key: ``(which key (index into key_index), item, position, gram length)`` of its postings."""
        first = self.a["first"]
        lo, hi = first[key_index], first[key_index + 1]
        count = (hi - lo).astype(np.int64)
        which = np.repeat(np.arange(len(key_index), dtype=np.int64), count)
        p = (
            np.arange(int(count.sum()), dtype=np.int64)
            - np.repeat(np.cumsum(count) - count, count)
            + np.repeat(lo, count)
        )
        return (
            which,
            self.a["p_item"][p].astype(np.int64),
            self.a["p_pos"][p].astype(np.int64),
            self.a["p_len"][p].astype(np.int64),
        )
