"""Stage ``systemchat_select``: keep only conversations with a real system prompt (what ``systemchat build`` takes from
other sources)."""

from __future__ import annotations

from dolphin_data.batch import Batch
from dolphin_data.stages.base import STAGES, BatchStage, StageOutput

# Stock prompts a converter or trainer fills in: they carry no instruction worth teaching.
DEFAULT_PROMPTS = frozenset(
    p.lower()
    for p in (
        "You are a helpful assistant.",
        "You are a helpful assistant",
        "You are a helpful, respectful and honest assistant.",
        "You are an AI assistant.",
        "You are a helpful AI assistant.",
    )
)


def has_real_system_prompt(prompt: str | None) -> bool:
    return bool(prompt and prompt.strip() and prompt.strip().lower() not in DEFAULT_PROMPTS)


@STAGES.register("systemchat_select")
class SystemChatSelectStage(BatchStage):
    """Keep only conversations with a real system prompt (not empty, not a stock default) -> system:not_selected."""

    name = "systemchat_select"

    def process(self, batch: Batch) -> StageOutput:
        out = StageOutput()
        for i, prompt in enumerate(batch.system_prompts()):
            if not has_real_system_prompt(prompt):
                out.drop(i, "system:not_selected", record=False)
        return out
