"""decontaminate as a stage and as commands (`decontaminate`, `decontam index`, `decontam info`): exact reasons,
evidence, reports, pickling, worker-count independence, the bundled HumanEval index, and raw/ staying clean."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

from dolphin_data.decontam.report import DecontamSummary
from dolphin_data.decontam.sources import BUNDLED, bundled_file, bundled_items, read_benchmark
from dolphin_data.decontam.stage import DecontaminateStage
from dolphin_data.errors import UserError
from dolphin_data.stages import ParamError, make_stage
from dolphin_data.stages.local import run_stage
from tests.conftest import REPO, make_conv, read_jsonl, write_jsonl

HE0 = bundled_items()[0][0]  # HumanEval/0, has_close_elements


def test_bundled_humaneval_is_the_verified_wheel_file():
    spec = BUNDLED["humaneval"]
    with gzip.open(bundled_file(spec), "rt") as fh:
        lines = fh.read().splitlines()
    assert len(lines) == 164 == spec.items
    items, meta = bundled_items()
    assert [i.id for i in items[:2]] == ["HumanEval/0", "HumanEval/1"] and len(items) == 164
    assert "def has_close_elements(numbers: List[float], threshold: float) -> bool:" in HE0.question
    assert meta["humaneval"]["license"].startswith("MIT")


def test_stage_rejects_with_evidence_and_keeps_the_rest():
    stage = make_stage("decontaminate")
    leaked = make_conv(("Solve this please:\n" + HE0.question, "Sure, here it is:" + HE0.answer), id="leak")
    clean = make_conv(("What is a closure in Python?", "A function that remembers its enclosing scope."), id="ok")
    answer_only = make_conv(("Write any code.", HE0.answer), id="ans")
    out = run_stage(stage, [leaked, clean, answer_only])
    assert [c.id for c in out.kept] == ["ok", "ans"]
    (rej,) = out.rejects
    assert rej.reason == "contam:humaneval" and rej.stage == "decontaminate"
    ex = dict(rej.extra)
    assert (ex["benchmark"], ex["item"], ex["overlap"], ex["question_overlap"], ex["matched_items"]) == (
        "humaneval",
        "HumanEval/0",
        1.0,
        1.0,
        1,
    )
    assert ex["span"]["turn"] == 0 and ex["span"]["start"] == len("Solve this please:\n")
    assert ex["span"]["text"] == HE0.question[: ex["span"]["end"] - ex["span"]["start"]]
    assert HE0.question[len(ex["span"]["text"]) :].strip() == '"""'  # everything up to the closing quotes


def test_question_answer_mode_and_threshold():
    q_only = make_conv(("Solve this please:\n" + HE0.question, "I would rather explain it in words."), id="q")
    both = make_conv((HE0.question, HE0.answer), id="qa")
    out = run_stage(make_stage("decontaminate", {"mode": "question_answer", "threshold": 0.9}), [q_only, both])
    assert [c.id for c in out.kept] == ["q"] and [r.id for r in out.rejects] == ["qa"]
    assert out.counters["contam:partial"] == 1


def test_params_are_checked_at_construction(tmp_path):
    for params, msg in [
        ({"threshold": 0}, "threshold"),
        ({"mode": "answer"}, "mode"),
        ({"roles": ["bot"]}, "roles"),
        ({"benchmarks": ["gsm8k"]}, "not in"),
        ({"index": str(tmp_path / "x.dcx")}, "no such index"),
        ({"unit": "token"}, "unit"),
    ]:
        with pytest.raises(ParamError, match=msg):
            make_stage("decontaminate", params)


def test_pickled_stage_carries_no_arrays_and_matches_the_same(tmp_path):
    stage = make_stage("decontaminate")
    assert isinstance(stage, DecontaminateStage)
    batch = [make_conv((HE0.question, "ok"), id="a"), make_conv(("hi", "hello"), id="b")]
    before = run_stage(stage, batch)
    blob = pickle.dumps(stage)
    assert len(blob) < 1000  # parameters and the index path only, not the memory-mapped arrays
    after = run_stage(pickle.loads(blob), batch)
    assert [r.to_json() for r in after.rejects] == [r.to_json() for r in before.rejects]


def test_summary_merge_is_order_independent_and_bounded(tmp_path):
    stage = make_stage("decontaminate", {"report_samples": 2})
    convs = [make_conv((it.question, "x"), id=f"r{k}") for k, it in enumerate(bundled_items()[0][:6])]
    outs = [run_stage(stage, convs[:3]), run_stage(stage, convs[3:])]
    a, b = outs[0].summary, outs[1].summary
    a, b = pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(b))  # built in workers, merged in the driver
    ab, ba = DecontamSummary(2), DecontamSummary(2)
    ab.merge(a)
    ab.merge(b)
    ba.merge(b)
    ba.merge(a)
    one = run_stage(stage, convs).summary
    rep_ab = stage.report(tmp_path / "ab", {"s": ab})
    rep_ba = stage.report(tmp_path / "ba", {"s": ba})
    stage.report(tmp_path / "one", {"s": one})
    assert rep_ab == rep_ba and rep_ab["rejected_by_benchmark"] == {"humaneval": 6}
    for d in ("ba", "one"):
        assert (tmp_path / d / "report.json").read_bytes() == (tmp_path / "ab" / "report.json").read_bytes()
    rep = json.loads((tmp_path / "ab" / "report.json").read_text())
    assert len(rep["examples"]["humaneval"]) == 2 and len(rep["top_items"]) == 6
    assert "HumanEval/0" in (tmp_path / "ab" / "report.md").read_text()


def test_raw_samples_have_no_false_positive(tmp_path):
    from bench.decontam_data import hosts

    convs = hosts()
    out = run_stage(make_stage("decontaminate"), convs)
    assert len(convs) == 837 and out.rejects == [] and out.counters["contam:partial"] == 0


BENCH_ROWS = [
    {
        "qid": "m1",
        "question": "Which planet in our solar system has the largest number of confirmed moons as of the year 2023?",
        "choices": ["Jupiter", "Saturn", "Uranus", "Neptune"],
        "answer": "Saturn",
    },
    {
        "qid": "m2",
        "question": "A train leaves the station at nine in the morning and travels at sixty miles per hour for three hours.",
        "choices": ["120", "180", "200", "240"],
        "answer": "180",
    },
    {"qid": "m3", "question": "", "choices": [], "answer": ""},
]


def test_cli_index_and_decontaminate_on_files(cli, tmp_path):
    bench = write_jsonl(tmp_path / "quiz.jsonl", BENCH_ROWS)
    (tmp_path / "quiz2.csv").write_text(
        "id,prompt\nc1,Name the chemical element whose symbol is Au and explain "
        "where the two letters of that symbol come from in Latin\n"
    )
    r = cli(
        "decontam",
        "index",
        bench,
        tmp_path / "quiz2.csv",
        "--question",
        "question,choices",
        "--id",
        "qid",
        "--out",
        tmp_path / "q.dcx",
        "--benchmark",
        "quiz",
        "--license",
        "CC0",
    )
    assert r.exit_code == 1 and "quiz2.csv:2: no field 'question' (fields: id, prompt)" in r.output
    assert (
        cli(
            "decontam",
            "index",
            bench,
            "--question",
            "question,choices",
            "--id",
            "qid",
            "--answer",
            "answer",
            "--out",
            tmp_path / "q.dcx",
            "--benchmark",
            "quiz",
            "--bundled",
            "--license",
            "CC0",
        ).exit_code
        == 0
    )
    info = cli("decontam", "info", tmp_path / "q.dcx")
    assert "quiz items (indexed / too short)" in info.output and "2 (2 / 0)" in info.output
    assert "humaneval" in info.output
    rows = [
        {
            "id": "a",
            "conversations": [
                {"from": "human", "value": "Quiz time! " + BENCH_ROWS[1]["question"]},
                {"from": "gpt", "value": "180 miles."},
            ],
        },
        {
            "id": "b",
            "conversations": [
                {"from": "human", "value": "Tell me about Saturn."},
                {"from": "gpt", "value": "Saturn has rings."},
            ],
        },
        {"id": "c", "conversations": [{"from": "human", "value": HE0.question}, {"from": "gpt", "value": "ok"}]},
        {"id": "d", "conversations": [{"from": "gpt", "value": "first turn is gpt"}]},
    ]
    data = write_jsonl(tmp_path / "chats.jsonl", rows)
    outs = {}
    for w in ("1", "2"):
        args = [
            "decontaminate",
            data,
            "--index",
            tmp_path / "q.dcx",
            "--out",
            tmp_path / f"out{w}.jsonl",
            "--rejects",
            tmp_path / f"rej{w}.jsonl",
            "--report",
            tmp_path / f"rep{w}",
            "--workers",
            w,
        ]
        assert cli(*args).exit_code == 0
        outs[w] = [(tmp_path / f).read_bytes() for f in (f"out{w}.jsonl", f"rej{w}.jsonl", f"rep{w}/report.json")]
    assert outs["1"] == outs["2"]
    assert [r["id"] for r in read_jsonl(tmp_path / "out1.jsonl")] == ["b"]
    rej = {r["id"]: r for r in read_jsonl(tmp_path / "rej1.jsonl")}
    assert {k: v["reason"] for k, v in rej.items()} == {
        "a": "contam:quiz",
        "c": "contam:humaneval",
        "d": "schema:too_few_turns",
    }
    assert rej["a"]["item"] == "m2" and rej["a"]["span"]["start"] == len("Quiz time! ")
    assert rej["a"]["line"] == 1
    md = (tmp_path / "rep1" / "report.md").read_text()
    assert "| quiz | 2 | 2 | CC0 | 1 |" in md and "A train leaves the station" in md


def test_read_benchmark_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "fine question with enough words to count for this"}\n{"question": \n')
    with pytest.raises(UserError, match=r"bad.jsonl:2: schema:invalid_json"):
        read_benchmark(bad)
    with pytest.raises(UserError, match="unsupported benchmark file"):
        read_benchmark(tmp_path / "x.xlsx")
    items, meta = read_benchmark(write_jsonl(tmp_path / "ok.jsonl", BENCH_ROWS), question="question")
    assert [i.id for i in items] == ["ok:1", "ok:2"] and meta["empty_skipped"] == 1


def test_2_9_recipe_does_not_decontaminate():
    assert "decontaminate" not in (REPO / "recipes" / "2.9.yaml").read_text()


def test_recipe_build_with_decontaminate_reports_in_manifest_and_rejects(tmp_path):
    from dolphin_data.engine.run import build_recipe as run_build
    from dolphin_data.recipe import load_recipe

    raw = tmp_path / "raw" / "hermes"
    raw.mkdir(parents=True)
    rows = [
        {
            "conversations": [
                {"from": "human", "value": f"Question number {i}?"},
                {"from": "gpt", "value": f"Answer {i}."},
            ]
        }
        for i in range(4)
    ]
    rows.insert(
        2,
        {
            "conversations": [
                {"from": "human", "value": "Finish this:\n" + HE0.question},
                {"from": "gpt", "value": HE0.answer},
            ]
        },
    )
    (raw / "hermes.json").write_text(json.dumps(rows))
    recipe = tmp_path / "r.yaml"
    recipe.write_text(f"""name: mini
output: {{dir: {tmp_path / "out"}}}
stage_params:
  decontaminate: {{index: bundled, threshold: 0.5}}
sources:
  - name: hermes
    output: hermes.jsonl
    converter: openhermes
    upstream: {{repo: org/hermes, files: [hermes.json]}}
    stages: [decontaminate]
""")
    manifest = run_build(load_recipe(recipe), raw_dir=tmp_path / "raw", workers=1)
    assert manifest["totals"] == {"rows_read": 5, "records_written": 4, "rows_rejected": 1}
    (rej,) = read_jsonl(tmp_path / "out" / "rejects" / "decontaminate.jsonl")
    assert (rej["id"], rej["reason"], rej["item"], rej["overlap"]) == (
        "hermes:3",
        "contam:humaneval",
        "HumanEval/0",
        1.0,
    )
    summary = manifest["reports"]["decontaminate"]
    assert (summary["records"], summary["rejected_by_benchmark"], summary["index"]) == (5, {"humaneval": 1}, "bundled")
    assert "HumanEval/0" in (tmp_path / "out" / "reports" / "decontaminate" / "report.md").read_text()
