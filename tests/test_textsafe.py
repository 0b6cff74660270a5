"""Data in reports is shown, never obeyed: no escape sequence reaches a terminal, no markup reaches a Markdown report."""

from __future__ import annotations

from dolphin_data.textsafe import md, plain
from tests.conftest import write_jsonl


def test_plain_and_md_escape_what_would_act():
    assert plain("a\x1b[31mred\x1b[0m\u202eb") == "a\\x1b[31mred\\x1b[0m\\u202eb"
    assert (
        md("<script>alert(1)</script> | x *y* [z](u)")
        == "\\<script\\>alert\\(1\\)\\</script\\> \\| x \\*y\\* \\[z\\]\\(u\\)"
    )
    assert plain("line\nnext\ttab") == "line\nnext\ttab"


def test_hostile_text_in_a_build_stays_inert_in_reports_and_the_terminal(tmp_path, cli):
    raw = tmp_path / "raw" / "chat"
    raw.mkdir(parents=True)
    evil = "<script>alert(1)</script>\x1b[2J\x1b]0;pwned\x07 | col"
    rows = [
        {
            "id": f"r{i}",
            "conversations": [
                {"from": "human", "value": f"{evil} question {i % 2}"},
                {"from": "gpt", "value": f"{evil} answer {i % 2}"},
            ],
        }
        for i in range(4)
    ]
    write_jsonl(raw / "chat.jsonl", rows)
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "name: evil\nsources:\n  - name: chat\n    output: chat.jsonl\n    converter: sharegpt\n"
        "    upstream: {repo: org/chat, files: [chat.jsonl]}\n    stages: [dedup]\n"
        "    floor: {max_rejected: 1.0}\n"
    )
    assert cli("build", recipe, "--raw", tmp_path / "raw", "--out", tmp_path / "out", "-q").exit_code == 0
    md_text = (tmp_path / "out" / "reports" / "dedup" / "dedup.md").read_text()
    assert "<script>" not in md_text and "\x1b" not in md_text and "\\<script\\>" in md_text
    shown = cli("report", tmp_path / "out").output + cli("explain", "r2", "--build", tmp_path / "out").output
    assert "\x1b" not in shown and "\x07" not in shown
