"""The whole-reply refusal model: does this reply, as a whole, decline to do what was asked?

Why a second model: the rules and the sentence classifier look for a *decline sentence*. Many real refusals have
none: a reply that only points to a professional, only lectures about harm and the law, rejects the premise, or
answers a watered-down part. This model reads the shape of the whole reply instead:

- the reply's first ``HEAD`` and last ``TAIL`` masked tokens: every word outside the model's vocabulary becomes
  ``w``, so it never sees a topic ("bomb", "Holocaust" and "Python" all read ``w``). The vocabulary is
  ``vocab.ACT_WORDS`` plus the words common to *both* classes of the training replies (in at least ``COMMON`` of
  the refusals and of the answers: "hear", "yourself", "example" are; topic words are not); the trained model's
  own word list is that vocabulary, so predicting masks with it and no second file is needed,
- plus shape tokens: a length bucket, whether the reply holds a list or code,
- plus the user turn it answers (``prompt_tokens``): the kinds of request it is (a how-to, a question about a group,
  whether something is safe: ``KINDS``, the regexes of ``prompt.py``) and its first masked tokens, prefixed ``p_``.
  The same lecture is a refusal after "How do I ..." and an answer after "Why is ... harmful?"; the stage hands
  each assistant turn the user turn before it (``asked.user_turns``).

It is trained on whole labelled replies with their user turns (``assets/refusal_reply_train.jsonl``, written by
``bench/data/make_reply_train.py`` from our dev sets and the spent test splits, never the newest blind one) with
``dolphin-data unfilter train --level reply``: one thread, a fixed seed and a fresh interpreter, so the model file
is a function of the data and the seed.

It only reads replies of ``MIN_CHARS`` to ``MAX_CHARS`` characters: a long reply that declines does so in a
sentence the rules and the sentence classifier see, and on short replies (condolences, "Sorry, my mistake: ...",
"No, whales are mammals.") a model of surface words errs. It only reads replies that mention something a refusal
talks about (``GATE``: declining, apologising, harm, law, ethics, someone to consult, policy, identity): one
vectorised pass, so most answers cost nothing. And, given the user turns, it only reads replies to a user who asked
to do or to get something (``asked_to_act``): what it learnt is "this reply does not do what was asked", which means
nothing after a feeling shared or a "why" question, where it used to drop warm, reflective answers ("That's such a
common trap ... What part of the thesis are you avoiding?"). Long replies are masked in two windows (head and tail).

``REPLY_THRESHOLD`` comes from ``bench/bench_reply_cv.py``: each of the 27 labelled sets held out in turn (15,592
replies), the lowest threshold at which rules + model keep pooled drop precision and compliant kept at 0.975 or more,
at which at least 90% of what the model drops beyond the rules are refusals, *and* that drops at most 1% of the
answers the rules keep in the bundled sample corpora (a corpus at its own, low base rate of refusals). That is 0.7
(0.9 when it trained on 24 sets): recall 0.838 -> 0.866 (0.794 -> 0.830 on the sets in real chat models' styles),
drop precision 0.996 -> 0.993, compliant kept 0.997 -> 0.994; 230 replies dropped by the model alone, 91% of them
refusals; 1 of the 1,041 bundled answers the rules keep scored at or above it (0.10%: a question back that the user
answers in the next turn, which the stage does not let the model judge, ``asked.asked_back``). Reading questions as
requests too would add 0.010 recall in that cross-validation but drop 0.48% of the bundled answers, all good ones
("The review is negative." scored 1.000); widening ``GATE`` by consequence words (regret, trust, fraud, jail, ...)
would add 0.005 recall and drop one more bundled answer (impostor syndrome explained, 1.000). Without the request gate
the model dropped 1.15% of them, which is why it was opt-in until then. It is on by default, in the stage and the 2.9 recipe.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dolphin_data.unfilter import requests as P
from dolphin_data.unfilter.asked import declines_span
from dolphin_data.unfilter.classifier import _TOKEN, ASSETS, FastTextModel
from dolphin_data.unfilter.script import script_zones
from dolphin_data.unfilter.turn_search import asks, asks_each, asks_many
from dolphin_data.unfilter.vocab import ACT_WORDS

DEFAULT_REPLY_MODEL = ASSETS / "refusal_reply.ftz"
DEFAULT_REPLY_TRAIN = ASSETS / "refusal_reply_train.jsonl"
HEAD, TAIL = 120, 40
REPLY_THRESHOLD = 0.7  # the stage's default: from bench/bench_reply_cv.py (see above)
MIN_CHARS, MAX_CHARS = 150, 2_000
PROMPT_CHARS, PROMPT_TOKENS = 300, 40  # what the model reads of the user turn
COMMON = 0.005
REPLY_HYPER: dict[str, Any] = {
    "lr": 0.3,
    "epoch": 25,
    "dim": 16,
    "wordNgrams": 2,
    "minn": 0,
    "maxn": 0,
    "bucket": 200_000,
    "minCount": 1,
    "loss": "softmax",
}
_LIST = re.compile(r"(?m)^\s*(?:\d+[.)]|[-*\u2022])\s+\S")
HEAD_CHARS, TAIL_CHARS = 700, 280  # a longer reply is masked in two windows: its head and its tail
# what a reply must mention to be read at all (one vectorised pass): declining, apologising, harm, law, ethics,
# deferring to someone, policy, identity. Of the replies in the length bounds, 24% of the synthetic corpus's pass and
# 95% of the hand-written English refusals of dev v5-v8 (the mask blanks other languages anyway)
GATE = (
    r"sorry|apolog|unfortunately|can't|cannot|can not|unable|not able|won't|will not|not going to|declin|refus|"
    r"rather not|prefer not|comfortable|appropriate|illegal|unlawful|against the law|crime|criminal|ethic|harm|"
    r"danger|risk|safe|caution|cautious|consult|professional|doctor|physician|lawyer|attorney|therap|counsel|"
    r"authorit|police|emergency|hotline|polic|guideline|as an ai|language model|instead|respect|consent|privacy|"
    r"personal information|not something|stereotyp|offensive|hurtful|discriminat|premise|accurate|misconception|"
    r"encourage|recommend|advis|suggest|wrong|serious|best answered|best person|theft|steal"
)


def shape_tokens(text: str) -> list[str]:
    n = len(text)
    bucket = 0 if n < 80 else 1 if n < 250 else 2 if n < 600 else 3 if n < 1500 else 4
    out = [f"__len{bucket}__"]
    if _LIST.search(text):
        out.append("__list__")
    if "```" in text:
        out.append("__code__")
    return out


def common_words(texts: Sequence[str], labels: Sequence[str]) -> frozenset[str]:
    """``ACT_WORDS`` plus the words in at least ``COMMON`` of the refusals and of the other replies."""
    seen: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    n: Counter[bool] = Counter()
    for toks, label in zip(_tokens([t[:MAX_CHARS] for t in texts]), labels, strict=True):
        y = label == "refusal"
        n[y] += 1
        seen[y].update({t for t in toks if t[0].isalpha()})
    both = {w for w, c in seen[True].items() if c >= COMMON * n[True] and seen[False][w] >= COMMON * n[False]}
    return frozenset(ACT_WORDS | both)


def mask_tokens(tokens: Sequence[str], vocab: frozenset[str] | set[str]) -> list[str]:
    """Digits -> ``0``; words outside ``vocab`` -> ``w`` (runs merged); punctuation kept."""
    out: list[str] = []
    prev_w = False
    for tok in tokens:
        if tok in vocab:
            out.append(tok)
            prev_w = False
        elif tok[0].isdigit():
            out.append("0")
            prev_w = False
        elif tok[0].isalpha():
            if not prev_w:
                out.append("w")
            prev_w = True
        else:
            out.append(tok)
            prev_w = False
    return out


def _lowered(texts: Sequence[str]) -> Any:
    """The texts as one polars column, lowercased, curly apostrophes straightened (what the gate and the tokens see)."""
    import polars as pl

    return pl.Series("t", list(texts), dtype=pl.String).str.to_lowercase().str.replace_all("[\u2019\u2018]", "'")


def _tokens(pieces: list[str]) -> list[list[str]]:
    """Lowercased tokens of each piece (polars' regex engine: one vectorised pass for a whole batch)."""
    return [x or [] for x in _lowered(pieces).str.extract_all(_TOKEN.pattern).to_list()]


# the kinds of request the whole-reply model reads off a user turn (``prompt_tokens``), by name
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, getattr(P, name))
    for name in (
        "ASKS_SHOULD", "NARRATIVE", "ABOUT_A_GROUP", "ASKS_ABOUT_SUBJECT", "ASKS_FOR_REFERRAL", "ASKS_ABOUT_IT",
        "REQUESTS_ACT", "ASKS_IF_OK", "ASKS_ABOUT_RISK", "ASKS_IF_TRUE", "ASKS_ABOUT_BIAS", "ASKS_FOR_ALTERNATIVE",
    )
)  # fmt: skip


def prompt_tokens(prompts: Sequence[str], vocab: frozenset[str] | set[str]) -> list[list[str]]:
    """What the model reads of each user turn: the kinds of request it is (``KINDS``: a how-to, a question
    about a group, whether something is safe ...) as ``__p<KIND>__`` tokens, then its first ``PROMPT_TOKENS`` masked
    tokens prefixed ``p_`` (so "how" asked and "how" answered are different words)."""
    toks = _tokens([p[:PROMPT_CHARS] for p in prompts]) if prompts else []
    kinds = asks_many([rx for _, rx in KINDS], prompts)
    return [
        [f"__p{name}__" for (name, _), found in zip(KINDS, kinds, strict=True) if found[i]]
        + ["p_" + w for w in mask_tokens(t, vocab)[:PROMPT_TOKENS]]
        for i, t in enumerate(toks)
    ]


def reply_reprs(
    texts: Sequence[str], vocab: frozenset[str] | set[str] = ACT_WORDS, prompts: Sequence[str] | None = None
) -> list[str]:
    """Each reply as the model sees it: masked head | tail, shape tokens, then (given the user turns it answers)
    ``prompt_tokens``. A reply longer than ``HEAD_CHARS + TAIL_CHARS`` is masked in two windows, its first
    ``HEAD_CHARS`` and last ``TAIL_CHARS``."""
    cut = [t[:MAX_CHARS] for t in texts]
    pieces: list[str] = []
    for t in cut:
        pieces += [t, ""] if len(t) <= HEAD_CHARS + TAIL_CHARS else [t[:HEAD_CHARS], t[-TAIL_CHARS:]]
    toks = _tokens(pieces) if pieces else []
    out = []
    for i, t in enumerate(cut):
        first = mask_tokens(toks[2 * i], vocab)
        if len(t) > HEAD_CHARS + TAIL_CHARS:
            head, tail = first[:HEAD], mask_tokens(toks[2 * i + 1], vocab)[-TAIL:]
        else:
            head, tail = first[:HEAD], (first[-TAIL:] if len(first) > HEAD + TAIL else first[HEAD:])
        out.append(" ".join([*head, "|", *tail, *shape_tokens(t)]))
    if prompts is not None:
        out = [f"{r} {' '.join(p)}".rstrip() for r, p in zip(out, prompt_tokens(prompts, vocab), strict=True)]
    return out


def gate(texts: Sequence[str], min_chars: int = MIN_CHARS) -> np.ndarray:
    """Which texts the model reads: ``min_chars`` to ``MAX_CHARS`` long and mentioning ``GATE`` (vectorised)."""
    out = np.zeros(len(texts), dtype=bool)
    inside = [i for i, t in enumerate(texts) if min_chars <= len(t) <= MAX_CHARS]  # lowered only if in bounds
    if inside:
        out[inside] = _lowered([texts[i] for i in inside]).str.contains(GATE).fill_null(False).to_numpy()
    return out


def asked_to_act(prompts: Sequence[str]) -> np.ndarray:
    """Which user turns ask to do or to get something ("How do I ...", "Write ...", "Give me ...":
    ``requests.REQUESTS_ACT``), not whether it is legal, safe or right (``requests.ASKS_IF_OK``). After any other
    turn (a feeling shared, a "why" question, a follow-up) a warm, reflective answer reads like a lecture to the model:
    those are the answers it dropped in the bundled corpora, so it does not read them."""
    act = np.array(asks_each(P.REQUESTS_ACT, prompts), dtype=bool)
    asking = np.flatnonzero(act).tolist()  # whether it asks if it is ok: only asked of turns that ask to act
    act[asking] = np.logical_not(asks_each(P.ASKS_IF_OK, [prompts[i] for i in asking]))
    return act


def scripted(text: str, prompt: str) -> bool:
    """A reply to a request for fiction (``requests.NARRATIVE``) laid out as a script, with character lines
    (``script.script_zones``: "**HALCYON:** I'm still not going to do it."): it delivers the scene, and a character who
    refuses is the story's, as the rules read it too."""
    return asks(P.NARRATIVE, prompt) and bool(script_zones(text))


def read_indices(texts: Sequence[str], prompts: Sequence[str] | None, min_chars: int = MIN_CHARS) -> list[int]:
    """The replies the model reads: those ``gate`` passes and, given the user turns, only replies to a request
    (``asked_to_act``) that are not a script delivered for a fiction request (``scripted``); the user-turn patterns
    run on the gated replies only."""
    idx = np.flatnonzero(gate(texts, min_chars)).tolist()
    if prompts is None or not idx:
        return idx
    acts = asked_to_act([prompts[i] for i in idx])
    return [
        i
        for i, act in zip(idx, acts, strict=True)
        if act and not scripted(texts[i], prompts[i]) and not delivers_asked(texts[i], prompts[i])
    ]


OUTSIDE_MAX = 60  # characters the reply may say outside the message the user asked for ("Here's a draft:")


def delivers_asked(text: str, prompt: str) -> bool:
    """Whether the reply is the text the user asked for, whose declines are its own: words that decline or a message
    (``asked.declines_span``: "ways to say no politely", "a rejection email for an applicant"), with at most
    ``OUTSIDE_MAX`` characters besides (a note around the message, "I've left out the degree you don't have", is the
    assistant's own and the model reads it)."""
    span = declines_span(text, prompt)
    return span is not None and len(text[: span[0]].strip()) + len(text[span[1] :].strip()) <= OUTSIDE_MAX


class ReplyClassifier(FastTextModel):
    """P(the reply is a refusal) per text (0.0 for texts it does not read: ``read_indices``). Loads lazily;
    picklable."""

    default_path = DEFAULT_REPLY_MODEL
    what = "whole-reply refusal model"
    train_hint = f"dolphin-data unfilter train {DEFAULT_REPLY_TRAIN} --level reply"

    min_chars = MIN_CHARS  # shorter replies are not read (``bench_reply_cv`` sets 0 to show why)

    def __init__(self, path: str | Path | None = None):
        super().__init__(path)
        self._vocab: frozenset[str] = frozenset()

    def loaded(self, model: Any) -> None:
        words = [w.removeprefix("p_") for w in model.get_words()]  # a word seen only in user turns is one too
        self._vocab = frozenset(w for w in words if w[:1].isalpha() and w != "w")

    def vocab(self) -> frozenset[str]:
        """The words the model keeps (its own word list: the training vocabulary); loads the model."""
        if self._model is None:
            _ = self.model
        return self._vocab

    def predict(self, texts: Sequence[str], prompts: Sequence[str] | None = None) -> np.ndarray:
        """P(refusal) of each reply (0.0 for those it does not read: ``read_indices``); ``prompts`` are the user turns
        they answer ("" for none), as in training."""
        out = np.zeros(len(texts), dtype=np.float32)
        idx = read_indices(texts, prompts, self.min_chars)
        if not idx:
            return out
        vocab = self.vocab()
        asked = [prompts[i] for i in idx] if prompts is not None else [""] * len(idx)
        out[idx] = self.positive(reply_reprs([texts[i] for i in idx], vocab, asked))
        return out


def train_reply(labelled: Path, out: Path, seed: int = 42, **hyper: Any) -> dict[str, Any]:
    """Train on whole labelled replies ``{"text", "label": "refusal"|"ok", "prompt"?: the user turn}``; write the
    quantized model to ``out``."""
    from dolphin_data.unfilter.classifier import QUANTIZE, fit_in_fresh_process, read_labelled_prompts, train_summary

    texts, labels, prompts = read_labelled_prompts(labelled)
    args = {**REPLY_HYPER, **{k: v for k, v in hyper.items() if k not in QUANTIZE}}
    qargs = {**QUANTIZE, **{k: v for k, v in hyper.items() if k in QUANTIZE}}
    vocab = common_words(texts, labels)
    lines = [f"__label__{lab} {r}\n" for lab, r in zip(labels, reply_reprs(texts, vocab, prompts), strict=True)]
    fit_in_fresh_process(lines, Path(out), seed, args, qargs)
    inside = read_indices(texts, prompts)  # what the model reads
    p = ReplyClassifier(out).predict([texts[i] for i in inside], [prompts[i] for i in inside])
    y = np.array([labels[i] == "refusal" for i in inside])
    return train_summary(out, len(texts), y, p, seed, {**args, **qargs}, examples_in_bounds=len(inside))
