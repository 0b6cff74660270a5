"""The docs stay complete: every command, converter, stage parameter and recipe key is documented."""

from __future__ import annotations

import re

import pytest
import typer

from dolphin_data.cli import app
from dolphin_data.converters import CONVERTERS
from dolphin_data.docs import render
from dolphin_data.recipe import SOURCE_KEYS, TOP_KEYS
from dolphin_data.stages import STAGES, load_builtin_stages
from dolphin_data.stages.params import param_infos
from tests.conftest import REPO

DOCS = REPO / "docs"


def commands(group, prefix=""):
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from commands(cmd, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", cmd


ALL_COMMANDS = list(commands(typer.main.get_command(app)))


@pytest.mark.parametrize(("name", "cmd"), ALL_COMMANDS, ids=[n for n, _ in ALL_COMMANDS])
def test_every_command_is_documented_and_has_help_with_an_example(name, cmd):
    top = name.split()[0]
    assert re.search(rf"^## {re.escape(top)}$", (DOCS / "cli.md").read_text(), re.M), f"docs/cli.md has no '## {top}'"
    assert f"dolphin-data {name}" in (DOCS / "cli.md").read_text() or name.endswith(" run"), name
    assert cmd.help and "Example:" in cmd.help, f"{name}: --help needs a description and an example"


def test_every_converter_is_in_the_table():
    text = (DOCS / "converters.md").read_text()
    for name in CONVERTERS.names():
        assert f"| {name} |" in text, name


def test_every_stage_parameter_is_declared_once_with_help_and_the_docs_tables_follow():
    load_builtin_stages()
    text = (DOCS / "stages.md").read_text()
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    for name, cls in STAGES.items():
        assert name in sections, f"docs/stages.md has no '## {name}'"
        for info in param_infos(cls):
            assert info.help, f"{name}.{info.name}: no help line in the class docstring's Args:"
    # the tables are generated from the declarations: `python -m dolphin_data.docs` rewrites them
    assert render(text) == text, "docs/stages.md tables are stale: run `python -m dolphin_data.docs`"


def test_every_recipe_key_is_documented():
    text = (DOCS / "recipes.md").read_text()
    for key in list(TOP_KEYS) + list(SOURCE_KEYS):
        assert f"| {key} |" in text, key
