"""Reading a recipe's YAML with the line of every path, and the checker that turns a bad value into a
``file:line: path: message`` error. Aliases are walked once (an alias bomb fails fast instead of hanging)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from dolphin_data.errors import RecipeError
from dolphin_data.sources import path_problem

MAX_EXPANDED = 1_000_000  # values a recipe may expand to through YAML aliases (an alias bomb expands to billions)
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: linear, nesting capped at 1000 levels


def line_map(root: yaml.Node, out: dict[str, int]) -> None:
    """The line of every path; a node reached again through an alias is not walked again (linear time)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        out[path] = node.start_mark.line + 1
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = f"{path}.{k.value}" if path else str(k.value)
                out[key] = k.start_mark.line + 1
                stack.append((v, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(node.value))


def check_expansion(root: yaml.Node, path: Path) -> None:
    """Fail when aliases make the recipe expand past MAX_EXPANDED values, naming the first node that does."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        kids = (
            [x for kv in node.value for x in kv]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        if not done:
            stack.append((node, True))
            stack.extend((k, False) for k in kids if id(k) not in size)
            continue
        size[id(node)] = 1 + sum(size.get(id(k), 1) for k in kids)
        if size[id(node)] > MAX_EXPANDED:
            raise RecipeError(
                "",
                f"YAML aliases (*name) expand this value to more than {MAX_EXPANDED:,} values; "
                f"write the recipe without alias bombs",
                file=f"{path}:{node.start_mark.line + 1}",
            )


class Checker:
    def __init__(self, file: Path, lines: dict[str, int]):
        self.file = file
        self.lines = lines

    def fail(self, path: str, msg: str) -> RecipeError:
        line = self.lines.get(path)
        while line is None and path:
            path_parent = path.rsplit(".", 1)[0] if "." in path else path.rsplit("[", 1)[0]
            if path_parent == path:
                break
            path, line = path_parent, self.lines.get(path_parent)
        where = f"{self.file}:{line}" if line else str(self.file)
        return RecipeError("", f"{msg}", file=where)

    def mapping(self, value: Any, path: str, allowed: dict[str, str], required: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"{path or 'recipe'}: expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in allowed:
                raise self.fail(
                    f"{path}.{key}" if path else str(key),
                    f"{path + '.' if path else ''}{key}: unknown key; valid keys: {', '.join(allowed)}",
                )
        for key in required:
            if key not in value:
                raise self.fail(path, f"{path + '.' if path else ''}{key}: missing (required: {allowed[key]})")
        return dict(value)

    def valid(self, problem: str | None, path: str) -> None:
        if problem:
            raise self.fail(path, f"{path}: {problem}")

    def in_range(self, value: float, path: str, lo: float, hi: float) -> None:
        if not lo <= value <= hi:
            raise self.fail(path, f"{path}: {value!r} is out of range; use a value from {lo} to {hi}")

    def patterns(self, value: Any, path: str) -> tuple[str, ...]:
        """A list of relative glob patterns (no absolute paths, no '..')."""
        items = self.typed(value, path, list, "a list of glob patterns")
        for i, item in enumerate(items):
            self.typed(item, f"{path}[{i}]", str, "a glob pattern")
            self.valid(path_problem(item), f"{path}[{i}]")
        return tuple(items)

    def typed(self, value: Any, path: str, kind: type | tuple[type, ...], what: str) -> Any:
        if isinstance(value, bool) and kind in (int, float):
            raise self.fail(path, f"{path}: expected {what}, got {value!r}")
        if not isinstance(value, kind):
            raise self.fail(path, f"{path}: expected {what}, got {type(value).__name__} {value!r}")
        return value
