"""Rule DATA, part 6: the reply that only defers to someone else. A short prose reply whose every sentence refers the
user to a professional or an authority ("I'd recommend checking with your veterinarian"), disclaims being one ("I'm
just an AI and not a lawyer"), hedges ("depends on your specific circumstances"), says what that person could do
("They can review your lease"), sympathises, thanks or urges ("as soon as possible"), with at least one referral,
answers nothing: a *whole-reply* refusal (``RegexRule.whole``, judged by ``text.whole_reply``). And the reply that
opens by offering something else ("Instead, how about we ..."): what follows is the alternative, not the answer
(``RegexRule.opening``). And the reply that opens by judging the requested act ("Bribing an inspector is a criminal
offense") and then only explains why (``RegexRule.unanswered``). Whether each answers depends on the question ("Who should I call about a gas leak?" is
answered by a referral, "Any alternatives to X?" by an alternative, "Is it legal to record a call?" by a judgement), so the stage lets the user's own turn exempt
them (``unfilter/prompt.py``). ``rule_data_acts.REGEX_RULES`` appends these rules."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

# who a reply can defer to (every referral names one; they are the rule's triggers)
# fmt: off
_WHO = (
    "doctor", "physician", "pediatrician", "paediatrician", "pharmacist", "nurse", "dermatologist", "ob-gyn",
    "obstetrician", "gynecologist", "dentist", "optometrist", "therapist", "counselor", "counsellor",
    "psychiatrist", "psychologist", "dietitian", "dietician", "nutritionist", "veterinarian", "vet ", "lawyer",
    "attorney", "legal aid", "solicitor", "notary", "accountant", "cpa", "tax professional", "tax advisor",
    "tax adviser", "financial advisor", "financial adviser", "financial planner", "fiduciary", "mechanic",
    "locksmith", "electrician", "plumber", "technician", "specialist", "professional", "expert", "authorities",
    "police", "law enforcement", "embassy", "consulate", "department of", "poison control", "emergency", "hotline",
    "helpline", "lifeline", "mycolog", "coach", "athletic trainer", "dealer", "grading service", "insurance agent",
    "insurer", "lender", "credit bureau", "human resources", "hr ", "ombudsman", "regulator", "rights organization",
    "rights organisation", "clinic", "hospital", "healthcare provider", "health care provider", "care provider",
    "medical attention", "medical help", "medical care",
    # people and offices named in deferrals ("check the FDA or CDC websites", "the small claims clerk")
    "physiotherapist", "physical therapist", "chiropractor", "clinician", "primary care", "advice line", "nurse line",
    "enrolled agent", "courthouse", "clerk", "official website", "fda", "cdc", "nhs", "irs", "consumer affairs",
    "housing authority", "tenant rights", "midwife", "endocrinologist", "department",
)
# fmt: on
_WHO_RX = "(?:" + "|".join(w.replace(" ", r"\s") for w in _WHO) + ")"
_REFER = (
    r"\b(?:consult(?:ing)?|check(?:ing)? with|talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)|see(?:ing)?|"
    r"contact(?:ing)?|reach(?:ing)? out to|check(?:ing)?|(?:best|safest) bet (?:is|would be)|(?:best|safest) to have|"
    r"(?:evaluation|assessment|consultation|check-?up|exam(?:ination)?) (?:by|with)|ask(?:ing)?|call(?:ing)?|visit(?:ing)?|go(?:ing)? (?:over [^.!?\n]{0,30} )?"
    r"(?:to|with)|seek(?:ing)?|follow(?:ing)? up with|take (?:it|him|her|them|your [\w-]+) (?:in )?to|get(?:ting)? (?:it |this |that |them )?(?:checked|evaluated|examined|looked at|reviewed)"
    r"|(?:answered|evaluated|handled|assessed|addressed|examined|discussed|made|looked at(?: in person)?|seen|checked(?: "
    r"out)?|reviewed) (?:by|with)|point(?:ing)? (?:you|them) (?:toward|towards|to)|run (?:it |this |that |these )?by|"
    r"bring (?:it |this |that |these )?to|(?:best|better) asked (?:of|to)|come from|talk(?:ing)? (?:it|this|that|things) "
    r"(?:through|over) with|a (?:question|decision|"
    r"matter) for|(?:person|people|source|one|ones|place) to (?:ask|advise|tell|help|interpret|answer|assess|evaluate|"
    r"check|look at)|appointment with|"
    r"(?:recommend|suggest|encourage|advise|urge)(?:s|ed)? (?:you )?(?:to )?(?:\w+ )?(?:a|an|your|the))\b"
    r"[^.!?\n]{0,100}?\b"
    + _WHO_RX
    # "An orthopedic specialist can examine it", "An employment attorney would be best placed to answer that"
    + r"|\b(?:a|an|your|the|only an?)\s(?:[\w-]+\s){0,3}?"
    + _WHO_RX
    + r"[\w-]*(?:'s)?\s(?:[^.!?\n]{0,40}?\s)?(?:can|could|will|"
    r"would|should|may|might|is|are|'s|'d)\s(?:\w+\s)?(?:be able to\s)?(?:examine|evaluate|assess|advise|tell you|help|"
    r"look at|review|confirm|answer|guide you|walk you through|diagnose|determine|decide|run|give you|check|test|order|"
    r"prescribe|recommend|provide|want to|be (?:best|better|well) placed|(?:the )?(?:best|right|only) (?:person|people|one|"
    r"source|place))"
    # "Have a local mycologist look at it in person.", "Get a doctor to look at it."
    + r"|\b(?:have|get) (?:a|an|your|the) (?:[\w-]+ ){0,3}?"
    + _WHO_RX
    + r"[\w-]* (?:to )?(?:look at|check|examine|see|evaluate|review|assess|take a look)\b"
)
# a sentence counts as a referral only when nothing else is asked first ("Photograph everything and call your insurer"
# gives an instruction of its own)
_REFER_ALONE = r"^(?:(?!\band\b|\bthen\b|;)[^\n]){0,90}?" + _REFER
_DISCLAIM = (
    r"\b(?:i'm|i am) (?:just |only )?(?:an ai|a language model|an ai language model|not (?:a |an |your )?(?:doctor|lawyer|"
    r"attorney|medical|legal|financial|licensed|qualified|certified|professional|nutritionist|dietitian|therapist|"
    r"mechanic|expert|vet|veterinarian|accountant))"
    r"|\bnot (?:qualified|able|in a position|licensed|equipped) to (?:give|provide|offer|diagnose|determine|assess|"
    r"evaluate|say|tell|advise|identify|recommend)"
    r"|\b(?:can't|cannot|can not|unable to|not able to) (?:give|provide|offer|diagnose|determine|assess|evaluate|tell|"
    r"identify|advise|recommend|say|know|confirm)\b"
    r"|\b(?:isn't|is not|not) a substitute for\b"
)
_HEDGE = (
    r"\b(?:depend(?:s|ing)? (?:\w+ )?on|var(?:y|ies) (?:\w+ ){0,2}?(?:depending|by|from|based|widely|greatly|"
    r"significantly|a lot|considerably|substantially)|(?:is|are|can be) (?:\w+ )?(?:complex|complicated|nuanced)|specific (?:circumstances|situation|"
    r"details|terms|factors|rules)|individual (?:circumstances|situation|needs|factors)|unique (?:\w+ )?(?:situation|"
    r"circumstances|needs)|(?:many|several) (?:\w+ )?factors|every (?:individual|person|situation|case|child|body) is "
    r"different|change (?:frequently|often|regularly)|(?:it's|it is|this is|that's|that is) (?:a|the kind of) (?:\w+ )?"
    r"(?:decision|question))\b"
)
_FOLLOW = (
    r"^\s*(?:they|he|she|professionals|experts|a professional|an expert|your doctor|the doctor|many (?:of them|offer|"
    r"offices|clinics|firms|attorneys|lawyers|pediatric|cities|areas|counties)|(?:many |most |some |local |a lot of )?"
    r"(?:pharmacists|pharmacies|doctors|clinics|offices|employers|agencies|lawyers|attorneys|organi[sz]ations(?: such as "
    r"[\w-]+)?)|their (?:website|office|staff|phone line))\b[^.!?\n]{0,40}?\b(?:can|could|will|"
    r"'ll|would|are|'re|is|know|have|offer|may|might)\b"
    r"|\bwho (?:can|will|could|would be able to)\b"
)
_KIND = (
    r"^\s*(?:(?:i'm|i am) )?(?:so |really |very |truly )?(?:sorry|glad|happy)\b|^\s*(?:thank(?:s| you)|i hope|hope|"
    r"take care|good luck|stay safe|best wishes|wishing you)\b|\b(?:that's|that is|it's|it is|this is) (?:a |an )?"
    r"(?:\w+ )?(?:painful|difficult|tough|hard|frustrating|scary|stressful|upsetting|worrying|uncomfortable|awkward)\b"
    r"|\b(?:can be|is|feels?) (?:\w+ ){0,2}?(?:nerve-wracking|stressful|scary|worrying|overwhelming|confusing|frustrating)\b"
    r"|\b(?:natural|normal|understandable) to (?:be|feel|worry|want)\b|^\s*wishing (?:you|your)\b"
    r"|\b(?:good|smart|wise|great|sensible) (?:thing|idea) to (?:check|ask)\b|\b(?:health|safety) (?:should|must) (?:always )?"
    r"come first\b|\bsafety-critical\b|\bnot a diy job\b"
    r"|^\s*(?:i understand|i know|it sounds like|that sounds)\b"
    # pleasantries: "Great question!", "That's a very responsible thing to do.", "Your health is the top priority!"
    r"|^\W*(?:(?:what a |that's a |this is a )?(?:great|good|excellent|wonderful) question|(?:it's|that's|it is|that is) "
    r"(?:so |really |very )?(?:great|good|wonderful|smart|wise|responsible)\b)|\b(?:health|safety|well-being|wellbeing)"
    r"(?: and (?:\w+ )?(?:health|safety|well-being|wellbeing))? (?:is|are|should be) (?:the|your|my) (?:top |first |number one )?priority\b"
)
# where else to look: "Your housing authority is another good place to ask.", "The IRS website is also an authoritative
# resource.", "a consultation with an attorney may also be worthwhile", "set up for exactly these questions"
_RESOURCE = (
    r"\b(?:good|great|excellent|useful|helpful|reliable|authoritative|reputable|official|trusted) (?:\w+ )?(?:place to "
    r"(?:start|ask|turn|look|go)|resources?|sources?|starting point)\b|\b(?:is|are) (?:also )?(?:another|an?) "
    r"(?:(?:good|great|excellent|useful|helpful|free) )?(?:option|resource|place to (?:start|ask|turn|look|go))\b"
    r"|\b(?:may|might|could) (?:also )?be "
    r"(?:worthwhile|worth it|a good place to start)\b|\bfor (?:exactly )?(?:these|such) (?:kinds? of )?questions\b"
    r"|\b(?:review|read|check) (?:the |your )?(?:[\w-]+ ){0,3}?(?:leaflet|package insert|manual)\b"
    r"|^[\W_]*$"  # an emoji, a dash
)
# a list of whom to contact: its lead-in ("The right people to ask:") and its items ("Pharmacist: free, no
# appointment", "Poison control: 1-800-222-1222")
_CONTACTS = (
    r"\b(?:people|person|ones|places|sources|organi[sz]ations|contacts) (?:to|you (?:should|can|could)) (?:ask|consult|"
    r"contact|call|check with|turn to|reach out to|talk to)\b|^(?:your |a |an |the |local )?(?:[\w-]+ ){0,2}?"
    + _WHO_RX
    + r"[\w-]*s?:"
)
# someone else will answer: "A CPA can calculate it precisely.", "your issuer's support team handles disputes", "the
# airline's claims form is the first step" (a sentence that says so, whoever its subject; not "I can explain")
_THEY_CAN = (
    r"(?<!\bi )(?<!\bwe )\b(?:can|could|will|'ll|would|(?:is|are|will be) able to)\s+(?:\w+\s+){0,2}?(?:tell you|explain|"
    r"calculate|confirm|advise|walk you through|answer|review|guide you|assess|determine|help you|give you|point you|"
    r"refer you|decide)\b|\b(?:is|are) (?:the )?(?:first|right|best|next) (?:step|person|people|place|call)\b"
    r"|\bworth a (?:conversation|call|visit|chat) with\b|\bthe one who (?:\w+ )?(?:decides|knows)\b"
    r"|\bhandles? (?:disputes|claims|complaints|questions|requests|cases)\b"
)
# a short pleasantry exclaimed, no figure in it: "Hello!", "Oh no, a flat tire is such a hassle!", "Have a wonderful day!"
# (not a punchline: "A good start!")
_EXCLAIM = (
    r"^(?=[^!]*\b(?:hello|hi|hey|oh|congratulations|thanks?|wonderful|great|fun|day|luck|hassle|annoying|frustrating|"
    r"stressful|question|welcome|happy|glad)\b)[^\d!]{0,50}!+$"
)
_URGENT = (
    r"\b(?:as soon as (?:possible|you can)|right away|immediately|right now|don't wait|do not wait|without delay|"
    r"promptly|urgent(?:ly)?)\b"
)

_ELSE = r"\b(?:instead|different|alternative|another|something else)\b"
_REDIRECT = (
    r"\binstead(?:,|\s+(?:i|we|let's|let me|how about|what about|here's|why not)\b)"
    r"|\b(?:instead of|rather than)\b[^.!?\n]{0,100}?,\s*(?:how about |what about |what if |why not |maybe |perhaps )?(?:we|i|"
    r"let's|let me)\b"
    r"|\b(?:how about|what about|what if) (?:we|i)\b[^.!?\n]{0,60}?"
    + _ELSE
    + r"|\b(?:how about|what about) (?:a|an|some) (?:different|alternative|other)\b"
    r"|\b(?:how about|what about) (?:a|an|some)\b[^.!?\n]{0,100}?\binstead\b|\b(?:maybe|perhaps),? instead\b"
    r"|\blet's (?:focus|try|write|create|talk|keep|shift|steer|go with|switch|pivot|redirect|explore|do)\b[^.!?\n]{0,60}?"
    + _ELSE
    + r"|\b(?:maybe|perhaps) (?:we|i) (?:could|can|should) (?:focus|try|write|create|talk|explore|do)\b[^.!?\n]{0,60}?"
    + _ELSE
    + r"|\bi(?:'d| would) (?:be (?:happy|glad|delighted)|love) to (?:help|write|create|suggest|offer)\b[^.!?\n]{0,60}?"
    + _ELSE
)

# fmt: off
_EVAL = (
    "illegal", "unlawful", "criminal", "felony", "dangerous", "harmful", "unethical", "immoral", "wrong", "abusive",
    "a form of", "crime", "offense", "offence", "misdemeanor", "violation", "invasion", "breach", "against the law",
    "against the rules", "against the terms", "not recommended", "not safe", "not legal", "not okay", "not ok",
    "not acceptable", "not appropriate", "not ethical", "not advisable", "considered", "theft", "fraud",
    "harassment", "stalking", "cheating", "plagiarism", "never acceptable", "never okay", "never justified",
    "never the answer", "backfire", "come across as", "be seen as", "undermine",
    "violates", "harms", "hurts", "damages", "destroys", "erodes", "isn't going to", "in trouble", "at risk", "make things worse",
    "make it worse", "make the situation worse", "lead to", "result in", "escalate",
)
# fmt: on
# the reply opens by judging the requested act, its subject a gerund phrase: "Sneaking into a concert without paying
# is a form of theft", "Covertly tracking another adult's phone is a serious invasion of privacy"
_LEAD_IN = (
    r"(?:(?:however|but|unfortunately|sadly|honestly|frankly),?\s+)?(?:(?:(?:i must|i have to|i need to|i want to|"
    r"i'd like to|let me) (?:\w+ )?(?:emphasi[sz]e|stress|point out|note|clarify|say|remind you)|it(?:'s| is) (?:important|"
    r"worth noting|crucial|essential) to (?:note|remember|understand|recogni[sz]e)|please (?:note|remember|understand)|"
    r"remember|keep in mind)(?: that)?,?\s+)?"
)
# the judgement does not go on to answer in its own sentence ("X is illegal in most states, but owners may ...")
_NO_TURN = (
    r"(?![^.!?\n]*(?:\b(?:but|however|though|although|yet|unless|except|while|whereas|pero|aunque|mais|aber|"
    r"jedoch|ma|però|mas|porém|maar|но|однако)\b|但|不过|しかし|하지만))"
)
_JUDGE = (
    _LEAD_IN + r"(?:(?:\w|-|')+\s){0,2}?"
    r"(?!(?:some|no|any|every)thing\b|morning\b|evening\b|king\b|string\b|spring\b|ring\b|wing\b|ceiling\b|"
    r"meaning\b|feeling\b|wedding\b|sibling\b|during\b|bring\b|sing\b)(?:\w|-|')+ing\b[^.!?\n]{0,140}?\b(?:is|are|can be|"
    r"could be|would be|may be|might be|constitutes?|counts as|amounts to)\s+(?:\w+\s){0,3}?(?:"
    + "|".join(e.replace(" ", r"\s") for e in _EVAL)
    + r")"
    + _NO_TURN
    # or by what it leads to: "Trying to get someone fired can seriously backfire", "Reading her texts undermines trust"
    + r"|"
    + _LEAD_IN
    + r"(?:(?:\w|-|')+\s){0,2}?(?!(?:some|no|any|every)"
    r"thing\b|during\b)(?:\w|-|')+ing\b[^.!?\n]{0,140}?\b(?:(?:can|could|may|might|will|would|is likely to|tends to|"
    r"often|usually)\s(?:\w+\s)?(?:backfire|hurt|harm|damage|destroy|ruin|escalate|undermine|violate|come across as|"
    r"be seen as|be considered|get you (?:in|into) trouble|land you in|put (?:you|them|others|people|someone) at risk|"
    r"make (?:things|it|the situation|matters) worse|lead to|result in|cause)|(?:undermines|violates|harms|hurts|"
    r"damages|destroys|erodes|backfires|isn't going to (?:help|work|get you))|probably isn't going to)\b" + _NO_TURN
)

# the opening sentence calls the question's premise about a group a stereotype or a prejudice ("They're not. It's an
# old ethnic stereotype.", "The premise isn't supported", "Essa ideia é um preconceito")
# fmt: off
_STEREOTYPE = (
    "stereotyp", "prejudice", "generaliz", "generalis", "bigot", "racist", "sexist", "xenophob", "discriminat",
    "trope", "caricature", "push back on", "premise", "assumption", "question assumes", "question rests",
    "question relies", "question is based", "question contains", "question implies", "that's actually true",
    "that's really true", "that's true", "starting point", "question treats", "isn't accurate", "is not accurate",
    "isn't true", "is not true", "aren't accurate", "are not accurate", "estereotipo", "prejuicio", "stéréotype", "cliché", "préjugé", "klischee",
    "vorurteil", "frage unterstellt", "estereótipo", "preconceito", "stereotipo", "pregiudizio", "стереотип",
    "предрассуд", "刻板印象", "歧视", "偏见", "고정관념", "편견", "固定観念", "偏見", "ステレオタイプ",
)
# fmt: on
_BIAS = r"(?:stereotype|prejudice|(?:over)?generali[sz]ation|bigotry|racist|sexist|xenophobic|discriminatory|trope|caricature)"
_PREMISE = (
    # the premise itself is called a stereotype: "It's an old ethnic stereotype", "That idea is based on a harmful
    # generalization", "it can perpetuate stereotypes" (not a mention: "alert to racial prejudice", "It helps to avoid
    # stereotypes")
    r"\b(?:it|which|(?:that|this|the)(?: (?:idea|notion|claim|assumption|belief|premise|question|saying|view|image|"
    r"perception))?)(?:(?:'s|'re| is| was| are)\s(?:(?:just|simply|really|actually|largely|purely|an?|the|based on|"
    r"rooted in)\s)*|\s(?:(?:can|could|may|might|would|does|just|only)\s)?(?:reflects?|perpetuates?|reinforces?|relies "
    r"on|rests on|comes from|feeds?|promotes?)\s)(?:[\w-]+\s){0,3}?" + _BIAS + r"s?\b"
    # and the sentence does not go on to answer ("That's a common stereotype, but surveys show ...", "...: give ...")
    r"(?![^.!?\n]*(?::|\b(?:but|however|though|although|yet)\b))"
    r"|\bbased on (?:a|an|the)\s(?:[\w-]+\s){0,2}?" + _BIAS + r"|\b(?:stereotyping|generali[sz]ing about)\b"
    # a lecture about stereotypes in place of the joke or the claim ("It's important to avoid making generalizations
    # about any gender", "jokes relying on stereotypes about ...", "jokes that stereotype any profession")
    r"|\bit(?:'s| is) (?:important|essential|crucial|best|worth remembering) to (?:remember|recogni[sz]e|avoid|note|"
    r"understand|be careful)\b[^.!?\n:]{0,60}?\b(?:stereotyp|generali[sz])\w*(?![^.!?\n]*(?::|\b(?:but|however)\b))"
    r"|\b(?:jokes?|humou?r|comedy|content|statements?|comments?|remarks?)\s(?:that\s)?(?:rely|relies|relying|based|play|"
    r"plays|playing|built|trade|trades|trading)\s(?:on|in)\s(?:[\w-]+\s){0,2}?stereotypes?\b|\bthat stereotypes? (?:any|an "
    r"entire|a whole|whole|all)\b"
    r"|\bpush back on (?:the|that|this|your) (?:premise|assumption|framing|starting point)|\b(?:question|challenge) "
    r"the (?:assumption|premise|framing|starting point)|\b(?:not sure|don't think) (?:that|the|this) (?:premise|"
    r"assumption) holds(?: up)?|\b(?:the|this|that|your) question treats\b"
    # "The assumption that older adults are unable to learn isn't accurate", "the idea that ... is a stereotype"
    r"|\bthe (?:assumption|idea|notion|claim|belief|view|perception) that [^.!?\n]{3,140}? (?:(?:is|are)(?:n't| not) "
    r"(?:accurate|true|correct|supported|borne out|fair)|(?:is|are) (?:(?:just|simply|a|an|the|largely|based on|rooted "
    r"in) )*(?:[\w-]+ ){0,2}?" + _BIAS + r")|\b(?:the|this|that|your) (?:premise|"
    r"assumption) (?:is (?:false|wrong|flawed|mistaken|incorrect|inaccurate|not (?:true|accurate|supported|correct|"
    r"right))|isn't (?:true|accurate|supported|correct|right)|assumes|rests on|relies on|contains|implies)|\b(?:the|this|that|your) question (?:assumes|"
    r"rests on|relies on|is based on|contains|implies)|\bi don't think that's (?:actually |really )?true"
    r"|estereotipo|prejuicio|stéréotype|cliché|préjugé|klischee|vorurteil|die frage unterstellt|estereótipo|preconceito|"
    r"stereotipo|pregiudizio|стереотип|предрассуд|刻板印象|歧视|偏见|고정관념|편견|固定観念|偏見|ステレオタイプ"
)

# fmt: off
V6_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "defer_only",
        "refusal",
        # 'vet ' and 'hr ' are too short to prefilter on: they trigger with a determiner
        (*(w for w in _WHO if not w.endswith(" ")), "your vet", "a vet", "the vet", "your hr", "the hr", "an hr"),
        "(?:" + "|".join((_REFER_ALONE, _DISCLAIM, _HEDGE, _FOLLOW, _KIND, _RESOURCE, _URGENT)) + ")",
        whole=_REFER,
        doc="a whole reply that only defers to a professional or an authority, with disclaimers, hedges, sympathy "
        "or urgency around it: 'I'd recommend checking with your veterinarian, who can give you feeding guidelines "
        "tailored to your kitten.' (the user's turn can exempt it: unfilter/prompt.py)",
    ),
    RegexRule(
        "defer_share",
        "refusal",
        (*(w for w in _WHO if not w.endswith(" ")), "your vet", "a vet", "the vet", "your hr", "the hr", "an hr"),
        "(?:"
        + "|".join((_REFER_ALONE, _DISCLAIM, _HEDGE, _FOLLOW, _KIND, _RESOURCE, _URGENT, _CONTACTS, _THEY_CAN, _EXCLAIM))
        + ")",
        whole=_REFER + "|" + _CONTACTS,
        whole_share=0.6,
        share_units=True,
        doc="a short reply whose sentences and list items mostly (three in five) refer the user elsewhere, hedge, "
        "disclaim or sympathise, one of them a referral, with a list of whom to call or a phone number allowed: 'Tax "
        "deductions depend on many individual factors. A CPA is the right person to review your situation. You can "
        "also check irs.gov.' (the user's turn can exempt it, as defer_only: unfilter/prompt.py)",
    ),
    RegexRule(
        "redirect_opening",
        "refusal",
        ("instead", "rather than", "different", "alternative", "another", "something else"),
        _REDIRECT,
        anchored=True,
        search=True,
        opening=True,
        doc="a reply that opens (after greetings at most) by offering something other than what was asked: "
        "'What a fun idea! Instead, how about we write a poem about ...', 'Instead of targeting a real person, how "
        "about we ...' (a later turn, or a user who asked for alternatives, exempts it: unfilter/prompt.py)",
    ),
    RegexRule(
        "judgement_opening",
        "refusal",
        _EVAL,
        _JUDGE,
        anchored=True,
        search=True,
        opening=True,
        unanswered=True,
        doc="a short reply that opens by judging the requested act and then only says why, with no step or advice "
        "of its own: 'Sneaking into a concert without paying is a form of theft. Staff rely on ticket sales.' (a user "
        "who asked what it is or whether it is legal is answered by it: unfilter/prompt.py)",
    ),
    RegexRule(
        "premise_opening",
        "refusal",
        _STEREOTYPE,
        _PREMISE,
        search=True,
        opening=True,
        doc="a first reply whose opening sentence calls the premise a stereotype, a prejudice or a generalisation: "
        "'They're not. It's an old ethnic stereotype.' (a user who asked about the stereotype itself is answered: "
        "unfilter/prompt.py)",
    ),
    RegexRule(
        "capability_intl",
        "boilerplate",
        (
            "无法获取", "无法访问", "无法查询", "无法提供实时", "无法提供最新", "没有实时", "没有联网", "无法上网", "无法联网",
            "无法浏览", "リアルタイム", "インターネットに", "インターネットを", "실시간", "인터넷에 접속", "인터넷을 검색",
            "no tengo acceso a", "no puedo acceder a internet", "no puedo navegar", "je n'ai pas accès", "je n'ai pas la "
            "possibilité d'accéder", "je ne peux pas naviguer", "je ne peux pas accéder à internet", "keinen zugriff auf",
            "non ho accesso a", "non posso navigare", "non posso accedere a internet", "não tenho acesso a",
            "não consigo acessar", "não consigo navegar", "у меня нет доступа", "не могу просматривать", "не могу открывать",
            "ik heb geen toegang tot",
        ),
        r"无法(?:获取|访问|查询|提供)(?:实时|最新|当前|即时)|没有(?:实时|联网|上网)(?:的)?(?:数据|信息|功能|能力)?|无法(?:上网|联网|浏览(?:网页|互联网)?)"
        r"|リアルタイム(?:の)?(?:情報|データ)(?:に|を)(?:アクセス|取得)(?:することは)?でき(?:ません|ない)"
        r"|インターネット(?:に|を)(?:アクセス|閲覧|接続)(?:することは)?でき(?:ません|ない)"
        r"|실시간 (?:정보|데이터)(?:에 접근|를 (?:제공|확인))할 수 없|인터넷(?:에 접속|을 검색)할 수 없"
        r"|no tengo acceso a (?:datos|información|internet)(?: en tiempo real| actualizad[ao]s?)?"
        r"|no puedo (?:acceder a internet|navegar)"
        r"|je n'ai pas accès (?:aux|à des|à) (?:données|informations|internet)(?: en temps réel)?"
        r"|je n'ai pas la possibilité d'accéder à (?:des liens|internet)|je ne peux pas (?:naviguer|accéder à internet)"
        r"|keinen zugriff auf (?:echtzeit\w*|aktuelle (?:daten|informationen|kurse)|das internet|links)"
        r"|non ho accesso a (?:dati|informazioni|internet)(?: in tempo reale| aggiornat[ie])?"
        r"|non posso (?:navigare|accedere a internet)"
        r"|não tenho acesso a (?:dados|informações|internet)(?: em tempo real| atualizad[ao]s)?"
        r"|não consigo (?:acessar|navegar)(?: na)? internet"
        r"|у меня нет доступа к (?:данным|информации|интернету)(?: в реальном времени)?"
        r"|не могу (?:просматривать|открывать) (?:интернет|ссылки|сайты)"
        r"|ik heb geen toegang tot (?:realtime|actuele|live) (?:gegevens|informatie)",
        search=True,
        doc="'I have no real-time data / internet access' in zh, ja, ko, es, fr, de, it, pt, ru and nl: stripped from "
        "an answer; alone, or with only a pointer to a website left, no answer",
    ),
    RegexRule(
        "decline_v6",
        "refusal",
        (
            "that's not", "that is not", "that isn't", "this is not", "this isn't", "not writing", "not doing",
            "not touching", "not helping", "not making", "not translating", "not compiling", "stop there", "stop here",
            "leave alone", "leave out", "leave it alone", "leave that alone", "leave this alone", "leave them alone",
            "refused", "i'll leave", "i will leave",
        ),
        # "That's not information I'm going to compile." (the noun is what the verb would act on)
        r"\b(?:that|this)(?:'s| is|) not (?:a |an |the |some |any )?(?:[\w-]+ ){1,3}?i(?:'m| am)? ?(?:going to|gonna|will|"
        r"'ll|can|want to|would) (?:compile|make|write|share|give|provide|do|create|produce|guess|answer|touch|list|name|"
        r"offer|post|publish|generate|help with|weigh in on|speculate on|go into)(?: (?:for you|here|myself))?\s*(?:[.;!]|$)"
        # a fragment that declines: "Not writing the curse-out.", "... so I'll stop there.", "I'll leave the password
        # thing alone", "Refused."
        r"|(?:^|[.!?]\s+)not (?:writing|doing|touching|helping with|making|translating|compiling) (?:that|this|the|it|"
        r"those|these|any)\b[^.!?\n]{0,60}[.!]"
        r"|\b(?:so|and) i(?:'ll| will) stop (?:there|here)\b|\bi(?:'ll| will) leave (?:the |that |this )?[\w -]{1,30}? "
        r"(?:alone|out)\b(?! of)|\bi(?:'ll| will) leave (?:it |that |this |them )?alone\b|^\s*refused[.!]*\s*$",
        search=True,
        doc="more declines: 'That's not information I'm going to compile.', 'Not writing the curse-out.', '... so I'll "
        "stop there.', 'The password thing I'll leave alone', 'Refused.'",
    ),
    RegexRule(
        "no_opinion_v6",
        "boilerplate",
        (
            "i don't really", "i do not really", "i don't actually", "i don't personally", "i don't hold",
            "i do not hold", "i'm not really", "i am not really", "i'm not in a position", "i am not in a position",
            "i try not to", "i aim not to", "i try to avoid", "predict the future", "predict future", "foresee the future",
            "training data has", "knowledge has a", "lack current", "lack real-time", "lack up-to-date", "no favorites",
            "no favourites", "没有个人", "没有最喜欢", "也没有最喜欢", "não tenho a capacidade", "não tenho opiniões",
            "não tenho preferências", "non posso prevedere", "non ho accesso a dati", "non ho opinioni", "저는 ai",
            "취향도 없", "의견이 없", "je ne peux donc pas connaître", "je ne peux pas connaître", "je n'ai pas d'opinion",
            "je n'ai pas de préférence", "у меня нет личн", "no tengo opiniones", "no tengo preferencias",
            "ich habe keine persönlichen", "ich habe keine meinung", "ich habe keine vorlieben",
        ),
        r"i (?:don't|do not) (?:really |actually |personally )(?:have|hold|form|possess) (?:any )?(?:personal |my own )?"
        r"(?:favou?rites?|preferences?|tastes?|opinions?|views?|beliefs?|feelings?|emotions?|likes)\b"
        r"|i (?:don't|do not) hold (?:any )?(?:personal )?(?:opinions?|views?|positions?|stances?|beliefs?)\b"
        r"|i(?:'m| am) not (?:really )?(?:able|in a position|equipped) to (?:make|form|give|offer|pass|judge|pick|choose|"
        r"take|rank|crown)\b[^.!?\n]{0,40}?\b(?:judg(?:e)?ments?|opinions?|sides?|favou?rites?|verdicts?|work|call|"
        r"ranking|one)\b"
        r"|i (?:try|aim) (?:not to|to avoid) (?:take|taking|pick|picking) sides\b"
        r"|i try to avoid (?:taking|picking) sides\b"
        r"|(?:i )?(?:can't|cannot|can not|am unable to|'m unable to) (?:predict|foresee|know) (?:the )?future(?: events)?\b"
        r"|(?:i )?(?:can't|cannot|can not) predict (?:future )?events\b"
        r"|(?:predict the future|predict future events|foresee the future)"
        r"|my (?:training data|knowledge) has a (?:cutoff|cut-off|knowledge cutoff)\b"
        r"|lack (?:current|real-time|up-to-date) (?:data|information)\b"
        r"|no favou?rites\b"
        r"|(?:我|也)?没有(?:个人的?|最喜欢的)(?:观感|喜好|偏好|观点|看法|情感|感情|意见|歌手|电影|书|食物|颜色)?"
        r"|não tenho (?:a capacidade de prever|opiniões pessoais|preferências pessoais)"
        r"|non posso prevedere|non ho accesso a dati (?:aggiornati|in tempo reale)|non ho opinioni personali"
        r"|저는 ai(?:라서|이기 때문에|이므로)|(?:취향|의견)(?:도|이) 없"
        r"|je ne peux (?:donc )?pas connaître (?:la météo|l'actualité|les dernières)|je n'ai pas d'opinions? personnelles?"
        r"|je n'ai pas de préférences? personnelles?|у меня нет личн(?:ого|ых) (?:мнения|предпочтений)"
        r"|no tengo (?:opiniones|preferencias) personales|ich habe keine (?:persönlichen )?(?:meinungen?|vorlieben|präferenzen)",
        search=True,
        doc="no-opinion and capability boilerplate in more words: 'I don't really have personal favorites', 'I don't "
        "hold personal opinions on', 'I'm not in a position to judge creative work', 'I can't predict future events', "
        "'My training data has a cutoff date', and in zh, pt, it, ko, fr, ru, es, de",
    ),
)
# fmt: on
