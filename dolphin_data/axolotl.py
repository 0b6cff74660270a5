"""The Axolotl ``datasets:`` blocks a build writes beside its files: <= 0.4 ``type: sharegpt`` and >= 0.5
``type: chat_template``. Paths are relative to the build folder (copy the folder, the config still works)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dolphin_data.context import RunContext


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(obj: Any) -> str:
    return yaml.dump(obj, Dumper=_NoAliases, sort_keys=False)


def write_axolotl_configs(ctx: RunContext, out_dir: Path, outputs: Sequence[str], chat_template: str = "chatml") -> None:
    field_messages = "messages" if ctx.output_format == "messages" else "conversations"
    common = {
        "sequence_len": ctx.sequence_len,
        "sample_packing": ctx.training.sample_packing,
        "train_on_inputs": ctx.training.train_on_inputs,
        "val_set_size": ctx.training.val_set_size,
        "chat_template": chat_template,
    }
    if ctx.output_format == "sharegpt":
        sharegpt = {"datasets": [{"path": o, "type": "sharegpt", "conversation": "chatml"} for o in outputs], **common}
        (out_dir / "axolotl.yaml").write_text(
            "# Axolotl <= 0.4 (type: sharegpt), as in the Dolphin 2.9 config; paths relative to this folder\n"
            + dump(sharegpt))
    mapping = {"role": "from", "content": "value"} if field_messages == "conversations" else {"role": "role", "content": "content"}
    chat = {
        "datasets": [
            {"path": o, "type": "chat_template", "field_messages": field_messages, "message_property_mappings": mapping,
             "roles_to_train": ["assistant"]}
            for o in outputs
        ],
        **common,
    }
    name = "axolotl.yaml" if ctx.output_format == "messages" else "axolotl-chat_template.yaml"
    (out_dir / name).write_text("# Axolotl >= 0.5 (type: chat_template); paths relative to this folder\n" + dump(chat))
