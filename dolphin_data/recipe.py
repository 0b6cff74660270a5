"""Recipes: validated YAML that describes a whole mix.

``load_recipe(path)`` checks everything before any work: unknown keys, wrong types, unknown converters
and stages (listing the valid names), bad stage parameters (by constructing each stage), duplicate
names or output files. Errors carry the YAML path and line: ``recipes/x.yaml:14: sources[2].converter: ...``.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dolphin_data.context import RunContext, TrainingSpec
from dolphin_data.converters import CONVERTERS
from dolphin_data.errors import RecipeError, UserError
from dolphin_data.io.base import one_line
from dolphin_data.recipe_yaml import LOADER, Checker, check_expansion, line_map
from dolphin_data.sources import name_problem, path_problem, repo_problem
from dolphin_data.stages import STAGES, Stage, load_builtin_stages, make_stage
from dolphin_data.stages.params import param_infos

OUTPUT_FORMATS = ("sharegpt", "messages")


@dataclass(frozen=True)
class Upstream:
    repo: str  # HF dataset id, or a local folder laid out like one
    revision: str = "main"
    files: tuple[str, ...] = ()  # glob patterns to fetch; empty = use config/split through `datasets`
    config: str | None = None
    split: str | None = None


@dataclass(frozen=True)
class StageSpec:
    name: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Floor:
    """A source's build fails when it writes fewer than ``min_records`` records, or when more than ``max_rejected`` of
    its rows are rejected for a reason that is not a deliberate filter (refusal, dup, sample, lang, contam, tokens):
    a wrong converter or a validator that fits no row must not pass as an empty training file."""

    min_records: int = 1
    max_rejected: float = 0.5


@dataclass(frozen=True)
class SourceSpec:
    name: str
    output: str
    converter: str
    upstream: Upstream
    files: tuple[str, ...]  # glob patterns under raw/<raw_dir>
    stages: tuple[StageSpec, ...]
    description: str = ""
    raw_dir: str = ""  # folder under raw/; sources cut from one upstream repo share it (default: name)
    floor: Floor = field(default_factory=lambda: Floor())
    license: str = ""  # the upstream data's licence (an HF licence id) for the dataset card; "" = look it up


@dataclass(frozen=True)
class Recipe:
    name: str
    path: Path
    sha256: str
    seed: int
    sequence_len: int
    chat_template: str
    output_dir: str
    output_format: str
    sources: tuple[SourceSpec, ...]
    stage_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    training: TrainingSpec = TrainingSpec()
    description: str = ""
    data_root: str = ""  # where the files will be on the training machine (Axolotl config paths); "" = the build folder

    def source(self, name: str) -> SourceSpec:
        for s in self.sources:
            if s.name == name:
                return s
        raise UserError(f"{self.path}: no source {name!r}; sources: {', '.join(s.name for s in self.sources)}")

    @property
    def ctx(self) -> RunContext:
        """The run-wide settings every stage of this recipe's build receives (workers are set by the run)."""
        return RunContext(
            seed=self.seed,
            sequence_len=self.sequence_len,
            output_format=self.output_format,
            training=self.training,
            strict=True,
        )

    @property
    def display_path(self) -> str:
        """How artefacts name the recipe: its file name, whatever the current folder or spelling of the path."""
        return self.path.name

    def build_stage(self, spec: StageSpec) -> Stage:
        """Global ``stage_params`` for the stage, overridden by the source's own parameters."""
        return make_stage(spec.name, {**self.stage_params.get(spec.name, {}), **spec.params}, self.ctx)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seed": self.seed,
            "sequence_len": self.sequence_len,
            "chat_template": self.chat_template,
            "output": {
                "dir": self.output_dir,
                "format": self.output_format,
                **({"data_root": self.data_root} if self.data_root else {}),
            },
            "training": vars(self.training),
            "stage_params": {k: dict(v) for k, v in self.stage_params.items()},
            "sources": [
                {
                    "name": s.name,
                    "output": s.output,
                    "converter": s.converter,
                    "upstream": {k: v for k, v in vars(s.upstream).items() if v not in (None, ())},
                    "raw": s.raw_dir,
                    "files": list(s.files),
                    "stages": [{st.name: dict(st.params)} for st in s.stages],
                    **({"license": s.license} if s.license else {}),
                }
                for s in self.sources
            ],
        }


TOP_KEYS = {
    "name": "recipe name",
    "description": "free text",
    "seed": "integer seed for sampling and shuffles",
    "sequence_len": "trainer sequence length in tokens",
    "chat_template": "chatml",
    "output": "{dir, format}",
    "training": "trainer settings: the step estimate and the generated axolotl-train.yaml",
    "stage_params": "default parameters per stage name",
    "sources": "list of sources, one per output file",
}
SOURCE_KEYS = {
    "name": "source name (snake_case)",
    "description": "free text",
    "output": "output file name",
    "converter": "converter name (see `dolphin-data convert --list`)",
    "upstream": "{repo, revision, files | config+split}",
    "raw": "folder under raw/ (default: the source name); sources from one upstream repo share it",
    "files": "glob patterns under raw/<raw> (default: upstream.files)",
    "stages": "list of stage names or {stage: {params}}",
    "floor": "{min_records: 1, max_rejected: 0.5}: when the build fails for this source",
    "license": "the upstream data's licence, an HF licence id (default: known upstreams' licence, else unknown)",
}
UPSTREAM_KEYS = {
    "repo": "HF dataset id",
    "revision": "pinned commit",
    "files": "patterns",
    "config": "config name",
    "split": "split name",
}
OUTPUT_KEYS = {
    "dir": "output folder",
    "format": "sharegpt | messages",
    "data_root": "where the files will be on the training machine (paths in the Axolotl configs)",
}


def load_recipe(path: str | Path) -> Recipe:
    path = Path(path)
    if not path.exists():
        raise UserError(f"{path}: recipe not found; see recipes/ for examples (e.g. recipes/2.9.yaml)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"{path}: cannot read the recipe ({one_line(e)}); give a readable UTF-8 YAML file") from None
    try:
        node = yaml.compose(text, Loader=LOADER)
        if node is not None:
            check_expansion(node, path)
        data = yaml.load(text, Loader=LOADER)
    except RecursionError:
        raise RecipeError("", "nested too deeply to be a recipe; fix the YAML", file=str(path)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RecipeError(
            "", f"invalid YAML ({one_line(getattr(e, 'problem', None) or e)}); fix the syntax", file=where
        ) from None
    lines: dict[str, int] = {}
    if node is not None:
        line_map(node, lines)
    return parse_recipe(data, path, lines, hashlib.sha256(text.encode()).hexdigest())


def parse_recipe(data: Any, path: Path, lines: dict[str, int] | None = None, sha256: str = "") -> Recipe:
    load_builtin_stages()
    c = Checker(path, lines or {})
    top = c.mapping(data, "", TOP_KEYS, required=("name", "sources"))
    name = c.typed(top["name"], "name", str, "a string")
    c.valid(name_problem(name), "name")
    seed = c.typed(top.get("seed", 42), "seed", int, "an integer")
    c.in_range(seed, "seed", 0, 2**63 - 1)
    seq = c.typed(top.get("sequence_len", 4096), "sequence_len", int, "an integer")
    if not 16 <= seq <= 1 << 22:
        raise c.fail("sequence_len", f"sequence_len: {seq} is out of range; expected 16 to {1 << 22} tokens")
    template = c.typed(top.get("chat_template", "chatml"), "chat_template", str, "a string")
    if template != "chatml":
        raise c.fail("chat_template", f"chat_template: only 'chatml' is supported, got {template!r}")
    out = c.mapping(top.get("output", {}), "output", OUTPUT_KEYS)
    out_dir = c.typed(out.get("dir", f"out/{name}"), "output.dir", str, "a path")
    fmt = c.typed(out.get("format", "sharegpt"), "output.format", str, "a string")
    if fmt not in OUTPUT_FORMATS:
        raise c.fail("output.format", f"output.format: {fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    data_root = c.typed(out.get("data_root", ""), "output.data_root", str, "a path")

    training_raw = c.mapping(top.get("training", {}), "training", dict.fromkeys(vars(TrainingSpec()), ""))
    for k, v in list(training_raw.items()):
        want = TrainingSpec.kind(k)
        if v is None and k in TrainingSpec.OPTIONAL:
            continue
        if want is float and isinstance(v, str):  # YAML 1.1 reads 2e-5 (no dot) as text
            with contextlib.suppress(ValueError):
                v = training_raw[k] = float(v)
        c.typed(v, f"training.{k}", (int, float) if want is float else want, want.__name__)
        choices = TrainingSpec.CHOICES.get(k)
        if choices is not None and v not in choices:
            raise c.fail(f"training.{k}", f"training.{k}: {v!r} is not one of {', '.join(choices)}")
        bounds = TrainingSpec.BOUNDS.get(k)
        if bounds is not None and not bounds[0] <= v <= bounds[1]:
            raise c.fail(f"training.{k}", f"training.{k}: {v!r} is out of range; expected {bounds[0]} to {bounds[1]}")
    training = TrainingSpec(**training_raw)

    stage_params_raw = c.mapping(top.get("stage_params", {}), "stage_params", dict.fromkeys(STAGES.names(), ""))
    stage_params = {k: c.mapping(v or {}, f"stage_params.{k}", _param_keys(k)) for k, v in stage_params_raw.items()}

    sources_raw = c.typed(top["sources"], "sources", list, "a list of sources")
    sources: list[SourceSpec] = []
    for i, raw in enumerate(sources_raw):
        p = f"sources[{i}]"
        s = c.mapping(raw, p, SOURCE_KEYS, required=("name", "output", "converter"))
        sname = c.typed(s["name"], f"{p}.name", str, "a string")
        c.valid(name_problem(sname), f"{p}.name")
        output = c.typed(s["output"], f"{p}.output", str, "a file name")
        if not output.endswith(".jsonl") or "/" in output:
            raise c.fail(f"{p}.output", f"{p}.output: {output!r} must be a bare file name ending in .jsonl")
        conv = c.typed(s["converter"], f"{p}.converter", str, "a converter name")
        if conv != "auto" and conv not in CONVERTERS:
            raise c.fail(f"{p}.converter", f"{p}.converter: {CONVERTERS.unknown_message(conv)} (or auto)")
        up = c.mapping(s.get("upstream", {"repo": ""}), f"{p}.upstream", UPSTREAM_KEYS, required=("repo",))
        up_files = c.patterns(up.get("files", []), f"{p}.upstream.files")
        repo = c.typed(up["repo"], f"{p}.upstream.repo", str, "a dataset id")
        c.valid(repo_problem(repo), f"{p}.upstream.repo")
        split = up.get("split")
        if split is not None:
            c.valid(name_problem(c.typed(split, f"{p}.upstream.split", str, "a split name")), f"{p}.upstream.split")
        config = up.get("config")
        if config is not None:
            c.typed(config, f"{p}.upstream.config", str, "a config name")
        upstream = Upstream(
            repo=repo, revision=str(up.get("revision", "main")), files=up_files, config=config, split=split
        )
        files = c.patterns(s.get("files", list(up_files) or ["*"]), f"{p}.files")
        stages = tuple(_stage_specs(c, s.get("stages", []), f"{p}.stages"))
        raw_dir = c.typed(s.get("raw", sname), f"{p}.raw", str, "a folder name")
        c.valid(path_problem(raw_dir), f"{p}.raw")
        fl = c.mapping(s.get("floor", {}), f"{p}.floor", {"min_records": "", "max_rejected": ""})
        floor = Floor(
            c.typed(fl.get("min_records", 1), f"{p}.floor.min_records", int, "an integer >= 0"),
            float(c.typed(fl.get("max_rejected", 0.5), f"{p}.floor.max_rejected", (int, float), "a share 0..1")),
        )
        if floor.min_records < 0 or not 0.0 <= floor.max_rejected <= 1.0:
            raise c.fail(f"{p}.floor", f"{p}.floor: min_records must be >= 0 and max_rejected between 0 and 1")
        lic = c.typed(s.get("license", ""), f"{p}.license", str, "a licence id such as apache-2.0")
        sources.append(
            SourceSpec(sname, output, conv, upstream, files, stages, str(s.get("description", "")), raw_dir, floor, lic)
        )

    for attr in ("name", "output"):
        seen: dict[str, int] = {}
        for i, spec in enumerate(sources):
            v = getattr(spec, attr)
            if v in seen:
                raise c.fail(f"sources[{i}].{attr}", f"sources[{i}].{attr}: {v!r} already used by sources[{seen[v]}]")
            seen[v] = i

    recipe = Recipe(
        name,
        path,
        sha256,
        seed,
        seq,
        template,
        out_dir,
        fmt,
        tuple(sources),
        stage_params,
        training,
        str(top.get("description", "")),
        data_root,
    )
    # Construct every stage once so bad parameters fail now, not after an hour of work.
    users: dict[str, list[str]] = {}
    built: dict[str, Stage] = {}
    for i, spec in enumerate(recipe.sources):
        for j, st in enumerate(spec.stages):
            try:
                stage = recipe.build_stage(st)
            except UserError as e:
                where = (
                    f"stage_params.{st.name}"
                    if st.name in recipe.stage_params and not st.params
                    else f"sources[{i}].stages[{j}]"
                )
                raise c.fail(where, f"{where}: {e}") from None
            if stage.kind == "corpus" and st.params:
                raise c.fail(
                    f"sources[{i}].stages[{j}]",
                    f"sources[{i}].stages[{j}]: {st.name!r} runs across all sources; set its parameters under stage_params.{st.name}",
                )
            users.setdefault(st.name, []).append(spec.name)
            built.setdefault(st.name, stage)
    # cross-references to sources (e.g. dedup priority) are checked now, not after the first barrier
    for name, stage in built.items():
        check = getattr(stage, "check_sources", None)
        if check is not None:
            try:
                check(users[name])
            except UserError as e:
                raise c.fail(f"stage_params.{name}", f"stage_params.{name}: {e}") from None
    return recipe


def _param_keys(stage: str) -> dict[str, str]:
    return {p.name: p.help for p in param_infos(STAGES.get(stage))}


def _stage_specs(c: Checker, raw: Any, path: str) -> list[StageSpec]:
    items = c.typed(raw, path, list, "a list of stages")
    specs = []
    for j, item in enumerate(items):
        p = f"{path}[{j}]"
        params: Any
        if isinstance(item, str):
            name, params = item, {}
        elif isinstance(item, Mapping) and len(item) == 1:
            name, params = next(iter(item.items()))
            params = params or {}
            if not isinstance(params, Mapping):
                raise c.fail(p, f"{p}: parameters of {name!r} must be a mapping, got {type(params).__name__}")
        else:
            raise c.fail(p, f"{p}: expected a stage name or {{name: {{params}}}}, got {item!r}")
        if name not in STAGES:
            raise c.fail(p, f"{p}: {STAGES.unknown_message(str(name))}")
        specs.append(StageSpec(str(name), dict(params)))
    return specs


def list_recipes(folder: Path) -> list[tuple[Path, str, str]]:
    """``(path, name, description)`` of every recipe file in ``folder`` (each loaded and checked)."""
    out = []
    for path in sorted(folder.glob("*.yaml")):
        rec = load_recipe(path)
        out.append((path, rec.name, rec.description))
    return out
