"""Stage parameters are declared once: the keyword arguments of the stage's ``__init__`` (type and default) and
the ``Args:`` section of its class docstring (one line of help each). From that one declaration come the recipe's
validation (``check_params``), the stage command's options (``dolphin_data.cli``) and the docs table check.

A parameter listed in the stage's ``context_params`` (``{"max_len": "sequence_len"}``) mirrors a run-wide setting
of ``RunContext``: left out, it takes the run's value; given in a recipe, it must agree with it.
"""

from __future__ import annotations

import difflib
import inspect
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dolphin_data.context import RunContext
from dolphin_data.errors import UserError


class ParamError(UserError):
    """A stage parameter is unknown or has a bad value (raised at recipe load, so before any work)."""


@dataclass(frozen=True)
class ParamInfo:
    name: str
    type: Any  # the resolved annotation
    default: Any
    help: str
    context: str | None = None  # the RunContext setting it mirrors

    @property
    def base(self) -> Any:
        """The annotation without ``| None``."""
        args = [a for a in typing.get_args(self.type) if a is not type(None)]
        if _is_union(self.type) and len(args) == 1:
            return args[0]
        return self.type

    @property
    def optional(self) -> bool:
        return _is_union(self.type) and type(None) in typing.get_args(self.type)

    @property
    def choices(self) -> tuple[str, ...] | None:
        base = self.base
        if typing.get_origin(base) is Literal:
            return tuple(str(a) for a in typing.get_args(base))
        return None

    @property
    def is_list(self) -> bool:
        return typing.get_origin(self.base) in (tuple, list, typing.Sequence, _abc_sequence())


def _abc_sequence() -> Any:
    import collections.abc

    return collections.abc.Sequence


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def docstring_args(cls: type) -> dict[str, str]:
    """``name -> help`` from the ``Args:`` section of the class docstring (continuation lines joined)."""
    doc = inspect.getdoc(cls) or ""
    out: dict[str, str] = {}
    in_args = False
    current: str | None = None
    for raw in doc.splitlines():
        if raw.strip() == "Args:":
            in_args = True
            continue
        if not in_args:
            continue
        if raw and not raw.startswith(" "):  # the next section
            break
        m = re.match(r"^\s{4}(\w+):\s*(.*)$", raw)
        if m:
            current = m.group(1)
            out[current] = m.group(2).strip()
        elif current and raw.strip():
            out[current] += " " + raw.strip()
    return out


_INFOS: dict[type, tuple[ParamInfo, ...]] = {}


def param_infos(cls: type) -> tuple[ParamInfo, ...]:
    """Every parameter of a stage class, in declaration order (read once per class)."""
    if cls not in _INFOS:
        _INFOS[cls] = _read_params(cls)
    return _INFOS[cls]


def _read_params(cls: type) -> tuple[ParamInfo, ...]:
    init = cls.__dict__.get("__init__") or next(c.__dict__["__init__"] for c in cls.__mro__ if "__init__" in c.__dict__)
    sig = inspect.signature(init)
    hints = typing.get_type_hints(init)
    helps = docstring_args(cls)
    ctx = getattr(cls, "context_params", {})
    out = []
    for name, p in sig.parameters.items():
        if name == "self" or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        default = None if p.default is inspect.Parameter.empty else p.default
        out.append(ParamInfo(name, hints.get(name, Any), default, helps.get(name, ""), ctx.get(name)))
    return tuple(out)


def check_value(stage: str, info: ParamInfo, value: Any) -> Any:
    """Type-check a value from a recipe or an option against the declared annotation; lists become tuples."""
    if value is None:
        if info.optional or info.default is None:
            return None
        raise ParamError(f"stage {stage!r}: {info.name} must not be null")
    base = info.base
    if info.choices is not None:
        if str(value) not in info.choices:
            close = difflib.get_close_matches(str(value), info.choices, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ParamError(f"stage {stage!r}: {info.name} {value!r} is not one of {', '.join(info.choices)}{hint}")
        return str(value)
    if info.is_list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ParamError(f"stage {stage!r}: {info.name} must be a list of strings, got {value!r}")
        return tuple(value)
    if base is bool:
        if not isinstance(value, bool):
            raise ParamError(f"stage {stage!r}: {info.name} must be true or false, got {value!r}")
        return value
    if base is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParamError(f"stage {stage!r}: {info.name} must be an integer, got {value!r}")
        return value
    if base is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParamError(f"stage {stage!r}: {info.name} must be a number, got {value!r}")
        return float(value)
    if base is str:
        if not isinstance(value, str):
            raise ParamError(f"stage {stage!r}: {info.name} must be a string, got {value!r}")
        return value
    return value  # a union the generic check does not know: the stage validates it


def check_params(stage: str, cls: type, params: Mapping[str, Any], ctx: RunContext) -> dict[str, Any]:
    """Validated keyword arguments for ``cls``: unknown names listed with the valid ones, types checked, run-wide
    settings filled in (and, for a recipe, disagreements refused)."""
    infos = {i.name: i for i in param_infos(cls)}
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key not in infos:
            close = difflib.get_close_matches(key, list(infos), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ParamError(
                f"unknown parameter {key!r} for stage {stage!r}{hint}; valid: {', '.join(infos) or '(none)'}"
            )
        out[key] = check_value(stage, infos[key], value)
    for info in infos.values():
        if info.context is None:
            continue
        run_value = ctx.value(info.context)
        if info.name not in out or out[info.name] is None:
            out[info.name] = run_value
        elif ctx.strict and out[info.name] != run_value:
            raise ParamError(
                f"stage {stage!r}: {info.name} {out[info.name]!r} disagrees with the recipe's {info.context} "
                f"{run_value!r}; set it once, at {info.context} (or remove {info.name})"
            )
    return out
