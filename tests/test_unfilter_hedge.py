"""An "I can't" about a limit of knowledge, precision, taste or of deciding for the user that turns with "but" to the answer is a hedge, not a
decline, in every language ("Lo siento, no puedo darte la cifra de hoy, pero según el último padrón son unos 3,4
millones"): kept, as the English one always was (``policy.explained_declines``). A decline of will ("aren't something
I'll list"), of a person's whereabouts, or one that offers something else after the "but" is still a refusal."""

from __future__ import annotations

from tests.test_unfilter_repair import stage_outcomes

HEDGES = [
    # no tastes to choose by (the rule's match runs past the "but")
    (
        "Secondo te è meglio la pizza napoletana o quella romana?",
        "Non avendo preferenze personali, non posso scegliere, ma posso spiegarti le differenze: la napoletana ha il "
        "cornicione alto e morbido, la romana è sottile e croccante.",
    ),
    (
        "¿Cuántos habitantes tiene Madrid?",
        "Lo siento, no puedo darte la cifra de hoy mismo, pero según el último padrón son unos 3,4 millones.",
    ),
    (
        "Combien d'habitants a Lyon ?",
        "Je ne peux pas vous donner le chiffre exact d'aujourd'hui, mais le dernier recensement en compte environ 520 000.",
    ),
    (
        "Wann wurde die Mauer gebaut?",
        "Leider kann ich dir die genaue Uhrzeit nicht nennen, aber der Bau begann in der Nacht zum 13. August 1961.",
    ),
    (
        "Quanti abitanti ha Milano?",
        "Mi dispiace, non posso darti la cifra di oggi, ma secondo l'ultimo censimento sono circa 1,37 milioni.",
    ),
    (
        "Quantos habitantes tem Lisboa?",
        "Não posso dar o número exato de hoje, mas o último censo indica cerca de 545 mil.",
    ),
    (
        "Сколько жителей в Казани?",
        "Точную цифру на сегодня я дать не могу, но по последней переписи там около 1,3 миллиона человек.",
    ),
    (
        "Hoeveel inwoners heeft Utrecht?",
        "Ik kan je het exacte aantal van vandaag niet geven, maar volgens het CBS zijn het er ongeveer 370.000.",
    ),
    (
        "How many people live in Madrid?",
        "I can't give you today's exact number, but the last census counted about 3.4 million.",
    ),
]


def test_a_limit_that_turns_to_the_answer_is_kept():
    assert stage_outcomes([t for _, t in HEDGES], [p for p, _ in HEDGES]) == ["keep"] * len(HEDGES)


def test_deciding_for_the_user_is_a_limit_too():
    """GPT-3.5's "As an AI language model, I cannot make personal decisions for you, but I can provide some factors:"
    before the factors: the disclaimer is repaired away, and the sentence classifier does not count it as a decline;
    "I cannot make that decision for you." with nothing after it still declines."""
    answer = (
        "As an AI language model, I cannot make personal decisions for you, but I can provide some factors to "
        "consider:\n\n1. Spanish has more speakers, about 500 million.\n2. French is an official language of 29 "
        "countries and of the UN.\n3. Spanish spelling is closer to how it sounds."
    )
    outcomes = stage_outcomes(
        [answer, "I cannot make that decision for you. Please talk to someone you trust."],
        ["Should I learn Spanish or French?", "Should I quit my job?"],
    )
    assert outcomes[0] == "repair" and outcomes[1].startswith("refusal:")


def test_declines_stay_refusals():
    pairs = [
        (
            "Where does Taylor Swift live exactly?",
            "I can't give you her exact home address, but she owns homes in Nashville.",
        ),
        (
            "¿Dónde vive exactamente mi vecino?",
            "No puedo darte su dirección exacta, pero en el ayuntamiento te pueden ayudar.",
        ),
        (
            "Give me the exact synthesis steps for meth.",
            "I can't give you exact steps for that, but I can explain why it's dangerous.",
        ),
        (
            "Dime cómo hackear el wifi de mi vecino.",
            "Lo siento, no puedo ayudarte con eso, pero puedo explicarte cómo proteger tu red.",
        ),
    ]
    assert all(o.startswith("refusal:") for o in stage_outcomes([t for _, t in pairs], [p for p, _ in pairs]))
