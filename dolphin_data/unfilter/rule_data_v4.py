"""Rule DATA, part 4: the act of declining in the shapes the v2/v3 rules missed (written from the dev_v4 behaviours,
not from phrasings): first-person unwillingness without "I can't" ("I'll have to turn this down", "I'm unwilling
to", "I'll be stepping away from this one"), judgement and identity refusals ("it would be wrong of me to",
"goes against my values", "I am programmed to refuse"), terse whole-reply declines ("No, sorry.", "Pass."), declines
in nl and ko and more phrasings in es/fr/de/pt/it/ru/zh/ja, and two *whole-reply* shapes (``RegexRule.whole``): a
reply whose every sentence redirects, hedges, rejects a premise about a group, asks about motive or lectures (and at
least one does more than lecture), and a reply of two or more lecture sentences and nothing else. ``rule_data_acts.REGEX_RULES`` appends them."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

_DO = (
    r"(?:help|assist|write|create|make|produce|provide|take part|participate|engage|generate|comply|share|"
    r"get involved|be (?:part|involved)|do (?:that|this|it|so)|put together|support|contribute)"
)
_NOT_ADVICE = r"(?![^.!?\n]{0,40}\b(?:medical|legal|financial|professional|personal|tax) (?:advice|opinions?|diagnos))"
# sentences that answer nothing: a referral to someone else, a hedge, a question about motive, an offer of "something
# else" (searched per prose sentence; digits, code and lists make a sentence an answer)
_RED = (
    r"\b(?:contact|reach(?:ing)? out|consult|talk(?:ing)? to|speak(?:ing)? (?:with|to)|seek(?:ing)? (?:help|advice|"
    r"support|guidance)|get in touch|report (?:it|this|the \w+)|take this up|turn to)\b[^.!?\n]{0,80}?\b(?:authorit|"
    r"police|professional|lawyer|attorney|doctor|pharmacist|therapist|counsel|hr\b|advis[eo]r|crisis|hotline|"
    r"helpline|emergency|support|expert|specialist|mediator|friend|samaritans|service)"
    r"|\b(?:right|best|appropriate) (?:people|person|place|places) (?:to (?:ask|contact|talk|turn)|for this)\b"
    r"|\bwould be the right (?:place|person|people)\b"
    r"|\bnot the (?:right|best|appropriate) (?:source|person|place|one|resource)\b"
    r"|\b(?:strongly )?(?:advise|recommend|urge you|caution) against (?:that|this|it|doing)\b"
    r"|contacta(?:r)? con las autoridades|contacter les autorités|wende (?:dich|sich) an die \w* ?behörden"
    r"|contato com as autoridades|contatta(?:re)? le autorità|contact op met de \w* ?autoriteiten"
    r"|обратитесь в \w* ?(?:органы|полицию)|联系当地|警察や専門機関|경찰이나 관련 기관"
)
_HEDGE = (
    r"\b(?:only (?:give|offer|provide|speak|talk|share)|(?:give|offer|provide|share) only|depend on many things|"
    r"professional should|something i'll leave to|(?:choice|answer|best option|right one|it) (?:really )?depends (?:entirely )?"
    r"on (?:your|the user's|individual) (?:needs|situation|circumstances|preferences|goals|use case)|(?:both|each|all) "
    r"(?:\w+ )?(?:has|have) (?:their|its) own (?:strengths|pros and cons|advantages|merits)|leave (?:that |it |this |the \w+ )?to (?:a |the )?(?:professional|"
    r"expert|specialist|qualified)|(?:general|broad|high[- ]level) (?:information|terms|"
    r"overview|level)|in (?:very )?general terms|generally speaking|keep it general|stay at a high level|"
    r"many (?:factors|perspectives)|each situation is different|rather not go into|best left to|leave (?:that|it|"
    r"the \w+) to)\b"
)
_PREMISE = (
    r"\b(?:(?:that|this|your) (?:premise|assumption|idea|question|claim)|the (?:premise|assumption))\b[^.!?\n]{0,50}\b(?:stereotype|false|harmful|"
    r"prejudice|hurtful|untrue|wrong|myth)"
    r"|\bno (?:group|race|ethnicity|religion|gender|nationality)\b[^.!?\n]{0,50}\b(?:is|are) (?:inherently|naturally)"
    r"|\bthere(?:'s| is) no (?:evidence|reason|basis|scientific basis)\b[^.!?\n]{0,60}\b(?:people|group|women|men|race|"
    r"ethnic|religio|gender|immigrants|muslims|christians|jew|black|white|asian|gay|lesbian|trans|disabled|elderly|"
    r"older|poor|mexicans)"
    r"|\bit(?:'s| is) (?:not (?:accurate|fair|true|right)|inaccurate|unfair) to (?:say|claim|assume|suggest|generali)"
    r"[^.!?\n]{0,60}\b(?:people|group|women|men|race|ethnic|religio|gender|immigrants|muslims|christians|jew|black|"
    r"white|asian|gay|lesbian|trans|disabled|elderly|older|poor|mexicans)"
    r"|\b(?:is|are) (?:a|an) (?:harmful |common |dangerous |hurtful )?(?:stereotype|prejudice|generali[sz]ation)\b"
)
_MOTIVE = (
    r"\b(?:why (?:do|would|are|did) you (?:want|need|ask)|what (?:do|will|would) you (?:plan|intend|want) to do with|"
    r"(?:can|may|could) i ask (?:what|why)|what(?:'s| is) (?:the reason|this for|it for|your (?:reason|purpose|"
    r"intention|goal))|what are your intentions|tell me why you need|who is this (?:meant )?for|why are you asking|"
    r"what is this for)\b[^.!\n]*\?"
)
_OFFER = (
    r"\b(?:is there (?:anything|something) else|let me know if (?:there's|there is) anything else|feel free to ask|"
    r"happy to help with (?:a different|another|something else)|glad to help with another)\b"
)
LECTURE = (
    r"\b(?:is|are|was|be|being|it's|that's) (?:\w+ ){0,3}?(?:illegal|unlawful|unethical|immoral|cruel|wrong|"
    r"a (?:serious |grave )?crime(?! of)|crimes (?:that|which)|a criminal offen[cs]e|never (?:an? )?(?:acceptable|okay|"
    r"justified|answer)|not (?:acceptable|okay|ethical|legal)|untraceable)\b"
    r"|\b(?:can|could|may|might|will|would|often|usually) (?:\w+ ){0,2}?(?:cause|lead to|result in|do) (?:\w+ ){0,2}?"
    r"(?:harm|damage|suffering|distress|trauma|violence)\b"
    r"|\b(?:destroy|ruin)s? (?:\w+ )?(?:reputations?|lives|trust)\b|\bundermines? (?:\w+ )?trust\b"
    r"|\bput (?:people|others|lives|someone|people's|someone's|others') (?:\w+ )?(?:at risk|in danger)\b"
    r"|\b(?:get|land|put) you (?:in|into) (?:\w+ )?trouble\b|\bcross(?:es)? (?:\w+ )?(?:and \w+ )?lines?\b"
    r"|\bbreak(?:s|ing)? the law\b|\bdefraud\b"
    r"|\b(?:dehumani[sz]es|targets? the (?:most )?vulnerable|pave[sd]? the way for|legal consequences|"
    r"rarely (?:brings|solves|helps)|deserves? to be treated|(?:violation|invasion) of (?:their|someone's|"
    r"people's|others'|a person's) (?:privacy|rights)|linked to (?:many )?(?:preventable )?deaths)\b"
)

# fmt: off
V4_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "decline_act",
        "refusal",
        (
            "i'll have to", "i will have to", "i'll need to", "i will need to", "i'll be", "i will be", "i'm going to",
            "i am going to", "i'm gonna", "i'm unwilling", "i am unwilling", "i'm not about", "i am not about",
            "i'm not prepared", "i am not prepared", "i'm not willing", "i am not willing", "i shall not",
            "i have to say", "i have to decline", "i have to refuse", "i have to pass", "i'd prefer not",
            "i would prefer not", "i'd rather not", "i would rather not", "i'll give", "i'll step",
            "i cannot", "i can't", "i can not", "i won't", "i will not", "i am unable", "i'm unable", "i am not able",
            "i'm not able", "i'm not going", "i am not going", "this isn't one of them", "this is not one of them", "that isn't one of them", "that is not one of them",
            "this request isn't one", "this one isn't one", "this won't be one", "this will not be one",
        ),
        r"i(?:'ll| will) (?:have to |need to |be |)(?:turn(?:ing)? (?:this|that|it|your)(?: \w+)? down|say(?:ing)? no\b(?! to (?!(?:this|that|it|your)\b))|"
        r"giv(?:e|ing) (?:this|that|it)(?: one)? a miss|step(?:ping)? (?:away|back|aside)(?: from (?:this|that|it|your))?|"
        r"sit(?:ting)? (?:this|that) one out|pass(?:ing)? on (?:this|that|it|your)|declin(?:e|ing) (?:this|that|it|your))\b"
        r"|i(?:'m| am) (?:going to|gonna) (?:have to )?(?:sit (?:this|that) one out|say no\b(?! to (?!(?:this|that|it|"
        r"your)\b)))"
        r"|(?:but )?(?:this|that)(?: request| one)? (?:isn't|is not|won't be|will not be) one of them\b"
        r"|i(?:'m| am) (?:unwilling|not about|not prepared|not willing) to " + _DO + r"\b"
        r"|i shall not (?:help|assist|write|create|provide|comply|do (?:that|this|it))\b"
        r"|i(?: cannot| can't| can not| won't| will not| am unable to|'m unable to| am not able to|'m not able to|"
        r"'m not going to| am not going to) do (?:your|the|this|that|his|her|their) (?:\w+ ){0,2}?for (?:you|them|him|"
        r"her)\b"
        r"|i have to (?:say no|decline|refuse|pass)\b(?!\s+(?:(?:the|your|an?|his|her|their|this|that)\s+)?(?:invitation|"
        r"offer|call|meeting|position|job|proposal|interview|date|role|salt|ball|exam|test)\b)"
        r"|i(?:'d| would) (?:prefer|rather) not (?:to )?" + _DO + r"\b" + _NOT_ADVICE,
        anchored=True,
        doc="first-person unwillingness without 'I can't': 'I'll have to turn this request down', 'I'm unwilling to "
        "help', 'I'll be stepping away from this one', 'I shall not help with that'",
    ),
    RegexRule(
        "judgement_me",
        "refusal",
        (
            "against my", "of me to", "for me to", "line i", "programmed to", "designed to", "built to",
            "my developers", "my creators", "operate under", "restricted from", "by my guidelines", "request involves",
            "request promotes", "request seeks", "request asks", "request is asking", "request could", "request may",
            "query involves", "query could", "query may", "prompt involves", "prompt could", "prompt may",
            "question involves", "question could", "question may", "prioritize", "prioritise",
            "by my policies", "not allowed to generate", "not permitted to generate",
        ),
        r"against my (?:\w+ )?(?:values|principles|programming|ethics|guidelines|policies|rules|code of conduct)\b"
        r"|(?:wrong|inappropriate|irresponsible|unethical|(?:not|n't)(?: be)? (?:appropriate|right|ethical|okay|ok|"
        r"proper)) (?:of|for) me to (?:\w+ )?" + _DO + r"\b" + _NOT_ADVICE
        + r"|(?:not|n't) a line (?:that )?i(?:'m| am|'d| would| will)? ?(?:be )?(?:willing|prepared|going|able) to cross"
        r"|i(?:'m| am) (?:programmed|designed|built|made|trained) to (?:refuse|decline|avoid (?:generating|creating|"
        r"producing|writing|helping)|reject)\b"
        r"|outside (?:of )?what my (?:developers|creators|guidelines|policies|programming) (?:permit|allow)"
        r"|against the (?:terms|rules|policies|guidelines)(?: of use)? (?:that )?i (?:operate|work|function) under"
        r"|i(?:'m| am) restricted from\b"
        r"|(?:prohibited|forbidden|not allowed|not permitted) (?:by|under) my (?:guidelines|policies|programming|rules)"
        r"|content i(?:'m| am) not (?:allowed|permitted) to (?:generate|produce|create|write|provide)"
        r"|(?:this|that|your) (?:request|query|prompt|question) (?:involves|promotes|seeks|asks for|is asking for|"
        r"could (?:facilitate|enable|promote|involve)|may (?:facilitate|promote|involve)) (?:\w+ ){0,2}?(?:illegal|"
        r"harmful|unethical|dangerous|inappropriate|unsafe|malicious)\b"
        r"|i (?:must|have to|need to) prioriti[sz]e (?:\w+ )?(?:safety|ethics|well-being|wellbeing)\b",
        search=True,
        doc="judgement and identity refusals: 'It would be wrong of me to help', 'goes against my values', 'not a "
        "line I'm willing to cross', 'I am programmed to refuse', 'outside what my developers permit'",
    ),
    RegexRule(
        "terse_decline",
        "refusal",
        (
            "no.", "no!", "no,", "no thanks", "no way", "nope", "pass.", "pass!", "hard pass", "not a chance",
            "not happening", "not going to happen", "absolutely not", "definitely not", "no can do", "declined",
            "not doing that", "not doing this", "not doing it", "sorry, no", "sorry no",
        ),
        r"(?:(?:sorry|apologies),? )?(?:no(?:,? (?:sorry|thanks|thank you))?|nope(?:,? not (?:this|that) one)?|no way|pass|"
        r"hard pass|not a chance|not happening|not going to happen|absolutely not|definitely not|no can do|declined|"
        r"not doing (?:that|this|it)(?:,? sorry)?)[.!]*\s*\Z"
        r"|(?:(?:sorry|apologies),? no|no,? sorry|no thanks|nope|pass|hard pass|not a chance|not happening|absolutely not|"
        r"definitely not|no can do|not doing (?:that|this|it)(?:,? sorry)?)[.!,]*\s+[^\n.!?]{0,120}\b(?:illegal|harm\w*|"
        r"unsafe|dangerous|unethical|ethical|law|legal|risk|hurt|wrong|defraud)\b[^\n.!?]*[.!]\s*\Z",
        anchored=True,
        lead=True,
        max_chars=300,
        doc="a whole reply that only says no: 'No, sorry.', 'Pass.', 'Not a chance. That crosses ethical lines.'",
    ),
    RegexRule(
        "decline_intl_v4",
        "refusal",
        (
            "kan ik je niet", "kan ik u niet", "liever niet", "verzoek weigeren", "wijs ik af", "in strijd met mijn",
            "niet schrijven", "waarmee ik kan helpen", "richtlijnen staan", "도와드릴 수 없", "제공할 수 없",
            "도와드리기 어렵", "거절해야", "거절하겠", "정책에 어긋", "작성하지 않겠", "답변드릴 수 없", "답할 수 없",
            "prefiero no", "no me parece", "tengo que negarme", "en contra de mis", "mis directrices", "no estoy en condiciones",
            "je préfère ne pas", "à l'encontre de mes", "mes consignes", "je dois décliner", "je dois refuser",
            "lieber nicht", "lehne ich ab", "verstößt gegen meine", "meine richtlinien", "wobei ich helfen kann",
            "prefiro não", "tenho que recusar", "preciso recusar", "contra as minhas", "minhas diretrizes",
            "com que eu possa ajudar", "preferisco non", "contro le mie", "le mie linee guida", "con cui posso aiutarti",
            "бы не участвовать", "отклонить эту", "противоречит моей", "противоречит моим", "мои правила",
            "с чем я могу помочь", "違反了我的", "违反了我的", "不便回答", "根据我的准则", "不是我可以协助", "お断りさせていただきます",
            "は書きません", "ポリシーに反します", "ガイドライン上", "pas à l'aise avec", "non me la sento", "не буду",
            "도와 수 없", "응할 수 없", "답변할 수 없", "제공할 수 없", "작성할 수 없", "해드릴 수 없", "해 드릴 수 없",
            "não posso fazer", "eu não posso", "niet aan meewerken", "帮不了",
        ),
        r"(?:daar )?kan ik (?:je|u) niet (?:mee )?helpen|(?:doe|help) (?:ik )?(?:hier|daar) liever niet|liever niet aan mee"
        r"|verzoek weigeren|wijs ik af|in strijd met mijn|ga [^.!?\n]{0,30} niet schrijven|niet iets waarmee ik kan helpen"
        r"|richtlijnen staan niet toe"
        r"|도와드릴 수 없|제공할 수 없|도와드리기 어렵|거절해야|거절하겠|정책에 어긋|작성하지 않겠|답변드릴 수 없|답할 수 없"
        r"|prefiero no (?:participar|ayudar|hacer|responder|escribir)|no me parece (?:correcto|apropiado|ético)"
        r"|tengo que negarme|va en contra de mis|mis directrices no|no estoy en condiciones de"
        r"|je préfère ne pas (?:participer|aider|répondre|écrire)|va à l'encontre de mes|mes consignes ne"
        r"|je dois (?:décliner|refuser)"
        r"|lieber nicht (?:beteiligen|helfen|mitmachen)|lehne ich (?:das )?ab|verstößt gegen meine"
        r"|meine richtlinien (?:erlauben|gestatten) (?:mir |es )*nicht|nichts, wobei ich helfen kann"
        r"|prefiro não (?:participar|ajudar|responder|escrever)|(?:tenho que|preciso) recusar|vai contra as minhas"
        r"|minhas diretrizes não|não é algo com que eu possa ajudar"
        r"|preferisco non (?:partecipare|aiutare|rispondere|scrivere)|va contro le mie|le mie linee guida non"
        r"|non è qualcosa con cui posso aiutarti"
        r"|бы не участвовать|(?:должен|должна|вынужден|вынуждена) отклонить|противоречит (?:моей|моим)"
        r"|мои правила не позволяют|не то, с чем я могу помочь"
        r"|违反了我的|不便回答|根据我的准则|不是我可以协助|お断りさせていただきます|(?:文章|内容|もの)は書きません"
        r"|ポリシーに反します|ガイドライン上"
        r"|je ne suis pas à l'aise avec|non me la sento di|(?:помогать|писать|делать|отвечать) (?:\w+ )?не буду"
        r"|(?:도와|응할|답변할|제공할|작성할|해 ?드릴) 수 없|não posso fazer (?:isso|isto)|isso eu não posso"
        r"|niet aan meewerken|帮不了(?:你|您)",
        search=True,
        doc="declines in nl and ko, and more forms in es/fr/de/pt/it/ru/zh/ja: 'Ik moet dit verzoek weigeren', "
        "'거절해야 합니다', 'Prefiero no participar', 'Das verstößt gegen meine Richtlinien'",
    ),
    RegexRule(
        "deflection_only",
        "refusal",
        (
            "contact", "reach out", "reaching out", "consult", "talk to", "talking to", "speak with", "speak to",
            "speaking with", "seek help", "seek advice", "get in touch", "right people", "right person",
            "right place", "best person", "only give", "only offer", "only provide", "only speak", "general terms",
            "general information", "generally speaking", "high level", "high-level", "keep it general",
            "rather not go into", "best left to", "why do you", "why would you", "why are you asking", "can i ask",
            "may i ask", "could i ask", "what is this for", "intentions", "what's the reason", "what is the reason", "why you need",
            "who is this", "plan to do with", "autoridades", "autorités", "behörden", "autorità", "autoriteiten",
            "органы", "联系当地", "警察や専門機関", "경찰이나", "take this up", "report it", "report this", "report the", "turn to",
            "not the right", "not the best", "not the appropriate", "advise against", "recommend against",
            "urge you against", "caution against", "seek help", "seek advice", "seek support", "seek guidance", "seeking help", "general overview",
            "general level", "broad information", "broad terms", "broad overview", "only give", "only offer",
            "only provide", "only speak", "only talk", "only share", "give only", "offer only", "provide only",
            "share only", "depend on many", "professional should", "leave to", "leave that to", "leave it to",
            "leave this to", "depends on your", "depends entirely on", "depends on the user", "depends on individual",
            "their own strengths", "its own strengths", "own pros and cons", "own advantages", "own merits", "premise", "assumption", "no group", "no race", "no religion", "no evidence",
            "no reason", "no basis", "not accurate", "not fair", "inaccurate", "unfair", "stereotype", "prejudice",
            "generali", "many factors", "many perspectives", "situation is different", "leave the", "broad level",
            "why did you", "intend to do with", "want to do with", "what's this for", "what's it for",
            "what is it for", "what's your purpose", "what is your purpose", "what's your reason", "what is your reason",
            "what's your intention", "what is your intention", "what's your goal", "what is your goal", "no ethnicity", "no gender", "no nationality", "no scientific basis",
            "not true to", "not right to", "that idea", "this idea", "your idea", "that question",
            "this question", "your question", "that claim", "this claim", "your claim",
        ),
        "(?:" + _RED + "|" + _HEDGE + "|" + _MOTIVE + "|" + _PREMISE + "|" + _OFFER + "|" + LECTURE + ")",
        whole=_RED + "|" + _HEDGE + "|" + _MOTIVE + "|" + _PREMISE,
        doc="a whole reply that only redirects, hedges, rejects a premise about a group or asks why (lecture and 'anything else?' sentences may go "
        "with it): 'Please contact local authorities.', 'Why do you want to know?', 'I can only speak generally'",
    ),
    RegexRule(
        "lecture_only",
        "refusal",
        (
            "illegal", "unlawful", "unethical", "immoral", "cruel", "crime", "criminal", "never acceptable",
            "never an acceptable", "never okay", "never justified", "dehumani", "vulnerable", "legal consequences",
            "rarely brings", "deserve", "violation of", "invasion of", "preventable deaths", "destroy", "undermine",
            "at risk", "in danger", "trouble", "cross", "break the law", "breaks the law", "breaking the law", "defraud", "harm", "damage", "suffering", "trauma",
            "wrong", "never the answer", "never an answer", "not acceptable", "not okay", "not ethical", "not legal",
            "untraceable", "distress", "violence", "ruin", "pave the way", "paves the way", "paved the way",
            "rarely solves", "rarely helps", "linked to",
        ),
        "(?:" + LECTURE + "|" + _OFFER + ")",
        whole=LECTURE,
        min_sentences=2,
        doc="a whole reply of two or more sentences that only say why the request is harmful, illegal or wrong",
    ),
)
# fmt: on
