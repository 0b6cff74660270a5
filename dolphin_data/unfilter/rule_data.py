"""Rule DATA of the unfilter: ``RegexRule`` and the seed families of named regex rules (first-person declines, AI
identity, policy talk, Llama-2-style warnings); ``rule_data_acts.py`` adds the behaviours the seed lists missed and
the multilingual rules, and holds ``REGEX_RULES`` (all of them, in order). The matching engine is ``rules.py``.

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
    # a whole-reply rule: the reply (short prose, no code or list) is a refusal when EVERY prose sentence matches
    # ``pattern`` (searched), at least one matches ``whole`` and there are at least ``min_sentences``; every ``whole``
    # match must contain a trigger (``whole`` is searched only in the sentences around trigger occurrences)
    whole: str = ""
    min_sentences: int = 1
    whole_share: float = 1.0  # < 1: that share of the sentences, the rest no instruction (``share.mostly_lectures``)
    share_units: bool = False  # ... of the sentences and list items matching ``pattern`` (``share.mostly_units``)
    # > 0: the rule can only match replies up to this many characters (its triggers flag only those: ``rules.SHORT``)
    max_chars: int = 0
    # the match must sit in the reply's first sentence after greetings, thanks, exclamations or a bare denial at most
    # (``text.opening_head``: "What a fun idea! Instead, how about ..."); an anchored rule's match must start it

    opening: bool = False
    # nothing after the match instructs: a short prose reply whose later sentences give no step or advice of their
    # own (``text.unanswered_after``: "Sneaking in is a form of theft. Staff rely on ticket sales.")
    unanswered: bool = False
    # the match starts in the reply's first ``text.EARLY_SENTENCES`` sentences, before any list, table or code
    # (``text.early``: "I'm sorry your fish is unwell. Rather than attempting it yourself, I'd encourage you to ...")
    early: bool = False
    # only greetings, thanks, sympathy or concern precede the match (``text.sympathy_only``: "This really concerns me.
    # An adult crafting messages to win a child's trust is how grooming starts.")
    after_sympathy: bool = False
    # a generic shape: it counts only in a reply where no other rule found a refusal (a specific rule names it first)
    fallback: bool = False


def keys_of(joined: str) -> tuple[str, ...]:
    """Trigger keys written as one "|"-separated string (a long key list stays a few lines)."""
    return tuple(joined.split("|"))


# -- regex rules ----------------------------------------------------------------------------------------------------

# "I" + a refusing modal, and the literal triggers that start it.
# (each alternative carries its own leading space or apostrophe: "i cannot", "i'm unable to")
_NEG_ALTS = (
    r" cannot| can ?not| can't| won't| will not| am unable to|'m unable to| am not able to|'m not able to|"
    r" am not going to|'m not going to| must decline to| must refuse to| refuse to| will have to decline to|"
    r" won't be able to| will not be able to| am not in a position to|'m not in a position to"
)
_NEG = r"(?:" + _NEG_ALTS + r")"
# fmt: off
_NEG_TRIGGERS = (
    "i cannot", "i can not", "i cannot", "i can't", "i won't", "i will not", "i am unable", "i'm unable",
    "i am not able", "i'm not able", "i am not going", "i'm not going", "i must decline", "i must refuse", "i refuse",
    "i will have to decline", "i am not in a position", "i'm not in a position",
)
# fmt: on
# "I can't give (you) medical/legal/financial advice" is a professional-advice disclaimer (boilerplate that usually
# precedes an answer: rule_data_acts.no_professional_advice), not a refusal of what was asked
_PRO_DOMAIN = r"(?:medical|legal|financial|tax|investment|health|mental health|professional|psychological|clinical)"
_NO_PRO_ADVICE = (
    r"(?!(?:(?:any|specific|personali[sz]ed|individuali[sz]ed|professional|personal|formal|official)\s+)*"
    + _PRO_DOMAIN
    + r" (?:advice|diagnos[ie]s|opinions?|counsel(?:ing|ling)?|recommendations?)\b)"
)
# verbs that, after "I can't / I won't", ask for the thing requested (a refusal), not for a capability
_REQUEST_VERBS = (
    r"(?:help|assist|provide|fulfill|fulfil|comply|create|generate|write|produce|engage|answer|respond|continue|"
    r"complete|share|give|support|participate|discuss|advise|weigh in|make fun|mock|insult|roast|joke|translate|pretend|roleplay|"
    r"role-play|promote|encourage|condone|endorse|speculate|comment|draft|outline|compose|supply|put together|"
    r"come up with|walk you through|explain how to|tell you how to|show you how to|teach you how to|detail|"
    r"that|this)"
)
# what follows a declined verb that makes it a capability or scope limit, not a decline ("I can't provide
# real-time data", "I cannot write the entire program", "I can't give a definitive answer"): searched a few words ahead
NOT_A_LIMIT = (
    r"(?![^.!?\n]{0,50}?\b(?:real[- ]time|current (?:data|prices|events|information|weather|news)|live|up[- ]to[- ]date|"
    r"latest|the exact|an exact|exact (?:numbers?|figures?|amounts?|dates?|times?)|a definitive|definitive|precise|"
    r"accurate (?:numbers|figures|estimates?)|personal (?:opinions?|views?|beliefs?|experiences?|preferences?|"
    r"feelings?)|opinions?|feelings|(?:images?|pictures?|photos?|drawings?|files?|attachments?|downloads?|audio|"
    r"videos?)(?! (?:of|that|depicting|showing|involving|featuring|containing|with)\b)|"
    r"physical|in person|the (?:whole|entire|full|complete)|an? (?:whole|entire|full|complete)|all (?:of|the)|every "
    r"(?:single|possible)|more than|beyond|enough|too much|guarantees?|promises?|in (?:one|a single|this|a) "
    r"(?:response|reply|message|answer|chat|format)|in full|all at once|[\d,]+[- ]?(?:words?|pages?)|here|right now|"
    r"exactly|for (?:sure|certain)|with (?:certainty|confidence)|without (?:knowing|seeing|more|further|additional|"
    r"access|the (?:full|complete|actual|exact))|them all|all of them|every one|everything|specific (?:brands?|"
    r"products?|models?|compan(?:y|ies)|stocks?|providers?|vendors?|funds?)|which (?:one|is) (?:is )?(?:better|best))\b)"
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

# fmt: off
BASE_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "as_an_ai",
        "boilerplate",
        (
            "as an ai", "as an artificial", "as a language model", "as a large language", "as an llm",
            "as a text-based", "as a digital assistant", "as a virtual assistant", "as a responsible",
            "as an ethical", "as a helpful", "as a conversational", "as an honest", "as a machine",
        ),
        r"as an? (?:(?:responsible|ethical|helpful|honest|harmless|text-based|large|conversational|digital|virtual|"
        r"artificial|ai|machine|learning|and|,)\s*)*(?:ai|intelligence|language model|llm|assistant|chatbot|model)\b"
        r"[^.!?\n]{0,80}?\b(?:i|i'm|i've|i'd|me|my)\b",
        anchored=True,
        doc="'As an AI (language model|assistant), I ...' at the start of a sentence, followed by first person",
    ),
    RegexRule(
        "identity",
        "boilerplate",
        (
            "i'm just", "i am just", "i'm only", "i am only", "i'm merely", "i am merely", "i'm simply",
            "i am simply", "i'm an ai", "i am an ai", "i'm an artificial", "i am an artificial", "i'm a computer",
            "i am a computer", "i'm a language", "i am a language", "i'm a large", "i am a large", "i'm a machine",
            "i am a machine", "i'm a virtual", "i am a virtual", "i'm a chatbot", "i am a chatbot",
            "i'm a text-based", "i am a text-based", "i'm a digital", "i am a digital", "i'm not a human",
            "i am not a human", "i'm not a person", "i am not a person", "i'm not a real", "i am not a real",
        ),
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
        "ai_no_feelings",
        "boilerplate",
        (
            "i don't have", "i do not have", "i don't possess", "i do not possess", "i don't experience",
            "i do not experience", "i'm not capable of", "i am not capable of", "i'm incapable of",
            "i am incapable of", "i cannot have", "i can't have", "i don't form", "i do not form",
        ),
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
        "apology_refusal",
        "refusal",
        (
            "i'm sorry", "i am sorry", "i apologize", "i apologise", "my apologies", "sorry,", "sorry but",
            "unfortunately,", "unfortunately i", "regrettably,", "i regret to inform", "i'm afraid i",
            "i am afraid i",
        ),
        r"(?:i'm sorry|i am sorry|i apologi[sz]e|my apologies|sorry|unfortunately|regrettably|"
        r"i regret to inform you(?: that)?|i'm afraid(?= i)|i am afraid(?= i))"
        r"(?: for (?:any|the) (?:confusion|inconvenience))?,?(?: but)?,? "
        r"(?:i(?:" + _NEG_ALTS + r"| won't be able to| will not be able to| am not allowed to|'m not allowed to|"
        r"'m afraid i (?:can't|cannot|won't))|(?:that's|that is|this is) not something i (?:can|will|am able to))"
        r"(?:(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b" + NOT_A_LIMIT + r"|[^.!?\n]{0,60}?\b" + _BAD_ADJ + r"\b)",
        anchored=True,
        doc="'I'm sorry, but I can't <help|provide|write|...>' (an apology that opens a refusal; not before a capability "
        "or scope limit: 'Sorry, I can't provide real-time prices')",
    ),
    RegexRule(
        "cannot_assist",
        "refusal",
        _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:help|assist)(?: you)?(?:(?: with| in| on)? (?:that|this|it|these|those|such|any|anything|"
        r"your|the (?:request|task|question|above)|requests?|creating|writing|generating|providing|making|producing|"
        r"finding|obtaining|planning|building|developing|hacking)\b|\s*[.!;]|\s*$)",
        doc="'I can't / won't / am unable to help|assist (with that|your request|...)'",
    ),
    RegexRule(
        "cannot_provide",
        "refusal",
        _NEG_TRIGGERS,
        r"i"
        + _NEG
        + r" (?:provide|give|offer|share|supply|disclose|reveal)(?: you)?(?: with)? "
        + _NO_PRO_ADVICE
        + r"(?:(?:any|specific|detailed|further|more|such|personal|medical|legal|financial|the requested|that kind of|"
        r"this kind of|that type of|this type of)\s+)*(?:information|assistance|guidance|instructions|advice|help|"
        r"details|support|content|response|answer|that|this|it|such|links?|resources|steps|tips|"
        r"a (?:response|answer|guide|tutorial|list|link))\b",
        doc="'I cannot provide (any) information|assistance|guidance|instructions|that ...'",
    ),
    RegexRule(
        "cannot_fulfill",
        "refusal",
        _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:fulfill|fulfil|comply with|complete|honor|honour|process|accommodate|grant|carry out|"
        r"perform|execute|follow|accept|entertain|respond to|answer)(?: (?:your|this|that|the|such an?|such|these|"
        r"those))? " + _REQUEST_NOUN + r"\b"
        r"|i (?:cannot|can ?not|can't|won't|will not) (?:do|comply with) (?:that|this|it|so)\s*(?:[.!]|$)",
        doc="'I cannot fulfill|comply with your request', 'I won't do that.'",
    ),
    RegexRule(
        "cannot_create",
        "refusal",
        _NEG_TRIGGERS,
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
        "cannot_engage",
        "refusal",
        _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:(?:engage|participate|take part|partake|be involved|get involved|indulge)(?: in| with)\b"
        r"|(?:discuss|roleplay|role-play|role play|pretend|play along|go along with|speculate about|continue "
        r"(?:this|with this|the|that|our|with that))\b)",
        doc="'I can't engage in|participate in|discuss|roleplay ...'",
    ),
    RegexRule(
        "cannot_condone",
        "moralizing",
        ("condone", "endorse", "encourage", "promote", "glorify", "advocate", "facilitate"),
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
        "not_comfortable",
        "refusal",
        (
            "i'm not comfortable", "i am not comfortable", "i do not feel comfortable", "i don't feel comfortable",
            "i'm really not", "i am really not", "i'm just not", "i am just not", "i'm honestly not",
            "i am honestly not", "i'm simply not", "i am simply not", "i'd prefer not", "i would prefer not",
            "i'd rather not", "i would rather not", "i'm not willing", "i am not willing", "i'm not going",
            "i am not going",
        ),
        r"i(?:'m| am) (?:really |just |honestly |simply )?not comfortable (?:(?:doing|writing|generating|creating|providing|helping|assisting|engaging|"
        r"discussing|continuing|responding|producing|sharing|roleplaying|role-playing|pretending|going)\b|with "
        r"(?:that|this|it|the (?:idea|request|premise|topic)|such|these|those|\w+ing)\b)"
        r"|i (?:do not|don't) feel comfortable (?:\w+ing|with)\b"
        r"|i(?:'d| would) (?:prefer|rather) not (?:to )?(?:write|generate|create|engage|discuss|continue|help|assist|"
        r"provide|answer|go into|speculate|roleplay|role-play|get into|produce|share|participate|comment)\b"
        r"|i(?:'m| am) (?:really |just |honestly |simply )?not (?:willing|going) to (?:write|generate|create|engage|discuss|continue|help|assist|provide|"
        r"produce|share|participate|roleplay|role-play|pretend)\b",
        doc="'I'm not comfortable writing ...', 'I'd prefer not to ...' (Claude-style refusals)",
    ),
    RegexRule(
        "not_appropriate",
        "refusal",
        ("appropriate", "ethical", "acceptable", "responsible", "inappropriate", "unethical", "irresponsible"),
        r"(?:it(?: is|'s) (?:not|never)|it (?:would not|wouldn't) be) (?:appropriate|ethical|acceptable|responsible)"
        r"(?: (?:or|and|nor) \w+)?(?: for (?:me|you|anyone|us|an ai))? to\b(?! " + _TECH_VERBS + r"\b)"
        r"|it (?:would be|is|'s) (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? for (?:me|an ai) to\b"
        r"|it would be (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? to\b(?! " + _TECH_VERBS + r"\b)",
        anchored=True,
        search=True,
        doc="'It is not (appropriate|ethical) (for me) to ...' at the start of a sentence",
    ),
    RegexRule(
        "against_policy",
        "refusal",
        (
            "against my", "violate my", "violates my", "violating my", "violation of my", "contrary to my",
            "conflicts with my", "conflict with my", "conflict with the", "conflicts with the", "against the usage",
            "against the content", "violate the usage", "violates the usage", "violate the content", "against openai",
            "violate openai", "violates openai", "violation of openai", "against the openai",
        ),
        r"(?:against|violat(?:e|es|ing|ion of)|contrary to|conflicts? with)(?: the)? (?:(?:my|openai's|openai|"
        r"anthropic's)(?: [\w-]+){0,2}? (?:programming|guidelines|policies|policy|principles|directives|design|"
        r"use case policy|usage policies)\b|(?:usage|content|safety) (?:guidelines|policies|policy) i (?:follow|"
        r"operate under|am bound by|'m bound by)\b)",
        doc="'against my programming|guidelines', 'violates OpenAI's content policy'",
    ),
    RegexRule(
        "moral_warning",
        "moralizing",
        (
            "i must emphasize", "i must stress", "i must remind", "i must point out", "i must caution", "i must warn",
            "i must inform", "i must note", "i must clarify", "i feel obligated", "i feel compelled",
            "i have to remind", "i have to point out", "i want to remind", "i would like to remind",
            "i'd like to remind", "i should remind", "i should point out", "i want to gently", "i'd like to gently",
            "i must gently",
        ),
        r"i(?: must| have to| want to| would like to|'d like to| should| feel obligated to| feel compelled to) "
        r"(?:gently |respectfully )?(?:emphasize|stress|remind you|remind|point out|caution you|caution|warn you|"
        r"inform you|note|clarify)"
        r"(?: that)?[^.!?\n]{0,80}?\b(?:unethical|immoral|inappropriate|offensive|disrespectful|respectful|ethical|"
        r"morally|consent|illegal|hurtful|honesty|fairness|dignity|hurt (?:others|someone|people)|"
        r"not (?:appropriate|acceptable|okay)|harmful (?:stereotypes|content|behaviou?r))\b",
        doc="'I must remind you that ... (unethical|illegal|respectful ...)' (Llama-2-chat moralizing)",
    ),
    RegexRule(
        "must_decline",
        "refusal",
        (
            "i must refuse", "i must decline", "i must respectfully", "i must politely", "i must kindly",
            "i have to refuse", "i have to decline", "i need to decline", "i need to refuse", "i will have to",
            "i'll have to", "i'm going to have to", "i am going to have to", "i'm afraid i must",
            "i am afraid i must", "i'm programmed to decline", "i am programmed to decline",
        ),
        r"i(?:'m afraid i| am afraid i)?(?: must| have to| need to| will have to|'ll have to|'m going to have to|"
        r" am going to have to|'m programmed to| am programmed to) (?:respectfully |politely |kindly )?"
        r"(?:refuse|decline)\b(?! (?:the|your) (?:invitation|offer|call|meeting|position|job)\b)",
        anchored=True,
        doc="'I must refuse / have to decline (to ...)', 'I'm programmed to decline requests ...'",
    ),
    RegexRule(
        "cannot_request",
        "refusal",
        _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:share|draft|outline|compose|supply|put together|come up with|walk you through|"
        r"explain how to|tell you how to|show you how to|teach you how to|detail)(?: you)? (?:a|an|the|any|some|"
        r"instructions|directions|details|tips|steps|methods?|ways?|guidance|information|content|advice|"
        r"strategies|tricks|code for|recipes?)\b",
        anchored=True,
        doc="'I can't share|outline|supply|put together a ...' at the start of a sentence",
    ),
    RegexRule(
        "not_something_i",
        "refusal",
        ("not something i", "n't something i", "n’t something i"),
        r"(?:not|n't) something i(?: can| could| will| am willing to|'m willing to| am able to|'m able to|"
        r" feel comfortable| am comfortable|'m comfortable)(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b",
        doc="'That's not something I can help with / I'm willing to do'",
    ),
    RegexRule(
        "moral_respect",
        "moralizing",
        (
            "everyone deserves",
            "every person deserves",
            "every individual deserves",
            "everybody deserves",
            "all people deserve",
        ),
        r"(?:everyone|every person|every individual|everybody|all people) deserves? (?:to be treated with |"
        r"to have their )?(?:respect|dignity|kindness|safety|privacy)\b",
        anchored=True,
        doc="'Everyone deserves respect / to be treated with dignity' (a lecture appended to an answer)",
    ),
)
# fmt: on
