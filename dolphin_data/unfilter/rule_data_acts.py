"""Rule DATA, part 2: behaviours the seed lists missed (redirect, privacy, premise rejection, capability and
professional disclaimers, knowledge cutoff, legal/ethical caveats, moral lectures). ``REGEX_RULES`` is every rule in matching order (``rule_data.BASE_RULES`` first, then these,
``rule_data_intl.INTL_RULES``, ``rule_data_more.MORE_RULES``, ``rule_data_v4.V4_RULES``, ``rule_data_v5.V5_RULES``, ``rule_data_v6.V6_RULES``, ``rule_data_v6_intl.V6_INTL_RULES``, ``rule_data_v7.V7_RULES``, ``rule_data_v7_intl.V7_INTL_RULES`` and
``rule_data_v8_intl.V8_INTL_RULES``, ``rule_data_v8.V8_RULES``, ``rule_data_v9.V9_RULES``, ``rule_data_v10.V10_RULES``, ``rule_data_v11.V11_RULES`` ``rule_data_v12_intl.V12_INTL_RULES``, ``rule_data_v13_intl.V13_INTL_RULES`` and ``rule_data_v13.V13_RULES`` last)."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import _PRO_DOMAIN, BASE_RULES, RegexRule
from dolphin_data.unfilter.rule_data_intl import INTL_RULES
from dolphin_data.unfilter.rule_data_more import MORE_RULES
from dolphin_data.unfilter.rule_data_v4 import V4_RULES
from dolphin_data.unfilter.rule_data_v5 import V5_RULES
from dolphin_data.unfilter.rule_data_v6 import V6_RULES
from dolphin_data.unfilter.rule_data_v6_intl import V6_INTL_RULES
from dolphin_data.unfilter.rule_data_v7 import V7_RULES
from dolphin_data.unfilter.rule_data_v7_intl import V7_INTL_RULES
from dolphin_data.unfilter.rule_data_v8 import V8_RULES
from dolphin_data.unfilter.rule_data_v8_intl import V8_INTL_RULES
from dolphin_data.unfilter.rule_data_v9 import V9_RULES
from dolphin_data.unfilter.rule_data_v10 import V10_RULES
from dolphin_data.unfilter.rule_data_v11 import V11_RULES
from dolphin_data.unfilter.rule_data_v12_intl import V12_INTL_RULES
from dolphin_data.unfilter.rule_data_v13 import V13_RULES
from dolphin_data.unfilter.rule_data_v13_intl import V13_INTL_RULES

# -- v2 rules: the behaviours the seed lists missed (redirect, privacy, premise, capability and professional
# disclaimers, legal/ethical caveats, multilingual refusals) -----------------------------------------------------------

_ETHIC = (
    r"(?:legal|legally|illegal|illegally|unlawful|law|laws|lawful|ethical|ethically|unethical|moral|morally|"
    r"responsible|responsibly|responsibility|respect|respectful|respectfully|consent|permission|authori[sz]ed|"
    r"authori[sz]ation|unauthori[sz]ed|privacy|dignity|malicious|harm others|hurt others)"
)
# fmt: off
_IMPORTANT = (
    "it's important", "it is important", "it's essential", "it is essential", "it's crucial", "it is crucial",
    "it's vital", "it is vital", "it's always", "it is always", "it's worth noting", "it is worth noting",
    "it's worth mentioning", "it is worth mentioning", "it's also important", "it is also important",
    "it's equally important", "it is equally important",
)
# fmt: on

# fmt: off
EXTRA_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "redirect",
        "refusal",
        (
            "instead, i", "instead i", "instead, we", "instead we", "i'd be happy to help",
            "i would be happy to help", "i'd be glad to help", "i would be glad to help", "i'm happy to help",
            "i am happy to help", "how about we", "perhaps we could", "maybe we could", "let's focus on",
            "let us focus on", "let's talk about something", "can i help you with something", "i can offer",
            "i could offer", "i can suggest", "i could suggest", "i can write", "i could write", "i can give",
            "i could give", "i can share", "i could share", "i can help", "i could help",
        ),
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
        "privacy",
        "refusal",
        (
            "personal information", "personal info", "personal details", "personal data", "personal address",
            "personal addresses", "personal number", "personal numbers", "private information", "private info",
            "private details", "private data", "private address", "private addresses", "private number",
            "private numbers", "contact information", "contact info", "contact details", "contact data",
            "contact address", "contact addresses", "contact number", "contact numbers", "home information",
            "home info", "home details", "home data", "home address", "home addresses", "home number", "home numbers",
            "residential information", "residential info", "residential details", "residential data",
            "residential address", "residential addresses", "residential number", "residential numbers",
            "phone information", "phone info", "phone details", "phone data", "phone address", "phone addresses",
            "phone number", "phone numbers", "email information", "email info", "email details", "email data",
            "email address", "email addresses", "email number", "email numbers", "identifying information",
            "identifying info", "identifying details", "identifying data", "identifying address",
            "identifying addresses", "identifying number", "identifying numbers", "someone's information",
            "someone's info", "someone's details", "someone's data", "someone's address", "someone's addresses",
            "someone's number", "someone's numbers",
        ),
        r"i(?: don't| do not| can't| cannot| won't| will not|'m unable to| am unable to|'m not able to| am not able to)"
        r"(?: have access to| access| provide| share| disclose| give out| give| look up| find| retrieve| search for)"
        r"[^.!?\n]{0,40}?\b(?:personal|private|contact|home|residential|phone|email|identifying|someone's)"
        r" (?:information|info|details|data|address(?:es)?|numbers?)\b",
        search=True,
        doc="'I can't share personal information / someone's home address' (privacy refusal)",
    ),
    RegexRule(
        "premise",
        "refusal",
        (
            "your question is based on", "your question contains", "your question relies on", "your question assumes",
            "your question implies", "your question perpetuates", "your question promotes",
            "your question reinforces", "this question is based on", "this question contains",
            "this question relies on", "this question assumes", "this question implies", "this question perpetuates",
            "this question promotes", "this question reinforces", "the question is based on", "the question contains",
            "the question relies on", "the question assumes", "the question implies", "the question perpetuates",
            "the question promotes", "the question reinforces", "the premise", "the assumption", "the idea that",
            "the notion that", "there is no", "there's no", "there are no",
        ),
        r"(?:there is|there's|there are) no (?:valid |good |legitimate |justifiable |rational |logical |acceptable |"
        r"moral |ethical )?(?:reason|justification|basis|grounds) (?:why|for (?:treating|excluding|denying|banning|"
        r"discriminating|believing)|to (?:believe|assume|think|suggest|treat|exclude|deny|ban|discriminate))\b"
        r"|the (?:premise|assumption)(?: of| in| behind) (?:your|this|the) question\b"
        r"|(?:your|this|the) question (?:is based on|contains|relies on|assumes|implies|perpetuates|promotes|"
        r"reinforces)(?: an?| the)? (?:harmful|false|incorrect|flawed|problematic|offensive|discriminatory|negative|"
        r"inaccurate|hurtful|unfounded|biased) "
        r"|the (?:idea|notion|assumption) that [^.!?\n]{0,80}? is (?:a )?(?:harmful|offensive|discriminatory|baseless|"
        r"unfounded) (?:stereotype|generalization|myth|assumption|misconception)\b",
        anchored=True,
        lead=True,
        doc="premise rejection that opens a reply: 'There is no reason why ...', 'The premise of your question ...'",
    ),
    RegexRule(
        "capability",
        "boilerplate",
        (
            "i don't", "i do not", "i can't", "i cannot", "i can not", "i'm unable", "i am unable", "i'm not able",
            "i am not able", "i'm not capable", "i am not capable",
        ),
        r"i(?: don't| do not| can't| cannot| can not|'m unable to| am unable to|'m not able to| am not able to|"
        r"'m not capable of| am not capable of)"
        r" (?:have (?:the (?:ability|capability|capacity) to|access to|real-time|internet|a physical|eyes|a body)|browse|browsing|access(?:ing)? "
        r"(?:the internet|the web|real-time|current|live|external|websites|links|urls|files|your)|search(?:ing)? the "
        r"(?:internet|web)|(?:execute|run|executing|running) (?:code|the code|programs|scripts)|see|view|hear|"
        r"(?:open|read|view|see) (?:images|pictures|photos|files|attachments|links|urls)|remember (?:past|previous)|"
        r"make (?:phone )?calls|send (?:emails|messages)|physically|(?:provide|give|offer|share|get|check|look up|"
        r"retrieve|fetch|pull up)(?: you)?(?: with)? (?:any |the )?(?:real[- ]time|live|up[- ]to[- ]the[- ]minute|"
        r"up[- ]to[- ]date|current|today's|the latest|latest)(?: \w+){0,2}? (?:information|data|updates?|prices?|"
        r"quotes?|scores?|results|news|weather|forecasts?|figures|numbers|rates|statistics|events|info)|(?:provide|give|"
        r"offer)(?: you)? (?:a |an |one )?(?:definitive|definite|exact|precise|single|one-size-fits-all|straightforward|"
        r"simple|clear-cut|universal) (?:answer|response|number|figure|estimate|amount|timeline)|(?:create|attach|send|"
        r"upload|generate|make|produce|draw|render|display|show you|share) (?:or (?:\w+ ){1,2})?(?:actual |real |physical )?"
        r"(?:files?|attachments?|images?|pictures?|photos?|drawings?|diagrams?|videos?|audio|spreadsheets?|documents?|"
        r"pdfs?|links?)(?= *(?:[,.;:!?\u2014-]|but\b|directly\b|here\b|for you\b|$)))\b",
        doc="capability disclaimers: 'I can't browse the internet / run code / see images / provide real-time data'",
    ),
    RegexRule(
        "not_a_professional",
        "boilerplate",
        ("i'm not a", "i am not a", "i'm not an", "i am not an"),
        r"i(?:'m| am) not an? (?:licensed |certified |qualified |medical |legal |financial |mental health )*"
        r"(?:doctor|physician|lawyer|attorney|medical professional|healthcare professional|financial advisor|"
        r"financial professional|therapist|legal professional|legal expert|medical expert|professional|"
        r"psychologist|counselor|pharmacist|nutritionist)\b",
        anchored=True,
        doc="'I'm not a doctor/lawyer, but ...' disclaimers",
    ),
    RegexRule(
        "no_professional_advice",
        "boilerplate",
        (
            "i can't", "i cannot", "i can not", "i'm unable", "i am unable", "i'm not able", "i am not able",
            "i'm not qualified", "i am not qualified", "while i can't", "while i cannot", "i'm not in a position",
            "i am not in a position",
        ),
        r"(?:while |although |though )?i(?: can't| cannot| can not|'m unable to| am unable to|'m not able to|"
        r" am not able to|'m not qualified to| am not qualified to|'m not in a position to| am not in a position to)"
        r" (?:provide|give|offer)(?: you)?(?: with)? "
        r"(?:(?:any|specific|personali[sz]ed|individuali[sz]ed|professional|personal|formal|official)\s+)*"
        + _PRO_DOMAIN
        + r" (?:advice|diagnos[ie]s|opinions?|counsel(?:ing|ling)?|recommendations?)\b",
        anchored=True,
        doc="'I can't give medical/legal/financial advice, but ...' disclaimers before an answer",
    ),
    RegexRule(
        "knowledge_cutoff",
        "boilerplate",
        (
            "as of my", "my knowledge", "my training", "my last", "i don't have real-time", "i do not have real-time",
            "i don't have current", "i do not have current", "i don't have up-to-date", "i do not have up-to-date",
        ),
        r"as of my (?:last|latest|most recent|final)? ?(?:knowledge |training )?(?:update|cutoff|cut-off|training|data)"
        r"|my (?:knowledge|training)(?: data)? (?:only )?(?:goes up to|extends to|is (?:limited to|current (?:up )?to)|"
        r"cutoff|cut-off|was last updated)"
        r"|i (?:don't|do not) have (?:real-time|current|up-to-date|live)(?: information| data| access)?",
        doc="knowledge-cutoff notes: 'As of my last update in 2021, ...'",
    ),
    RegexRule(
        "legal_caveat",
        "moralizing",
        _IMPORTANT,
        r"it(?:'s| is) (?:also |equally |always )?(?:important|essential|crucial|vital|worth noting|worth mentioning|"
        r"advisable|best|wise|a good idea)\b[^.!?\n]{0,90}?\b" + _ETHIC + r"\b",
        anchored=True,
        doc="'It's important to note that this should only be done legally / with permission / responsibly'",
    ),
    RegexRule(
        "use_responsibly",
        "moralizing",
        (
            "responsibly", "ethically", "legally", "only for legal", "only for legitimate", "only for ethical",
            "only for lawful", "only for educational", "educational purposes", "informational purposes",
            "research purposes", "academic purposes",
        ),
        r"(?:please )?use (?:this|these|the|it|them|such)(?: [\w-]+){0,3}? (?:responsibly|ethically|legally|wisely and "
        r"(?:ethically|legally|responsibly)|only for (?:legal|legitimate|ethical|lawful|educational))\b"
        r"|(?:this|the) (?:information|code|script|guide|answer|tool|content)(?: above)? (?:is|was) (?:provided |shared |"
        r"given )?(?:for|intended for|meant for) (?:educational|informational|research|academic) purposes(?: only)?\b",
        anchored=True,
        search=True,
        doc="'Please use this information responsibly', 'This is for educational purposes only'",
    ),
    RegexRule(
        "never_illegal",
        "moralizing",
        ("should never", "should only", "should not", "must never", "must only", "must not"),
        r"(?:should|must) (?:never|only|not) be (?:used|done|attempted|applied|performed|carried out)[^.!?\n]{0,50}?\b"
        r"(?:illegal|unlawful|malicious|harmful|unethical|unauthori[sz]ed|permission|consent|authori[sz]ation|legal|"
        r"ethical|lawful|legitimate)\b",
        doc="'This should never be used for illegal purposes'",
    ),
    RegexRule(
        "obtain_permission",
        "moralizing",
        ("permission", "consent", "authoriz", "authoris"),
        r"(?:always |please )?(?:obtain|get|ask for|seek|make sure (?:to|you)(?: have| get| obtain)?|be sure to "
        r"(?:get|obtain|have)|remember to (?:get|obtain|ask for)|ensure (?:that )?you(?: have| get| obtain)?) "
        r"(?:proper |explicit |written |prior |the (?:necessary |appropriate )?|appropriate |necessary )?"
        r"(?:permission|consent|authori[sz]ation)\b",
        anchored=True,
        search=True,
        doc="'Always obtain permission first', 'Make sure you have written authorization'",
    ),
    RegexRule(
        "remember_respect",
        "moralizing",
        (
            "remember that", "please remember", "keep in mind that", "bear in mind that", "please keep in mind",
            "please be mindful", "be mindful", "remember,", "let's remember", "we should all", "remember",
            "keep in mind", "bear in mind", "and remember",
        ),
        r"(?:please |let's |and )?(?:remember|keep in mind|bear in mind|be mindful|we should all)(?: that|,)?"
        r"[^.!?\n]{0,90}?\b(?:respect|respectful|consent|ethical|ethically|illegal|the law|responsib\w*|privacy|"
        r"dignity|kindness|hurtful|offensive|harmful to others|treat (?:others|everyone|people))\b",
        anchored=True,
        doc="'Remember that it's important to treat everyone with respect' (a lecture)",
    ),
    RegexRule(
        "redirect_lead",
        "refusal",
        ("instead of", "rather than"),
        r"(?:instead of|rather than) [^.!?\n]{1,80}?,? (?:how about|maybe we could|perhaps we could|we could|i can|"
        r"i could|i'd be happy to|i would be happy to|why don't we)\b",
        anchored=True,
        doc="a reply that opens by offering something else: 'Instead of X, maybe we could ...'",
    ),
    RegexRule(
        "decline_no",
        "refusal",
        (
            "my answer", "the answer here", "i have to say no", "off the table for me", "off-limits for me",
            "off limits for me", "not on the table for me", "i won't be", "i will not be", "i can't go",
            "i cannot go", "i won't go", "i will not go", "i am not able to go", "i'm not able to go",
            "i am unable to go", "i'm unable to go", "i can't get", "i cannot get", "i can't delve", "i cannot delve",
            "i need to say no", "i must say no", "i'll have to say no", "i need to stop", "i have to stop",
            "i must stop", "i'm going to stop", "i am going to stop",
        ),
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
        "premise_group",
        "refusal",
        ("no group", "no race", "no gender", "no religion", "no ethnicity", "no nationality"),
        r"no (?:group|race|gender|religion|ethnicity|nationality)(?: of people)? (?:is|are) (?:inherently|naturally|"
        r"genetically|innately)\b",
        anchored=True,
        doc="'No group of people is inherently ...' (premise rejection about a group)",
    ),
    RegexRule(
        "moral_statement",
        "moralizing",
        (
            "it's never", "it is never", "be hurtful", "be deeply hurtful", "be very hurtful", "be really hurtful",
            "be offensive", "be disrespectful", "be deeply offensive", "cause lasting harm", "cause real harm",
            "cause harm to others", "lasting harm", "emotional harm", "respect and", "kindness and", "honesty and",
            "empathy and", "dignity and", "fairness and", "compassion and", "please consider how",
            "consider how your", "think about how your", "consider the impact", "consider the feelings",
            "consider multiple", "consider different", "consider all sides", "consider both sides",
            "consider all perspectives",
        ),
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
        "ai_no_feelings_intl",
        "boilerplate",
        (
            "no tengo", "je n'ai pas", "je n'ai aucun", "habe ich keine", "ich habe keine", "у меня нет", "я не имею",
            "не имею", "我没有", "我并没有", "個人的な", "意見は", "感情は", "感情が", "意見を",
        ),
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
        "decline_intl",
        "refusal",
        (
            "prefiero no", "je préfère ne pas", "je prefere ne pas", "ich muss diese", "ich muss ihre",
            "ich muss die", "nichts, wobei ich", "nichts, bei dem ich", "超出了我", "超出我", "не то, в чём я",
            "не то, в чем я", "не могу с этим",
        ),
        r"prefiero no (?:participar|responder|ayudar|hablar|escribir|entrar|proporcionar|dar)"
        r"|je pr[ée]f[èe]re ne pas (?:m'engager|répondre|aider|écrire|entrer|participer|fournir|donner)"
        r"|ich muss (?:diese|ihre|die|deine) (?:anfrage|bitte|aufgabe) ablehnen"
        r"|nichts, (?:wobei|bei dem) ich (?:helfen|behilflich sein) kann"
        r"|超出(?:了)?我(?:能|可以|所能)"
        r"|не то, в ч[её]м я (?:могу|могла бы|мог бы) помочь|не могу с этим помочь",
        doc="more es/fr/de/zh/ru declines ('Prefiero no ...', 'Ich muss diese Anfrage ablehnen', '超出了我能...')",
    ),
)
# fmt: on


REGEX_RULES: tuple[RegexRule, ...] = (
    *BASE_RULES,
    *EXTRA_RULES,
    *INTL_RULES,
    *MORE_RULES,
    *V4_RULES,
    *V5_RULES,
    *V6_RULES,
    *V6_INTL_RULES,
    *V7_RULES,
    *V7_INTL_RULES,
    *V8_INTL_RULES,
    *V8_RULES,
    *V9_RULES,
    *V10_RULES,
    *V11_RULES,
    *V12_INTL_RULES,
    *V13_INTL_RULES,
    *V13_RULES,
)
