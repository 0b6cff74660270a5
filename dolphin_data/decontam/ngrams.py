"""Normalisation and n-gram hashing over a whole list of texts at once (no per-word Python).

The index builder and the matcher both call ``units`` then ``gram_hashes``, so a benchmark item and a training
text that normalise to the same units get the same hashes, in any process, on any machine (the hashes are pure
functions of the bytes; nothing depends on Python's randomised ``hash``).

**Units.** ``word`` (the default): lowercase, then a word is a maximal run of word characters (letters, digits,
``_``; Python's ``\\w``), everything else separates words. ``char`` (code): lowercase, whitespace removed, every
other UTF-8 byte is a unit (a character, for ASCII). Normalisation never changes a text's length, so every unit
maps back to its exact span in the original text.

**How.** Texts are joined with a NUL separator and encoded once. ASCII texts go straight to bytes; the rest are
first normalised code point by code point (a lookup table built once, length preserving) and encoded to UTF-8.
``bytes.translate`` lowercases and turns separators into NUL. A word's value is its first 8 bytes read as one
little-endian ``uint64`` (exact for words of up to 8 bytes, which are NUL-free); longer words fold in the next 8
bytes, and so on, up to 64 bytes (longer words: first 56 bytes, last 8 bytes and the length). The hash of the
n-gram starting at unit ``k`` is ``(S[k+n] - S[k]) * Q^-k`` from the prefix sums
``S[i] = sum_{j<i} w_j Q^j`` (mod 2^64; ``Q`` odd, so invertible), then mixed with ``n``. Cost per unit is a few
array operations whatever ``n`` is.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

U64 = np.uint64
UNITS = ("word", "char")
HASH_SCHEME = "dcx-2"  # bump when any hashed value changes: old indexes are then refused at load

_Q = U64(0x9E3779B97F4A7C15)  # odd: prefix-sum multiplier
_Q_INV = U64(pow(int(_Q), -1, 1 << 64))
_M1 = U64(0xBF58476D1CE4E5B9)
_M2 = U64(0x94D049BB133111EB)
_LONG = 64  # bytes of a word that are read in full
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=U64)
_TABLE_SIZE = 0x30000  # code points past this keep their value (and are word characters)


def mix64(x: np.ndarray, inplace: bool = False) -> np.ndarray:
    """splitmix64's finaliser, element-wise (a bijection on uint64; wraps mod 2^64 as intended)."""
    if not inplace:
        x = x.copy()
    tmp = np.right_shift(x, U64(30))
    x ^= tmp
    x *= _M1
    np.right_shift(x, U64(27), out=tmp)
    x ^= tmp
    x *= _M2
    np.right_shift(x, U64(31), out=tmp)
    x ^= tmp
    return x


@functools.cache
def _byte_table(unit: str) -> bytes:
    """``bytes.translate`` table: ASCII lowercased; separators -> NUL; bytes >= 0x80 (UTF-8) kept."""
    table = bytearray(range(256))
    for c in range(128):
        ch = chr(c)
        if unit == "word":
            table[c] = ord(ch.lower()) if (ch.isalnum() or ch == "_") else 0
        else:
            table[c] = 0 if ch.isspace() else ord(ch.lower())
    return bytes(table)


@functools.cache
def _cp_table(unit: str) -> np.ndarray:
    """Code point -> normalised code point (0 = separator) for non-ASCII texts; one lowercase per code point."""
    out = np.arange(_TABLE_SIZE, dtype=np.uint32)
    for c in range(_TABLE_SIZE):
        ch = chr(c)
        lo = ch.lower()
        if len(lo) == 1:
            out[c] = ord(lo)
        if (
            unit == "word"
            and not (ch.isalnum() or ch == "_")
            or unit == "char"
            and ch.isspace()
            or 0xD800 <= c <= 0xDFFF
        ):
            out[c] = 0
    return out


def normalise_text(text: str, unit: str = "word") -> str:
    """The normalised text (separators as NUL), same length as ``text``: what the units are read from."""
    if text.isascii():
        return text.encode("ascii").translate(_byte_table(unit)).decode("ascii")
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _cp_table(unit)
    big = cp >= _TABLE_SIZE
    norm = np.where(big, cp, table.take(np.where(big, 0, cp)))
    return norm.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


@dataclass
class Units:
    """Units of a list of texts, in order: ``values[u]`` (uint64), byte span ``begin[u]:end[u]`` in ``data``.

    ``data`` is the joined, normalised UTF-8 buffer; text ``t`` occupies bytes ``text_begin[t]:text_begin[t+1]``
    of it (its NUL separator included) and owns units ``first[t]:first[t+1]``. ``ascii[t]`` says whether byte
    offsets in text ``t`` are also character offsets (else ``char_offset`` converts).
    """

    unit: str
    values: np.ndarray
    begin: np.ndarray
    end: np.ndarray
    first: np.ndarray
    text_begin: np.ndarray
    ascii: np.ndarray
    data: bytes

    def __len__(self) -> int:
        return len(self.values)

    def char_offset(self, text: int, byte_pos: int) -> int:
        """Character offset in text ``text`` (the original) of absolute byte position ``byte_pos``."""
        rel = int(byte_pos - self.text_begin[text])
        if self.ascii[text]:
            return rel
        # the normalised text has the original's length in characters (not in bytes): count in it
        start = int(self.text_begin[text])
        return len(self.data[start : start + rel].decode("utf-8", "surrogatepass"))


def _normalise_many(texts: Sequence[str], unit: str) -> list[str]:
    """``normalise_text`` of many (non-ASCII) texts with one table lookup over all their code points."""
    if not texts:
        return []
    cp = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _cp_table(unit)
    if len(cp) and int(cp.max()) >= _TABLE_SIZE:
        big = cp >= _TABLE_SIZE
        norm = np.where(big, cp, table.take(np.where(big, 0, cp)))
    else:
        norm = table.take(cp)
    joined = norm.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts))).tolist()
    return [joined[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def units(texts: Sequence[str], unit: str = "word") -> Units:
    """Normalise and split every text into units (see the module docstring)."""
    if unit not in UNITS:
        raise ValueError(f"unit {unit!r}: choose one of {', '.join(UNITS)}")
    ascii_flags = np.fromiter(map(str.isascii, texts), bool, len(texts))
    if ascii_flags.all():
        data = "\0".join(texts).encode("ascii")
        lens = np.fromiter(map(len, texts), np.int64, len(texts))
    else:
        parts: list[bytes] = [t.encode("ascii") if a else b"" for t, a in zip(texts, ascii_flags.tolist(), strict=True)]
        other = np.flatnonzero(~ascii_flags).tolist()
        for i, norm in zip(other, _normalise_many([texts[i] for i in other], unit), strict=True):
            parts[i] = norm.encode("utf-8", "surrogatepass")
        data = b"\0".join(parts)
        lens = np.fromiter(map(len, parts), np.int64, len(parts))
    pad = 16 + (-len(data)) % 8
    data = data.translate(_byte_table(unit)) + b"\0" * pad
    text_begin = np.zeros(len(texts) + 1, np.int64)
    if len(texts):
        np.cumsum(lens + 1, out=text_begin[1:])
    buf = np.frombuffer(data, np.uint8)
    if unit == "char":
        begin = np.flatnonzero(buf)
        end = begin + 1
        values = buf[begin].astype(U64)
    else:
        begin, end = _word_bounds(buf)
        values = _word_values(data, begin, end)
    first = np.searchsorted(begin, text_begin)
    return Units(unit, values, begin, end, first, text_begin, ascii_flags, data)


def _word_bounds(buf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end byte of every run of non-NUL bytes (the buffer ends with NULs)."""
    nz = buf.view(bool) if buf.dtype == np.uint8 else buf != 0
    edges = np.flatnonzero(nz[1:] != nz[:-1]) + 1
    if len(nz) and nz[0]:
        edges = np.concatenate((np.zeros(1, np.int64), edges))
    return edges[0::2], edges[1::2]


def _word_values(data: bytes, begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """One uint64 per word: its bytes, 8 at a time, folded (exact for words of <= 8 bytes)."""
    if not len(begin):
        return np.zeros(0, U64)
    # every offset as the start of an unaligned little-endian uint64 (the buffer has >= 8 trailing NULs)
    view = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    lens = end - begin
    vals = view[begin] & _MASKS[np.minimum(lens, 8)]
    long = np.flatnonzero(lens > 8)
    off = 8
    while len(long) and off < _LONG:
        more = lens[long] - off
        chunk = view[begin[long] + off] & _MASKS[np.minimum(more, 8)]
        vals[long] = mix64(vals[long], inplace=True) ^ chunk
        off += 8
        long = long[more > 8]
    if len(long):  # words over 64 bytes: the first 56 are in; add the last 8 bytes and the length
        tail = view[end[long] - 8]
        vals[long] = mix64(mix64(vals[long]) ^ tail) ^ lens[long].astype(U64)
    return vals


class _Powers:
    """Q^i and Q^-i mod 2^64 for i < n, grown on demand (cumprod over uint64 wraps, which is the modulus)."""

    def __init__(self) -> None:
        self.pow = np.ones(1, U64)
        self.inv = np.ones(1, U64)

    def upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.pow) < n:
            size = max(n, 2 * len(self.pow), 1 << 16)
            self.pow = np.concatenate(([U64(1)], np.cumprod(np.full(size - 1, _Q, U64), dtype=U64)))
            self.inv = np.concatenate(([U64(1)], np.cumprod(np.full(size - 1, _Q_INV, U64), dtype=U64)))
        return self.pow[:n], self.inv[:n]


_POWERS = _Powers()


def prefix_sums(values: np.ndarray) -> np.ndarray:
    """``S[i] = sum_{j<i} values[j] * Q^j`` (mod 2^64), length ``len(values) + 1``."""
    pw, _ = _POWERS.upto(len(values))
    out = np.zeros(len(values) + 1, U64)
    np.multiply(values, pw, out=out[1:])
    np.cumsum(out[1:], out=out[1:])
    return out


def gram_hashes(prefix: np.ndarray, n: int, starts: np.ndarray | None = None) -> np.ndarray:
    """Hash of the ``n`` units from each start (default: every start with ``n`` units after it)."""
    total = len(prefix) - 1
    _, inv = _POWERS.upto(total + 1)
    if starts is None:  # every start: contiguous slices, no gathers
        m = max(total - n + 1, 0)
        h = prefix[n : n + m] - prefix[:m]
        h *= inv[:m]
    else:
        h = prefix[starts + n] - prefix[starts]
        h *= inv[starts]
    h ^= U64((n * int(_M2)) & 0xFFFFFFFFFFFFFFFF)
    return mix64(h, inplace=True)
