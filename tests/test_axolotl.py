"""The Axolotl configs a build writes: usable as they are (schema of the Axolotl they name, paths that resolve,
fields the data has, no YAML anchors), the full training config from the recipe's training: block, --data-root;
and, where Axolotl is installed (extra `dolphin-data[axolotl]`), its own preprocessing on the generated config."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from dolphin_data.errors import RecipeError
from dolphin_data.recipe import load_recipe
from tests.axolotl_schema import check_config
from tests.conftest import read_jsonl
from tests.hub_build import RECIPE, build

GENERATION = {
    "axolotl.yaml": "0.4",
    "axolotl-train.yaml": "0.4",
    "axolotl-chat_template.yaml": "0.19",
    "axolotl-train-chat_template.yaml": "0.19",
}


@pytest.fixture(scope="module")
def sharegpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("axo-sharegpt"))[0]


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("axo-flagged"), agent=True)[0]


@pytest.fixture(scope="module")
def messages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("axo-messages"), fmt="messages", data_root="/workspace/data/mini")[0]


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def check_against_data(cfg: dict[str, Any], folder: Path, data_root: str = "") -> None:
    """Each dataset path names a build file, and its records have the fields the entry reads."""
    for ds in cfg["datasets"]:
        rel = ds["path"][len(data_root) + 1 :] if data_root else ds["path"]
        assert not Path(rel).is_absolute() and (folder / rel).is_file(), ds["path"]
        for rec in read_jsonl(folder / rel):
            if ds["type"] == "sharegpt":
                turns = rec["conversations"]
                assert all(set(t) >= {"from", "value"} for t in turns)
                assert {t["from"] for t in turns} <= {"system", "human", "gpt"}
            else:
                turns = rec[ds["field_messages"]]
                mapping = ds["message_property_mappings"]
                wanted = set(mapping.values()) | (
                    {ds["message_field_training"]} if "message_field_training" in ds else set()
                )
                assert all(set(t) >= wanted for t in turns)
                # chat_template's role aliases: human->user, gpt->assistant
                roles = {t[mapping["role"]] for t in turns}
                assert roles <= {"system", "human", "gpt", "user", "assistant"}


def test_sharegpt_build_writes_both_generations_and_they_pass_the_schema(sharegpt):
    names = sorted(p.name for p in sharegpt.glob("axolotl*.yaml"))
    assert names == sorted(GENERATION)
    for name, generation in GENERATION.items():
        text = (sharegpt / name).read_text()
        assert "&" not in text and "*id" not in text, f"{name}: YAML anchors/aliases"
        cfg = load(sharegpt / name)
        if "train" in name:
            assert check_config(cfg, generation) == [], name
        else:  # a datasets: block and the keys that must agree with the data, for pasting into a config
            assert set(cfg) == {
                "datasets",
                "sequence_len",
                "sample_packing",
                "train_on_inputs",
                "val_set_size",
                "chat_template",
            }
            assert check_config({**cfg, "base_model": "m", "learning_rate": 1e-5}, generation) == [], name
        check_against_data(cfg, sharegpt)


def test_train_config_carries_the_recipe_and_the_cards_settings(sharegpt):
    cfg = load(sharegpt / "axolotl-train.yaml")
    # from the recipe's training: block (tests/hub_build.py) and sequence_len
    assert {
        k: cfg[k]
        for k in (
            "base_model",
            "sequence_len",
            "micro_batch_size",
            "gradient_accumulation_steps",
            "num_epochs",
            "val_set_size",
            "learning_rate",
        )
    } == {
        "base_model": "meta-llama/Meta-Llama-3-8B",
        "sequence_len": 2048,
        "micro_batch_size": 2,
        "gradient_accumulation_steps": 2,
        "num_epochs": 1,
        "val_set_size": 0.0,
        "learning_rate": 2e-5,
    }
    # defaults: the Dolphin 2.9 card's values
    assert {
        k: cfg[k]
        for k in (
            "optimizer",
            "lr_scheduler",
            "weight_decay",
            "sample_packing",
            "pad_to_sequence_len",
            "eval_sample_packing",
            "train_on_inputs",
            "chat_template",
        )
    } == {
        "optimizer": "adamw_8bit",
        "lr_scheduler": "cosine",
        "weight_decay": 0.05,
        "sample_packing": True,
        "pad_to_sequence_len": True,
        "eval_sample_packing": False,
        "train_on_inputs": False,
        "chat_template": "chatml",
    }
    assert cfg["special_tokens"] == {"eos_token": "<|im_end|>"}  # no pad_token in this recipe: the tokenizer's
    assert cfg["tokens"] == ["<|im_start|>", "<|im_end|>"]
    assert "warmup_steps" not in cfg and cfg["evals_per_epoch"] == 0  # no validation split, no evals
    assert [d["path"] for d in cfg["datasets"]] == ["Orca-Math-mini.jsonl", "chat-mini.jsonl"]
    chat = load(sharegpt / "axolotl-train-chat_template.yaml")
    assert chat["datasets"][0] == {
        "path": "Orca-Math-mini.jsonl",
        "type": "chat_template",
        "field_messages": "conversations",
        "message_property_mappings": {"role": "from", "content": "value"},
        "roles_to_train": ["assistant"],
    }
    assert "1 GPU(s): total batch 2 x 2 x 1 = 4" in (sharegpt / "axolotl-train.yaml").read_text()


def test_per_turn_train_flags_are_wired_into_chat_template_configs(flagged, sharegpt):
    for name, generation in GENERATION.items():
        cfg = load(flagged / name)
        if "train" in name:
            assert check_config(cfg, generation) == [], name
        check_against_data(cfg, flagged)  # every turn of every file has the flag the config names
        fields = {d.get("message_field_training") for d in cfg["datasets"]}
        assert fields == ({None} if generation == "0.4" else {"train"}), name
    assert "type: sharegpt cannot read them" in (flagged / "axolotl-train.yaml").read_text()
    # the Agent-FLAN turn with loss false stays untrained; a build without flags names no training field
    agent = read_jsonl(flagged / "agent-mini.jsonl")
    assert [t["train"] for t in agent[1]["conversations"]] == [False, False, False, False, True]
    assert all(
        "message_field_training" not in d for d in load(sharegpt / "axolotl-train-chat_template.yaml")["datasets"]
    )


def test_the_2_9_recipe_writes_the_cards_config():
    from dolphin_data.axolotl import train_config

    rec = load_recipe(Path(__file__).resolve().parent.parent / "recipes" / "2.9.yaml")
    cfg = train_config(rec.ctx, [s.output for s in rec.sources], "sharegpt")
    assert check_config(cfg, "0.4") == []
    card = {
        "base_model": "meta-llama/Meta-Llama-3-8B",
        "sequence_len": 4096,
        "sample_packing": True,
        "pad_to_sequence_len": True,
        "eval_sample_packing": False,
        "micro_batch_size": 3,
        "gradient_accumulation_steps": 4,
        "num_epochs": 3,
        "optimizer": "adamw_8bit",
        "lr_scheduler": "cosine",
        "learning_rate": 2e-5,
        "val_set_size": 0.0002,
        "train_on_inputs": False,
        "weight_decay": 0.05,
        "special_tokens": {"eos_token": "<|im_end|>", "pad_token": "<|end_of_text|>"},
        "tokens": ["<|im_start|>", "<|im_end|>"],
        "chat_template": "chatml",
        "warmup_steps": 7,
    }
    assert {k: cfg[k] for k in card} == card
    assert [d["path"] for d in cfg["datasets"]][:2] == ["dolphin201-sharegpt2.jsonl", "Ultrachat200kunfiltered.jsonl"]


def test_messages_build_with_data_root(messages):
    names = sorted(p.name for p in messages.glob("axolotl*.yaml"))
    assert names == ["axolotl-train.yaml", "axolotl.yaml"]  # chat_template only: sharegpt cannot read messages
    for name in names:
        cfg = load(messages / name)
        assert [d["path"] for d in cfg["datasets"]] == [
            "/workspace/data/mini/Orca-Math-mini.jsonl",
            "/workspace/data/mini/chat-mini.jsonl",
        ]
        assert {d["field_messages"] for d in cfg["datasets"]} == {"messages"}
        check_against_data(cfg, messages, "/workspace/data/mini")
    assert check_config(load(messages / "axolotl-train.yaml"), "0.19") == []
    assert "dataset paths under /workspace/data/mini" in (messages / "axolotl-train.yaml").read_text()


def test_no_base_model_no_training_config(tmp_path):
    out, _ = build(tmp_path, base_model="")
    assert sorted(p.name for p in out.glob("axolotl*.yaml")) == ["axolotl-chat_template.yaml", "axolotl.yaml"]
    assert "axolotl-train" not in (out / "README.md").read_text()


def test_build_command_data_root_option(tmp_path, cli):
    from tests.hub_build import make_raw

    raw = make_raw(tmp_path)
    recipe = tmp_path / "r.yaml"
    recipe.write_text(RECIPE.format(fmt="sharegpt", data_root="", base_model="org/model"))
    res = cli("build", recipe, "--raw", raw, "--out", tmp_path / "o", "--data-root", "/data/x/", "-q", "-w", "1")
    assert res.exit_code == 0, res.output
    cfg = load(tmp_path / "o" / "axolotl-train.yaml")
    assert [d["path"] for d in cfg["datasets"]] == ["/data/x/Orca-Math-mini.jsonl", "/data/x/chat-mini.jsonl"]


def test_the_checker_catches_what_axolotl_would_refuse(sharegpt):
    good = load(sharegpt / "axolotl-train-chat_template.yaml")

    def broken(**change: Any) -> list[str]:
        cfg = copy.deepcopy(good)
        for k, v in change.items():
            if v is None:
                cfg.pop(k)
            else:
                cfg[k] = v
        return check_config(cfg, "0.19")

    assert broken(base_model=None) == ["base_model: required"]
    assert broken(optimizer="adamw8bit") == ["optimizer: 'adamw8bit' is not an allowed value"]
    assert broken(lr_scheduler="cosinus") == ["lr_scheduler: 'cosinus' is not an allowed value"]
    assert broken(learning_rate="fast") == ["learning_rate: 'fast' is not a number"]
    assert broken(micro_batch_size=True) == ["micro_batch_size: True is a bool, expected int"]
    assert broken(load_in_8bit=True) == ["load_in_8bit/load_in_4bit: not supported without an adapter (full fine-tune)"]
    assert broken(chat_template="chatml2") == ["chat_template: 'chatml2' is not an allowed value"]
    assert broken(sequenc_len=10) == ["sequenc_len: not a key dolphin-data should write (typo?)"]
    sharegpt_type = [{"path": "a.jsonl", "type": "sharegpt", "conversation": "chatml"}]
    assert broken(datasets=sharegpt_type) == [
        "datasets[0].type: 'sharegpt' is not read by Axolotl 0.19 (expects ['chat_template'])"
    ]
    assert check_config(load(sharegpt / "axolotl-train.yaml"), "0.19") != []  # 0.4's config is not 0.19's


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  learning_rate: fast", "training.learning_rate: expected float, got str 'fast'"),
        ("  lr_scheduler: cosinus", "training.lr_scheduler: 'cosinus' is not one of linear, cosine"),
        ("  base_model: 3", "training.base_model: expected str, got int 3"),
        ("  warmup_steps: -1", "training.warmup_steps: -1 is out of range"),
    ],
)
def test_recipe_checks_the_new_training_keys(tmp_path, line, message):
    text = RECIPE.format(fmt="sharegpt", data_root="", base_model="org/m").replace("  learning_rate: 2e-5", line)
    path = tmp_path / "r.yaml"
    path.write_text(text)
    with pytest.raises(RecipeError, match=message.replace("(", r"\(")):
        load_recipe(path)


def test_recipe_reads_2e_minus_5_as_a_number(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RECIPE.format(fmt="sharegpt", data_root="", base_model="org/m"))  # learning_rate: 2e-5
    assert load_recipe(path).training.learning_rate == 2e-5


# --- the real Axolotl (optional: `pip install 'dolphin-data[axolotl]'`) -------------------------------------------


def local_llama3_model(folder: Path) -> Path:
    """A tokenizer with Llama 3's exact vocabulary (quicktok, offline) and a tiny Llama config: what
    `axolotl preprocess` loads for base_model (no weights: preprocessing tokenizes, it does not load the model)."""
    import base64
    import json

    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast
    from transformers.convert_slow_tokenizer import TikTokenConverter

    from dolphin_data.tokens.encoding import quicktok_data_dir, read_quicktok_special, read_quicktok_vocab

    data = quicktok_data_dir()
    ranks = read_quicktok_vocab(data / "llama3.vocab")
    tik = folder / "llama3.tiktoken"
    folder.mkdir(parents=True, exist_ok=True)
    tik.write_bytes(
        b"".join(base64.b64encode(t) + b" %d\n" % r for t, r in sorted(ranks.items(), key=lambda kv: kv[1]))
    )
    specials = read_quicktok_special(data / "llama3.special")
    tok = TikTokenConverter(
        vocab_file=str(tik), extra_special_tokens=[t for t, _ in sorted(specials.items(), key=lambda kv: kv[1])]
    ).converted()
    tok.post_processor = processors.TemplateProcessing(
        single="<|begin_of_text|> $A", special_tokens=[("<|begin_of_text|>", 128000)]
    )
    PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<|begin_of_text|>", eos_token="<|end_of_text|>"
    ).save_pretrained(folder)
    (folder / "config.json").write_text(
        json.dumps(
            {
                "architectures": ["LlamaForCausalLM"],
                "model_type": "llama",
                "vocab_size": 128256,
                "hidden_size": 64,
                "intermediate_size": 128,
                "num_hidden_layers": 1,
                "num_attention_heads": 2,
                "num_key_value_heads": 2,
                "max_position_embeddings": 8192,
                "bos_token_id": 128000,
                "eos_token_id": 128001,
            }
        )
    )
    tik.unlink()
    return folder


@pytest.mark.timeout(1800)  # Axolotl imports torch in every worker: minutes on a small CPU machine
def test_real_axolotl_preprocesses_the_generated_config(flagged, tmp_path):
    pytest.importorskip("axolotl", reason="Axolotl not installed (pip install 'dolphin-data[axolotl]')")
    datasets = pytest.importorskip("datasets")
    model = local_llama3_model(tmp_path / "model")
    cfg = load(flagged / "axolotl-train-chat_template.yaml")
    assert {d["message_field_training"] for d in cfg["datasets"]} == {"train"}
    cfg.update(
        base_model=str(model),
        dataset_prepared_path=str(tmp_path / "prepared"),
        output_dir=str(tmp_path / "o"),
        flash_attention=False,
        sample_packing=False,
        pad_to_sequence_len=False,
        bf16=False,
        optimizer="adamw_torch",
        dataset_num_proc=1,
    )  # CPU: no flash-attn, bitsandbytes; same data handling
    config = tmp_path / "axolotl-train.yaml"
    config.write_text(yaml.safe_dump(cfg, sort_keys=False))
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
        "DO_NOT_TRACK": "1",
        "AXOLOTL_DO_NOT_TRACK": "1",
        "WANDB_MODE": "disabled",
    }
    res = subprocess.run(
        [sys.executable, "-m", "axolotl.cli.preprocess", str(config)],
        cwd=flagged,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    prepared = list((tmp_path / "prepared").rglob("dataset_info.json"))
    assert prepared, "axolotl wrote no prepared dataset"
    rows = [r for p in prepared for r in datasets.load_from_disk(str(p.parent))]
    kept = sum(len(read_jsonl(flagged / d["path"])) for d in cfg["datasets"])
    assert len(rows) == kept  # every built record survives Axolotl's own tokenisation and checks
    # the per-turn flags decide what trains: Agent-FLAN's loss-false assistant turn is masked, the other is not
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model))
    trained = {}
    for r in rows:
        text = tok.decode(r["input_ids"])
        for i in range(3):
            if f"/tmp/{i}." in text:
                trained[i] = tok.decode([t for t, lab in zip(r["input_ids"], r["labels"], strict=True) if lab != -100])
    assert sorted(trained) == [0, 1, 2]
    assert all("Act: answer(a.txt, b.txt)" in t and "/tmp/" not in t for t in trained.values())
    assert ["Think: list them." in trained[i] for i in range(3)] == [True, False, True]
