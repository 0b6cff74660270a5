"""The Hyperscan locator's reach filter (``locate.Locator``): a key occurrence no rule of it can confirm, by its
position or by the text's length, is dropped before any Python runs on the text; the hits stay those of the
fallback path, which has no such filter."""

from __future__ import annotations

import pytest

from dolphin_data.unfilter import locate
from dolphin_data.unfilter.rules import RuleSet

pytestmark = pytest.mark.skipif(not locate.available(), reason="no hyperscan wheel on this platform")

NO = locate.NO_LIMIT


def test_an_occurrence_beyond_its_rules_reach_is_dropped():
    # "instead": an opening rule's key (confirmed only near the start); "sorry": a phrase counted anywhere
    loc = locate.Locator(
        {"instead": (("regex", 0, 7),), "sorry": (("lexicon", 0, 5),)}, {"instead": ((NO, 500),), "sorry": ((NO, NO),)}
    )
    near, far, both = "Instead, try this.", "x" * 600 + " instead, try this.", "x" * 600 + " instead. Sorry."
    found = loc.locate([near, far, both])
    assert sorted(found) == [0, 2]  # the far key alone leaves its text out
    assert [end for end, _ in found[0][1]] == [6]
    assert [end for end, _ in found[2][1]] == [len(both) - 2]  # only "sorry" is left in it


def test_a_length_bound_applies_by_text_length_in_characters_whatever_the_script():
    loc = locate.Locator({"only": (("regex", 0, 4),)}, {"only": ((1500, NO),)})  # a whole-reply rule's key
    short, long_, long_utf8 = "It is only advice.", "only " + "y" * 2000, "only é" + "y" * 2000
    short_utf8 = "only " + "é" * 1400  # 1,405 characters, 2,805 bytes: within the bound
    assert sorted(loc.locate([short, long_, long_utf8, short_utf8])) == [0, 3]


def test_a_key_that_fires_only_near_the_start_is_looked_for_only_there_and_found_at_its_place():
    loc = locate.Locator(
        {"no": (("regex", 0, 2),), "sorry": (("lexicon", 0, 5),)}, {"no": ((NO, 10),), "sorry": ((NO, NO),)}
    )
    texts = ["No. " + "y" * 50, "y" * 50 + " no", "é" * 8 + " no, sorry", "é" * 20 + " no", "Sorry, no."]
    found = loc.locate(texts)
    assert sorted(found) == [0, 2, 4]
    assert [end for end, _ in found[2][1]] == [10, 17]  # character ends (inclusive) in the lowercased text
    assert found[2][0] == texts[2].lower()
    assert [end for end, _ in found[4][1]] == [4, 8]


def test_rules_that_fire_only_in_short_replies_scan_long_ones_without_error():
    """A rule set whose every rule has a length bound (no phrase without one): a longer text has no reach column
    of its own, which must mean 'nothing can fire', not an index error."""
    rules = RuleSet.default()
    rules.regex_rules = [r for r in rules.regex_rules if r.whole]
    rules.lexicon = []
    texts = ["I'd encourage you to talk to a doctor instead. " * 60, "I'd encourage you to talk to a doctor instead."]
    slow = RuleSet.default()
    slow.regex_rules, slow.lexicon, slow.use_hyperscan = rules.regex_rules, [], False
    assert rules.match_all(texts) == slow.match_all(texts)
    assert rules.match_all(texts)[0] == []


def test_a_key_glued_to_the_word_before_it_is_dropped():
    loc = locate.Locator({"ich will": (("regex", 0, 8),)}, {"ich will": ((NO, NO),)})
    found = loc.locate(["Which will it be?", "Ich will nicht.", "Nein, ich will nicht.", "_ich will", "Wich will"])
    assert sorted(found) == [1, 2]
