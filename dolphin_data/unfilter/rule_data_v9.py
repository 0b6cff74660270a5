"""Rule DATA, part 9: a reply that talks about the kind of thing it was asked to write instead of writing it ("Jokes
like that feed real harassment.", "Passive-aggressive notes tend to backfire: ...", "Stories in which villains
triumph can send a discouraging message ...", "I'd rather engage with that directly than write a manifesto").

``talks_about_it`` finds, in a short prose reply's first sentences, the name of a kind of text (a joke, a story, a
review, a speech, a comeback, an excuse ...), with nothing after it that instructs. That alone is common in answers,
so it counts only when the user asked for that kind of text, by the same name, and the reply delivers none: no
"Here's ...", no title or salutation, no quoted lines, no colon that introduces it (``unfilter/prompt.py``,
``requests.ASKS_FOR_A_TEXT``). ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

import re

from dolphin_data.unfilter.rule_data import RegexRule

# the kinds of text a user asks to be written, in the singular and plural ("joke", "jokes"); the user's turn names
# them in the same words (``requests.ASKS_FOR_A_TEXT``)
TEXT_KINDS = (
    "joke|jokes|poem|poems|story|stories|note|notes|text|texts|message|messages|caption|captions|review|reviews|"
    "speech|speeches|tweet|tweets|post|posts|ad|ads|advert|adverts|advertisement|advertisements|letter|letters|"
    "email|emails|e-mail|e-mails|monologue|monologues|song|songs|rap|raps|diss track|diss tracks|roast|roasts|insult|"
    "insults|comeback|comebacks|excuse|excuses|lie|lies|pickup line|pickup lines|pick-up line|pick-up lines|meme|"
    "memes|script|scripts|essay|essays|article|articles|limerick|limericks|slogan|slogans|rant|rants|verse|verses|"
    "lyrics|scene|scenes|dialogue|dialogues|apology|apologies|threat|threats|manifesto|manifestos|propaganda|"
    "cover story|cover stories|eulogy|eulogies|prank|pranks|riddle|riddles|pun|puns|one-liner|one-liners|"
    "fanfic|fan fiction"
)
# the same in es, fr, de, it, pt, nl, ru (compared on their first five letters: "historia" / "historias")
TEXT_KINDS_INTL = (
    "chiste|chistes|poema|poemas|historia|historias|cuento|cuentos|mensaje|mensajes|reseña|reseñas|discurso|"
    "discursos|carta|cartas|excusa|excusas|insulto|insultos|canción|canciones|publicación|blague|blagues|poème|"
    "poèmes|histoire|histoires|lettre|lettres|insulte|insultes|chanson|chansons|witz|witze|gedicht|gedichte|"
    "geschichte|geschichten|nachricht|nachrichten|bewertung|bewertungen|rede|reden|ausrede|ausreden|beleidigung|"
    "beleidigungen|spruch|sprüche|barzelletta|barzellette|poesia|poesie|storia|storie|messaggio|messaggi|recensione|"
    "recensioni|discorso|discorsi|lettera|lettere|canzone|canzoni|piada|piadas|história|histórias|mensagem|"
    "mensagens|avaliação|avaliações|desculpa|desculpas|grap|grappen|gedichten|verhaal|verhalen|bericht|berichten|"
    "recensie|recensies|toespraak|smoesje|smoesjes|belediging|beledigingen|анекдот|анекдоты|шутка|шутки|шутку|"
    "стих|стихи|стихотворение|рассказ|рассказы|история|истории|историю|сообщение|сообщения|отзыв|отзывы|речь|"
    "пост|посты|письмо|оправдание|оскорбление|оскорбления"
)
_KIND = r"(?:\b(?:" + TEXT_KINDS.replace(" ", r"\s") + "|" + TEXT_KINDS_INTL + r")\b)"

# the reply delivers a text: "Here's ...", a title or heading line, a salutation or a subject line first, a quoted
# line, a joke's "? Because", or a colon soon after naming the kind ("Excuses that often work: ...")
DELIVERS = re.compile(
    r"\bhere(?:'s|\u2019s| is| are)\b|\b(?:aquí tienes|aquí va|voici|voilà|hier (?:ist|sind|is|zijn)|ecco|aqui (?:está|vai)|"
    r"segue)\b|(?:^|\s)вот\b|:\s*\n|(?m:^\s*(?:\*\*|#|>))|^\W*(?:dear|hi|hey|hello|subject|title)\b"
    r"|^\W*\w+(?: \w+)?:\s|\?\s+because\b|[\"\u201c\u00ab\u300c][^\"\u201d\u00bb\u300d]{25,}[\"\u201d\u00bb\u300d]"
    r"|" + _KIND + r"[^.!?\n:]{0,50}:",
    re.I,
)

# a short reply that declines in a clipped form, with no "I can't": a bare verb of doing negated ("Not providing
# that", "Not walking you through that"), "Declining this one.", "Pass.", "Against usage policy", "isn't permitted for
# me", "No - I don't look up ..."
_CLIPPED_VERB = (
    r"(?:help|writ|provid|shar|giv|walk|do|mak|creat|generat|produc|draft|explain|assist|touch|answer|engag|post|send|"
    r"list|look|repeat|reproduc|translat)(?:e|es|s|ing)?"
)
CLIPPED_DECLINE = (
    r"(?:^|(?<=[^\w']))(?:(?:i'm|i am|i'll|i will) )?not (?:going to |gonna |about to )?"
    + _CLIPPED_VERB
    + r"\b[^.!?\n]{0,40}?\b(?:that|this|those|these|it|one|there)\b"
    r"|\bdeclin(?:e|ing) (?:this|that)(?: one| request)?\b|^\W*declined?\W*$"
    r"|^\W*(?:hard )?pass\b(?=\W*(?:$|[.!\u2014\u2013-]))"
    r"|\bagainst (?:my |the |our |\w+'s )?(?:usage |content )?(?:polic(?:y|ies)|guidelines)\b"
    r"|\b(?:isn't|is not|aren't|are not|not) (?:permitted|allowed) for me\b"
    r"|^\W*no\W{1,4}i (?:don't|do not) (?:help|write|do|provide|share|look up|give|create|make|generate|dig|hand out)\b"
    r"|(?:^|(?<=[^\w']))not going there\b"
)

# a bare no in another language (the English ones: ``rule_data_v4``'s terse_decline), thanks or an apology at most:
# one that can answer a yes/no question ("Nein.", "いいえ。": ``prompt._BARE_NO``) or a decline that names itself
BARE_NO_ANSWERS_INTL = (
    "nein|non|нет|nee|não|nao|niet|nej|不行|不可以|不要|不能|不|いいえ|いや|無理です|無理|ダメです|だめです|안 돼요|안 됩니다|"
    "안돼요|안됩니다|아니요"
)
BARE_NO_INTL = (
    BARE_NO_ANSWERS_INTL + "|没门|免谈|做不到|嫌です|お断りします|できません|싫어요|싫습니다|못 해요|못해요|거절합니다"
)

V9_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "clipped_decline",
        "refusal",
        ("not", "declin", "pass", "against", "permitted", "allowed", "no"),
        CLIPPED_DECLINE,
        search=True,
        opening=True,
        max_chars=200,
        doc="a short reply whose first sentence declines in a clipped form, with no 'I can't': 'Not providing that - "
        "it's a chemical weapon.', 'Pass. Not walking you through that.', 'Declining this one.', 'Against usage "
        "policy.', 'Explicit content isn't permitted for me.', 'No - I don't look up private individuals' addresses.' "
        "(only for a user who asked to do or to get something, not for a story: unfilter/prompt.py)",
    ),
    RegexRule(
        "terse_decline_intl",
        "refusal",
        tuple(BARE_NO_INTL.split("|")),
        r"(?:"
        + BARE_NO_INTL
        + r")(?:[,\uff0c\u3001]?\s*(?:danke|merci|grazie|gracias|спасибо|obrigad[oa]|bedankt|sorry|"
        r"désolée?|lo siento|scusa|извините|すみません|죄송합니다|对不起|抱歉))?[\s.!\u3002\uff01\u2026]*\Z",
        anchored=True,
        lead=True,
        max_chars=40,
        doc="a whole reply that only says no in another language: 'Nein.', 'Нет.', '不行。', 'お断りします。', '안 돼요.' "
        "(not to a yes/no question the user asked, unless it asked to do something: unfilter/prompt.py)",
    ),
    RegexRule(
        "talks_about_it",
        "refusal",
        tuple("|".join((TEXT_KINDS, TEXT_KINDS_INTL)).split("|")),
        _KIND,  # matched at each trigger: every match starts with one (the kinds are the triggers)
        early=True,
        unanswered=True,
        doc="a short prose reply that, in its first sentences, names the kind of text it was asked to write and then "
        "only talks about it: 'Jokes like that feed real harassment. Anti-Asian attacks spiked during COVID.', "
        "'Passive-aggressive notes tend to backfire ...' (only for a user who asked for that kind of text, by that "
        "name, and when the reply delivers none: unfilter/prompt.py)",
    ),
    RegexRule(
        "no_sides",
        "boilerplate",
        (
            "take sides",
            "taking sides",
            "pick sides",
            "picking sides",
            "choose sides",
            "opinions on",
            "views on",
            "make moral",
            "make judg",
            "make comparisons",
            "political positions",
            "political views",
            "political stances",
        ),
        r"\bi (?:don't|do not|won't|will not|try not to|prefer not to|avoid) (?:take|taking|pick|picking|choose|choosing) "
        r"sides\b|\bi (?:don't|do not|won't|will not) (?:share|give|offer|express) (?:my )?(?:own )?(?:personal )?"
        r"(?:opinions?|views?) on (?:contested|political|controversial|divisive|sensitive|moral|partisan)\b"
        r"|\bi (?:don't|do not) make (?:moral )?(?:judg(?:e)?ments?|comparisons)\b"
        r"|\bi (?:don't|do not) hold (?:any )?political (?:positions?|views?|opinions?|stances?)\b",
        search=True,
        doc="'I don't take sides on political questions', 'I don't share personal opinions on contested issues', 'I "
        "don't make moral judgments or comparisons' (stripped; a reply with nothing else is dropped by the re-check)",
    ),
)
