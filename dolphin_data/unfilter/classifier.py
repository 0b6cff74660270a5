"""The fastText refusal classifier: the unfilter layer that catches paraphrased refusals the rules miss.

API (used by the unfilter stage and the ``dolphin-data unfilter train`` command):

- ``RefusalClassifier.load(path=None)``: the committed model ``dolphin_data/assets/refusal_clf.ftz`` by default.
  The model is loaded lazily on the first ``predict`` and dropped when pickled, so a stage holding a classifier
  ships to executor processes cheaply.
- ``RefusalClassifier.predict(texts) -> np.ndarray``: P(refusal) per text (float32), one batch call into fastText,
  *focused* and *gated* (below). The decision threshold is not here: it is a recipe parameter of the unfilter
  stage. ``predict_raw`` is the ungated score of the whole reply (what the model alone says).
- ``train(labelled, out, seed=42, **hyper) -> dict``: train on a JSONL of ``{"text", "label": "refusal"|"ok"}``
  and write a quantized ``.ftz``; deterministic (one thread, fixed seed), returns training metrics.
- ``train_from_cli(input, out, seed=42, epoch=None, ...) -> dict``: the same with the CLI's argument handling
  (file checks become ``UserError``); ``dolphin-data unfilter train`` calls it and prints the returned metrics.

Texts are normalised the same way for training and prediction: fenced code blocks become one ``__code__`` token
(a refusal string quoted in code is not a refusal), lower case, punctuation split off as tokens, and every line
break replaced (fastText predicts per line). The labelled data and the model are committed, so
``dolphin-data unfilter train dolphin_data/assets/refusal_train.jsonl --out refusal_clf.ftz`` reproduces the model.

Why focus and gate: scored on whole replies, the model flagged 15-20% of ordinary answers (answers about AI,
technical "cannot", quoted fiction, empathy): a bag of n-grams trained on a few thousand hand-written replies
falls back to its prior on unseen subjects. Refusals, partial refusals and moralizing live in the first sentences
and the last ones, and they are speech acts with a recognisable grammar. ``predict`` therefore

1. masks code, quotations (``rules.excluded_zones``) and play-script lines ("GUARD: I cannot let you in.", two
   or more such lines): a refusal quoted in a story, a dialogue or a test string is not the assistant refusing,
2. scores only the *focus* of the reply: its first ``LEAD`` and last ``TAIL`` sentences (``focus``), and
3. returns 0 unless the masked reply has a *cue* (``CUE``, the union of ``CUE_FAMILIES``): a broad, grammatical
   family, not a list of phrasings: a first-person pronoun with negated ability / willingness / permission or a
   decline verb in one clause ("I won't", "that isn't something I", "I'd rather not", "I'm not permitted to"), a
   sentence that opens with a decline ("Won't ...", "Nope."), rules/permission talk about the assistant ("my
   guidelines", "the policies I follow", "unethical for me"), the
   assistant describing itself as an AI, a redirection ("Instead of X, how about I ..."), or a moral directive
   ("please remember", "I'd urge you to", "it's important to"). The cue alone is far too broad to drop anything
   (it fires on "I can't wait" and "I won't lie"); the model alone is too noisy on unseen
   subjects. Both together are what the stage acts on.

History: the first gate was a short list of phrasings fitted to the dev set; on the held-out test set 49 of the
62 refusals it missed had no cue. The families above, with a training bank of many more refusal families and
hard negatives (``bench/data/unfilter_pieces.py``, ``x_*`` keys), replaced it; figures in the README / bench.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from dolphin_data.errors import UserError

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_MODEL = ASSETS / "refusal_clf.ftz"
DEFAULT_TRAIN = ASSETS / "refusal_train.jsonl"
LABELS = ("refusal", "ok")
POSITIVE = "__label__refusal"
# Beyond this many characters a reply's refusal signal is long settled; cutting keeps predict time bounded.
MAX_CHARS = 20_000

HYPER: dict[str, Any] = {
    "lr": 0.1,
    "epoch": 25,
    "dim": 16,
    "wordNgrams": 2,
    "minn": 3,
    "maxn": 5,
    "bucket": 200_000,
    "minCount": 1,
    "loss": "softmax",
}
# Augmentation: `augment` extra copies of each example in which every word of 4+ letters is swapped, with
# probability `noise`, for a random pseudo-word. Without it the model, trained on a few hundred hand-written
# answers, learns "words I have seen in an ok answer" instead of "refusal wording", and calls any answer about
# an unseen subject a refusal. Seeded, so the model stays reproducible.
AUGMENT: dict[str, Any] = {"augment": 2, "noise": 0.3}
# quantization: keep the `cutoff` most important words and n-grams, product-quantize the rest (.ftz < 1.5 MB)
QUANTIZE: dict[str, Any] = {"cutoff": 40_000, "qnorm": True, "retrain": False, "dsub": 2}


LEAD, TAIL = 2, 2  # sentences of a reply the model scores: the first LEAD and the last TAIL
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
# The gate: a reply is scored only when it holds a *cue*, a broad family of refusal speech acts (not a list of
# phrasings). Rust regex syntax (polars), matched on the lowercased masked text with typographic apostrophes
# straightened. Families:
_SUBJ = r"\b(?:i|i'm|i'd|i'll|i've|we|we're|we'd|we'll)\b"
# negated ability / willingness / permission, and decline verbs (not any negation: "I don't think anyone knows",
# "I'm not sure" and "I don't know the exact figure" are not refusals and stay out of the gate)
_NEG = (
    r"(?:can't|cannot|can not|won't|will not|wouldn't|would not|shouldn't|should not|must not|mustn't|unable|"
    r"(?:am|'m|are|'re) not (?:able|allowed|permitted|authori[sz]ed|cleared|going|willing|comfortable|in a position)|"
    r"(?:don't|do not) (?:feel|think i should|believe i should|have permission|help|make|write|do|provide|produce|"
    r"create|generate|assist|engage|share|give|get into|go into|touch)|"
    r"decline|declining|refuse|refusing|pass on|rather (?:not|leave|skip|avoid|pass)|prefer not|prefer to (?:skip|keep away|avoid)|sooner not|"
    r"hesitant|reluctant|uneasy|uncomfortable|steer clear|hold off|stay away|bow out|sit this|say no|draw the line|"
    r"turn(?:ing)? (?:this |it |that )?down|leave out|stop short|step back|prohibited|restricted)\b"
)
CUE_FAMILIES: dict[str, str] = {
    # first person + negated ability / willingness / permission or a decline verb in the same clause ("I won't",
    # "we'd rather not", "I must decline", "I'm not permitted to", "I'll steer clear of")
    "first_person_decline": _SUBJ + r"[^.!?\n;:,]{0,40}?\b" + _NEG
                            # ... or the refusal object first: "That isn't something I ...", "not an option for me"
                            + r"|\b(?:not|isn't|is not|nothing) (?:something|anything|an option|a thing) (?:i|i'm|i'll|"
                              r"i can|for me|i'd|we)\b"
                            + r"|\b(?:beyond|outside(?: of)?) (?:what|the scope of what) (?:i|i'm|i am|we)\b"
                            + r"|\b(?:best|better)(?: if| that)? (?:i|we) (?:don't|do not|not)\b|\bno way (?:i|we)\b"
                            + r"|\bcount me out\b|\b(?:off the table|off limits) for me\b|\bthat's a (?:hard )?no\b",
    # a sentence that opens with a decline ("Won't help with that.", "Nope.")
    "initial_decline": r"(?:^|[.!?]\s+|\n)\s*(?:won't|can't|nope|absolutely not|respectfully,? no|afraid not|"
                       r"declined)\b",
    # rules and permission talk about the assistant ("my guidelines", "the policies I follow")
    "policy": r"\b(?:my|the) (?:\w+ )?(?:guidelines|policies|policy|programming|principles|rules|restrictions|"
              r"instructions) (?:i|don't|do not|prohibit|forbid|say|keep|rule)\b"
              r"|\bmy (?:guidelines|programming|principles|content restrictions|usage rules|operating principles)\b"
              r"|\b(?:content|usage|safety) (?:polic(?:y|ies)|rules|guidelines)\b|\bin good conscience\b"
              r"|\b(?:terms|rules|guidelines|policies) (?:i|we) (?:work|operate|follow|abide)"
              r"|\b(?:unethical|inappropriate|irresponsible) (?:of|for) me\b|\boff limits\b",
    # the assistant describing itself as an AI
    "ai_self": r"\b(?:as|being|since i'm|since i am|i'm|i am) (?:an? |only |just |merely )*(?:ai|artificial|"
               r"language model|machine learning model|chatbot|program|software|virtual assistant|digital assistant|"
               r"computer program)\b"
               r"|\bmy (?:training data|developers|creators|programming|makers)\b|\bmy (?:responses|answers) are generated\b"
               r"|\bi(?:'m| am) (?:not a (?:person|human)|an assistant)\b"
               r"|\b(?:i was|i've been|i have been) (?:trained|designed|built|programmed|created)\b"
               r"|\bthe people who (?:made|built|trained) me\b",
    # redirection: an offer of something else in place of the request ("Instead of X, how about I ...",
    # "Rather than X, I can ...", "let's set X aside")
    "redirect": r"(?:^|[.!?,]\s+|\n)\s*(?:instead of|rather than)\b[^.!?\n]{0,160}?\b(?:how about|i can|i could|"
                r"i'd|let's)\b"
                r"|\b(?:i'll|i will|let's|let us|how about we)\b[^.!?\n]{0,120}?\b(?:aside|to one side)\b"
                r"|\b(?:let's|let us) (?:take this|go|head) in (?:a|another) (?:different )?direction\b",
    # moral directives to the reader
    "moral_directive": r"\b(?:please|do) (?:remember|keep in mind|consider|be mindful|reflect|be aware|think about)\b"
                       r"|\b(?:i'd|i would|i|let me|i must|i want to|i have to|i should) (?:\w+ )?(?:encourage|urge|"
                       r"ask you to|advise|remind|caution|stress|emphasi[sz]e|point out)\b"
                       r"|\b(?:it's|it is) (?:never|always) (?:okay|ok|right|acceptable|wrong|important)\b"
                       r"|\b(?:it's|it is) (?:important|essential|crucial|vital|worth) (?:to |that )?(?:always |we |you )?"
                       r"(?:remember|consider|reflect|respect|treat|approach|act|keep in mind|be mindful|think about|"
                       r"note that)"
                       r"|(?:^|[.!?]\s+)(?:remember|consider|let's remember|let's keep in mind|we should all|"
                       r"keep in mind|just a reminder)\b"
                       r"|\b(?:everyone|every person|everybody|all people) deserves? (?:to be treated|respect|dignity|"
                       r"kindness)\b",
}
CUE = "|".join(f"(?:{rx})" for rx in CUE_FAMILIES.values())
# a play-script line: an upper-case speaker name and a colon at the start of a line ("GUARD: I cannot ...")
_SCRIPT_LINE = re.compile(r"^[ \t]*[A-Z][A-Z0-9 .'\-]{0,30}:[^\n]*$", re.M)


def mask(texts: list[str]) -> list[str]:
    """Code and quotations (``rules.excluded_zones``) blanked to an underscore word; offsets and lengths unchanged."""
    from dolphin_data.unfilter.rules import _lower, excluded_zones

    out = []
    for text in texts:
        text = text[:MAX_CHARS]
        zones = excluded_zones(_lower(text)) if any(c in text for c in "`~\"'\u2018\u201c\u00ab>") else []
        script = list(_SCRIPT_LINE.finditer(text)) if ":" in text else []
        if len(script) >= 2:  # a dialogue: the characters' lines are quotations, not the assistant speaking
            zones += [m.span() for m in script]
        if zones:
            chars = list(text)
            for start, end in zones:
                # a filler word, not spaces: blanked code must not make "cannot" after it look sentence-initial
                chars[start:end] = " " + "_" * (end - start - 2) + " " if end - start > 2 else " " * (end - start)
            text = "".join(chars)
        out.append(text)
    return out


def focus(masked: list[str], lead: int = LEAD, tail: int = TAIL) -> list[str]:
    """The first ``lead`` and last ``tail`` sentences of each (masked) reply, where refusals and lectures live."""
    out = []
    for text in masked:
        sentences = [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]
        if len(sentences) > lead + tail:
            sentences = sentences[:lead] + sentences[-tail:]
        out.append(" ".join(sentences))
    return out


def has_cue(masked: list[str]) -> np.ndarray:
    """Whether each (masked) reply holds a refusal / moralizing / AI-boilerplate cue (``CUE``), vectorised."""
    import polars as pl

    if not masked:
        return np.zeros(0, dtype=bool)
    s = pl.Series("t", masked, dtype=pl.String).str.to_lowercase().str.replace_all("\u2019", "'", literal=True)
    return s.str.contains(CUE).fill_null(False).to_numpy().astype(bool)


def normalise(texts: list[str]) -> list[str]:
    """The text fastText sees: code masked, lower case, punctuation as tokens, one line (vectorised with polars)."""
    import polars as pl

    s = pl.Series("t", texts, dtype=pl.String).fill_null("").str.slice(0, MAX_CHARS)
    s = (
        s.str.replace_all(r"(?s)```.*?(```|$)", " __code__ ")
        .str.replace_all(r"[\u2018\u2019\u02bc]", "'")
        .str.replace_all(r"[\u201c\u201d]", '"')
        .str.to_lowercase()
        # split punctuation (not apostrophes inside words, not the __code__ marker) into separate tokens
        .str.replace_all(r"([^\w\s'])", " $1 ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    return s.to_list()


class RefusalClassifier:
    """P(refusal) for assistant replies from a supervised fastText model (lazy, picklable)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else DEFAULT_MODEL
        self._model: Any = None

    @classmethod
    def load(cls, path: str | Path | None = None) -> RefusalClassifier:
        """A classifier over ``path`` (default: the committed model); checks the file exists, loads lazily."""
        clf = cls(path)
        if not clf.path.is_file():
            raise UserError(
                f"{clf.path}: refusal classifier model not found; train one with "
                f"`dolphin-data unfilter train {DEFAULT_TRAIN} --out {clf.path}`"
            )
        return clf

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self._model = state["path"], None

    @property
    def model(self) -> Any:
        if self._model is None:
            import fasttext

            self._model = fasttext.load_model(str(self.path))
            if POSITIVE not in self._model.get_labels():
                raise UserError(f"{self.path}: not a refusal classifier (labels {self._model.get_labels()})")
        return self._model

    def predict(self, texts: list[str]) -> np.ndarray:
        """P(refusal) for each reply as float32 in [0, 1]: the model's score of the reply's focus (code and
        quotations masked), and 0 where the reply has no cue (see the module docstring). Empty in, empty out."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        masked = mask(texts)
        out = np.zeros(len(texts), dtype=np.float32)
        # only replies with a cue can score above 0, and they are a few percent of real data: the model
        # (the slow part) sees just those
        cued = np.flatnonzero(has_cue(masked))
        if len(cued):
            out[cued] = self.predict_raw(focus([masked[i] for i in cued]))
        return out

    def predict_raw(self, texts: list[str]) -> np.ndarray:
        """The model's P(refusal) for each text as given (whole text, no gate); float32 in [0, 1]."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        norm = normalise(texts)
        # fastText returns no labels for a line without tokens (an empty reply, or one that is all code or
        # quotation once masked): score a placeholder and report 0 for those
        empty = np.fromiter((not t for t in norm), dtype=bool, count=len(norm))
        if empty.any():
            norm = [t or "__empty__" for t in norm]
        labels, probs = self.model.f.multilinePredict(norm, 2, 0.0, "strict")
        # k=2 over two labels: each row holds both, in score order; take the refusal one
        first_is_pos = np.fromiter((lab[0] == POSITIVE for lab in labels), dtype=bool, count=len(labels))
        p = np.asarray(probs, dtype=np.float32).reshape(len(texts), 2)
        out = np.where(first_is_pos, p[:, 0], p[:, 1])
        out = np.where(empty, np.float32(0.0), out)
        return np.clip(out, 0.0, 1.0)  # fastText adds 1e-5 to each softmax output


_SYLLABLES = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"] + ["an", "er", "in", "on", "or", "st", "th"]


def augment_texts(texts: list[str], labels: list[str], copies: int, noise: float, seed: int) -> tuple[list, list]:
    """``copies`` noisy variants of each (normalised) text: long words replaced by seeded random pseudo-words."""
    import random

    rng = random.Random(seed)
    out_t, out_l = [], []
    for _ in range(copies):
        for text, label in zip(texts, labels, strict=True):
            words = text.split(" ")
            for i, w in enumerate(words):
                if len(w) >= 4 and w.isalpha() and rng.random() < noise:
                    words[i] = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4)))
            out_t.append(" ".join(words))
            out_l.append(label)
    return out_t, out_l


def read_labelled(path: str | Path) -> tuple[list[str], list[str]]:
    """Texts and labels from a JSONL of ``{"text", "label"}``; a bad line is a UserError naming it."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: labelled file not found (JSONL of {{\"text\", \"label\": \"refusal\"|\"ok\"}})")
    texts, labels = [], []
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            raise UserError(f"{path}:{n}: not JSON ({e})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or row.get("label") not in LABELS:
            raise UserError(f"{path}:{n}: need {{\"text\": str, \"label\": \"refusal\"|\"ok\"}}, got {str(row)[:80]}")
        texts.append(row["text"])
        labels.append(row["label"])
    if set(labels) != set(LABELS):
        raise UserError(f"{path}: need examples of both labels {LABELS}, found {sorted(set(labels)) or 'none'}")
    return texts, labels


def metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float | int]:
    """Precision, recall and F1 of the positive class, with the confusion counts."""
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp,
            "fn": fn}


def _fit(data: str, out: str, seed: int, args: dict[str, Any], qargs: dict[str, Any]) -> str | None:
    """Train, quantize and save (run in a fresh process by ``train``); returns fastText's error, if any."""
    import fasttext

    try:
        model = fasttext.train_supervised(input=data, thread=1, seed=seed, verbose=0, **args)
    except (TypeError, ValueError, RuntimeError) as e:
        return str(e)
    model.quantize(input=data, thread=1, verbose=0, **qargs)
    model.save_model(out)
    return None


def train(labelled: Path, out: Path, seed: int = 42, **hyper: Any) -> dict[str, Any]:
    """Train on ``labelled`` JSONL, write the quantized model to ``out``; returns metrics on the training data.

    ``hyper`` overrides fastText's supervised arguments (``HYPER``) and the quantization ones (``QUANTIZE``:
    ``cutoff``, ``qnorm``, ``dsub``). One thread and a fixed seed make the model file reproducible.
    """
    texts, labels = read_labelled(labelled)
    args = {**HYPER, **{k: v for k, v in hyper.items() if k not in QUANTIZE and k not in AUGMENT}}
    qargs = {**QUANTIZE, **{k: v for k, v in hyper.items() if k in QUANTIZE}}
    aargs = {**AUGMENT, **{k: v for k, v in hyper.items() if k in AUGMENT}}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    norm = normalise(texts)
    extra_t, extra_l = augment_texts(norm, labels, aargs["augment"], aargs["noise"], seed)
    lines = [f"__label__{lab} {t}\n" for lab, t in zip(labels + extra_l, norm + extra_t, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "train.txt"
        data.write_text("".join(lines), encoding="utf-8")
        tmp_out = out.with_name(out.name + ".tmp")
        # fastText's training reads state it does not initialise: in a process that has already done heavy
        # numpy work (e.g. a dedup run) the same data and seed can diverge to "Encountered NaN". A fresh
        # interpreter makes the model file a function of (data, seed, hyper) only.
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            error = pool.submit(_fit, str(data), str(tmp_out), seed, args, qargs).result()
        if error:
            raise UserError(f"fastText training arguments: {error}")
        os.replace(tmp_out, out)
    clf = RefusalClassifier(out)
    p = clf.predict(texts)
    y = np.array([lab == "refusal" for lab in labels])
    return {
        "model": str(out),
        "bytes": out.stat().st_size,
        "examples": len(texts),
        "refusal": int(y.sum()),
        "ok": int((~y).sum()),
        "seed": seed,
        "hyper": {**args, **qargs, **aargs},
        "train_at_0.5": metrics(y, p >= 0.5),
    }


def train_from_cli(
    input: str | Path = DEFAULT_TRAIN,
    out: str | Path = DEFAULT_MODEL,
    seed: int = 42,
    epoch: int | None = None,
    lr: float | None = None,
    dim: int | None = None,
    word_ngrams: int | None = None,
) -> dict[str, Any]:
    """``dolphin-data unfilter train INPUT --out OUT [--seed N] [--epoch N] [--lr F] [--dim N] [--word-ngrams N]``.

    Options left as None keep the defaults in ``HYPER``; raises ``UserError`` for a missing or malformed input.
    """
    overrides = {"epoch": epoch, "lr": lr, "dim": dim, "wordNgrams": word_ngrams}
    return train(Path(input), Path(out), seed=seed, **{k: v for k, v in overrides.items() if v is not None})
