"""A small build the Hugging Face and Axolotl tests share: two sources (Orca-Math Parquet, ShareGPT JSONL with one
broken row) and, with ``agent=True``, an Agent-FLAN source whose per-turn loss flags make every file carry a
``train`` flag on every turn; built once per test module into a folder of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dolphin_data.engine.run import build_recipe
from dolphin_data.recipe import load_recipe

RECIPE = """\
name: hub-mini
description: A two-source mix for the Hugging Face tests.
seed: 42
sequence_len: 2048
output: {{dir: out, format: {fmt}{data_root}}}
training:
  micro_batch_size: 2
  gradient_accumulation_steps: 2
  num_gpus: 1
  num_epochs: 1
  val_set_size: 0.0
  base_model: {base_model}
  learning_rate: 2e-5
sources:
  - name: math
    output: Orca-Math-mini.jsonl
    converter: orca_math
    upstream: {{repo: microsoft/orca-math-word-problems-200k, files: ["data/*.parquet"]}}
  - name: chat
    output: chat-mini.jsonl
    converter: sharegpt
    license: cc-by-4.0
    upstream: {{repo: someone/chat-mini, files: [chat.jsonl]}}
    floor: {{max_rejected: 1.0}}
"""
AGENT_SOURCE = """  - name: agent
    output: agent-mini.jsonl
    converter: agent_flan
    upstream: {repo: internlm/Agent-FLAN, files: [agent.jsonl]}
"""
AGENT = [
    {
        "id": f"a{i}",
        "conversation": [
            {"role": "system", "content": "You can run bash.", "loss": False},
            {"role": "user", "content": f"List the files in /tmp/{i}.", "loss": False},
            {"role": "assistant", "content": "Think: list them.\nAct: bash", "loss": i % 2 == 0},  # a turn not trained
            {"role": "user", "content": "a.txt b.txt", "loss": False},
            {"role": "assistant", "content": "Act: answer(a.txt, b.txt)", "loss": True},
        ],
    }
    for i in range(3)
]

MATH = [
    {"question": f"What is {i} + {i}?", "answer": f"{i} + {i} = {2 * i}. The answer is {2 * i}."} for i in range(1, 8)
]
CHAT = [
    {
        "conversations": [
            {"from": "system", "value": "You are terse."},
            {"from": "human", "value": f"Say {w}."},
            {"from": "gpt", "value": f"{w.capitalize()}."},
        ]
    }
    for w in ("yes", "no", "maybe", "hello")
] + [{"conversations": [{"from": "human", "value": "Only a question?"}]}]  # rejected: schema:too_few_turns


def make_raw(root: Path) -> Path:
    raw = root / "raw"
    (raw / "math" / "data").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(MATH), raw / "math" / "data" / "train-00000-of-00001.parquet")
    (raw / "chat").mkdir(parents=True)
    (raw / "chat" / "chat.jsonl").write_text("".join(json.dumps(r) + "\n" for r in CHAT))
    (raw / "agent").mkdir(parents=True)
    (raw / "agent" / "agent.jsonl").write_text("".join(json.dumps(r) + "\n" for r in AGENT))
    return raw


def build(
    root: Path,
    fmt: str = "sharegpt",
    data_root: str = "",
    base_model: str = "meta-llama/Meta-Llama-3-8B",
    agent: bool = False,
) -> tuple[Path, dict[str, Any]]:
    """Write the recipe and raw files under ``root`` and build into ``root/out``."""
    root.mkdir(parents=True, exist_ok=True)
    raw = make_raw(root)
    path = root / "hub-mini.yaml"
    extra = f", data_root: {data_root}" if data_root else ""
    path.write_text(
        RECIPE.format(fmt=fmt, data_root=extra, base_model=base_model or "null") + (AGENT_SOURCE if agent else "")
    )
    out = root / "out"
    manifest = build_recipe(load_recipe(path), out, raw, workers=1)
    return out, manifest
