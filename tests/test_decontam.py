"""decontam library: normalisation and hashing, the on-disk index, matching and overlap shares (exact values)."""

from __future__ import annotations

import numpy as np
import pytest

from dolphin_data.decontam import ngrams as G
from dolphin_data.decontam.index import BenchItem, Index, IndexSettings, build_index, read_header, write_index
from dolphin_data.decontam.match import match_texts
from dolphin_data.errors import UserError

# 40 distinct words; the benchmark question used throughout
WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
    "amber",
    "basil",
    "cedar",
    "dahlia",
    "ember",
    "fennel",
    "garnet",
    "hazel",
    "iris",
    "jasper",
    "kestrel",
    "lotus",
    "maple",
    "nutmeg",
]
QUESTION = " ".join(WORDS).capitalize() + "?"
ANSWER = "The answer is forty two because every single word here counts for the test."


def words_of(u: G.Units, data_text: str | None = None) -> list[bytes]:
    return [u.data[b:e] for b, e in zip(u.begin.tolist(), u.end.tolist(), strict=True)]


def make_index(tmp_path, items, **kw) -> Index:
    return Index.open(write_index(tmp_path / "ix.dcx", build_index(items, IndexSettings.of(**kw))))


def test_word_units_spans_and_normalisation():
    texts = ["Hello, World! foo_bar 42", "", "ÇA va? Été—fin"]
    u = G.units(texts)
    assert words_of(u) == [b"hello", b"world", b"foo_bar", b"42", "ça".encode(), b"va", "été".encode(), b"fin"]
    assert u.first.tolist() == [0, 4, 4, 8]
    # character spans in the original text, also for the non-ASCII one
    spans = [(u.char_offset(2, int(b)), u.char_offset(2, int(e))) for b, e in zip(u.begin[4:], u.end[4:], strict=True)]
    assert [texts[2][a:b] for a, b in spans] == ["ÇA", "va", "Été", "fin"]
    # a word of up to 8 bytes is its bytes as a little-endian integer
    assert int(u.values[0]) == int.from_bytes(b"hello", "little")


def test_same_words_same_hashes_whatever_the_case_and_punctuation():
    a, b = "Return the SUM of x, y.", "return   the sum\nof x y"
    ha = G.gram_hashes(G.prefix_sums(G.units([a]).values), 3)
    hb = G.gram_hashes(G.prefix_sums(G.units([b]).values), 3)
    assert len(ha) == 4 and ha.tolist() == hb.tolist()
    hc = G.gram_hashes(G.prefix_sums(G.units(["return the sum of x z"]).values), 3)
    assert ha[:3].tolist() == hc[:3].tolist() and ha[3] != hc[3]


def test_long_words_and_explicit_starts():
    w1, w2 = "a" * 70 + "x", "a" * 70 + "y"
    u = G.units([f"{w1} {w2} {w1}"])
    assert u.values[0] == u.values[2] != u.values[1]
    assert G.units(["b" * 12]).values[0] != G.units(["b" * 13]).values[0]
    p = G.prefix_sums(G.units([QUESTION]).values)
    assert G.gram_hashes(p, 13, np.array([0, 5, 27])).tolist() == G.gram_hashes(p, 13)[[0, 5, 27]].tolist()


def test_char_units_ignore_whitespace_only():
    u = G.units(["x = a+b", "X=A+B"], "char")
    assert words_of(u) == [b"x", b"=", b"a", b"+", b"b"] * 2
    p = G.prefix_sums(u.values)
    h = G.gram_hashes(p, 5, np.array([0, 5]))
    assert h[0] == h[1]


def test_index_roundtrip_counts_and_too_short(tmp_path):
    items = [
        BenchItem("b", "q1", QUESTION, ANSWER),
        BenchItem("b", "short", "Just five words right here."),
        BenchItem("c", "mid", "one two three four five six seven eight nine ten"),
    ]
    ix = make_index(tmp_path, items)
    h = ix.header
    assert [(b["name"], b["items"], b["indexed_items"], b["too_short"]) for b in h["benchmarks"]] == [
        ("b", 2, 1, 1),
        ("c", 1, 1, 0),
    ]
    assert ix.gram_lengths == [8, 13]
    # q1: 28 question grams + 2 answer 13-grams (14 answer words); mid: 3 8-grams
    assert h["stats"]["grams"] == 28 + 2 + 3
    assert ix.a["q_len"].tolist() == [40, 5, 10]
    assert ix.a["q_cov"].tolist() == [40, 0, 10] and ix.a["a_cov"].tolist() == [14, 0, 0]
    keys = ix.a["keys"]
    assert isinstance(keys.base, np.memmap) and not keys.flags["OWNDATA"]  # a view of the file mapping
    assert np.all(keys[1:] > keys[:-1])
    # same items, same bytes
    write_index(tmp_path / "again.dcx", build_index(items, IndexSettings()))
    assert (tmp_path / "again.dcx").read_bytes() == (tmp_path / "ix.dcx").read_bytes()


def test_template_grams_shared_by_many_items_are_dropped(tmp_path):
    template = "For which of these two scenarios does the main character do something clearly wrong here"
    items = [
        BenchItem(
            "t",
            f"i{k}",
            f"{template} scenario {k} involves {WORDS[k]} and {WORDS[k + 1]} with "
            f"{WORDS[k + 2]} {WORDS[k + 3]} {WORDS[k + 4]} {WORDS[k + 5]} today",
        )
        for k in range(25)
    ]
    ix = make_index(tmp_path, items, max_items_per_gram=20)
    # the template's 15 words + "scenario", shared by all 25 items: 4 13-grams
    assert ix.header["stats"]["common_grams_dropped"] == 4
    # a record quoting only the template matches nothing; one item in full matches only that item at 1.0
    assert match_texts([template], np.array([0]), ix, 0.5) == []
    (m,) = match_texts([items[7].question], np.array([0]), ix, 0.5)
    assert (ix.item_ids[m.item], m.share, m.items_over) == ("i7", 1.0, 1)


def test_overlap_share_counts_covered_words(tmp_path):
    ix = make_index(tmp_path, [BenchItem("b", "q1", QUESTION, ANSWER)])
    edited = WORDS.copy()
    edited[20] = "CHANGED"
    texts = ["Please solve: " + QUESTION, " ".join(edited), " ".join(WORDS[:20]), ANSWER, "unrelated words " * 10]
    ms = match_texts(texts, np.array([0, 1, 2, 3, 4]), ix, 0.5)
    got = {m.record: (m.share, m.question_share, m.answer_share, m.items_over) for m in ms}
    assert got == {0: (1.0, 1.0, 0.0, 1), 1: (0.975, 0.975, 0.0, 1), 2: (0.5, 0.5, 0.0, 1), 3: (0.0, 0.0, 1.0, 0)}
    m0 = next(m for m in ms if m.record == 0)
    assert texts[0][m0.start : m0.end] == QUESTION[:-1]  # the words' span, without the question mark
    # question_answer: both parts together
    qa = {m.record: m.share for m in match_texts(texts, np.array([0, 1, 2, 3, 4]), ix, 0.5, "question_answer")}
    assert qa[0] == round(40 / 54, 6) and qa[3] == round(14 / 54, 6)


def test_grams_never_cross_from_one_text_into_the_next(tmp_path):
    item = " ".join(WORDS[:13])
    ix = make_index(tmp_path, [BenchItem("b", "x", item)])
    assert match_texts([" ".join(WORDS[:7]), " ".join(WORDS[7:13])], np.array([0, 0]), ix, 0.5) == []
    (m,) = match_texts(["intro", item], np.array([0, 0]), ix, 0.5)
    assert (m.text, m.start, m.end, m.share) == (1, 0, len(item), 1.0)


def test_benchmark_filter_and_best_item_choice(tmp_path):
    items = [BenchItem("a", "a1", QUESTION), BenchItem("b", "b1", " ".join(WORDS[:30]) + " extra words appended here")]
    ix = make_index(tmp_path, items)
    (m,) = match_texts([QUESTION], np.array([0]), ix, 0.5)
    assert (ix.item_ids[m.item], m.share, m.items_over) == ("a1", 1.0, 2)
    (m,) = match_texts([QUESTION], np.array([0]), ix, 0.5, benchmarks=["b"])
    assert ix.item_ids[m.item] == "b1" and m.share == round(30 / 34, 6)


def test_bad_index_files_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="no such index file"):
        read_header(tmp_path / "missing.dcx")
    (tmp_path / "junk.dcx").write_bytes(b"not an index at all")
    with pytest.raises(UserError, match="not a decontamination index"):
        read_header(tmp_path / "junk.dcx")
    path = write_index(tmp_path / "old.dcx", build_index([BenchItem("b", "q", QUESTION)], IndexSettings()))
    raw = path.read_bytes().replace(G.HASH_SCHEME.encode(), b"dcx-0")
    path.write_bytes(raw)
    with pytest.raises(UserError, match="rebuild it"):
        read_header(path)
    with pytest.raises(UserError, match="min_ngram"):
        IndexSettings.of("word", 5, 8).check()
