"""Golden-file tests for every registered converter (tests/fixtures/convert/<converter>.*).

A converter without a fixture fails here; to add or refresh goldens run
``python tests/fixtures/convert/regen.py`` and review the diff of the .expected/.rejects files.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from dolphin_data.converters import CONVERTERS

FIXTURES = Path(__file__).parent / "fixtures" / "convert"

_spec = importlib.util.spec_from_file_location("convert_fixture_regen", FIXTURES / "regen.py")
assert _spec and _spec.loader
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", CONVERTERS.names())
def test_converter_matches_golden(name: str) -> None:
    inputs = regen.fixture_inputs()
    assert name in inputs, (
        f"converter {name!r} has no fixture in {FIXTURES} (add <name>.jsonl/.json/.parquet, run regen.py)"
    )
    expected_path = FIXTURES / f"{name}.expected.jsonl"
    rejects_path = FIXTURES / f"{name}.rejects.jsonl"
    assert expected_path.exists() and rejects_path.exists(), (
        f"run python {FIXTURES / 'regen.py'} to create the goldens for {name!r}"
    )
    kept, rejects = regen.run_converter(name, inputs[name])
    assert kept == _read(expected_path)
    assert rejects == _read(rejects_path)


@pytest.mark.parametrize("name", CONVERTERS.names())
def test_fixture_has_kept_and_rejected_rows(name: str) -> None:
    """Every fixture exercises both paths: at least one good row and at least one malformed row."""
    assert _read(FIXTURES / f"{name}.expected.jsonl"), f"{name}: no kept rows in the fixture"
    assert _read(FIXTURES / f"{name}.rejects.jsonl"), f"{name}: no malformed rows in the fixture"


def test_every_fixture_belongs_to_a_converter() -> None:
    stray = sorted(set(regen.fixture_inputs()) - set(CONVERTERS.names()))
    assert not stray, f"fixtures for unknown converters: {stray}"
