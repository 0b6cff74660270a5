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
        (
            "converter: orca_math",
            "converter: orca_mth",
            "r.yaml:6: sources[0].converter: unknown converter 'orca_mth' (did you mean 'orca_math'?); valid: agent_flan,",
        ),
        (
            "- sample: {n: 10}",
            "- sampel: {n: 10}",
            "r.yaml:9: sources[0].stages[0]: unknown stage 'sampel' (did you mean 'sample'?); valid:",
        ),
        (
            "- sample: {n: 10}",
            "- sample: {m: 10}",
            "r.yaml:9: sources[0].stages[0]: unknown parameter 'm' for stage 'sample'; valid: n, fraction, seed",
        ),
        (
            "- sample: {n: 10}",
            "- sample: {n: -1}",
            "r.yaml:9: sources[0].stages[0]: stage 'sample': n must be a non-negative integer, got -1",
        ),
        (
            "output: orca.jsonl",
            "output: out/orca.json",
            "r.yaml:5: sources[0].output: 'out/orca.json' must be a bare file name ending in .jsonl",
        ),
        ("    output: orca.jsonl\n", "", "r.yaml:4: sources[0].output: missing (required: output file name)"),
        (
            "seed: 7",
            "seed: 7\noutput: {format: parquet}",
            "r.yaml:3: output.format: 'parquet' is not one of sharegpt, messages",
        ),
        (
            "name: mini",
            "name: mini\nsources: [",
            "r.yaml:4: invalid YAML (did not find expected ',' or ']'); fix the syntax",
        ),
    ],
)
def test_bad_recipe_errors_name_file_line_and_fix(tmp_path, old, new, message):
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(UserError) as e:
        load_recipe(path)
    assert str(e.value).startswith(str(path.parent / message)), str(e.value)


def test_duplicate_output_names_fail(tmp_path):
    text = GOOD + GOOD.split("sources:\n")[1].replace("name: orca", "name: orca2")
    with pytest.raises(
        RecipeError, match=r"r.yaml:\d+: sources\[1\].output: 'orca.jsonl' already used by sources\[0\]"
    ):
        load_recipe(write(tmp_path, text))


def test_missing_recipe_file(tmp_path):
    with pytest.raises(UserError, match="recipe not found"):
        load_recipe(tmp_path / "nope.yaml")


# -- containment and ranges (issue 12) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - name: orca", '  - name: "../../../x"', "r.yaml:4: sources[0].name: '../../../x' is not a valid name"),
        ("  - name: orca", "  - name: a/b", "r.yaml:4: sources[0].name: 'a/b' is not a valid name"),
        ("name: mini", 'name: "../escape"', "r.yaml:1: name: '../escape' is not a valid name"),
        (
            "    converter: orca_math",
            "    converter: orca_math\n    raw: /etc",
            "r.yaml:7: sources[0].raw: '/etc' is absolute; give a path relative to the raw folder",
        ),
        (
            "    converter: orca_math",
            "    converter: orca_math\n    raw: a/../../b",
            "r.yaml:7: sources[0].raw: 'a/../../b' contains '..'; it must stay inside the raw folder",
        ),
        (
            "    converter: orca_math",
            '    converter: orca_math\n    files: ["../../*.jsonl"]',
            "r.yaml:7: sources[0].files[0]: '../../*.jsonl' contains '..'",
        ),
        (
            "    converter: orca_math",
            "    converter: orca_math\n    files: [/etc/passwd]",
            "r.yaml:7: sources[0].files[0]: '/etc/passwd' is absolute",
        ),
        (
            "    converter: orca_math",
            "    converter: orca_math\n    files: [3]",
            "r.yaml:7: sources[0].files[0]: expected a glob pattern, got int 3",
        ),
        (
            'files: ["*.parquet"]',
            'files: ["../up/*.parquet"]',
            "r.yaml:7: sources[0].upstream.files[0]: '../up/*.parquet' contains '..'",
        ),
        (
            "repo: microsoft/orca-math-word-problems-200k",
            "repo: /home/me/data",
            "r.yaml:7: sources[0].upstream.repo: '/home/me/data' is not a dataset id like 'owner/name'; a local folder "
            "must be given explicitly as 'file:",
        ),
        (
            "repo: microsoft/orca-math-word-problems-200k",
            "repo: ../../etc",
            "r.yaml:7: sources[0].upstream.repo: '../../etc'",
        ),
        (
            'files: ["*.parquet"]',
            "config: default, split: ../../x",
            "r.yaml:7: sources[0].upstream.split: '../../x' is not a valid name",
        ),
        ("seed: 7", "seed: -1", "r.yaml:2: seed: -1 is out of range; use a value from 0 to"),
        ("seed: 7", "seed: 7\nsequence_len: 0", "r.yaml:3: sequence_len: 0 is out of range; expected 16 to"),
        (
            "seed: 7",
            "seed: 7\ntraining: {micro_batch_size: 0}",
            "r.yaml:3: training.micro_batch_size: 0 is out of range",
        ),
        ("seed: 7", "seed: 7\ntraining: {val_set_size: 2.5}", "r.yaml:3: training.val_set_size: 2.5 is out of range"),
        ("seed: 7", "seed: 7\ntraining: {num_epochs: -3}", "r.yaml:3: training.num_epochs: -3 is out of range"),
    ],
)
def test_paths_names_and_ranges_are_checked(tmp_path, old, new, message):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(UserError) as e:
        load_recipe(path)
    assert str(e.value).startswith(str(path.parent / message)), str(e.value)


def test_local_repo_only_as_file_url(tmp_path):
    rec = load_recipe(
        write(tmp_path, GOOD.replace("repo: microsoft/orca-math-word-problems-200k", f"repo: file://{tmp_path}"))
    )
    assert rec.source("orca").upstream.repo == f"file://{tmp_path}"


def test_billion_laughs_fails_fast(tmp_path):
    lol = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lol += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    path = tmp_path / "lol.yaml"
    path.write_text("\n".join(lol) + "\nname: bomb\nsources: *a9\n")
    with pytest.raises(
        RecipeError, match=r"lol.yaml:6: YAML aliases \(\*name\) expand this value to more than 1,000,000"
    ):
        load_recipe(path)


def test_shared_stages_through_an_alias(tmp_path):
    text = GOOD.replace("    stages:\n      - sample: {n: 10}\n", "    stages: &st [{sample: {n: 10}}]\n")
    text += "  - {name: orca2, output: orca2.jsonl, converter: orca_math, stages: *st}\n"
    rec = load_recipe(write(tmp_path, text))
    assert rec.source("orca2").stages == rec.source("orca").stages and rec.source("orca2").stages[0].params == {"n": 10}


def test_deeply_nested_yaml_is_one_line(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("name: x\nsources: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(UserError) as e:
        load_recipe(path)
    assert "deep.yaml" in str(e.value) and "\n" not in str(e.value)


def test_display_path_does_not_depend_on_how_the_path_was_typed(tmp_path, monkeypatch):
    path = write(tmp_path, GOOD)
    monkeypatch.chdir(tmp_path)
    a, b = load_recipe(path), load_recipe("r.yaml")
    assert a.display_path == b.display_path == "r.yaml" and a.sha256 == b.sha256
