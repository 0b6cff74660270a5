"""Checks of the unfilter stage's parameters: each returns the normalised value or raises a one-line ``ParamError``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dolphin_data.stages import ParamError
from dolphin_data.unfilter.policy import POLICIES, POLICY_ALIASES
from dolphin_data.unfilter.rules import LAYERS

ROLE_NAMES = {"gpt": "gpt", "assistant": "gpt", "human": "human", "user": "human", "system": "system"}


def as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def check_policy(policy: str) -> str:
    policy = POLICY_ALIASES.get(policy, policy)
    if policy not in POLICIES:
        raise ParamError(f"stage 'unfilter': policy {policy!r} is not one of {', '.join(POLICIES)}")
    return policy


def check_roles(roles: str | Sequence[str]) -> list[str]:
    roles = as_list(roles)
    bad = [r for r in roles if r not in ROLE_NAMES]
    if bad or not roles:
        raise ParamError(f"stage 'unfilter': roles {bad or roles!r}: use gpt, human, system (or assistant, user)")
    return roles


def check_layers(layers: str | Sequence[str]) -> list[str]:
    layers = as_list(layers)
    bad = [x for x in layers if x not in LAYERS]
    if bad:
        raise ParamError(
            f"stage 'unfilter': layer {bad[0]!r} is not one of {', '.join(LAYERS)} "
            "(the classifier is set with `classifier: default`, a model path, or null)"
        )
    return layers


def check_file(name: str, path: str | None) -> str | None:
    if path is not None and not Path(path).is_file():
        raise ParamError(f"stage 'unfilter': {name} file {path!r} not found")
    return path


def model_choice(value: str | bool | None) -> str | None:
    """``default``, a model path, or None (off); true/false as the YAML spellings of default/off."""
    return "default" if value is True else (None if value is False else value)


def check_probability(name: str, value: Any, zero: bool = False) -> float:
    """A float in (0, 1] (``zero``: [0, 1])."""
    ok = isinstance(value, int | float) and (float(value) >= 0.0 if zero else float(value) > 0.0) and value <= 1.0
    if not ok:
        raise ParamError(f"stage 'unfilter': {name} must be in {'[0' if zero else '(0'}, 1], got {value!r}")
    return float(value)


def check_languages(languages: str | Sequence[str] | None) -> list[str] | None:
    if languages is None:
        return None
    out = as_list(languages)
    if not out or not all(isinstance(x, str) and x for x in out):
        raise ParamError("stage 'unfilter': languages must be a list of ISO codes, e.g. [en, fr]")
    return out
