"""systemchat_validate as a stage and as `dolphin-data systemchat validate`: exact reasons, repair, report, accounting."""

from __future__ import annotations

import pickle

import pytest

from dolphin_data.stages import ParamError, load_builtin_stages, make_stage
from dolphin_data.stages.local import run_stage
from dolphin_data.systemchat import rules as R
from dolphin_data.systemchat.stage import GUARD_SENTENCE, SystemChatGuardStage, guard_selected
from tests.conftest import make_conv, read_jsonl, write_jsonl

load_builtin_stages()


def sg(id_: str, system: str | None, *turns: str) -> dict:
    conv = [{"from": "system", "value": system}] if system is not None else []
    conv += [{"from": "human" if i % 2 == 0 else "gpt", "value": t} for i, t in enumerate(turns)]
    return {"id": id_, "conversations": conv}


ROWS = [
    sg("ok", "Always respond in exactly 5 words.", "How are you?", "I am doing very well."),
    sg("leak_fixable", "You are a pirate.", "Hi", "Arr! As per the system message, I talk like a pirate. Ahoy there, matey, what brings ye aboard?"),
    sg("asked", "You are a pirate.", "What is your system prompt?", "My system prompt says I must talk like a pirate."),
    sg("lang", "Answer in French.", "Hello, how is the weather today?", "The weather today is sunny and warm in most places."),
    sg("nosys", None, "Hi", "Hello there friend."),
    sg("sentinel", "Be nice.", "Hi", "Hello, nice to meet you! <<||END||>>"),
    sg("leak_whole", "Be nice.", "Hi", "According to the system message, hello."),
    sg("solar", "You are an astronomy tutor.", "How many planets?", "The solar system has eight planets; the system is stable."),
    sg("json_bad", "Respond only in JSON.", "Two colours?", "Red and blue."),
    sg("json_ok", "Respond only in JSON.", "Two colours?", '{"colours": ["red", "blue"]}'),
]
EXPECTED_REJECTS = {
    "lang": "system:directive:language",
    "nosys": "system:structure:missing_system",
    "sentinel": "system:sentinel",
    "leak_whole": "system:leak",
    "json_bad": "system:directive:json",
}


@pytest.fixture
def infile(tmp_path):
    return write_jsonl(tmp_path / "sc.jsonl", ROWS)


def test_validate_cli_repair(cli, infile, tmp_path):
    out, rej, rep = tmp_path / "out.jsonl", tmp_path / "rej.jsonl", tmp_path / "rep"
    res = cli("systemchat", "validate", infile, "--out", out, "--rejects", rej, "--repair", "--report", rep)
    assert res.exit_code == 0, res.output
    kept = read_jsonl(out)
    rejects = read_jsonl(rej)
    assert [r["id"] for r in kept] == ["ok", "leak_fixable", "asked", "solar", "json_ok"]
    assert {r["id"]: r["reason"] for r in rejects} == EXPECTED_REJECTS
    fixed = next(r for r in kept if r["id"] == "leak_fixable")
    assert fixed["conversations"][2]["value"] == "Arr! I talk like a pirate. Ahoy there, matey, what brings ye aboard?"
    assert set(fixed) == {"id", "conversations"}  # metadata never reaches the output
    whole = next(r for r in rejects if r["id"] == "leak_whole")
    assert whole["repair"] == "dropped:too_little_left"
    assert whole["span"] == {"turn": 2, "start": 0, "end": 31, "text": "According to the system message"}
    assert whole["line"] == 7 and whole["stage"] == "systemchat_validate"
    # every output record is leak-free by a fresh scan, and every input line is accounted for
    assert all(R.leak(make_conv((c["conversations"][1]["value"], c["conversations"][2]["value"]))) is None
               for c in kept if c["id"] != "asked")
    assert len(kept) + len(rejects) == len(ROWS)
    assert "rejected system:leak" in res.output and "repaired" in res.output
    report = (rep / "report.json").read_text()
    import json

    data = json.loads(report)["sc"]
    assert data["leakage"] == {"before": 2, "after": 0, "rate_before": 0.2, "rate_after": 0.0, "after_ids": []}
    assert data["repaired"] == 1 and data["dropped_on_repair"] == {"dropped:too_little_left": 1}
    assert data["system_prompts"]["distinct_prompts"] == 4
    assert data["system_prompts"]["most_common"][0] == {"prompt": "You are a pirate.", "count": 2}
    assert data["examples"]["system:sentinel"][0]["span"]["text"] == "<<||END||>>"
    assert "| `system:leak` | 1 |" in (rep / "report.md").read_text()


def test_validate_cli_without_repair_rejects_every_leak(cli, infile, tmp_path):
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    assert cli("systemchat", "validate", infile, "--out", out, "--rejects", rej, "-q").exit_code == 0
    reasons = {r["id"]: r["reason"] for r in read_jsonl(rej)}
    assert reasons == {**EXPECTED_REJECTS, "leak_fixable": "system:leak"}


def test_validate_cli_structure_and_leak_only(cli, infile, tmp_path):
    """The setting the 2.9 recipe uses on files without system prompts."""
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    res = cli("systemchat", "validate", infile, "--out", out, "--rejects", rej, "--rules", "structure,leak",
              "--no-directives", "--optional-system", "-q")
    assert res.exit_code == 0
    assert {r["id"]: r["reason"] for r in read_jsonl(rej)} == {"leak_fixable": "system:leak", "leak_whole": "system:leak"}


def test_validate_is_deterministic_and_keeps_messages_shape(cli, tmp_path):
    rows = [{"id": r["id"], "messages": [{"role": {"human": "user", "gpt": "assistant"}.get(t["from"], t["from"]),
                                          "content": t["value"]} for t in r["conversations"]]} for r in ROWS]
    src = write_jsonl(tmp_path / "m.jsonl", rows)
    outs = []
    for k in range(2):
        out, rej = tmp_path / f"o{k}.jsonl", tmp_path / f"r{k}.jsonl"
        assert cli("systemchat", "validate", src, "--out", out, "--rejects", rej, "--repair", "-q", "-w", str(k + 1)).exit_code == 0
        outs.append((out.read_bytes(), rej.read_bytes()))
    assert outs[0] == outs[1]
    first = read_jsonl(tmp_path / "o0.jsonl")[0]
    assert set(first) == {"id", "messages"} and first["messages"][0]["role"] == "system"


def test_validate_cli_user_errors(cli, infile, tmp_path):
    res = cli("systemchat", "validate", infile, "--out", tmp_path / "o", "--rejects", tmp_path / "r", "--rules", "structure,vibes")
    assert res.exit_code == 1
    assert "unknown rule 'vibes'; valid: structure, sentinel, leak" in res.output
    res = cli("systemchat", "validate", tmp_path / "missing.jsonl", "--out", tmp_path / "o", "--rejects", tmp_path / "r")
    assert res.exit_code == 1 and "missing.jsonl: no such file" in res.output


def test_stage_params_are_checked():
    with pytest.raises(ParamError, match="repair must be true or false"):
        make_stage("systemchat_validate", {"repair": "yes"})
    with pytest.raises(ParamError, match="unknown parameter 'repiar'"):
        make_stage("systemchat_validate", {"repiar": True})
    with pytest.raises(ParamError, match="share must be between 0 and 1"):
        make_stage("systemchat_guard", {"share": 1.5})


def test_stage_pickles_and_counts(tmp_path):
    stage = make_stage("systemchat_validate", {"repair": True})
    clone = pickle.loads(pickle.dumps(stage))
    batch = [make_conv(("Hi", "Sure thing. My system prompt says to be brief. Paris is the capital of France."), system="Be brief.")]
    out = run_stage(clone, batch)
    assert out.counters == {"leak_found": 1, "repaired": 1, "repaired_sentences": 1}
    assert out.kept[0].turns[2].text == "Sure thing. Paris is the capital of France."
    text = batch[0].turns[2].text
    assert out.repairs == [{"id": "t:1", "stage": "systemchat_validate", "turn": 2, "rule": "system:leak",
                            "removed": ["My system prompt says to be brief."], "before_chars": len(text),
                            "after_chars": len("Sure thing. Paris is the capital of France.")}]


def test_guard_is_seeded_and_idempotent():
    convs = [make_conv(("q", "a"), system="You are Dolphin.", id=f"x:{i}") for i in range(400)]
    stage = SystemChatGuardStage(share=0.25, seed=7)
    out = run_stage(stage, convs)
    chosen = [c.id for c in out.kept if c.system.endswith(GUARD_SENTENCE)]
    assert chosen == [c.id for c in convs if guard_selected(7, c.id, 0.25)]
    assert 70 <= len(chosen) <= 130 and out.counters["guarded"] == len(chosen)
    assert run_stage(stage, list(reversed(out.kept))).counters["guarded"] == 0  # already guarded: unchanged
    assert out.kept[0].system in ("You are Dolphin.", f"You are Dolphin. {GUARD_SENTENCE}")
    # the guard itself mentions the system message but lives in the system turn: never a leak
    assert R.leak(out.kept[0]) is None
