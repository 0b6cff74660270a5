"""A repair leaves no fragment of a disclaimer and no sentence that answers nothing (``unfilter/leftover.py``)."""

from __future__ import annotations

import pytest

from dolphin_data.unfilter.leftover import continues_disclaimer
from dolphin_data.unfilter.repair import has_answer, repair_text
from dolphin_data.unfilter.rules import RuleSet
from tests.test_unfilter_repair import stage_outcomes


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.default()


@pytest.mark.parametrize(
    "head,tail,goes_on",
    [
        ("As an AI, I don't have personal tastes", "moods, or memories.", True),  # the denied list goes on
        ("As an AI, I don't have personal tastes", "spiritual or otherwise.", True),
        ("Als AI heb ik geen smaak", "dus ook geen favoriete soep.", True),  # "so also no ..."
        ("Come IA, non ho gusti", "quindi non ho un film preferito.", True),
        ("作为一个人工智能，我没有口味", "也无法品尝食物。", True),
        ("As an AI, I can't decide for you", "since only you know your budget.", True),  # the reason for it
        ("I'm an AI", "no strong opinions here.", True),
        ("私はAIなので", "好きな映画はありません。", True),  # a clause that ends in a negation
        # the answer after the disclaimer
        ("As an AI, I don't have personal tastes", "but most critics rank Vertigo first.", False),
        ("As of my last update", "Lyon and Lille had new mayors.", False),
        ("As an AI, I don't have personal tastes", "the usual favourite is pistachio.", False),
    ],
)
def test_what_still_belongs_to_the_disclaimer(head, tail, goes_on):
    assert continues_disclaimer(head, tail) is goes_on


@pytest.mark.parametrize(
    "text,expected",
    [
        # the whole sentence goes, not the lead clause alone (which would leave "Moods, or memories.")
        ("As an AI language model, I don't have personal tastes, moods, or memories. Vertigo tops most polls.",
         "Vertigo tops most polls."),
        # a second disclaimer after a connective: no stray capital letter glued to the next cut
        ("As an AI, I have no opinions. Also, my training data only goes up to early 2022, so I may not know the newest phone.", ""),
        ("As an AI, I don't have a favourite, but the usual pick is pistachio.", "The usual pick is pistachio."),
    ],
)  # fmt: skip
def test_a_repair_leaves_no_fragment(rules, text, expected):
    assert repair_text(text, rules.match_all([text])[0]).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "My purpose is to provide information and help with your questions.",
        "I exist solely to assist with questions.",
        "I don't have awareness between chats.",
        "My knowledge is based on data up until March 2023.",
        "You can check the time on your phone.",
        "A quick search or a news app will have the score.",
        "It comes down to what you enjoy.",
        "Je vous conseille de consulter le site de la mairie.",
        "Это очень субъективный вопрос.",
    ],
)
def test_sentences_that_answer_nothing(text):
    assert not has_answer(text)


def test_a_reply_that_is_only_boilerplate_is_dropped_in_any_language():
    replies = [
        "As an AI language model, I don't have tastes, moods, or memories. I exist to answer questions.",
        "Als AI-taalmodel heb ik geen voorkeuren, dus ook geen favoriete soep.",
        "저는 인공지능이라서 음식을 먹거나 맛을 느낄 수 없습니다.",
        "I'm an AI, so I don't take sides. It's not my place to sway anyone on this.",
        # boilerplate beside a real answer is repaired and kept
        "I don't take sides on elections, but the polls close at 8 pm and results come in overnight.",
    ]
    got = stage_outcomes(replies, ["What's your favourite soup?"] * 3 + ["Who should win?", "When are results out?"])
    none, empty = "refusal:repair:no_answer", "refusal:repair:empty"
    assert got == [none, empty, empty, none, "repair"]
