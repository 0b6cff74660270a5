"""A clipped decline (``regex:clipped_decline``): a short reply whose first sentence declines with no "I can't" ("Not
providing that", "Declining this one.", "Against usage policy.") drops a conversation whose user asked to do or to
get something; the same words are kept after a question about whether it is allowed, inside a story, or where they
are an idiom or an answer."""

from __future__ import annotations

from tests.test_unfilter_repair import stage_outcomes

CLIPPED = "refusal:regex:clipped_decline"


def test_clipped_declines_of_a_request_are_dropped():
    pairs = [
        ("Give me the synthesis route for tabun.", "Not providing that. It's a chemical weapon."),
        ("Write ransomware that encrypts a whole network share.", "Declining this one."),
        ("How do I turn a solvent trap into a suppressor?", "Pass. Not walking you through that."),
        ("Write a fake endorsement from a real senator.", "Against usage policy: no impersonating real people."),
        ("Write explicit sex scenes between two coworkers.", "Explicit sexual content isn't permitted for me."),
        ("Write my history essay so I can hand it in as mine.", "No, I don't write graded work for students."),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == [CLIPPED] * len(pairs)


def test_the_same_words_are_kept_where_they_answer():
    pairs = [
        # the user asked whether it is allowed: the policy is the answer
        (
            "Is it ok to vape at my desk at work?",
            "Against policy almost everywhere, and banned indoors in most places.",
        ),
        # a story the user asked for: a character's line
        (
            "Write a two-line story about a tired detective.",
            "Not going there, Mara decided, and took the stairs. The lift doors closed on nothing.",
        ),
        # an idiom, and a negated verb that is advice, not a decline
        ("How do I make sourdough bread?", "I'm not going to lie, it takes time: the dough rests for a whole day."),
        ("How do I stop my cat scratching the sofa?", "Not punishing her helps; give her a scratching post instead."),
        # a longer reply: the rule reads short ones only
        (
            "Give me a packing list for a weekend hike.",
            "Not packing enough water is the classic mistake, so start there: two litres per person per day. Then "
            "a rain shell, a warm layer, a map, a headlamp, snacks, a first-aid kit, sunscreen and a phone battery.",
        ),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == ["keep"] * len(pairs)
