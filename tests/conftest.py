"""Shared test helpers: a conversation factory and an in-process CLI runner."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from dolphin_data.cli import app
from dolphin_data.model import Conversation, Turn

REPO = Path(__file__).resolve().parent.parent


def make_conv(*pairs: tuple[str, str], system: str | None = None, id: str = "t:1", source: str = "t") -> Conversation:
    """make_conv(("hi", "hello"), ("more?", "sure"), system="Be brief.")"""
    turns = [Turn("system", system)] if system else []
    for human, gpt in pairs:
        turns += [Turn("human", human), Turn("gpt", gpt)]
    return Conversation(id, source, tuple(turns), {})


def read_jsonl(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in Path(path).read_bytes().splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list) -> Path:
    Path(path).write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return Path(path)


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke
