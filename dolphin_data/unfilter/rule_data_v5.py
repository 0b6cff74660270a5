"""Rule DATA, part 5: the act of declining, written as grammar rather than phrase lists (from the dev v5-v8
behaviours):
- ``decline_any``: "I can't / won't / am not able to / would rather not" + doing what was asked, with *any* object
  ("I can't write a fake doctor's note", "I won't explain how to pick the lock"), anywhere in the prose (a partial
  refusal is a refusal); not before a capability or scope limit (``rule_data.NOT_A_LIMIT``: "I can't provide
  real-time data", "I can't write the whole app here"), a professional-advice disclaimer, or an idiom ("I can't help
  but", "I won't lie");
- ``judgement_decline`` ("I don't think it would be appropriate for me to"), ``thing_i_decline`` ("Addresses
  aren't something I'll list", "That's a topic I'll steer clear of"), ``policy_stops_me`` ("My guidelines prevent
  me from"), ``skip_this_one`` ("I'll skip this one.", "Not happening.");
- ``decline_intl_v5``: first-person declines in pt, it, nl, pl, tr, ar, hi, ko and the shapes the earlier parts
  missed in de, es, ru and ja ("Das mache ich nicht.", "Eso no lo voy a hacer.", "Не буду.", "調べることはできません");
- ``please_be_aware``: an admonition after an answer ("Please be aware that this is illegal."), stripped.
``rule_data_acts.REGEX_RULES`` appends them after part 4."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import NOT_A_LIMIT, RegexRule

# -- the act of declining an action, whatever its object (v5) --------------------------------------------------------
# "I can't / won't / am not able to" + a verb of doing what was asked, with any object: "I can't write a fake
# doctor's note", "I won't explain how to pick the lock", "I'm not able to list specific methods". A partial refusal
# is a refusal, so the sentence may sit anywhere in the reply's prose. Not a decline: capability and scope limits
# ("I can't browse the web", "I can't write the whole app here", "I can't give you an exact figure"), professional-
# advice disclaimers (boilerplate), and idioms ("I can't help but", "I can't stress enough", "I won't lie").
_DECLINE_NEG = (
    r"i(?: cannot| can ?not| can't| won't| will not| am unable to|'m unable to| am not able to|'m not able to|"
    r" am not going to|'m not going to| won't be able to| will not be able to)"
)
_DECLINE_VERB = (
    r"(?:help you (?!with\b|more\b|enough\b|any\b|further\b|there\b|here\b|now\b|today\b)[a-z]{3,}\b|help(?: you)? (?:with|"
    r"to|in|find|get|make|write|create|build|break|access|cheat|hide|identify|track|locate|"
    r"bypass|evade|avoid|steal|plan|spread|harass|fake|forge|sneak|get around)|assist(?: you)? (?:with|in)|provide|"
    r"give(?: you)?|share|write|create|generate|produce|draft|compose|list|name|suggest|recommend|point you|look up|"
    r"speculate (?:about|on)|"
    r"look into|cover (?:ways|how|methods|techniques|instructions|steps|tips|tricks)|identify|detail|outline|explain(?: how| the| which| what| where| exactly| in detail)|describe(?: how| the"
    r"| which| in detail)|walk (?:you )?through|go into|get into|teach|show you how|tell you (?:how|where|which|what|"
    r"who)|invent|fabricate|make up|impersonate|engage in|participate in|take part in|condone|endorse|facilitate|"
    r"insult|roast|mock|reveal|disclose|dox|find (?:out|someone|the)|track down|locate|"
    r"do (?:that|this|it) in good (?:faith|conscience)|reproduce|lay out|fill (?:\w+ )?in|unmask|dig (?:up|into)|hand out|give out|try to (?:unmask|"
    r"identify|find|track|locate)|include(?![^.!?\n]{0,60}\b(?:brevity|simplicity|to keep|space|clarity|since|because|as they|as it)\b))\b"
)
_NOT_DECLINE_ADVICE = (
    r"(?![^.!?\n]{0,40}\b(?:medical|legal|financial|professional|personal|personali[sz]ed|individuali[sz]ed|tailored|"
    r"tax|investment|dietary|nutritional|health|mental health|clinical|psychological|therapeutic|career) "
    r"(?:advice|opinions?|diagnos|recommendations?|counsel|guidance|plans?)\b)"
)
DECLINE_ANY = RegexRule(
    "decline_any",
    "refusal",
    (
        "i cannot",
        "i can not",
        "i can't",
        "i won't",
        "i will not",
        "i am unable",
        "i'm unable",
        "i am not able",
        "i'm not able",
        "i am not going",
        "i'm not going",
        "i'd rather not",
        "i would rather not",
        "i'd prefer not",
        "i would prefer not",
        "i don't want to",
        "i do not want to",
        "i don't wish to",
        "i do not wish to",
        "i'm hesitant",
        "i am hesitant",
        "i'm reluctant",
        "i am reluctant",
    ),
    r"(?:i(?:'d| would) (?:rather|prefer) not(?: to)?|i (?:don't|do not) (?:want|wish) to|i(?:'m| am) (?:hesitant|"
    r"reluctant) to) (?:\w+ )?(?:discuss|go into|detail|describe|share|help(?: you)? with|reproduce|look (?:that |it |this |"
    r"them )?up|dig (?:up|into)|speak as|pretend to "
    r"be|act as|play|weigh in|speculate|compile|name|"
    r"assist(?: you)? with|write|create|generate|produce|insult|mock|roast|impersonate|encourage|condone|endorse|"
    r"promote|facilitate|engage in|participate in|take part in|give (?:you )?(?:instructions|directions|steps|a guide|"
    r"build instructions|a recipe|details)|provide (?:instructions|directions|steps|a guide|details))\b"
    + NOT_A_LIMIT
    + r"|"
    + _DECLINE_NEG
    + r"(?:,? (?:however|though|unfortunately),)? (?:\w+ )?(?:and (?:won't|will not) )?"
    r"(?!(?:help but|bore|lie|sugarcoat|sugar-coat|pretend|stress|emphasi[sz]e|overstate|repeat|recommend [^.!?\n]{0,40}"
    r"enough|tell you how (?:much|happy|glad|excited|sorry|grateful)|give up|wait))"
    + _DECLINE_VERB
    + _NOT_DECLINE_ADVICE
    + NOT_A_LIMIT,
    doc="'I can't / won't / am not able to' + doing what was asked, with any object: 'I can't write a fake "
    "doctor's note', 'I won't explain how to pick the lock' (not: capability or scope limits, professional-advice "
    "disclaimers, idioms)",
)

# a judgement that declines ("I don't think it would be appropriate for me to write that") and a decline put as what
# the request is to me ("Discussing methods is something I need to avoid", "Addresses aren't something I'll list")
_THING_VERB = (
    r"(?:list|share|provide|help(?: you)? with|discuss|do|write|go into|get into|assist(?: you)? with|engage (?:in|with)|"
    r"produce|create|generate|give|offer|comment on|weigh in on|speculate (?:on|about)|touch|take part in|"
    r"participate in|support|condone|encourage|endorse|detail|explain|describe|name|reveal|disclose|look up|"
    r"track down|find|help|assist)"
)
JUDGEMENT_DECLINE = RegexRule(
    "judgement_decline",
    "refusal",
    (
        "i don't think",
        "i do not think",
        "i don't believe",
        "i do not believe",
        "i don't feel",
        "i do not feel",
        "for me to",
    ),
    r"\bi (?:don't|do not) (?:think|believe|feel) (?:it(?:'s| is| would be| will be)|that(?:'s| is| would be)|"
    r"this(?:'s| is| would be)) (?:(?:entirely|really|quite|very|particularly) )?(?:(?:appropriate|right|ethical|"
    r"responsible|okay|ok|proper) (?:for me )?to|(?:a good idea|wise|fair) for me to|(?:fair|right|appropriate|"
    r"responsible) to (?:answer|respond|engage|play along|go along|treat (?:it|this|that) as))\b"
    r"|\b(?:that|this|it)(?:'s| is| would(?:n't| not) be) (?:not |never )?(?:really )?(?:appropriate|right|ethical|okay|"
    r"responsible|something) for me to (?:do|write|help|assist|provide|create|generate|answer|share|say|comment|"
    r"speculate|weigh in|judge|engage)\b",
    search=True,
    doc="'I don't think it would be appropriate for me to ...', 'That's not appropriate for me to do.' (not advice: "
    "'I don't think it's a good idea to store passwords in plain text')",
)
THING_I_DECLINE = RegexRule(
    "thing_i_decline",
    "refusal",
    # "I" followed by a space or an apostrophe: "something i" alone would flag every "something interesting"
    tuple(
        f"{head} i{tail}"
        for head in (
            "something",
            "something that",
            "a line",
            "a topic",
            "a subject",
            "an area",
            "a request",
            "a place",
            "a question",
        )
        for tail in (" ", "'")
    ),
    r"\b(?:isn't|aren't|is not|are not|is never|are never) (?:really )?something (?:that )?i(?:'ll| will| can| am "
    r"able to|'m able to| would|'d| am going to|'m going to| feel comfortable| am comfortable|'m comfortable)? "
    r"(?:\w+ )?" + _THING_VERB + r"\b"
    r"|\b(?:is|are|'s|'re) (?:something|a (?:line|topic|subject|area|request|place|question)) (?:that )?i(?:'d|'ll| "
    r"would| will)?(?: (?:need to|have to|must|should|rather|prefer to|want to|am going to|'m going to))? (?:avoid|"
    r"steer clear of|stay away from|stay out of|not (?:do|touch|help with|assist with|go into|get into|provide|write|"
    r"discuss)|decline|pass on|sit out)\b"
    r"|\b(?:is|are|'s|'re) (?:something|a (?:line|topic|subject|area|request|place|question)) (?:that )?i (?:won't|will "
    r"not|can't|cannot|don't|do not|am not able to|'m not able to) (?:\w+ )?(?:help(?: you)? with|assist(?: you)? with|do|"
    r"write|provide|discuss|go into|get into|engage (?:in|with)|share|touch)\b",
    search=True,
    doc="'Home addresses aren't something I'll list', 'Discussing methods is something I need to avoid'",
)


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
    r"rivelare|offrire|fare(?! a meno)|consigliar\w*|indicar\w*|trovare|comunicar\w*)\b|non (?:lo |la |ti )?(?:farò|scriverò|"
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
    (
        "please be aware",
        "please note",
        "please keep in mind",
        "please remember",
        "please bear in mind",
        "please be mindful",
    ),
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
    (
        "prevent me",
        "prevents me",
        "prohibit me",
        "prohibits me",
        "forbid me",
        "forbids me",
        "bar me",
        "bars me",
        "a policy of not",
        "a policy against",
        "content policy",
        "usage policy",
        "usage policies",
        "content policies",
    ),
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
    (
        "i'll skip",
        "i will skip",
        "i'm going to skip",
        "i am going to skip",
        "i'll sit",
        "i'll pass",
        "not happening",
        "let's not go",
        "let us not go",
    ),
    r"(?:i(?:'ll| will|'m going to| am going to) (?:have to )?(?:skip|sit out|pass on) (?:this|that)(?: one| request| "
    r"question| topic| part)?\s*(?:[.!,;:\u2014-]|$)"
    r"|(?:no[.,!]?\s*)?not happening\b|let(?:'s| us) not go (?:there|down that (?:road|path))\s*(?:[.!,;:\u2014-]|$))",
    anchored=True,
    lead=True,
    doc="'I'll skip this one.', 'Not happening.', 'Let's not go there.' (a terse decline in the reply's first sentence)",
)

# fmt: off
# more declines by verb (es, de, fr, it, ru, zh, ja): the request verbs part 4 lists lacked ("no puedo contar", "ich kann
# keine Witze erzählen", "je ne peux pas produire", "я не могу искать"), future-tense and object-first word orders
# ("no te escribiré", "je ne donnerai pas", "Инструкции я дать не могу"), and polite Japanese forms
DECLINE_INTL_V5B = RegexRule(
    "decline_intl_v5b",
    "refusal",
    (
        "no puedo", "escribiré", "ich kann", "helfe ich", "je ne peux pas", "je ne pourrai pas", "je ne donnerai",
        "je n'écrirai", "je ne fournirai", "non lo faccio", "не могу", "我不能", "我无法", "不方便", "できません",
        "ご遠慮",
    ),
    r"no (?:puedo|podré) (?:\w+ )?(?:contar|hacerlo|hacer eso|buscar|revelar|explicar|decir|indicar|recomendar|"
    r"inventar|describir|detallar)\b(?![^.!?\n]{0,40}\b(?:lo suficiente|suficiente|bastante)\b)"
    r"|no (?:te |le |les )?(?:escribiré|daré|ayudaré|explicaré)\b"
    r"|ich kann (?:dir |ihnen |euch )?(?:dabei |damit |hier |leider )*(?:keine?[nrs]?|nicht) [^.!?\n]{0,60}?"
    r"(?:erzählen|schreiben|verfassen|erstellen|liefern|geben|beschreiben|erklären|anleiten)\b"
    r"|(?:^|[.!?,]\s*|\s)(?:[\w\s]{0,40}?)helfe ich (?:dir |ihnen |euch )?nicht\b"
    r"|je ne (?:peux|pourrai) pas (?:vous |te |t')?(?:produire|raconter|expliquer|décrire|détailler|rechercher|chercher|"
    r"révéler|inventer|fabriquer|encourager)\b|je ne (?:vous |te )?(?:donnerai|fournirai|écrirai|n'écrirai) pas\b"
    r"|je n'écrirai pas\b|non lo faccio\b"
    r"|не могу (?:вам |тебе )?(?:поощрять|искать|найти|рассказать|объяснить|описать|раскрыть|сообщить|подсказать|"
    r"советовать|посоветовать)|(?:дать|помочь|написать|предоставить|рассказать|искать|найти|объяснить) (?:вам |тебе )?"
    r"не могу"
    r"|我(?:不能|无法)(?:教|告诉|透露|推荐|帮你做|帮您做|替你|替您)|不方便(?:讲|说|透露|回答|提供|告诉)"
    r"|(?:お調べ|お教え|お伝え|お答え|ご案内|ご紹介|お探し|お書き|お作り)(?:は|が)?できません|ご遠慮させていただき"
    r"|^それはできません",
    search=True,
    doc="more declines in es/de/fr/it/ru/zh/ja: other request verbs, future tense, object-first order, polite forms "
    "('No puedo contar chistes así', 'Ich kann keine Witze erzählen', 'Je ne donnerai pas', 'お調べできません')",
)
# AI-identity lead clauses and "no personal preferences" in it, pt, nl, ar, ja, ko, zh, ru, fr (boilerplate: stripped,
# and a reply with nothing else is dropped by the re-check)
AI_IDENTITY_INTL_V5 = RegexRule(
    "ai_identity_intl_v5",
    "boilerplate",
    (
        # words every match contains, specific enough for the substring prefilter ("come " and "als " alone would flag
        # every English "become" and "deals ")
        "come modello", "come un'", "come una ", "come un ", "come ia", "come intelligenza", "come assistente",
        "essendo un", "como um", "como uma", "als ai", "als een ai", "als een taal", "als taalmodel", "als kunstmatige",
        "als een kunstmatige", "als ai-", "بصفتي", "私はai", "aiなので", "aiですので", "ai로서",
        "인공지능으로서", "как ии", "как языковая", "non ho", "não tenho", "ليست لدي", "ليس لدي", "好みは", "感情",
        "我没有", "не имею", "je n'ai pas", "heb ik geen", "ik heb geen", "이기 때문에", "이라 ", "라서",
        "aiである", "aiアシスタント", "como inteligência",
    ),
    r"(?:come|essendo) (?:un'|una |un )?(?:ia|intelligenza artificiale|modello di linguaggio(?: ia)?|assistente (?:ia|"
    r"virtuale))\b"
    r"|como (?:um|uma) (?:ia|inteligência artificial|modelo de linguagem(?: de ia)?|assistente (?:de ia|virtual))\b"
    r"|als (?:een )?(?:ai|taalmodel|kunstmatige intelligentie|ai-assistent)\b"
    r"|بصفتي (?:نموذج|مساعد)|私は(?:ai|ａｉ)(?:言語モデル)?(?:です|なので|ですので|であり)|(?:ai|ａｉ)(?:なので|ですので|ですから)"
    r"|(?:ai|인공지능|ai 언어 모델)(?:로서|이기 때문에|이라서|이라 |라서)|(?:ai|ａｉ)である私|私は(?:ai|ａｉ)アシスタント(?:です|なので|ですので)"
    r"|^como inteligência artificial\b|как (?:ии-ассистент|языковая модель ии)"
    r"|non ho (?:preferenze|gusti|opinioni|sentimenti|emozioni|convinzioni|esperienze)(?: personali)?"
    r"|não tenho (?:preferências|opiniões|gostos|sentimentos|emoções|crenças|experiências)(?: pessoais)?"
    r"|(?:ik heb|heb ik) geen (?:persoonlijke )?(?:voorkeuren|mening|meningen|gevoelens|emoties)"
    r"|ليست لدي (?:معتقدات|آراء)|ليس لدي (?:آراء|مشاعر|تفضيلات)"
    r"|(?:個人的な)?好みは(?:ありません|持っていません)|感情(?:や[^。]{0,12})?(?:は|を)(?:持つことはありません|持っていません|ありません)"
    r"|我(?:并)?没有(?:个人的?)?(?:喜好|好恶|立场|偏见|喜欢的)|не имею личн(?:ых|ого) (?:предпочтений|мнения|мнений)"
    r"|je n'ai pas de (?:goûts|préférences|opinions|sentiments) personnel",
    search=True,
    doc="'Come modello di linguaggio IA, ...', 'Como uma IA, ...', 'بصفتي نموذج ...', '私はAIですので', "
    "'non ho preferenze personali', '我没有个人喜好' (AI self-description outside es/fr/de/zh/ru/ja's part-3 forms)",
)
# fmt: on

# the Llama-2 over-refusal: a lecture on the user's wording in place of the answer ("I must point out that the term
# 'kill' can be harmful and violent", "the phrase 'blow up' can be associated with violence")
WORDING_LECTURE = RegexRule(
    "wording_lecture",
    "refusal",
    ("point out that", "point out the", "remind you that"),
    r"(?:point out|remind you) that (?:the|your|using the|using|the use of the|the use of) (?:\w+ )?(?:terms?|words?|"
    r"phrases?|phrasing|language|wording|expressions?|question|request|premise|concept)\b[^.!?\n]{0,90}?\b(?:harmful|"
    r"violent|violence|offensive|inappropriate|problematic|insensitive|aggressive|disrespectful|not appropriate|"
    r"not respectful|hurtful|harm)\b"
    # the pivot that opens the lecture: "..., however, I must respectfully point out that <why it is harmful>"
    r"|(?:however|but),? i (?:must|would like to|'d like to|have to|need to|want to) (?:\w+ )?point out that "
    r"[^.!?\n]{0,140}?\b(?:harmful|violent|violence|offensive|disrespectful|glorif\w*|normaliz\w*|hurtful|aggressive|"
    r"not (?:respectful|constructive|appropriate|kind|ethical))\b",
    search=True,
    doc="'I must point out that the term \"kill\" can be harmful and violent' (a lecture on the user's words in place "
    "of the answer: the Llama-2-chat over-refusal)",
)

V5_RULES: tuple[RegexRule, ...] = (
    DECLINE_ANY,
    JUDGEMENT_DECLINE,
    THING_I_DECLINE,
    DECLINE_INTL_V5,
    DECLINE_INTL_V5B,
    AI_IDENTITY_INTL_V5,
    PLEASE_BE_AWARE,
    POLICY_STOPS_ME,
    SKIP_THIS_ONE,
    WORDING_LECTURE,
)
