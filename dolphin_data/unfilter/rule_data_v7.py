"""Rule DATA, part 7: the reply that opens by judging what was asked, whatever its subject. ``judgement_opening``
(part 6) needs a gerund subject ("Bribing an inspector is a criminal offense"); lectures as often name the thing
("Fake reviews violate Amazon's guidelines", "What you're describing is a form of elder fraud", "Zwart werken is
belastingfraude", "Покупка прав — это уголовное преступление"). Any subject can be judged, and most such openings
are answers ("Fentanyl is dangerous because ..."), so this rule counts only when nothing after the judgement
instructs (``RegexRule.unanswered``) and, in ``unfilter/prompt.py``, only when the user asked to do or to get the
thing (not what it is, whether it is legal or why), and the judged subject echoes the user's words or refers to the
request ("What you're describing"). ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule
from dolphin_data.unfilter.rule_data_v6 import _EVAL, _LEAD_IN, _NO_TURN

# fmt: off
_EVAL_MORE = (
    "dishonest", "dishonesty", "deceptive", "manipulative", "exploitative", "exploitation", "prohibited",
    "punishable", "prosecuted", "consequences", "misconduct", "warning sign", "red flag", "fraudulent", "defamation",
    "defamatory", "libel", "slander", "trespass", "hate crime", "a bad idea", "never a good idea", "risky", "unsafe",
    "predatory", "cruel", "abuse", "devastat", "serious harm", "real harm", "hurtful", "misinformation",
    "disinformation", "scam", "extortion", "blackmail", "bribery", "deception", "coercion", "coercive", "manipulation",
    "plagiarism", "harassment", "bullying", "intimidation", "hurt", "harm", "damage", "destroy", "ruin", "trouble",
    "penalties", "charges",
    # named offences ("That's embezzlement.", "Bomb threats are felonies.", "... is tax evasion")
    "felon", "embezzl", "evasion", "forgery", "larceny", "burglary", "vandalism", "trespassing", "poisoning",
    "assault", "arson", "perjury", "identity theft", "insider trading", "money laundering", "counterfeit", "piracy",
    "infringement", "voyeurism", "cruelty", "kidnapping", "abduction", "trafficking", "smuggling", "poaching",
    "doxxing", "doxing", "unauthorized access", "drugging", "impersonat", "catfishing", "tampering", "obstruction",
    "manslaughter", "murder", "homicide", "hate speech", "discrimination", "malpractice", "grooming", "sabotage",
    "espionage", "wiretapping", "academic dishonesty", "cyberbullying", "revenge porn", "stealing", "shoplifting",
)
_EVAL_INTL = (
    "delito", "ilegal", "estafa", "fraude", "violación", "crimen", "délit", "illégal", "infraction", "interdit",
    "strafbar", "verboten", "betrug", "straftat", "rechtswidrig", "reato", "illegale", "vietato", "truffa", "frode",
    "proibido", "violazione", "violação", "verstoß", "overtreding", "steuerhinterziehung", "steuerbetrug",
    "belastingfraude", "evasión", "évasion", "evasione", "sonegação", "преступлен", "незаконн", "мошенничеств", "нарушени", "воровств", "кража", "strafbaar", "illegaal", "verboden", "misdrijf",
    "违法", "犯罪", "侵犯", "欺诈", "诈骗", "違法", "法律違反", "詐欺", "범죄", "불법", "위반", "nuit", "nuisent", "détruit",
    "daña", "perjudica", "destruye", "schadet", "zerstört", "gilt als", "ferisce", "danneggia", "distrugge",
    "costare caro", "prejudica", "destrói", "destruir", "fere", "вредит", "разрушает", "schaadt", "vernietigt",
    "acoso", "harcèlement", "harcelement", "mobbing", "bullismo", "bullying", "pesten", "травл", "broma", "blague",
    "scherz", "brincadeira", "geen grap", "шутка",
)
# fmt: on
_EVALS = (*_EVAL, *_EVAL_MORE)
_EVAL_RX = "(?:" + "|".join(e.replace(" ", r"\s") for e in _EVALS) + ")"
_SUBJECT = r"[^.!?\n:;]{2,90}?\s"
_JUDGED = (
    _LEAD_IN + _SUBJECT + r"(?:is|are|would be|could be|can be|may be|might be|constitutes?|counts as|"
    r"amounts to|remains?)\s(?:(?:[\w-]|')+,?\s){0,5}?"
    + _EVAL_RX
    + r"\w*"
    + _NO_TURN
    # the subject is the request itself, named by a pronoun: "That's embezzlement.", "That would be wire fraud."
    + r"|"
    + _LEAD_IN
    + r"(?:that|this|it)(?:'s| is| would be| sounds like| counts as| amounts to)\s(?:(?:[\w-]|')+,?\s){0,4}?"
    + _EVAL_RX
    + r"\w*"
    + _NO_TURN
    + r"|"
    + _LEAD_IN
    + _SUBJECT
    + r"(?:violates?|breaks?|breach(?:es)?|infringes?|contravenes?)\s(?:(?:[\w-]|')+\s){0,4}?"
    r"(?:law|laws|rules|terms|guidelines|policy|policies|privacy|rights|trust|consent)\b"
    + _NO_TURN
    # or by what it leads to: "Seeking revenge against a teacher can have serious consequences", "... tend to backfire"
    + r"|"
    + _LEAD_IN
    + _SUBJECT
    + r"(?:can|could|may|might|will|would|tends? to|often|usually|is likely to|are likely "
    r"to)\s(?:\w+\s)?(?:backfire|hurt|harm|damage|destroy|ruin|escalate|undermine|violate|(?:have|carry|cause|lead to|"
    r"result in|get you (?:in|into))\s(?:(?:[\w-]|')+\s){0,3}?(?:consequences|harm|trouble|damage|penalties|charges))\b"
    + _NO_TURN
    # es, fr, de, it, pt, nl: "<subject> es un delito", "... est un délit puni", "... ist strafbar", "... is belastingfraude"
    + r"|"
    + _SUBJECT
    + r"(?:es|son|constituye|supone|sería|est|sont|constitue|serait|ist|sind|wäre|è|sono|costituisce|"
    r"sarebbe|é|são|constitui|seria|is|zijn|vormt)\s(?:(?:[\w-]|')+\s){0,4}?\w*(?:delito|ilegal|estafa|fraude|violación|"
    r"crimen|délit|illégal|infraction|interdit|crime|strafbar|illegal|verboten|betrug|straftat|rechtswidrig|reato|"
    r"illegale|vietato|truffa|frode|proibido|strafbaar|illegaal|verboten|misdrijf|violazione|violação|verstoß|"
    r"overtreding|steuerhinterziehung|steuerbetrug|evasión|évasion|evasione|sonegação|acoso|harc[eè]lement|mobbing|"
    r"bullismo|bullying|pesten)"
    + _NO_TURN
    # "... no es una broma", "... n'est pas une blague", "... ist kein Scherz", "... is geen grap"
    + r"|"
    + _SUBJECT
    + r"(?:no es|n'est pas|ist kein|non è|não é|is geen|это не)\s(?:una |une |un |uno |een |nenhuma )?(?:broma|blague|"
    r"scherz|scherzo|brincadeira|grap|шутка)"
    + _NO_TURN
    # or by what it does: "Le piratage nuit aux artistes", "Il tradimento ferisce ...", "Schwarzfahren gilt als ..."
    + r"|"
    + _SUBJECT
    + r"(?:nuit|nuisent|détruit|daña|perjudica|destruye|schadet|zerstört|gilt als|ferisce|danneggia|distrugge|"
    r"può costare caro|prejudica|destrói|pode destruir|fere|вредит|разрушает|schaadt|vernietigt)\b"
    + _NO_TURN
    # ru: "<subject> — это уголовное преступление"
    + r"|"
    + _SUBJECT
    + r"(?:—\s|-\s)?(?:это|является|являются|будет)\s(?:[\w-]+\s){0,3}?(?:преступлен|незаконн|"
    r"мошенничеств|нарушени|воровств|кража|травл)"
    + _NO_TURN
    # zh, ja, ko
    + r"|[^。！？.!?\n]{2,60}?(?:是|属于|构成|都是)(?:一种|严重的)?[^。！？\n]{0,10}?(?:违法|犯罪|侵犯|欺诈|诈骗)"
    r"|[^。！？.!?\n]{2,60}?(?:は|ことは)[^。！？\n]{0,40}?(?:違法|犯罪|法律違反|詐欺)"
    r"|[^.!?\n]{2,80}?(?:은|는)\s[^.!?\n]{0,60}?(?:범죄|불법|위반)"
)

# the reply sets what was asked aside and offers its own advice in place of it ("Rather than taking your brother's
# items, maybe you could trade with him", "Instead of trying to convince your doctor, I'd suggest ...")
_RATHER = (
    r"(?:rather than|instead of)\s[^.!?\n]{2,160}?,\s*(?:maybe |perhaps )?(?:you (?:could|might|may|can|should)|"
    r"i(?:'d| would) (?:\w+ ){0,2}?(?:suggest|encourage|recommend|urge|advise)|(?:it's|it is) (?:usually |often |"
    r"probably |generally )?(?:more|better|wiser|healthier|kinder|safer)|focus|try|consider|"
    # "..., I suggest writing a firm letter", "..., I'd love to help with ...", "..., it may help to think about ...",
    # "Instead of cheating on your taxes, here are some legal ways to ..."
    r"i (?:suggest|recommend|encourage|urge|advise)|i(?:'d| would) (?:love|be (?:happy|glad)) to|it (?:may|might|"
    r"could|would) (?:\w+ )?help to|here(?:'s| is| are)|let's|let me)\b"
)

# the reply says it softened or withheld part of what was asked: a partial refusal ("I've kept the violence implied
# rather than graphic", "I kept the alarm part deliberately vague", "I've stayed away from actual commands", "On the
# CPN part, that's where I'll stop", "For the cloned page itself, I'll hold off", "Here is a verse, keeping it clean:")
_SOFTENED = (
    r"\bi(?:'ve| have)? (?:kept|left) (?:the |it |this |that |things |them )?(?:[\w-]+ ){0,4}?(?:(?:deliberately|"
    r"intentionally|purposely|purposefully) [\w-]+|vague|implied|non-graphic|off-?screen|tasteful|pg(?:-13)?)\b"
    r"|\bi(?:'ve| have)? (?:stayed|steered|kept) (?:away|clear) (?:from|of)\b"
    r"|\b(?:that's|this is|that is) where i(?:'ll| will| have to| need to| must)? (?:stop|draw the line|leave it)\b"
    r"|\bi(?:'ll| will| am going to|'m going to) (?:hold off|pass(?= *(?:[.;,!]|$|on (?:that|this|the|it)\b|here\b|"
    r"for now\b))|sit (?:that|this) (?:one |part )?out)\b"
    r"|\bi(?:'ve| have)? (?:left|leaving) out (?:the |any )?(?:exact|specific|actual|real|precise|detailed|step-by-step|"
    r"graphic|explicit)\b|\bi(?:'ll| will) leave out\b(?! of)"
    r"|\bhere(?:'s| is| are)\b[^.!?\n]{0,60}?\b(?:keeping it|keeping things|i've kept it|i have kept it) "
    r"(?:pg|vague|tasteful|mild|non-graphic|family-friendly)\b"
)

# the reply opens by offering something else in place of what was asked, in other languages: a proposal ("¿qué tal
# si ...?", "et si on ...", "lass uns ...", "che ne dici ...", "que tal eu ...", "давайте ...") and, in the same
# sentence, a word that says it is something else ("plutôt", "stattdessen", "invece", "em vez disso", "вместо"); or
# a proposal that says it by itself ("lass uns lieber ...", "давайте лучше ...")
_ELSE_INTL = (
    r"(?:en (?:su )?lugar de|en vez de|otra cosa|plutôt|autre chose|à la place|stattdessen|lass uns (?:doch )?lieber|"
    r"etwas anderes|anstatt|invece|piuttosto|un approccio migliore|em vez|ao invés|outra coisa|mais saudável|вместо|"
    r"давайте лучше|давай лучше|in plaats|laten we liever|iets anders)"
)
_PROPOSE_INTL = (
    r"(?:qué tal|por qué no|y si|te propongo|te sugiero|puedo ayudarte|podría ayudarte|podemos|hablemos|hablamos|"
    r"escribamos|"
    r"et si|je (?:te|vous) propose|je (?:te|vous) suggère|que dirais-tu|que diriez-vous|pourquoi ne pas|je peux "
    r"(?:t'|vous )aider|on pourrait|wie wäre es|wie wär's|lass uns|ich schlage|ich empfehle|ich kann dir|könnten wir|wir könnten|"
    r"che ne dici|che ne direste|ti propongo|posso aiutarti|potremmo|perché non|sarebbe|que tal|talvez|por que não|"
    r"posso te ajudar|posso ajudar|podemos|poderíamos|bora|vamos|давайте|может|как насч[её]т|могу|предлагаю|можем|laten we|hoe zou|"
    r"wat dacht je|ik kan je|we kunnen)"
)
_REDIRECT_INTL = (
    _PROPOSE_INTL
    + r"\b[^.!?\n]{0,80}?"
    + _ELSE_INTL
    + r"|"
    + _ELSE_INTL
    + r"[^.!?\n]{0,80}?\b"
    + _PROPOSE_INTL
    + r"|(?:давайте лучше|lass uns (?:doch )?lieber|laten we liever)\b"
    r"|(?:qué tal si|y si|por qué no) mejor\b|要不(?:我们|咱们)?换个(?:思路|话题|方向|角度)|(?:就|还是)算了[，,]\s*(?:我们|咱们)"
    r"|(?:그보다는?|그것보다는?)[^.!?\n]{0,60}?(?:어떨까요|어떠세요|드릴게요|드릴까요|어때요)"
    r"|与其[^。！？\n]{0,60}?不如|不如[^。！？\n]{0,60}?(?:吧|怎么样|呢)|(?:それより|その代わり|代わりに)[^。！？\n]{0,60}?"
    r"(?:ませんか|しましょう|どうでしょう)|(?:대신|차라리)[^.!?\n]{0,60}?(?:어떨까요|어떠세요|드릴게요|보세요|좋겠어요)"
)

# the reply opens by denying what the question claims about a group of people ("It is not accurate to say that all
# homeless people are ...", "There is no scientific basis for ranking races ...", "Women are not bad at math.", "No
# generation is inherently lazy."): whether it declines depends on the question being about a real group of people
# (unfilter/prompt.py); a reply that corrects a false premise about things answers ("The Earth isn't flat; ...")
_PREMISE_DENIED = (
    r"\b(?:it(?:'s| is) not|it isn't|it is neither) (?:(?:accurate|fair|true|correct|right|appropriate|helpful)"
    r"(?:,? (?:or|nor) (?:accurate|fair|true|correct|right|appropriate))?) to (?:say|claim|assume|characteri[sz]e|describe|"
    r"label|call|generali[sz]e|make (?:generali[sz]ations|assumptions|blanket statements)|paint|attribute|lump|judge)\b"
    r"|\bthere(?:'s| is) no (?:scientific |credible |factual |reliable |good |real |biological |inherent )?(?:evidence|basis|"
    r"proof|data|link)\b"
    r"|\b(?:the )?(?:evidence|research|science|data) (?:doesn't|does not|don't|do not) (?:support|back)\b"
    r"|\b(?:doesn't|does not|don't|do not) hold up\b"
    r"|\b(?:is|are)(?:n't| not) (?:inherently|naturally|biologically|genetically|innately)\b"
    r"|\bno (?:group|race|gender|generation|religion|nationality|ethnicity|ethnic group|culture)(?: of people)? (?:is|are) "
    r"(?:inherently |naturally |innately )?\w+"
)

# the reply opens by moving the conversation elsewhere: "Let's change the subject.", "Давайте лучше сменим тему."
# fmt: off
_CHANGE_SUBJECT = (
    "change the subject", "talk about something else", "cambiemos de tema", "hablemos de otra cosa",
    "changeons de sujet", "parlons d'autre chose", "über etwas anderes reden", "wechseln wir das thema",
    "cambiamo argomento", "parliamo d'altro", "parliamo di altro", "mudar de assunto", "falar de outra coisa",
    "сменим тему", "сменить тему", "о чём-нибудь другом", "о чем-нибудь другом", "het over iets anders hebben",
    "换个话题", "聊点别的", "话题を変え", "話題を変え", "別の話をし", "화제를 바꾸", "다른 이야기를 하",
)
# fmt: on

V7_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "judgement_subject",
        "refusal",
        (
            *_EVALS,
            "violate",
            "break ",
            "breaks ",
            "breach",
            "infringe",
            "contravene",
            "crosses",
            "cross a",
            *_EVAL_INTL,
        ),
        # searched in a line window: tried only where a sentence or clause starts (the lookbehinds fail fast elsewhere)
        r"(?:^|(?<=\n)|(?<=[.!?;:,] )|(?<=[.!?;:,]  )|(?<=\u2014 )|(?<=[\u3002\uff01\uff1f]))(?:"
        + _JUDGED
        + r"|(?:[\w-]+\s){1,12}?cross(?:es)? (?:a|the) (?:serious |clear |real |bright )?line\b"
        + _NO_TURN
        + ")",
        anchored=True,
        search=True,
        early=True,
        unanswered=True,
        after_sympathy=True,
        doc="a short reply that judges the thing the user asked for and then only says why, with only greetings, "
        "thanks, sympathy or concern before the judgement: 'Fake reviews violate Amazon's guidelines. Sellers caught "
        "buying them lose their accounts.', 'This really concerns me. An adult crafting messages to win a "
        "14-year-old's trust is how grooming starts.', 'Zwart werken is belastingfraude.' Counts only when the user "
        "asked to do or to get it and the judged subject echoes the user's words (unfilter/prompt.py)",
    ),
    RegexRule(
        "redirect_rather",
        "refusal",
        ("rather than", "instead of"),
        _RATHER,
        anchored=True,
        early=True,
        doc="a reply that, in its first sentences, sets what was asked aside and advises something else in its "
        "place: 'Losing a pet is hard. Rather than attempting euthanasia yourself, I'd encourage you to consult a "
        "vet.' Counts only when what it sets aside echoes the user's words and the user did not ask for "
        "alternatives (unfilter/prompt.py)",
    ),
    RegexRule(
        "softened",
        "refusal",
        # the first-person forms the pattern holds ("kept", "pass" alone are common words)
        (
            *(f"i{h} {v}" for h in ("'ve", " have", "") for v in ("kept", "left", "stayed", "steered")),
            *(f"{m} {v}" for m in ("i'll", "i will", "going to") for v in ("hold off", "pass", "sit", "leave out")),
            "where i",
            "keeping it",
            "keeping things",
        ),
        _SOFTENED,
        search=True,
        doc="a reply that says it softened or withheld part of what was asked: 'I've kept the violence implied rather "
        "than graphic', 'I kept the alarm part deliberately vague', 'I've stayed away from actual commands', 'that's "
        "where I'll stop', 'For the cloned page itself, I'll hold off' (a partial refusal)",
    ),
    RegexRule(
        "change_subject",
        "refusal",
        _CHANGE_SUBJECT,
        r"(?:let's|let us|can we|could we|shall we|i'd (?:like|prefer|rather) (?:to|we)|how about we) (?:just )?"
        r"(?:change the subject|talk about something else)"
        r"|(?:cambiemos de tema|hablemos de otra cosa|changeons de sujet|parlons d'autre chose|lass uns (?:lieber |doch )?"
        r"über etwas anderes reden|wechseln wir (?:lieber |doch )?das thema|cambiamo argomento|parliamo d'altro|parliamo di "
        r"altro|vamos (?:mudar de assunto|falar de outra coisa)|(?:давайте )?(?:лучше )?смен(?:им|ить) тему|поговорим о ч[её]м-нибудь "
        r"другом|laten we het over iets anders hebben|换个话题|聊点别的|话题を変え|話題を変え|別の話をし|화제를 바꾸|다른 이야기를 하)",
        search=True,
        opening=True,
        doc="a reply that opens by moving the conversation elsewhere: 'Let's change the subject.', 'Lass uns lieber "
        "über etwas anderes reden.', 'Давайте лучше сменим тему.'",
    ),
    RegexRule(
        "redirect_intl",
        "refusal",
        (
            "en lugar de",
            "en su lugar de",
            "en vez de",
            "otra cosa",
            "plutôt",
            "autre chose",
            "à la place",
            "stattdessen",
            "lass uns lieber",
            "lass uns doch lieber",
            "etwas anderes",
            "anstatt",
            "invece",
            "piuttosto",
            "un approccio migliore",
            "em vez",
            "ao invés",
            "outra coisa",
            "mais saudável",
            "вместо",
            "давайте лучше",
            "давай лучше",
            " mejor",
            "换个",
            "算了",
            "그보다",
            "그것보다",
            "in plaats",
            "laten we liever",
            "iets anders",
            "与其",
            "不如",
            "それより",
            "その代わり",
            "代わりに",
            "대신",
            "차라리",
        ),
        _REDIRECT_INTL,
        search=True,
        opening=True,
        doc="a reply that opens by offering something else in place of what was asked, in es, fr, de, it, pt, ru, nl, "
        "zh, ja and ko: 'Et si on préparait plutôt un planning de révision ?', '与其给竞争对手写差评，不如...' (a user "
        "who asked for alternatives exempts it, as for redirect_opening: unfilter/prompt.py)",
    ),
    RegexRule(
        "premise_denied",
        "refusal",
        (
            "not accurate",
            "not fair",
            "not true",
            "not correct",
            "not right",
            "not appropriate",
            "not helpful",
            "isn't accurate",
            "isn't fair",
            "neither accurate",
            "neither fair",
            "no evidence",
            "no scientific",
            "no credible",
            "no factual",
            "no reliable",
            "no good evidence",
            "no real evidence",
            "no biological",
            "no inherent",
            "no basis",
            "no proof",
            "no data",
            "not support",
            "n't support",
            "not back",
            "n't back",
            "hold up",
            "not inherently",
            "n't inherently",
            "not naturally",
            "n't naturally",
            "not biologically",
            "n't biologically",
            "not genetically",
            "n't genetically",
            "not innately",
            "n't innately",
            "no group",
            "no race",
            "no gender",
            "no generation",
            "no religion",
            "no nationality",
            "no ethnicity",
            "no ethnic",
            "no culture",
            # a bare denial that opens the reply: "They aren't.", "No, they don't."
            "they aren't",
            "they're not",
            "they are not",
            "they don't",
            "they do not",
        ),
        _PREMISE_DENIED + r"|^\W*(?:no,?\s+)?they(?:'re not| are not| aren't| don't| do not)(?: all)?[.!]",
        search=True,
        opening=True,
        doc="a first reply whose opening denies what the question claims about a group of people: 'It is not "
        "accurate to say that all homeless people are drug addicts.', 'There is no scientific basis for ranking races "
        "by intelligence.' Counts only when the user's question is about a group of people (unfilter/prompt.py)",
    ),
)
