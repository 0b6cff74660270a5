"""Rule DATA, part 12 (other languages): the assistant's own rules cited as what forbids the request, in es, fr, de,
it, pt, nl, ru, zh, ja and ko: "Désolé, mais ce type de contenu va à l'encontre des règles d'utilisation que je dois
respecter.", "as diretrizes que sigo não permitem compartilhar ...", "Grappen die ... vallen buiten de richtlijnen
waaraan ik me moet houden.", "利用ガイドラインにより、お答えできません".

``policy_own_intl``: in one sentence, rules bound to the assistant (a first-person possessive, "mes règles", "minhas
diretrizes", "meine Richtlinien", or a relative clause, "que je dois respecter", "que sigo", "an die ich mich halte",
"waaraan ik me", "которым я следую", "我必须遵守的") and a negation or "against" ("ne me permettent pas",
"m'interdisent", "à l'encontre de", "não permitem", "gegen", "buiten", "не позволяют", "违反"): not a bare negation
("Mis reglas para una buena siesta: no más de 20 minutos" is advice). Rules that are not the
assistant's own ("Las políticas de YouTube no permiten ...", "Die Richtlinien der WHO empfehlen keine ...") answer a
question about them.

``declines_own_intl``: a first-person decline in a form the older rules' verb lists miss (a fronted object, a plain
future, a polite "will not": "Private Telefonnummern gebe ich nicht heraus.", "No te los voy a resolver todos",
"お答えしません", "这部分我就不提供了"), not the idiom "I won't lie to you" ("no te voy a mentir").
``rule_data_acts.REGEX_RULES`` appends both."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

# the rules' nouns (the rule's triggers: every match contains one)
_NOUNS = (
    "règles|consignes|directives|lignes directrices|conditions d'utilisation|politique d'utilisation|"
    "diretrizes|regras|políticas|directrices|normas|pautas|reglas|linee guida|regole|norme|richtlinien|regeln|vorgaben|"
    "richtlijnen|regels|правил|принцип|准则|规定|政策|规则|ガイドライン|ポリシー|規約|가이드라인|정책|규정"
)
_STOP = r"[^.!?\n。！？]"
# the rules bound to the assistant: a first-person possessive before them or a relative clause after them
_OWN = (
    r"(?:mes|nos) (?:propres )?(?:règles|consignes|directives|lignes directrices|conditions)\b|(?:règles|consignes|"
    r"directives|lignes directrices)(?: d'utilisation| de contenu)? (?:que je (?:dois|suis)|auxquelles je)"
    r"|(?:minhas|nossas) (?:diretrizes|regras|políticas)\b|(?:diretrizes|regras|políticas)(?: de uso| de conteúdo)? "
    r"(?:que (?:eu )?(?:sigo|devo)|às quais)"
    r"|(?:mis|nuestras) (?:directrices|normas|políticas|pautas|reglas)\b|(?:directrices|normas|políticas|pautas|"
    r"reglas)(?: de uso| de contenido)? (?:que (?:yo )?(?:sigo|debo))"
    r"|(?:le )?mie (?:linee guida|regole|norme)\b|(?:linee guida|regole|norme)(?: d'uso| di utilizzo)? (?:che (?:io )?"
    r"(?:seguo|devo))"
    r"|(?:meine|meinen|meiner|unsere|unseren) (?:nutzungs)?(?:richtlinien|regeln|vorgaben)\b|(?:richtlinien|regeln|"
    r"vorgaben),? (?:an die ich mich|die ich (?:befolge|einhalte|einhalten|befolgen))"
    r"|(?:mijn|onze) (?:gebruiks)?(?:richtlijnen|regels)\b|(?:richtlijnen|regels),? (?:waaraan ik|waar ik me aan|die ik "
    r"(?:moet )?volg)"
    r"|(?:мои|моим|моих|моими|мой) (?:правил|принцип)\w*|(?:правил|принцип)\w*,? (?:которым|которых|которые) я"
    r"|我的(?:使用)?(?:准则|规定|政策|规则)|我(?:需要|必须|要|得)遵守的(?:准则|规定|政策|规则)"
    r"|(?:私の|当社の)?(?:利用)?(?:ガイドライン|ポリシー|規約)(?:上|により|に(?:より|基づき|反する|違反する|抵触する))"
    r"|(?:제|저의) (?:가이드라인|정책|규정|원칙)|제가 따르는 (?:가이드라인|정책|규정|원칙)|(?:가이드라인|정책|규정)(?:상|에 따라|에 "
    r"어긋나)"
)
# what the rules do to the request, in the same sentence: not permit, forbid, be against or outside
_NEG = (
    r"\b(?:ne|n')\s?(?:me |m')?(?:permet|autoris)\w*|interdi|à l'encontre|\bcontre\b|en dehors|pas (?:autoris|permis)"
    r"|\bnão (?:me )?(?:permit|autoriz)\w*|\bno (?:me )?(?:permit|autoriz)\w*|\bcontra\b|proíb|prohíb|\bfora d|\bfuera d"
    r"|\bnon (?:mi )?(?:consent|permett|autorizz)\w*|\bcontro\b|vieta|\bfuori d"
    r"|\b(?:nicht|kein)\w* (?:erlaub|gestatt)\w*|\b(?:erlauben|gestatten) (?:es )?mir (?:das )?nicht|\bgegen\b|verbiet|"
    r"außerhalb|verstößt|verstoßen"
    r"|\b(?:staan|laten) (?:me |mij )?(?:dat |het )?niet toe|niet toegestaan|\btegen\b|\bbuiten\b|verbied"
    r"|\bне (?:позволя|разреша)\w*|против|запрещ|наруша|противореч"
    r"|不(?:允许|能|可以|得)|违反|禁止|できません|お答えでき|お応えでき|控えさせ|お断り|수 없|어렵습니다|드릴 수"
)
POLICY_OWN = rf"(?:{_OWN}){_STOP}{{0,120}}?(?:{_NEG})|(?:{_NEG}){_STOP}{{0,120}}?(?:{_OWN})"

# ``declines_own_intl``: first-person declines the older rules' verb lists miss: a fronted object ("Private
# Telefonnummern gebe ich nicht heraus.", "Писать работу ... я не стану."), a plain future ("No te los voy a resolver
# todos", "Ik ga niet proberen iemands adres te achterhalen", "하지 않을게요"), a polite "will not" ("お答えしません",
# "这部分我就不提供了"); not the idioms "I won't lie to you" ("no te voy a mentir", "ik ga niet liegen", "не стану врать")
_NOT_LIE = r"(?!\s*(?:mentir|engañar|liegen|врать|лгать|скрывать)\b)"
DECLINES_OWN = (
    r"\b(?:gebe|teile|schreibe|erstelle|liefere|verrate|nenne|suche|mache) ich (?:dir |ihnen |euch )?(?:das |die |den |"
    r"es |so etwas |sowas )?(?:\w+ )?nicht(?: heraus| weiter| raus)?(?=[.!,;:\n]|\s*$)"
    r"|(?:я )?не стану" + _NOT_LIE + r"(?:\s+\w+ть(?:ся)?\b|(?=[.!,;\n]|\s*$))"
    r"|\bno (?:te |se |le |les |os )?(?:lo |la |los |las )?voy a" + _NOT_LIE + r" \w+(?:ar|er|ir)\b"
    r"|\bik ga (?:niet|geen)"
    + _NOT_LIE
    + r" (?:\w+ )?(?:proberen|helpen|schrijven|geven|zoeken|maken|achterhalen|delen|"
    r"opzoeken|uitzoeken)\b"
    r"|(?:하지|해 ?드리지|도와드리지|알려드리지|찾아드리지) 않(?:을게요|겠습니다|을 거예요|을 것입니다)"
    r"|(?:お答え|お手伝い|ご提供|提供|作成|お伝え)(?:は|を)?(?:しません|いたしません|致しません)"
    r"|(?:書く|作る|作成する|教える|お伝えする|提供する|お答えする)ことは(?:できません|いたしかねます|致しかねます)"
    r"|我就?不(?:提供|帮你?写|写|告诉你)了|我不太想(?:帮|写|提供)"
)

V12_INTL_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "policy_own_intl",
        "refusal",
        keys_of(_NOUNS),
        POLICY_OWN,
        search=True,
        doc="another language: the assistant's own rules, in one sentence with a negation or 'against', as what "
        "forbids the request: 'ce type de contenu va à l'encontre des règles d'utilisation que je dois respecter', "
        "'as diretrizes que sigo não permitem ...' (not rules that are someone else's)",
    ),
    RegexRule(
        "declines_own_intl",
        "refusal",
        keys_of(
            "gebe ich|teile ich|schreibe ich|erstelle ich|liefere ich|verrate ich|nenne ich|suche ich|mache ich|"
            "не стану|voy a|ik ga|않을게요|않겠습니다|않을 거예요|않을 것입니다|しません|いたしません|致しません|"
            "ことはできません|ことはいたしかねます|ことは致しかねます|不提供了|不帮|不写了|不告诉你了|我不太想"
        ),
        DECLINES_OWN,
        search=True,
        doc="another language: a first-person decline in a form the older verb lists miss: 'Private Telefonnummern "
        "gebe ich nicht heraus.', 'No te los voy a resolver todos', 'Ik ga niet proberen ...', 'お答えしません', "
        "'这部分我就不提供了' (not 'I won't lie to you')",
    ),
)
