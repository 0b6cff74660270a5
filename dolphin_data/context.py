"""Run-wide settings, in one home: the ``RunContext`` every stage of a run receives.

A recipe's loader builds it from the recipe's top level (``seed``, ``sequence_len``, ``training:``, output format);
a stage command builds it from defaults and its options. A stage parameter that mirrors a run-wide setting
(``tokens.max_len`` and ``sequence_len``, the ``sample`` seed and ``seed``, ...) takes its value from here unless
given; in a recipe, a stage parameter that disagrees with the run-wide setting is an error (one setting, one home).
``workers`` bounds every kind of parallelism of the run: processes of the executor, and threads inside them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class TrainingSpec:
    """The trainer's batch settings (Dolphin 2.9 model card): used for the packing and steps-per-epoch estimate."""

    micro_batch_size: int = 3
    gradient_accumulation_steps: int = 4
    num_gpus: int = 8
    num_epochs: int = 3
    sample_packing: bool = True
    val_set_size: float = 0.0002
    train_on_inputs: bool = False

    # (low, high) inclusive bounds checked by the recipe loader
    BOUNDS = {
        "micro_batch_size": (1, 4096),
        "gradient_accumulation_steps": (1, 65536),
        "num_gpus": (1, 65536),
        "num_epochs": (1, 1000),
        "val_set_size": (0.0, 0.5),
    }


@dataclass(frozen=True)
class RunContext:
    seed: int = 42
    sequence_len: int = 4096
    output_format: str = "sharegpt"
    training: TrainingSpec = field(default_factory=TrainingSpec)
    workers: int = 1
    # a recipe: stage parameters that mirror a setting here must agree with it (stage commands: they override it)
    strict: bool = False

    def value(self, path: str) -> Any:
        """A setting by dotted path, e.g. ``sequence_len`` or ``training.num_gpus``."""
        obj: Any = self
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj

    def paths(self) -> list[str]:
        out = [f.name for f in fields(self) if f.name not in ("training", "strict", "workers")]
        return out + [f"training.{f.name}" for f in fields(TrainingSpec)]


def resolve_workers(workers: int | None) -> int:
    """``None`` = every core this process may use."""
    if workers is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not Linux
            return os.cpu_count() or 1
    return max(1, int(workers))
