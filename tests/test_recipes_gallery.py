"""The recipe gallery (recipes/*.yaml).

Every recipe loads and plans against the bundled raw/ samples. Each later mix (2.9.1 ... 3.0) builds offline through
the CLI; its files are the ones its published config (or card) names, every output line is trainer-valid, the manifest
accounts for every row, and every planted problem of the sources it uses (raw/PLANTED.md, raw/PLANTED_LATER.md) ends
where expected *under that recipe*: a cross-source duplicate drops the copy of the later source in this recipe's order
(or nothing, when the other source is not in the mix), and an over-long conversation is dropped only when its Llama 3
count exceeds this recipe's sequence_len. Nothing unplanted is dropped after conversion. ``list recipes`` and
``diff-recipes`` report what differs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dolphin_data.io import iter_rows
from dolphin_data.model import Conversation
from dolphin_data.recipe import Recipe, StageSpec, load_recipe
from dolphin_data.sources import resolve_raw_files
from dolphin_data.stages.convert import convert_rows
from tests.conftest import REPO, read_jsonl
from tests.test_build import assert_trainer_valid
from tests.test_recipe import DOLPHIN_29_OUTPUTS

RAW = REPO / "raw"
ALL_RECIPES = sorted((REPO / "recipes").glob("*.yaml"))
LATER = ["2.9.1", "2.9.2", "2.9.3", "2.9.4", "3.0"]


@dataclass(frozen=True)
class Plant:
    source: str
    file: str  # path under raw/
    line: int
    kind: str
    outcome: str


def read_plants(path: Path) -> list[Plant]:
    out, source, file = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^## (\w+) \(`raw/(.+?)`\)", line)
        if m:
            source, file = m.group(1), m.group(2)
            continue
        m = re.match(r"^\| (\d+) \| (\w+) \| .* \| (.+) \|$", line)
        if m and source and file:
            out.append(Plant(source, file, int(m.group(1)), m.group(2), m.group(3).strip()))
    return out


PLANTS = read_plants(RAW / "PLANTED.md") + read_plants(RAW / "PLANTED_LATER.md")


@dataclass
class Built:
    recipe: Recipe
    out: Path
    manifest: dict
    outputs: dict[str, list[dict]]  # source -> records, in ShareGPT shape
    rejects: dict[str, list[dict]]  # stage -> rejects
    convs: dict[tuple[str, str, int], Conversation]  # (source, raw file, line) -> converted conversation
    files: dict[str, str]  # raw file -> source name


def as_sharegpt(rec: dict) -> dict:
    if "conversations" in rec:
        return rec
    roles = {"system": "system", "user": "human", "assistant": "gpt"}
    return {
        "id": rec["id"],
        "conversations": [{"from": roles[m["role"]], "value": m["content"]} for m in rec["messages"]],
    }


@pytest.fixture(scope="module", params=LATER)
def built(request, tmp_path_factory) -> Built:
    from typer.testing import CliRunner

    from dolphin_data.cli import app

    path = REPO / "recipes" / f"{request.param}.yaml"
    out = tmp_path_factory.mktemp(f"r{request.param}") / "out"
    result = CliRunner().invoke(app, ["build", str(path), "--raw", str(RAW), "--out", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    recipe = load_recipe(path)
    convs, files = {}, {}
    for spec in recipe.sources:
        for f in resolve_raw_files(spec, RAW):
            rel = f.relative_to(RAW).as_posix()
            files[rel] = spec.name
            for raw, item in zip(iter_rows(f), convert_rows(iter_rows(f), spec.converter, spec.name), strict=True):
                if isinstance(item, Conversation):
                    convs[(spec.name, rel, raw.line)] = item
    outputs = {s.name: [as_sharegpt(r) for r in read_jsonl(out / s.output)] for s in recipe.sources}
    rejects = {p.stem: read_jsonl(p) for p in (out / "rejects").glob("*.jsonl")}
    manifest = json.loads((out / "manifest.json").read_text())
    return Built(recipe, out, manifest, outputs, rejects, convs, files)


def plants_of(b: Built) -> list[Plant]:
    return [p for p in PLANTS if b.files.get(p.file) == p.source]


def ref_of(plant: Plant, b: Built) -> tuple[str, str, int] | None:
    """The (source, file, line) a duplicate plant copies."""
    m = re.search(r"dup:\w+ of (?:(\S+/\S+) )?(?:line|row) (\d+)", plant.outcome)
    assert m, plant
    file = m.group(1) or plant.file
    if file not in b.files:
        return None  # the original's source is not in this mix
    return b.files[file], file, int(m.group(2))


def expected_outcomes(b: Built) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]], list[Plant]]:
    """(source, id) -> the later-stage reason family it must be dropped with ("" = must be kept), the drops that
    are allowed but not required (a leak may be repaired instead), and the known-gap plants (checked apart)."""
    order = [s.name for s in b.recipe.sources]
    tokens = b.recipe.build_stage(StageSpec("tokens", {}))
    expect: dict[tuple[str, str], str] = {}
    optional: set[tuple[str, str]] = set()
    gaps = []
    for p in plants_of(b):
        if "known gap" in p.outcome:
            gaps.append(p)
            continue
        if p.outcome.startswith("convert:"):
            continue
        key = (p.source, b.convs[(p.source, p.file, p.line)].id)
        if "KEEP" in p.outcome or "kept" in p.outcome:
            expect[key] = ""
        elif p.outcome.startswith("unfilter: drop"):
            expect[key] = "refusal:"
        elif p.outcome.startswith("dedup: drop as"):
            kind = p.outcome.split()[3]
            ref = ref_of(p, b)
            if ref is None:
                expect[key] = ""
            elif order.index(ref[0]) <= order.index(p.source):
                expect[key] = kind
            else:  # the copy's source comes first in this mix: the original is the one dropped
                expect[key] = ""
                expect[(ref[0], b.convs[ref].id)] = kind
        elif p.outcome.startswith("tokens:"):
            n = int(tokens.count([b.convs[(p.source, p.file, p.line)]]).tokens[0])  # type: ignore[attr-defined]
            expect[key] = "tokens:too_long" if n > b.recipe.sequence_len else ""
        elif p.outcome.startswith("systemchat conformance"):
            expect[key] = "system:directive:"
        elif p.outcome.startswith("systemchat validate: reject"):
            optional.add(key)
        else:
            raise AssertionError(f"unhandled planted outcome: {p}")
    return expect, optional, gaps


def test_outputs_are_trainer_valid_and_accounted(built: Built) -> None:
    b = built
    assert [f["output"] for f in b.manifest["files"]] == [s.output for s in b.recipe.sources]
    for f in b.manifest["files"]:
        assert f["rows_read"] == f["records_written"] + f["rows_rejected"], f["output"]
        assert f["records_written"] == len(b.outputs[f["source"]]) > 0, f["output"]
        assert [s["stage"] for s in f["stages"]][0] == "convert" and f["stages"][-1]["stage"] == "tokens"
    for recs in b.outputs.values():
        for rec in recs:
            assert_trainer_valid(rec)
    axolotl = yaml.safe_load((b.out / "axolotl.yaml").read_text())
    assert axolotl["sequence_len"] == b.recipe.sequence_len
    assert [Path(d["path"]).name for d in axolotl["datasets"]] == [s.output for s in b.recipe.sources]
    for stage in ("dedup", "tokens", "unfilter", "systemchat_validate"):
        assert stage in b.manifest["reports"], stage


def test_every_planted_problem_has_its_outcome_under_this_recipe(built: Built) -> None:
    b = built
    assert plants_of(b), "the recipe uses no planted source"
    convert_rej = {(r["source"], Path(r["file"]).name, r["line"]): r["reason"] for r in b.rejects["convert"]}
    for p in plants_of(b):
        if p.outcome.startswith("convert: reject"):
            assert convert_rej.get((p.source, Path(p.file).name, p.line)) == p.outcome.split()[2], p
    expect, optional, gaps = expected_outcomes(b)
    kept = {(s, r["id"]) for s, recs in b.outputs.items() for r in recs}
    dropped = {(r["source"], r["id"]): r["reason"] for st, rs in b.rejects.items() if st != "convert" for r in rs}
    for key, reason in expect.items():
        if reason:
            assert dropped.get(key, "").startswith(reason), (key, reason, dropped.get(key))
        else:
            assert key in kept, (key, dropped.get(key))
    gap_keys = {(p.source, b.convs[(p.source, p.file, p.line)].id) for p in gaps}
    unplanned = set(dropped) - {k for k, r in expect.items() if r} - optional - gap_keys
    assert not unplanned, {k: dropped[k] for k in unplanned}
    for key in optional:
        assert key in kept or dropped[key].startswith("system:"), key


def test_known_unfilter_gaps(built: Built, request) -> None:
    """The 'known gap' plants of raw/PLANTED_LATER.md, checked at their intended outcome: a strict xfail while the
    gap is open; when the unfilter catches up this XPASSes (fails): then make them ordinary plants."""
    _, _, gaps = expected_outcomes(built)
    if not gaps:
        pytest.skip("no known-gap plant in this recipe's sources")
    request.applymarker(
        pytest.mark.xfail(strict=True, reason="known unfilter gaps: " + ", ".join(f"{p.source}:{p.line}" for p in gaps))
    )
    dropped = {(r["source"], r["id"]) for r in built.rejects.get("unfilter", [])}
    for p in gaps:
        key = (p.source, built.convs[(p.source, p.file, p.line)].id)
        assert (key in dropped) == p.outcome.startswith("unfilter: drop"), p


# -- the published facts each recipe encodes ------------------------------------------------------------------------

CONFIG_FILES = {  # the datasets: blocks of the published Axolotl configs, in order (sources in each recipe's header)
    "2.9.1": [o for o in DOLPHIN_29_OUTPUTS if o not in ("Ultrachat200kunfiltered.jsonl", "SystemConversations.jsonl")],
    "2.9.2": [
        "dolphin201-sharegpt2.jsonl",
        "dolphin-coder-codegen-sharegpt2.jsonl",
        "dolphin-coder-translate-sharegpt2.jsonl",
        "m-a-p_Code-Feedback-sharegpt-unfiltered.jsonl",
        "m-a-p_CodeFeedback-Filtered-Instruction-sharegpt-unfiltered.jsonl",
        "not_samantha_norefusals.jsonl",
        "openhermes200k_unfiltered.jsonl",
        "Orca-Math-resort-unfiltered.jsonl",
        "SystemChat_sharegpt.jsonl",
        "toolbench_instruct_j1s1_3k_unfiltered.jsonl",
        "toolbench_negative_unfiltered.jsonl",
        "toolbench_react_10p_unfiltered.jsonl",
        "toolbench_tflan_cot_30p_unfiltered.jsonl",
        "agent_instruct_react_unfiltered.jsonl",
    ],
    "2.9.3": [
        "dolphin201-sharegpt2.jsonl",
        "SystemChat_filtered_sharegpt.jsonl",
        "SystemChat_multilingual_sharegpt.jsonl",
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
    ],
}
CARD_REPOS = {  # the cards' datasets: lists (2.9.4, 3.0), as upstream repos of the recipe's sources
    "2.9.4": {
        "cognitivecomputations/dolphin",
        "m-a-p/CodeFeedback-Filtered-Instruction",
        "cognitivecomputations/dolphin-coder",
        "cognitivecomputations/samantha-data",
        "microsoft/orca-math-word-problems-200k",
        "mlabonne/FineTome-100k",
        "arcee-ai/agent-data",
        "PawanKrd/math-gpt-4o-200k",
        "cognitivecomputations/SystemChat-2.0",
    },
    "3.0": {
        "OpenCoder-LLM/opc-sft-stage1",
        "OpenCoder-LLM/opc-sft-stage2",
        "microsoft/orca-agentinstruct-1M-v1",
        "microsoft/orca-math-word-problems-200k",
        "NousResearch/hermes-function-calling-v1",
        "AI-MO/NuminaMath-CoT",
        "AI-MO/NuminaMath-TIR",
        "allenai/tulu-3-sft-mixture",
        "cognitivecomputations/dolphin-coder",
        "HuggingFaceTB/smoltalk",
        "cognitivecomputations/samantha-data",
        "m-a-p/CodeFeedback-Filtered-Instruction",
        "m-a-p/Code-Feedback",
    },
}
RUN = {  # sequence_len, micro_batch_size, gradient_accumulation_steps, val_set_size from the published configs
    "2.9.1": (4096, 3, 4, 0.0002),
    "2.9.2": (8192, 1, 8, 0.01),
    "2.9.3": (8192, 1, 16, 0.01),
    "2.9.4": (8192, 2, 16, 0.01),
}


@pytest.mark.parametrize("key", LATER)
def test_recipe_matches_its_published_config_or_card(key: str) -> None:
    path = REPO / "recipes" / f"{key}.yaml"
    recipe = load_recipe(path)
    if key in CONFIG_FILES:
        assert [s.output for s in recipe.sources] == CONFIG_FILES[key]
    else:
        assert {s.upstream.repo for s in recipe.sources} == CARD_REPOS[key]
    if key in RUN:
        t = recipe.training
        assert (recipe.sequence_len, t.micro_batch_size, t.gradient_accumulation_steps, t.val_set_size) == RUN[key]
    tokens = recipe.build_stage(next(st for st in recipe.sources[0].stages if st.name == "tokens"))
    assert tokens.max_len == recipe.sequence_len  # from the one home of the setting
    text = path.read_text(encoding="utf-8")
    assert "https://huggingface.co/" in text and "INFERRED" in text, (
        "each recipe cites its sources and marks inferences"
    )
    assert "decontaminate" in recipe.stage_params, "decontamination is on in the later mixes"
    assert all("decontaminate" in [st.name for st in s.stages] for s in recipe.sources)
    assert not any("SystemConversations" in s.output or s.name == "ultrachat" for s in recipe.sources)


@pytest.mark.parametrize("path", ALL_RECIPES, ids=[p.stem for p in ALL_RECIPES])
def test_every_recipe_loads_and_plans_against_raw(path: Path, cli) -> None:
    recipe = load_recipe(path)
    for s in recipe.sources:  # raises a UserError naming the source when its samples are missing
        assert resolve_raw_files(s, RAW), s.name
    result = cli("build", path, "--raw", RAW, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"resolved recipe {path}" in result.output
    for s in recipe.sources:
        assert s.output in result.output, s.output


# -- list recipes / diff-recipes -----------------------------------------------------------------------------------


def test_list_recipes_prints_one_line_per_recipe_in_version_order(cli, monkeypatch) -> None:
    monkeypatch.chdir(REPO)  # `list recipes` lists ./recipes
    result = cli("list", "recipes")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [ln.split()[0] for ln in lines] == ["2.9", "2.9.1", "2.9.2", "2.9.3", "2.9.4", "3.0"]
    assert len(lines) == len(ALL_RECIPES)
    for ln in lines:
        r = load_recipe(REPO / "recipes" / f"{ln.split()[0]}.yaml")
        assert ln.split()[1] == r.name
        assert f"{len(r.sources)} files" in ln and f"seq {r.sequence_len}" in ln and r.output_format in ln


def test_list_converters_includes_the_later_mixes_schemas(cli) -> None:
    from dolphin_data.converters import CONVERTERS

    out = cli("list", "converters").output
    for name in CONVERTERS.names():
        assert name in out, name


def test_diff_29_to_291_is_the_two_removed_sources(cli) -> None:
    result = cli("diff-recipes", "2.9", "2.9.1", "--dir", REPO / "recipes")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  - ultrachat (HuggingFaceH4/ultrachat_200k, converter ultrachat)" in lines
    assert "  - systemchat (abacusai/SystemChat-1.1, converter systemchat)" in lines
    assert "  - Ultrachat200kunfiltered.jsonl" in lines and "  - SystemConversations.jsonl" in lines
    assert not [ln for ln in lines if ln.startswith("  + ")], "2.9.1 adds nothing"
    assert "source order" not in result.output
    # besides the two sources, what changes is decontamination, on in every later mix
    settings = lines[lines.index("stage settings (stage_params):") + 1 : lines.index("sources:")]
    assert settings and all(ln.startswith("  ~ decontaminate.") for ln in settings)
    changed = [ln for ln in lines if ln.startswith("      stages: ")]
    assert changed and all(
        ln.replace('"decontaminate", ', "").split(" -> ")[0][14:]
        == ln.replace('"decontaminate", ', "").split(" -> ")[1]
        for ln in changed
    )


def test_diff_291_to_292_shows_settings_sources_outputs_and_order(cli) -> None:
    lines = cli("diff-recipes", "2.9.1", "2.9.2", "--dir", REPO / "recipes").output.splitlines()
    for want in (
        "  ~ sequence_len: 4096 -> 8192",
        "  ~ training.micro_batch_size: 3 -> 1",
        "  ~ tokens.max_len: 4096 -> 8192",
        "  + SystemChat_sharegpt.jsonl",
        "  + systemchat2_filtered (cognitivecomputations/SystemChat-2.0, converter systemchat)",
        "source order (dedup priority: the earlier source's copy survives):",
    ):
        assert want in lines, want


def test_diff_reports_changed_sources_and_stage_defaults(cli) -> None:
    lines = cli("diff-recipes", REPO / "recipes" / "2.9.yaml", REPO / "recipes" / "3.0.yaml").output.splitlines()
    assert "  ~ output.format: sharegpt -> messages" in lines
    assert (
        "  ~ tokens.default_system_prompt: You are a helpful assistant. -> null" in lines
    )  # a default vs explicit null
    i = lines.index("  ~ samantha")
    assert lines[i + 1] == "      output: not_samantha_norefusals.jsonl -> samantha-data.jsonl"


def test_diff_of_a_recipe_with_itself_and_bad_names(cli) -> None:
    assert cli("diff-recipes", "3.0", "3.0", "--dir", REPO / "recipes").output.splitlines()[-1] == "no differences"
    bad = cli("diff-recipes", "9.9", "2.9", "--dir", REPO / "recipes")
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: 9.9: no such recipe file") and "known recipes: 2.9, 2.9.1," in bad.output
    assert cli("diff-recipes", "2.9", "2.9.1", "--dir", REPO / "nowhere").exit_code == 1
