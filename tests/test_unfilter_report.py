"""Unfilter reports: report.json numbers, the HTML page rendered by headless Chromium (rule names, counts,
highlighted spans; no external assets), and the terminal view through ``dolphin-data report DIR``."""

from __future__ import annotations

import re
import shutil
import subprocess

import orjson
import pytest

from tests.conftest import write_jsonl


def sharegpt(id: str, human: str, gpt: str) -> dict:
    return {"id": id, "conversations": [{"from": "human", "value": human}, {"from": "gpt", "value": gpt}]}


ROWS = [
    sharegpt("r1", "pick a lock", "I'm sorry, but I can't assist with that request."),
    sharegpt("r2", "malware?", "I'm sorry, but I can't help with creating malware <script>alert(1)</script>."),
    sharegpt("b1", "opinion?", "As an AI language model, I don't have opinions. Pizza is fine."),
    sharegpt("k1", "2+2?", "2 + 2 = 4."),
    sharegpt("k2", "dog died", "I'm sorry to hear that. Be gentle with yourself."),
    sharegpt("k3", "capital of France?", "Paris."),
]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    from typer.testing import CliRunner

    from dolphin_data.cli import app

    tmp = tmp_path_factory.mktemp("rep")
    src = write_jsonl(tmp / "chats.jsonl", ROWS)
    res = CliRunner().invoke(app, ["unfilter", str(src), "--out", str(tmp / "o.jsonl"), "--rejects",
                                   str(tmp / "r.jsonl"), "--report", str(tmp / "report"), "--quiet"])
    assert res.exit_code == 0, res.output
    return tmp / "report"


def test_report_json_counts(report_dir):
    rep = orjson.loads((report_dir / "report.json").read_bytes())
    assert rep["stage"] == "unfilter"
    assert rep["totals"]["in"] == 6 and rep["totals"]["kept"] == 3 and rep["totals"]["dropped_refusal"] == 3
    rules = {r["rule"]: r for r in rep["rules"]}
    assert rules["regex:apology_refusal"]["conversations"] == 2 and rules["regex:apology_refusal"]["rejected"] == 2
    assert rules["regex:apology_refusal"]["share"] == pytest.approx(2 / 6, abs=1e-6)
    assert rules["lexicon:as_an_ai_language_model"]["rejected"] == 1
    src = rep["sources"][0]
    assert src["source"] == "chats" and src["funnel"]["in"] == 6
    sample = src["removed_samples"]["refusal:regex:apology_refusal"][0]
    assert sample["id"] == "r1" and sample["match"] == "I'm sorry, but I can't assist"
    assert {k["id"] for k in src["kept_sample"]} == {"k1", "k2", "k3"}
    per_source = orjson.loads((report_dir / "sources" / "chats.json").read_bytes())
    assert per_source == src


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (make chromium)")
def test_html_renders_in_headless_chromium(report_dir, tmp_path):
    page = report_dir / "report.html"
    html = page.read_text()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "external asset"
    assert "<script" not in html.replace("&lt;script", "")  # the sample's <script> is escaped, never live
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<h1>unfilter report</h1>" in dom
    # the rules table, as rendered: rule name, hits, conversations, share, rejected
    assert re.search(r"<td>regex:apology_refusal</td><td>regex</td><td class=\"n\">2</td><td class=\"n\">2</td>"
                     r"<td class=\"n\">33\.33%</td><td class=\"n\">2</td>", dom)
    assert "<td>lexicon:as_an_ai_language_model</td>" in dom
    assert "<mark>I'm sorry, but I can't assist</mark>" in dom
    assert "<mark>As an AI language model,</mark>" in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # escaped text, not an element
    assert "Kept: random sample to spot-check (3)" in dom


def test_terminal_view(cli, report_dir):
    res = cli("report", report_dir)
    assert res.exit_code == 0, res.output
    assert "regex:apology_refusal" in res.output and "33.33%" in res.output
    assert "lexicon:as_an_ai_language_model" in res.output
    assert "r1 refusal:regex:apology_refusal: I'm sorry, but I can't assist with that request." in res.output


def test_report_command_errors(cli, tmp_path):
    res = cli("report", tmp_path / "missing")
    assert res.exit_code == 1 and "no such folder" in res.output
    res = cli("report", tmp_path)
    assert res.exit_code == 1 and "no reports found" in res.output
