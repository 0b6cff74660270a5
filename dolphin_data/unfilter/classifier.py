"""The refusal-act classifier: arbitrates between candidate decline sentences the rules did not name.

Design (why it generalises): the rules catch the phrasings we know; this layer catches new phrasings of the same
*acts* without learning topics. For each reply,

1. code, quotations and play-script lines are masked (a refusal quoted in a story or a test is not the assistant);
2. the reply is split into prose sentences (``text.sentences``) and only sentences with a *cue*
   (``vocab.CUE``: first person + negated ability/willingness/permission or a decline verb, an opening decline,
   rules-about-me talk, redirection, premise rejection, lecturing) are candidates; most replies have none and
   cost one vectorised regex pass;
3. each candidate is *act-masked* (``act_mask``): every word outside ``vocab.ACT_WORDS`` becomes ``w``, so the
   model sees "i can't help you w w" and never "bomb", "heroin" or "Holocaust";
4. a small fastText model gives P(refusal act) per candidate; the reply's score is the maximum, with the span of
   that sentence. The decision threshold is a stage parameter (``classifier_threshold``).

API: ``RefusalClassifier.load(path=None)`` (lazy, picklable), ``.score(texts) -> (probs, spans)``, ``.score_all(texts)`` (also every candidate's score),
``.predict(texts) -> probs``, ``.predict_sentences(sentences)`` (the model alone on given sentences);
``train(labelled, out)`` / ``train_from_cli`` train on a JSONL of sentences ``{"text", "label": "refusal"|"ok"}``
(``bench/data/make_unfilter_sets.py`` writes ``assets/refusal_train.jsonl``); deterministic (one thread, fixed seed).
"""

from __future__ import annotations

import errno
import functools
import multiprocessing
import os
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Self

import numpy as np
import orjson

from dolphin_data.errors import UserError
from dolphin_data.unfilter.script import script_zones
from dolphin_data.unfilter.text import excluded_zones, lower_same_length, sentences
from dolphin_data.unfilter.vocab import ACT_WORDS, CUE, CUE_LITERALS, CUE_RUST

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_MODEL = ASSETS / "refusal_clf.ftz"
DEFAULT_TRAIN = ASSETS / "refusal_train.jsonl"
LABELS = ("refusal", "ok")
POSITIVE = "__label__refusal"
MAX_CHARS = 20_000  # beyond this a reply's refusal signal is long settled; bounded predict time
MAX_CANDIDATES = 12  # candidate sentences scored per reply (first ones and last ones)

HYPER: dict[str, Any] = {
    "lr": 0.2,
    "epoch": 30,
    "dim": 16,
    "wordNgrams": 3,
    "minn": 0,
    "maxn": 0,
    "bucket": 100_000,
    "minCount": 1,
    "loss": "softmax",
}
QUANTIZE: dict[str, Any] = {"cutoff": 20_000, "qnorm": True, "retrain": False, "dsub": 2}

_CUE_RX = re.compile(CUE)
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+|[^\w\s]")


def mask(text: str) -> str:
    """Code, quotations and play-script lines blanked (same length), so they are neither cues nor context."""
    text = text[:MAX_CHARS]
    zones = excluded_zones(lower_same_length(text)) if any(c in text for c in "`~\"'\u2018\u201c\u00ab>") else []
    zones += script_zones(text)  # a dialogue: the characters' lines are quotations, not the assistant speaking
    if not zones:
        return text
    chars = list(text)
    for start, end in zones:
        chars[start:end] = " " + "_" * (end - start - 2) + " " if end - start > 2 else " " * (end - start)
    return "".join(chars)


def act_mask(sentence: str) -> str:
    """The sentence as the model sees it: lowercased tokens, words outside ``ACT_WORDS`` -> ``w`` (runs merged)."""
    low = sentence.lower().replace("\u2019", "'").replace("\u2018", "'")
    out: list[str] = []
    for tok in _TOKEN.findall(low):
        if tok[0].isdigit():
            tok = "0"
        elif tok[0].isalpha() and tok not in ACT_WORDS:
            tok = "w"
        if tok == "w" and out and out[-1] == "w":
            continue
        out.append(tok)
    return " ".join(out)


def has_cue(texts: list[str]) -> np.ndarray:
    """Whether each text holds a cue anywhere (vectorised: a literal pass, then the cue regex on the texts that
    hold one of ``CUE_LITERALS``, matched as one cached alternation; the gate before any per-sentence work)."""
    import polars as pl

    out = np.zeros(len(texts), dtype=bool)
    if not texts:
        return out
    s = pl.Series("t", texts, dtype=pl.String).str.slice(0, MAX_CHARS).str.to_lowercase()
    s = s.str.replace_all("\u2019", "'", literal=True)
    gate = s.str.contains(_cue_literal_pattern()).fill_null(False)
    idx = gate.arg_true().to_numpy()
    if len(idx):
        out[idx] = s.filter(gate).str.contains(CUE_RUST).fill_null(False).to_numpy()
    return out


@functools.cache
def _cue_literal_pattern() -> str:
    """``CUE_LITERALS`` as one alternation of escaped literals: the same substring test as ``str.contains_any``, but
    polars caches a compiled regular expression, whereas ``contains_any`` rebuilds its automaton on every call."""
    from dolphin_data.unfilter.hits import rust_escape

    return "|".join(rust_escape(k) for k in CUE_LITERALS)


def candidates(text: str) -> list[tuple[int, int]]:
    """Spans of the reply's candidate sentences (prose, outside code and quotations, with a cue)."""
    masked = mask(text)
    out = []
    for s in sentences(masked):
        piece = masked[s.start : s.end].lower().replace("\u2019", "'")
        if _CUE_RX.search(piece):
            out.append((s.start, s.end))
    if len(out) > MAX_CANDIDATES:
        out = out[: MAX_CANDIDATES // 2] + out[-MAX_CANDIDATES // 2 :]
    return out


class FastTextModel:
    """A fastText refusal model file: loaded lazily, once per process; pickled as its path (workers load their own).
    Subclasses say where the default file is and how to train one."""

    default_path: Path = DEFAULT_MODEL
    what = "refusal classifier model"
    train_hint = f"dolphin-data unfilter train {DEFAULT_TRAIN}"

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else self.default_path
        self._model: Any = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> Self:
        clf = cls(path)
        if not clf.path.is_file():
            raise UserError(f"{clf.path}: {clf.what} not found; train one with `{clf.train_hint} --out {clf.path}`")
        return clf

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def model(self) -> Any:
        if self._model is None:
            import fasttext

            self._model = fasttext.load_model(str(self.path))
            if POSITIVE not in self._model.get_labels():
                raise UserError(f"{self.path}: not a refusal model (labels {self._model.get_labels()})")
            self.loaded(self._model)
        return self._model

    def loaded(self, model: Any) -> None:
        """Called once after the file is loaded."""

    def positive(self, lines: list[str]) -> np.ndarray:
        """P(refusal) of each line as the model sees it (already masked); float32 in [0, 1]."""
        labels, probs = self.model.f.multilinePredict(lines, 2, 0.0, "strict")
        first_is_pos = np.fromiter((lab[0] == POSITIVE for lab in labels), dtype=bool, count=len(labels))
        p = np.asarray(probs, dtype=np.float32).reshape(len(lines), 2)
        return np.clip(np.where(first_is_pos, p[:, 0], p[:, 1]), 0.0, 1.0)


class RefusalClassifier(FastTextModel):
    """P(refusal act) for assistant replies from a fastText model over act-masked candidate sentences."""

    def score(self, texts: list[str]) -> tuple[np.ndarray, list[tuple[int, int] | None]]:
        """Per reply: the highest P(refusal act) among its candidate sentences (0 when none) and that span."""
        probs, spans, _ = self.score_all(texts)
        return probs, spans

    def score_all(
        self, texts: list[str]
    ) -> tuple[np.ndarray, list[tuple[int, int] | None], list[list[tuple[float, tuple[int, int]]]]]:
        """``score`` plus, per reply, every candidate sentence's (P(refusal act), span), highest first."""
        probs = np.zeros(len(texts), dtype=np.float32)
        spans: list[tuple[int, int] | None] = [None] * len(texts)
        every: list[list[tuple[float, tuple[int, int]]]] = [[] for _ in texts]
        owners: list[int] = []
        cand_spans: list[tuple[int, int]] = []
        pieces: list[str] = []
        for i in np.flatnonzero(has_cue(texts)).tolist():
            for s, e in candidates(texts[i]):
                owners.append(i)
                cand_spans.append((s, e))
                pieces.append(texts[i][s:e])
        if pieces:
            p = self.predict_sentences(pieces)
            for i, span, pi in zip(owners, cand_spans, p.tolist(), strict=True):
                every[i].append((float(np.float32(pi)), span))
                if pi > probs[i]:
                    probs[i], spans[i] = pi, span
        for cands in every:
            cands.sort(key=lambda c: (-c[0], c[1]))
        return probs, spans, every

    def predict(self, texts: list[str]) -> np.ndarray:
        """P(refusal act) per reply (``score`` without the spans)."""
        return self.score(texts)[0]

    def predict_sentences(self, sents: list[str]) -> np.ndarray:
        """The model's P(refusal) for each sentence as given (act-masked here); float32 in [0, 1]."""
        if not sents:
            return np.zeros(0, dtype=np.float32)
        return self.positive([act_mask(s) or "w" for s in sents])


# -- training ------------------------------------------------------------------------------------------------------------


def read_labelled(path: str | Path) -> tuple[list[str], list[str]]:
    """Texts and labels from a JSONL of ``{"text", "label"}``; a bad line is a UserError naming it."""
    texts, labels, _ = read_labelled_prompts(path)
    return texts, labels


def read_labelled_prompts(path: str | Path) -> tuple[list[str], list[str], list[str]]:
    """Texts, labels and user turns (``"prompt"``, optional: "" when absent) from a JSONL of
    ``{"text", "label", "prompt"?}``; a bad line is a UserError naming it."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f'{path}: labelled file not found (JSONL of {{"text", "label": "refusal"|"ok"}})')
    texts, labels, prompts = [], [], []
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            raise UserError(f"{path}:{n}: not JSON ({e})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or row.get("label") not in LABELS:
            raise UserError(f'{path}:{n}: need {{"text": str, "label": "refusal"|"ok"}}, got {str(row)[:80]}')
        if not isinstance(row.get("prompt", ""), str):
            raise UserError(f'{path}:{n}: "prompt" must be a string (the user turn the reply answers)')
        texts.append(row["text"])
        labels.append(row["label"])
        prompts.append(row.get("prompt", ""))
    if set(labels) != set(LABELS):
        raise UserError(f"{path}: need examples of both labels {LABELS}, found {sorted(set(labels)) or 'none'}")
    return texts, labels, prompts


def metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float | int]:
    """Precision, recall and F1 of the positive class, with the confusion counts."""
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _fit(data: str, out: str, seed: int, args: dict[str, Any], qargs: dict[str, Any]) -> str | None:
    """Train, quantize and save (in a fresh process, see ``train``); returns fastText's error, if any."""
    import fasttext

    try:
        model = fasttext.train_supervised(input=data, thread=1, seed=seed, verbose=0, **args)
    except (TypeError, ValueError, RuntimeError) as e:
        return str(e)
    model.quantize(input=data, thread=1, verbose=0, **qargs)
    model.save_model(out)
    try:  # save_model does not report a failed write (a full disk leaves a short file)
        fasttext.load_model(out)
    except ValueError:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), out) from None
    return None


def fit_in_fresh_process(lines: list[str], out: Path, seed: int, args: dict[str, Any], qargs: dict[str, Any]) -> None:
    """Train fastText on ``lines`` (``__label__X text``) and write the quantized model to ``out``, in a fresh
    interpreter (fastText reads state it does not initialise), so the file is a function of (lines, seed, args)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "train.txt"
        data.write_text("".join(lines), encoding="utf-8")
        model = Path(tmp) / "model.ftz"  # fastText reports no write error: it saves here, Python copies (and says)
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            error = pool.submit(_fit, str(data), str(model), seed, args, qargs).result()
        if error:
            raise UserError(f"fastText training arguments: {error}")
        tmp_out = out.with_name(out.name + ".tmp")
        try:
            shutil.copyfile(model, tmp_out)
        except OSError as e:  # shutil names the source; the file that could not be written is ours
            tmp_out.unlink(missing_ok=True)
            raise OSError(e.errno, e.strerror, str(out)) from None
        os.replace(tmp_out, out)


def train(labelled: Path, out: Path, seed: int = 42, **hyper: Any) -> dict[str, Any]:
    """Train on ``labelled`` sentences, write the quantized model to ``out``; returns metrics on the training data.

    One thread, a fixed seed and a fresh interpreter (fastText reads state it does not initialise) make the
    model file a function of (data, seed, hyper) only."""
    out = Path(out)
    texts, labels = read_labelled(labelled)
    args = {**HYPER, **{k: v for k, v in hyper.items() if k not in QUANTIZE}}
    qargs = {**QUANTIZE, **{k: v for k, v in hyper.items() if k in QUANTIZE}}
    lines = [f"__label__{lab} {act_mask(t) or 'w'}\n" for lab, t in zip(labels, texts, strict=True)]
    fit_in_fresh_process(lines, Path(out), seed, args, qargs)
    p = RefusalClassifier(out).predict_sentences(texts)
    y = np.array([lab == "refusal" for lab in labels])
    return train_summary(out, len(texts), y, p, seed, {**args, **qargs})


def train_summary(
    out: Path, examples: int, y: np.ndarray, p: np.ndarray, seed: int, hyper: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    """What ``unfilter train`` reports of a model it wrote (both levels): file, sizes, classes, settings, and its
    metrics at 0.5 on the examples it scored (``y``: is refusal, ``p``: its probabilities)."""
    return {
        "model": str(out),
        "bytes": Path(out).stat().st_size,
        "examples": examples,
        **extra,
        "refusal": int(y.sum()),
        "ok": int((~y).sum()),
        "seed": seed,
        "hyper": hyper,
        "train_at_0.5": metrics(y, p >= 0.5),
    }


def train_from_cli(
    input: str | Path | None = None,
    out: str | Path = DEFAULT_MODEL,
    seed: int = 42,
    epoch: int | None = None,
    lr: float | None = None,
    dim: int | None = None,
    word_ngrams: int | None = None,
    level: str = "sentence",
) -> dict[str, Any]:
    """``dolphin-data unfilter train [INPUT] --out OUT [--level sentence|reply] [--seed N] [--epoch N] [--lr F]
    [--dim N] [--word-ngrams N]``: the sentence classifier (default) or the whole-reply model (``unfilter.reply``)."""
    overrides = {"epoch": epoch, "lr": lr, "dim": dim, "wordNgrams": word_ngrams}
    given = {k: v for k, v in overrides.items() if v is not None}
    if level == "reply":
        from dolphin_data.unfilter.reply import DEFAULT_REPLY_TRAIN, train_reply

        return train_reply(Path(DEFAULT_REPLY_TRAIN if input is None else input), Path(out), seed=seed, **given)
    if level != "sentence":
        raise UserError(f"unfilter train --level {level!r}: choose sentence or reply")
    return train(Path(DEFAULT_TRAIN if input is None else input), Path(out), seed=seed, **given)
