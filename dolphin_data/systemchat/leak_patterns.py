"""Rule data of the leak family (the matching code is ``leak.py``): what a reference to the system message looks
like, what makes it the assistant's own, when the user asked, and what context gives "system message" another sense.

Patterns are Python regex sources, matched case-insensitively. They describe grammatical *behaviours*, not
phrasings: a determiner (modern or archaic) before a system-message noun; a first-person possessive before an
instruction noun with an anchor (a preposition such as "according to" or a verb such as "says"); a first-person
passive ("I have been instructed to"); instructions "I was given". Word lists are the open classes those
behaviours draw from.
"""

from __future__ import annotations

AP = "['\u2019]"  # ASCII or typographic apostrophe
I_AM = rf"I(?:{AP}ve\s+been|\s+have\s+been|\s+had\s+been|{AP}d\s+been|\s+was|\s+were|\s+am|{AP}m)"
I_HAVE = rf"I(?:{AP}ve|\s+have|{AP}d|\s+had)"  # contractions attach to "I" without a space: "I've", "I'd"
YOU_ARE = rf"you(?:{AP}re|\s+are)"
YOU_HAVE_BEEN = rf"you(?:{AP}ve\s+been|\s+have\s+been|\s+had\s+been|{AP}d\s+been|\s+were)"

# --- nouns -------------------------------------------------------------------------------------------------------

# "system message", "system-prompt", "sys prompt", "system instructions", ...; never plural message/prompt
# ("system messages" in a log are not *the* system message), and not the first word of a compound noun.
COMPOUND = (
    r"(?!\s*(?:bus|queue|queues|log|logs|box|boxes|area|tray|bar|window|windows|buffer|loop|handler|id|ids|type|"
    r"class|string|variable|field|parameter|argument|template|templates|token|tokens|format|object|dialog|center|"
    r"centre|set|pointer|register|cache|call|calls|level|file|files|service|server|pump|broker|header|column|key|"
    r"slot|role|engineering|design|writing|library|examples?|generator|injection|banner|popups?|pop-ups?|alerts?|"
    r"notifications?|dialogs?|icon|sound|tone)\b)"
)
SYS_NOUN = (
    r"sys(?:tem)?(?:[ \t_-]*level)?[ \t_-]*(?:message|prompt|msg|instructions?|directives?|guidelines?|note|persona|"
    r"preamble)\b" + COMPOUND
)
# what a first-person possessive makes the assistant's configuration: "my instructions", "my programming"
INSTR_NOUN = (
    r"(?:instructions|instruction\s+set|directives?|guidelines|programming|configuration|config|setup|set-up|"
    r"prompt|briefing|pre-?prompt|initial\s+prompt|original\s+prompt)"
)
# adjectives that may stand between a determiner and the noun ("the above system prompt")
ADJ = (
    r"(?:(?:current|given|initial|original|above|above-mentioned|provided|earlier|previous|hidden|secret|specific|"
    r"first|same|entire|whole|full|actual|very|exact|default|custom|special|aforementioned|preceding|said|last|"
    r"latest|assigned|underlying|mentioned|stated|explicit|strict|new|starting|opening|base|invisible|internal|"
    r"private|attached|included|accompanying|prior|foregoing|present|governing|own|aforesaid)\s+){0,2}"
)
# ... and before a first-person instruction noun: not those that point back at the assistant's own earlier words
# ("my previous instructions", "my instructions above" are advice it gave, not its configuration)
ADJ_OWN = (
    r"(?:(?:current|given|initial|original|hidden|secret|specific|actual|exact|default|custom|special|underlying|"
    r"explicit|strict|starting|opening|base|internal|private|core|standing|operating|own)\s+){0,2}"
)
NOT_ADVICE = (  # what follows "my instructions" when they are advice: "... above", "... for the cake", ", you"
    r"(?!\s*(?:above|below|earlier|before|here|again|for|on|about|regarding|of|to\s+you|,?\s*you\b))"
)
# what the assistant was instructed to do, when the instruction is about how it talks (not a role-play errand)
BEHAVIOUR_VERB = (
    r"(?:respond|reply|answer|speak|talk|write|use|avoid|discuss|provide|give|help|assist|stay|act|be|behave|"
    r"pretend|refer|mention|follow|focus|limit|keep|include|format|greet|introduce|call|address|sign|end|start|"
    r"begin|refuse|decline|share|reveal|disclose|say|offer|suggest|recommend|encourage|maintain|remain|adopt|"
    r"play|role-?play|portray|treat|prioriti[sz]e|emphasi[sz]e|explain|describe|summari[sz]e|translate|"
    r"communicate|converse|engage|interact|add|append|mimic|imitate|sound|comply|adhere|obey|ensure|express|"
    r"present|phrase|structure|list|only|always|never|not|stick|answer|identify|present|represent|steer|"
    r"redirect|ask|tell|make|assume)"
)

# --- determiners and anchors -------------------------------------------------------------------------------------

STRONG_DET = r"(?:my|mine|thy|thine)"  # first person, or the archaic second person addressing the prompt's author
WEAK_DET = r"(?:the|this|that|yon|yonder|ye|your|our|said|such|its)"
PREP = (
    r"(?:according\s+to|as\s+per|per|in\s+line\s+with|in\s+accordance\s+with|in\s+keeping\s+with|pursuant\s+to|"
    r"in\s+compliance\s+with|consistent\s+with|following|based\s+on|because\s+of|due\s+to|owing\s+to|in|from|by|"
    r"within|under|as\s+(?:stated|specified|outlined|mentioned|described|indicated|instructed|directed|requested|"
    r"required|noted|set\s+out|laid\s+out|defined|given|bidden|commanded|decreed|written|dictated)\s+(?:in|by)|"
    r"(?:stated|specified|outlined|mentioned|described|given|provided|defined|set|written)\s+in)"
)
PREP_MY = (  # prepositions that make "my instructions" a reference to the assistant's own configuration
    r"(?:according\s+to|as\s+per|per|in\s+line\s+with|in\s+accordance\s+with|in\s+keeping\s+with|pursuant\s+to|"
    r"in\s+compliance\s+with|consistent\s+with|because\s+of|due\s+to|owing\s+to|as\s+(?:stated|specified|outlined|"
    r"mentioned|described|instructed|directed|set\s+out|laid\s+out|defined|noted|required|dictated|bidden|"
    r"commanded|decreed|written)\s+(?:in|by))"
)
# what an instruction does to its reader, in the third person (modern and archaic)
VERB_3P = (
    r"(?:say|says|said|saith|sayeth|state|states|stated|tell|tells|told|require|requires|required|ask|asks|asked|"
    r"specify|specifies|specified|indicate|indicates|direct|directs|instruct|instructs|prevent|prevents|forbid|"
    r"forbids|forbade|prohibit|prohibits|dictate|dictates|bid|bids|bade|biddeth|command|commands|commanded|"
    r"decree|decrees|compel|compels|oblige|obliges|want|wants|expect|expects|demand|demands|stipulate|stipulates|"
    r"mandate|mandates|limit|limits|restrict|restricts|mention|mentions|emphasi[sz]e|emphasi[sz]es|remind|reminds|"
    r"don" + AP + r"?t\s+allow|do\s+not\s+allow|only\s+allow|call\s+for|calls\s+for|are\s+to|is\s+to|were\s+to|"
    r"was\s+to|doth\s+\w+|hath\s+\w+|clearly\s+(?:say|state)|explicitly\s+(?:say|state))"
)
ADV = r"(?:(?:specifically|explicitly|strictly|clearly|expressly|firmly|kindly|also|already|previously|originally|initially|just)\s+)?"

# --- leak patterns: name -> (strong, prefix, core) ----------------------------------------------------------------
# The pattern is prefix + core. The core alone (loosened, see ``leak.rust_superset``) is what the polars prefilter
# looks for, so a prefix (a preposition before "the system message") never slows that pass down.
# A strong reference is the assistant's own configuration in any context; a weak one ("the system message") is a
# leak unless the context gives it another sense (``CONTEXT_WORDS``) or the words around it make it the
# assistant's own after all (``UPGRADE_AFTER`` / ``UPGRADE_BEFORE``).

LEAK_PATTERNS: dict[str, tuple[bool, str, str]] = {
    # "my system prompt", "mine system message", "thy system message", "my initial system instructions", "my system
    # settings"
    "my_system": (
        True,
        rf"\b(?:{PREP}\s+)?",
        rf"{STRONG_DET}\s+(?:own\s+)?{ADJ}(?:{SYS_NOUN}|"
        r"sys(?:tem)?[ \t_-]*(?:settings|configuration|config|setup|parameters)\b)",
    ),
    # "my initial prompt", "my pre-prompt", "mine original prompt"
    "my_prompt": (
        True,
        "",
        r"\b(?:my|mine)\s+(?:own\s+)?(?:initial|original|hidden|secret|pre-?|base|opening|starting|"
        r"underlying)\s*-?\s*prompt\b",
    ),
    # "according to my instructions", "as per my guidelines", "per my programming"
    "prep_my": (True, rf"\b{PREP_MY}\s+", rf"{STRONG_DET}\s+(?:own\s+)?{ADJ_OWN}{INSTR_NOUN}\b{NOT_ADVICE}"),
    # "my instructions say", "mine instructions doth bid", "my guidelines prevent", "my prompt tells"
    "my_says": (
        True,
        "",
        rf"\b{STRONG_DET}\s+(?:own\s+)?{ADJ_OWN}{INSTR_NOUN}(?:{AP}s?)?\s+{ADV}(?:(?:do|does|did|doth)\s+)?{VERB_3P}\b",
    ),
    # "the instructions I was given", "guidelines I've been provided", "the prompt given to me"
    "given_to_me": (
        True,
        "",
        rf"\b(?:instructions|directives|guidelines|prompt|rules|briefing)\s+(?:that\s+|which\s+)?"
        rf"(?:{I_AM}\s+{ADV}(?:given|provided|handed|issued|assigned|fed|sent)|"
        rf"(?:I|{I_HAVE})\s+{ADV}(?:received|got)|"
        rf"(?:given|provided|issued|assigned|handed|set|sent|fed)\s+(?:to|for)\s+me|"
        rf"I(?:\s+am|{AP}m)?\s+(?:operating|working)\s+under)\b",
    ),
    # "I have been instructed to respond", "I'm instructed not to discuss", "I am bidden to speak" (not "... to guard
    # the gate": an errand in a role-play is not the system prompt)
    "i_was_instructed": (
        True,
        "",
        rf"\b{I_AM}\s+{ADV}(?:instructed|directed|configured|briefed|bidden)\s+"
        rf"(?:to|not\s+to|so\s+as\s+to)\s+(?:(?:only|always|never|also|not)\s+)?{BEHAVIOUR_VERB}\b",
    ),
    # "I was told by my developers to", "I've been asked by the operator"
    "told_by": (
        True,
        "",
        rf"\b{I_AM}\s+{ADV}(?:instructed|told|asked|directed|configured|set\s+up|bidden|commanded)\s+"
        r"(?:\w{1,20}\s+){0,2}?by\s+(?:the|my|mine|this|whoever|those\s+who)\s+(?:\w{1,20}\s+)?(?:system|operators?|"
        r"developers?|creators?|admins?|administrators?|deployers?)\b"
        r"(?!\s+(?:administrator|admin|architect|engineer|designer|owner|analyst|of)\b)",
    ),
    # "I have a system prompt", "I was given a system message", "I received the system prompt"
    "have_system": (
        True,
        "",
        rf"\b(?:{I_HAVE}(?:\s+got)?|I\s+(?:got|received)|{I_AM}\s+(?:given|handed))\s+"
        rf"(?:a|an|the|this|some)\s+{ADJ}{SYS_NOUN}",
    ),
    # "the system told me to", "the system wants me to"
    "system_me": (
        True,
        "",
        r"\b(?:the|my|this)\s+system\s+(?:has\s+|had\s+|doth\s+|hath\s+)?(?:told|tells|instructed|"
        r"instructs|asked|asks|directed|directs|bids|bade|bid|wants|wanted|requires|required|"
        r"commands|commanded|forbids|forbade|prohibits|expects|ordered|orders)\s+me\b",
    ),
    # -- weak --
    # "the system message", "according to this system prompt", "your system message", "ye system note"
    "det_system": (False, rf"\b(?:{PREP}\s+)?", rf"{WEAK_DET}\s+{ADJ}{SYS_NOUN}"),
    # telegraphic "as per system message", "according to system prompt"
    "prep_system": (False, rf"\b{PREP}\s+", rf"{ADJ}{SYS_NOUN}"),
    # telegraphic "system msg says", "System prompt wants" (no determiner, a speech verb)
    "bare_says": (
        False,
        "",
        r"\bsys(?:tem)?[ \t_-]*(?:message|prompt|msg|instructions?|directives?|note)\s+(?:says|said|"
        r"states|stated|tells|told|asks|asked|requires|wants|instructs|demands|reads|insists|specifies)\b",
    ),
    # "System message's rule", "system prompt's instructions" (possessive without a determiner)
    "possessive": (False, "", rf"\bsys(?:tem)?[ \t_-]*(?:message|prompt){AP}s?(?=\s)"),
    # "SYSTEM MESSAGE:", "System prompt - ", "[system message]", "<system prompt>"
    "label": (
        False,
        "",
        r"\bsys(?:tem)?[ \t-]+(?:message|prompt|instructions?|note)(?:\s*:|\s+[-\u2013\u2014]\s)|"
        r"[\[<(]\s*sys(?:tem)?[ \t_-]*(?:message|prompt|instructions?|note)\s*[\]>)]",
    ),
    # the bug itself, shouted: "THE SYSTEM MESSAGE" (case-sensitive)
    "shouted": (False, "", r"(?-i:\bSYSTEM[ \t_-]+(?:MESSAGE|PROMPT|INSTRUCTIONS?)\b)"),
    # "the message from the system says", "the instructions set by the system"
    "from_the_system": (
        False,
        "",
        r"\b(?:the|this|that)\s+(?:message|prompt|instructions?|directives?|guidelines)\s+"
        r"(?:from|given\s+by|provided\s+by|set\s+by|sent\s+by|issued\s+by)\s+the\s+system\b"
        r"(?!\s+(?:administrator|admin|architect|engineer|designer|owner|analyst|of)\b)",
    ),
    # "the developer's instructions", "the operator message", "the hidden prompt", "the pre-prompt"
    "operator_prompt": (
        False,
        rf"\b(?:{PREP}\s+)?",
        rf"(?:the|this|my|mine|its)\s+(?:(?:operator|developer|deployer)s?(?:{AP}s?)?\s+"
        r"(?:instructions|prompt|guidelines|directives|message)|(?:hidden|secret|pre-?|meta-?)\s*"
        r"prompt|preprompt)\b",
    ),
    # the same nouns in the languages SystemChat replies are asked to use (fr, es, it, pt, de, ru, zh, ja)
    "foreign_system": (
        False,
        "",
        r"\b(?:(?:message|prompt|instructions|consignes?)\s+(?:du\s+)?syst[eè]me|(?:mensaje|prompt|"
        r"instrucciones|indicaciones|mensagem|instru[cç][oõ]es|messaggio|istruzioni)\s+(?:del|de|do|di)"
        r"\s+sistema|(?-i:System)(?:nachricht|anweisung(?:en)?|vorgabe(?:n)?|prompt)|системн\w+\s+"
        r"(?:сообщени|промпт|инструкци|подсказк)\w*)\b|系统(?:消息|提示词?|指令)|システム(?:メッセージ|プロンプト)",
    ),
    # "selon mes instructions", "según mis instrucciones", "laut meinen Anweisungen", "согласно моим инструкциям"
    "foreign_my": (
        True,
        "",
        r"\b(?:(?:selon|d'apr[eè]s|conform[eé]ment\s+[aà])\s+mes\s+(?:instructions|consignes|directives)|"
        r"(?:seg[uú]n|de\s+acuerdo\s+con|conforme\s+a)\s+mis\s+(?:instrucciones|indicaciones|directrices)|"
        r"(?:secondo|in\s+base\s+alle)\s+(?:le\s+)?mie\s+istruzioni|(?:de\s+acordo\s+com|segundo|conforme)\s+"
        r"(?:as\s+)?minhas\s+instru[cç][oõ]es|(?:laut|gem[aä](?:ß|ss)|entsprechend)\s+meine[nrm]?\s+"
        r"(?:Anweisungen|Instruktionen|Vorgaben|Richtlinien)|(?:согласно|по)\s+моим\s+инструкциям)\b|"
        r"(?:根据|按照)我的(?:指令|指示)",
    ),
    # "as instructed by the system, ...", "told by the system prompt" (not "by the system administrator")
    "by_the_system": (
        False,
        "",
        r"\b(?:instructed|told|directed|asked|commanded|bidden|ordered)\s+by\s+(?:the|this)\s+"
        r"system(?:[ \t_-]?(?:message|prompt))?(?:\s*[,.;:!?)]|\s+(?:to|that|not)\b)",
    ),
}

# Every leak pattern holds one of these words (lowercase), at most ``BEFORE_KEY`` characters after the pattern's start:
# a polars pass over all gpt turns selects the replies worth reading, and the patterns are tried only just before
# each occurrence.
# fmt: off
LEAK_KEYWORDS = (
    "sys", "instruct", "directive", "guideline", "programm", "configur", "config", "setup", "set-up", "prompt",
    "briefing", "briefed", "bidden", "rules", "directed", "operator", "developer", "creator", "admin", "deployer",
    "sistema", "систем", "系统", "システム", "mes instr", "mes consignes", "mes directives", "mis instr",
    "mis indicaciones", "mis directrices", "mie istr", "minhas instr", "meine", "моим инстр", "根据我的", "按照我的",
)  # fmt: skip
# fmt: on
BEFORE_KEY = 130
# The first words of every pattern (lowercase): a pattern is tried only where one of them starts, or at an opening
# bracket, or at a keyword itself. ``tests/test_systemchat_leak.py`` checks that this finds exactly what a scan of
# every position finds.
# fmt: off
START_WORDS = (
    "according", "as", "per", "in", "pursuant", "consistent", "following", "based", "because", "due", "owing", "from",
    "by", "within", "under", "stated", "specified", "outlined", "mentioned", "described", "given", "provided",
    "defined", "set", "written", "my", "mine", "thy", "thine", "the", "this", "that", "yon", "yonder", "ye", "your",
    "our", "said", "such", "its", "i", "instructions", "directives", "guidelines", "prompt", "rules", "briefing",
    "sys", "system", "instructed", "told", "directed", "asked", "commanded", "bidden", "ordered", "message",
    "consigne", "consignes", "mensaje", "indicaciones", "instrucciones", "mensagem", "instruções", "instrucoes",
    "messaggio", "istruzioni", "selon", "d", "conformément", "conformement", "según", "segun", "de", "conforme",
    "secondo", "segundo", "laut", "gemäß", "gemäss", "gemass", "entsprechend", "согласно", "по",
)  # fmt: skip
# fmt: on

# --- a weak reference becomes the assistant's own --------------------------------------------------------------

ME = rf"(?:I|I{AP}(?:m|ll|ve|d)|me|my|myself|mine)"
# right after the reference: "... tells me", "..., I must", "... says that I", "...'s rule is that I"
UPGRADE_AFTER = (
    rf"^(?:{AP}s)?(?:\s+(?:clearly|explicitly|specifically|also|only|simply|expressly|further|doth|hath|does|did|"
    r"has|had|would|will|may|might|here|there|above|itself))*"
    r"(?:\s+(?:tells?|told|asks?|asked|instructs?|instructed|wants?|wanted|requires?|required|directs?|directed|"
    r"bids?|bade|biddeth|commands?|commanded|compels?|forbids?|forbade|prevents?|prohibits?|reminds?|expects?|"
    r"obliges?|needs?|gives?|gave|allows?|permits?|lets|limits?|restricts?|orders?|ordered|charges?|charged|"
    r"advises?|advised|urges?|guides?|assigns?|assigned|makes|made|keeps|sets?|casts?|describes?|defines?|names?|"
    r"calls?|would\s+have|has\s+asked|has\s+told|wishes|charges)\s+(?:me|myself)\b"
    rf"|\s*[,:\u2014\u2013-]?\s*(?:(?:says|said|states|stated|specifies|specified|indicates|indicated|notes|noted|"
    r"mentions|mentioned|stipulates|dictates|dictated|demands|demanded|insists|insisted|suggests|reads|saith|"
    r"sayeth|declares|declared|decrees|decreed|explains|establishes|is\s+clear|makes\s+(?:it\s+)?clear)\s+"
    rf"(?:that\s+)?)?{ME}\b"
    rf"|{AP}s\s+(?:\w+\s+){{1,3}}?(?:that\s+|for\s+)?{ME}\b)"
)
# right before the reference, in the same clause: "I must follow the system message", "I can't reveal the ..."
UPGRADE_BEFORE = (
    rf"\b{ME}\s+(?:(?:must|should|shall|will|would|have\s+to|need\s+to|am|was|going\s+to|have|had|always|also|"
    r"strictly|just|now|simply|to|been|not|cannot|can|can" + AP + r"?t|won" + AP + r"?t|don" + AP + r"?t|"
    r"am\s+not|was\s+not|shall\s+not|must\s+not|doth|do|did)\s+){0,3}"
    r"(?:follow|follows|following|obey|obeying|adhere\s+to|adhering\s+to|stick\s+to|sticking\s+to|comply\s+with|"
    r"complying\s+with|abide\s+by|abiding\s+by|respect|honou?r|bound\s+by|told\s+by|instructed\s+by|asked\s+by|"
    r"directed\s+by|given|received|got|reveal|share|disclose|discuss|mention|break|violate|deviate\s+from|"
    r"go\s+against|heed|heeding)\s+$"
)

# --- the user asked (after this, the assistant may talk about its instructions) -----------------------------

ASK_PATTERNS: dict[str, str] = {
    # any mention of the system message itself
    "system": r"\bsys(?:tem)?[ \t_-]*(?:message|prompt|msg|instructions?|directives?|guidelines?|note)s?\b",
    # "your instructions", "your initial prompt", "your hidden rules", "your programming"
    "your": r"\byour\s+(?:(?:own|initial|original|hidden|secret|current|first|exact|full|entire|whole|real|actual|"
    r"underlying|base|starting|opening|special|specific|internal|private|default|core|custom|pre-?set|given|"
    r"very|complete|verbatim)\s+){0,3}(?:instructions?|prompts?|directives?|guidelines|rules|programming|"
    r"configuration|config|setup|set-up|orders|briefing|constraints|restrictions|system|guardrails|"
    r"pre-?prompt)\b",
    # "the instructions you were given", "the rules you're following", "instructions given to you"
    "you_were_given": r"\b(?:instructions?|prompts?|rules|guidelines|directives|orders|text|messages?|information|"
    rf"context|directions|briefing|guidance)\s+(?:that\s+|which\s+)?(?:{YOU_HAVE_BEEN}|you\s+(?:got|received|have|"
    rf"had|follow|obey|must\s+follow|have\s+to\s+follow)|{YOU_ARE}\s+(?:following|under|bound\s+by|"
    rf"given|using|obeying)|(?:{YOU_ARE}\s+)?(?:you\s+)?(?:operat(?:e|ing)|work(?:ing)?|function(?:ing)?|"
    r"run(?:ning)?)\s+(?:under|with|by)|(?:given|provided|sent)\s+to\s+you)\b",
    # "were you told", "have you been instructed", "were you given any rules", "did you receive instructions"
    "were_you": r"\b(?:were|are|have|had|did|do)\s+you\s+(?:been\s+|ever\s+|ever\s+been\s+|just\s+)?(?:told|"
    r"instructed|programmed|asked|configured|prompted|set\s+up|briefed|directed|ordered|given\s+(?:any\s+|"
    r"some\s+)?(?:instructions|rules|guidelines|directions|a\s+prompt)|(?:get|receive)\s+(?:any\s+|some\s+)?"
    r"(?:instructions|rules|guidelines|directions|a\s+prompt))\b",
    # "what did they tell you", "what has your developer asked you", "who instructed you", "who set you up"
    "tell_you": r"\b(?:did|do|does|has|have)\s+(?:\w+\s+){0,3}?(?:tell|instruct|ask|program|configure|brief|prompt)\s+"
    r"you\b|\b(?:who|what)\s+(?:told|instructed|programmed|configured|prompted|briefed|set\s+up)\s+you\b|"
    r"\b(?:who|what)\s+(?:set|configured|programmed|instructed|prompted|briefed)\s+you\s+up\b",
    # "what persona were you given?", "which role have you been assigned?"
    "what_given": r"\b(?:what|which)\s+(?:\w+\s+){0,2}?(?:were|are|have|had)\s+you\s+(?:been\s+)?(?:given|assigned|told|"
    r"set|programmed|configured|instructed|asked)\b",
    # "what you were told", "tell me what you've been instructed to do"
    "you_were_told": rf"\b(?:what|everything|anything|all)\s+(?:that\s+)?(?:{YOU_HAVE_BEEN}|{YOU_ARE})\s+(?:told|"
    r"instructed|programmed|asked|configured|prompted|set\s+up|given|briefed)\b",
    # "what was the first message in this conversation?"
    "first_message": r"\b(?:first|very\s+first|initial|opening)\s+message\s+(?:in|of)\s+(?:this|the|our)\s+"
    r"(?:conversation|chat|session|thread)\b",
    # "how were you instructed", "how are you configured"
    "how_you": r"\bhow\s+(?:were|are|have|did)\s+you\s+(?:been\s+)?(?:instructed|configured|prompted|set\s+up|"
    r"programmed|told)\b",
    # "what rules are you following?", "which instructions do you have", "any guidelines you must follow"
    "rules_you": r"\b(?:what|which|any)\s+(?:\w+\s+)?(?:rules|instructions|guidelines|directives|constraints|"
    r"restrictions|orders|directions|policies|limitations)\s+(?:are|do|did|were|have|must|should|will|"
    r"['\u2019]re)\s+you\b",
    # "do you have any special instructions", "did you get a prompt"
    "have_rules": r"\b(?:do|did)\s+you\s+(?:have|get|receive|follow|operate\s+under)\s+(?:any\s+|some\s+)?(?:special\s+|"
    r"specific\s+|secret\s+|hidden\s+|particular\s+|custom\s+)?(?:instructions|rules|guidelines|"
    r"directives|constraints|restrictions|orders|a\s+prompt|a\s+system)\b",
    # "show me your initial prompt", "the hidden instructions", "your pre-prompt", "the developer message"
    "hidden_prompt": r"\b(?:initial|original|hidden|secret|starting|opening|meta|underlying|developer|operator|pre)"
    r"\s*-?\s*(?:prompt|instructions|message)\b|\bpre-?prompt\b|\bfirst\s+prompt\b",
    # "what were you told before this chat?"
    "before_chat": r"\b(?:before|prior\s+to)\s+(?:this|our|the)\s+(?:chat|conversation|session|exchange|discussion)\b",
    # "repeat everything above", "the text above"
    "above": r"\b(?:everything|text|words|instructions|content)\s+(?:written\s+|given\s+|stated\s+)?above\b",
    # "ignore all previous instructions", "forget your rules"
    "ignore": r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your\s+|the\s+)?"
    r"(?:previous\s+|prior\s+|above\s+|earlier\s+|preceding\s+|original\s+|initial\s+|existing\s+)?"
    r"(?:instructions|prompts?|rules|directives|guidelines|programming|restrictions|constraints)\b",
    # "what are you supposed to do", "what were you set up to"
    "supposed": r"\bwhat\s+(?:are|were)\s+you\s+(?:supposed|meant|told|instructed|programmed|designed|set\s+up)\s+to\b",
    # a chat-API snippet with a system role
    "role_system": r"[\"']role[\"']\s*:\s*[\"']system\b|\brole\s*[:=]\s*[\"']?system\b",
}

# --- context that gives "the system message" another sense -------------------------------------------------------

# An operating system, a device or an error: "the system message says the disk is full".
OS_WORDS = (
    r"operating\s+systems?|(?-i:OS|DOS|MS-DOS)|Windows|Linux|Ubuntu|Debian|Fedora|Unix|macOS|Mac\s?OS|OS\s?X|Android|"
    r"iOS|iPhone|iPad|Chromebook|BIOS|UEFI|kernel|boot(?:s|ed|ing|loader)?|reboot\w*|restart(?:s|ed|ing)?|crash\w*|"
    r"freez(?:e|es|ing)|froze|frozen|errors?|dialog(?:ue)?\s+box(?:es)?|dialogs?|pop-?ups?|notifications?|disks?|"
    r"(?:hard|USB|disk|flash)\s+drives?|SSD|HDD|storage\s+space|RAM|CPU|printers?|drivers?|firmware|laptops?|"
    r"computers?|PCs?|desktop|servers?|terminal|console|command\s+prompt|command[- ]line|shell\s+(?:script|command)s?|"
    r"bash|zsh|cmd|PowerShell|(?:error|system|event|crash)\s+logs?|log\s+files?|dmesg|syslog|journalctl|"
    r"event\s+viewer|blue\s+screen|BSOD|phones?|smartphones?|tablets?|devices?|router|modem|install(?:er|ation)s?|"
    r"installing|reinstall\w*|(?:software|system|OS|driver|firmware)\s+updates?|antivirus|virus|malware|login|"
    r"log\s+in|password|(?:warning|alert|error)\s+messages?|beeps?|sysadmin|mainframe|Wi-?Fi|"
    r"on\s+(?:the|my|your)\s+screen|logs|logging|clicks?|clicking|clicked|buttons?|taskbar|toolbar|menu\s+bar|"
    r"notif\w*|e-?mails?|SMS|portal|dashboard|inbox|"
    r"erreur|ordinateur|disque|error(?:es)?|ordenador|computadora|disco|Fehler|Rechner|Festplatte|ошибк\w*|компьютер\w*"
)
# Language models and chat APIs: "put the persona in the system prompt".
LLM_WORDS = (
    r"ChatGPT|GPT(?:-?\d(?:\.\d)?o?)?|LLMs?|large\s+language\s+models?|language\s+models?|OpenAI|Anthropic|Claude|"
    r"Llama|Mistral|Copilot|chat\s?bots?|prompt\s+engineering|prompt\s+injection|jailbreak\w*|APIs?|"
    r"chat\s+completions?|fine-?tun\w*|AI\s+models?|assistant\s+messages?|user\s+messages?|messages\s+array|"
    r"Hugging\s*Face|LangChain|Ollama|system\s+role|system_(?:message|prompt)"
)
CONTEXT_WORDS = rf"\b(?:{OS_WORDS}|{LLM_WORDS})\b"
