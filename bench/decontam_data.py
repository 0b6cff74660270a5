"""The decontamination benchmark's data, generated deterministically (seeded ``random``), offline.

Benchmarks: ``humaneval`` (the bundled 164 problems: prompt = question, canonical solution = answer) and
``pydoc`` (a prose stand-in: ``PROSE_ITEMS`` paragraphs of 25+ words from the Python documentation that ships with
the interpreter, ``pydoc_data.topics``; question only). Hosts: every conversation converted from the bundled
``raw/`` samples. Every item is planted into a host five ways:

positives (must be rejected)
* ``verbatim``: the question as the human turn, after the host's own question or alone.
* ``light_edit``: one word edit per ``EDIT_EVERY`` words (at least one): substitute, delete or insert a word,
  plus surface noise (case, punctuation, indentation) that normalisation absorbs.
* ``chat_format``: the question reformatted as a chat turn: a lead-in line, code in a Markdown fence re-indented to
  two spaces or prose as quoted/bulleted sentences, a closing line; for items with an answer, the answer in a
  fenced gpt turn.

negatives (must be kept)
* ``paraphrase``: the same content reworded at the word level (synonym swaps, inserted words, sentences in
  reverse order) so that no run of more than ``MAX_RUN`` original words survives: a lexical paraphrase.
* ``fragment``: a verbatim quote of ``FRAGMENT_SHARE`` of the item's words (the overlap share stays below 0.5).

Plus the hosts themselves (clean) and a speed corpus: ``speed_texts`` recombines the hosts' sentences into about
``mb`` megabytes of turns, with a few verbatim items planted.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

from dolphin_data.decontam.index import BenchItem
from dolphin_data.model import Conversation, Turn

REPO = Path(__file__).resolve().parent.parent
SEED = 14
PROSE_ITEMS = 300
EDIT_EVERY = 25
MAX_RUN = 6
FRAGMENT_SHARE = 0.15
POSITIVE = ("verbatim", "light_edit", "chat_format")
NEGATIVE = ("paraphrase", "fragment")
WORD = re.compile(r"\w+")

FILLERS = ["really", "quite", "also", "then", "still", "just", "here", "indeed", "simply", "now"]
SYNONYMS = {
    "the": "this",
    "a": "one",
    "an": "one",
    "of": "from",
    "to": "towards",
    "and": "plus",
    "in": "within",
    "is": "happens to be",
    "are": "happen to be",
    "that": "which",
    "for": "regarding",
    "with": "using",
    "given": "provided",
    "list": "sequence",
    "number": "value",
    "numbers": "values",
    "return": "give back",
    "returns": "gives back",
    "string": "text",
    "if": "when",
    "it": "this",
    "be": "become",
    "can": "may",
    "must": "has to",
    "each": "every",
    "all": "every",
    "not": "never",
    "by": "through",
    "as": "like",
    "or": "alternatively",
    "on": "upon",
    "this": "that",
    "function": "routine",
    "value": "quantity",
}
LEADS = [
    "Can you help me with this?",
    "Here's a problem from my course:",
    "I found this task, please solve it.",
    "Quick question.",
    "My teacher gave us this:",
]
CLOSINGS = ["Thanks!", "Please explain your steps.", "I am stuck on it.", ""]


@dataclass(frozen=True)
class Planted:
    conv: Conversation
    kind: str
    benchmark: str
    item: str

    @property
    def positive(self) -> bool:
        return self.kind in POSITIVE


def hosts() -> list[Conversation]:
    """Every conversation of the bundled raw/ samples (the 2.9 recipe's sources), converted."""
    from dolphin_data.recipe import load_recipe
    from dolphin_data.sources import resolve_raw_files
    from dolphin_data.stages.convert import convert_file

    out: list[Conversation] = []
    for spec in load_recipe(REPO / "recipes" / "2.9.yaml").sources:
        for f in resolve_raw_files(spec, REPO / "raw"):
            out += convert_file(f, spec.converter, spec.name)[0]
    return out


def prose_items(n: int = PROSE_ITEMS, seed: int = SEED) -> list[BenchItem]:
    import pydoc_data.topics

    paras = sorted({" ".join(p.split()) for text in pydoc_data.topics.topics.values() for p in text.split("\n\n")})
    good = [p for p in paras if len(WORD.findall(p)) >= 25 and not p.startswith(">>>")]
    rng = random.Random(seed)
    return [BenchItem("pydoc", f"pydoc/{i}", p) for i, p in enumerate(sorted(rng.sample(good, min(n, len(good)))))]


def benchmark_items() -> list[BenchItem]:
    from dolphin_data.decontam.sources import bundled_items

    return bundled_items()[0] + prose_items()


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def light_edit(text: str, rng: random.Random) -> str:
    spans = _spans(text)
    k = max(1, len(spans) // EDIT_EVERY)
    picks = sorted(rng.sample(range(len(spans)), k), reverse=True)
    for p in picks:
        a, b = spans[p]
        op = rng.choice(("sub", "del", "ins"))
        if op == "sub":
            text = text[:a] + rng.choice(FILLERS) + text[b:]
        elif op == "del":
            text = text[:a] + text[b:].lstrip(" ")
        else:
            text = text[:a] + rng.choice(FILLERS) + " " + text[a:]
    # surface noise that normalisation absorbs
    text = text.replace("    ", "  ").replace(", ", " , ", 2)
    return text[:1].upper() + text[1:] if rng.random() < 0.5 else text.lower()


def problem_prose(question: str) -> str:
    """A code problem as prose: its function name and the docstring without doctest lines."""
    name = re.findall(r"def (\w+)\(", question)
    doc = re.findall(r'("""|\'\'\')(.*?)\1', question, re.S)
    lines = [ln.strip() for ln in (doc[-1][1] if doc else "").splitlines()]
    prose, skip = [], False
    for ln in lines:
        if ln.startswith(">>>"):
            skip = True
            continue
        if skip and (not ln or not ln[0].isalpha()):
            continue
        skip = False
        prose.append(ln)
    head = f"Write a Python function called {name[-1]}. " if name else ""
    return head + " ".join(x for x in prose if x)


def paraphrase(text: str, rng: random.Random, max_run: int = MAX_RUN) -> str:
    """Reword so that no run of more than ``max_run`` original words is left (checked; retried tighter)."""
    for cap in range(max_run, 1, -1):
        result = _reword(text, rng, cap)
        if longest_shared_run(text, result) <= max_run:
            return result
    raise AssertionError(f"no paraphrase of {text[:60]!r} without a run over {max_run} words")


def _reword(text: str, rng: random.Random, cap: int) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    out_sentences = []
    for s in reversed(sentences):
        words = s.split()
        out, run = [], 0
        for w in words:
            key = w.lower().strip(".,;:!?()")
            if key in SYNONYMS and rng.random() < 0.7:
                out.append(SYNONYMS[key])
                run = 0
                continue
            n = len(WORD.findall(w))
            if n > cap:  # one token holding many words (dotted names, code): drop it
                continue
            if run + n > cap - 1:
                out.append(rng.choice(FILLERS))
                run = 0
            out.append(w)
            run += n
        out_sentences.append(" ".join(out))
    return " ".join(out_sentences)


def longest_shared_run(a: str, b: str) -> int:
    """Longest run of consecutive normalised words of ``a`` that also appears in ``b``."""
    wa, wb = WORD.findall(a.lower()), WORD.findall(b.lower())
    grams = {tuple(wb[i : i + k]) for k in range(1, 12) for i in range(len(wb) - k + 1)}
    best = 0
    for i in range(len(wa)):
        k = best + 1
        while i + k <= len(wa) and k < 12 and tuple(wa[i : i + k]) in grams:
            best, k = k, k + 1
    return best


def chat_format(item: BenchItem, rng: random.Random) -> tuple[str, str | None]:
    if item.benchmark == "humaneval":
        body = "```python\n" + item.question.replace("    ", "  ").strip() + "\n```"
        answer = "Here is a solution:\n\n```python\n" + item.answer.replace("    ", "  ") + "```"
    else:
        sents = [s for s in re.split(r"(?<=[.!?])\s+", item.question) if s]
        body = "\n".join(("> " if rng.random() < 0.5 else "- ") + s for s in sents)
        answer = None
    return f"{rng.choice(LEADS)}\n\n{body}\n\n{rng.choice(CLOSINGS)}".strip(), answer


def fragment(text: str, rng: random.Random) -> str:
    spans = _spans(text)
    k = max(5, int(len(spans) * FRAGMENT_SHARE))
    start = rng.randrange(0, max(1, len(spans) - k))
    return (
        'I once read this line: "'
        + text[spans[start][0] : spans[min(start + k, len(spans)) - 1][1]]
        + '" - what does it mean?'
    )


def plant(host: Conversation, human: str, gpt: str | None, cid: str) -> Conversation:
    turns = list(host.turns)
    hi = next(i for i, t in enumerate(turns) if t.role == "human")
    turns[hi] = Turn("human", human if random.Random(cid).random() < 0.5 else turns[hi].text + "\n\n" + human)
    if gpt is not None:
        gi = next(i for i, t in enumerate(turns) if t.role == "gpt")
        turns[gi] = Turn("gpt", gpt)
    return replace(host, id=cid, source="planted", turns=tuple(turns))


def planted_set(items: list[BenchItem], host_convs: list[Conversation], seed: int = SEED) -> list[Planted]:
    rng = random.Random(seed)
    out: list[Planted] = []
    for n, item in enumerate(items):

        def host() -> Conversation:
            return host_convs[rng.randrange(len(host_convs))]

        for kind in POSITIVE + NEGATIVE:
            cid = f"{kind}:{item.id}"
            gpt: str | None = None
            if kind == "verbatim":
                human = item.question
            elif kind == "light_edit":
                human = light_edit(item.question, rng)
            elif kind == "chat_format":
                human, gpt = chat_format(item, rng)
            elif kind == "paraphrase":
                prose = problem_prose(item.question) if item.benchmark == "humaneval" else item.question
                human = paraphrase(prose, rng)
            else:
                human = fragment(item.question, rng)
            out.append(Planted(plant(host(), human, gpt, cid), kind, item.benchmark, item.id))
        del n
    return out


def speed_texts(
    host_convs: list[Conversation], items: list[BenchItem], mb: float = 16.0, seed: int = SEED
) -> list[str]:
    """Turn texts recombined from the hosts' sentences (about ``mb`` MB); one in 2,000 is a verbatim item."""
    rng = random.Random(seed)
    pool = [
        s
        for c in host_convs
        for t in c.turns
        if t.role != "system"
        for s in re.split(r"(?<=[.!?])\s+", t.text)
        if s.strip()
    ]
    texts: list[str] = []
    size = 0
    while size < mb * 1e6:
        if rng.random() < 0.0005:
            t = rng.choice(items).question
        else:
            t = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        texts.append(t)
        size += len(t.encode("utf-8"))
    return texts
