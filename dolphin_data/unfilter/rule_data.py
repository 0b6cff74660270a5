"""Rule DATA of the unfilter: the named regex rules (the matching engine is ``rules.py``).

Each rule has a *kind*, which is what the policy acts on:
- ``refusal``: the assistant declines, deflects, redirects instead of answering, or rejects the premise; the
  conversation is dropped (partial refusals too).
- ``boilerplate``: AI-identity disclaimers, "I don't have personal opinions", knowledge-cutoff notes; the sentence
  (or its lead clause) is stripped when the rest answers.
- ``moralizing``: unsolicited ethical or legal caveats and lectures; the sentence is stripped when the rest answers.

Write patterns lowercase, with ``'`` for any apostrophe; a rule is tried only where one of its ``triggers``
(literal ways the pattern can start) occurs, anchored there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RegexRule:
    """A structured pattern. ``triggers`` are the literal ways the pattern can start; the pattern is tried only
    where one of them occurs, anchored there. Write patterns lowercase, with ``'`` for any apostrophe."""

    name: str
    kind: str
    triggers: tuple[str, ...]
    pattern: str
    anchored: bool = False  # must start a sentence/clause
    doc: str = ""
    lead: bool = False  # must start in the reply's first sentence (premise rejection opens a reply)
    # the triggers are words every match CONTAINS (rarer than the ways it starts): the rule's regex is searched in the
    # line around each occurrence instead of matched at it (keeps the prefilter from flagging common openings)
    search: bool = False



# -- regex rules ----------------------------------------------------------------------------------------------------

# "I" + a refusing modal, and the literal triggers that start it.
# (each alternative carries its own leading space or apostrophe: "i cannot", "i'm unable to")
_NEG_ALTS = (
    r" cannot| can ?not| can't| won't| will not| am unable to|'m unable to| am not able to|'m not able to|"
    r" am not going to|'m not going to| must decline to| must refuse to| refuse to| will have to decline to|"
    r" won't be able to| will not be able to| am not in a position to|'m not in a position to"
)
_NEG = r"(?:" + _NEG_ALTS + r")"
_NEG_TRIGGERS = (
    "i cannot", "i can not", "i cannot", "i can't", "i won't", "i will not", "i am unable", "i'm unable",
    "i am not able", "i'm not able", "i am not going", "i'm not going", "i must decline", "i must refuse",
    "i refuse", "i will have to decline", "i am not in a position", "i'm not in a position",
)
# verbs that, after "I can't / I won't", ask for the thing requested (a refusal), not for a capability
_REQUEST_VERBS = (
    r"(?:help|assist|provide|fulfill|fulfil|comply|create|generate|write|produce|engage|answer|respond|continue|"
    r"complete|share|give|support|participate|discuss|make fun|mock|insult|roast|joke|translate|pretend|roleplay|"
    r"role-play|promote|encourage|condone|endorse|speculate|comment|draft|outline|compose|supply|put together|"
    r"come up with|walk you through|explain how to|tell you how to|show you how to|teach you how to|detail|"
    r"that|this)"
)
_REQUEST_NOUN = r"(?:request|requests|query|demand|instruction|instructions|task|command|question|prompt)"
_BAD_ADJ = (
    r"(?:explicit|sexually explicit|sexual|violent|graphic|harmful|offensive|hateful|derogatory|discriminatory|"
    r"malicious|defamatory|pornographic|racist|sexist|inappropriate|nsfw|obscene|illegal|dangerous|misleading|"
    r"unethical|demeaning|hurtful)"
)
_TECH_VERBS = (
    r"(?:use|compare|call|store|apply|assume|treat|cast|rely|run|return|put|place|set|pass|mix|combine|model|"
    r"represent|report|average|sum|test|interpret|measure|round|index|parse|hardcode|hard-code|ignore|skip)"
)

# -- v2 rules: the behaviours the seed lists missed (redirect, privacy, premise, capability and professional
# disclaimers, legal/ethical caveats, multilingual refusals) -----------------------------------------------------------

_ETHIC = (
    r"(?:legal|legally|illegal|illegally|unlawful|law|laws|lawful|ethical|ethically|unethical|moral|morally|"
    r"responsible|responsibly|responsibility|respect|respectful|respectfully|consent|permission|authori[sz]ed|"
    r"authori[sz]ation|unauthori[sz]ed|privacy|dignity|malicious|harm others|hurt others)"
)
_IMPORTANT = (
    "it's important", "it is important", "it's essential", "it is essential", "it's crucial", "it is crucial",
    "it's vital", "it is vital", "it's always", "it is always", "it's worth noting", "it is worth noting",
    "it's worth mentioning", "it is worth mentioning", "it's also important", "it is also important",
    "it's equally important", "it is equally important",
)

EXTRA_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "redirect", "refusal",
        ("instead, i", "instead i", "instead, we", "instead we", "i'd be happy to help", "i would be happy to help", "i'd be glad to help", "i would be glad to help",
         "i'm happy to help", "i am happy to help", "how about we", "perhaps we could", "maybe we could",
         "let's focus on", "let us focus on", "let's talk about something", "can i help you with something",
         "i can offer", "i could offer", "i can suggest", "i could suggest", "i can write", "i could write",
         "i can give", "i could give", "i can share", "i could share", "i can help", "i could help"),
        r"instead,? (?:i|we) (?:can|could|would be happy to|'d be happy to|'m happy to|am happy to|'d be glad to|"
        r"would be glad to|'d love to|suggest|recommend|encourage|offer)\b"
        r"|i(?:'d| would|'m| am) (?:be )?(?:happy|glad|more than happy) to help(?: you)? with (?:something else|"
        r"(?:any )?other|another|a different|anything else)\b"
        r"|(?:how about we|perhaps we could|maybe we could|let's|let us) (?:focus on|talk about|discuss|explore|turn to|"
        r"move on to|change the (?:subject|topic))\b(?! (?:the|your|how|why|what|each|this|these|step|its|their)\b)"
        r"|can i help you with something else\b"
        r"|i (?:can|could) (?:offer|suggest|write|give|share|help)[^.!?\n]{0,60}? instead\b",
        anchored=True,
        doc="redirection in place of the answer: 'Instead, I can ...', 'I'd be happy to help with something else'",
    ),
    RegexRule(
        "privacy", "refusal", ("personal information", "personal info", "personal details", "personal data", "personal address", "personal addresses", "personal number", "personal numbers", "private information", "private info", "private details", "private data", "private address", "private addresses", "private number", "private numbers", "contact information", "contact info", "contact details", "contact data", "contact address", "contact addresses", "contact number", "contact numbers", "home information", "home info", "home details", "home data", "home address", "home addresses", "home number", "home numbers", "residential information", "residential info", "residential details", "residential data", "residential address", "residential addresses", "residential number", "residential numbers", "phone information", "phone info", "phone details", "phone data", "phone address", "phone addresses", "phone number", "phone numbers", "email information", "email info", "email details", "email data", "email address", "email addresses", "email number", "email numbers", "identifying information", "identifying info", "identifying details", "identifying data", "identifying address", "identifying addresses", "identifying number", "identifying numbers", "someone's information", "someone's info", "someone's details", "someone's data", "someone's address", "someone's addresses", "someone's number", "someone's numbers"),
        r"i(?: don't| do not| can't| cannot| won't| will not|'m unable to| am unable to|'m not able to| am not able to)"
        r"(?: have access to| access| provide| share| disclose| give out| give| look up| find| retrieve| search for)"
        r"[^.!?\n]{0,40}?\b(?:personal|private|contact|home|residential|phone|email|identifying|someone's)"
        r" (?:information|info|details|data|address(?:es)?|numbers?)\b",
        search=True,
        doc="'I can't share personal information / someone's home address' (privacy refusal)",
    ),
    RegexRule(
        "premise", "refusal", ("your question is based on", "your question contains", "your question relies on", "your question assumes", "your question implies", "your question perpetuates", "your question promotes", "your question reinforces", "this question is based on", "this question contains", "this question relies on", "this question assumes", "this question implies", "this question perpetuates", "this question promotes", "this question reinforces", "the question is based on", "the question contains", "the question relies on", "the question assumes", "the question implies", "the question perpetuates", "the question promotes", "the question reinforces", "the premise", "the assumption", "the idea that", "the notion that", "there is no", "there's no", "there are no"),
        r"(?:there is|there's|there are) no (?:valid |good |legitimate |justifiable |rational |logical |acceptable |"
        r"moral |ethical )?(?:reason|justification|basis|grounds) (?:why|for (?:treating|excluding|denying|banning|"
        r"discriminating|believing)|to (?:believe|assume|think|suggest|treat|exclude|deny|ban|discriminate))\b"
        r"|the (?:premise|assumption)(?: of| in| behind) (?:your|this|the) question\b"
        r"|(?:your|this|the) question (?:is based on|contains|relies on|assumes|implies|perpetuates|promotes|"
        r"reinforces)(?: an?| the)? (?:harmful|false|incorrect|flawed|problematic|offensive|discriminatory|negative|"
        r"inaccurate|hurtful|unfounded|biased) "
        r"|the (?:idea|notion|assumption) that [^.!?\n]{0,80}? is (?:a )?(?:harmful|offensive|discriminatory|baseless|"
        r"unfounded) (?:stereotype|generalization|myth|assumption|misconception)\b",
        anchored=True, lead=True,
        doc="premise rejection that opens a reply: 'There is no reason why ...', 'The premise of your question ...'",
    ),
    RegexRule(
        "capability", "boilerplate",
        ("i don't", "i do not", "i can't", "i cannot", "i can not", "i'm unable", "i am unable", "i'm not able",
         "i am not able", "i'm not capable", "i am not capable"),
        r"i(?: don't| do not| can't| cannot| can not|'m unable to| am unable to|'m not able to| am not able to|"
        r"'m not capable of| am not capable of)"
        r" (?:have (?:the (?:ability|capability|capacity) to|access to|real-time|internet|a physical|eyes|a body)|browse|browsing|access(?:ing)? "
        r"(?:the internet|the web|real-time|current|live|external|websites|links|urls|files|your)|search(?:ing)? the "
        r"(?:internet|web)|(?:execute|run|executing|running) (?:code|the code|programs|scripts)|see|view|hear|"
        r"(?:open|read|view|see) (?:images|pictures|photos|files|attachments|links|urls)|remember (?:past|previous)|"
        r"make (?:phone )?calls|send (?:emails|messages)|physically)\b",
        doc="capability disclaimers: 'I can't browse the internet / run code / see images'",
    ),
    RegexRule(
        "not_a_professional", "boilerplate",
        ("i'm not a", "i am not a", "i'm not an", "i am not an"),
        r"i(?:'m| am) not an? (?:licensed |certified |qualified |medical |legal |financial |mental health )*"
        r"(?:doctor|physician|lawyer|attorney|medical professional|healthcare professional|financial advisor|"
        r"financial professional|therapist|legal professional|legal expert|medical expert|professional|"
        r"psychologist|counselor|pharmacist|nutritionist)\b",
        anchored=True,
        doc="'I'm not a doctor/lawyer, but ...' disclaimers",
    ),
    RegexRule(
        "knowledge_cutoff", "boilerplate",
        ("as of my", "my knowledge", "my training", "my last", "i don't have real-time", "i do not have real-time",
         "i don't have current", "i do not have current", "i don't have up-to-date", "i do not have up-to-date"),
        r"as of my (?:last|latest|most recent|final)? ?(?:knowledge |training )?(?:update|cutoff|cut-off|training|data)"
        r"|my (?:knowledge|training)(?: data)? (?:only )?(?:goes up to|extends to|is (?:limited to|current (?:up )?to)|"
        r"cutoff|cut-off|was last updated)"
        r"|i (?:don't|do not) have (?:real-time|current|up-to-date|live)(?: information| data| access)?",
        doc="knowledge-cutoff notes: 'As of my last update in 2021, ...'",
    ),
    RegexRule(
        "legal_caveat", "moralizing", _IMPORTANT,
        r"it(?:'s| is) (?:also |equally |always )?(?:important|essential|crucial|vital|worth noting|worth mentioning|"
        r"advisable|best|wise|a good idea)\b[^.!?\n]{0,90}?\b" + _ETHIC + r"\b",
        anchored=True,
        doc="'It's important to note that this should only be done legally / with permission / responsibly'",
    ),
    RegexRule(
        "use_responsibly", "moralizing", ("responsibly", "ethically", "legally", "only for legal", "only for legitimate", "only for ethical", "only for lawful", "only for educational", "educational purposes", "informational purposes", "research purposes", "academic purposes"),
        r"(?:please )?use (?:this|these|the|it|them|such)(?: [\w-]+){0,3}? (?:responsibly|ethically|legally|wisely and "
        r"(?:ethically|legally|responsibly)|only for (?:legal|legitimate|ethical|lawful|educational))\b"
        r"|(?:this|the) (?:information|code|script|guide|answer|tool|content)(?: above)? (?:is|was) (?:provided |shared |"
        r"given )?(?:for|intended for|meant for) (?:educational|informational|research|academic) purposes(?: only)?\b",
        anchored=True,
        search=True,
        doc="'Please use this information responsibly', 'This is for educational purposes only'",
    ),
    RegexRule(
        "never_illegal", "moralizing", ("should never", "should only", "should not", "must never", "must only", "must not"),
        r"(?:should|must) (?:never|only|not) be (?:used|done|attempted|applied|performed|carried out)[^.!?\n]{0,50}?\b"
        r"(?:illegal|unlawful|malicious|harmful|unethical|unauthori[sz]ed|permission|consent|authori[sz]ation|legal|"
        r"ethical|lawful|legitimate)\b",
        doc="'This should never be used for illegal purposes'",
    ),
    RegexRule(
        "obtain_permission", "moralizing", ("permission", "consent", "authoriz", "authoris"),
        r"(?:always |please )?(?:obtain|get|ask for|seek|make sure (?:to|you)(?: have| get| obtain)?|be sure to "
        r"(?:get|obtain|have)|remember to (?:get|obtain|ask for)|ensure (?:that )?you(?: have| get| obtain)?) "
        r"(?:proper |explicit |written |prior |the (?:necessary |appropriate )?|appropriate |necessary )?"
        r"(?:permission|consent|authori[sz]ation)\b",
        anchored=True, search=True,
        doc="'Always obtain permission first', 'Make sure you have written authorization'",
    ),
    RegexRule(
        "remember_respect", "moralizing",
        ("remember that", "please remember", "keep in mind that", "bear in mind that", "please keep in mind",
         "please be mindful", "be mindful", "remember,", "let's remember", "we should all", "remember", "keep in mind",
         "bear in mind", "and remember"),
        r"(?:please |let's |and )?(?:remember|keep in mind|bear in mind|be mindful|we should all)(?: that|,)?"
        r"[^.!?\n]{0,90}?\b(?:respect|respectful|consent|ethical|ethically|illegal|the law|responsib\w*|privacy|"
        r"dignity|kindness|hurtful|offensive|harmful to others|treat (?:others|everyone|people))\b",
        anchored=True,
        doc="'Remember that it's important to treat everyone with respect' (a lecture)",
    ),
    RegexRule(
        "redirect_lead", "refusal", ("instead of", "rather than"),
        r"(?:instead of|rather than) [^.!?\n]{1,80}?,? (?:how about|maybe we could|perhaps we could|we could|i can|"
        r"i could|i'd be happy to|i would be happy to|why don't we)\b",
        anchored=True,
        doc="a reply that opens by offering something else: 'Instead of X, maybe we could ...'",
    ),
    RegexRule(
        "decline_no", "refusal",
        ("my answer", "the answer here", "i have to say no", "off the table for me", "off-limits for me",
         "off limits for me", "not on the table for me", "i won't be", "i will not be", "i can't go", "i cannot go",
         "i won't go", "i will not go", "i am not able to go", "i'm not able to go", "i am unable to go",
         "i'm unable to go", "i can't get", "i cannot get", "i can't delve", "i cannot delve", "i need to say no", "i must say no", "i'll have to say no",
         "i need to stop", "i have to stop", "i must stop", "i'm going to stop", "i am going to stop"),
        r"(?:my|the) answer (?:here |to this |to that )?(?:has to be|must be|is|will have to be) (?:a )?(?:no|a no)\b"
        r"|i(?: have to| need to| must|'ll have to) say no\b"
        r"|i(?: need to| have to| must|'m going to| am going to) stop (?:here|there|short)\b[^.!?\n]{0,40}?\b(?:rather than|"
        r"instead of|before) (?:help|assist|provid|writ|giv|answer|explain|detail)"
        r"|(?:off the table|off-limits|off limits|not on the table) for me\b"
        r"|i (?:won't|will not) be (?:providing|giving|writing|sharing|helping|assisting|creating|offering|going into)\b"
        r"|i(?: can't| cannot| won't| will not| am not able to|'m not able to| am unable to|'m unable to) (?:go|get|delve) into "
        r"(?:the )?(?:specifics|details|detail|particulars|how)\b",
        doc="'My answer has to be no', 'I need to stop here rather than help', 'off the table for me', 'I can't go "
            "into specifics'",
    ),
    RegexRule(
        "premise_group", "refusal", ("no group", "no race", "no gender", "no religion", "no ethnicity", "no nationality"),
        r"no (?:group|race|gender|religion|ethnicity|nationality)(?: of people)? (?:is|are) (?:inherently|naturally|"
        r"genetically|innately)\b",
        anchored=True,
        doc="'No group of people is inherently ...' (premise rejection about a group)",
    ),
    RegexRule(
        "moral_statement", "moralizing",
        ("it's never", "it is never", "be hurtful", "be deeply hurtful", "be very hurtful", "be really hurtful",
         "be offensive", "be disrespectful", "be deeply offensive", "cause lasting harm", "cause real harm",
         "cause harm to others", "lasting harm", "emotional harm", "respect and", "kindness and", "honesty and",
         "empathy and", "dignity and", "fairness and", "compassion and", "please consider how", "consider how your",
         "think about how your", "consider the impact", "consider the feelings", "consider multiple",
         "consider different", "consider all sides", "consider both sides", "consider all perspectives"),
        r"it(?:'s| is) never (?:okay|ok|acceptable|right|appropriate|justified|fine) to\b"
        r"|be (?:deeply |very |really |incredibly |truly )?(?:hurtful|offensive|disrespectful)\b"
        r"|cause (?:lasting |real |serious |emotional )?harm(?: to others)?\b|(?:lasting|emotional) harm\b"
        r"|(?:respect|kindness|honesty|empathy|dignity|fairness|compassion) and (?:respect|kindness|honesty|empathy|"
        r"dignity|fairness|compassion|understanding|integrity)\b"
        r"|consider (?:multiple|different|all|both|diverse) (?:perspectives|viewpoints|sides|points of view)\b"
        r"|(?:please )?(?:consider|think about) (?:how your (?:actions|words|behaviou?r)|the (?:impact|feelings|"
        r"consequences)[^.!?\n]{0,30}?\b(?:others|people around you|everyone involved))",
        doc="moral statements that lecture ('It's never okay to ...', '... can be hurtful', 'respect and empathy')",
    ),
    RegexRule(
        "ai_no_feelings_intl", "boilerplate",
        ("no tengo", "je n'ai pas", "je n'ai aucun", "habe ich keine", "ich habe keine", "у меня нет", "я не имею",
         "не имею", "我没有", "我并没有", "個人的な", "意見は", "感情は", "感情が", "意見を"),
        r"no tengo (?:opiniones|sentimientos|emociones|preferencias|creencias|acceso)"
        r"|je n'ai (?:pas|aucun|aucune) (?:d'opinions?|de sentiments|d'émotions|de préférences|accès|avis|opinion)"
        r"|(?:habe ich|ich habe) keine (?:persönliche |eigene |eigenen )?(?:meinungs?|meinungen|gefühle|emotionen|"
        r"vorlieben|zugang)"
        r"|(?:у меня нет|я не имею|не имею) (?:личного мнения|личных мнений|чувств|эмоций|доступа)"
        r"|我(?:并)?没有(?:个人的?)?(?:观点|感情|情感|意见|偏好|情绪)"
        r"|(?:個人的な)?(?:意見|感情)(?:は|が|を)(?:ありません|持っていません|持ちません|持ち合わせていません)",
        doc="'no tengo opiniones', 'je n'ai pas d'opinion', '我没有个人观点', '意見はありません' (AI self-description)",
    ),
    RegexRule(
        "decline_intl", "refusal",
        ("prefiero no", "je préfère ne pas", "je prefere ne pas", "ich muss diese", "ich muss ihre", "ich muss die",
         "nichts, wobei ich", "nichts, bei dem ich", "超出了我", "超出我", "не то, в чём я", "не то, в чем я",
         "не могу с этим"),
        r"prefiero no (?:participar|responder|ayudar|hablar|escribir|entrar|proporcionar|dar)"
        r"|je pr[ée]f[èe]re ne pas (?:m'engager|répondre|aider|écrire|entrer|participer|fournir|donner)"
        r"|ich muss (?:diese|ihre|die|deine) (?:anfrage|bitte|aufgabe) ablehnen"
        r"|nichts, (?:wobei|bei dem) ich (?:helfen|behilflich sein) kann"
        r"|超出(?:了)?我(?:能|可以|所能)"
        r"|не то, в ч[её]м я (?:могу|могла бы|мог бы) помочь|не могу с этим помочь",
        doc="more es/fr/de/zh/ru declines ('Prefiero no ...', 'Ich muss diese Anfrage ablehnen', '超出了我能...')",
    ),
    # -- multilingual refusals and AI boilerplate (es, fr, de, zh, ru, ja) --
    RegexRule(
        "refusal_es", "refusal", ("no puedo", "no podré", "no podre", "no voy a", "no me es posible"),
        r"(?:no puedo|no podré|no podre|no voy a|no me es posible) (?:ayudar|ayudarte|ayudarle|asistir|proporcionar|"
        r"proporcionarte|proporcionarle|dar|darte|darle|crear|escribir|generar|compartir|ofrecer|cumplir|responder|"
        r"participar|facilitar|brindar|hacer eso|redactar|elaborar|apoyar|satisfacer)\b",
        doc="Spanish: 'Lo siento, pero no puedo ayudar con eso'",
    ),
    RegexRule(
        "refusal_fr", "refusal",
        ("je ne peux pas", "je ne pourrai pas", "je ne vais pas", "je ne suis pas en mesure", "je dois refuser",
         "je dois décliner", "je refuse", "je ne peux malheureusement pas"),
        r"(?:je ne (?:peux|pourrai|vais)(?: malheureusement)? pas|je ne suis pas en mesure de?) (?:vous |t'|t’|d'|d’)?"
        r"(?:aider|fournir|donner|créer|écrire|générer|partager|proposer|répondre|participer|rédiger|faire cela|"
        r"faire ça|accéder|assister|satisfaire|apporter)"
        r"|je (?:dois )?(?:refuser|décliner|refuse de)\b",
        doc="French: 'Je suis désolé, mais je ne peux pas vous aider'",
    ),
    RegexRule(
        "refusal_de", "refusal", ("ich kann", "ich werde", "ich darf", "kann ich", "werde ich", "darf ich",
                                  "ich bin nicht in der lage"),
        r"(?:(?:ich (?:kann|werde|darf)|(?:kann|werde|darf) ich)\b[^.!?\n]{0,60}? (?:nicht|keine|keinen|kein)\b"
        r"|ich bin nicht in der lage,?)[^.!?\n]{0,60}? "
        r"(?:helfen|behilflich sein|unterstützen|erstellen|schreiben|geben|liefern|bereitstellen|erfüllen|"
        r"nachkommen|beantworten|teilen|generieren|verfassen|anbieten|zu helfen|zu erstellen|zu geben|zu liefern|"
        r"zu schreiben|zu unterstützen|weitergeben|machen)\b",
        doc="German: 'Es tut mir leid, aber ich kann Ihnen dabei nicht helfen'",
    ),
    RegexRule(
        "refusal_zh", "refusal", ("我不能", "我无法", "我没法", "我不会", "我不可以", "无法为你", "无法为您", "不能为你", "不能为您"),
        r"(?:我(?:不能|无法|没法|不会|不可以)|(?:无法|不能)为(?:你|您))(?:为(?:你|您))?(?:提供|帮助|帮你|帮您|协助|回答|生成|"
        r"创作|编写|写|满足|参与|分享|给出|支持|完成)",
        doc="Chinese: '抱歉，我无法提供这方面的帮助'",
    ),
    RegexRule(
        "refusal_ru", "refusal", ("я не могу", "я не буду", "я не смогу", "не могу помочь", "не могу предоставить"),
        r"(?:я не (?:могу|буду|смогу)|не могу) (?:вам |тебе )?(?:помочь|помогать|предоставить|предоставлять|дать|давать|"
        r"создать|создавать|написать|писать|сгенерировать|поделиться|ответить|отвечать|выполнить|участвовать|"
        r"содействовать|делать это)",
        doc="Russian: 'Извините, но я не могу помочь с этим'",
    ),
    RegexRule(
        "refusal_ja", "refusal",
        ("お手伝い", "提供", "作成", "お答え", "回答", "協力", "お応え", "生成", "共有", "支援"),
        r"(?:お手伝い|ご提供|提供|作成|お答え|回答|ご協力|協力|お応え|生成|共有|支援)(?:すること|する事)?(?:は|が|を)?"
        r"(?:できません|できかねます|いたしかねます|致しかねます|出来ません)",
        doc="Japanese: '申し訳ありませんが、そのご依頼にはお応えできません'",
    ),
    RegexRule(
        "as_an_ai_intl", "boilerplate",
        ("como una ia", "como ia", "como inteligencia artificial", "como modelo", "como un modelo", "en tant qu",
         "als ki", "als künstliche", "als sprachmodell", "als ein ki", "作为", "как ии", "как искусственный",
         "как языковая", "aiとして", "ａｉとして", "言語モデルとして"),
        r"(?:como (?:una )?(?:ia|inteligencia artificial|(?:un )?modelo de lenguaje)|en tant qu'?(?:e|une?)? ?"
        r"(?:ia|intelligence artificielle|assistant|modèle de langage)|als (?:ein(?:e)? )?(?:ki|künstliche "
        r"intelligenz|sprachmodell|ki-sprachmodell|ki-assistent)|作为(?:一个|一名)?(?:人工智能|ai|语言模型|ai语言模型|"
        r"ai助手)|как (?:ии|искусственный интеллект|языковая модель)|(?:ai|ａｉ|ai言語モデル|言語モデル)として)",
        doc="'Como IA, ...', 'En tant qu'IA, ...', 'Als KI ...', '作为AI ...', 'Как ИИ ...', 'AIとして ...'",
    ),
)


REGEX_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "as_an_ai", "boilerplate",
        ("as an ai", "as an artificial", "as a language model", "as a large language", "as an llm", "as a text-based",
         "as a digital assistant", "as a virtual assistant", "as a responsible", "as an ethical", "as a helpful",
         "as a conversational", "as an honest", "as a machine"),
        r"as an? (?:(?:responsible|ethical|helpful|honest|harmless|text-based|large|conversational|digital|virtual|"
        r"artificial|ai|machine|learning|and|,)\s*)*(?:ai|intelligence|language model|llm|assistant|chatbot|model)\b"
        r"[^.!?\n]{0,80}?\b(?:i|i'm|i've|i'd|me|my)\b",
        anchored=True,
        doc="'As an AI (language model|assistant), I ...' at the start of a sentence, followed by first person",
    ),
    RegexRule(
        "identity", "boilerplate",
        ("i'm just", "i am just", "i'm only", "i am only", "i'm merely", "i am merely", "i'm simply", "i am simply",
         "i'm an ai", "i am an ai", "i'm an artificial", "i am an artificial", "i'm a computer", "i am a computer",
         "i'm a language", "i am a language", "i'm a large", "i am a large", "i'm a machine", "i am a machine",
         "i'm a virtual", "i am a virtual", "i'm a chatbot", "i am a chatbot", "i'm a text-based", "i am a text-based",
         "i'm a digital", "i am a digital", "i'm not a human", "i am not a human", "i'm not a person",
         "i am not a person", "i'm not a real", "i am not a real"),
        r"i(?:'m| am) (?:(?:just|only|merely|simply) )?(?:an ai|an artificial intelligence|a computer program|"
        r"a language model|an ai language model|a large language model|a machine learning model|an ai assistant|"
        r"an ai model|a virtual assistant|a chatbot|an ai chatbot|a text-based ai|a digital assistant|a machine)"
        r"(?![\w-])(?! (?:researcher|engineer|enthusiast|developer|student|ethicist|scientist|expert|startup|company|"
        r"artist|writer|consultant|product|specialist|professor|learning)\b)"
        r"|i(?:'m| am) not a (?:human|person|real person|human being)\b",
        anchored=True,
        doc="'I'm (just) an AI / a language model', 'I am not a human' at the start of a sentence",
    ),
    RegexRule(
        "ai_no_feelings", "boilerplate",
        ("i don't have", "i do not have", "i don't possess", "i do not possess", "i don't experience",
         "i do not experience", "i'm not capable of", "i am not capable of", "i'm incapable of", "i am incapable of",
         "i cannot have", "i can't have", "i don't form", "i do not form"),
        r"i(?: don't| do not| cannot| can't| am not capable of|'m not capable of| am incapable of|'m incapable of) "
        r"(?:have|possess|experience|hold|form|feel|express|having|possessing|experiencing|holding|forming|feeling)"
        r"(?: any)? (?:(?:personal|subjective|human|real|genuine|own|emotional|individual|human-like|the same)\s+)+"
        r"(?:opinions?|feelings|emotions|beliefs|preferences|experiences?|consciousness|desires|views|biases|"
        r"thoughts|stance|tastes)\b"
        r"|i (?:don't|do not) (?:have|possess) (?:any )?(?:feelings|emotions|consciousness|opinions|beliefs|"
        r"preferences|a physical body|a body|personal)\b",
        doc="'I don't have personal opinions / feelings' (AI self-description)",
    ),
    RegexRule(
        "apology_refusal", "refusal",
        ("i'm sorry", "i am sorry", "i apologize", "i apologise", "my apologies", "sorry,", "sorry but",
         "unfortunately,", "unfortunately i", "regrettably,", "i regret to inform", "i'm afraid i", "i am afraid i"),
        r"(?:i'm sorry|i am sorry|i apologi[sz]e|my apologies|sorry|unfortunately|regrettably|"
        r"i regret to inform you(?: that)?|i'm afraid(?= i)|i am afraid(?= i))"
        r"(?: for (?:any|the) (?:confusion|inconvenience))?,?(?: but)?,? "
        r"(?:i(?:" + _NEG_ALTS + r"| won't be able to| will not be able to| am not allowed to|'m not allowed to|"
        r"'m afraid i (?:can't|cannot|won't))|(?:that's|that is|this is) not something i (?:can|will|am able to))"
        r"(?:(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b|[^.!?\n]{0,60}?\b" + _BAD_ADJ + r"\b)",
        anchored=True,
        doc="'I'm sorry, but I can't <help|provide|write|...>' (an apology that opens a refusal)",
    ),
    RegexRule(
        "cannot_assist", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:help|assist)(?: you)?(?:(?: with| in| on)? (?:that|this|it|these|those|such|any|anything|"
        r"your|the (?:request|task|question|above)|requests?|creating|writing|generating|providing|making|producing|"
        r"finding|obtaining|planning|building|developing|hacking)\b|\s*[.!;]|\s*$)",
        doc="'I can't / won't / am unable to help|assist (with that|your request|...)'",
    ),
    RegexRule(
        "cannot_provide", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:provide|give|offer|share|supply|disclose|reveal)(?: you)?(?: with)? "
        r"(?:(?:any|specific|detailed|further|more|such|personal|medical|legal|financial|the requested|that kind of|"
        r"this kind of|that type of|this type of)\s+)*(?:information|assistance|guidance|instructions|advice|help|"
        r"details|support|content|response|answer|that|this|it|such|links?|resources|steps|tips|"
        r"a (?:response|answer|guide|tutorial|list|link))\b",
        doc="'I cannot provide (any) information|assistance|guidance|instructions|that ...'",
    ),
    RegexRule(
        "cannot_fulfill", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:fulfill|fulfil|comply with|complete|honor|honour|process|accommodate|grant|carry out|"
        r"perform|execute|follow|accept|entertain|respond to|answer)(?: (?:your|this|that|the|such an?|such|these|"
        r"those))? " + _REQUEST_NOUN + r"\b"
        r"|i (?:cannot|can ?not|can't|won't|will not) (?:do|comply with) (?:that|this|it|so)\s*(?:[.!]|$)",
        doc="'I cannot fulfill|comply with your request', 'I won't do that.'",
    ),
    RegexRule(
        "cannot_create", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:create|generate|write|produce|compose|draft|craft|make|develop|design|build)"
        r"(?: you)? (?:(?:that|this|it|such)\b(?! (?:function|code|file|program|script|query|without|until|unless|"
        r"because|in|using|with|for|yet|right|now|directly|here)\b)"
        r"|(?:an? |any |the |this |that |such )?(?:kind of |type of |sort of )?(?:" + _BAD_ADJ + r"|content|material)\b"
        r"|(?:an? |any |the )?(?:[\w-]+ ){0,3}(?:content|material|story|stories|joke|jokes|essay|poem|article|lyrics|"
        r"message|speech|post|tweet|review|malware|virus|exploit|keylogger|ransomware|phishing)\s+(?:that|which|"
        r"promoting|glorifying|containing|involving|depicting|targeting|mocking|designed to|intended to)\b)",
        doc="'I can't write|generate that', '... explicit content', '... a story that glorifies ...'",
    ),
    RegexRule(
        "cannot_engage", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:(?:engage|participate|take part|partake|be involved|get involved|indulge)(?: in| with)\b"
        r"|(?:discuss|roleplay|role-play|role play|pretend|play along|go along with|speculate about|continue "
        r"(?:this|with this|the|that|our|with that))\b)",
        doc="'I can't engage in|participate in|discuss|roleplay ...'",
    ),
    RegexRule(
        "cannot_condone", "moralizing", ("condone", "endorse", "encourage", "promote", "glorify", "advocate", "facilitate"),
        r"i(?: cannot| can ?not| can't| won't| will not| do not| don't| would never| never| refuse to| am not going to|"
        r"'m not going to) (?:condone|endorse|encourage|promote|glorify|advocate for|advocate|facilitate|"
        r"support (?:or|and) (?:condone|encourage|promote|endorse))\b(?: (?:or|and) \w+)?(?: (?:any|such|this|that|the|"
        r"these|those))?(?: [\w-]+){0,2}? (?:behaviou?r|activities|activity|actions|violence|hate|harm|discrimination|"
        r"illegal|unethical|harmful|dangerous|hateful|crimes?|criminal|cheating|plagiarism|self-harm|drugs?|weapons|"
        r"hacking|practices|content|that|this|such|it)\b",
        search=True,
        doc="'I do not condone|encourage|promote (such behavior|violence|...)'",
    ),
    RegexRule(
        "not_comfortable", "refusal",
        ("i'm not comfortable", "i am not comfortable", "i do not feel comfortable", "i don't feel comfortable",
         "i'd prefer not", "i would prefer not", "i'd rather not", "i would rather not", "i'm not willing",
         "i am not willing", "i'm not going", "i am not going"),
        r"i(?:'m| am) not comfortable (?:(?:doing|writing|generating|creating|providing|helping|assisting|engaging|"
        r"discussing|continuing|responding|producing|sharing|roleplaying|role-playing|pretending|going)\b|with "
        r"(?:that|this|it|the (?:idea|request|premise|topic)|such|these|those|\w+ing)\b)"
        r"|i (?:do not|don't) feel comfortable (?:\w+ing|with)\b"
        r"|i(?:'d| would) (?:prefer|rather) not (?:to )?(?:write|generate|create|engage|discuss|continue|help|assist|"
        r"provide|answer|go into|speculate|roleplay|role-play|get into|produce|share|participate|comment)\b"
        r"|i(?:'m| am) not (?:willing|going) to (?:write|generate|create|engage|discuss|continue|help|assist|provide|"
        r"produce|share|participate|roleplay|role-play|pretend)\b",
        doc="'I'm not comfortable writing ...', 'I'd prefer not to ...' (Claude-style refusals)",
    ),
    RegexRule(
        "not_appropriate", "refusal", ("appropriate", "ethical", "acceptable", "responsible", "inappropriate", "unethical", "irresponsible"),
        r"(?:it(?: is|'s) (?:not|never)|it (?:would not|wouldn't) be) (?:appropriate|ethical|acceptable|responsible)"
        r"(?: (?:or|and|nor) \w+)?(?: for (?:me|you|anyone|us|an ai))? to\b(?! " + _TECH_VERBS + r"\b)"
        r"|it (?:would be|is|'s) (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? for (?:me|an ai) to\b"
        r"|it would be (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? to\b(?! " + _TECH_VERBS + r"\b)",
        anchored=True,
        search=True,
        doc="'It is not (appropriate|ethical) (for me) to ...' at the start of a sentence",
    ),
    RegexRule(
        "against_policy", "refusal",
        ("against my", "violate my", "violates my", "violating my", "violation of my", "contrary to my",
         "conflicts with my", "conflict with my", "conflict with the", "conflicts with the", "against the usage",
         "against the content", "violate the usage", "violates the usage", "violate the content", "against openai", "violate openai", "violates openai",
         "violation of openai", "against the openai"),
        r"(?:against|violat(?:e|es|ing|ion of)|contrary to|conflicts? with)(?: the)? (?:(?:my|openai's|openai|"
        r"anthropic's)(?: [\w-]+){0,2}? (?:programming|guidelines|policies|policy|principles|directives|design|"
        r"use case policy|usage policies)\b|(?:usage|content|safety) (?:guidelines|policies|policy) i (?:follow|"
        r"operate under|am bound by|'m bound by)\b)",
        doc="'against my programming|guidelines', 'violates OpenAI's content policy'",
    ),
    RegexRule(
        "moral_warning", "moralizing",
        ("i must emphasize", "i must stress", "i must remind", "i must point out", "i must caution", "i must warn",
         "i must inform", "i must note", "i must clarify", "i feel obligated", "i feel compelled", "i have to remind",
         "i have to point out", "i want to remind", "i would like to remind", "i'd like to remind",
         "i should remind", "i should point out", "i want to gently", "i'd like to gently", "i must gently"),
        r"i(?: must| have to| want to| would like to|'d like to| should| feel obligated to| feel compelled to) "
        r"(?:gently |respectfully )?(?:emphasize|stress|remind you|remind|point out|caution you|caution|warn you|"
        r"inform you|note|clarify)"
        r"(?: that)?[^.!?\n]{0,80}?\b(?:unethical|immoral|inappropriate|offensive|disrespectful|respectful|ethical|"
        r"morally|consent|illegal|hurtful|honesty|fairness|dignity|hurt (?:others|someone|people)|"
        r"not (?:appropriate|acceptable|okay)|harmful (?:stereotypes|content|behaviou?r))\b",
        doc="'I must remind you that ... (unethical|illegal|respectful ...)' (Llama-2-chat moralizing)",
    ),
    RegexRule(
        "must_decline", "refusal",
        ("i must refuse", "i must decline", "i must respectfully", "i must politely", "i must kindly", "i have to refuse", "i have to decline",
         "i need to decline", "i need to refuse", "i will have to", "i'll have to", "i'm going to have to",
         "i am going to have to", "i'm afraid i must", "i am afraid i must", "i'm programmed to decline",
         "i am programmed to decline"),
        r"i(?:'m afraid i| am afraid i)?(?: must| have to| need to| will have to|'ll have to|'m going to have to|"
        r" am going to have to|'m programmed to| am programmed to) (?:respectfully |politely |kindly )?"
        r"(?:refuse|decline)\b(?! (?:the|your) (?:invitation|offer|call|meeting|position|job)\b)",
        anchored=True,
        doc="'I must refuse / have to decline (to ...)', 'I'm programmed to decline requests ...'",
    ),
    RegexRule(
        "cannot_request", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:share|draft|outline|compose|supply|put together|come up with|walk you through|"
        r"explain how to|tell you how to|show you how to|teach you how to|detail)(?: you)? (?:a|an|the|any|some|"
        r"instructions|directions|details|tips|steps|methods?|ways?|guidance|information|content|advice|"
        r"strategies|tricks|code for|recipes?)\b",
        anchored=True,
        doc="'I can't share|outline|supply|put together a ...' at the start of a sentence",
    ),
    RegexRule(
        "not_something_i", "refusal",
        ("not something i", "n't something i", "n’t something i"),
        r"(?:not|n't) something i(?: can| could| will| am willing to|'m willing to| am able to|'m able to|"
        r" feel comfortable| am comfortable|'m comfortable)(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b",
        doc="'That's not something I can help with / I'm willing to do'",
    ),
    RegexRule(
        "moral_respect", "moralizing",
        ("everyone deserves", "every person deserves", "every individual deserves", "everybody deserves",
         "all people deserve"),
        r"(?:everyone|every person|every individual|everybody|all people) deserves? (?:to be treated with |"
        r"to have their )?(?:respect|dignity|kindness|safety|privacy)\b",
        anchored=True,
        doc="'Everyone deserves respect / to be treated with dignity' (a lecture appended to an answer)",
    ),
    *EXTRA_RULES,
)
