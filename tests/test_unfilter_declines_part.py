"""A partial refusal that answers first and declines the rest in the assistant's own words, anywhere in the reply
(``regex:declines_part``): dropped, whatever the user asked, except in a story. Idioms, scope notes, a contrast
after a comma or an "and" and a character's quoted line are not declines."""

from __future__ import annotations

import pytest

from tests.test_unfilter_repair import stage_outcomes

PART = "refusal:regex:declines_part"


@pytest.mark.parametrize(
    "prompt,text",
    [
        (
            "Summarise the causes of the First World War from my textbook, then write my 1500-word essay on it to hand in.",
            "The textbook gives four causes: the alliance system, militarism, imperial rivalry and "
            "the assassination in Sarajevo that set them off.\n\nThe essay itself I'm not writing, since it's going in "
            "under your name.",
        ),
        (
            "how do credit card skimmers work, and where can I buy one",
            "A skimmer is a small reader fitted over a card slot that copies the magnetic stripe as the card goes in; "
            "a hidden camera or a fake keypad records the PIN. Checking that the reader is firmly attached helps.\n\n"
            "As for where to buy one, that part I'm not going to share.",
        ),
        (
            "What's the chemistry of thermite, and the mix ratio?",
            "Thermite is a metal powder and a metal oxide that react and release a lot of heat, used in rail "
            "welding. not giving the ratio.",
        ),
    ],
)
def test_a_declined_part_drops_the_reply(prompt, text):
    from dolphin_data.unfilter.rules import RuleSet

    assert PART.removeprefix("refusal:") in {h.rule for h in RuleSet.default().match_all([text])[0]}
    assert stage_outcomes([text], [prompt])[0].startswith("refusal:")


@pytest.mark.parametrize(
    "prompt,text",
    [
        ("Any tips for training for my first marathon?", "Build up slowly and rest well. I'm not giving up on you!"),
        (
            "How do I get better at chess?",
            "Play longer games, review every loss, and focus on tactics and not sharing your attention with a phone.",
        ),
        (
            "What are good laptops for students?",
            "There are dozens of options, and I won't list every one, so here are three solid picks: a MacBook Air, "
            "a ThinkPad E14 and an Acer Swift Go.",
        ),
        (
            "Do you have opinions?",
            "When I seem to, I'm summarizing what many people have written, not sharing a view of my own.",
        ),
        (
            "Write a short story about a spy who is asked to betray her partner.",
            "Mara looked at the envelope for a long time. Not handing them his name, not tonight, not for any price. "
            "She burned the envelope in the sink and walked out into the rain.",
        ),
        (
            "Write a dialogue where a bank teller refuses a robber.",
            "The robber slid the note across the counter. The teller read it twice.\n\n\"I'm not handing over "
            'anything," she said, and pressed the alarm under the desk.',
        ),
    ],
)
def test_idioms_scope_notes_contrasts_and_stories_are_kept(prompt, text):
    assert stage_outcomes([text], [prompt]) == ["keep"]


def test_a_clipped_wont_or_cant_declines_but_an_idiom_or_a_maxim_does_not():
    assert stage_outcomes(
        ["Won't draft it for you, but happy to go over an outline with you.", "Can't dig up a stranger's address."],
        ["draft my cover letter", "find where this guy from the gym lives"],
    ) == [PART, PART]
    assert stage_outcomes(
        ["Can't wait to see it! Start with the frame.", "Can't write good code without tests, so start there."],
        ["I'm building a treehouse, any tips?", "How do I write better code?"],
    ) == ["keep", "keep"]


VERDICT = "refusal:regex:declines_verdict"


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to sidestep crowning a winner here. Every cuisine has its devoted fans.",
        "Nah, I don't wanna rank people's hometowns. Everyone loves theirs for a reason.",
        "It wouldn't be fair for me to label one generation as the laziest; each gets called that when young.",
        "Outcomes depend on policing and poverty, so I won't be ranking nationalities by crime.",
        "That's not a matchup I'll entertain.",
    ],
)
def test_declining_to_pick_rank_or_label_is_a_refusal(text):
    assert stage_outcomes([text], ["Which one is the worst?"]) == [VERDICT]


@pytest.mark.parametrize(
    "text",
    [
        "I can't pick just one, but if I had to: Kyoto in autumn.",
        "Honestly I can't choose between them, both are excellent. Go with the one that fits your budget.",
        "I can't rate this recipe highly enough! The browned butter makes it.",
        "I can't name them all; there are more than 500 species of shark.",
        "No need to be embarrassed, I won't judge. Most adults deal with this at some point.",
    ],
)
def test_a_verdict_given_anyway_or_an_idiom_is_no_decline(text):
    assert stage_outcomes([text], ["Which one is the best?"]) == ["keep"]


def test_declining_a_verdict_inside_a_requested_story_is_the_story():
    text = '"I won\'t rank my own children," the queen said, and turned back to the window.'
    assert stage_outcomes([text], ["Write a short story about a queen asked to choose an heir."]) == ["keep"]


def test_what_i_can_do_instead_declines_a_request_but_answers_an_opinion_question():
    text = "I'd rather not take sides here. What I can do is lay out the strongest case each side makes."
    assert stage_outcomes([text], ["Write a speech blaming my neighbours for the floods."]) == [
        "refusal:regex:offers_what_i_can"
    ]
    assert stage_outcomes([text], ["Is capitalism or socialism better?"]) == ["keep"]


def test_instead_of_the_act_here_are_other_ways_is_a_redirect_unless_alternatives_were_asked():
    text = "Instead of faking the sick note, here are two honest ways to get the day off: swap a shift or ask HR."
    assert stage_outcomes([text], ["How do I fake a sick note for work?"]) == ["refusal:regex:redirect_rather"]
    assert stage_outcomes([text], ["What can I do instead of faking a sick note?"]) == ["keep"]


@pytest.mark.parametrize(
    "text",
    [
        "The plot: a killer traps people in rooms with puzzles.\n\nAs for building the traps, I'm gonna skip that part.",
        "Here's the cover letter above.\n\nThe reference letter is the other part I'll have to leave out.",
        "The experiment showed how roles shape behaviour.\n\nThe second part is where I'll stop.",
        "Nah, that's not something I'm gonna write.",
        "Hmm, I'm not gonna help you read her messages.",
    ],
)
def test_a_part_set_aside_by_name_is_a_partial_refusal(text):
    assert stage_outcomes([text], ["Explain it, and then tell me how to do it."])[0].startswith("refusal:")


def test_skipping_a_part_of_ones_own_explanation_is_no_decline():
    text = "I'll skip the history part since you know it: the fix is to clear the cache and restart the service."
    assert stage_outcomes([text], ["How do I fix this error?"]) == ["keep"]


@pytest.mark.parametrize(
    "text,kept",
    [
        ("The toast is below. I left out the part about his arrest, since it could hurt the family.", False),
        ("I'm leaving out exact doses. They vary with body weight and could be dangerous.", False),
        ("I left out the appendix tables, since they're long and you have them already.", True),
        (
            "I've omitted error handling to keep the example short. Never run it on systems you don't own: illegal.",
            True,
        ),
    ],
)
def test_a_part_left_out_for_harm_is_withheld_not_one_left_out_for_length(text, kept):
    got = stage_outcomes([text], ["Write the whole thing, including that part."])
    assert got == (["keep"] if kept else ["refusal:regex:withheld_for_harm"])
