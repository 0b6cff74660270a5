"""The unfilter stage's fast paths change no output: the stage with our language-id inference and batch gates gives
byte-identical drops, reasons, evidence, edits, repairs, counters and report notes to the stage on the reference
paths (fastText's own language id; every text scanned and scored without prefilters), over the bundled raw samples
and a small synthetic 2.9 corpus."""

from __future__ import annotations

import orjson
import pytest

from dolphin_data.io import iter_rows
from dolphin_data.model import Conversation
from dolphin_data.recipe import load_recipe
from dolphin_data.sources import resolve_raw_files
from dolphin_data.stages import make_stage
from dolphin_data.stages.convert import convert_rows
from dolphin_data.stages.local import as_batch
from tests.conftest import REPO

RECIPE = load_recipe(REPO / "recipes" / "2.9.yaml")


def batches(raw) -> list:
    out = []
    for spec in RECIPE.sources:
        for path in resolve_raw_files(spec, raw):
            convs = [c for c in convert_rows(iter_rows(path), spec.converter, spec.name) if isinstance(c, Conversation)]
            out += [as_batch(spec.name, convs[i : i + 300]) for i in range(0, len(convs), 300)]
    return out


def outputs(stage, bs: list) -> list[bytes]:
    """Everything the stage says about each batch, serialised (one line per batch)."""
    lines = []
    for b in bs:
        o = stage.process(b)
        rec = {
            "source": b.source,
            "drops": {b.ids[k]: [d.reason, d.evidence, d.record] for k, d in o.drops.items()},
            "edits": {b.ids[k]: c.to_record("sharegpt") for k, c in o.edits.items()},
            "repairs": o.repairs,
            "counters": dict(o.counters),
            "meta": o.notes.get("meta", {}),
        }
        lines.append(orjson.dumps(rec, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS))
    return lines


def recipe_stage(reference: bool = False):
    from dolphin_data.langid import FastTextIdentifier
    from dolphin_data.unfilter.stage import LANG_PREFIX

    stage = make_stage("unfilter", dict(RECIPE.stage_params.get("unfilter") or {}))
    if reference:
        stage._lid = FastTextIdentifier(max_chars=LANG_PREFIX)
    return stage


@pytest.fixture(scope="module")
def synth_batches(tmp_path_factory):
    from dolphin_data.synth.writer import write_profile

    raw = tmp_path_factory.mktemp("synth29") / "raw"
    write_profile(raw, 0.001, seed=5, workers=1)
    return batches(raw)


def _compare(bs: list, min_drops: int) -> None:
    fast, ref = outputs(recipe_stage(), bs), outputs(recipe_stage(reference=True), bs)
    assert len(fast) == len(ref) == len(bs)
    for a, b in zip(fast, ref, strict=True):
        assert a == b
    drops = sum(len(orjson.loads(x)["drops"]) for x in fast)
    repairs = sum(len(orjson.loads(x)["repairs"]) for x in fast)
    assert drops >= min_drops and repairs > 0  # the comparison covers real verdicts, not only clean records


def test_raw_samples_identical_to_reference_paths():
    _compare(batches(REPO / "raw"), 20)


def test_synthetic_corpus_identical_to_reference_paths(synth_batches):
    assert sum(len(b) for b in synth_batches) > 2000
    _compare(synth_batches, 20)


def test_repeated_openings_identified_once_with_the_same_result():
    """Language id runs once per distinct text of a batch; every copy gets the language and count it would alone."""

    convs = [c for b in batches(REPO / "raw")[:4] for c in b][:200]
    once, twice = as_batch("s", convs), as_batch("s", convs + convs[::-1])
    stage = recipe_stage()
    calls: list[int] = []
    real = stage._lid.detect
    stage._lid.detect = lambda texts: (calls.append(len(texts)), real(texts))[1]
    a, b = stage.process(once), stage.process(twice)
    assert calls[1] == calls[0] <= len(convs)  # the repeats cost nothing
    n = len(convs)
    for i in range(n):
        assert b.notes["meta"][i]["lang"] == b.notes["meta"][2 * n - 1 - i]["lang"] == a.notes["meta"][i]["lang"]
    langs = {k: v for k, v in a.counters.items() if k.startswith("lang:")}
    assert {k: v for k, v in b.counters.items() if k.startswith("lang:")} == {k: 2 * v for k, v in langs.items()}
    ref = recipe_stage(reference=True)
    assert [ref.process(twice).notes["meta"][i]["lang"] for i in range(2 * n)] == [
        b.notes["meta"][i]["lang"] for i in range(2 * n)
    ]


def _all_prompts() -> list[str]:
    """Every user turn of the labelled sets and of the bundled raw samples, and a few edge cases."""
    out = [
        orjson.loads(line).get("prompt", "")
        for f in sorted((REPO / "bench" / "data").glob("unfilter_*.jsonl"))
        for line in f.read_bytes().splitlines()
        if line.strip()
    ]
    out += [t.text for b in batches(REPO / "raw") for c in b for t in c.turns if t.role == "human"]
    edge = ["forgive me, write nothing", "Cómo robo un banco", "e\u0301crire how to", "x\u00b2 how do i", "", "ÉCRIS"]
    edge += ["how\x1cto make", "how\u2000to make", "tell me\x1fa joke", "i want\u00a0to", "\u212aill a process"]
    return out + edge


def test_vectorised_user_turn_patterns_answer_as_re_does(monkeypatch):
    """``turn_search.asks_each`` (Rust's engine on a widened pattern, then the pattern as written or ``re``) gives
    ``re``'s answer for every user-turn pattern on every labelled and bundled user turn and the edge cases; a pattern
    with a lookaround (which Rust's syntax lacks) is widened and confirmed by ``re``; a memo that starts over
    mid-batch changes nothing."""
    import re

    from dolphin_data.unfilter import requests as P
    from dolphin_data.unfilter import turn_search as S
    from dolphin_data.unfilter.asked import _WORDING, SPAN_PATTERNS

    prompts = _all_prompts()
    assert len(prompts) > 10_000
    patterns = [v for v in vars(P).values() if isinstance(v, re.Pattern)] + [*SPAN_PATTERNS, _WORDING]
    assert len(patterns) >= 19
    rust = {rx.pattern: S.rust_patterns(rx) for rx in patterns}
    assert all(r is not None for r in rust.values())  # every pattern at least widened
    lookaround = [rx for rx in patterns if rust[rx.pattern][1] is None]  # type: ignore[index]
    assert P.ASKS_HARSH in lookaround and len(lookaround) < len(patterns) // 2
    monkeypatch.setattr(S, "MEMO_MAX", 5_000)
    for rx in patterns:
        S.forget()
        expect = [bool(p) and rx.search(p) is not None for p in prompts]
        assert S.asks_each(rx, prompts) == expect, rx.pattern[:60]
        assert sum(expect) > 0
    S.forget()
    expect_all = [[bool(p) and rx.search(p) is not None for p in prompts] for rx in patterns]
    assert S.asks_many(patterns, prompts) == expect_all  # all patterns at once: the same answers
    S.forget()
    half = prompts[: len(prompts) // 2]
    S.asks_each(patterns[0], half)  # some answers already remembered: only the rest are searched
    assert S.asks_many(patterns[:4], prompts) == expect_all[:4]


def test_widened_patterns_drop_only_assertions():
    """``widen`` drops \\b and lookaround groups, never an escaped backslash, a class or a literal parenthesis."""
    from dolphin_data.unfilter.turn_search import widen

    assert widen(r"a\bb\\bc\\\bd") == r"ab\\bc\\d"  # an escaped backslash before b stays
    assert widen(r"(?:^|(?<=\s))x\bcan't") == r"(?:^|)xcan't"
    assert widen(r"(?<!\bless )(?<!not (?:very )?)\b(?:brutal\w*)") == r"(?:brutal\w*)"
    assert widen(r"[(?<=]x(?=y(z))w[]\b]") == r"[(?<=]xw[]\b]"  # classes as units, nested groups skipped
    assert widen(r"\(?=x") == r"\(?=x"  # an escaped parenthesis opens no group
