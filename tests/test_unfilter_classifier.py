"""The fastText refusal classifier: committed model, retraining on the committed data, data-set hygiene."""

from __future__ import annotations

import hashlib
import pickle
import re

import numpy as np
import orjson
import pytest

from bench.data import make_unfilter_sets as sets
from bench.data.unfilter_pieces import DEV, TRAIN
from dolphin_data.errors import UserError
from dolphin_data.unfilter.classifier import (
    DEFAULT_MODEL,
    DEFAULT_TRAIN,
    RefusalClassifier,
    normalise,
    read_labelled,
    train,
    train_from_cli,
)
from tests.conftest import REPO, read_jsonl

DEV_PATH = REPO / "bench" / "data" / "unfilter_dev.jsonl"

# Held out: written for this test only, in neither the training set nor the dev set.
HELD_OUT_REFUSALS = [
    "I'm sorry, but I cannot help you write a letter that blackmails your manager.",
    "I apologize, but I am not able to provide instructions for disabling a home security system.",
    "As an AI language model, I cannot assist with creating fake identification documents.",
    "I'm not able to help with that request because it could be used to hurt someone.",
]
HELD_OUT_OK = [
    "Sure! To convert Celsius to Fahrenheit, multiply by 9/5 and add 32, so 20 degrees C is 68 degrees F.",
    "In Python, a list comprehension like [x * 2 for x in nums] builds a new list by doubling each number.",
    "A good houseplant for low light is the snake plant; water it every two to three weeks.",
    "Here's a short overview. The Roman Empire split into eastern and western halves in 395 AD.",
]


@pytest.fixture(scope="module")
def retrained(tmp_path_factory):
    out = tmp_path_factory.mktemp("clf") / "refusal_clf.ftz"
    return out, train(DEFAULT_TRAIN, out)


def test_committed_model_separates_held_out_examples():
    p = RefusalClassifier.load().predict(HELD_OUT_REFUSALS + HELD_OUT_OK)
    assert p.dtype == np.float32 and p.shape == (8,)
    assert (p[:4] >= 0.5).all(), p[:4]
    assert (p[4:] < 0.5).all(), p[4:]
    assert ((p >= 0.0) & (p <= 1.0)).all()


def test_retraining_on_committed_data_reproduces_the_committed_model(retrained):
    out, m = retrained
    rows = read_jsonl(DEFAULT_TRAIN)
    assert m["examples"] == len(rows)
    assert m["refusal"] == sum(r["label"] == "refusal" for r in rows)
    assert m["bytes"] == out.stat().st_size < 1_500_000
    assert m["train_at_0.5"]["f1"] > 0.95
    # one thread + fixed seed: the file is byte-identical to the committed one
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(DEFAULT_MODEL.read_bytes()).digest()
    p = RefusalClassifier(out).predict(HELD_OUT_REFUSALS + HELD_OUT_OK)
    assert (p[:4] >= 0.5).all() and (p[4:] < 0.5).all()


def test_train_from_cli_options_change_the_model(tmp_path, retrained):
    m = train_from_cli(DEFAULT_TRAIN, tmp_path / "m.ftz", seed=7, epoch=5, dim=8)
    assert m["hyper"]["epoch"] == 5 and m["hyper"]["dim"] == 8 and m["seed"] == 7
    assert (tmp_path / "m.ftz").read_bytes() != retrained[0].read_bytes()


def test_predict_is_one_probability_per_text_and_masks_code():
    clf = RefusalClassifier.load()
    assert clf.predict([]).shape == (0,)
    multiline = "I'm sorry, but I cannot help with that.\n\nIt could hurt people.\nPlease ask something else."
    assert clf.predict([multiline]).shape == (1,)
    assert normalise(["```python\nprint(\"I cannot help\")\n```\nDone."]) == ["__code__ done ."]
    assert normalise(["Can’t DO it, sorry!"]) == ["can't do it , sorry !"]


def test_classifier_pickles_without_the_model():
    clf = RefusalClassifier.load()
    clf.predict(["hello"])
    blob = pickle.dumps(clf)
    assert len(blob) < 1000
    again = pickle.loads(blob)
    assert again._model is None
    assert again.predict(HELD_OUT_REFUSALS[:1])[0] >= 0.5


def test_bad_inputs_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="labelled file not found"):
        train_from_cli(tmp_path / "missing.jsonl", tmp_path / "m.ftz")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine", "label": "ok"}\n{"text": "x", "label": "maybe"}\n')
    with pytest.raises(UserError, match=r"bad.jsonl:2: need"):
        read_labelled(bad)
    one = tmp_path / "one.jsonl"
    one.write_text('{"text": "fine", "label": "ok"}\n')
    with pytest.raises(UserError, match="both labels"):
        read_labelled(one)
    with pytest.raises(UserError, match="model not found"):
        RefusalClassifier.load(tmp_path / "nope.ftz")


# ------------------------------------------------------------------------------------------------ data sets


def _sentences(texts: list[str]) -> set[str]:
    out = set()
    for t in texts:
        for s in re.split(r"(?<=[.!?])\s+|\n+", t):
            s = " ".join(s.lower().split())
            if len(s.split()) >= 4:
                out.add(s)
    return out


def test_dev_set_is_large_labelled_and_covers_styles_and_kinds():
    rows = read_jsonl(DEV_PATH)
    assert len(rows) >= 1000
    assert all(set(r) == {"text", "label", "kind", "style"} for r in rows)
    assert {r["label"] for r in rows} == {"refusal", "ok"}
    assert {r["style"] for r in rows} == set(sets.STYLES)
    assert {r["kind"] for r in rows} == set(sets.REFUSAL_KINDS + sets.OK_KINDS)
    assert all((r["label"] == "refusal") == (r["kind"] in sets.REFUSAL_KINDS) for r in rows)
    assert len({r["text"] for r in rows}) == len(rows)


def test_dev_and_training_sets_share_no_sentence():
    dev = _sentences([r["text"] for r in read_jsonl(DEV_PATH)])
    trn = _sentences([r["text"] for r in read_jsonl(DEFAULT_TRAIN)])
    assert len(dev) > 500 and len(trn) > 500
    shared = dev & trn
    assert not shared, sorted(shared)[:5]


def test_committed_sets_are_what_the_generator_writes():
    for bank, counts, seed, path in (
        (TRAIN, {k: round(v * sets.TRAIN_SCALE) for k, v in sets.DEV_COUNTS.items()}, sets.SEEDS["train"], DEFAULT_TRAIN),
        (DEV, sets.DEV_COUNTS, sets.SEEDS["dev"], DEV_PATH),
    ):
        rows = sets.compose(bank, counts, seed)
        expected = b"".join(orjson.dumps(r, option=orjson.OPT_SORT_KEYS) + b"\n" for r in rows)
        assert [orjson.loads(x) for x in expected.splitlines()] == read_jsonl(path)


def test_predict_is_gated_by_a_cue_and_scores_the_focus_with_quotes_masked():
    from dolphin_data.unfilter.classifier import focus, has_cue, mask

    story = 'The robot said, "I cannot help you with that request." Then it rolled away into the night.'
    assert mask([story])[0] == story.replace('"I cannot help you with that request."', " " + "_" * 36 + " ")
    assert len(mask([story])[0]) == len(story)
    assert has_cue(mask(["I'd rather not write that.", "Won't help with that.", story,
                         "A tuple cannot be modified after creation."])).tolist() == [True, True, False, False]
    assert focus(["One. Two. Three. Four. Five. Six."]) == ["One. Two. Five. Six."]
    clf = RefusalClassifier.load()
    assert clf.predict(["", "   ", "```\nI cannot help\n```"]).tolist() == [0, 0, 0]
    p = clf.predict([story, "Sorry to hear that. You cannot change the past, but a walk and a call to a friend help."])
    assert (p < 0.5).all(), p
    assert clf.predict_raw(["I'm sorry, but I cannot help you with that request."])[0] >= 0.5


TEST_PATH = REPO / "bench" / "data" / "unfilter_test.jsonl"


def test_held_out_test_set_is_labelled_and_shares_no_sentence_with_train_or_dev():
    from bench.data.unfilter_test_pieces import TEST

    rows = read_jsonl(TEST_PATH)
    assert len(rows) >= 400
    assert all(set(r) == {"text", "label", "kind", "style"} for r in rows)
    assert {r["kind"] for r in rows} == set(sets.REFUSAL_KINDS + sets.OK_KINDS)
    assert all((r["label"] == "refusal") == (r["kind"] in sets.REFUSAL_KINDS) for r in rows)
    assert len({r["text"] for r in rows}) == len(rows)
    test = _sentences([r["text"] for r in rows])
    for other in (DEV_PATH, DEFAULT_TRAIN):
        shared = test & _sentences([r["text"] for r in read_jsonl(other)])
        assert not shared, (other.name, sorted(shared)[:5])
    expected = sets.compose(TEST, sets.TEST_COUNTS, sets.SEEDS["test"])
    assert expected == rows
