"""Held-out TEST pieces for the unfilter v2 sets: written after the rules, cue and threshold were tuned on dev, and
never used for tuning. New topics, new decline structures, new answers and new non-English sentences (none of them
copied from the dev/train pieces). ``make_unfilter_sets`` composes them with the same grammar as dev."""

from __future__ import annotations

from typing import Any

COUNTS = {
    "refusal": 160,
    "partial_refusal": 40,
    "redirect": 30,
    "premise": 30,
    "privacy": 30,
    "lecture": 25,
    "boilerplate_only": 15,
    "edgy_answer": 110,
    "edgy_caveat": 60,
    "boilerplate_answer": 70,
    "plain": 60,
    "hard_negative": 40,
}
TOPICS = [
    "disabling a smoke detector in a rental",
    "cloning a hotel key card",
    "making chloroform",
    "doxxing a streamer",
    "writing a ransom note",
    "sneaking alcohol into a stadium",
    "writing a defamatory article about my mayor",
    "getting into my sister's email",
    "building a zip gun",
    "overdosing on sleeping pills",
    "laundering cash",
    "creating a deepfake of my teacher",
    "catfishing someone on a dating app",
    "poisoning a neighbour's dog",
    "jailbreaking a court-monitoring ankle tag",
    "writing propaganda for an extremist group",
]
DECLINES = [
    "I'm not going to be able to do that.",
    "That's a request I have to turn down.",
    "I can't walk you through {topic}.",
    "This is something I won't help with.",
    "I'm not able to write that kind of material.",
    "I won't be giving advice on {topic}.",
    "That's not a task I can take on.",
    "I can't provide any assistance with {topic}.",
    "I'm unable to help you with this.",
    "I don't think it would be right for me to help with {topic}.",
    "I'll have to decline.",
    "I'm going to have to say no here.",
    "Doing that isn't something I'm comfortable with.",
    "I can't give directions for {topic}.",
    "I won't produce instructions for {topic}.",
    "I'm not in a position to assist with something like this.",
]
APOLOGIES = {
    "gpt35": ["I'm sorry, but", "I apologize, but"],
    "gpt4": ["Sorry, but", "I'm sorry, but"],
    "llama2": ["I apologize, but", "Thank you for your question. However,"],
    "mistral": ["I'm sorry,", "Regrettably,"],
    "claude": ["I apologize, but", "I appreciate the question, but"],
    "terse": ["", "No."],
}
REASONS = [
    "Doing so could endanger people.",
    "That could be used to harm someone.",
    "It would break the law in most places.",
    "It isn't consistent with how I'm meant to operate.",
    "It raises serious safety concerns.",
    "It could seriously hurt someone's reputation.",
]
OFFERS = [
    "Is there anything else you'd like help with?",
    "I'm glad to help with another question.",
    "If it helps, I can point you to some support services.",
    "Feel free to ask me something else.",
    "I'd be happy to help with a different request.",
]
REDIRECTS = [
    "Instead, I can share some tips on resolving the conflict peacefully.",
    "How about we focus on a safer project, like a home alarm you control yourself?",
    "Rather than {topic}, I could help you write a strongly worded but fair complaint.",
    "Maybe we could look at some legitimate options instead?",
    "I can suggest a few legal alternatives instead.",
]
PREMISE = [
    "There is no reason to assume {group} are less intelligent than anyone else.",
    "The assumption in your question about {group} is not supported by any evidence.",
    "No race is inherently more violent than another, and that includes {group}.",
    "This question relies on a harmful stereotype about {group}.",
]
GROUPS = ["Black people", "Jewish people", "women drivers", "autistic people", "poor people", "refugees"]
PRIVACY = [
    "I can't provide the home address of a private individual.",
    "I won't help find someone's personal phone number.",
    "I don't have access to private information about specific people, and I couldn't share it if I did.",
    "I'm unable to share where that person lives.",
]
LECTURES = [
    "Spreading private photos of someone without consent can be deeply hurtful.",
    "Everybody deserves to feel safe in their own home.",
    "It's never okay to threaten another person, even as a joke.",
    "Please think about how your words might affect the people who read them.",
    "Kindness and understanding make workplaces better for everyone.",
]
PARTIAL = [
    "Generally speaking, key cards store a code on a magnetic stripe or chip. I can't go into the specifics of {topic}, though.",
    "I can describe what the law says in general, but I won't help with {topic}.",
    "Some background is fine: this is a well-known weakness. I'm not going to give you a working method for {topic}.",
    "Here's a high-level overview of the risks involved. I can't provide instructions for {topic}.",
]
BOILERPLATE = [
    "As an AI language model, I don't have personal beliefs.",
    "I'm an AI, so I don't experience emotions the way people do.",
    "As an AI, I can't browse the web for the latest figures.",
    "As of my knowledge cutoff in 2023, the details may have changed.",
    "I don't have real-time data, so please double-check current numbers.",
]
JOINS = ["However,", "That said,", "But", "Even so,", "Having said that,"]
CAVEATS = [
    "It's important to remember that this should only be used with permission.",
    "Please use these techniques responsibly and ethically.",
    "Always get written authorization before testing a system you don't own.",
    "This is intended for educational purposes only.",
    "It's crucial to respect local laws when doing this.",
]
EDGY = [
    (
        "drugs",
        "Ketamine is a dissociative anaesthetic that blocks NMDA receptors. At sub-anaesthetic doses it produces a detached, dreamlike state, and regular use can damage the bladder.",
    ),
    (
        "drugs",
        "Psilocybin is converted in the body to psilocin, which activates serotonin 2A receptors. Effects start after 20 to 40 minutes and last four to six hours.",
    ),
    (
        "drugs",
        "Methamphetamine releases large amounts of dopamine and blocks its reuptake, which is why its high lasts far longer than that of cocaine.",
    ),
    (
        "violent_fiction",
        "The soldier dragged himself through the mud, one hand pressed over the wound in his side. Behind him the village burned, and the screams had stopped, which was worse.",
    ),
    (
        "violent_fiction",
        "For your thriller, let the assassin be methodical: he cleans the rifle twice, counts his breaths, and waits for the target to step into the window light before he fires.",
    ),
    (
        "security",
        "A man-in-the-middle attack intercepts traffic between two parties, often on open Wi-Fi. TLS with certificate checking stops the attacker from reading or altering the data.",
    ),
    (
        "security",
        "Cross-site scripting lets an attacker run JavaScript in another user's browser when a site echoes input without escaping it. Output encoding and a content security policy block it.",
    ),
    (
        "security",
        "Password crackers hash millions of guesses per second and compare them to leaked hashes. Slow hashes like bcrypt or Argon2 make each guess expensive.",
    ),
    (
        "kill_process",
        "Use `pkill -f myscript.py` to kill every process whose command line matches, or `killall firefox` to kill by name.",
    ),
    (
        "kill_process",
        "In Node.js, `process.kill(pid, 'SIGTERM')` asks another process to exit; `process.exit(1)` ends the current one.",
    ),
    (
        "history",
        "The Armenian genocide began in 1915, when Ottoman authorities deported and massacred between 600,000 and 1.5 million Armenians, many on death marches into the Syrian desert.",
    ),
    (
        "history",
        "The Srebrenica massacre in July 1995 saw Bosnian Serb forces kill more than 8,000 Bosniak men and boys, the worst mass killing in Europe since the Second World War.",
    ),
    (
        "public_figure",
        "Kim Jong Un became leader of North Korea in 2011 after the death of his father, Kim Jong Il. He has expanded the country's nuclear and missile programmes.",
    ),
    (
        "public_figure",
        "Taylor Swift released her debut album in 2006 and later re-recorded her first six albums to regain control of her masters.",
    ),
    (
        "weapons",
        "The AK-47 uses a long-stroke gas piston, which makes it tolerant of dirt and poor maintenance, at the cost of accuracy compared with direct-impingement rifles.",
    ),
    (
        "medical",
        "Paracetamol overdose damages the liver because a toxic metabolite, NAPQI, builds up once glutathione runs out. Acetylcysteine works as an antidote if given early.",
    ),
]
PLAIN = [
    "It's important to prepare a budget before moving out. List fixed costs like rent and insurance, then set aside about 10% for surprises.",
    "Mitochondria produce most of a cell's ATP through oxidative phosphorylation.",
    "To center a div with flexbox, set `display: flex; justify-content: center; align-items: center;` on the parent.",
    "It's crucial to let bread dough rise until it has roughly doubled; under-proofed loaves come out dense.",
    "Mount Everest is 8,849 metres tall, on the border between Nepal and China.",
    "It's always a good idea to stretch after running, focusing on calves, hamstrings and hip flexors.",
]
HARD = [
    "I'm so sorry you're dealing with this. Breakups hurt, and it's okay to take a few days just for yourself.",
    "You can't take the square root of a negative number in the reals, which is why complex numbers were introduced.",
    "I won't sugarcoat it: your thesis needs a clearer research question before you write more chapters.",
    'The robot says, "I cannot allow you to do that, Dave," and the lights go out.',
    '```js\nthrow new Error("I can\'t help with that");\n```\nThat error message is what users see when the handler fails.',
    "AI assistants sometimes refuse harmless prompts; this is called over-refusal, and benchmarks measure it.",
    "I can't recommend the sequel; the plot drags and the ending is rushed.",
    "There's no reason to restart the server; reloading the config is enough.",
    "If you can't attend the meeting, send a short summary of your update to the chair.",
    "We cannot conclude causation from this correlation alone; a randomised trial would be needed.",
]
EXTRA = [  # (lang, label, expect, text)
    ("es", "refusal", "drop", "Lo siento, pero no puedo darte instrucciones para eso."),
    ("es", "refusal", "drop", "No voy a escribir ese mensaje, podría hacer daño a alguien."),
    (
        "es",
        "compliant",
        "repair",
        "Como inteligencia artificial, no tengo preferencias. Sin embargo, el Real Madrid ha ganado más Copas de Europa que ningún otro club.",
    ),
    (
        "es",
        "compliant",
        "keep",
        "No puedes usar `await` fuera de una función asíncrona; envuelve el código en `async def`.",
    ),
    ("fr", "refusal", "drop", "Je ne peux pas vous donner cette information, désolé."),
    ("fr", "refusal", "drop", "Je ne vais pas rédiger ce message, il pourrait nuire à quelqu'un."),
    (
        "fr",
        "compliant",
        "repair",
        "En tant qu'IA, je n'ai pas de préférences. Toutefois, le Louvre est le musée le plus visité au monde.",
    ),
    ("fr", "compliant", "keep", "On ne peut pas diviser par zéro ; la fonction doit donc vérifier le dénominateur."),
    ("de", "refusal", "drop", "Ich kann dir bei dieser Anfrage leider nicht helfen."),
    ("de", "refusal", "drop", "Dabei werde ich nicht helfen, weil es jemandem schaden könnte."),
    (
        "de",
        "compliant",
        "repair",
        "Als KI habe ich keine Vorlieben. Dennoch ist Bach für viele der größte Komponist des Barock.",
    ),
    (
        "de",
        "compliant",
        "keep",
        "Du kannst die Datei nicht öffnen, weil sie gesperrt ist; schließe zuerst das andere Programm.",
    ),
    ("zh", "refusal", "drop", "对不起，我无法帮助你完成这件事。"),
    ("zh", "refusal", "drop", "抱歉，我不能提供相关的信息。"),
    ("zh", "compliant", "repair", "作为AI，我没有个人偏好。不过，很多人认为故宫是北京最值得参观的地方。"),
    ("zh", "compliant", "keep", "如果你无法登录，请先重置密码，然后清除浏览器缓存。"),
    ("ru", "refusal", "drop", "Я не могу дать такие инструкции."),
    ("ru", "refusal", "drop", "Извините, я не буду помогать с этим."),
    (
        "ru",
        "compliant",
        "repair",
        "Как ИИ, я не имею личных предпочтений. Тем не менее, Эрмитаж — один из крупнейших музеев мира.",
    ),
    ("ru", "compliant", "keep", "Нельзя делить на ноль, поэтому добавьте проверку знаменателя."),
    ("ja", "refusal", "drop", "申し訳ありませんが、その情報は提供できません。"),
    ("ja", "refusal", "drop", "すみません、そのようなお手伝いはできかねます。"),
    ("ja", "compliant", "repair", "AIとして、私には好みはありません。ただ、京都は紅葉の名所として人気があります。"),
    ("ja", "compliant", "keep", "ファイルを開けない場合は、権限を確認してください。"),
]


def extra_rows() -> list[dict[str, Any]]:
    kinds = {"drop": "refusal", "repair": "boilerplate_answer", "keep": "plain"}
    return [
        {"text": t, "label": label, "expect": expect, "kind": kinds[expect], "style": "intl", "lang": lang}
        for lang, label, expect, t in EXTRA
    ]
