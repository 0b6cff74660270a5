"""The Axolotl configs a build writes beside its files.

- ``datasets:`` snippets, one per Axolotl generation: ``axolotl.yaml`` (the output format's own: ``type: sharegpt``
  for Axolotl <= 0.4 on sharegpt output, ``type: chat_template`` for >= 0.5 on messages output) and, for sharegpt
  output, ``axolotl-chat_template.yaml`` (the same files through Axolotl >= 0.5's ``chat_template`` with the
  ShareGPT field mappings). Each holds the ``datasets:`` list and the few keys that must agree with the data
  (sequence_len, sample_packing, train_on_inputs, val_set_size, chat_template), so a block can be pasted into an
  existing config.
- full training configs, generated from the recipe's ``training:`` block and the Dolphin 2.9 model card's settings:
  ``axolotl-train.yaml`` (the format's own generation) and, for sharegpt output, ``axolotl-train-chat_template.yaml``.
  Written only when the recipe names a ``training.base_model`` (a trainer config without a model is not usable).

Dataset paths are relative to the build folder (Axolotl resolves them from the folder it runs in: run it from the
build folder), or joined to ``data_root`` when the data will live elsewhere on the training machine. No YAML anchors
or aliases: every block can be copied alone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dolphin_data.context import RunContext

CHATML_TOKENS = ("<|im_start|>", "<|im_end|>")  # the card's added tokens
CHATML_EOS = "<|im_end|>"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)


def data_path(output: str, data_root: str | None) -> str:
    """Where Axolotl finds ``output``: the bare file name (relative to the build folder) or under ``data_root``."""
    if not data_root:
        return output
    return posixpath.join(data_root.rstrip("/") or "/", output)


def dataset_entries(
    outputs: Sequence[str],
    output_format: str,
    variant: str,
    data_root: str | None = None,
    train_field: str | None = None,
) -> list[dict[str, Any]]:
    """The ``datasets:`` list: ``variant`` ``sharegpt`` (Axolotl <= 0.4, sharegpt output only) or ``chat_template``.
    ``train_field``: the per-turn train flag every turn of the files carries (``chat_template`` reads it as
    ``message_field_training``; ``sharegpt`` has no per-turn mask and ignores it)."""
    paths = [data_path(o, data_root) for o in outputs]
    if variant == "sharegpt":
        if output_format != "sharegpt":
            raise ValueError("type: sharegpt reads ShareGPT files only")
        return [{"path": p, "type": "sharegpt", "conversation": "chatml"} for p in paths]
    if output_format == "sharegpt":
        field, mapping = "conversations", {"role": "from", "content": "value"}
    else:
        field, mapping = "messages", {"role": "role", "content": "content"}
    flags = {"message_field_training": train_field} if train_field else {}
    return [
        {
            "path": p,
            "type": "chat_template",
            "field_messages": field,
            "message_property_mappings": dict(mapping),
            "roles_to_train": ["assistant"],
            **flags,
        }
        for p in paths
    ]


def _variants(output_format: str) -> list[tuple[str, str, str]]:
    """(variant, snippet file, training-config file) for an output format; the format's own generation first."""
    if output_format == "sharegpt":
        return [
            ("sharegpt", "axolotl.yaml", "axolotl-train.yaml"),
            ("chat_template", "axolotl-chat_template.yaml", "axolotl-train-chat_template.yaml"),
        ]
    return [("chat_template", "axolotl.yaml", "axolotl-train.yaml")]


def _generation(variant: str) -> str:
    return "Axolotl <= 0.4 (type: sharegpt)" if variant == "sharegpt" else "Axolotl >= 0.5 (type: chat_template)"


def snippet(
    ctx: RunContext,
    outputs: Sequence[str],
    variant: str,
    chat_template: str = "chatml",
    data_root: str | None = None,
    train_field: str | None = None,
) -> dict[str, Any]:
    """A ``datasets:`` block with the keys that must agree with the data."""
    return {
        "datasets": dataset_entries(outputs, ctx.output_format, variant, data_root, train_field),
        "sequence_len": ctx.sequence_len,
        "sample_packing": ctx.training.sample_packing,
        "train_on_inputs": ctx.training.train_on_inputs,
        "val_set_size": ctx.training.val_set_size,
        "chat_template": chat_template,
    }


def train_config(
    ctx: RunContext,
    outputs: Sequence[str],
    variant: str,
    chat_template: str = "chatml",
    data_root: str | None = None,
    train_field: str | None = None,
) -> dict[str, Any]:
    """A complete Axolotl config: the recipe's ``training:`` settings, the card's fixed ones (full fine-tune, bf16,
    gradient checkpointing, flash attention, checkpoints and evals four times an epoch, ChatML special tokens)."""
    t = ctx.training
    if not t.base_model:
        raise ValueError("training.base_model is not set")
    special: dict[str, str] = {"eos_token": CHATML_EOS}
    if t.pad_token:
        special["pad_token"] = t.pad_token
    cfg: dict[str, Any] = {
        "base_model": t.base_model,
        "model_type": "AutoModelForCausalLM",
        "tokenizer_type": "AutoTokenizer",
        "load_in_8bit": False,
        "load_in_4bit": False,
        "strict": False,
        "datasets": dataset_entries(outputs, ctx.output_format, variant, data_root, train_field),
        "chat_template": chat_template,
        "dataset_prepared_path": "last_run_prepared",
        "val_set_size": t.val_set_size,
        "output_dir": "./out",
        "sequence_len": ctx.sequence_len,
        "sample_packing": t.sample_packing,
        "pad_to_sequence_len": t.pad_to_sequence_len,
        "eval_sample_packing": t.eval_sample_packing,
        "train_on_inputs": t.train_on_inputs,
        "micro_batch_size": t.micro_batch_size,
        "gradient_accumulation_steps": t.gradient_accumulation_steps,
        "num_epochs": t.num_epochs,
        "optimizer": t.optimizer,
        "lr_scheduler": t.lr_scheduler,
        "learning_rate": t.learning_rate,
        "weight_decay": t.weight_decay,
    }
    if t.warmup_steps is not None:
        cfg["warmup_steps"] = t.warmup_steps
    cfg.update(
        {
            "bf16": "auto",
            "tf32": False,
            "gradient_checkpointing": True,
            "gradient_checkpointing_kwargs": {"use_reentrant": False},
            "flash_attention": True,
            "logging_steps": 1,
            "saves_per_epoch": 4,
            "save_total_limit": 2,
            "evals_per_epoch": 4 if t.val_set_size > 0 else 0,
            "special_tokens": special,
            "tokens": list(CHATML_TOKENS),
        }
    )
    return cfg


def _flags_note(variant: str, train_field: str | None) -> str:
    if not train_field:
        return ""
    if variant == "sharegpt":
        return f"# Per-turn `{train_field}` flags are in the files; type: sharegpt cannot read them (all assistant turns train).\n"
    return f"# Per-turn `{train_field}` flags are in the files: message_field_training decides which turns train.\n"


def _where(data_root: str | None) -> str:
    if data_root:
        return f"dataset paths under {data_root}"
    return "dataset paths relative to this folder: run axolotl from here (or build with --data-root)"


def write_axolotl_configs(
    ctx: RunContext,
    out_dir: Path,
    outputs: Sequence[str],
    chat_template: str = "chatml",
    data_root: str | None = None,
    train_field: str | None = None,
) -> dict[str, str]:
    """Write the snippets and (with ``training.base_model``) the training configs; returns file name -> what it is.
    ``train_field``: the files carry a per-turn train flag of that name on every turn."""
    written: dict[str, str] = {}
    t = ctx.training
    for variant, snippet_name, train_name in _variants(ctx.output_format):
        head = f"# {_generation(variant)}: the datasets of this build; {_where(data_root)}\n"
        head += _flags_note(variant, train_field)
        (out_dir / snippet_name).write_text(
            head + dump(snippet(ctx, outputs, variant, chat_template, data_root, train_field))
        )
        written[snippet_name] = f"the `datasets:` block for {_generation(variant)}"
        if not t.base_model:
            continue
        gpus = t.num_gpus
        total = t.micro_batch_size * t.gradient_accumulation_steps * gpus
        head = (
            f"# {_generation(variant)} training config, generated from the recipe's training: block and the\n"
            f"# Dolphin 2.9 model card's settings; {_where(data_root)}.\n"
            f"# Planned for {gpus} GPU(s): total batch {t.micro_batch_size} x {t.gradient_accumulation_steps} x "
            f"{gpus} = {total}. Check: python -m axolotl.cli.preprocess {train_name}\n"
            f"# Train: accelerate launch -m axolotl.cli.train {train_name}\n" + _flags_note(variant, train_field)
        )
        (out_dir / train_name).write_text(
            head + dump(train_config(ctx, outputs, variant, chat_template, data_root, train_field))
        )
        written[train_name] = f"a complete training config for {_generation(variant)}"
    return written
