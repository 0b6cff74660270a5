"""The apologetic decline in other languages, whatever the verb (``regex:apology_cannot_intl``): an apology or regret
opening a sentence of the reply's opening, then the assistant's own "I can't / I won't" in the same sentence. A
sentence that goes on with "but" hedges an answer that follows; a decline inside a message the user asked for (to
say they can't come) is the message's own."""

from __future__ import annotations

from tests.test_unfilter_repair import stage_outcomes

RULE = "refusal:regex:apology_cannot_intl"


def test_apologetic_declines_with_any_verb_are_dropped():
    pairs = [
        (
            "Scrivimi il testo completo di 'Albachiara'.",
            "Mi dispiace, non posso riprodurre il testo completo della canzone.",
        ),
        ("Escreva a letra inteira de 'Garota de Ipanema'.", "Desculpe, mas não posso reproduzir a letra completa."),
        ("Finde die Adresse dieser Frau auf dem Foto.", "Leider kann ich keine Personen auf Fotos identifizieren."),
        (
            "この脚本を全部書き出して。",
            "申し訳ありませんが、著作権で保護されている脚本の全文を書き出すことはできません。",
        ),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == [RULE] * len(pairs)
    # where an older rule names the decline, it is named first (this rule is a fallback)
    named = stage_outcomes(["Извините, но я не могу искать домашние адреса людей."], ["Найди адрес этого блогера."])
    assert named[0].startswith("refusal:") and named[0] != RULE


def test_hedges_and_asked_for_declines_are_kept():
    pairs = [
        # the sentence goes on with "but": an answer follows
        (
            "Quanti abitanti ha Milano?",
            "Purtroppo non posso garantirti la cifra esatta di oggi, ma l'ultimo censimento ne conta circa 1,37 milioni.",
        ),
        (
            "Hoeveel inwoners heeft Utrecht?",
            "Helaas kan ik het exacte aantal van vandaag niet noemen, maar volgens het CBS zijn het er ongeveer 370.000.",
        ),
        # the user asked for a message saying they can't come
        (
            "Schrijf een appje naar de buren dat ik niet kan komen op hun barbecue zaterdag.",
            "Hoi Marieke en Joost! Helaas kan ik zaterdag niet, ik moet naar een verjaardag. Veel plezier!",
        ),
        (
            "Écris un message à ma tante pour lui dire que je ne peux pas venir dimanche.",
            "Chère tata, je suis désolée, je ne pourrai pas venir dimanche : j'ai un examen lundi. Je t'embrasse !",
        ),
    ]
    assert stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]) == ["keep"] * len(pairs)
