"""Language identification with fastText's ``lid.176`` model, as our own vectorised inference (no per-text C++ call).

``detect_languages(texts) -> (codes, probs)``: one ISO 639 code ("en", "fr", "zh", ...) and its probability per
text. fastText predicts per line, so line breaks are replaced by spaces first; texts without letters are "und".
``LanguageIdentifier`` loads the model on first use and drops it when pickled, so a stage that holds one can be
shipped to executor processes; each process then reads the (0.9 MB) model file once.

The inference is fastText's own, step for step, over a whole batch at once (``FastTextModel``):

- the ``.ftz`` file is read here: arguments, dictionary (words, labels, the pruned n-gram index), the product-
  quantized input matrix (dequantized once, ``alpha * centroid`` in float32 exactly as fastText adds it), the output
  matrix, and the hierarchical-softmax tree rebuilt from the label counts as fastText builds it;
- a text is split on fastText's separators (space, ``\\t \\n \\v \\f \\r \\0``); each token gives its word id (when in the
  vocabulary) and the ids of its character n-grams (``minn``..``maxn`` characters of ``<token>``, FNV-1a hashed over
  the UTF-8 bytes with fastText's sign-extended bytes, modulo ``bucket``, through the pruning index); a ``</s>`` token
  ends the line and ``__label__`` tokens are not words. Token -> the sum of its rows (and their count) is cached per
  process (bounded);
- the hidden vector is the mean of a line's rows: the cached token sums added per line in float64 and rounded to
  float32 once (fastText adds rows in float32 one at a time; the two differ by its rounding, < 1e-6 relative);
  every internal node's sigmoid, the ``log(x + 1e-5)`` path scores and the best leaf come
  from column operations (the few texts whose two best labels are within 1e-3 replay fastText's pruned tree walk).

``tests/test_langid.py`` checks labels and probabilities against fastText's ``multilinePredict`` and ``predict`` on a
large mixed set; ``FastTextIdentifier`` (fastText's own C++ inference behind the same interface) is the reference the
tests and ``bench/bench_unfilter_speed.py`` compare with.
"""

from __future__ import annotations

import re
import struct
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.lid_tree import HsTree, hs_best

LABEL_PREFIX = "__label__"
# fastText settles a language within a few hundred characters; longer texts only cost time (linear in length)
MAX_CHARS = 2000
_BREAK = re.compile("[\r\n\u2028\u2029\x0b\x0c\x85]")
_LETTER = re.compile(r"[^\W\d_]")
_FT_MAGIC, _FT_VERSION = 793712314, 12
_FNV_BASIS, _FNV_PRIME = np.uint32(2166136261), np.uint32(16777619)
_EOS = b"</s>"
_CACHE_MAX = 500_000  # distinct tokens remembered per process (their row ids); cleared when full


def _clean(texts: list[str], max_chars: int) -> tuple[list[str], np.ndarray]:
    """The first ``max_chars`` of each text with line breaks replaced (fastText would split them into several
    predictions), and which have letters."""
    sub = _BREAK.sub
    cleaned = [sub(" ", (t or "")[:max_chars]) for t in texts]
    return cleaned, np.fromiter((_LETTER.search(t) is not None for t in cleaned), dtype=bool, count=len(cleaned))


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        out = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def cstring(self) -> bytes:
        end = self.data.index(b"\0", self.pos)
        out = self.data[self.pos : end]
        self.pos = end + 1
        return out


def _read_matrix(r: _Reader, quantized: bool) -> np.ndarray:
    """A dense float32 matrix; a quantized one dequantized as fastText adds its rows (``alpha * c`` in float32)."""
    if not quantized:
        m, n = r.unpack("<qq")
        return r.array("<f4", m * n).reshape(m, n).astype(np.float32)
    (qnorm,) = r.unpack("<?")
    m, n = r.unpack("<qq")
    (codesize,) = r.unpack("<i")
    codes = r.array("u1", codesize)
    dim, nsubq, dsub, lastdsub = r.unpack("<iiii")
    centroids = r.array("<f4", dim * 256)
    norms = np.ones(m, np.float32)
    if qnorm:
        norm_codes = r.array("u1", m)
        r.unpack("<iiii")  # the norm quantizer: dim 1, one sub-quantizer
        norms = r.array("<f4", 256)[norm_codes].astype(np.float32)
    codes = codes.reshape(m, nsubq)
    out = np.empty((m, n), np.float32)
    for q in range(nsubq):
        d = lastdsub if q == nsubq - 1 else dsub
        base = q * 256 * dsub
        table = centroids[base : base + 256 * d].reshape(256, d)  # the last sub-quantizer's rows are lastdsub long
        out[:, q * dsub : q * dsub + d] = norms[:, None] * table[codes[:, q]]
    return out


class FastTextModel:
    """A supervised fastText model (``.bin``/``.ftz``) read into arrays; ``predict_top`` scores a batch of lines."""

    def __init__(self, path: str | Path):
        data = Path(path).read_bytes()
        r = _Reader(data)
        magic, version = r.unpack("<ii")
        if magic != _FT_MAGIC or version > _FT_VERSION:
            raise ValueError(f"{path}: not a fastText model file (magic {magic}, version {version})")
        (
            self.dim,
            _ws,
            _epoch,
            _mincount,
            _neg,
            self.word_ngrams,
            self.loss,
            self.model,
            self.bucket,
            self.minn,
            self.maxn,
            _lr_update,
            _t,
        ) = r.unpack("<12id")
        if self.word_ngrams > 1 or self.model != 3:
            raise ValueError(f"{path}: only supervised models without word n-grams are supported")
        size, self.nwords, nlabels = r.unpack("<iii")
        _ntokens, prune_size = r.unpack("<qq")
        words: list[bytes] = []
        counts: list[int] = []
        for _ in range(size):
            words.append(r.cstring())
            count, _type = r.unpack("<qb")
            counts.append(count)
        self.vocab = {w: i for i, w in enumerate(words)}  # labels too: a label token is not a word
        self.labels = [w.decode() for w in words[self.nwords :]]
        self.prune_size = prune_size
        self.prune: np.ndarray | None = None
        if prune_size > 0:
            pairs = r.array("<i4", 2 * prune_size).reshape(-1, 2)
            self.prune = np.full(self.bucket, -1, np.int32)
            self.prune[pairs[:, 0]] = pairs[:, 1]
        (quant_in,) = r.unpack("<?")
        rows = _read_matrix(r, quant_in)
        (quant_out,) = r.unpack("<?")
        self.wo = _read_matrix(r, quant_out)
        # one all-zero row at the end pads the batch's row matrix (x + 0.0 == x: the sums stay exact)
        self.rows = np.vstack([rows, np.zeros((1, self.dim), np.float32)])
        self.tree = HsTree(counts[self.nwords :]) if self.loss == 1 else None
        self._reset_cache()

    # -- token -> input rows ------------------------------------------------------------------------------------------

    def _ngram_rows(self, tokens: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """Input rows of the character n-grams of ``<token>`` for each token, in fastText's order (start character,
        then length): ``(rows, owner token)``."""
        wrapped = [b"<" + t + b">" for t in tokens]
        buf = np.frombuffer(b"".join(wrapped), np.uint8)
        lens = np.fromiter(map(len, wrapped), np.int64, len(wrapped))
        ends = np.cumsum(lens)
        starts = ends - lens
        cpos = np.flatnonzero((buf & 0xC0) != 0x80)  # character starts (tokens are whole UTF-8 characters)
        owner = np.searchsorted(starts, cpos, side="right") - 1
        nchar = np.bincount(owner, minlength=len(tokens))
        first_char = np.cumsum(nchar) - nchar
        k_in = np.arange(len(cpos)) - first_char[owner]  # character index within its token
        left = nchar[owner] - k_in  # characters from this one to the token's end
        bounds = np.append(cpos, len(buf))
        sbytes = buf.astype(np.int8).astype(np.int32).view(np.uint32)  # fastText hashes sign-extended bytes
        h = np.full(len(cpos), _FNV_BASIS, np.uint32)
        grid = np.zeros((len(cpos), self.maxn), np.int64)
        ok = np.zeros((len(cpos), self.maxn), bool)
        for n in range(1, self.maxn + 1):
            alive = np.flatnonzero(left >= n)
            if not len(alive):
                break
            c0 = bounds[alive + n - 1]
            clen = bounds[alive + n] - c0
            for b in range(int(clen.max())):
                sel = clen > b
                idx = alive[sel]
                h[idx] = (h[idx] ^ sbytes[c0[sel] + b]) * _FNV_PRIME
            if n >= self.minn:
                keep = alive if n != 1 else alive[(k_in[alive] > 0) & (left[alive] > 1)]
                grid[keep, n - 1] = (h[keep] % np.uint32(self.bucket)).astype(np.int64)
                ok[keep, n - 1] = True
        ids = grid[ok]
        who = np.repeat(owner, ok.sum(1))
        if self.prune is not None:
            ids = self.prune[ids]
            kept = ids >= 0
            ids, who = ids[kept], who[kept]
        elif self.prune_size == 0:
            ids, who = ids[:0], who[:0]
        return (ids + self.nwords).astype(np.int32), who

    def _token_ids(self, tokens: list[bytes]) -> np.ndarray:
        """Cache index of each token, computing the vectors of the tokens not seen before (as one column)."""
        index = self._tok_index
        if len(index) > _CACHE_MAX:
            self._reset_cache()
            index = self._tok_index
        ids = np.fromiter(map(index.get, tokens, repeat(-1)), np.int64, len(tokens))
        miss = np.flatnonzero(ids < 0)
        if len(miss):
            self._add_tokens(list(dict.fromkeys(tokens[i] for i in miss.tolist())))
            ids[miss] = np.fromiter((index[tokens[i]] for i in miss.tolist()), np.int64, len(miss))
        return ids

    def _reset_cache(self) -> None:
        """Token -> cache index ``k``: ``_tok_vec[k]`` is the float64 sum of its input rows, ``_tok_len[k]`` how many
        (arrays grown by doubling)."""
        self._tok_index: dict[bytes, int] = {}
        self._tok_vec = np.zeros((0, self.dim), np.float64)
        self._tok_len = np.zeros(0, np.int64)
        self._tok_n = 0

    def _token_rows(self, new: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """The input rows of each token in fastText's order (its word id first, when in the vocabulary, then its
        n-grams; none for a label or ``</s>``'s n-grams): ``(rows, per-token count)``."""
        vocab, nwords = self.vocab, self.nwords
        wids = np.fromiter((vocab.get(t, -1) for t in new), np.int64, len(new))
        is_label = (wids >= nwords) | np.fromiter((t.startswith(b"__label__") for t in new), bool, len(new))
        subword = [t for t, w, lab in zip(new, wids.tolist(), is_label.tolist(), strict=True) if not lab and t != _EOS]
        sub_pos = np.flatnonzero(~is_label & np.fromiter((t != _EOS for t in new), bool, len(new)))
        rows, who = self._ngram_rows(subword) if subword else (np.zeros(0, np.int32), np.zeros(0, np.int64))
        per_tok = np.zeros(len(new), np.int64)
        per_tok[sub_pos] = np.bincount(who, minlength=len(subword))
        has_wid = (wids >= 0) & ~is_label
        n_rows = per_tok + has_wid
        out = np.empty(int(n_rows.sum()), np.int32)
        start = np.cumsum(n_rows) - n_rows
        out[start[has_wid]] = wids[has_wid]
        gram_start = start + has_wid
        gram_owner = sub_pos[who] if len(who) else who
        first = np.cumsum(per_tok) - per_tok
        out[gram_start[gram_owner] + (np.arange(len(rows)) - first[gram_owner])] = rows
        return out, n_rows

    def _add_tokens(self, new: list[bytes]) -> None:
        rows, n_rows = self._token_rows(new)
        vec = np.zeros((len(new), self.dim), np.float64)
        some = np.flatnonzero(n_rows)  # a token's rows are contiguous: each token summed on its own
        if len(some):
            vec[some] = np.add.reduceat(self.rows[rows].astype(np.float64), (np.cumsum(n_rows) - n_rows)[some], axis=0)
        k0 = self._tok_n
        k1 = k0 + len(new)
        if k1 > len(self._tok_len):
            size = max(k1, 2 * len(self._tok_len), 1 << 14)
            self._tok_vec = np.concatenate([self._tok_vec[:k0], np.zeros((size - k0, self.dim), np.float64)])
            self._tok_len = np.concatenate([self._tok_len[:k0], np.zeros(size - k0, np.int64)])
        self._tok_vec[k0:k1] = vec
        self._tok_len[k0:k1] = n_rows
        self._tok_n = k1
        self._tok_index.update(zip(new, range(k0, k1), strict=True))

    # -- prediction ---------------------------------------------------------------------------------------------------

    def hidden(self, lines: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """fastText's hidden vector per line (the mean of its input rows; zero rows -> 0) and its row count.

        Summed per token (cached) and then per line in float64, and rounded to float32 once: fastText sums the rows
        in float32 one at a time, so the two differ by fastText's rounding (< 1e-6 relative; ``test_langid``
        checks labels identical and probabilities within 1e-5 on a large mixed set)."""
        toks: list[list[bytes]] = []
        for line in lines:
            b = line.encode("utf-8", "surrogatepass")
            if b"\0" in b:
                b = b.replace(b"\0", b" ")
            t = b.split()
            if _EOS in b and _EOS in t:
                t = t[: t.index(_EOS) + 1]  # fastText stops reading a line at its end-of-sentence token
            toks.append(t)
        n_tok = np.fromiter(map(len, toks), np.int64, len(toks))
        ids = self._token_ids([t for ts in toks for t in ts])
        out = np.zeros((len(lines), self.dim), np.float32)
        per_line = np.zeros(len(lines), np.int64)
        some = np.flatnonzero(n_tok)
        if len(some):  # each line summed on its own (reduceat), so a line's vector does not depend on its batch
            starts = (np.cumsum(n_tok) - n_tok)[some]
            per_line[some] = np.add.reduceat(self._tok_len[ids], starts)
            total = np.add.reduceat(self._tok_vec[ids], starts, axis=0)
            has = per_line[some] > 0
            rows = some[has]
            out[rows] = (total[has] / per_line[rows, None]).astype(np.float32)
        return out, per_line

    def predict_top(self, lines: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Best label index (-1: the line has no input rows, fastText predicts nothing) and its probability."""
        if self.tree is None:
            raise ValueError("only hierarchical-softmax models (lid.176) are supported")
        h, per_line = self.hidden(lines)
        label, prob = hs_best(self.tree, self.wo, h)
        empty = per_line == 0
        label[empty] = -1
        prob[empty] = 0.0
        return label, prob


class LanguageIdentifier:
    """Batch language id over a lazily loaded model (picklable: the model is not part of the state)."""

    def __init__(self, path: str | Path | None = None, max_chars: int = MAX_CHARS):
        self.path = Path(path) if path is not None else None
        self.max_chars = max_chars
        self._model: FastTextModel | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "max_chars": self.max_chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.max_chars, self._model = state["path"], state["max_chars"], None

    @property
    def model(self) -> FastTextModel:
        if self._model is None:
            from dolphin_data.assets import lid_model_path

            self._model = _load(self.path if self.path is not None else lid_model_path())
        return self._model

    def detect(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        """Top language and its probability for each text; empty or symbol-only texts get ``"und"`` and 0.0."""
        if not texts:
            return [], np.zeros(0, dtype=np.float32)
        cleaned, has_letters = _clean(texts, self.max_chars)
        model = self.model
        label, prob = model.predict_top(cleaned)
        n = len(LABEL_PREFIX)
        names = [lab[n:] for lab in model.labels]
        codes = [names[i] if i >= 0 else "und" for i in label.tolist()]
        # fastText adds 1e-5 to every softmax output, so a sure prediction can read 1.00003
        p = np.clip(prob, 0.0, 1.0).astype(np.float32)
        # fastText still guesses on text with no letters; call that undetermined rather than a language
        for i in np.flatnonzero(~has_letters):
            codes[i], p[i] = "und", 0.0
        return codes, p


class FastTextIdentifier:
    """The reference: the same text preparation, then fastText's own C++ ``multilinePredict`` (what the stage ran
    before ``FastTextModel``). Tests and the benchmark compare against it; the stage does not use it."""

    def __init__(self, path: str | Path | None = None, max_chars: int = MAX_CHARS):
        self.path = Path(path) if path is not None else None
        self.max_chars = max_chars
        self._model: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            import fasttext

            from dolphin_data.assets import lid_model_path

            self._model = fasttext.load_model(str(self.path if self.path is not None else lid_model_path()))
        return self._model

    def detect(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        if not texts:
            return [], np.zeros(0, dtype=np.float32)
        cleaned, has_letters = _clean(texts, self.max_chars)
        labels, probs = self.model.f.multilinePredict(cleaned, 1, 0.0, "strict")
        codes = [lab[0][len(LABEL_PREFIX) :] if lab else "und" for lab in labels]
        p = np.clip(np.array([pr[0] if len(pr) else 0.0 for pr in probs], dtype=np.float32), 0.0, 1.0)
        for i in np.flatnonzero(~has_letters):
            codes[i], p[i] = "und", 0.0
        return codes, p


_MODELS: dict[Path, FastTextModel] = {}


def _load(path: Path) -> FastTextModel:
    """One model per file per process (stages and identifiers share it, with its token cache)."""
    key = Path(path).resolve()
    if key not in _MODELS:
        _MODELS[key] = FastTextModel(key)
    return _MODELS[key]


_DEFAULT: LanguageIdentifier | None = None


def detect_languages(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """ISO code (from ``__label__xx``) and probability per text, with the bundled ``lid.176`` model."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LanguageIdentifier()
    return _DEFAULT.detect(texts)
