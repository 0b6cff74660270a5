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
question about them. ``rule_data_acts.REGEX_RULES`` appends it."""

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
)
