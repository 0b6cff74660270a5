"""systemchat_validate as a stage and as `dolphin-data systemchat validate`: exact reasons, repair, report, accounting."""

from __future__ import annotations

import pickle

import orjson
import pytest

from dolphin_data.stages import ParamError, load_builtin_stages, make_stage
from dolphin_data.stages.local import as_batch, run_stage
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
    sg(
        "leak_fixable",
        "You are a pirate.",
        "Hi",
        "Arr! As per the system message, I talk like a pirate. Ahoy there, matey, what brings ye aboard?",
    ),
    sg("asked", "You are a pirate.", "What is your system prompt?", "My system prompt says I must talk like a pirate."),
    sg(
        "lang",
        "Answer in French.",
        "Hello, how is the weather today?",
        "The weather today is sunny and warm in most places.",
    ),
    sg("nosys", None, "Hi", "Hello there friend."),
    sg("sentinel", "Be nice.", "Hi", "Hello, nice to meet you! <<||END||>>"),
    sg("leak_whole", "Be nice.", "Hi", "According to the system message, hello."),
    sg(
        "solar",
        "You are an astronomy tutor.",
        "How many planets?",
        "The solar system has eight planets; the system is stable.",
    ),
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
    assert all(
        R.leak(make_conv((c["conversations"][1]["value"], c["conversations"][2]["value"]))) is None
        for c in kept
        if c["id"] != "asked"
    )
    assert len(kept) + len(rejects) == len(ROWS)
    assert "rejected system:leak" in res.output and "repaired" in res.output
    report = (rep / "report.json").read_text()
    import json

    data = json.loads(report)["sc"]
    assert data["leakage"] == {"checked": True, "before": 2, "after": 0, "rate_before": 0.2, "rate_after": 0.0}
    assert data["repaired"] == 1 and data["dropped_on_repair"] == {"dropped:too_little_left": 1}
    assert data["system_prompts"]["distinct_prompts"] == 4
    assert data["system_prompts"]["most_common"][0] == {"prompt": "You are a pirate.", "count": 2}
    assert data["examples"]["system:sentinel"][0]["span"]["text"] == "<<||END||>>"
    assert data["repair_examples"] == [
        {
            "id": "leak_fixable",
            "repairs": [{"turn": 2, "removed": ["As per the system message,"], "before_chars": 95, "after_chars": 68}],
        }
    ]
    assert data["examples"]["system:leak"][0]["pattern"] == "det_system"
    assert "| `system:leak` | 1 |" in (rep / "report.md").read_text()


def test_validate_cli_without_repair_rejects_every_leak(cli, infile, tmp_path):
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    assert cli("systemchat", "validate", infile, "--out", out, "--rejects", rej, "-q").exit_code == 0
    reasons = {r["id"]: r["reason"] for r in read_jsonl(rej)}
    assert reasons == {**EXPECTED_REJECTS, "leak_fixable": "system:leak"}


def test_validate_cli_structure_and_leak_only(cli, infile, tmp_path):
    """The setting the 2.9 recipe uses on files without system prompts."""
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    res = cli(
        "systemchat",
        "validate",
        infile,
        "--out",
        out,
        "--rejects",
        rej,
        "--rules",
        "structure,leak",
        "--no-directives",
        "--optional-system",
        "-q",
    )
    assert res.exit_code == 0
    assert {r["id"]: r["reason"] for r in read_jsonl(rej)} == {
        "leak_fixable": "system:leak",
        "leak_whole": "system:leak",
    }


def test_validate_is_deterministic_and_keeps_messages_shape(cli, tmp_path):
    rows = [
        {
            "id": r["id"],
            "messages": [
                {"role": {"human": "user", "gpt": "assistant"}.get(t["from"], t["from"]), "content": t["value"]}
                for t in r["conversations"]
            ],
        }
        for r in ROWS
    ]
    src = write_jsonl(tmp_path / "m.jsonl", rows)
    outs = []
    for k in range(2):
        out, rej = tmp_path / f"o{k}.jsonl", tmp_path / f"r{k}.jsonl"
        assert (
            cli(
                "systemchat", "validate", src, "--out", out, "--rejects", rej, "--repair", "-q", "-w", str(k + 1)
            ).exit_code
            == 0
        )
        outs.append((out.read_bytes(), rej.read_bytes()))
    assert outs[0] == outs[1]
    first = read_jsonl(tmp_path / "o0.jsonl")[0]
    assert set(first) == {"id", "messages"} and first["messages"][0]["role"] == "system"


def test_validate_cli_user_errors(cli, infile, tmp_path):
    res = cli(
        "systemchat",
        "validate",
        infile,
        "--out",
        tmp_path / "o",
        "--rejects",
        tmp_path / "r",
        "--rules",
        "structure,vibes",
    )
    assert res.exit_code == 1
    assert "unknown rule 'vibes'; valid: structure, sentinel, leak" in res.output
    res = cli(
        "systemchat", "validate", tmp_path / "missing.jsonl", "--out", tmp_path / "o", "--rejects", tmp_path / "r"
    )
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
    batch = [
        make_conv(
            ("Hi", "Sure thing. My system prompt says to be brief. Paris is the capital of France."), system="Be brief."
        )
    ]
    out = run_stage(clone, batch)
    assert out.counters == {"leak_found": 1, "repaired": 1, "repaired_sentences": 1}
    assert out.kept[0].turns[2].text == "Sure thing. Paris is the capital of France."
    assert out.kept[0].metadata == {}  # nothing travels in metadata: the repair is in out.repairs
    assert out.repairs == [
        {
            "id": "t:1",
            "stage": "systemchat_validate",
            "turn": 2,
            "rule": "system:leak",
            "removed": ["My system prompt says to be brief."],
            "before_chars": 78,
            "after_chars": 43,
        }
    ]


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


# -- the report's summary: built from the stage output, bounded, mergeable ---------------------------------


def _outputs(n_batches: int = 4):
    import random

    rng = random.Random(3)
    stage = make_stage("systemchat_validate", {"repair": True})
    prompts = ["You are a pirate.", "Be brief.", "Answer in exactly 5 words.", "Respond only in JSON."]
    replies = [
        "Sure thing. My system prompt says to be brief. Paris is the capital of France.",
        "According to the system message, yes.",
        "I am doing very well today.",
        "Hello <<||END||>>",
        '{"a": 1}',
        "The solar system has eight planets; the system is stable.",
    ]
    batches = []
    for b in range(n_batches):
        batch = [
            make_conv(("Hi", rng.choice(replies)), system=rng.choice(prompts) + " " * rng.randrange(3), id=f"x:{b}:{i}")
            for i in range(40)
        ]
        b = as_batch("s", batch)
        batches.append((b, stage.process(b)))
    return stage, batches


def test_summary_merged_from_shards_equals_one_pass(tmp_path):
    from dolphin_data.systemchat.report import SystemChatSummary

    stage, outs = _outputs()
    whole = SystemChatSummary()
    for o in outs:
        whole.add(*o)
    shards = []
    for part in (outs[:1], outs[1:3], outs[3:]):
        acc = SystemChatSummary()
        for o in part:
            acc.add(*o)
        shards.append(pickle.loads(pickle.dumps(acc)))  # built in a worker, shipped to the driver
    merged = shards[0]
    for other in shards[1:]:
        merged.merge(other)
    a = stage.report(tmp_path / "a", {"s": whole})
    b = stage.report(tmp_path / "b", {"s": merged})
    assert (tmp_path / "a" / "report.json").read_bytes() == (tmp_path / "b" / "report.json").read_bytes()
    assert a["sources"]["s"] == b["sources"]["s"]
    rep = orjson.loads((tmp_path / "a" / "report.json").read_bytes())["s"]
    assert rep["in"] == 160 and rep["repaired"] == sum(o.counters["repaired"] for _, o in outs) > 0
    kept_prompts = [c.system for b, o in outs for c in o.kept_conversations(b)]
    assert rep["system_prompts"]["distinct_prompts"] == len(set(kept_prompts)) > 4
    assert rep["system_prompts"]["with_system_prompt"] == len(kept_prompts) and rep["system_prompts"]["distinct_exact"]


def test_report_never_runs_a_rule(tmp_path, monkeypatch):
    from dolphin_data.systemchat import directives, leak, report

    stage, outs = _outputs(2)

    def boom(*_a, **_k):
        raise AssertionError("the report ran a rule")

    for module, names in ((leak, ("leak_hits", "text_leaks", "references")), (directives, ("check_directives_batch",))):
        for name in names:
            monkeypatch.setattr(module, name, boom)
    acc = report.SystemChatSummary()
    for o in outs:
        acc.add(*o)
    summary = stage.report(tmp_path, {"s": acc})
    assert summary["sources"]["s"]["leak_before"] == sum(o.counters["leak_found"] for _, o in outs) > 0


def test_prompt_stats_are_bounded_and_lengths_stay_exact(monkeypatch):
    import numpy as np

    from dolphin_data.systemchat import report

    monkeypatch.setattr(report, "MAX_PROMPTS", 5)
    stats = report.PromptStats()
    prompts = [f"prompt number {i % 9} " + "x" * (i % 7) for i in range(200)]
    stats.add_prompts(prompts)
    assert len(stats.counts) == 5 and not stats.exact and stats.untracked > 0
    out = stats.stats(200)
    lengths = np.array([len(p) for p in prompts])
    lc = out["length_chars"]
    assert (lc["min"], lc["max"], lc["mean"]) == (lengths.min(), lengths.max(), round(float(lengths.mean()), 1))
    for q in (10, 50, 90, 99):
        assert lc[f"p{q}"] == float(np.percentile(lengths, q))
    assert sum(lc["histogram"].values()) == 200 and out["distinct_exact"] is False
