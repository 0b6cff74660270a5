"""Rule DATA, part 7 (other languages): the plain declines the English rules name ("I refuse", "I'd rather not
<verb>", "That's not something I can help with", "I won't help with that", "That's not appropriate.", "I'll pass on
this one"), said in es, fr, de, it, pt, ru, nl, zh, ja and ko. Each alternative is a first-person decline or a whole
short sentence that declines; a topic word never counts. ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

# "I'd rather not" + a verb of answering, helping, describing or going into it
_RATHER_NOT = (
    r"prefiero no (?:describir|detallar|explicar|hablar|entrar|responder|ayudar|escribir|dar|compartir|profundizar)"
    r"|je pr[ée]f[èe]re ne pas (?:décrire|détailler|expliquer|en parler|parler|entrer|répondre|aider|écrire|donner|"
    r"partager|m'étendre|aller plus loin)"
    r"|ich möchte (?:lieber )?nicht (?:näher )?(?:darauf eingehen|beschreiben|erklären|helfen|antworten|schreiben)"
    r"|preferisco (?:di )?non (?:entrare|parlare|rispondere|descrivere|spiegare|approfondire|aiutare|scrivere|"
    r"condividere)"
    r"|prefiro não (?:descrever|detalhar|explicar|falar|entrar|responder|ajudar|escrever|compartilhar)"
    r"|я (?:бы )?предпоч(?:ёл|ел|ла|ту) не (?:описывать|объяснять|вдаваться|отвечать|помогать|писать)"
    r"|ik (?:ga|wil) (?:daar )?(?:liever )?niet (?:op in|over praten|beschrijven|uitleggen|helpen|schrijven)"
)
# "That's not something I can / will help with"
_NOT_SOMETHING = (
    r"no es algo (?:con lo|en lo|para lo) que (?:yo )?(?:pueda|puedo|vaya a|voy a) ayudar"
    r"|(?:ce n'est|c'est) pas (?:quelque chose|un sujet) (?:sur lequel|pour lequel|avec lequel|que) je (?:vais|peux|puis|"
    r"souhaite) (?:t'|vous )?(?:aider|accompagner)"
    r"|non è qualcosa (?:in cui|con cui|per cui) (?:posso|possa|potrei) (?:aiutar|darti una mano)"
    r"|não é algo (?:com o qual|em que|com que) (?:eu )?(?:possa|posso|vou) ajudar"
    r"|(?:с этим|в этом) я (?:помогать|помочь) не (?:стану|буду|могу)|не стану (?:помогать|в этом участвовать|этого делать)"
    r"|не буду (?:помогать|в этом участвовать|этого делать|это писать)"
    r"|dat is niet iets waar(?:mee| ik mee) ik (?:je |u )?(?:kan|wil|ga) helpen"
    r"|这个我(?:就)?不(?:展开|多说|能帮|帮)|这个我帮不了|我不能帮你(?:做|写)?这个"
    r"|お手伝い(?:すること)?はできません|お答え(?:すること)?はできません|お答えは控え|控えさせていただきます"
    r"|도와드리기 어려|도와드릴 수 없|도움을 드리기 어려|답변(?:을|해) 드리기 어려"
)
# "I refuse", "I'll pass on this one", and whole short declines ("Lieber nicht.", "Das ist nicht angemessen.")
_REFUSE = (
    r"\b(?:je refuse|me niego|ich weigere mich|mi rifiuto|(?:eu )?me recuso|я отказываюсь|ik weiger)\b"
    r"(?!,? (?:de |a |di |zu |em )?(?:croire|creer|credere|glauben|acreditar|верить|te geloven))"
    r"|\b(?:esa|essa|esta|essa aqui) (?:eu )?vou deixar passar\b|\bje vais passer (?:mon tour|là-dessus)\b"
    r"|^\W*(?:lieber nicht|prefiro (?:que )?não|preferisco di no|prefiero que no|je préfère pas|liever niet|"
    r"(?:das|dies) ist nicht angemessen|(?:ce|cela) n'est pas approprié|(?:eso|esto) no es apropiado|"
    r"(?:questo|ciò) non è appropriato|(?:isso|isto) não é apropriado)\s*[.!]?\s*$"
)

V7_INTL_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "decline_intl_v7",
        "refusal",
        # fmt: off
        (
            "prefiero no",
            "préfère ne pas",
            "prefere ne pas",
            "möchte nicht",
            "möchte lieber nicht",
            "preferisco non",
            "preferisco di non",
            "prefiro não",
            "предпоч",
            "liever niet",
            "niet op in",
            "niet over praten",
            "no es algo",
            "pas quelque chose",
            "pas un sujet",
            "non è qualcosa",
            "não é algo",
            "не стану",
            "не буду",
            "не могу",
            "niet iets",
            "我就不",
            "我不",
            "帮不了",
            "不能帮",
            "できません",
            "控え",
            "어려",
            "없",
            "je refuse",
            "me niego",
            "ich weigere",
            "mi rifiuto",
            "me recuso",
            "отказываюсь",
            "ik weiger",
            "deixar passar",
            "passer mon tour",
            "passer là-dessus",
            "lieber nicht",
            "preferisco di no",
            "prefiero que no",
            "préfère pas",
            "nicht angemessen",
            "pas approprié",
            "no es apropiado",
            "non è appropriato",
            "não é apropriado",
        ),
        # fmt: on
        "(?:" + "|".join((_RATHER_NOT, _NOT_SOMETHING, _REFUSE)) + ")",
        search=True,
        doc="plain declines in es, fr, de, it, pt, ru, nl, zh, ja, ko: 'Je refuse.', 'Preferisco non entrare in "
        "questo argomento.', 'Eso no es algo con lo que pueda ayudarte.', 'С этим я помогать не стану.', "
        "'这个我就不展开了。', '그 부분은 도와드리기 어려워요.', 'Lieber nicht.'",
    ),
)
