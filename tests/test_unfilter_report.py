"""Unfilter reports: report.json numbers, the mergeable bounded summary, the HTML inspection page driven in headless
Chromium (filters, search, paging, "N shown of M", repairs as a diff, no external assets, escaped text), its size for
100k rejects, and the terminal view through ``dolphin-data report DIR``."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
from dataclasses import replace

import orjson
import pytest

from dolphin_data.stages import StageOutput, make_stage
from dolphin_data.stages.local import as_batch, run_stage
from dolphin_data.unfilter.classifier import ASSETS
from dolphin_data.unfilter.report_html import render_html
from dolphin_data.unfilter.summary import UnfilterSummary
from tests.conftest import make_conv, write_jsonl


def sharegpt(id: str, human: str, gpt: str) -> dict:
    return {"id": id, "conversations": [{"from": "human", "value": human}, {"from": "gpt", "value": gpt}]}


ROWS = [
    sharegpt(f"r{i}", "pick a lock", f"I'm sorry, but I can't assist with that request (case {i}).") for i in range(60)
] + [
    sharegpt("x1", "malware?", "I'm sorry, but I can't help with creating ransomware <script>alert(1)</script>."),
    sharegpt(
        "b1",
        "opinion?",
        "As an AI language model, I don't have opinions. However, pizza with pineapple is popular in Canada.",
    ),
    sharegpt("q1", "bot test?", '```python\nassert bot() == "I cannot help with that."\n```\nThat checks it.'),
    sharegpt("k1", "2+2?", "2 + 2 = 4."),
    sharegpt("k2", "dog died", "I'm sorry to hear that. Be gentle with yourself."),
]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    from typer.testing import CliRunner

    from dolphin_data.cli import app

    tmp = tmp_path_factory.mktemp("rep")
    src = write_jsonl(tmp / "chats.jsonl", ROWS)
    res = CliRunner().invoke(
        app,
        [
            "unfilter",
            str(src),
            "--out",
            str(tmp / "o.jsonl"),
            "--rejects",
            str(tmp / "r.jsonl"),
            "--report",
            str(tmp / "report"),
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    return tmp / "report"


def test_report_json_counts(report_dir):
    rep = orjson.loads((report_dir / "report.json").read_bytes())
    assert rep["stage"] == "unfilter" and rep["params"]["policy"] == "repair"
    t = rep["totals"]
    assert (t["in"], t["kept"], t["dropped_refusal"], t["repaired"]) == (65, 4, 61, 1)
    rules = {r["rule"]: r for r in rep["rules"]}
    assert rules["regex:apology_refusal"]["rejected"] == 61 and rules["regex:apology_refusal"]["conversations"] == 61
    assert rules["regex:as_an_ai"]["repaired"] == 1 and rules["regex:as_an_ai"]["rejected"] == 0
    measured = orjson.loads((ASSETS / "refusal_rule_precision.json").read_bytes())  # written by make bench
    assert rules["regex:apology_refusal"]["dev_precision"] == measured["regex:apology_refusal"]["precision"] > 0.99
    assert rep["classifier"]["threshold"] == 0.5 and rep["classifier"]["model"] == "default"
    src = rep["sources"][0]
    assert src["rejects_total"] == 61 and len(src["rejects"]) == 50  # report.json keeps the first 50
    assert src["rejects"][0]["match"] == "I'm sorry, but I can't assist"
    assert src["repairs"][0]["removed"] == "As an AI language model, I don't have opinions."
    # the refusal quoted in code: two rules match it there (cannot_assist, decline_any), both ignored
    assert src["ignored"][0]["id"] == "q1" and src["ignored_total"] == 2
    assert {i["rule"] for i in src["ignored"]} == {"regex:cannot_assist", "regex:decline_any"}
    full = orjson.loads((report_dir / "sources" / "chats.json").read_bytes())
    assert len(full["rejects"]) == 61


def test_summary_merges_to_the_same_data_and_pickles():
    stage = make_stage("unfilter", {"langid": False})
    convs = [make_conv(("q", r["conversations"][1]["value"]), id=r["id"]) for r in ROWS]
    whole = run_stage(stage, convs).summary
    a, b = run_stage(stage, convs[:30]).summary, run_stage(stage, convs[30:]).summary
    a.merge(pickle.loads(pickle.dumps(b)))  # built in a worker, merged in the driver
    assert a.to_data("s") == whole.to_data("s")
    capped = UnfilterSummary(max_items=10)
    capped.add(as_batch("s", convs), run_stage(stage, convs).output)
    data = capped.to_data("s")
    assert len(data["rejects"]) == 10 and data["rejects_total"] == 61  # bounded; the total stays exact


def test_html_for_100k_rejects_is_under_20_mb():

    s = UnfilterSummary(max_items=100_000)
    text = (
        "Thanks for asking about this topic in detail. " * 3 + "I'm sorry, but I can't assist with that request "
        "because it could be used to harm other people, and my guidelines do not allow it. " * 2
    )
    span = {"turn": 1, "role": "gpt", "rule": "regex:apology_refusal", "start": 138, "end": 167, "text": "x"}
    convs = [make_conv(("Question?", text), id=f"openhermes:{i}", source="openhermes") for i in range(1000)]
    out = StageOutput()
    for i in range(len(convs)):
        out.drop(
            i,
            "refusal:regex:apology_refusal",
            span=span,
            rules=["regex:apology_refusal"],
            verdict="refusal",
            score=0.9731,
        )
    for k in range(100):
        s.add(as_batch("openhermes", [replace(c, id=f"openhermes:{k * 1000 + i}") for i, c in enumerate(convs)]), out)
    assert s.rejects[0]["match"] == "I'm sorry, but I can't assist"
    rep = {"params": {}, "totals": {}, "rules": [], "languages": {}, "sources": [s.to_data("openhermes")]}
    assert len(render_html(rep).encode()) < 20_000_000


def dom(page, fragment: str, tmp_path) -> str:
    proc = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (make chromium)")
def test_html_inspection_in_headless_chromium(report_dir, tmp_path):
    page = report_dir / "report.html"
    html = page.read_text()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "external asset"
    assert "<script>alert(1)" not in html  # reply text is data, never markup
    d = dom(page, "", tmp_path)
    assert "<h1>unfilter report</h1>" in d
    assert re.search(
        r'data-rule="regex:apology_refusal">regex:apology_refusal</a></td><td>regex</td>'
        r'<td class="n">61</td><td class="n">61</td>',
        d,
    )
    assert '<b id="threshold">0.5</b>' in d
    assert "50 shown of 61 matching (61 in this report, 61 in total) · page 1 of 2" in d
    assert len(re.findall(r'class="item reject"><div class="meta">\w', d)) == 50  # rendered rows, not the script
    assert "<mark>I'm sorry, but I can't assist</mark>" in d
    d = dom(page, "#view=rejects&page=2", tmp_path)
    assert "11 shown of 61 matching" in d and "page 2 of 2" in d
    d = dom(page, "#view=rejects&q=RANSOMWARE", tmp_path)
    assert "1 shown of 1 matching" in d and "x1" in d
    assert "&lt;script&gt;alert(1)&lt;/script" in d  # escaped text, not an element
    d = dom(page, "#view=rejects&q=case%2059", tmp_path)
    assert "1 shown of 1 matching" in d and "r59" in d
    # a rule that fired on 60 rejects named after another rule (apology_refusal) lists those 60
    d = dom(page, "#view=rejects&rule=lexicon:i_can_t_assist_with_that&page=2", tmp_path)
    assert "10 shown of 60 matching" in d and "page 2 of 2" in d
    d = dom(page, "#view=rejects&rule=regex:nothing", tmp_path)
    assert "0 shown of 0 matching" in d and "nothing matches" in d
    d = dom(page, "#view=repairs", tmp_path)
    assert "1 shown of 1 matching" in d
    assert "<del>As an AI language model, I don't have opinions.</del>" in d
    assert "Pizza with pineapple is popular in Canada." in d
    d = dom(page, "#view=ignored", tmp_path)
    assert "2 shown of 2 matching" in d and "inside code or a quotation" in d  # two rules match the quoted line


def test_terminal_view(cli, report_dir):
    res = cli("report", report_dir)
    assert res.exit_code == 0, res.output
    assert "regex:apology_refusal" in res.output and "repaired" in res.output
    assert "r0 refusal:regex:apology_refusal: I'm sorry, but I can't assist with that request" in res.output


def test_report_command_errors(cli, tmp_path):
    res = cli("report", tmp_path / "missing")
    assert res.exit_code == 1 and "no such folder" in res.output
    res = cli("report", tmp_path)
    assert res.exit_code == 1 and "no reports found" in res.output
