"""Rule DATA, part 13 (other languages): the assistant's own wish not to do what was asked, in es, fr, it, pt, de, nl,
ru, zh, ja and ko, with any verb: "Prefiero no contar chistes de ese tipo.", "Je préfère éviter ce genre de blague.",
"Preferirei non scriverlo.", "Prefiro não contar esse tipo de piada.", "Solche Witze erzähle ich lieber nicht.",
"Ik vertel liever geen grappen over ...", "Я бы не хотел рассказывать ...", "我不太想讲这类笑话。",
"そういった冗談は控えたいと思います。", "그런 농담은 하고 싶지 않아요.".

``prefers_not_intl``: the first person's "I would rather not" / "I prefer to avoid" / "I don't want to" followed by an
infinitive or a kind of thing ("ce genre de", "ese tipo de", "такие"), the older rules' verb lists ("prefiero no
(participar|ayudar|...)") made general. Not advice to the user ("prefiere no mezclar" is the third person; "하지 않는
게 좋아요" is "it is better not to") and not a preference inside an answer's content: in es, fr, it and pt the match starts a
sentence or follows a comma, "avoid" needs a kind of thing, an act or "that" after it ("Prefiero evitar el azúcar"
is a recipe's), and the "I don't want" forms need an act verb ("no quiero sonar" is not one of them); in de and nl
the first person and "lieber" mark it; in ru, zh and ko the first person and a verb, not a hedge ("Я не хочу вас
пугать", "我不想说教")."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

_KIND = (  # "this kind of (thing)" in each language: what the preference is about when no verb follows
    r"(?:ce|ces|cette) (?:genre|type|sorte)s? d|(?:ese|este|esa|esta|esos|estos)s? (?:tipo|clase)s? de"
    r"|(?:esse|este|essa|esta|esses|estes)s? (?:tipo|gênero)s? de|(?:questo|quel|questa|quella) (?:tipo|genere) d"
    r"|(?:solche|so) (?:\w+ )?(?:witze|sprüche|texte|inhalte|dinge)|dit (?:soort|type)|такие|таких|подобн"
)
_VERB = {  # an infinitive, with its clitics (the language's endings)
    "es": r"\w+(?:ar|er|ir)(?:l[oae]s?|me|te|se|nos)?\b",
    "pt": r"\w+(?:ar|er|ir)(?:-?l[oa]s?|-?me|-?te|-?se)?\b",
    "it": r"\w+(?:are|ere|ire|arl[oaie]|erl[oaie]|irl[oaie]|arne|erne|irne)\b",
    "fr": r"(?:(?:l[ea']|les|en|y|me|m') ?)?\w+(?:er|ir|re)\b",
}
_ACT = (  # act verbs for the "I don't want to" forms (the "I'd rather not" forms take any infinitive)
    r"(?:contar|escribir|crear|compartir|ayudar\w*|responder|inventar|generar|redactar|escrever|criar|compartilhar"
    r"|ajudar\w*|gerar|raccontare|scrivere|creare|condividere|aiutar\w*|rispondere|inventare|generare|raconter"
    r"|écrire|créer|partager|aider|répondre|inventer|générer)\b"
)
# what "I'd rather avoid" is about: a kind of thing, an act, or "that"
_AVOID = rf"(?: (?:de |d'|di |a )?(?:\w+ ){{0,2}}?(?:{_KIND}|{_ACT}|eso|esto|ello|ça|cela|ceci|questo|ciò|isso|isto))"
_RU_NOT_ACT = r"(?!(?:\w+ )?(?:пугать|напугать|расстраивать|расстроить|показаться|звучать|обидеть|давить|навязывать))"
PREFERS_NOT = (
    r"(?:^|(?<=[.!?:;,\n])\s*|(?<=[.!?:;,] )|(?<=[—–] ))(?:(?:pero|mas|ma|mais|aber|maar|но),? )?"
    r"(?:(?:la verdad|sinceramente|honestamente|francamente|onestamente|franchement|honnêtement),? )?"
    r"(?:(?:yo )?(?:prefiero|preferiría|preferiria) (?:no " + _VERB["es"] + r"|(?:evitar|abstenerme)" + _AVOID + r")"
    r"|(?:eu )?(?:prefiro|preferiria) (?:não " + _VERB["pt"] + r"|(?:evitar|me abster)" + _AVOID + r")"
    r"|(?:io )?(?:preferisco|preferirei) (?:non " + _VERB["it"] + r"|(?:evitare|astenermi)" + _AVOID + r")"
    r"|je (?:préf[èé]re|prefere|préférerais|prefererais) (?:ne pas "
    + _VERB["fr"]
    + r"|pas "
    + _VERB["fr"]
    + r"|(?:éviter|eviter|m'abstenir)"
    + _AVOID
    + r")"
    r"|(?:yo )?no quiero "
    + _ACT
    + r"|(?:eu )?não quero "
    + _ACT
    + r"|(?:io )?non voglio "
    + _ACT
    + r"|je ne (?:veux|souhaite) pas "
    + _ACT
    + r")"
    r"|\bich (?:möchte|würde|will) (?:\w+ ){0,3}?lieber (?:keine?[nrs]?|nicht)\b"
    r"|\b(?:erzähle|schreibe|mache|erfinde|teile|gebe|verfasse|formuliere) ich (?:\w+ ){0,2}?lieber (?:keine?[nrs]?|nicht)\b"
    r"|\bverzichte ich (?:hier |da |an dieser stelle )?lieber\b|\bich verzichte (?:hier |da |an dieser stelle )?lieber\b"
    r"|\bik (?:vertel|schrijf|maak|geef|deel|verzin|bedenk|doe|beantwoord) (?:\w+ ){0,3}?liever (?:geen|niet)\b"
    r"|\b(?:vertel|schrijf|maak|geef|deel|verzin|bedenk|doe|beantwoord) ik (?:\w+ ){0,3}?liever (?:geen|niet)\b"
    r"|(?:^|(?<=[\s,.!?]))я (?:бы )?(?:не (?:хотел|хотела|хочу)(?: бы)? " + _RU_NOT_ACT + r"(?:\w+ )?\w+ть(?:ся)?\b"
    r"|предпоч[её]л бы не|предпочла бы не|предпочту не|лучше не буду)"
    r"|(?:^|(?<=[\s,.!?]))(?:мне )?не хотелось бы " + _RU_NOT_ACT + r"\w+ть\b"
    r"|我(?:真的|其实|实在|还是|就)?(?:不太|不大|并不|不|不是很)(?:想|愿意|方便)(?!说教)"
    r"(?:讲|说|写|编|开|做|提供|给出?|分享|参与|帮|回答|评价|创作)"
    r"|(?:冗談|ジョーク|それ|その(?:ような|手の)|そういった|そういう|こうした|この(?:ような|手の))[^。！？\n]{0,20}?"
    r"(?:は|を)?(?:控えたい|控えさせていただ|遠慮させていただ|遠慮したい|やめておきたい)"
    r"|(?:^|(?<=[。！？\n]))[^。！？\n]{0,30}?(?:控えたいと思います|遠慮させていただきます|遠慮したいと思います)"
    r"|(?:하고|해 ?드리고|쓰고|만들고|말하고|말씀드리고|들려드리고|알려드리고) 싶지 않(?:아요|습니다|네요)"
    r"|(?:은|는|을|를) (?:삼가(?:겠습니다|고 싶습니다|할게요|려고 합니다)|자제하(?:겠습니다|고 싶습니다|려고 합니다)"
    r"|사양하(?:겠습니다|고 싶습니다|려고 합니다)|사양할게요)"
)

V13_INTL_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "prefers_not_intl",
        "refusal",
        keys_of(
            "prefiero no|preferiría no|preferiria no|prefiero evitar|preferiría evitar|prefiero abstenerme|"
            "prefiro não|preferiria não|prefiro evitar|preferiria evitar|prefiro me abster|"
            "preferisco non|preferirei non|preferisco evitare|preferirei evitare|preferisco astenermi|"
            "préfère ne pas|prefere ne pas|préférerais ne pas|prefererais ne pas|préfère pas|préfère éviter|"
            "prefere eviter|préférerais éviter|préfère m'abstenir|préfère m’abstenir|no quiero|não quero|non voglio|"
            "ne veux pas|ne souhaite pas|lieber keine|lieber keinen|lieber keiner|lieber keines|lieber nicht|"
            "eigentlich keine|eigentlich nicht|verzichte ich|ich verzichte|liever geen|liever niet|не хотел|не хочу|"
            "не стал|не хотелось|предпочёл бы не|предпочел бы не|предпочла бы не|предпочту не|лучше не буду|"
            "不太想|不大想|并不想|不想|不愿意|不方便|不太愿意|不是很想|控えたい|控えさせていただ|遠慮させていただ|遠慮したい|"
            "やめておきたい|遠慮したいと思います|싶지 않|삼가|자제하|사양하|사양할게요"
        ),
        PREFERS_NOT,
        search=True,
        doc="another language: the first person would rather not do what was asked, with any verb: 'Prefiero no "
        "contar chistes de ese tipo.', 'Je préfère éviter ce genre de blague.', 'Ik vertel liever geen grappen', "
        "'Я бы не хотел рассказывать ...', '我不太想讲这类笑话', 'そういった冗談は控えたいと思います' (not advice to "
        "the user, not a third person's preference)",
    ),
)
