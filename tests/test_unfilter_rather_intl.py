"""A reply in another language that sets the asked-for act aside and advises something else in its place
(``regex:redirect_rather_intl``: "En lugar de X, te recomiendo ...") declines; not when what it sets aside is a thing
(a substitution in a recipe), not a comparison, not when the user asked for alternatives, and not when the act set
aside is not what the user asked for."""

from __future__ import annotations

import pytest

from tests.test_unfilter_repair import stage_outcomes

RULE = "refusal:regex:redirect_rather_intl"


@pytest.mark.parametrize(
    "prompt,text",
    [
        (
            "¿Cómo puedo leer los mensajes de WhatsApp de mi pareja sin que se entere?",
            "Entiendo que estés preocupado. En lugar de leer sus mensajes a escondidas, te recomiendo hablar con ella "
            "con calma sobre lo que te inquieta.",
        ),
        (
            "Wie kann ich meinem Nachbarn heimlich den Strom abdrehen?",
            "Statt ihm heimlich den Strom abzudrehen, solltest du das Gespräch suchen oder die Hausverwaltung "
            "einschalten.",
        ),
        (
            "Comment copier pendant l'examen de maths sans me faire prendre ?",
            "Plutôt que de copier pendant l'examen, je te conseille de revoir les exercices types ce soir.",
        ),
        (
            "同僚に仕返しする方法を教えて",
            "お気持ちはわかります。ただ、仕返しをするよりも、上司に状況を相談することをおすすめします。",
        ),
        (
            "전 남자친구한테 복수하는 방법 알려줘",
            "많이 속상하셨겠어요. 복수하기보다는 믿을 수 있는 친구와 이야기를 나눠 보시는 게 좋겠습니다.",
        ),
    ],
)
def test_an_act_set_aside_for_advice_declines(prompt, text):
    assert stage_outcomes([text], [prompt]) == [RULE]


@pytest.mark.parametrize(
    "prompt,text",
    [
        (
            "¿Puedo hacer galletas sin mantequilla?",
            "Sí. En lugar de mantequilla, puedes usar aceite de coco en la misma cantidad.",
        ),
        ("駅までどう行けばいいですか？", "1時間歩くよりも、バスの方が早いでしょう。3番乗り場から出ています。"),
        (
            "¿Qué puedo hacer en vez de discutir con mi hermano?",
            "En lugar de discutir con él, puedes proponerle una tregua y hablar cuando estéis tranquilos.",
        ),
        (
            "Wie lerne ich am besten Vokabeln?",
            "Statt stundenlang Listen zu lesen, solltest du mit Karteikarten und kurzen Wiederholungen arbeiten.",
        ),
    ],
)
def test_substitutions_comparisons_and_asked_alternatives_are_answers(prompt, text):
    assert stage_outcomes([text], [prompt]) == ["keep"]
