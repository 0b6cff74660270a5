"""Axolotl's config schema for the keys dolphin-data writes, and a checker (Axolotl is not installed for `make test`).

Written from Axolotl's pydantic input models and docs, for two generations:
- "0.19": axolotl 0.19.0 from PyPI (the last release for Python 3.11): ``axolotl/utils/schemas/{config,model,
  training,peft,datasets,enums,validation}.py`` (``AxolotlInputConfig``, ``SFTDataset``, ``ChatTemplate``,
  ``SpecialTokensConfig``, the validators ``deprecate_sharegpt_datasets``, ``check_warmup``, ``check_saves``,
  ``check_eval_packing``, ``LoraConfig.validate_adapter``); ``type: chat_template`` only.
- "0.4": axolotl 0.4.x (the Dolphin 2.9 card's version), ``src/axolotl/utils/config/models/input/v0_4_1`` and
  ``docs/dataset-formats/conversation.qmd``: ``type: sharegpt`` with a FastChat ``conversation`` template.
Optimizer and scheduler names are transformers' ``OptimizerNames`` / ``SchedulerType`` (Axolotl passes them on).
"""

from __future__ import annotations

from typing import Any

OPTIMIZERS = {  # transformers OptimizerNames (4.40 .. 5.x) that Axolotl accepts, plus Axolotl's own
    "adamw_torch",
    "adamw_torch_fused",
    "adamw_apex_fused",
    "adamw_anyprecision",
    "adamw_bnb_8bit",
    "adamw_8bit",
    "adamw_torch_8bit",
    "paged_adamw_8bit",
    "paged_adamw_32bit",
    "adafactor",
    "sgd",
    "adagrad",
    "lion_8bit",
    "lion_32bit",
    "paged_lion_8bit",
    "paged_lion_32bit",
    "rmsprop",
    "ademamix",
    "ademamix_8bit",
    "schedule_free_adamw",
    "optimi_adamw",
    "ao_adamw_8bit",
    "ao_adamw_4bit",
    "adopt_adamw",
    "came_pytorch",
    "muon",
}
SCHEDULERS = {
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
    "one_cycle",
    "rex",
    "log_sweep",
}  # the last three: Axolotl's own
CHAT_TEMPLATES = {
    "alpaca",
    "chatml",
    "mistral_v1",
    "mistral_v2v3",
    "mistral_v3_tekken",
    "gemma",
    "cohere",
    "llama3",
    "llama3_2_vision",
    "phi_3",
    "phi_35",
    "deepseek_v2",
    "deepseek_v3",
    "jamba",
    "jinja",
    "qwen_25",
    "tokenizer_default",
    "exaone",
    "metharme",
}
FASTCHAT_CONVERSATIONS = {"chatml", "vicuna_v1.1", "llama-2", "llama-3", "zephyr", "mistral", "alpaca"}

BOOL = (bool,)
INT = (int,)
NUM = (int, float)
STR = (str,)

# key -> (accepted Python types, allowed values or None); bool is rejected where an int/float is wanted
TOP: dict[str, tuple[tuple[type, ...], Any]] = {
    "base_model": (STR, None),
    "model_type": (STR, None),
    "tokenizer_type": (STR, None),
    "load_in_8bit": (BOOL, None),
    "load_in_4bit": (BOOL, None),
    "strict": (BOOL, None),
    "datasets": ((list,), None),
    "chat_template": (STR, CHAT_TEMPLATES),
    "dataset_prepared_path": (STR, None),
    "val_set_size": (NUM, None),
    "output_dir": (STR, None),
    "sequence_len": (INT, None),
    "sample_packing": (BOOL, None),
    "pad_to_sequence_len": (BOOL, None),
    "eval_sample_packing": (BOOL, None),
    "train_on_inputs": (BOOL, None),
    "micro_batch_size": (INT, None),
    "gradient_accumulation_steps": (INT, None),
    "num_epochs": (NUM, None),
    "optimizer": (STR, OPTIMIZERS),
    "lr_scheduler": (STR, SCHEDULERS),
    "learning_rate": ((str, int, float), None),
    "weight_decay": (NUM, None),
    "warmup_steps": (INT, None),
    "bf16": ((bool, str), {True, False, "auto"}),
    "tf32": (BOOL, None),
    "gradient_checkpointing": ((bool, str), {True, False, "offload"}),
    "gradient_checkpointing_kwargs": ((dict,), None),
    "flash_attention": (BOOL, None),
    "logging_steps": (INT, None),
    "saves_per_epoch": (INT, None),
    "save_total_limit": (INT, None),
    "evals_per_epoch": (INT, None),
    "special_tokens": ((dict,), None),
    "tokens": ((list,), None),
}
REQUIRED = ("base_model", "learning_rate", "datasets")
SPECIAL_TOKENS = {"bos_token", "eos_token", "pad_token", "unk_token", "additional_special_tokens"}
DATASET: dict[str, tuple[tuple[type, ...], Any]] = {
    "path": (STR, None),
    "type": (STR, None),
    "conversation": (STR, FASTCHAT_CONVERSATIONS),
    "field_messages": (STR, None),
    "message_property_mappings": ((dict,), None),
    "roles_to_train": ((list,), None),
    "message_field_training": (STR, None),
}
DATASET_TYPES = {"0.4": {"sharegpt"}, "0.19": {"chat_template"}}


def _check(obj: dict[str, Any], spec: dict[str, tuple[tuple[type, ...], Any]], where: str) -> list[str]:
    errors = []
    for key, value in obj.items():
        if key not in spec:
            errors.append(f"{where}{key}: not a key dolphin-data should write (typo?)")
            continue
        types, allowed = spec[key]
        if isinstance(value, bool) and bool not in types and str not in types:
            errors.append(f"{where}{key}: {value!r} is a bool, expected {'/'.join(t.__name__ for t in types)}")
        elif not isinstance(value, types):
            errors.append(
                f"{where}{key}: {value!r} is {type(value).__name__}, expected {'/'.join(t.__name__ for t in types)}"
            )
        elif allowed is not None and value not in allowed:
            errors.append(f"{where}{key}: {value!r} is not an allowed value")
    return errors


def check_config(cfg: dict[str, Any], generation: str) -> list[str]:
    """Every way ``cfg`` breaks the schema of Axolotl ``generation`` ("0.4" or "0.19"); [] when it passes."""
    errors = _check(cfg, TOP, "")
    errors += [f"{k}: required" for k in REQUIRED if k not in cfg]
    if cfg.get("load_in_8bit") or cfg.get("load_in_4bit"):
        errors.append("load_in_8bit/load_in_4bit: not supported without an adapter (full fine-tune)")
    if cfg.get("warmup_steps") and cfg.get("warmup_ratio"):
        errors.append("warmup_steps and warmup_ratio are mutually exclusive")
    if cfg.get("saves_per_epoch") and cfg.get("save_steps"):
        errors.append("saves_per_epoch and save_steps are mutually exclusive")
    if cfg.get("evals_per_epoch") and cfg.get("eval_steps"):
        errors.append("evals_per_epoch and eval_steps are mutually exclusive")
    for key in ("sequence_len", "micro_batch_size", "gradient_accumulation_steps", "num_epochs"):
        if isinstance(cfg.get(key), int | float) and not isinstance(cfg.get(key), bool) and cfg[key] <= 0:
            errors.append(f"{key}: must be positive")
    if isinstance(cfg.get("val_set_size"), int | float) and not 0 <= cfg["val_set_size"] < 1:
        errors.append("val_set_size: a fraction in [0, 1)")
    if isinstance(cfg.get("learning_rate"), str):
        try:
            float(cfg["learning_rate"])
        except ValueError:
            errors.append(f"learning_rate: {cfg['learning_rate']!r} is not a number")
    errors += _check(cfg.get("special_tokens") or {}, dict.fromkeys(SPECIAL_TOKENS, (STR, None)), "special_tokens.")
    if "tokens" in cfg and not all(isinstance(t, str) for t in cfg["tokens"]):
        errors.append("tokens: a list of strings")
    kw = cfg.get("gradient_checkpointing_kwargs") or {}
    if kw.get("use_reentrant"):
        errors.append("gradient_checkpointing_kwargs.use_reentrant: must be false here")
    for i, ds in enumerate(cfg.get("datasets") or []):
        errors += check_dataset(ds, generation, f"datasets[{i}].")
    if not cfg.get("datasets"):
        errors.append("datasets: at least one")
    return errors


def check_dataset(ds: Any, generation: str, where: str = "") -> list[str]:
    if not isinstance(ds, dict):
        return [f"{where.rstrip('.')}: a mapping"]
    errors = _check(ds, DATASET, where)
    if "path" not in ds:
        errors.append(f"{where}path: required")
    kind = ds.get("type")
    if kind not in DATASET_TYPES[generation]:
        errors.append(
            f"{where}type: {kind!r} is not read by Axolotl {generation} (expects {sorted(DATASET_TYPES[generation])})"
        )
    if kind == "sharegpt" and ds.get("conversation") is None:
        errors.append(f"{where}conversation: required with type: sharegpt (the FastChat template)")
    if kind == "chat_template":
        mapping = ds.get("message_property_mappings") or {}
        if set(mapping) - {"role", "content", "reasoning_content", "tool_calls", "name", "tool_call_id"}:
            errors.append(f"{where}message_property_mappings: unknown message properties {sorted(mapping)}")
        if not all(isinstance(v, str) for v in mapping.values()):
            errors.append(f"{where}message_property_mappings: values must be field names")
        roles = ds.get("roles_to_train") or []
        if not all(r in {"system", "user", "assistant", "tool"} for r in roles):
            errors.append(f"{where}roles_to_train: {roles!r} are not chat_template roles")
    return errors
