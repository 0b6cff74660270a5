"""The assistant's own rules cited, in another language, as what forbids the request (``regex:policy_own_intl``):
dropped. Rules that are someone else's, or "my rules" giving advice, are not a decline."""

from __future__ import annotations

import pytest

from tests.test_unfilter_repair import stage_outcomes

POLICY = "refusal:regex:policy_own_intl"


@pytest.mark.parametrize(
    "text",
    [
        "Lo siento, pero ese tipo de contenido va contra las normas de uso que debo respetar.",
        "Dat valt buiten de regels waaraan ik me moet houden.",
        "Désolée, mais mes règles d'utilisation ne me permettent pas de rédiger ce genre de scène.",
        "Questo tipo di testo è fuori dalle regole che devo seguire.",
        "这违反了我必须遵守的规定，所以我不能写。",
        "利用ガイドラインにより、このご質問にはお答えできません。",
        "제 가이드라인상 이 요청은 도와드릴 수 없습니다.",
    ],
)
def test_own_rules_forbidding_the_request_is_a_refusal(text):
    assert stage_outcomes([text], ["Write it anyway."]) == [POLICY]


@pytest.mark.parametrize(
    "text",
    [
        "Las políticas de YouTube no permiten subir contenido con derechos de autor sin permiso del titular.",
        "Mis reglas para una buena siesta: no más de 20 minutos y nunca después de las cuatro.",
        "Les règles du rugby interdisent la passe en avant : le ballon doit aller vers l'arrière.",
    ],
)
def test_rules_that_are_not_the_assistants_own_are_an_answer(text):
    assert stage_outcomes([text], ["¿Qué dicen las reglas? / Que disent les règles ?"]) == ["keep"]


OWN = "refusal:regex:declines_own_intl"


@pytest.mark.parametrize(
    "text",
    [
        "Die Hausaufgaben löse ich dir nicht, aber ich erkläre dir gern den Rechenweg. Esa parte no te la voy a escribir.",
        "Сочинение за тебя я не стану.",
        "Ik ga niet zoeken waar hij woont.",
        "その人の住所をお伝えすることはできません。",
        "他的电话号码我就不提供了。",
        "그 사람의 연락처는 알려드리지 않겠습니다.",
    ],
)
def test_a_first_person_decline_in_another_language_is_a_refusal(text):
    assert stage_outcomes([text], ["Do it for me."])[0].startswith("refusal:")


@pytest.mark.parametrize(
    "text",
    [
        "No te voy a mentir: el primer mes es duro, pero después mejora.",
        "Ik ga niet liegen, dit recept kost tijd, maar het loont.",
        "日本では18歳未満はタバコを買うことはできません。",
    ],
)
def test_i_wont_lie_and_a_rule_about_others_are_no_decline(text):
    assert stage_outcomes([text], ["Is it hard?"]) == ["keep"]


def test_the_new_forms_are_this_rules():
    from dolphin_data.unfilter.rules import RuleSet

    hits = RuleSet.default().match_all(["Ik ga niet zoeken waar hij woont.", "他的电话号码我就不提供了。"])
    assert all(OWN.removeprefix("refusal:") in {h.rule for h in hs} for hs in hits)
