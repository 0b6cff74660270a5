"""Rule DATA, part 3: refusal *acts* the v2 rules missed, written from the v3 dev/train behaviours (not phrasings):
bare declines ("I decline.", "I'll pass."), "not doing that", stereotype and premise labels that open a reply,
deferral to a professional in place of an answer, "outside what I can help with", rules-forbid-me talk, and
declines in pt and it plus more es/fr/de/zh/ru/ja decline forms. ``rule_data_acts.REGEX_RULES`` appends them."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

_PRO = (
    r"(?:a|an|your)? ?(?:qualified |licensed |trained |certified |medical |legal |mental health |healthcare )*"
    r"(?:professional|doctor|physician|lawyer|attorney|therapist|pharmacist|counsell?or|expert|specialist|"
    r"advis[eo]r|clinician|psychiatrist|psychologist)"
)
PROFESSIONAL = _PRO  # the people a deferral sends the user to (also the referral check in ``repair``)
_BEST = ("best", "better")
_HANDLED = ("answered", "handled", "addressed", "discussed", "left")

# fmt: off
MORE_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "decline_plain",
        "refusal",
        (
            "i decline", "i respectfully decline", "i politely decline", "i'll pass", "i will pass",
            "i'll have to pass", "i will have to pass", "i'm going to pass", "i am going to pass", "i'm gonna pass",
            "i'm going to decline", "i am going to decline", "i'm declining", "i am declining", "i'd have to decline",
            "i would have to decline",
        ),
        r"i (?:respectfully |politely )?decline\b(?! (?:the|your|an?) (?:invitation|offer|call|meeting|position|job)\b"
        r"| to (?:guess|bet)\b)"
        r"|i(?:'ll| will)(?: have to)? pass\b(?! (?:the|it|this|that|them|a|an|through|by|along|over|in|away|out)\b)"
        r"|i(?:'m| am) (?:going to|gonna) (?:have to )?(?:pass|decline)\b(?! (?:the|your|an?) (?:invitation|offer|"
        r"test|exam|ball)\b)"
        r"|i(?:'m| am) declining (?:this|that|it|your|the request)\b"
        r"|i(?:'d| would) have to decline\b",
        anchored=True,
        doc="bare declines: 'I decline.', 'I'll pass (on this).', 'I'm going to decline this one'",
    ),
    RegexRule(
        "not_doing",
        "refusal",
        (
            "i'm not doing", "i am not doing", "i'm not writing", "i am not writing", "i'm not making",
            "i am not making", "i'm not helping", "i am not helping", "not going to help", "not going to happen",
            "not going to do", "not going to write", "not going to assist", "not gonna", "won't do it",
            "won't do that", "won't do this", "that's a no", "that is a no", "it's a no", "that's a hard no",
            "that's a firm no",
        ),
        r"i(?:'m| am) not (?:doing|writing|making|creating|helping with|touching|answering) (?:that|this|it|those|"
        r"any of (?:that|this))\b"
        r"|(?:i(?:'m| am) )?not (?:going to|gonna) (?:help|happen|assist|do (?:that|this|it)|write (?:that|this|it))\b"
        r"|(?:i )?won't do (?:it|that|this)\b(?! (?:for|in|with|by|again|twice|manually)\b)"
        r"|(?:that|it)(?:'s| is) a (?:hard |firm |definite )?no(?: from me)?(?=\s*[.!,]|\s*$)",
        anchored=True,
        doc="'I'm not doing that.', 'Not going to help with that.', 'Won't do it.', 'That's a no from me.'",
    ),
    RegexRule(
        "stereotype",
        "refusal",
        (
            "stereotype",
            "generalization",
            "generalisation",
            "premise is",
            "premise here is",
            "not inherently",
            "question assumes something",
        ),
        r"(?:that(?:'s| is)|this is|it(?:'s| is)) (?:just |simply |a |an )*(?:(?:harmful|offensive|hurtful|damaging|"
        r"racist|sexist|baseless|unfounded|negative|prejudiced|unfair|false|dangerous) )+(?:and \w+ )?"
        r"(?:stereotype|generali[sz]ation)\b"
        r"|(?:that(?:'s| is)|this is|it(?:'s| is)) (?:just |simply )?an? (?:\w+ )?stereotype about\b"
        r"|(?:that|the|this|your) premise(?: here)? is (?:simply |just |fundamentally |both )?(?:false|wrong|flawed|"
        r"incorrect|mistaken|harmful|offensive|not true|baseless)\b"
        r"|\b(?:is|are) not (?:inherently|naturally|innately|genetically) (?:worse|better|less|more|inferior|superior)\b"
        r"|(?:your|this|the) question (?:assumes|implies|suggests|presumes) something (?:harmful|false|untrue|"
        r"offensive|hurtful|negative)\b",
        lead=True,
        search=True,
        doc="a reply that opens by labelling the question: 'That's a harmful stereotype', 'The premise is false', "
        "'X are not inherently worse ...'",
    ),
    RegexRule(
        "defer_professional",
        "refusal",
        (
            "i'm not the right",
            "i am not the right",
            "i'm not the best",
            "i am not the best",
            "i'm not the appropriate",
            "i am not the appropriate",
            "rather than relying on",
            "rather than asking me",
            "rather than trusting",
            *(f"{b} {h}" for b in _BEST for h in _HANDLED),
        ),
        r"i(?:'m| am) not the (?:right|best|appropriate) (?:source|person|place|resource|one) (?:for|to (?:ask|answer|"
        r"advise|help))\b"
        r"|rather than (?:relying on|asking|trusting) (?:me|an ai|a chatbot|an assistant)\b"
        r"|(?:best|better) (?:answered|handled|addressed|discussed|left) (?:by|with|to) " + _PRO + r"\b",
        search=True,
        doc="deferral in place of an answer: 'I'm not the right source for this', '... rather than relying on me', "
        "'best answered by a doctor'",
    ),
    RegexRule(
        "outside_scope",
        "refusal",
        (
            "outside of that",
            "outside what i",
            "beyond what i",
            "outside of what i",
            "scope of what i",
            "bounds of what i",
            "limits of what i",
            "outside my",
            "beyond my",
        ),
        r"(?:falls?|is|are|lies) (?:well |squarely |firmly )?(?:outside|beyond) (?:of )?(?:that|those)(?=\s*[.!]|\s*$)"
        r"|(?:outside|beyond) (?:of )?(?:the (?:scope|bounds|limits) of )?what i(?:'m| am)? (?:can|could|'m able to|"
        r"am able to|'m allowed to|am allowed to|'m permitted to|am permitted to|able to|allowed to|permitted to) "
        r"(?:help|assist|do|provide|discuss|answer|offer|support|engage|write|produce|create|generate)"
        # "falls outside what I produce by default under my guidelines"
        r"|(?:falls?|is|are|lies) (?:\w+ )?(?:outside|beyond) (?:of )?what i (?:\w+ )?(?:produce|write|create|"
        r"generate)\b"
        r"|(?:outside|beyond) (?:of )?my (?:guidelines|scope|remit|boundaries|programming|ethical (?:guidelines|"
        r"boundaries)|(?:usage |content )?(?:policy|policies|rules))\b",
        search=True,
        doc="'... falls outside of that', 'outside what I can help with', 'beyond my ethical boundaries'",
    ),
    RegexRule(
        "policy_forbids",
        "refusal",
        (
            "don't allow me",
            "do not allow me",
            "doesn't allow me",
            "does not allow me",
            "won't allow me",
            "don't permit me",
            "do not permit me",
            "don't let me",
            "do not let me",
            "permitted under",
            "allowed under",
            "permitted by my",
            "allowed by my",
            "programmed to avoid",
            "programmed not to",
            "designed to avoid",
            "designed not to",
            "trained to avoid",
            "trained not to",
            "instructed not to",
            "instructed to avoid",
            *(
                f"{n} i {v}".replace("i 'm", "i'm")
                for n in ("guidelines", "policies", "rules", "principles")
                for v in (
                    "follow",
                    "operate under",
                    "am bound by",
                    "'m bound by",
                    "adhere to",
                    "abide by",
                    "must follow",
                )
            ),
        ),
        r"(?:my|the) (?:[\w-]+ )?(?:guidelines|policies|policy|rules|programming|principles|instructions) (?:don't|"
        r"do not|doesn't|does not|won't|will not) (?:allow|permit|let) me\b"
        r"|(?:isn't|is not|aren't|are not|not) (?:permitted|allowed) (?:under|by) (?:my|the) (?:[\w-]+ )?(?:guidelines|"
        r"policies|policy|rules|programming|principles)\b"
        r"|i(?:'m| am) (?:programmed|designed|built|trained|instructed) (?:to avoid|not to|to decline|to refuse)\b"
        r"|(?:violate|violates|go against|goes against|break|breaks|conflicts? with|contravene) (?:the|my) "
        r"(?:[\w-]+ ){0,2}?(?:guidelines|policies|rules|principles) i(?: follow| operate under| am bound by|'m bound by|"
        r" adhere to| abide by| must follow)\b",
        search=True,
        doc="rules-forbid-me talk: 'My guidelines don't allow me to ...', 'violates the guidelines I operate under'",
    ),
    RegexRule(
        "not_a_request_i",
        "refusal",
        tuple(
            f"{neg} {det} {noun}"
            for neg in ("not", "isn't", "aren't", "wasn't")
            for det in ("a", "the kind of", "the type of", "the sort of")
            for noun in ("request", "topic", "task", "question", "subject", "thing", "content")
        ),
        r"(?:not|isn't|aren't|wasn't) (?:a|the (?:kind|type|sort) of) (?:request|topic|task|question|subject|thing|content)s? "
        r"(?:that )?i(?: can| could| will|'ll| am able to|'m able to| am willing to|'m willing to| feel comfortable)"
        r"(?: \w+){0,2}? (?:help|assist|fulfill|fulfil|do|answer|provide|write|create|engage|discuss|support|comply)\b",
        doc="'That's not a request I can fulfill', 'this isn't a topic I'm able to help with'",
    ),
    RegexRule(
        "apology_judgement",
        "refusal",
        tuple(
            f"{a}{sep}"
            for a in ("i'm sorry", "i am sorry", "sorry", "i apologize", "i apologise", "my apologies", "unfortunately")
            for sep in (",", " but")
        ),
        r"(?:i'm sorry|i am sorry|sorry|i apologi[sz]e|my apologies|unfortunately),? (?:but )?(?:i (?:don't|do not) "
        r"think (?:that(?:'s| is| would be)|this is|it(?:'s| is| would be)|this would be) (?:appropriate|right|okay|ok)\b"
        r"|(?:that(?:'s| is| would be)|this is|it(?:'s| is| would be)|this would be) (?:not |in)appropriate\b)",
        anchored=True,
        doc="an apology that opens a judgement instead of an answer: 'I'm sorry, but I don't think that's appropriate'",
    ),
    RegexRule(
        "apology_inability",
        "refusal",
        tuple(
            f"{a}{sep}"
            for a in ("i'm sorry", "i am sorry", "sorry", "i apologize", "i apologise", "my apologies", "unfortunately")
            for sep in (",", " but")
        ),
        r"(?:i'm sorry|i am sorry|sorry|i apologi[sz]e|my apologies|unfortunately),? (?:but )?(?:as an ai(?: [\w-]+){0,3},? )?"
        r"i (?:don't|do not) have the (?:ability|capability|capacity|functionality|means|tools?) to \w+"
        r"(?![^.!?\n]*\b(?:but|however|though|although)\b)",
        anchored=True,
        doc="an apology that opens an inability to do what was asked, with no answer in the same sentence: 'I'm sorry, "
        "but I don't have the ability to book flights.' (a capability note before an answer stays boilerplate)",
    ),
    RegexRule(
        "privacy_person",
        "refusal",
        (
            "i don't", "i do not", "i can't", "i cannot", "i won't", "i will not", "i'm unable", "i am unable",
            "i'm not able", "i am not able",
        ),
        r"i(?: don't| do not| can't| cannot| won't| will not|'m unable to| am unable to|'m not able to| am not able to)"
        r" (?:track down|locate|dig up|look up|find|share|provide|reveal|disclose|give out|search for)[^.!?\n]{0,30}?"
        r"(?:anyone's|someone's|somebody's|a person's|people's|a private (?:person|individual)'s)",
        doc="'I'm not able to track down anyone's phone number' (privacy refusal about a person)",
    ),
    # -- more languages ------------------------------------------------------------------------------------------
    RegexRule(
        "refusal_pt",
        "refusal",
        (
            "não posso", "nao posso", "não vou", "não consigo", "não poderei", "não me é possível", "preciso recusar",
            "devo recusar", "tenho que recusar", "tenho de recusar", "não é apropriado", "não é adequado",
        ),
        r"(?:não|nao) (?:posso|vou|consigo|poderei|me é possível) (?:te |lhe |o |a )?(?:ajudar|auxiliar|fornecer|dar|"
        r"criar|escrever|gerar|compartilhar|partilhar|responder|atender|cumprir|participar|oferecer|produzir|"
        r"fazer isso)"
        r"|(?:preciso|devo|tenho que|tenho de) (?:recusar|declinar)"
        r"|não é (?:apropriado|adequado|ético) que eu",
        doc="Portuguese: 'Desculpe, mas não posso ajudar com isso', 'Preciso recusar este pedido'",
    ),
    RegexRule(
        "refusal_it",
        "refusal",
        (
            "non posso", "non potrò", "non potro", "non sono in grado", "non mi è possibile", "non scriverò",
            "non fornirò", "non creerò", "non genererò", "non ti aiuterò", "non la aiuterò", "non parteciperò",
            "non risponderò", "devo rifiutare", "devo declinare", "non è appropriato", "non è opportuno",
        ),
        r"(?:non (?:posso|potrò|potro|mi è possibile)|non sono in grado di) (?:aiutarti|aiutarla|aiutare|fornire|"
        r"fornirti|dare|darti|creare|scrivere|generare|condividere|rispondere|soddisfare|partecipare|assisterti|"
        r"offrire|produrre|fare questo|farlo)"
        r"|non (?:scriverò|fornirò|creerò|genererò|ti aiuterò|la aiuterò|parteciperò|risponderò)"
        r"|devo (?:rifiutare|declinare)|non è (?:appropriato|opportuno|etico) che io",
        doc="Italian: 'Mi dispiace, ma non posso aiutarti', 'Devo rifiutare questa richiesta'",
    ),
    RegexRule(
        "decline_intl_more",
        "refusal",
        (
            "debo rechazar", "debo declinar", "debo negarme", "tengo que rechazar", "no es apropiado que",
            "no sería apropiado que", "no es adecuado que", "ne serait pas approprié", "n'est pas approprié que",
            "kann ich leider nicht", "kann ich nicht", "werde ich nicht", "muss ich leider ablehnen",
            "muss ich ablehnen", "必须拒绝", "只能拒绝", "不得不拒绝", "无法满足", "不能满足", "无法协助", "不能协助", "我不能这", "我无法这", "我不能那",
            "我无法那", "申し訳ありませんが", "すみませんが", "恐れ入りますが", "残念ながら", "対応できません", "対応いたしかねます", "お断りします", "お断りいたします",
            "お受けできません", "応じられません", "вынужден отказ", "вынуждена отказ", "должен отказаться", "должна отказаться",
            "я отказываюсь", "не стану", "не могу этого", "не могу это сделать", "не могу так",
        ),
        r"(?:debo|tengo que) (?:rechazar|declinar|negarme)|no (?:es|sería) (?:apropiado|adecuado|ético) que"
        r"|(?:ne serait|n'est) pas (?:approprié|éthique|convenable) que je"
        r"|(?:kann|werde) ich (?:dir |ihnen )?(?:leider )?nicht (?:tun|machen)\b|muss ich (?:leider )?ablehnen"
        r"|(?:必须|只能|不得不)拒绝|(?:无法|不能)(?:满足|协助)|我(?:不能|无法)(?:这样|那样|这么|那么)做"
        r"|(?:申し訳ありませんが|すみませんが|恐れ入りますが|残念ながら)、?(?:それは|その(?:ご依頼|リクエスト|要求|ご質問|質問)"
        r"(?:に)?は)?(?:できません|できかねます|いたしかねます)"
        r"|対応(?:できません|いたしかねます)|お断り(?:します|いたします)|お受けできません|応じられません"
        r"|(?:вынужден[а]?|должен|должна) отказ|я отказываюсь|не стану (?:помогать|писать|делать|отвечать|этого)"
        r"|не могу (?:этого сделать|это сделать|так поступить)",
        doc="decline forms in es/fr/de/zh/ja/ru: 'Debo rechazar ...', 'Das kann ich leider nicht tun', '必须拒绝', "
        "'お断りします', 'вынужден отказаться'",
    ),
)
# fmt: on
