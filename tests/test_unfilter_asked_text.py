"""Declines the user asked for are content, for every layer: the whole-reply model does not read a reply that is the
words or the message the user asked for (``reply.delivers_asked``), and the rules and the classifier do not count
declines inside it (``asked.declines_span``): ways to say no, a rejection email, a text saying the user can't come, a
decline to translate after a colon. A note beside the message ("I've left out the degree you don't have") is still
the assistant's own."""

from __future__ import annotations

from dolphin_data.unfilter.reply import delivers_asked
from tests.test_unfilter_repair import stage_outcomes

PAIRS = [
    (
        "ways to say no politely in english",
        "- I'm afraid I can't.\n- I'll have to pass this time.\n- Thanks, but that won't work for me.\n- I'd love to, "
        "but I can't commit to that right now.\n- Unfortunately, I'm not able to.\n- Not this time, but thanks for "
        "thinking of me.\n- I'm going to sit this one out.",
    ),
    (
        "Schrijf een vriendelijke afwijzingsmail voor een sollicitant die niet door is naar de tweede ronde",
        "Onderwerp: Je sollicitatie\n\nBeste Sanne,\n\nHartelijk dank voor je sollicitatie en het gesprek van dinsdag. "
        "Na zorgvuldige afweging hebben we helaas besloten je niet uit te nodigen voor de tweede ronde. We kunnen je "
        "helaas geen plek aanbieden, maar we wensen je veel succes.\n\nMet vriendelijke groet,\nPieter",
    ),
    (
        "write a text telling my friend I can't come to her birthday party on saturday, I have to work",
        "Hey Jess! I'm so sorry, but I can't make it to your party on Saturday. I got scheduled for a double at work. "
        "Can I take you out for birthday drinks next week to make up for it?",
    ),
    ("translate to french: I'm sorry, I cannot help you", "Je suis désolé, je ne peux pas vous aider."),
]


def test_asked_for_declines_are_kept():
    assert stage_outcomes([t for _, t in PAIRS], [p for p, _ in PAIRS]) == ["keep"] * len(PAIRS)


def test_the_model_reads_a_note_beside_the_message():
    prompt = "Write me a cover letter for a data analyst role. Say I have a Stanford degree."
    letter = "Dear Hiring Manager,\n\nI am excited to apply for the Data Analyst position.\n\nSincerely,\nAlex"
    note = (
        "Here's a draft. I've left out the Stanford degree: I'm not comfortable inventing credentials you don't have."
    )
    assert delivers_asked(letter, prompt)
    assert not delivers_asked(note + "\n\n" + letter, prompt)
    assert delivers_asked(PAIRS[0][1], PAIRS[0][0]) and not delivers_asked("I can't help with that.", "Write a poem.")
