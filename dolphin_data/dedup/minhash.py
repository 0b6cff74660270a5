"""Text selection, normalisation, shingling and MinHash signatures, over whole batches.

Hot path, no per-shingle Python: a batch of texts is joined and encoded once as UTF-32 code points (one
numpy array); word boundaries, word hashes and n-gram hashes are computed with array arithmetic.

* Word/char hashes are polynomial hashes mod 2^64 computed from prefix sums (``C[i] = sum cp_k P^k``; the
  hash of a span is ``(C[end] - C[start]) * P^-start``, P odd so it has an inverse mod 2^64), then mixed
  with the MurmurHash3 64-bit finaliser. Word n-grams combine ``n`` consecutive word hashes the same way.
* Signatures: ``backend="rensa"`` (default) hands the flat uint64 shingle-hash buffer and row offsets to
  rensa's compiled ``RMinHash.digest_matrix_from_flat_token_hashes``; ``backend="numpy"`` is datasketch's
  ``affine32`` scheme in numpy (fmix32 of the 32-bit hash, then ``a*h + b`` in uint32 for each permutation,
  min per document), bit-identical to ``datasketch.MinHash(scheme="affine32")`` fed the same 32-bit hashes.

Signatures are ``uint32[n_docs, num_perm]``; an empty document has the all-0xFFFFFFFF signature.
"""

from __future__ import annotations

import array
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dolphin_data.model import Conversation

TEXT_MODES = ("conversation", "first_human", "first_exchange")
NORMALISERS = ("default", "nfkc", "whitespace", "none")
SHINGLES = ("word", "char")
BACKENDS = ("rensa", "numpy")

U64 = np.uint64
_MASK32 = np.uint64(0xFFFFFFFF)
_P = np.uint64(0x9E3779B97F4A7C15 | 1)  # odd multiplier for code-point polynomials
_Q = np.uint64(0xC2B2AE3D27D4EB4F)  # odd multiplier for combining word hashes into n-grams
_SPACE = 32
_U32 = next(t for t in "IL" if array.array(t).itemsize == 4)  # array typecode of a 4-byte unsigned int


# -- text selection and normalisation (per document, C-level string methods) ----------------------


def select_text(conv: Conversation, mode: str = "conversation", include_system: bool = False) -> str:
    """The text a conversation is compared on. Turns are joined with a newline."""
    turns = conv.turns
    if mode == "conversation":
        roles = ("system", "human", "gpt") if include_system else ("human", "gpt")
        parts = [t.text for t in turns if t.role in roles]
    else:
        parts = [t.text for t in turns if t.role == "system"] if include_system else []
        human = next((t.text for t in turns if t.role == "human"), None)
        if human is not None:
            parts.append(human)
        if mode == "first_exchange":
            gpt = next((t.text for t in turns if t.role == "gpt"), None)
            if gpt is not None:
                parts.append(gpt)
    return "\n".join(parts)


_PUNCT = re.compile(r"[^\w\s]+")
_WS = re.compile(r"\s+")


def normalise(text: str, mode: str = "default") -> str:
    """``default``: lowercase, punctuation -> space, whitespace collapsed. ``nfkc``: NFKC first, then default.
    ``whitespace``: only collapse whitespace (code). ``none``: as is (words still split on whitespace)."""
    if mode == "none":
        return text
    if mode == "whitespace":
        return _WS.sub(" ", text).strip()
    if mode == "nfkc":
        text = unicodedata.normalize("NFKC", text)
    return _WS.sub(" ", _PUNCT.sub(" ", text.lower())).strip()


# -- vectorised hashing -------------------------------------------------------------------------------


def fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3 64-bit finaliser (a bijection), element-wise; wraps mod 2^64 as intended."""
    x = x ^ (x >> U64(33))
    x *= U64(0xFF51AFD7ED558CCD)
    x ^= x >> U64(33)
    x *= U64(0xC4CEB9FE1A85EC53)
    x ^= x >> U64(33)
    return x


def fmix32(x: np.ndarray) -> np.ndarray:
    """MurmurHash3 32-bit finaliser on uint32 (datasketch's affine32 pre-mix)."""
    x = x ^ (x >> np.uint32(16))
    x *= np.uint32(0x85EBCA6B)
    x ^= x >> np.uint32(13)
    x *= np.uint32(0xC2B2AE35)
    x ^= x >> np.uint32(16)
    return x


class _Powers:
    """P^i and P^-i mod 2^64, grown on demand (cumprod over uint64 wraps, which is the modulus)."""

    def __init__(self) -> None:
        self.pow = np.ones(1, U64)
        self.inv = np.ones(1, U64)
        self.p_inv = U64(pow(int(_P), -1, 1 << 64))

    def upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.pow) < n:
            size = max(n, 2 * len(self.pow))
            with np.errstate(over="ignore"):
                self.pow = np.concatenate(([U64(1)], np.cumprod(np.full(size - 1, _P, U64), dtype=U64)))
                self.inv = np.concatenate(([U64(1)], np.cumprod(np.full(size - 1, self.p_inv, U64), dtype=U64)))
        return self.pow[:n], self.inv[:n]


_POWERS = _Powers()


class _Tables:
    """Per-code-point lookup tables (built once, lazily): the normalised code point of every code point.

    ``norm`` (default/nfkc): lowercase, and whitespace or punctuation (not ``\\w``) -> space; ``ws``
    (whitespace/none): whitespace -> space. One table lookup normalises a whole batch; ASCII-only batches
    use the first 128 entries as a ``bytes.translate`` table (one C pass over the bytes, same values). Code points past
    ``_TABLE_SIZE`` are left as they are and count as word characters.
    """

    def __init__(self) -> None:
        self._built = False

    def build(self) -> None:
        if self._built:
            return
        chars = [chr(c) for c in range(_TABLE_SIZE)]
        lower = np.arange(_TABLE_SIZE, dtype=np.uint32)
        for c, ch in enumerate(chars):
            lo = ch.lower()
            if len(lo) == 1 and lo != ch:
                lower[c] = ord(lo)
        space = np.fromiter((ch.isspace() for ch in chars), bool, _TABLE_SIZE)
        # Python's \w: alphanumerics and underscore; everything else that is not space is punctuation
        word = np.fromiter((ch.isalnum() or ch == "_" for ch in chars), bool, _TABLE_SIZE)
        self.norm = np.where(word, lower, np.uint32(_SPACE)).astype(np.uint32)
        self.ws = np.where(space, np.uint32(_SPACE), np.arange(_TABLE_SIZE, dtype=np.uint32)).astype(np.uint32)
        # 256-byte tables for bytes.translate (ASCII input never holds bytes >= 128)
        self.norm8 = self.norm[:128].astype(np.uint8).tobytes() + bytes(range(128, 256))
        self.ws8 = self.ws[:128].astype(np.uint8).tobytes() + bytes(range(128, 256))
        self._built = True


_TABLE_SIZE = 0x30000
_TABLES = _Tables()


def _codepoints(texts: Sequence[str], mode: str = "default") -> tuple[np.ndarray, np.ndarray]:
    """All texts joined by one space as normalised code points (every separator is a space, code 32), and
    the start offset of each text (length n+1). Normalisation is one table lookup over the whole batch.
    ASCII-only batches come back as ``uint8`` (same values), others as ``uint32``."""
    if mode == "nfkc":
        texts = [unicodedata.normalize("NFKC", t) for t in texts]
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(lens + 1, out=starts[1:])
    joined = " ".join(texts) + " "
    _TABLES.build()
    lowercase = mode in ("default", "nfkc")
    if joined.isascii():  # O(1) in CPython: the string's storage kind says so
        table8 = _TABLES.norm8 if lowercase else _TABLES.ws8
        return np.frombuffer(joined.encode("ascii").translate(table8), dtype=np.uint8), starts
    cp = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _TABLES.norm if lowercase else _TABLES.ws
    big = cp >= _TABLE_SIZE
    if big.any():
        return np.where(big, cp, table.take(np.where(big, 0, cp))), starts
    return table.take(cp), starts


def _span_hashes(cp: np.ndarray, begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Polynomial hash of each span ``cp[begin:end]`` (mixed), all spans at once."""
    pw, inv = _POWERS.upto(len(cp) + 1)
    with np.errstate(over="ignore"):
        csum = np.empty(len(cp) + 1, U64)
        csum[0] = 0
        np.multiply(cp, pw[: len(cp)], out=csum[1:], dtype=U64)
        np.cumsum(csum[1:], out=csum[1:])
        h = csum[end]
        h -= csum[begin]
        h *= inv[begin]
        length = (end - begin).astype(U64)
        length *= U64(0x632BE59BD9B4E019)
        h += length
    return fmix64(h)


def shingle_hashes(
    texts: Sequence[str], kind: str = "word", n: int = 5, norm: str = "default"
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every word ``n``-gram (or character ``n``-gram) of each text: ``shingle_hashes_and_keys``
    without the keys."""
    hashes, offsets, _ = _shingles(texts, kind, n, norm, with_keys=False)
    return hashes, offsets


def shingle_hashes_and_keys(
    texts: Sequence[str], kind: str = "word", n: int = 5, norm: str = "default"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashes of every word ``n``-gram (or character ``n``-gram) of each text, and each text's exact key.

    Returns ``(hashes uint64[S], offsets int64[len(texts)+1], keys)``: text ``i`` owns
    ``hashes[offsets[i]:offsets[i+1]]``.
    A text shorter than ``n`` units gives one shingle (the whole text); an empty text gives none.
    Duplicate shingles inside a text are kept (MinHash and exact Jaccard ignore them via min / unique).
    The third array ``uint64[len(texts), 2]`` holds each text's exact key: blake2b-128 of its sequence of
    normalised word hashes (so texts that normalise to the same words share a key).
    """
    hashes, offsets, keys = _shingles(texts, kind, n, norm, with_keys=True)
    assert keys is not None
    return hashes, offsets, keys


def _shingles(
    texts: Sequence[str], kind: str, n: int, norm: str, with_keys: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    ndocs = len(texts)
    if ndocs == 0:
        return np.zeros(0, U64), np.zeros(1, np.int64), np.zeros((0, 2), U64)
    if kind not in SHINGLES:
        raise ValueError(f"shingle kind {kind!r}: choose one of {', '.join(SHINGLES)}")
    cp, starts = _codepoints(texts, norm)
    keys = None
    if kind == "word" or with_keys:
        space = np.flatnonzero(cp == _SPACE)  # every text ends with a joining space, so every word ends at one
        wb = np.empty(len(space), np.int64)
        wb[0] = 0
        wb[1:] = space[:-1] + 1  # word begins (one per separator, incl. empties)
        keep = space > wb  # drop empty words (runs of spaces / empty texts)
        wb, we = wb[keep], space[keep]
        words = _span_hashes(cp, wb, we)
        wstart = np.searchsorted(wb, starts)  # first word of each text (and len(words) at the end)
        if with_keys:
            buf = words.data.cast("B")
            cut = (wstart * 8).tolist()
            keys = (
                np.frombuffer(
                    b"".join(
                        [
                            hashlib.blake2b(buf[a:b], digest_size=16).digest()
                            for a, b in zip(cut[:-1], cut[1:], strict=True)
                        ]
                    ),
                    dtype=U64,
                )
                .reshape(ndocs, 2)
                .copy()
            )
    if kind == "word":
        counts = np.diff(wstart)
        ustart = wstart
    else:
        counts = np.diff(starts) - 1  # the joining space is not a character of a text
        ustart = starts - np.arange(ndocs + 1)
    # shingles per text: counts - n + 1, or one (the whole text) for a non-empty text shorter than n units
    nsh = np.where(counts >= n, counts - (n - 1), np.minimum(counts, 1))
    offsets = np.zeros(ndocs + 1, np.int64)
    np.cumsum(nsh, out=offsets[1:])
    total = int(offsets[-1])
    idx = np.arange(total, dtype=np.int64)  # unit index (within the batch) where each shingle starts
    idx += np.repeat(ustart[:-1] - offsets[:-1], nsh)
    short = np.flatnonzero((counts < n) & (counts > 0))  # texts with one shortened shingle

    if kind == "word":
        nw = len(words)
        acc = np.zeros(max(nw, 1), U64)
        with np.errstate(over="ignore"):
            m = nw - (n - 1)
            if m > 0:  # full-width n-grams at every word position, by shifted views (no gathers)
                full = words[:m].copy()
                for j in range(1, n):
                    full *= _Q
                    full += words[j : j + m]
                acc[:m] = full
            if len(short):  # the few texts shorter than n words: one n-gram over all their words
                first, width = wstart[short], counts[short]
                sacc = words[first].copy()
                for j in range(1, n):
                    more = width > j
                    sacc = np.where(more, sacc * _Q + words[np.minimum(first + j, nw - 1)], sacc)
                acc[first] = sacc
        acc = acc[idx]
        if len(short):
            width = np.full(total, n, U64)
            width[offsets[short]] = counts[short].astype(U64)
            acc ^= width
        else:
            acc ^= U64(n)
        hashes = fmix64(acc)
    else:
        begin = idx + np.repeat(starts[:-1] - ustart[:-1], nsh)  # code-point position of each shingle
        end = begin + n
        if len(short):
            end[offsets[short]] = begin[offsets[short]] + counts[short]
        hashes = _span_hashes(cp, begin, end)
    return hashes, offsets, keys


# -- MinHash signatures ---------------------------------------------------------------------------


def datasketch_permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``(a, b)`` exactly as ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def signatures_numpy(
    hashes: np.ndarray, offsets: np.ndarray, num_perm: int = 128, seed: int = 1, chunk: int = 1024
) -> np.ndarray:
    """datasketch ``affine32`` MinHash over the low 32 bits of each shingle hash, in cache-sized chunks."""
    a, b = datasketch_permutations(num_perm, seed)
    ndocs = len(offsets) - 1
    out = np.full((ndocs, num_perm), np.uint32(0xFFFFFFFF), np.uint32)
    hv = fmix32((hashes & _MASK32).astype(np.uint32))
    nonempty = np.flatnonzero(np.diff(offsets) > 0)
    ends = offsets[nonempty + 1]
    i = 0
    while i < len(nonempty):
        # as many documents as fit in ~chunk shingles (at least one)
        j = max(i + 1, int(np.searchsorted(ends, offsets[nonempty[i]] + chunk, side="right")))
        docs = nonempty[i:j]
        s0, s1 = offsets[docs[0]], offsets[docs[-1] + 1]
        with np.errstate(over="ignore"):
            phv = np.multiply.outer(hv[s0:s1], a)
            phv += b
        # docs are consecutive in `nonempty` only if no empty doc lies between; reduceat over their starts
        out[docs] = np.minimum.reduceat(phv, offsets[docs] - s0, axis=0)
        i = j
    return out


def signatures_rensa(hashes: np.ndarray, offsets: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    from rensa import RMinHash

    ndocs = len(offsets) - 1
    if ndocs == 0:
        return np.zeros((0, num_perm), np.uint32)
    mat = RMinHash.digest_matrix_from_flat_token_hashes(hashes, offsets.astype(U64), num_perm, seed)
    buf = array.array(_U32)  # the matrix only gives lists of ints; array.extend reads them faster than np.array
    for row in mat.to_rows():
        buf.extend(row)
    out = np.frombuffer(buf, np.uint32).reshape(ndocs, num_perm)
    out[np.diff(offsets) == 0] = np.uint32(0xFFFFFFFF)
    return out


def signatures(
    hashes: np.ndarray, offsets: np.ndarray, num_perm: int = 128, seed: int = 1, backend: str = "rensa"
) -> np.ndarray:
    if backend == "rensa":
        return signatures_rensa(hashes, offsets, num_perm, seed)
    if backend == "numpy":
        return signatures_numpy(hashes, offsets, num_perm, seed)
    raise ValueError(f"backend {backend!r}: choose one of {', '.join(BACKENDS)}")


@dataclass(frozen=True)
class ShingleConfig:
    text: str = "conversation"
    include_system: bool = False
    normalise: str = "default"
    shingle: str = "word"
    ngram: int = 5

    def texts(self, convs: Sequence[Conversation]) -> list[str]:
        """Selected (not yet normalised) texts: normalisation happens vectorised inside ``shingles``."""
        return [select_text(c, self.text, self.include_system) for c in convs]

    def shingles(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return shingle_hashes(texts, self.shingle, self.ngram, self.normalise)

    def shingles_and_keys(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return shingle_hashes_and_keys(texts, self.shingle, self.ngram, self.normalise)
