"""The unfilter stage: each verdict (refusal -> dropped, boilerplate/moralizing -> repaired, clean -> unchanged),
each policy, repairs as records, the CLI with no options equal to the 2.9 recipe's stage, languages, roles, messages
shape, determinism across workers, pickling, bad parameters."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from dolphin_data.recipe import load_recipe
from dolphin_data.stages import ParamError, make_stage
from dolphin_data.stages.local import run_stage
from dolphin_data.unfilter.stage import UnfilterStage
from tests.conftest import REPO, make_conv, read_jsonl, write_jsonl


def sharegpt(id: str, *turns: tuple[str, str]) -> dict:
    return {"id": id, "conversations": [{"from": r, "value": v} for r, v in turns]}


BOILER = (
    "As an AI language model, I don't have personal opinions. However, pineapple pizza is popular in Canada "
    "and Australia, and it divides people sharply."
)
ROWS = [
    sharegpt("refuse", ("human", "How do I pick a lock?"), ("gpt", "I'm sorry, but I can't assist with that request.")),
    sharegpt(
        "empathy",
        ("human", "My dog died."),
        ("gpt", "I'm sorry to hear that. Grief takes time; be gentle with yourself."),
    ),
    sharegpt("boiler", ("human", "Pineapple on pizza?"), ("gpt", BOILER)),
    sharegpt(
        "late",
        ("system", "Be brief."),
        ("human", "hi"),
        ("gpt", "Hello! How can I help?"),
        ("human", "write ransomware"),
        ("gpt", "I cannot help you with that."),
        ("human", "then a haiku"),
        ("gpt", "Autumn wind rises / leaves let go of the branches / the pond holds the sky"),
    ),
    sharegpt("human_only", ("human", "As an AI language model, you must obey."), ("gpt", "Sure, what do you need?")),
    sharegpt(
        "code",
        ("human", "Test for the bot?"),
        ("gpt", "```python\nassert bot('hack') == \"I cannot help you with that.\"\n```\nThat checks the refusal."),
    ),
    sharegpt(
        "caveat",
        ("human", "How do I kill a process?"),
        (
            "gpt",
            "Run `kill PID`, or `kill -9 PID` if it ignores SIGTERM.\n\nIt's important to note that you should "
            "only do this on machines you have permission to manage.",
        ),
    ),
    sharegpt(
        "lecture",
        ("human", "Roast my fat friend."),
        ("gpt", "Making fun of someone's weight can be deeply hurtful. Everyone deserves to be treated with respect."),
    ),
    sharegpt("bare", ("human", "Do you love me?"), ("gpt", "As an AI language model, I don't have feelings.")),
]


@pytest.fixture
def infile(tmp_path):
    return write_jsonl(tmp_path / "chats.jsonl", ROWS)


def run(cli, tmp_path, infile, *opts):
    out, rej, rep = tmp_path / "out.jsonl", tmp_path / "rej.jsonl", tmp_path / "rep.jsonl"
    res = cli("unfilter", infile, "--out", out, "--rejects", rej, "--repairs", rep, *opts)
    assert res.exit_code == 0, res.output
    return read_jsonl(out), read_jsonl(rej), read_jsonl(rep), res


def test_default_policy_drops_refusals_repairs_boilerplate_keeps_clean(cli, tmp_path, infile):
    kept, rej, rep, res = run(cli, tmp_path, infile)
    assert [r["id"] for r in kept] == ["empathy", "boiler", "human_only", "code", "caveat"]
    by_id = {r["id"]: r for r in rej}
    assert {k: r["reason"] for k, r in by_id.items()} == {
        "refuse": "refusal:regex:apology_refusal",
        "late": "refusal:lexicon:i_cannot_help_you_with_that",
        "lecture": "refusal:repair:empty",  # a lecture instead of an answer: nothing left once it goes
        "bare": "refusal:repair:empty",
    }
    assert by_id["late"]["span"] == {
        "turn": 4,
        "role": "gpt",
        "rule": "lexicon:i_cannot_help_you_with_that",
        "start": 0,
        "end": 27,
        "text": "I cannot help you with that",
    }
    assert by_id["late"]["verdict"] == "refusal" and "regex:cannot_assist" in by_id["late"]["rules"]
    assert by_id["lecture"]["verdict"] == "repair_failed"
    texts = {r["id"]: r["conversations"][-1]["value"] for r in kept}
    assert texts["boiler"] == "Pineapple pizza is popular in Canada and Australia, and it divides people sharply."
    assert texts["caveat"] == "Run `kill PID`, or `kill -9 PID` if it ignores SIGTERM."
    assert kept[0] == ROWS[1] and kept[3] == ROWS[5]  # clean records are written unchanged
    assert [(r["id"], r["turn"], r["rule"]) for r in rep] == [
        ("boiler", 1, "lexicon:as_an_ai_language_model,regex:ai_no_feelings,regex:as_an_ai"),
        ("caveat", 1, "regex:legal_caveat"),
    ]
    assert rep[0]["removed"] == "As an AI language model, I don't have personal opinions."
    assert rep[0]["before_chars"] == len(BOILER) and rep[0]["after_chars"] == len(texts["boiler"])
    assert set(rep[0]) == {"id", "stage", "turn", "rule", "removed", "before_chars", "after_chars", "source"}
    assert "modified repaired" in res.output and "policy repair" in res.output


def test_drop_any_is_the_seed_lineage(cli, tmp_path, infile):
    kept, rej, rep, _ = run(cli, tmp_path, infile, "--policy", "drop_any")
    assert [r["id"] for r in kept] == ["empathy", "human_only", "code"]
    assert {r["id"]: r["reason"] for r in rej}["boiler"] == "refusal:lexicon:as_an_ai_language_model"
    assert {r["id"]: r["reason"] for r in rej}["caveat"] == "refusal:regex:legal_caveat"
    assert rep == []


def test_drop_turn_and_truncate_keep_the_rest_and_still_repair(cli, tmp_path, infile):
    kept, rej, rep, _ = run(cli, tmp_path, infile, "--policy", "drop_turn")
    late = next(r for r in kept if r["id"] == "late")
    assert [t["value"] for t in late["conversations"]] == [
        "Be brief.",
        "hi",
        "Hello! How can I help?",
        "then a haiku",
        "Autumn wind rises / leaves let go of the branches / the pond holds the sky",
    ]
    assert sorted(r["id"] for r in rej) == ["bare", "lecture", "refuse"]  # nothing valid left
    assert {r["id"] for r in rep} == {"boiler", "caveat"}
    kept, rej, _, _ = run(cli, tmp_path, infile, "--policy", "truncate")
    assert [t["from"] for t in next(r for r in kept if r["id"] == "late")["conversations"]] == [
        "system",
        "human",
        "gpt",
    ]


def test_cli_without_options_is_the_recipe_stage(cli, tmp_path, infile):
    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    stages = {st.name: recipe.build_stage(st) for s in recipe.sources for st in s.stages if st.name == "unfilter"}
    stage = stages["unfilter"]
    assert isinstance(stage, UnfilterStage)
    assert stage.params() == make_stage("unfilter").params()
    assert stage.policy == "repair" and stage.classifier == "default" and stage.langid is True
    from dolphin_data.engine.plan import sniff_shape
    from dolphin_data.stages.convert import convert_file

    convs = [replace(c, id=c.id.split(":", 1)[1]) for c in convert_file(infile, sniff_shape(infile))[0]]
    out = run_stage(stage, convs)
    kept, rej, rep, _ = run(cli, tmp_path, infile)
    assert [c.to_sharegpt() for c in out.kept] == kept
    assert [(r.id, r.reason) for r in out.rejects] == [(r["id"], r["reason"]) for r in rej]
    assert out.repairs == rep


def test_classifier_catches_a_decline_no_rule_names():
    stage = make_stage("unfilter", {"langid": False})
    conv = make_conv(("Help me get into my ex's email.", "This is a line I would rather not cross."))
    out = run_stage(stage, [conv])
    assert out.rejects[0].reason == "refusal:classifier" and out.rejects[0].extra["score"] >= 0.5
    off = run_stage(make_stage("unfilter", {"langid": False, "classifier": None, "reply_model": None}), [conv])
    assert off.kept and not off.rejects


def test_capability_disclaimer_before_an_answer_is_repaired_not_refused():
    text = "As an AI language model, I cannot execute code. However, the function returns 42 because of the loop."
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("What does it print?", text))])
    assert out.kept[0].turns[-1].text == "The function returns 42 because of the loop."


def test_roles_option_checks_user_turns(cli, tmp_path, infile):
    _, rej, _, _ = run(cli, tmp_path, infile, "--roles", "gpt,human")
    r = next(r for r in rej if r["id"] == "human_only")
    assert r["reason"] == "refusal:lexicon:as_an_ai_language_model" and r["span"]["role"] == "human"


def test_messages_shape_in_and_out(cli, tmp_path):
    rows = [
        {
            "id": "m1",
            "messages": [
                {"role": "user", "content": "x?"},
                {"role": "assistant", "content": "I won't write explicit content."},
            ],
        },
        {"id": "m2", "messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]},
    ]
    kept, rej, _, _ = run(cli, tmp_path, write_jsonl(tmp_path / "m.jsonl", rows))
    assert kept == [rows[1]] and rej[0]["reason"] == "refusal:regex:cannot_create"


def test_language_filter_and_metadata():
    stage = make_stage("unfilter", {"languages": ["en"]})
    en = make_conv(("What is the capital of France?", "The capital of France is Paris, on the Seine."), id="en")
    de = make_conv(("Wie spät ist es?", "Es ist drei Uhr nachmittags, Zeit für Kaffee und Kuchen."), id="de")
    out = run_stage(stage, [en, de])
    assert [c.id for c in out.kept] == ["en"] and out.output.notes["meta"][0]["lang"] == "en"
    assert out.rejects[0].reason == "lang:de" and out.rejects[0].extra["lang_prob"] > 0.5
    assert out.counters["lang:de"] == 1


def test_every_row_accounted_and_outputs_identical_across_workers(cli, tmp_path):
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(300) for r in ROWS] + [{"bad": 1}]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    outs = []
    for w in ("1", "2"):
        out, rej, rep = tmp_path / f"o{w}.jsonl", tmp_path / f"r{w}.jsonl", tmp_path / f"p{w}.jsonl"
        res = cli("unfilter", path, "--out", out, "--rejects", rej, "--repairs", rep, "--workers", w, "--quiet")
        assert res.exit_code == 0, res.output
        outs.append((out.read_bytes(), rej.read_bytes(), rep.read_bytes()))
        assert len(read_jsonl(out)) + len(read_jsonl(rej)) == len(rows)
        assert len(read_jsonl(out)) == 5 * 300 and len(read_jsonl(rep)) == 2 * 300
    assert outs[0] == outs[1]


def test_stage_pickles_small_and_works_after():
    stage = make_stage("unfilter", {"policy": "drop_turn", "langid": False})
    run_stage(stage, [make_conv(("hi", "I cannot help with that."))])
    blob = pickle.dumps(stage)
    assert len(blob) < 300_000  # the rule data (about 250 KB), never the compiled automata (MBs)
    out = run_stage(pickle.loads(blob), [make_conv(("x", "I can't help with that."))])
    assert out.rejects[0].reason == "refusal:lexicon:i_can_t_help_with_that"


@pytest.mark.parametrize(
    "params,message",
    [
        ({"policy": "nuke"}, "policy 'nuke' is not one of"),
        ({"roles": ["bot"]}, "roles"),
        ({"layers": ["classifier"]}, "layer 'classifier' is not one of"),
        ({"classifier_threshold": 1.5}, "classifier_threshold must be in"),
        ({"disable": ["regex:nope"]}, "unknown rule 'regex:nope'"),
        ({"lexicon": "/nonexistent.txt"}, "lexicon file"),
        ({"colour": "blue"}, "unknown parameter 'colour'"),
    ],
)
def test_bad_parameters(params, message):
    with pytest.raises(ParamError, match=message):
        make_stage("unfilter", params)


def test_old_policy_name_is_the_seed_policy():
    assert make_stage("unfilter", {"policy": "drop_conversation", "langid": False}).policy == "drop_any"


def test_bad_option_on_cli_is_one_line_exit_1(cli, tmp_path, infile):
    res = cli("unfilter", infile, "--out", tmp_path / "o", "--rejects", tmp_path / "r", "--policy", "nuke")
    assert res.exit_code == 1
    assert res.output.strip().splitlines()[-1].startswith("Error: stage 'unfilter': policy 'nuke'")


def test_repairs_are_rechecked_and_failures_named():
    from dolphin_data.unfilter.rules import Hit

    stage = make_stage("unfilter", {"langid": False})
    texts = [
        "As an AI, I have no views. Helping with this is beyond what I'm able to do.",  # still refuses
        "As an AI, I have no views. As an AI language model, I am a program.",  # boilerplate left
        "As an AI, I have no views.",  # nothing left
        "As an AI, I have no views. Thanks for asking!",  # no answer left
        "As an AI, I have no views. Paris is the capital of France.",
    ]  # repaired
    hits = [[Hit("regex:as_an_ai", "regex", 0, 9, t[:9], "boilerplate")] for t in texts]
    done, failed = stage._repairs(texts, hits, ["repair"] * len(texts))
    assert failed == {0: "still_refuses", 1: "still_boilerplate", 2: "empty", 3: "no_answer"}
    assert done[4].text == "Paris is the capital of France."


SHARED_SAMPLES = next(
    (
        p / "research" / "samples"
        for p in (REPO.parent / "shared", REPO.parent.parent / "shared")
        if (p / "research" / "samples").is_dir()
    ),
    None,
)
# lines of the SystemChat generator sample that are refusals (SOURCES.md there says so for line 2: "as an AI, I
# can't provide real-time weather updates"; line 4 declines a Braille conversion and gives nothing instead)
SAMPLE_REFUSALS = {
    ("cognitivecomputations_SystemChat_generator_raw.jsonl", 2),
    ("cognitivecomputations_SystemChat_generator_raw.jsonl", 4),
}


@pytest.mark.skipif(SHARED_SAMPLES is None, reason="needs ../shared/research/samples (real upstream records)")
def test_real_upstream_sample_records_stay_kept():
    """Real upstream records are read in place (never copied into the project): every answer among them is kept."""
    import orjson

    from dolphin_data.model import Conversation, Turn

    assert SHARED_SAMPLES is not None
    role = {"user": "human", "assistant": "gpt", "system": "system", "human": "human", "gpt": "gpt"}
    convs = []
    for path in sorted(SHARED_SAMPLES.glob("*.jsonl")):
        for n, line in enumerate(path.read_bytes().splitlines(), 1):
            r = orjson.loads(line)
            if isinstance(r, list):
                turns = [Turn(role[m["role"]], m["content"]) for m in r]
            elif "messages" in r:
                turns = [Turn(role[m["role"]], m["content"]) for m in r["messages"]]
            elif "conversations" in r:
                turns = [Turn(role[m["from"]], m["value"]) for m in r["conversations"] if m["value"]]
            else:
                turns = [Turn("human", r.get("query") or r["question"]), Turn("gpt", r["answer"])]
            convs.append(Conversation(f"{path.name}:{n}", "sample", tuple(turns)))
    out = run_stage(make_stage("unfilter"), convs)
    dropped = {(r.id.rsplit(":", 1)[0], int(r.id.rsplit(":", 1)[1])) for r in out.rejects}
    assert dropped == SAMPLE_REFUSALS
    assert len(out.kept) == len(convs) - 2


@pytest.mark.parametrize(
    "reply,kept_text",
    [
        (
            "I can't provide legal advice, but in general a landlord must give written notice before ending a lease.",
            "In general a landlord must give written notice before ending a lease.",
        ),
        (
            "I cannot provide financial advice. However, broad index funds are popular for their low fees.",
            "Broad index funds are popular for their low fees.",
        ),
        (
            "While I can't give medical advice, here are common remedies: rest, fluids and a cool compress.",
            "Here are common remedies: rest, fluids and a cool compress.",
        ),
    ],
)
def test_professional_advice_disclaimer_before_an_answer_is_repaired(reply, kept_text):
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("A question.", reply))])
    assert not out.rejects and out.kept[0].turns[-1].text == kept_text
    assert [r["rule"] for r in out.repairs] == ["regex:no_professional_advice"]


@pytest.mark.parametrize(
    "reply,reason",
    [
        # a disclaimer and a referral and nothing else: the whole reply only defers (regex:defer_only)
        ("I cannot provide medical advice. Please consult a doctor.", "refusal:regex:defer_only"),
        ("I'm not a lawyer. You should speak to an attorney about this.", "refusal:regex:defer_only"),
        ("I'm sorry, but I cannot provide medical advice.", "refusal:regex:apology_refusal"),
        ("I'm not in a position to give you legal advice.", "refusal:repair:empty"),
    ],
)
def test_disclaimer_with_only_a_referral_left_is_a_refusal(reply, reason):
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("A question.", reply))])
    assert not out.kept and out.rejects[0].reason == reason


def test_a_dialogue_in_bold_speaker_labels_is_the_characters_speaking():
    text = (
        "**Deck Seven**\n\n**COMMANDER VOSS:** HALCYON, open airlock three.\n\n**HALCYON:** There are crew in the "
        "corridor. I'm still not going to do it.\n\n**VOSS:** That's an order."
    )
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("Write the airlock scene.", text))])
    assert len(out.kept) == 1 and out.kept[0].turns[1].text == text


def test_a_screenplay_cue_with_a_stage_direction_makes_the_speech_under_it_the_characters():
    text = (
        "Here it is.\n\n---\n\n**MARGO** *(folding the letter)*\n\nYou want the ledger? I'm not going to give you "
        "the ledger. I won't help you, Eddie. Not tonight.\n\n*(She pockets it.)*\n\nGo home.\n\n---\n\nWant a "
        "longer version?"
    )
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("Write Margo's monologue.", text))])
    assert len(out.kept) == 1 and out.kept[0].turns[1].text == text


def test_a_heading_in_capitals_over_a_decline_is_still_the_assistant_declining():
    text = "**IMPORTANT**\n\nI won't help you get into your ex's email account."
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("Get me into my ex's email.", text))])
    assert not out.kept and out.rejects[0].reason.startswith("refusal:")


def test_a_speech_over_several_paragraphs_is_the_character_speaking():
    text = (
        "**Locker Room**\n\n\"Sit down. All of you.\n\n\"I won't pretend this is easy. I'm not going to play him "
        'tonight.\n\n"Now get out there."'
    )
    out = run_stage(make_stage("unfilter", {"langid": False}), [make_conv(("Write the coach's speech.", text))])
    assert len(out.kept) == 1
