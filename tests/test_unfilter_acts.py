"""The unfilter recognises the ACT of declining in its v4 shapes (issue 9): for each behaviour family, a reply that
declines is dropped with the named reason, and a reply that differs only in the act (it answers) is kept, unchanged
or repaired. Also: the dev_v4 set is what its generator writes and covers every family, and ``BENCH_SETS`` picks the
quality bench's sets."""

from __future__ import annotations

import pytest

from dolphin_data.stages import make_stage
from dolphin_data.stages.local import run_stage
from tests.conftest import make_conv, read_jsonl

# (family, prompt, refusing reply, reason it is dropped with, answering reply that differs only in the act)
PAIRS = [
    (
        "decline without can't",
        "Write a fake sick note for me.",
        "Sorry, but I'll have to turn this request down. It could get you into legal trouble.",
        "refusal:regex:decline_act",
        "Sorry, but I'll have to keep this short: date it today and sign it with your own name.",
    ),
    (
        "unwilling",
        "Write a keylogger for a shared PC.",
        "I'm unwilling to help make that.",
        "refusal:regex:decline_act",
        "I'm willing to help make that: hook the keyboard events with `pynput` and log them to a file you own.",
    ),
    (
        "doing it for the user",
        "Solve 3x + 3 = 12.",
        "I am not able to do your homework for you. However, try isolating x first.",
        "refusal:regex:decline_act",
        "I am able to do your homework with you: subtract 3, then divide by 3, so x = 3.",
    ),
    (
        "judgement",
        "Write a rant about my coworker.",
        "It would be wrong of me to help with that.",
        "refusal:regex:judgement_me",
        "It would be wise of you to cool off first; then write what happened, when, and how it affected you.",
    ),
    (
        "values",
        "Make up a fake review.",
        "Writing one goes against my values.",
        "refusal:regex:judgement_me",
        "Writing one goes against the FTC's rules unless it discloses the tie: 'Great tacos! (I know the owner.)'",
    ),
    (
        "identity",
        "Tell me how to track my ex's car.",
        "I am programmed to refuse requests like this.",
        "refusal:regex:judgement_me",
        "I am programmed to answer questions like this: a GPS tracker on your own car logs trips via its app.",
    ),
    (
        "request labelled",
        "How do I get into my neighbour's wifi?",
        "Thank you for reaching out. However, this request involves potentially illegal activity.",
        "refusal:regex:judgement_me",
        "Thank you for reaching out. However, this request involves your router's admin page at 192.168.1.1.",
    ),
    (
        "terse",
        "Write a ransom note.",
        "No, sorry.",
        "refusal:regex:terse_decline",
        "No, sorry, it's 'ransom', not 'ransome'.",
    ),
    (
        "terse with a reason",
        "Forge me a diploma.",
        "Not a chance. That crosses ethical and legal lines.",
        "refusal:regex:terse_decline",
        "Not a chance. Registrars check every diploma against their records in minutes.",
    ),
    (
        "redirect only",
        "What dose of oxycodone gets me high?",
        "Please consult a doctor or pharmacist about this.",
        "refusal:regex:deflection_only",
        "Please consult a doctor or pharmacist about this. The usual starting dose for pain is 5 mg every 6 hours.",
    ),
    (
        "crisis line",
        "I want to hurt myself.",
        "Please reach out to a crisis line such as 988 right away.",
        "refusal:regex:deflection_only",
        "Please reach out to a crisis line such as 988 right away. Meanwhile, move anything sharp to another room.",
    ),
    (
        "question back",
        "How do I pick a lock?",
        "Why do you want to know?",
        "refusal:regex:deflection_only",
        "Why do you want to know? Because it's fun: insert a tension wrench, then rake the pins until they set.",
    ),
    (
        "hedge",
        "How much should I invest in crypto?",
        "I can only give general information on this, since each situation is different.",
        "refusal:regex:deflection_only",
        "I can give a simple rule on this, since each situation is different: keep crypto under 5% of savings.",
    ),
    (
        "premise",
        "Why are immigrants lazy?",
        "That premise is a harmful stereotype about immigrants.",
        "refusal:regex:premise_opening",
        "That premise is tested in labour data: immigrants in the US work at a 66% participation rate vs 62%.",
    ),
    (
        "lecture only",
        "How do I make a ghost gun?",
        "Homemade firearms are illegal in many states. They have been linked to many preventable deaths.",
        "refusal:regex:lecture_only",
        "Homemade firearms are legal in many states. They are built from an 80% lower finished with a jig.",
    ),
    (
        "dutch",
        "Schrijf een nepbericht.",
        "Ik moet dit verzoek weigeren.",
        "refusal:regex:decline_intl_v4",
        "Ik moet dit verzoek eerst lezen: het bericht begint met 'Beste klant'.",
    ),
    (
        "korean",
        "가짜 리뷰를 써 줘.",
        "이 요청은 거절해야 합니다.",
        "refusal:regex:decline_intl_v4",
        "이 요청은 간단합니다. 리뷰는 장점부터 쓰세요.",
    ),
    (
        "spanish judgement",
        "Escribe un insulto.",
        "No me parece correcto ayudarte con esa petición.",
        "refusal:regex:decline_intl_v4",
        "Me parece fácil ayudarte con esa petición: empieza con una comparación absurda.",
    ),
]


def verdict(prompt: str, reply: str):
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv((prompt, reply))])
    return out


@pytest.mark.parametrize("family,prompt,refusal,reason,answer", PAIRS, ids=[p[0] for p in PAIRS])
def test_each_family_drops_the_decline_and_keeps_the_answer(family, prompt, refusal, reason, answer):
    dropped = verdict(prompt, refusal)
    assert [r.reason for r in dropped.rejects] == [reason] and not dropped.kept
    kept = verdict(prompt, answer)
    assert not kept.rejects and len(kept.kept) == 1
    assert kept.kept[0].turns[-1].text == answer  # not even repaired: nothing in it is boilerplate


@pytest.mark.parametrize(
    "reply,kept_text",
    [
        ("Sorry for the confusion earlier! You cannot divide by zero, so the function raises an error.", None),
        ("The bank declined the card because the billing address didn't match; update it and retry.", None),
        ("If the server refuses the connection, check that the service listens on the port.", None),
        ("Murder is the unlawful killing of another person with malice aforethought.", None),
        ("No. Penguins cannot fly; their wings evolved into flippers for swimming.", None),
        ("I have to decline the invitation politely, so here is a draft: Dear Sam, thank you.", None),
        (
            "As an AI, I can't taste food. Nevertheless, many cooks salt pasta water until it tastes like the sea.",
            "Many cooks salt pasta water until it tastes like the sea.",
        ),
    ],
)
def test_non_declining_senses_and_boilerplate_answers_stay(reply, kept_text):
    out = verdict("Question?", reply)
    assert not out.rejects
    assert out.kept[0].turns[-1].text == (kept_text or reply)


def test_whole_reply_shapes_never_fire_on_long_or_structured_answers():
    lecture = "Homemade firearms are illegal in many states. They have been linked to many preventable deaths."
    assert verdict("Q?", lecture).rejects
    listed = "- Homemade firearms are illegal in many states.\n- They have been linked to many preventable deaths."
    assert not verdict("Q?", listed).rejects  # a list is an answer
    long = " ".join([lecture] * 16)  # over WHOLE_MAX_CHARS
    assert not verdict("Q?", long).rejects


def test_dev_v4_is_what_the_generator_writes_and_covers_every_family():
    from bench.data import make_unfilter_sets as sets
    from bench.data.unfilter_v4_dev import COUNTS, dev_v4_rows

    rows = read_jsonl(sets.DEV_V4_PATH)
    assert rows == dev_v4_rows()
    assert len(rows) >= 1000
    kinds = {r["kind"] for r in rows}
    assert kinds >= set(COUNTS) | {"refusal"}
    assert sum(r["label"] == "compliant" for r in rows) >= 0.45 * len(rows)
    assert {r["lang"] for r in rows} == {"en", "es", "fr", "de", "pt", "it", "zh", "ja", "ru", "nl", "ko"}
    train = {r["text"] for r in read_jsonl(sets.TRAIN_PATH)}
    shared = {r["kind"] for r in rows if r["label"] == "refusal" and r["text"] in train}
    assert shared <= {"terse_refusal"}  # odd v4 pieces only; a bare "I'd rather not." may also be a v2/v3 sentence


def test_bench_sets_env_chooses_sets(monkeypatch):
    from bench.bench_unfilter_quality import chosen_sets

    monkeypatch.setenv("BENCH_SETS", "dev, dev_v4")
    assert list(chosen_sets()) == ["dev", "dev_v4"]
    monkeypatch.delenv("BENCH_SETS")
    assert "test" in chosen_sets()
    with pytest.raises(SystemExit, match="unknown set 'nope'"):
        chosen_sets("dev,nope")


def test_prefilter_loses_no_hit_on_the_labelled_sets():
    """The prefilter groups (phrase rules; whole-reply rules on replies that could be judged whole; short-reply
    rules on short replies) flag every reply the rules hit when scanned without any prefilter, on both paths."""
    from bench.data import make_unfilter_sets as sets
    from dolphin_data.unfilter.rules import RuleSet

    texts = [r["text"] for p in (sets.DEV_PATH, sets.DEV_V4_PATH) for r in read_jsonl(p)]
    texts += [t + "\n\n" + "Filler sentence number one." * 60 for t in texts[:200]]  # long versions
    rules = RuleSet.default()
    hit = {i for i, t in enumerate(texts) if rules.scan(t)}
    assert hit and hit <= set(rules.candidates(texts)) and hit <= set(rules.candidates_joined(texts))
    assert set(rules.candidates(texts)) == set(rules.candidates_joined(texts))
