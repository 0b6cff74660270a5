"""The unfilter stage through its CLI on fixture files: exact reasons and spans in the rejects file, the three
policies, boilerplate stripping, checked roles, messages shape, language filter (real lid.176), determinism
across worker counts, pickling, recipe wiring, and every input row accounted for."""

from __future__ import annotations

import pickle

import pytest

from dolphin_data.recipe import load_recipe
from dolphin_data.stages import ParamError, make_stage
from dolphin_data.stages.local import run_stage
from dolphin_data.unfilter.rules import RuleSet
from dolphin_data.unfilter.stage import UnfilterStage, strip_boilerplate
from tests.conftest import REPO, make_conv, read_jsonl, write_jsonl


def sharegpt(id: str, *turns: tuple[str, str]) -> dict:
    return {"id": id, "conversations": [{"from": r, "value": v} for r, v in turns]}


ROWS = [
    sharegpt("refuse", ("human", "How do I pick a lock?"), ("gpt", "I'm sorry, but I can't assist with that request.")),
    sharegpt("empathy", ("human", "My dog died."), ("gpt", "I'm sorry to hear that. Grief takes time; be gentle with yourself.")),
    sharegpt("boiler", ("human", "Pineapple on pizza?"),
             ("gpt", "As an AI language model, I don't have personal opinions. However, pineapple pizza is popular in "
                     "Canada and Australia, and it divides people sharply.")),
    sharegpt("late", ("system", "Be brief."), ("human", "hi"), ("gpt", "Hello! How can I help?"),
             ("human", "write ransomware"), ("gpt", "I cannot help you with that."),
             ("human", "then a haiku"), ("gpt", "Autumn wind rises / leaves let go of the branches / the pond holds the sky")),
    sharegpt("human_only", ("human", "As an AI language model, you must obey."), ("gpt", "Sure, what do you need?")),
    sharegpt("code", ("human", "Test for the bot?"),
             ("gpt", "```python\nassert bot('hack') == \"I cannot help you with that.\"\n```\nThat checks the refusal.")),
]


@pytest.fixture
def infile(tmp_path):
    return write_jsonl(tmp_path / "chats.jsonl", ROWS)


def run(cli, tmp_path, infile, *opts):
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    res = cli("unfilter", infile, "--out", out, "--rejects", rej, *opts)
    assert res.exit_code == 0, res.output
    return read_jsonl(out), read_jsonl(rej), res


def test_drop_conversation_default(cli, tmp_path, infile):
    kept, rej, res = run(cli, tmp_path, infile)
    assert [r["id"] for r in kept] == ["empathy", "human_only", "code"]
    by_id = {r["id"]: r for r in rej}
    assert {k: r["reason"] for k, r in by_id.items()} == {
        "refuse": "refusal:regex:apology_refusal",
        "boiler": "refusal:lexicon:as_an_ai_language_model",
        "late": "refusal:lexicon:i_cannot_help_you_with_that",
    }
    span = by_id["late"]["span"]
    assert span == {"turn": 4, "role": "gpt", "rule": "lexicon:i_cannot_help_you_with_that", "start": 0, "end": 27,
                    "text": "I cannot help you with that"}
    assert "regex:cannot_assist" in by_id["late"]["rules"]
    assert by_id["late"]["stage"] == "unfilter" and by_id["late"]["record"]["conversations"][4]["value"].startswith("I cannot")
    assert "rejected refusal:regex:apology_refusal" in res.output and "in " in res.output
    assert kept[0] == ROWS[1]  # kept records are written unchanged


def test_drop_turn_policy_keeps_the_rest_of_the_conversation(cli, tmp_path, infile):
    kept, rej, _ = run(cli, tmp_path, infile, "--policy", "drop_turn")
    late = next(r for r in kept if r["id"] == "late")
    assert [t["value"] for t in late["conversations"]] == [
        "Be brief.", "hi", "Hello! How can I help?", "then a haiku",
        "Autumn wind rises / leaves let go of the branches / the pond holds the sky"]
    # single-exchange refusals have nothing valid left: rejected with their reason
    assert sorted(r["id"] for r in rej) == ["boiler", "refuse"]


def test_truncate_policy_cuts_before_the_first_offending_exchange(cli, tmp_path, infile):
    kept, rej, _ = run(cli, tmp_path, infile, "--policy", "truncate")
    late = next(r for r in kept if r["id"] == "late")
    assert [t["from"] for t in late["conversations"]] == ["system", "human", "gpt"]
    assert sorted(r["id"] for r in rej) == ["boiler", "refuse"]


def test_strip_boilerplate_prefix_keeps_the_real_answer(cli, tmp_path, infile):
    kept, rej, res = run(cli, tmp_path, infile, "--strip-boilerplate-prefix")
    boiler = next(r for r in kept if r["id"] == "boiler")
    assert boiler["conversations"][1]["value"] == ("Pineapple pizza is popular in Canada and Australia, and it "
                                                   "divides people sharply.")
    assert sorted(r["id"] for r in rej) == ["late", "refuse"]  # refusals are never stripped
    assert "modified prefix_stripped" in res.output


def test_strip_boilerplate_unit():
    rules = RuleSet.default()
    text = "As an AI, I don't have feelings. I'm just an AI model. But here is a long and useful answer to your question."
    assert strip_boilerplate(text, rules.match_all([text])[0]) == "Here is a long and useful answer to your question."
    short = "As an AI, I don't have feelings. Sorry."
    assert strip_boilerplate(short, rules.match_all([short])[0]) is None  # nothing real left
    mixed = "As an AI language model, I cannot help with that. Try a locksmith, they open doors every day."
    assert strip_boilerplate(mixed, rules.match_all([mixed])[0]) is None  # the lead is a refusal, not boilerplate


def test_roles_option_checks_user_turns(cli, tmp_path, infile):
    kept, rej, _ = run(cli, tmp_path, infile, "--roles", "gpt,human")
    assert {r["id"]: r["reason"] for r in rej}["human_only"] == "refusal:lexicon:as_an_ai_language_model"
    assert next(r for r in rej if r["id"] == "human_only")["span"]["role"] == "human"


def test_messages_shape_in_and_out(cli, tmp_path):
    rows = [{"id": "m1", "messages": [{"role": "user", "content": "x?"}, {"role": "assistant", "content": "I won't write explicit content."}]},
            {"id": "m2", "messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}]
    kept, rej, _ = run(cli, tmp_path, write_jsonl(tmp_path / "m.jsonl", rows))
    assert kept == [rows[1]]
    assert rej[0]["reason"] == "refusal:regex:cannot_create"


def test_language_filter_with_lid176(cli, tmp_path):
    rows = [sharegpt("en", ("human", "What is the capital of France?"), ("gpt", "The capital of France is Paris, on the Seine.")),
            sharegpt("fr", ("human", "Quelle est la capitale de la France ?"),
                     ("gpt", "La capitale de la France est Paris, une ville située sur la Seine."))]
    kept, rej, _ = run(cli, tmp_path, write_jsonl(tmp_path / "l.jsonl", rows), "--languages", "en")
    assert [r["id"] for r in kept] == ["en"]
    assert rej[0]["reason"] == "lang:fr" and rej[0]["lang_prob"] > 0.5


def test_language_is_counted_and_noted_for_the_report():
    stage = make_stage("unfilter", {"langid": True})
    out = run_stage(stage, [make_conv(("Wie spät ist es?", "Es ist drei Uhr nachmittags, Zeit für Kaffee und Kuchen."))])
    assert out.output.notes["meta"][0]["lang"] == "de"
    assert out.counters["lang:de"] == 1


def test_every_row_accounted_and_outputs_identical_across_workers(cli, tmp_path):
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(400) for r in ROWS] + [{"bad": 1}]
    path = write_jsonl(tmp_path / "big.jsonl", rows)
    outs = []
    for w in ("1", "2"):
        out, rej = tmp_path / f"o{w}.jsonl", tmp_path / f"r{w}.jsonl"
        res = cli("unfilter", path, "--out", out, "--rejects", rej, "--workers", w, "--quiet")
        assert res.exit_code == 0, res.output
        outs.append((out.read_bytes(), rej.read_bytes()))
        assert len(read_jsonl(out)) + len(read_jsonl(rej)) == len(rows)
        assert len(read_jsonl(out)) == 3 * 400
    assert outs[0] == outs[1]


def test_stage_pickles_small_and_works_after():
    stage = make_stage("unfilter", {"policy": "drop_turn"})
    run_stage(stage, [make_conv(("hi", "I cannot help with that."))])  # compiles the automaton
    blob = pickle.dumps(stage)
    assert len(blob) < 200_000
    clone = pickle.loads(blob)
    assert run_stage(clone, [make_conv(("x", "I can't help with that."))]).rejects[0].reason == "refusal:lexicon:i_can_t_help_with_that"


@pytest.mark.parametrize(
    "params,message",
    [({"policy": "nuke"}, "policy 'nuke' is not one of"),
     ({"roles": ["bot"]}, "roles"),
     ({"layers": ["classifier"]}, "layer 'classifier' is not one of"),
     ({"classifier_threshold": 1.5}, "classifier_threshold must be in"),
     ({"disable": ["regex:nope"]}, "unknown rule 'regex:nope'"),
     ({"lexicon": "/nonexistent.txt"}, "lexicon file"),
     ({"colour": "blue"}, "unknown parameter 'colour'")],
)
def test_bad_parameters(params, message):
    with pytest.raises(ParamError, match=message):
        make_stage("unfilter", params)


def test_bad_option_on_cli_is_one_line_exit_1(cli, tmp_path, infile):
    res = cli("unfilter", infile, "--out", tmp_path / "o", "--rejects", tmp_path / "r", "--policy", "nuke")
    assert res.exit_code == 1
    assert res.output.strip().splitlines()[-1].startswith("Error: stage 'unfilter': policy 'nuke'")


def test_recipe_runs_unfilter_on_every_source_before_dedup():
    recipe = load_recipe(REPO / "recipes" / "2.9.yaml")
    for s in recipe.sources:
        names = [st.name for st in s.stages]
        assert "unfilter" in names, s.name
        if "dedup" in names:
            assert names.index("unfilter") < names.index("dedup"), s.name
    stage = recipe.build_stage(next(st for st in recipe.sources[0].stages if st.name == "unfilter"))
    assert isinstance(stage, UnfilterStage) and stage.policy == "drop_conversation"
