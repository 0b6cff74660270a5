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
    """The trainer's settings (Dolphin 2.9 model card): the batch settings feed the packing and steps-per-epoch
    estimate; all of them go into the generated ``axolotl-train.yaml``. Defaults are the card's values where the card
    states one; ``base_model``, ``warmup_steps`` and ``pad_token`` depend on the model and default to unset."""

    micro_batch_size: int = 3
    gradient_accumulation_steps: int = 4
    num_gpus: int = 8
    num_epochs: int = 3
    sample_packing: bool = True
    val_set_size: float = 0.0002
    train_on_inputs: bool = False
    # the card's Axolotl config (used only for the generated training config)
    base_model: str | None = None  # unset: no axolotl-train.yaml (a trainer config needs the model)
    learning_rate: float = 2e-5
    lr_scheduler: str = "cosine"
    optimizer: str = "adamw_8bit"
    weight_decay: float = 0.05
    warmup_steps: int | None = None  # unset: Axolotl's default
    pad_to_sequence_len: bool = True
    eval_sample_packing: bool = False
    pad_token: str | None = None  # unset: the tokenizer's own

    # (low, high) inclusive bounds checked by the recipe loader
    BOUNDS = {
        "micro_batch_size": (1, 4096),
        "gradient_accumulation_steps": (1, 65536),
        "num_gpus": (1, 65536),
        "num_epochs": (1, 1000),
        "val_set_size": (0.0, 0.5),
        "learning_rate": (0.0, 1.0),
        "weight_decay": (0.0, 1.0),
        "warmup_steps": (0, 1_000_000),
    }
    # the type of a setting whose default is None (the others: the default's type)
    OPTIONAL = {"base_model": str, "warmup_steps": int, "pad_token": str}
    # allowed values (transformers' SchedulerType, which Axolotl passes the name to)
    CHOICES = {
        "lr_scheduler": (
            "linear",
            "cosine",
            "cosine_with_restarts",
            "polynomial",
            "constant",
            "constant_with_warmup",
            "inverse_sqrt",
            "reduce_lr_on_plateau",
            "cosine_with_min_lr",
            "warmup_stable_decay",
        ),
    }

    @classmethod
    def kind(cls, name: str) -> type:
        """The Python type a recipe must give for setting ``name``."""
        return cls.OPTIONAL.get(name) or type(getattr(cls(), name))


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
