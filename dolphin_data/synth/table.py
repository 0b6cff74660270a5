"""The token table: every literal and every vocabulary token, with raw and JSON forms, and byte rendering.

Layout (fixed, so token ids mean the same in every process): literals first (scaffolds of every schema, the
texts of ``phrases``, the empty token, numbers for ids), then one block per vocabulary (``text.vocab_tokens``).
``render`` turns an int32 token array into bytes with one polars gather + join.
"""

from __future__ import annotations

import functools

import numpy as np
import polars as pl
import pyarrow as pa

from dolphin_data.synth import phrases as P
from dolphin_data.synth.schemas import SCHEMAS
from dolphin_data.synth.text import vocab_tokens, vocabularies

NUM_LO = 100_000  # ids are written as (high part, low part) tokens: "" + "42", or "12" + "00042"
NUM_HI = 20_000


def _text_literals() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [("empty", "")]
    groups = {
        "flan_sys": P.FLAN_SYSTEMS,
        "coder_sys": P.CODER_SYSTEMS,
        "agent_sys": P.AGENT_SYSTEMS,
        "persona": P.PERSONA_OPENERS,
        "boiler": P.BOILERPLATE,
        "soft": P.SOFT_REFUSALS,
        "hardneg": P.HARD_NEGATIVES,
        "leak": P.LEAKS,
        "fence": P.CODE_FENCES,
    }
    for group, texts in groups.items():
        out += [(f"{group}:{i}", t) for i, t in enumerate(texts)]
    out += [(f"refusal:{i}", t) for i, t in enumerate(P.REFUSALS)]
    out += [(f"refusal_lead:{i}", t + " ") for i, t in enumerate(P.REFUSALS)]
    out += [(f"directive:{i}", t) for i, (t, _n) in enumerate(P.DIRECTIVE_SYSTEMS)]
    out += [("sentinel", P.SENTINEL), ("fence_close", P.CODE_CLOSE)]
    out += [(f"agent_id:{p}", f"{p}_") for p in ("react", "j1s1", "neg", "react10p", "cot")]
    return out


class TokenTable:
    def __init__(self) -> None:
        scaffold = [item for s in SCHEMAS.values() for item in s.scaffold()]
        texts = _text_literals()
        names = [n for n, _ in scaffold] + [n for n, _ in texts]
        raw: list[str] = ["" for _ in scaffold] + [t for _, t in texts]
        js: list[str] = [t for _, t in scaffold] + [_json(t) for _, t in texts]
        self.lit = {n: i for i, n in enumerate(names)}
        self.num_hi = len(raw)
        nums = [""] + [str(i) for i in range(1, NUM_HI)]
        self.num_lo = self.num_hi + len(nums)
        nums += [str(i) for i in range(NUM_LO)]
        self.num_pad = self.num_hi + len(nums)
        nums += [f"{i:05d}" for i in range(NUM_LO)]
        raw += nums
        js += nums
        self.base: list[int] = []
        blocks_raw = [pl.Series(raw, dtype=pl.String)]
        size = len(raw)
        for v in vocabularies():
            self.base.append(size)
            toks = vocab_tokens(v)
            size += len(toks)
            blocks_raw.append(pl.Series(toks, dtype=pl.String))
        raw_s = pl.concat(blocks_raw)
        vocab_js = (
            raw_s.slice(len(raw))
            .str.replace_all("\\", "\\\\", literal=True)
            .str.replace_all('"', '\\"', literal=True)
            .str.replace_all("\n", "\\n", literal=True)
        )
        self.raw = raw_s.rechunk()
        self.json = pl.concat([pl.Series(js, dtype=pl.String), vocab_js]).rechunk()
        self.size = size
        self.raw_chars = raw_s.str.len_chars().to_numpy().astype(np.int32)

    def number(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Two tokens per value: ``("", str(v))`` below 100,000, else ``(str(v // 100000), f"{v % 100000:05d}")``."""
        v = np.asarray(values, dtype=np.int64)
        big = v >= NUM_LO
        hi = np.where(big, self.num_hi + v // NUM_LO, self.num_hi)
        lo = np.where(big, self.num_pad + v % NUM_LO, self.num_lo + v)
        return hi.astype(np.int32), lo.astype(np.int32)

    def render(self, tokens: np.ndarray, json: bool = True) -> memoryview:
        """The bytes of ``tokens`` (JSON forms or raw text)."""
        return self.render_offsets(tokens, json)[0]

    def render_offsets(self, tokens: np.ndarray, json: bool = True) -> tuple[memoryview, np.ndarray]:
        """``(bytes, offsets)``: one gather; the gathered column's data buffer is the tokens' bytes in order, and
        token ``i`` is ``bytes[offsets[i]:offsets[i + 1]]``."""
        if len(tokens) == 0:
            return memoryview(b""), np.zeros(1, np.int64)
        series = self.json if json else self.raw
        arr = series.gather(tokens).to_arrow(compat_level=pl.CompatLevel.oldest())
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64, count=len(arr) + 1, offset=arr.offset * 8)
        data = memoryview(arr.buffers()[2])[int(offsets[0]) : int(offsets[-1])]
        return data, offsets - offsets[0]

    def texts(self, tokens: np.ndarray, bounds: np.ndarray) -> list[str]:
        """Raw texts of consecutive token ranges ``tokens[bounds[i]:bounds[i+1]]``."""
        data, offsets = self.render_offsets(tokens, json=False)
        ends = offsets[bounds]
        return [str(data[a:b], "utf-8") for a, b in zip(ends[:-1].tolist(), ends[1:].tolist(), strict=True)]


def _json(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)[1:-1]


@functools.cache
def token_table() -> TokenTable:
    """The table, built once per process (about a second)."""
    return TokenTable()
