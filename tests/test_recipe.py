"""Recipe loading: the 2.9 recipe is valid; every kind of bad recipe fails before any work with file:line and the fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dolphin_data.errors import RecipeError, UserError
from dolphin_data.recipe import load_recipe
from tests.conftest import REPO

DOLPHIN_29_OUTPUTS = [
    "dolphin201-sharegpt2.jsonl",
    "Ultrachat200kunfiltered.jsonl",
    "dolphin-coder-translate-sharegpt2.jsonl",
    "dolphin-coder-codegen-sharegpt2.jsonl",
    "m-a-p_Code-Feedback-sharegpt-unfiltered.jsonl",
    "m-a-p_CodeFeedback-Filtered-Instruction-sharegpt-unfiltered.jsonl",
    "not_samantha_norefusals.jsonl",
    "Orca-Math-resort-unfiltered.jsonl",
    "agent_instruct_react_unfiltered.jsonl",
    "toolbench_instruct_j1s1_3k_unfiltered.jsonl",
    "toolbench_negative_unfiltered.jsonl",
    "toolbench_react_10p_unfiltered.jsonl",
    "toolbench_tflan_cot_30p_unfiltered.jsonl",
    "openhermes200k_unfiltered.jsonl",
    "SystemConversations.jsonl",
]

GOOD = """\
name: mini
seed: 7
sources:
  - name: orca
    output: orca.jsonl
    converter: orca_math
    upstream: {repo: microsoft/orca-math-word-problems-200k, files: ["*.parquet"]}
    stages:
      - sample: {n: 10}
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "r.yaml"
    p.write_text(textwrap.dedent(text))
    return p


def test_dolphin_29_recipe_names_the_15_config_files():
    rec = load_recipe(REPO / "recipes/2.9.yaml")
    assert sorted(s.output for s in rec.sources) == sorted(DOLPHIN_29_OUTPUTS)
    assert rec.seed == 42 and rec.sequence_len == 4096 and rec.output_format == "sharegpt"
    hermes = rec.source("openhermes")
    assert {"sample": {"n": 200000}} in [{st.name: dict(st.params)} for st in hermes.stages]


def test_good_recipe_resolves_defaults(tmp_path):
    rec = load_recipe(write(tmp_path, GOOD))
    assert rec.output_dir == "out/mini" and rec.output_format == "sharegpt"
    src = rec.source("orca")
    assert src.files == ("*.parquet",) and src.raw_dir == "orca" and src.upstream.revision == "main"
    # the sample seed is the recipe's seed (one home for run-wide settings)
    assert rec.build_stage(src.stages[0]).params() == {"n": 10, "fraction": None, "seed": rec.seed}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("seed: 7", "seed: 7\nsede: 8", "r.yaml:3: sede: unknown key; valid keys: name, description, seed,"),
        ("seed: 7", "seed: seven", "r.yaml:2: seed: expected an integer, got str 'seven'"),
        ("converter: orca_math", "converter: orca_mth",
         "r.yaml:6: sources[0].converter: unknown converter 'orca_mth' (did you mean 'orca_math'?); valid: agent_flan,"),
        ("- sample: {n: 10}", "- sampel: {n: 10}",
         "r.yaml:9: sources[0].stages[0]: unknown stage 'sampel' (did you mean 'sample'?); valid:"),
        ("- sample: {n: 10}", "- sample: {m: 10}",
         "r.yaml:9: sources[0].stages[0]: unknown parameter 'm' for stage 'sample'; valid: n, fraction, seed"),
        ("- sample: {n: 10}", "- sample: {n: -1}",
         "r.yaml:9: sources[0].stages[0]: stage 'sample': n must be a non-negative integer, got -1"),
        ("output: orca.jsonl", "output: out/orca.json",
         "r.yaml:5: sources[0].output: 'out/orca.json' must be a bare file name ending in .jsonl"),
        ("    output: orca.jsonl\n", "", "r.yaml:4: sources[0].output: missing (required: output file name)"),
        ("seed: 7", "seed: 7\noutput: {format: parquet}", "r.yaml:3: output.format: 'parquet' is not one of sharegpt, messages"),
        ("name: mini", "name: mini\nsources: [", "r.yaml:4: invalid YAML (expected ',' or ']', but got ':'); fix the syntax"),
    ],
)
def test_bad_recipe_errors_name_file_line_and_fix(tmp_path, old, new, message):
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(UserError) as e:
        load_recipe(path)
    assert str(e.value).startswith(str(path.parent / message)), str(e.value)


def test_duplicate_output_names_fail(tmp_path):
    text = GOOD + GOOD.split("sources:\n")[1].replace("name: orca", "name: orca2")
    with pytest.raises(RecipeError, match=r"r.yaml:\d+: sources\[1\].output: 'orca.jsonl' already used by sources\[0\]"):
        load_recipe(write(tmp_path, text))


def test_missing_recipe_file(tmp_path):
    with pytest.raises(UserError, match="recipe not found"):
        load_recipe(tmp_path / "nope.yaml")
