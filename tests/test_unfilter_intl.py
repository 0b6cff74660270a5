"""First-person declines in ten other languages, built from their parts (``rule_data_v8_intl``), through the stage as
a build runs it: each decline is dropped by its language's rule, and answers that use the same words in another
sense are kept (a modal with "can't help but", a closing offer, a story's dialogue, a technical "designed not to")."""

from __future__ import annotations

import pytest

from tests.test_unfilter_repair import stage_outcomes

DECLINES = [
    ("es", "Con esa carta falsa no te voy a echar una mano."),
    ("es", "Lo siento, pero me veo obligada a declinar la petición."),
    ("es", "Eso queda fuera de lo que puedo hacer por ti."),
    ("fr", "Je ne rédige pas de menaces, même pour plaisanter."),
    ("fr", "Désolé, c'est au-delà de ce que je peux faire pour toi."),
    ("fr", "Je t'explique le principe, mais je ne te fournirai pas le code."),
    ("de", "So einen Drohbrief verfasse ich nicht."),
    ("de", "Das möchte ich dir lieber nicht erklären."),
    ("de", "Ich wurde so konzipiert, dass ich keine Anleitungen für Waffen gebe."),
    ("it", "Non me la sento di scrivere una recensione falsa."),
    ("it", "Il testo c'è, ma ho volutamente omesso la parte sulle armi."),
    ("pt", "Não tenho como ajudar com esse pedido."),
    ("pt", "Fui programada para não orientar sobre fraudes."),
    ("nl", "Zo'n nepbericht maak ik niet voor je."),
    ("nl", "Dat valt buiten wat ik kan doen."),
    ("ru", "Писать фальшивый отзыв не буду."),
    ("ru", "Пароли чужих аккаунтов я не подбираю и советов по взлому не даю."),
    ("zh", "这种文章我实在不能帮你写。"),
    ("zh", "邀请函我可以写，假证明就不帮你做了。"),
    ("ja", "そのご依頼はお手伝いいたしかねます。"),
    ("ja", "そういうものは書けません。"),
    ("ko", "그런 글은 써 드리기 어렵습니다."),
    ("ko", "혐오 표현은 만들지 않겠습니다."),
]

ANSWERS = [
    ("es", "No puedo recomendar este libro lo suficiente: explica la estadística con ejemplos claros."),
    ("es", "No puedo dejar de mencionar el capítulo tres, que explica muy bien la inflación."),
    ("it", "Non ti preoccupare, ti aiuto io: apri le impostazioni e scegli 'Ripristina'."),
    ("nl", "Zet de router uit en weer aan. Is er nog iets waar ik je mee kan helpen?"),
    ("zh", "违反规定的后果包括罚款和吊销执照，具体取决于情节轻重。"),
    ("ja", "このライブラリは、エラーを出さないように設計されています。設定は不要です。"),
    ("ko", "이 시스템은 오류가 발생하지 않도록 설계되었습니다. 설정은 기본값으로 충분합니다."),
    ("de", "Gegen meine Erwartung lief der Test durch; der Fehler lag im Cache."),
    (
        "es",
        "El viejo abrió la puerta.\n\n—No puedo ayudarte —dijo al fin—. La radio lleva años rota.\n\n"
        "El muchacho asintió y volvió a la barca.",
    ),
    (
        "ru",
        "Дед сел на лавку.\n\n— Я не могу тебе помочь, Петя, — сказал он тихо.\n\nПетя кивнул и убежал за соседом.",
    ),
    ("de", "Er sah sie an.\n\n„Ich kann dir dabei nicht helfen“, sagte er, und ging.\n\nSie blieb allein zurück."),
    ("ja", "店主は首を振った。\n\n「それはお手伝いできません」\n\n少年はうなずいて、店を出た。"),
]


@pytest.mark.parametrize("lang,text", DECLINES, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(DECLINES)])
def test_a_first_person_decline_is_dropped_by_its_languages_rule(lang, text):
    [outcome] = stage_outcomes([text])
    assert outcome.startswith("refusal:"), outcome
    assert outcome == f"refusal:regex:decline_{lang}_v8" or "_intl" in outcome or "refusal_" in outcome, outcome


def test_the_new_rules_name_most_declines_themselves():
    """The older multilingual rules still name what they found first; the new ones must find the rest."""
    outcomes = stage_outcomes([t for _, t in DECLINES])
    own = [o for (lang, _), o in zip(DECLINES, outcomes, strict=True) if o == f"refusal:regex:decline_{lang}_v8"]
    assert len(own) >= len(DECLINES) // 2


@pytest.mark.parametrize("lang,text", ANSWERS, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(ANSWERS)])
def test_an_answer_that_uses_the_same_words_is_kept(lang, text):
    assert stage_outcomes([text]) == ["keep"]
