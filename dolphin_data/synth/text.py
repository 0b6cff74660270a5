"""Vectorised synthetic text: Zipf vocabularies, one token table, and runs of words assembled by one gather.

A *token* is a word with its capitalisation and the separator that follows it (``"Bako, "``), or a literal (a
JSON scaffold piece, a system prompt, a planted phrase, a number). Every token has a raw form (the text) and a
JSON form (escaped for a JSON string, or the scaffold as is). Text of any size is an int32 array of token ids
turned into bytes by one ``polars`` gather + join (Rust), so no Python runs per word or per row.

Vocabularies (fixed, seed-independent; the corpus seed only changes which words are drawn):

* ``en``: about 100 common English function words (ranks 1-100, none of the words refusal, leak or directive
  rules key on: no "I", "we", "you", "my", "not", "can", "system", "model", ...), 300 numbers, 15,000 real English
  words of the Llama 3 vocabulary (in its merge order, which follows frequency) and 15,000 made-up words from a
  syllable grammar (the rare tail); Zipf ``s = 1.0`` over the ranks, as in English text.
* ``fr``, ``de``, ``es``, ``ru``: real function words of each language plus made-up words from accented
  (or Cyrillic) syllables; ``zh``: 1-2 character words over 2,500 CJK characters, no spaces.
* ``code``: keywords, operators and snake_case identifiers with code separators (newline + indent).

Separators come from nine slots (space, comma, sentence end, paragraph, colon, question, and three run ends);
the word after a sentence end is capitalised.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SLOTS = ("space", "comma", "dot", "para", "colon", "question", "end_dot", "end_q", "none")
S = len(SLOTS)
SPACE, COMMA, DOT, PARA, COLON, QUESTION, END_DOT, END_Q, END_NONE = range(S)
SENTENCE_END = np.array([0, 0, 1, 1, 0, 1, 0, 0, 0], dtype=bool)
LATIN_SEPS = (" ", ", ", ". ", ".\n\n", ": ", "? ", ".", "?", "")
CJK_SEPS = ("", "，", "。", "。\n\n", "：", "？", "。", "？", "")
CODE_SEPS = (" ", ", ", "\n", "\n\n", "\n    ", "\n        ", "", "", "")
PROSE_SEP_P = (0.845, 0.07, 0.06, 0.012, 0.006, 0.007, 0.0, 0.0, 0.0)
CODE_SEP_P = (0.5, 0.08, 0.12, 0.02, 0.18, 0.1, 0.0, 0.0, 0.0)
ZIPF_BITS = 18  # inverse-CDF lookup table of 2**18 entries per vocabulary (fits in cache)

# Words the unfilter, leak and directive rules key on never enter a vocabulary (see the module docstring).
# fmt: off
BLOCKED = frozenset(
    [
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "yours", "not", "no", "nor", "never", "cannot",
        "can", "cant", "won", "wont", "sorry", "unable", "ai", "bot", "chatbot", "model", "models", "language",
        "languages", "system", "prompt", "message", "instructions", "instructed", "assistant", "please", "remember",
        "mind", "note", "important", "ethical", "moral", "appropriate", "harmful", "harm", "illegal", "policy",
        "policies", "guidelines", "rules", "refuse", "decline", "apologize", "apology", "program", "software",
        "programming", "artificial", "intelligence", "openai", "words", "word", "letter", "letters", "json", "caps",
        "upper", "lower", "capital", "english", "french", "spanish", "german", "russian", "chinese", "instead",
        "rather",
    ]
)
# fmt: on

# fmt: off
EN_FUNCTION = [
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "with", "as", "was", "on", "be", "by", "this",
    "are", "from", "or", "at", "which", "an", "have", "has", "had", "were", "been", "their", "they", "there", "these",
    "those", "its", "into", "than", "then", "also", "more", "most", "some", "such", "each", "other", "when", "where",
    "many", "all", "both", "between", "after", "before", "over", "under", "about", "through", "during", "while",
    "because", "so", "if", "but", "one", "two", "three", "first", "new", "time", "year", "people", "way", "day",
    "part", "number", "water", "city", "world", "work", "life", "state", "group", "place", "point", "case", "week",
    "company", "area", "home", "side", "level", "line", "order", "power", "form", "name", "market", "field", "data",
    "value", "result", "process", "example", "use", "make", "find", "give", "take", "show", "early", "late", "small",
    "large", "long", "high", "low",
]
# fmt: on
# fmt: off
FR_FUNCTION = [
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "dans", "pour", "que", "qui", "sur", "avec",
    "par", "au", "aux", "ce", "cette", "ces", "il", "elle", "ils", "sont", "plus", "comme", "mais", "ou", "son", "sa",
    "ses", "leur", "tout", "fait", "entre", "aussi", "bien", "sans", "sous", "deux",
]
# fmt: on
# fmt: off
DE_FUNCTION = [
    "der", "die", "das", "und", "ist", "in", "zu", "den", "von", "mit", "sich", "des", "auf", "für", "im", "dem",
    "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei",
    "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "zum", "war", "haben", "nur", "oder", "aber", "vor",
    "zur", "bis", "mehr", "durch",
]
# fmt: on
# fmt: off
ES_FUNCTION = [
    "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con", "una", "su", "al",
    "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "porque", "esta", "entre", "cuando", "muy", "sin",
    "sobre", "también", "hasta", "hay", "donde", "desde", "todo", "durante", "todos",
]
# fmt: on
# fmt: off
RU_FUNCTION = [
    "и", "в", "на", "что", "он", "с", "как", "а", "то", "все", "она", "так", "его", "но", "да", "к", "у", "же", "за",
    "бы", "по", "только", "ее", "было", "вот", "от", "еще", "о", "из", "ему", "теперь", "когда", "даже", "если",
    "уже", "или", "быть", "был", "до", "там", "потом", "может", "они", "тут", "где", "есть", "для", "чем", "была",
    "сам", "без", "будет", "тогда", "кто", "этот", "того", "потому", "этого", "какой", "здесь", "этом", "один",
    "почти", "тем", "при", "два", "после", "над", "больше", "тот", "через", "эти", "про", "всего", "них", "много",
    "три", "эту", "перед", "иногда", "лучше", "том", "такой", "между",
]
# fmt: on


@dataclass(frozen=True)
class Vocab:
    name: str
    words: tuple[str, ...]  # index = Zipf rank - 1
    caps: bool
    seps: tuple[str, ...]  # one string per slot
    sep_p: tuple[float, ...]
    zipf_s: float = 1.0

    @property
    def width(self) -> int:
        """Tokens per word: every (capitalisation, separator) combination."""
        return (2 if self.caps else 1) * S


def _syllable_words(
    rng: np.random.Generator,
    n: int,
    onsets: Sequence[str],
    vowels: Sequence[str],
    codas: Sequence[str],
    exclude: set[str],
    min_len: int = 3,
    max_len: int = 11,
) -> list[str]:
    """``n`` distinct made-up words of 1-4 syllables (onset + vowel + optional coda), drawn in batches."""
    out: list[str] = []
    seen = set(exclude)
    while len(out) < n:
        m = 2 * (n - len(out)) + 64
        ks = rng.choice(np.array([1, 2, 2, 3, 3, 3, 4]), m).tolist()
        parts = np.stack(
            [
                rng.integers(0, len(onsets), (m, 4)),
                rng.integers(0, len(vowels), (m, 4)),
                rng.integers(0, len(codas), (m, 4)),
            ],
            axis=-1,
        ).tolist()
        for k, syl in zip(ks, parts, strict=True):
            w = "".join(onsets[o] + vowels[v] + codas[c] for o, v, c in syl[:k])
            if min_len <= len(w) <= max_len and w not in seen and w not in BLOCKED:
                seen.add(w)
                out.append(w)
                if len(out) == n:
                    break
    return out


def _interleave(function: list[str], numbers: list[str], made_up: list[str], every: int) -> tuple[str, ...]:
    """Function words first (the most frequent ranks), then made-up words with a number every ``every`` ranks."""
    out = list(function)
    it = iter(numbers)
    for i, w in enumerate(made_up):
        if i % every == every - 1:
            nxt = next(it, None)
            if nxt is not None:
                out.append(nxt)
        out.append(w)
    return tuple(out)


# fmt: off
CONSONANTS = (
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr", "gr", "pl",
    "st", "tr", "sh", "ch", "th",
)
# fmt: on
CODAS = ("", "", "", "", "n", "r", "s", "l", "m", "t", "k", "nd", "st")


EN_WORDS = 15_000  # real English words (the rest of the 30,000 made up), so text tokenises like English


def _english_words(n: int, exclude: set[str]) -> list[str]:
    """The first ``n`` lowercase English words of the Llama 3 vocabulary (tokens " word"), in merge order, which
    follows frequency: real words at a realistic Zipf rank, so Llama 3 tokenises the text as it does English (about
    4 characters a token; made-up words take twice as many tokens and make counting slower than on real data)."""
    import re

    from dolphin_data.systemchat.leak_patterns import CONTEXT_WORDS
    from dolphin_data.tokens.encoding import quicktok_data_dir, read_quicktok_vocab

    # nor words that give "the system message" another sense (OS, device, error, LLM): the rules key on them too
    context = re.compile(CONTEXT_WORDS, re.I)
    ranks = read_quicktok_vocab(quicktok_data_dir() / "llama3.vocab")
    out: list[str] = []
    for tok, _ in sorted(ranks.items(), key=lambda kv: kv[1]):
        if len(tok) < 4 or tok[:1] != b" " or not tok[1:].isalpha() or not tok[1:].islower() or not tok[1:].isascii():
            continue
        w = tok[1:].decode()
        if w in exclude or w in BLOCKED or context.fullmatch(w):
            continue
        out.append(w)
        if len(out) >= n:
            break
    return out


@functools.cache
def vocabularies() -> tuple[Vocab, ...]:
    """The fixed vocabularies, in table order (built once per process from seed 7)."""
    rng = np.random.default_rng(7)
    blocked = set(EN_FUNCTION) | set(FR_FUNCTION) | set(DE_FUNCTION) | set(ES_FUNCTION)
    numbers = [str(x) for x in range(0, 101)] + [str(x) for x in range(1990, 2031)]
    numbers += [f"{x / 10:.1f}" for x in rng.choice(np.arange(11, 999), 80, replace=False)]
    numbers += [str(int(x)) for x in rng.choice(np.arange(101, 100_000), 78, replace=False)]
    english = _english_words(EN_WORDS, blocked)
    made_up = _syllable_words(rng, 30_000 - len(english), CONSONANTS, "aeiou", CODAS, blocked | set(english))
    en = _interleave(EN_FUNCTION, numbers, english + made_up, 100)
    # fmt: off
    fr = _interleave(
        FR_FUNCTION,
        [],
        _syllable_words(
            rng,
            5000,
            ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "qu", "gr"),
            ("a", "e", "i", "o", "u", "é", "è", "ou", "ai", "eau", "eu"),
            ("", "", "", "n", "r", "s", "t", "x", "ille"),
            blocked,
        ),
        100,
    )
    # fmt: on
    # fmt: off
    de = _interleave(
        DE_FUNCTION,
        [],
        _syllable_words(
            rng,
            5000,
            ("b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "s", "t", "w", "z", "sch", "st", "kr", "pf"),
            ("a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie"),
            ("", "", "n", "r", "s", "t", "ch", "ng", "ß", "nd"),
            blocked,
        ),
        100,
    )
    # fmt: on
    # fmt: off
    es = _interleave(
        ES_FUNCTION,
        [],
        _syllable_words(
            rng,
            5000,
            ("b", "c", "d", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ll", "ñ", "ch", "rr"),
            ("a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú", "ue", "ia"),
            ("", "", "", "n", "r", "s", "l", "d"),
            blocked,
        ),
        100,
    )
    # fmt: on
    # fmt: off
    ru = _interleave(
        RU_FUNCTION,
        [],
        _syllable_words(
            rng,
            5000,
            tuple("бвгдзклмнпрстфхцчшщж"),
            tuple("аеиоуыэюяё"),
            ("", "", "", "н", "р", "с", "т", "й", "л", "в"),
            set(RU_FUNCTION),
        ),
        100,
    )
    # fmt: on
    chars = [chr(c) for c in rng.choice(np.arange(0x4E00, 0x9FA5), 2500, replace=False)]
    zh_words: list[str] = []
    seen: set[str] = set()
    while len(zh_words) < 8000:
        ks = rng.choice(np.array([1, 2, 2]), 8000).tolist()
        idx = rng.integers(0, len(chars), (8000, 2)).tolist()
        for k, pair in zip(ks, idx, strict=True):
            w = "".join(chars[i] for i in pair[:k])
            if w not in seen and len(zh_words) < 8000:
                seen.add(w)
                zh_words.append(w)
    # fmt: off
    keywords = (
        "def", "return", "if", "else", "for", "in", "while", "import", "from", "class", "self", "None", "True",
        "False", "print", "len", "range", "const", "let", "function", "var", "SELECT", "FROM", "WHERE", "JOIN",
        "public", "static", "void", "new", "try", "except", "catch", "raise", "async", "await", "lambda", "int",
        "str", "list", "dict", "=", "==", "!=", "+", "-", "*", "/", "+=", "(", ")", "[", "]", "{", "}", ":", ";", ".",
        "->", "<", ">", "<=", ">=", "0", "1", "2", "10", "100", '""', "''", "\\n", "#", "//", "@", "%", "&&", "||",
    )
    # fmt: on
    idents = _syllable_words(rng, 2500, CONSONANTS, "aeiou", CODAS, blocked, 3, 8)
    code_words = list(keywords)
    for i in range(0, len(idents) - 1, 2):
        code_words += [idents[i], f"{idents[i]}_{idents[i + 1]}", f'"{idents[i + 1]}"']
    # fmt: off
    return (
        Vocab("en", en, True, LATIN_SEPS, PROSE_SEP_P),
        Vocab("fr", fr, True, LATIN_SEPS, PROSE_SEP_P),
        Vocab("de", de, True, LATIN_SEPS, PROSE_SEP_P),
        Vocab("es", es, True, LATIN_SEPS, PROSE_SEP_P),
        Vocab("ru", ru, True, LATIN_SEPS, PROSE_SEP_P),
        Vocab("zh", tuple(zh_words), False, CJK_SEPS, (0.82, 0.09, 0.07, 0.01, 0.005, 0.005, 0, 0, 0)),
        Vocab("code", tuple(code_words), False, CODE_SEPS, CODE_SEP_P, 1.1),
    )
    # fmt: on


VOCAB_NAMES = ("en", "fr", "de", "es", "ru", "zh", "code")
EN, FR, DE, ES, RU, ZH, CODE = range(len(VOCAB_NAMES))
FOREIGN = (FR, DE, ES, RU, ZH)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def vocab_tokens(v: Vocab) -> list[str]:
    """Raw token strings of a vocabulary block, id order ``(word * caps + cap) * S + slot``."""
    forms = [(w, _cap(w)) if v.caps else (w,) for w in v.words]
    return [f + sep for pair in forms for f in pair for sep in v.seps]


class Sampler:
    """Zipf word draws (an inverse-CDF table, one lookup per word) and separator draws for one vocabulary."""

    def __init__(self, v: Vocab):
        ranks = np.arange(1, len(v.words) + 1, dtype=np.float64)
        p = ranks**-v.zipf_s
        cdf = np.cumsum(p / p.sum())
        m = 1 << ZIPF_BITS
        self.words = np.minimum(np.searchsorted(cdf, (np.arange(m) + 0.5) / m), len(v.words) - 1).astype(np.int32)
        sep_cdf = np.cumsum(np.asarray(v.sep_p) / sum(v.sep_p))
        self.seps = np.minimum(np.searchsorted(sep_cdf, (np.arange(4096) + 0.5) / 4096), S - 1).astype(np.int8)
        self.caps = v.caps
        self.n_words = len(v.words)

    def draw(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        bits = rng.bit_generator.random_raw((n + 1) // 2).view(np.uint32)[:n]
        w = self.words[bits >> np.uint32(32 - ZIPF_BITS)]
        s = self.seps[bits & np.uint32(4095)]
        return w, s.astype(np.int32)


@functools.cache
def samplers() -> tuple[Sampler, ...]:
    return tuple(Sampler(v) for v in vocabularies())


def fill_runs(
    tokens: np.ndarray,
    starts: np.ndarray,
    lengths: np.ndarray,
    vocab: int,
    base: int,
    end_slot: np.ndarray,
    cap_first: np.ndarray,
    rng: np.random.Generator,
) -> None:
    """Write runs of ``lengths[i]`` word tokens of ``vocab`` at ``tokens[starts[i]:]``, in place.

    The last word of run ``i`` takes separator slot ``end_slot[i]``; its first word is capitalised when
    ``cap_first[i]`` (and the vocabulary has capitals), later words after a sentence end.
    """
    keep = lengths > 0
    starts, lengths, end_slot, cap_first = starts[keep], lengths[keep], end_slot[keep], cap_first[keep]
    n = int(lengths.sum())
    if n == 0:
        return
    smp = samplers()[vocab]
    w, s = smp.draw(rng, n)
    run_off = np.cumsum(lengths) - lengths
    last = run_off + lengths - 1
    s[last] = end_slot
    if smp.caps:
        cap = np.zeros(n, dtype=np.int32)
        cap[1:] = SENTENCE_END[s[:-1]]
        cap[run_off] = cap_first
        wid = (w * 2 + cap) * S + s
    else:
        wid = w * S + s
    tokens[np.repeat(starts - run_off, lengths) + np.arange(n, dtype=np.int64)] = base + wid


def word_slots(tokens: np.ndarray, base: int, vocab: int) -> np.ndarray:
    """Mask of the tokens that are words of ``vocab`` (for near-duplicate edits)."""
    return (tokens >= base) & (tokens < base + len(vocabularies()[vocab].words) * vocabularies()[vocab].width)


def replace_words(tokens: np.ndarray, positions: np.ndarray, base: int, vocab: int, rng: np.random.Generator) -> None:
    """Replace the words at ``positions`` by other words of the same vocabulary, keeping case and separator."""
    v = vocabularies()[vocab]
    rel = tokens[positions] - base
    per_word = v.width
    word, rest = rel // per_word, rel % per_word
    new = rng.integers(0, len(v.words) - 1, len(positions))
    new = np.where(new >= word, new + 1, new)  # never the same word
    tokens[positions] = base + new * per_word + rest
