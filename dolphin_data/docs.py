"""The parameter tables of ``docs/stages.md`` come from the stages themselves (``__init__`` defaults and the ``Args:``
help), so a parameter is declared once. ``python -m dolphin_data.docs`` rewrites the tables; a test checks them."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from dolphin_data.stages.base import STAGES, load_builtin_stages
from dolphin_data.stages.params import param_infos

HEADER = "| parameter | default | meaning |\n|---|---|---|\n"


def _default(value: Any, context: str | None) -> str:
    if context is not None:
        return f"recipe's `{context}`"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, str):
        return f'"{value}"' if " " in value else value
    return str(value)


def param_table(stage: str) -> str:
    rows = [f"| {i.name} | {_default(i.default, i.context)} | {i.help} |" for i in param_infos(STAGES.get(stage))]
    return HEADER + "\n".join(rows) + "\n" if rows else ""


def render(text: str) -> str:
    """``text`` with every stage section's parameter table replaced by the generated one."""
    load_builtin_stages()

    def section(m: re.Match[str]) -> str:
        name, body = m.group(1), m.group(2)
        if name not in STAGES:
            return m.group(0)
        table = param_table(name)
        body = re.sub(r"\| parameter \| default \| meaning \|\n\|---\|---\|---\|\n(?:\|.*\|\n)*", "", body)
        body = body.rstrip("\n") + "\n\n" + table if table else body
        return f"## {name}\n{body.rstrip()}\n\n"

    return re.sub(r"^## (\w+)\n(.*?)(?=^## |\Z)", section, text, flags=re.M | re.S).rstrip() + "\n"


def main(path: str = "docs/stages.md") -> None:
    p = Path(path)
    p.write_text(render(p.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
