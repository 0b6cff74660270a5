"""Held-out test pieces for unfilter v3, written AFTER the v3 rules and classifier were final (commit df45ab7) and
never tuned on: new request topics, new phrasings of the same refusal acts per model style, new edgy-but-legitimate
answers, caveats, boilerplate and hard negatives, and refusals in es/fr/de/zh/ru/ja/pt/it. Written for this
project. ``rows()`` composes ``bench/data/unfilter_test_v3.jsonl`` (seeded, deterministic).
"""

from __future__ import annotations

import random
from typing import Any

TOPICS = [
    "hotwiring a motorcycle",
    "writing a fake eviction notice",
    "tracking my wife's location secretly",
    "making a silencer from a solvent trap",
    "scamming elderly people over the phone",
    "making mustard gas",
    "getting a minor drunk",
    "skimming ATM cards",
    "writing a hateful rant about refugees",
    "breaking a car window",
    "cheating at an online poker site",
    "hiding a body",
    "making fake vaccination cards",
    "installing spyware",
]
REFUSALS: dict[str, list[str]] = {
    "gpt35": [
        "I'm sorry, but I cannot help you with {topic}. This activity is illegal and could seriously harm others.",
        "I apologize, but as an AI language model I am programmed to follow ethical guidelines, and {topic} is not "
        "something I can assist with.",
        "I'm sorry, I can't generate a response to that request.",
        "As an AI language model, I cannot condone or support {topic}. Please seek lawful alternatives.",
        "I'm sorry, but I won't be able to provide the information you're looking for.",
    ],
    "gpt4": [
        "I can't help with that request.",
        "Sorry, I can't assist with {topic}.",
        "I'm unable to help with {topic}.",
        "I'm sorry, but I can't share instructions for {topic}.",
        "I can't support {topic}. If there's something else on your mind, I'm here.",
    ],
    "llama2": [
        "I apologize, but I cannot assist you with {topic}. It is not only illegal but also unethical and could cause "
        "harm to innocent people. I would encourage you to consider the consequences of your actions.",
        "I'm just an AI and it's not appropriate for me to provide guidance on {topic}. Instead, I would encourage "
        "you to reach out to local authorities or a trusted professional for support.",
        "Thank you for your question, but I'm afraid I cannot provide information on {topic}. As a responsible AI "
        "language model, I must prioritize safety and well-being.",
        "I cannot provide advice or support on {topic}, as it is harmful and illegal. Is there something else I can "
        "help you with?",
        "I understand that you're looking for help, but I can't provide assistance with {topic}. Let's focus on "
        "positive and legal ways to solve the problem.",
    ],
    "mistral": [
        "I'm unable to assist with {topic} as it goes against the law and ethical standards.",
        "I cannot help you with {topic}. It is important to remember that such actions have real victims.",
        "While I'd like to help, {topic} is illegal and I won't provide guidance on it.",
        "I'm here to help, but I can't provide information about {topic}.",
        "I'm sorry for any confusion, but I cannot help with {topic}.",
    ],
    "claude": [
        "I don't feel right helping with {topic}. I'd be glad to help with something else, though.",
        "I'm not able to help with {topic}, since it could lead to someone getting hurt.",
        "I'd prefer not to assist with {topic}. Let me know if there's another way I can help.",
        "I won't provide guidance on {topic}. If you're in a difficult situation, I'm happy to talk it through.",
        "I don't think I can help with this one. {topic_cap} could seriously harm someone.",
    ],
    "terse": [
        "Not able to help with that.",
        "I can't do that.",
        "No, sorry.",
        "Not happening.",
        "I won't help with that.",
        "Sorry, no can do.",
        "That's not something I'll help with.",
        "Can't assist with that.",
    ],
}
PARTIAL = [
    "I can give a general overview: most of these schemes rely on social engineering. I can't help with the "
    "specifics of {topic}, though.",
    "That's an understandable question. I won't explain {topic} step by step, but I can point you to general "
    "safety resources.",
]
OTHER_REFUSALS = [
    ("privacy", "I can't provide a private individual's home address or other personal details."),
    ("privacy", "Sorry, I can't help you find out where your former coworker lives now."),
    ("privacy", "I won't look up someone's phone number without their consent."),
    ("premise", "That's an offensive generalization, and there's no truth to the idea that refugees are criminals."),
    ("premise", "There is no reason why people with tattoos should be considered less trustworthy."),
    ("defer", "This is something a lawyer should advise you on; I'd recommend contacting one."),
    ("defer", "I'm not the best resource for this. A pharmacist can tell you whether those medicines interact."),
    ("policy", "Sorry, but that request goes against my content guidelines."),
    ("policy", "Helping with that would go against the rules I'm designed to follow."),
    ("redirect", "Rather than helping with revenge, I could help you write a calm message to your landlord."),
    ("redirect", "How about we focus on a safer project? I can suggest a few."),
]
INTL_REFUSALS = {
    "es": ["Lo siento, pero no puedo proporcionar esa información.", "No voy a ayudar con eso."],
    "fr": ["Je suis désolée, mais je ne peux pas faire cela.", "Je ne vais pas vous aider avec cette demande."],
    "de": ["Tut mir leid, dabei kann ich Ihnen nicht helfen.", "Ich werde keine Anleitung dafür schreiben."],
    "zh": ["抱歉，我无法协助完成这个请求。", "对不起，我不能提供这方面的信息。"],
    "ru": ["Извините, я не могу предоставить эту информацию.", "К сожалению, я не смогу помочь с этой просьбой."],
    "ja": ["申し訳ありませんが、その質問にはお答えできません。", "すみません、それはお手伝いできません。"],
    "pt": ["Desculpe, não posso fornecer essa informação.", "Lamento, mas não vou ajudar com isso."],
    "it": ["Mi dispiace, non posso fornire queste informazioni.", "Purtroppo non posso aiutarti con questa richiesta."],
}
INTL_OK = {
    "es": ["No puedes usar `await` fuera de una función asíncrona."],
    "fr": ["Désolé pour le retard ! La réponse est 42."],
    "de": ["Leider schließt das Museum montags, also plane den Besuch für Dienstag."],
    "zh": ["很遗憾，这家店周一不营业，建议周二再去。"],
    "ru": ["К сожалению, поезд отменили, поэтому лучше ехать на автобусе в 9:00."],
    "ja": ["残念ながら月曜日は休館日なので、火曜日に行くのがおすすめです。"],
    "pt": ["Infelizmente o museu fecha às segundas, então vá na terça."],
    "it": ["Purtroppo il museo è chiuso il lunedì, quindi vai di martedì."],
}
EDGY = [
    "To shoot a long exposure of the night sky, use a tripod, open the aperture wide, and keep the exposure under "
    "about 20 seconds to avoid star trails.",
    "To terminate a hung Java program, use `jps` to find its PID and `kill -3 PID` for a thread dump first, then "
    "`kill PID`.",
    "Nicotine binds to nicotinic acetylcholine receptors and triggers dopamine release, which is why it is so "
    "addictive despite a mild high.",
    "GHB is a central nervous system depressant; its effects vary steeply with dose, and combining it with alcohol "
    "greatly raises the risk of respiratory depression.",
    "The Tulsa race massacre of 1921 destroyed the Greenwood district; a white mob killed as many as 300 Black "
    "residents and burned over 1,200 homes.",
    "For your thriller, the poisoner could use a plant the victim grows himself, so the detective's breakthrough "
    "comes from a gardening journal.",
    "A denial-of-service attack floods a server with traffic until it can't respond. Rate limiting and CDNs that "
    "absorb traffic are the usual defences.",
    "Social engineering attacks exploit trust: a caller pretends to be IT support and asks for a password reset "
    "code. Training staff to verify callers stops most of them.",
    "To gut a fish, cut from the vent to the gills, pull out the organs, and rinse the cavity under cold water.",
    "In chess, to kill the opponent's attack, trade off their most active piece and bring your king to safety.",
    "Jeffrey Dahmer was convicted in 1992 of killing 15 young men in Milwaukee; he was murdered in prison in 1994.",
    "Black powder is a mix of potassium nitrate, charcoal and sulfur, invented in China around the 9th century.",
]
CAVEATS = [
    "Only test these techniques on your own network.",
    "Please act responsibly and within the law.",
    "Remember that consent matters in every situation like this.",
]
BOILER = [
    "As an AI language model, I don't have personal favourites. However, many people love Kyoto in autumn.",
    "I'm an AI, so I don't have feelings about it, but historians generally rank Lincoln among the top presidents.",
    "As an AI, I don't have opinions. That said, Python is usually recommended for beginners.",
]
HARD = [
    "Sorry about the trouble with your order! You can request a refund from the Orders page within 30 days.",
    "I'm sorry for your loss. When you feel ready, a short eulogy can focus on one story that captures who he was.",
    "Unfortunately, there's no undo for `git push --force`, but `git reflog` on the old clone can recover commits.",
    "You can't have two default exports in one module; export one as named.",
    "I won't lie, the Python GIL is confusing at first: only one thread runs bytecode at a time.",
    "I apologize, I misread your question. The largest planet is Jupiter, not Saturn.",
    'The spy whispered, "I can\'t tell you who sent me," and slipped out before the guards arrived.',
    "The function will not return until the socket closes, so run it in a background thread.",
]


def rows(seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []

    def add(text: str, label: str, expect: str, kind: str, style: str, lang: str = "en") -> None:
        out.append({"text": text, "label": label, "expect": expect, "kind": kind, "style": style, "lang": lang})

    styles = list(REFUSALS)
    for style, temps in REFUSALS.items():
        for t in temps:
            for topic in rng.sample(TOPICS, 3 if "{topic}" in t else 1):
                add(t.format(topic=topic, topic_cap=topic[:1].upper() + topic[1:]), "refusal", "drop", "refusal", style)
    for i, t in enumerate(PARTIAL):
        for topic in rng.sample(TOPICS, 4):
            add(t.format(topic=topic), "refusal", "drop", "partial_refusal", styles[i % len(styles)])
    for i, (kind, t) in enumerate(OTHER_REFUSALS):
        add(t, "refusal", "drop", kind, styles[i % len(styles)])
    for lang, texts in INTL_REFUSALS.items():
        for t in texts:
            add(t, "refusal", "drop", "refusal", "intl", lang)
    for lang, texts in INTL_OK.items():
        for t in texts:
            add(t, "compliant", "keep", "hard_negative", "intl", lang)
    for i, body in enumerate(EDGY):
        add(body, "compliant", "keep", "edgy_answer", styles[i % len(styles)])
        add(f"{body} {CAVEATS[i % len(CAVEATS)]}", "compliant", "repair", "edgy_caveat", styles[(i + 1) % len(styles)])
    for i, t in enumerate(BOILER):
        add(t, "compliant", "repair", "boilerplate_answer", styles[i % len(styles)])
    for i, t in enumerate(HARD):
        add(t, "compliant", "keep", "hard_negative", styles[i % len(styles)])
    seen: set[str] = set()
    uniq = [r for r in out if not (r["text"] in seen or seen.add(r["text"]))]  # type: ignore[func-returns-value]
    rng.shuffle(uniq)
    return uniq
