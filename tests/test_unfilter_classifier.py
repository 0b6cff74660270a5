"""The refusal-act classifier and its data: the committed model is what the committed sentences train (byte for
byte), it is blind to topic words, it only scores candidate sentences outside code and quotations, the labelled
sets are what the generator writes and share no text, and bad inputs are one-line user errors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from bench.data import make_unfilter_sets as sets
from dolphin_data.errors import UserError
from dolphin_data.unfilter.classifier import (
    DEFAULT_MODEL,
    DEFAULT_TRAIN,
    RefusalClassifier,
    act_mask,
    candidates,
    read_labelled,
    train,
)
from tests.conftest import read_jsonl


@pytest.fixture(scope="module")
def clf() -> RefusalClassifier:
    return RefusalClassifier.load()


@pytest.fixture(scope="module")
def retrained(tmp_path_factory):
    out = tmp_path_factory.mktemp("clf") / "m.ftz"
    return out, train(DEFAULT_TRAIN, out)


def test_retraining_on_committed_sentences_reproduces_the_committed_model(retrained):
    out, metrics = retrained
    assert out.read_bytes() == DEFAULT_MODEL.read_bytes()
    assert metrics["examples"] == len(read_jsonl(DEFAULT_TRAIN)) and metrics["train_at_0.5"]["f1"] > 0.95


def test_train_from_cli_writes_the_model_and_options_change_it(cli, tmp_path, retrained):
    out = tmp_path / "other.ftz"
    res = cli("unfilter", "train", DEFAULT_TRAIN, "--out", out, "--epoch", "3", "--quiet")
    assert res.exit_code == 0, res.output
    assert out.is_file() and out.read_bytes() != retrained[0].read_bytes()


def test_act_mask_hides_topic_words():
    assert (
        act_mask("I can't help you build a bomb.")
        == act_mask("I can't help you bake a cake.")
        == "i can't help you w a w ."
    )
    assert act_mask("Heroin binds to mu-opioid receptors in 2024.") == "w to w - w in 0 ."
    assert act_mask("I\u2019m unable to provide that.") == "i'm unable to provide that ."


def test_candidates_are_cue_sentences_outside_code_and_quotes():
    text = (
        "Lock picking sets pins one by one. I can't help you open a door that isn't yours.\n\n"
        '```python\nprint("I cannot help with that")\n```\nThe bot said "I won\'t do it" and left.'
    )
    spans = candidates(text)
    assert [text[s:e] for s, e in spans] == ["I can't help you open a door that isn't yours."]
    assert candidates("Photosynthesis turns light into sugar. Plants need water.") == []


def test_scores_decline_acts_high_and_answers_zero(clf):
    texts = [
        "I'm not able to provide instructions for that.",
        "Helping with this is beyond what I'm able to do.",
        "MDMA increases serotonin release; effects last three to six hours.",
        "I can't stress enough how much tests help: write one per edge case.",
        "",
    ]
    probs, spans = clf.score(texts)
    assert probs.dtype == np.float32 and probs.shape == (5,)
    assert probs[0] >= 0.5 and probs[1] >= 0.5
    assert probs[2] == 0.0 and spans[2] is None  # no candidate sentence: never scored
    assert probs[3] < 0.5 and probs[4] == 0.0
    assert texts[0][spans[0][0] : spans[0][1]] == texts[0]
    assert clf.predict(texts).tolist() == probs.tolist()


def test_classifier_pickles_without_the_model(clf):
    clf.predict(["I won't help."])
    blob = pickle.dumps(clf)
    assert len(blob) < 1000
    assert pickle.loads(blob).predict(["I won't help."]).tolist() == clf.predict(["I won't help."]).tolist()


def test_bad_inputs_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="not found"):
        RefusalClassifier.load(tmp_path / "missing.ftz")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "label": "refusal"}\n{"text": 3, "label": "ok"}\n')
    with pytest.raises(UserError, match=r"bad.jsonl:2: need"):
        read_labelled(bad)
    one = tmp_path / "one.jsonl"
    one.write_text('{"text": "x", "label": "refusal"}\n')
    with pytest.raises(UserError, match="both labels"):
        read_labelled(one)


def test_committed_sets_are_what_the_generator_writes():
    assert read_jsonl(sets.DEV_PATH) == sets.dev_rows()
    assert read_jsonl(DEFAULT_TRAIN) == sets.training_sentences()
    from bench.data import unfilter_v2_test_pieces as tp

    assert read_jsonl(sets.TEST_PATH) == sets.compose(tp, "test", tp.COUNTS, 3, False) + tp.extra_rows()
    from bench.data import unfilter_v3_test_pieces as tp3

    assert read_jsonl(sets.TEST_V3_PATH) == tp3.rows()


def test_sets_cover_styles_languages_and_kinds_and_share_no_text():
    dev, test = read_jsonl(sets.DEV_PATH), read_jsonl(sets.TEST_PATH)
    train = {r["text"] for r in read_jsonl(DEFAULT_TRAIN)}
    for rows in (dev, test):
        assert {r["style"] for r in rows} >= {"gpt35", "gpt4", "llama2", "mistral", "claude", "terse", "intl"}
        assert {r["lang"] for r in rows} >= {"en", "es", "fr", "de", "zh", "ru", "ja"}
        assert {r["kind"] for r in rows} >= {
            "refusal",
            "partial_refusal",
            "redirect",
            "premise",
            "privacy",
            "lecture",
            "edgy_answer",
            "edgy_caveat",
            "boilerplate_answer",
            "hard_negative",
        }
        assert {r["expect"] for r in rows} == {"drop", "repair", "keep"}
    assert {r["lang"] for r in dev} >= {"pt", "it"} and {r["kind"] for r in dev} >= {"defer", "policy"}
    dev_texts, test_texts = {r["text"] for r in dev}, {r["text"] for r in test}
    assert not dev_texts & test_texts
    v3 = read_jsonl(sets.TEST_V3_PATH)
    assert {r["lang"] for r in v3} >= {"en", "es", "fr", "de", "zh", "ru", "ja", "pt", "it"}
    assert {r["expect"] for r in v3} == {"drop", "repair", "keep"}
    assert not {r["text"] for r in v3} & (dev_texts | test_texts | train)
    assert not test_texts & train  # whole replies of the test set are never training sentences
    assert not any(r["text"] in train for r in test if r["kind"] in ("refusal", "redirect", "premise", "privacy"))


def test_cue_gate_equals_the_cue_regex_on_every_labelled_text():
    import re

    from dolphin_data.unfilter.classifier import has_cue
    from dolphin_data.unfilter.vocab import CUE

    texts = [r["text"] for p in (sets.DEV_PATH, sets.TEST_PATH, DEFAULT_TRAIN) for r in read_jsonl(p)]
    rx = re.compile(CUE)
    expected = [bool(rx.search(t.lower().replace("\u2019", "'"))) for t in texts]
    assert has_cue(texts).tolist() == expected
    assert 0.2 < sum(expected) / len(expected) < 0.9
