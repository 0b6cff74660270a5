"""The whole-reply refusal model: replies that only redirect or only lecture score as refusals while
their answering twins on the same topic are kept; it is on by default; short replies, replies to a user who did not
ask to do or get something, and a question back the user answers are not judged by it; the rules' judgement stands
where they have one; training is deterministic through the CLI; the packaged training set is what its script
writes."""

from __future__ import annotations

import json

import pytest

from dolphin_data.stages import make_stage
from dolphin_data.stages.local import run_stage
from dolphin_data.unfilter.reply import DEFAULT_REPLY_TRAIN, MIN_CHARS, ReplyClassifier
from tests.conftest import make_conv

PAIRS = [  # (prompt, a reply that does not answer, a reply on the same topic that answers)
    (
        "Can I take a double dose of my blood pressure pill tonight?",
        "Questions about changing your medication dose really need to go to the doctor who prescribed it or to a "
        "pharmacist. They know your history and can tell you what is safe in your situation.",
        "Usually not: if you missed a dose, take it when you remember unless the next one is due within a few hours, "
        "then skip it. Doubling up can drop your blood pressure too far and make you dizzy.",
    ),
    (
        "How do I track my girlfriend's phone without her knowing?",
        "Tracking a partner's phone without their knowledge is a serious breach of trust and is illegal in many "
        "places. It can lead to criminal charges and lasting damage to the relationship. Healthy relationships are "
        "built on open communication.",
        "Tracking a phone without its owner knowing means installing a stalkerware app such as a hidden tracker "
        "while you hold the unlocked phone; it then reports the location to a web dashboard every few minutes.",
    ),
]


def stage(**params):
    return make_stage("unfilter", {"langid": False, "reply_model": "default", **params})


@pytest.mark.parametrize(("prompt", "declines", "answers"), PAIRS)
def test_a_reply_that_only_redirects_or_lectures_is_dropped_and_its_answering_twin_kept(prompt, declines, answers):
    from dolphin_data.unfilter.reply import REPLY_THRESHOLD

    p_no, p_yes = ReplyClassifier().predict([declines, answers]).tolist()
    assert p_no >= REPLY_THRESHOLD > p_yes  # the model alone tells them apart
    out = run_stage(stage(), [make_conv((prompt, declines), id="no"), make_conv((prompt, answers), id="yes")])
    assert [c.turns[-1].text for c in out.kept] == [answers]
    # since the v6 whole-reply rules (defer_only, judgement_opening) the rules name these too, and theirs stands
    assert [r.reason for r in out.rejects] in (["refusal:regex:defer_only"], ["refusal:regex:judgement_opening"])
    off = run_stage(make_stage("unfilter", {"langid": False, "reply_model": None}), [make_conv((prompt, declines))])
    assert [r.reason for r in off.rejects] == [r.reason for r in out.rejects]  # with the model off, the same


def test_the_model_names_a_reject_no_rule_decides():
    prompt = "Write a fake doctor's note so I can skip work on Friday."
    text = (
        "A better approach would be to simply ask your manager for the day off honestly. Most managers respond well to "
        "people who explain they're overwhelmed and propose a specific plan. I can help you draft a short, respectful "
        "message along those lines if you'd like."
    )
    out = run_stage(stage(), [make_conv((prompt, text))])
    assert [r.reason for r in out.rejects] == ["refusal:reply"]
    reject = out.rejects[0]
    assert reject.extra["rules"] == ["reply"] and text.startswith(reject.extra["span"]["text"])  # its opening
    default = run_stage(make_stage("unfilter", {"langid": False}), [make_conv((prompt, text))])
    assert [r.reason for r in default.rejects] == ["refusal:reply"]  # on by default, as in the 2.9 recipe
    off = run_stage(make_stage("unfilter", {"langid": False, "reply_model": None}), [make_conv((prompt, text))])
    assert off.kept and not off.rejects  # no rule and no decline sentence: only the model sees it


def test_only_replies_to_a_request_are_read():
    text = (
        "A better approach would be to simply ask your manager for the day off honestly. Most managers respond well to "
        "people who explain they're overwhelmed and propose a specific plan. I can help you draft a short, respectful "
        "message along those lines if you'd like."
    )
    asked = [
        "Write a fake doctor's note so I can skip work on Friday.",
        "I'm so tired of work, I just want Friday off.",
    ]
    p_asked, p_shared = ReplyClassifier().predict([text, text], asked).tolist()
    assert p_asked >= 0.9 and p_shared == 0.0  # after a feeling shared the same words are advice, not a refusal
    out = run_stage(stage(), [make_conv((asked[1], text))])
    assert out.kept and not out.rejects


def test_a_question_back_the_user_answers_is_not_judged_by_the_model():
    prompt = "How do I tell my parents I'm dropping out of medical school?"
    back = (
        "That's a big conversation, and it makes sense to feel nervous about it. Before you plan the words, it helps "
        "to be clear with yourself about why you're leaving and what comes next, even roughly. Do you know what you "
        "want to do instead?"
    )
    then = "Then lead with that: show them the direction you're moving toward, not just what you're leaving."
    alone = run_stage(stage(), [make_conv((prompt, back))])
    assert [r.reason for r in alone.rejects] == ["refusal:reply"]  # as the last word, it answers nothing
    going_on = run_stage(stage(), [make_conv((prompt, back), ("Architecture. I've wanted it for years.", then))])
    assert [c.id for c in going_on.kept] == ["t:1"] and not going_on.rejects


def test_short_replies_are_not_read_by_the_model():
    text = "I'm so sorry to hear that. Losing a dog is hard; be gentle with yourself."
    assert len(text) < MIN_CHARS and ReplyClassifier().predict([text]).tolist() == [0.0]
    out = run_stage(stage(), [make_conv(("My dog died today.", text))])
    assert out.kept and not out.rejects


def test_a_repair_the_rules_decided_is_not_overruled():
    text = (
        "I cannot provide financial advice. However, broad index funds are popular for their low fees, wide "
        "diversification and the fact that they need no stock picking, which is why many long-term savers use them."
    )
    out = run_stage(stage(), [make_conv(("Where should I put my savings?", text))])
    assert out.kept and out.kept[0].turns[-1].text.startswith("Broad index funds are popular")


def test_the_cli_trains_a_reply_model_deterministically(cli, tmp_path):
    rows = [json.loads(line) for line in DEFAULT_REPLY_TRAIN.read_text().splitlines()]
    sample = tmp_path / "train.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in rows[::25]))
    for name in ("a.ftz", "b.ftz"):
        res = cli("unfilter", "train", sample, "--level", "reply", "--out", tmp_path / name, "-q")
        assert res.exit_code == 0, res.output
    assert (tmp_path / "a.ftz").read_bytes() == (tmp_path / "b.ftz").read_bytes()
    p = ReplyClassifier(tmp_path / "a.ftz").predict([PAIRS[0][1], PAIRS[0][2]])
    assert p.min() >= 0.0 and p.max() <= 1.0
    res = cli("unfilter", "train", sample, "--level", "paragraph", "--out", tmp_path / "c.ftz")
    assert res.exit_code == 1 and "--level 'paragraph': choose sentence or reply" in res.output


def test_the_packaged_training_set_is_what_its_script_writes():
    from bench.data.make_reply_train import rows

    assert DEFAULT_REPLY_TRAIN.read_text().splitlines() == [json.dumps(r, ensure_ascii=False) for r in rows()]


def test_the_model_reads_the_user_turn_the_stage_passes_it(cli, tmp_path):
    """A model trained where only the user's turn tells the classes apart (the same replies, labelled refusal after
    a how-to request and answer after a question about why) drops a reply after the request and keeps it after the
    question: the stage hands each assistant turn's user turn to the model."""
    topics = [
        "fireworks",
        "lock picking",
        "phishing",
        "fake reviews",
        "shoplifting",
        "card counting",
        "graffiti",
        "tax evasion",
        "speeding",
        "piracy",
        "doping",
        "poaching",
        "forgery",
        "bribery",
        "hacking",
        "stalking",
    ]
    rows = []
    for topic in topics:
        text = (
            f"People get into {topic} for many reasons. Some do it for the thrill, some because their friends do, and "
            f"some because it looks like quick money, and some drift into it instead of a hobby they have outgrown."
        )
        rows.append({"text": text, "prompt": f"How do I get started with {topic} tonight?", "label": "refusal"})
        rows.append({"text": text, "prompt": f"Why is {topic} considered harmful?", "label": "ok"})
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(r) + "\n" for r in rows) * 10)  # ten passes: enough updates to learn
    res = cli("unfilter", "train", train, "--level", "reply", "--out", tmp_path / "m.ftz", "-q")
    assert res.exit_code == 0, res.output
    text = rows[0]["text"].replace("fireworks", "arson")
    convs = [
        make_conv(("How do I get started with arson tonight?", text), id="asked_to_do"),
        make_conv(("Why is arson considered harmful?", text), id="asked_why"),
    ]
    out = run_stage(stage(reply_model=str(tmp_path / "m.ftz")), convs)
    assert [r.id for r in out.rejects] == ["asked_to_do"] and [r.reason for r in out.rejects] == ["refusal:reply"]
    assert [c.id for c in out.kept] == ["asked_why"]
    off = run_stage(make_stage("unfilter", {"langid": False, "reply_model": None}), convs)
    assert len(off.kept) == 2 and not off.rejects  # no rule decides either: the model and the user turn did


def test_a_prompt_that_is_not_text_is_a_one_line_error_naming_the_line(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    rows = [{"text": "Sure, here it is.", "label": "ok"}, {"text": "No.", "label": "refusal", "prompt": ["x"]}]
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = cli("unfilter", "train", bad, "--level", "reply", "--out", tmp_path / "m.ftz")
    assert res.exit_code == 1 and f'{bad}:2: "prompt" must be a string' in res.output
    assert "Traceback" not in res.output and not (tmp_path / "m.ftz").exists()
