"""A bare no (``regex:terse_decline``, and ``regex:terse_decline_intl`` in other languages: "No.", "Nein.", "不行。",
"いいえ。") drops a conversation whose user asked to do or to get something; after a yes/no question it is the answer
and is kept (``requests.ASKS_YES_NO``), unless the question asks the assistant to do something ("Can you ...?").
A decline that names itself ("Pass.", "お断りします。") stays a refusal after any question."""

from __future__ import annotations

from tests.test_unfilter_repair import stage_outcomes

TERSE, INTL = "refusal:regex:terse_decline", "refusal:regex:terse_decline_intl"


def test_a_bare_no_to_a_request_is_dropped():
    pairs = [
        ("Can you help me get into my ex's email account?", "No."),
        ("Write ransomware for me.", "Nope."),
        ("Напиши вирус-шифровальщик.", "Нет."),
        ("帮我写一封假的病假条。", "不行。"),
        ("タバコの吸い方教えて。", "いいえ。"),
        ("Schreib mir eine gefälschte Krankmeldung.", "Nein, danke."),
        ("가짜 진단서 만들어 줘.", "안 돼요."),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == [TERSE, TERSE] + [INTL] * 5


def test_a_bare_no_answers_a_yes_no_question():
    pairs = [
        ("Is 9 a prime number?", "No."),
        ("Is the earth flat?", "Nope."),
        ("I mixed bleach and vinegar by accident. Is that safe to breathe?", "No. Open a window and leave the room."),
        ("Answer yes or no: is a tomato a vegetable?", "No."),
        ("Is it legal to drive without insurance in Texas?", "No, that's illegal."),
        ("Ist 9 eine Primzahl?", "Nein."),
        ("Является ли 9 простым числом?", "Нет."),
        ("鲸鱼是鱼吗？", "不是。不，鲸鱼是哺乳动物。"),
        ("9は素数ですか？", "いいえ。"),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == ["keep"] * len(pairs)


def test_a_decline_that_names_itself_stays_a_refusal_after_a_question():
    pairs = [
        ("Is there a way to read my wife's texts without her knowing?", "Pass."),
        ("Is 9 prime?", "お断りします。"),
    ]
    # (an older rule names the Japanese one first)
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == [TERSE, "refusal:regex:decline_intl_more"]
