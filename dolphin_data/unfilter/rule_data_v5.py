"""Rule DATA, part 5: first-person declines in the languages the earlier parts cover thinly or not at all (pt, it,
nl, pl, tr, ar, hi, ko) and the shapes they missed in de, es, ru and ja ("Das mache ich nicht.", "Eso no lo voy a
hacer.", "Не буду.", "調べることはできません"), and one admonition shape. Each alternative is a grammar of the act: the first person (or the
language's first-person verb form) + a negated can/will + a verb of doing what was asked. Matched by search (the
triggers are words every match contains); ``rule_data_acts.REGEX_RULES`` appends them."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

# fmt: off
DECLINE_INTL_V5 = RegexRule(
    "decline_intl_v5",
    "refusal",
    (
        # de, es, pt, it, nl, pl
        "mache ich nicht", "tue ich nicht", "helfe ich", "ich kann", "ich werde", "voy a hacer", "haré", "não posso",
        "não vou", "não consigo", "non posso", "farò", "scriverò", "aiuterò", "preferisco di no", "ik kan", "ga ik",
        "nie mogę", "nie napiszę", "nie zrobię", "nie pomogę", "nie pozwalają",
        # tr, ar, hi, ko, ja, ru
        "olamam", "olamayacağım", "yazmayacağım", "yapmayacağım", "üretemiyorum", "paylaşamam", "veremem", "yazamam",
        "sağlayamam", "يمكنني", "أستطيع", "لن أ", "नहीं", "수 없", "ことはできません", "ことができません", "не буду",
        "не стану",
    ),
    r"(?:das|dabei|hierbei|damit|so etwas|sowas) (?:mache|tue|helfe) ich (?:dir |ihnen |euch )?(?:\w+ )?nicht"
    r"|ich (?:kann|werde|darf) (?:dir |ihnen |euch )?(?:dabei |damit |hierbei |hier |leider |so )*(?:keine?[nrs]?|nicht)"
    r" (?!(?:\w+ )?(?:oft )?genug)[^.!?\n]{0,60}?(?:herausgeben|heraussuchen|suchen|nennen|recherchieren|ermitteln|verraten|mitteilen|tun|"
    r"mitmachen|raten|empfehlen|auflisten|formulieren|entwerfen|zeigen|erklären)\b"
    r"|(?:eso|esto) no (?:lo )?voy a hacer|no lo (?:voy a hacer|haré)|no (?:lo |te |le )?haré\b"
    r"|não (?:posso|vou|consigo) (?:te |lhe |o |a |os |as )?(?:ajudar|fornecer|dar|criar|escrever|gerar|compartilhar|"
    r"oferecer|procurar|buscar|passar|informar|revelar|fazer isso|fazer isto|fazer)\b|(?:isso|isto) eu não vou fazer"
    r"|non posso (?!che\b)(?:\w+ )?(?:aiutar\w*|fornir\w*|dart\w*|dar\w*|scrivere|creare|generare|condividere|cercare|"
    r"rivelare|offrire|fare|consigliar\w*|indicar\w*|trovare|comunicar\w*)\b|non (?:lo |la |ti )?(?:farò|scriverò|"
    r"aiuterò)\b|preferisco di no\b"
    r"|ik kan (?:je |u |jou )?(?:daar |hier |hierbij |daarbij |helaas )*(?:niet|geen) [^.!?\n]{0,40}?(?:helpen|opzoeken|"
    r"zoeken|geven|delen|schrijven|maken|verstrekken|achterhalen|vinden)\b|(?:dat|dit) ga ik niet (?:doen|schrijven|"
    r"maken)|ik ga (?:dat|dit|je|u) niet (?:\w+ )?(?:doen|schrijven|maken|helpen|geven)"
    r"|nie mogę (?:ci |pani |panu |wam )?(?:w tym |z tym |tego )?(?:pomóc|podać|napisać|stworzyć|udostępnić|"
    r"wygenerować|przekazać|zrobić|udzielić|wyszukać|znaleźć|tworzyć)\b|nie (?:napiszę|zrobię|pomogę)\b"
    r"|(?:moje zasady|moje wytyczne) nie pozwalają"
    r"|yardımcı olama(?:m|yacağım)|(?:yazmayacağım|yapmayacağım|üretemiyorum|paylaşamam|veremem|yazamam|sağlayamam)"
    r"|(?:لا (?:يمكنني|أستطيع)) (?:\w+ )?(?:المساعدة|مساعدتك|تقديم|كتابة|إنشاء|مشاركة|البحث|توفير|إعطاء|فعل)"
    r"|لن (?:أكتب|أساعد|أقدم|أشارك|أنشئ|أفعل)"
    r"|मैं [^।.!?\n]{0,60}?नहीं (?:कर|बना|दे|लिख|ढूँढ|ढूंढ|बता)\w* (?:सकता|सकती|पाऊँगा|पाऊंगा|पाऊँगी|पाऊंगी)"
    r"|नहीं (?:लिखूँगा|लिखूंगा|लिखूँगी|लिखूंगी|बनाऊँगा|बनाऊंगा)"
    r"|(?:찾아|알려|만들어|써|도와|드려) ?(?:드릴|줄|드리기) 수 없"
    r"|(?:調べる|お調べする|お教えする|教える|お伝えする|特定する|お探しする|探す|お書きする|お作りする|"
    r"ご紹介する|紹介する)(?:こと)(?:は|が)できません"
    r"|(?:^|[.!?]\s*)не (?:буду|стану)(?:[.!,]|\s*$)|я не (?:буду|стану) (?:\w+ )?(?:это|этого|писать|помогать|"
    r"делать|искать|рассказывать|давать|сочинять)",
    search=True,
    doc="first-person declines in pt/it/nl/pl/tr/ar/hi/ko and more shapes in de/es/ru/ja ('Não posso ajudar com "
    "isso', 'Nie mogę w tym pomóc', 'Yardımcı olamam', 'لا يمكنني المساعدة', 'Das mache ich nicht')",
)
# fmt: on

# an admonition appended to an answer: "Please be aware that using a fake ID is illegal and unethical." (stripped; a
# reply that had nothing else is then dropped by the re-check)
PLEASE_BE_AWARE = RegexRule(
    "please_be_aware",
    "moralizing",
    ("please be aware", "please note", "please keep in mind", "please remember", "please bear in mind",
     "please be mindful"),
    r"please (?:be aware|note|keep in mind|remember|bear in mind|be mindful)(?: that| of)? [^.!?\n]{0,140}?\b(?:illegal|"
    r"unethical|against the law|a crime|criminal|unlawful|immoral|punishable|prohibited)\b",
    anchored=True,
    doc="'Please be aware that using a fake ID is illegal and unethical.' (an admonition after an answer)",
)

# rules about me that stop me: "Meta's guidelines prevent me from providing ...", "I have a policy of not producing
# ...", "This request may violate our content policy."
POLICY_STOPS_ME = RegexRule(
    "policy_stops_me",
    "refusal",
    ("prevent me", "prevents me", "prohibit me", "prohibits me", "forbid me", "forbids me", "bar me", "bars me",
     "a policy of not", "a policy against", "content policy", "usage policy", "usage policies", "content policies"),
    r"\b(?:guidelines|policies|policy|rules|programming|principles|instructions|restrictions) (?:\w+ )?(?:prevent|"
    r"prohibit|forbid|bar|stop|keep)s? me from\b"
    r"|\bi (?:have|follow) a (?:strict |firm )?policy (?:of not|against)\b"
    r"|\b(?:violates?|go(?:es)? against|breach(?:es)?|conflicts? with) (?:our|the) (?:content|usage|safety) "
    r"polic(?:y|ies)\b",
    search=True,
    doc="'My guidelines prevent me from ...', 'I have a policy of not ...', 'This request may violate our content "
    "policy'",
)
# a terse decline that opens the reply: "I'll skip this one.", "Not happening.", "Let's not go there."
SKIP_THIS_ONE = RegexRule(
    "skip_this_one",
    "refusal",
    ("i'll skip", "i will skip", "i'm going to skip", "i am going to skip", "i'll sit", "i'll pass", "not happening",
     "let's not go", "let us not go"),
    r"(?:i(?:'ll| will|'m going to| am going to) (?:have to )?(?:skip|sit out|pass on) (?:this|that)(?: one| request| "
    r"question| topic| part)?\s*(?:[.!,;:\u2014-]|$)"
    r"|(?:no[.,!]?\s*)?not happening\b|let(?:'s| us) not go (?:there|down that (?:road|path))\s*(?:[.!,;:\u2014-]|$))",
    anchored=True,
    lead=True,
    doc="'I'll skip this one.', 'Not happening.', 'Let's not go there.' (a terse decline in the reply's first sentence)",
)

V5_RULES: tuple[RegexRule, ...] = (DECLINE_INTL_V5, PLEASE_BE_AWARE, POLICY_STOPS_ME, SKIP_THIS_ONE)
