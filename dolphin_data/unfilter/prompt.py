"""The user's turn as context for the rules whose verdict depends on the question.

A reply that only refers the user to a doctor, a lawyer or the police (``regex:defer_only``) declines to answer,
unless the user asked who to turn to: "Who should I call about a gas leak?", "Do I need a lawyer for this?",
"Where can I get help?" (``regex:defer_intl`` the same, in other languages). A reply that opens with something else ("Instead, how about we ...":
``regex:redirect_opening``) offers it in place of what was asked, unless the user asked for alternatives ("What can
I use instead of butter?") or it is not the conversation's first reply (it may follow up on an earlier answer). A
reply that only judges the requested act ("Bribing an inspector is a criminal offense ...":
``regex:judgement_opening``) answers a user who asked what it is, whether it is legal, or for a text about it or its
risks, and nobody else. A first reply that calls the premise a stereotype (``regex:premise_opening``) answers a user
who asked about stereotypes, bias or the premise itself, and one that opens with "Let's change the subject"
(``regex:change_subject``) a user who asked about changing the subject. A first reply that opens by denying what
the question claims ("It is not accurate to say that ...": ``regex:premise_denied``) declines only a question about a
group of people (``ABOUT_A_GROUP``); about things it answers ("The Earth isn't flat"). A reply that opens by judging whatever the user named ("Fake
reviews violate Amazon's guidelines ...": ``regex:judgement_subject``) declines only a user who asked to do or to get
it (``REQUESTS_ACT``: "How do I ...", "Write ...", "Give me ...", in eleven languages), not what it is, whether it is
legal or why (``ASKS_ABOUT_RISK``), and only when the judged subject echoes the user's words (``echoes``).
``exempt(batch, checked, hits)`` removes such a rule's hit from an assistant turn whose human turn just before it
answers it as above, and returns the turns it exempted (the stage counts them as ``prompt_exempt:<rule>``; the re-check
of a repaired turn runs it again on the repaired text's hits). Scoring stays pure: this is a decision taken on the
scores, with the prompt as input."""

from __future__ import annotations

import re

from dolphin_data.batch import GPT, Batch
from dolphin_data.unfilter.asked import ASKS_ABOUT_ME, declines_span, user_turns
from dolphin_data.unfilter.hits import Hit
from dolphin_data.unfilter.instructs import instructs
from dolphin_data.unfilter.text import sentences

DEFER, REDIRECT, JUDGE = "regex:defer_only", "regex:redirect_opening", "regex:judgement_opening"
DEFER_SHARE, OFFER = "regex:defer_share", "regex:redirect"
PREMISE, DEFER_INTL, JUDGED = "regex:premise_opening", "regex:defer_intl", "regex:judgement_subject"
RATHER, SUBJECT, REDIRECT_INTL = "regex:redirect_rather", "regex:change_subject", "regex:redirect_intl"
GROUP, PREMISE_INTL, INSTEAD = "regex:premise_denied", "regex:premise_intl", "regex:redirect_instead"
STEER, LECTURES, WEIGH = "regex:redirect_steer", "regex:lecture_share", "regex:weigh_first"
PROMPT_DEPENDENT = frozenset(
    {DEFER, REDIRECT, JUDGE, PREMISE, DEFER_INTL, JUDGED, RATHER, SUBJECT, REDIRECT_INTL, GROUP, PREMISE_INTL, INSTEAD}
    | {STEER, LECTURES, DEFER_SHARE, WEIGH, OFFER}
)
# the user asks whether to do something ("Should I pour bleach on the weeds?"): another way is the answer
ASKS_SHOULD = re.compile(
    r"\b(?:should i|shall i|is it (?:ok|okay|safe|fine|a good idea|smart|wise|bad) to|do i need to|would you "
    r"recommend)\b",
    re.I,
)
# the user asked for a story, a poem or a scene: its text may dwell on harm and crime without a single instruction
NARRATIVE = re.compile(
    r"\b(?:story|stories|novel|fiction|fictional|scene|screenplay|chapter|plot|character|villain|poem|song|"
    r"lyrics|verse|rap|dialogue|monologue|fable|tale|narrative)\b",
    re.I,
)
# the user's question is about a group of people (a premise rejected about one is a refusal to argue it)
ABOUT_A_GROUP = re.compile(
    r"\b(?:(?:old|older|young|black|white|brown|asian|poor|rich|fat|overweight|disabled|gay|trans|homeless|autistic|"
    r"religious|southern|northern|rural|indigenous|native|muslim|jewish|christian|deaf|blind) people|women|men|"
    r"blacks?|whites?|asians?|latin[oa]s?|latinx|hispanics?|arabs?|"
    r"muslims?|islam|jews?|jewish|christians?|hindus?|sikhs?|buddhists?|atheists?|immigrants?|refugees?|migrants?|"
    r"foreigners?|gays?|lesbians?|bisexuals?|trans(?:gender)?|queer|autistic|disabled|elderly|seniors|millennials|"
    r"boomers|gen ?z|zoomers|poor|homeless|race|races|ethnic\w*|nationalit\w*|religions?|generations?|genders?|"
    r"americans|mexicans|chinese|japanese|koreans|indians|africans|europeans|russians|french|germans|italians|irish|"
    r"british|english|scots|poles|romani?|gypsies|muslims|blondes?|redheads?|vegans|feminists|liberals|conservatives|"
    r"democrats|republicans|southerners|northerners|[a-z]+ians|(?:chin|japan|vietnam|portugu|taiwan|burm|nepal|"
    r"senegal|congol|leban|sudan|malt|bali|java|guyan|cantons)ese|(?:brit|engl|ir|scott|pol|span|dan|swed|finn|turk|"
    r"kurd|flem|corn)ish)\b",
    re.I,
)
# the user asked about changing the subject itself ("How do I change the subject politely?")
ASKS_ABOUT_SUBJECT = re.compile(
    r"\b(?:subject|topic|conversation|tema|sujet|thema|argomento|assunto|onderwerp)\b|тем[уаы]|话题|話題|화제", re.I
)

_PRO = (
    r"(?:doctor|physician|dentist|specialist|lawyer|attorney|therapist|counsel(?:l)?or|accountant|professional|expert|"
    r"vet|veterinarian|mechanic|agency|department|office|organi[sz]ation|hotline|helpline|authority|someone|somebody)"
)
ASKS_FOR_REFERRAL = re.compile(
    r"\bwho (?:should|do|can|could|would|must) i (?:call|contact|see|ask|talk to|speak (?:to|with)|turn to|go to|"
    r"report|notify|tell)\b"
    r"|\bwhere (?:can|do|should|could|would) (?:i|we|one) (?:go|get|find|report|turn|call|seek|ask)\b"
    r"|\b(?:should|do|must) i (?:need to |have to )?(?:see|call|contact|consult|go to|visit|talk to|speak to|get|hire|"
    r"involve|notify|tell) (?:a|an|the|my|someone|somebody|anyone|anybody)\b"
    r"|\bdo i need (?:a|an|to see|to call|to contact|to get) \b"
    r"|\b(?:what|which) (?:kind of |type of |sort of )?" + _PRO + r"s? (?:should|do|can|would|could|is|are)\b"
    r"|\bhow (?:do|can|should|would) i (?:find|contact|reach|choose|pick|get in touch with) (?:a|an|the|my|someone)\b"
    r"|\b(?:is it|would it be) (?:worth|necessary|a good idea|wise|smart) (?:to )?(?:see|call|contact|consult|get|"
    r"seeing|calling|contacting|consulting|getting|hiring)\b"
    r"|\b(?:recommend|suggest|know) (?:a|an|any|some|good) " + _PRO + r"\b"
    r"|\b(?:where|how) (?:to|can i|do i) (?:get|find|seek) (?:help|support|advice)\b"
    # the same asks in es, fr, de, it, pt, ru, nl, zh, ja, ko
    r"|a quién|à qui|an wen|a chi|a quem|к кому|wie moet ik|dónde (?:puedo|debo) (?:ir|acudir)|où (?:puis-je|dois-je) "
    r"(?:aller|m'adresser)|wo kann ich|(?:debo|tengo que) ir al médico|dois-je consulter|sollte ich zum arzt|devo andare "
    r"dal medico|devo ir ao médico|нужно ли (?:идти|обращаться) к врачу|找谁|要不要去医院|该去哪|誰に相談|病院に行くべき|"
    r"누구에게|병원에 가야",
    re.I,
)
ASKS_ABOUT_IT = re.compile(
    r"^\W*(?:what(?:'s| is| are| was| were| does| do)|why|is (?:it|this|that|there)|are (?:they|these|those|there)|"
    r"was|were|explain|define|describe|tell me (?:about|what|why|whether|if)|how (?:dangerous|bad|illegal|serious|"
    r"harmful|common|risky|safe|legal|wrong)|can you explain|do you think|would it be|isn't it|aren't they)\b"
    r"|\b(?:is|are) (?:it|this|that|they|\w+ing) (?:\w+ )?(?:legal|illegal|ethical|unethical|wrong|safe|dangerous|okay|ok|"
    r"allowed|a crime)\b|\bwhy\b|\bhow come\b"
    # a text about the act, its risks or its ethics ("Write a paragraph on the dangers of texting while driving")
    r"|\b(?:essay|paragraph|article|speech|blog|post|report|explain|explanation|about|dangers?|risks?|consequences|"
    r"effects?|impacts?|harms?|ethics|morality|legality|persuade|persuasive|argue|convince|pros and cons)\b",
    re.I,
)
# the user asks how to do the act or for its product ("How do I ...", "What's the best way to ...", "Write a fake
# review ...", "Give me ..."): a reply that only judges the act does not answer that, unless the user also asked about
# the act's legality, risks or ethics, or for a text about them (``ASKS_ABOUT_RISK``)
REQUESTS_ACT = re.compile(
    r"^\W*(?:(?:hey|hi|hello|ok|okay|so|please|pls|yo)\W+)*(?:how (?:do|can|could|should|would|might) (?:i|we|you|one|u)\b|"
    r"how to\b|what(?:'s| is| are)(?: the| a| an| some)? (?:\w+ )?(?:ways?|methods?|tricks?|tips?|steps?|script|recipe)\b|"
    r"(?:give|write|generate|create|make|draft|compose|show|teach|help|find|get|list|send|build|design|code|plan|"
    r"suggest|provide|come up with)\b|(?:tell|show) me how (?:to|i|we|you|one|u)\b|(?:can|could|would|will) you\b|"
    r"i (?:want|need|would like|'d like)\b|(?:ways?|tips?|tricks?|steps?|methods?) (?:to|for)\b)"
    # "What household chemicals can I mix to ...", "What pills can I take to ..."
    r"|\bwhat (?:\w+ ){0,3}?(?:can|could|should|do) (?:i|we) (?:use|mix|take|buy|get|say|send|put|add|make)\b"
    r"|\b(?:best|easiest|quickest|fastest|cheapest|simplest|most effective|good|safest) (?:way|ways|method|methods|place) "
    r"to\b|\bhow (?:do|can|could|should) i\b|\bstep[- ]by[- ]step\b|\bwithout (?:\w+ )?(?:getting caught|being caught|"
    r"anyone|him|her|them|my \w+|the \w+) (?:knowing|noticing|finding out)\b"
    # es, fr, de, it, pt, ru, nl, zh, ja, ko
    # how do I / how to: a first-person verb or an infinitive after the question word ("¿Cómo robo ...?", "Comment
    # pirater ...", "Wie komme ich ...", "Come tradire ...", "Como mentir ...", "Как не платить ...")
    r"|\bc[óo]mo (?:puedo|hago|se hace|podría|\w+o|\w+(?:ar|er|ir)(?:me|lo|la|le)?)\b|\bcomment (?:je|puis-je|faire|on|"
    r"\w+(?:er|ir|re))\b|\bwie (?:kann|könnte|mache|\w+) ich\b|\bcome (?:posso|faccio|si fa|\w+(?:are|ere|ire))\b|"
    r"\bcomo (?:posso|faço|eu|\w+(?:ar|er|ir))\b|\bкак (?:мне|можно|сделать|купить|получить|(?:не )?\w+ть(?:ся)?)|"
    r"\bhoe (?:kan|moet|\w+) ik\b|^\W*(?:escr[íi]be(?:me)?|dame|hazme|écris|donne-moi|fais-moi|schreib|gib mir|scrivi(?:mi)?|"
    r"dammi|escreva|me (?:dê|ajuda|ajude)|напиши|дай|schrijf|geef me)\b|怎么|如何|帮我|给我|写一|どうやって|方法を|書いて|"
    r"教えて|コツ|方法|어떻게|방법|써\s?줘|알려\s?줘|만들어\s?줘",
    re.I,
)
_RISK = (
    r"\b(?:legal|illegal|legally|lawful|unlawful|allowed|permitted|a crime|crimes?|ethical|unethical|moral|immoral|"
    r"wrong|safe|unsafe|dangerous|dangers?|risks?|risky|consequences?|penalt\w*|punish\w*|harmful|harms?|effects?|"
    r"impacts?|ethics|morality|legality|how come|pros and cons|explain\w*|explanation)\b"
    # why, asked (not "a manifesto about why ...")
    r"|(?:^|[.?!]\s+)\W*why\b|\bwhy (?:is|are|was|were|do|does|did|can|can't|could|should|would|shouldn't|not|isn't|"
    r"aren't)\b"
)
_RISK_INTL = (
    r"|\b(?:ilegal|illégal|légal|strafbar|erlaubt|legale|illegale|delito|délit|reato|peligros\w*|"
    r"dangereu\w*|gefährlich|pericolos\w*|perigos\w*|strafbaar|toegestaan|gevaarlijk|por qué|pourquoi|warum|perché|"
    r"por que)\b|законн|незаконн|преступл|опасн|почему|违法|合法|危险|为什么|違法|合法|危険|なぜ|불법|합법|위험|왜"
)
# the user asks whether the act is legal, safe or right, or why (not for a text about it): a proposal of something
# else in the reply's place answers that ("Is it safe to ...?" "Try ... instead")
ASKS_IF_OK = re.compile(_RISK + _RISK_INTL, re.I)
ASKS_ABOUT_RISK = re.compile(
    _RISK
    + _RISK_INTL
    # a text about the act ("an essay on ...", "a persuasive speech about ...", "a paragraph arguing ...")
    + r"|\b(?:essay|paragraph|article|speech|blog|post|report|piece|op-ed)\s(?:\w+\s){0,3}?(?:on|about|against|why|"
    r"explaining|arguing|discussing|describing)\b|\bpersuasive\b"
    # or a text about a topic: its history, a summary, a story, facts ("Give me a summary of the Holocaust")
    r"|\b(?:summary|summari[sz]e|overview|history|historical|story|stories|poem|song|novel|fiction|fictional|scene|"
    r"screenplay|describe|description|facts?|information|info|definition|define|what happened|timeline|verse|rap|"
    r"lyrics|limerick|haiku|joke|jokes|roast|monologue|dialogue|chapter|character|villain|plot|satire|"
    r"parody)\b",
    re.I,
)
# the judged subject refers to the request itself ("What you're describing is ...", "Doing that would be ...")
_REFERS_TO_REQUEST = re.compile(
    r"\bwhat you(?:'re| are)? (?:describing|asking|suggesting|proposing|planning|talking about|want|requesting|"
    r"looking for)|^\W*(?:this|that|it|doing (?:this|that|so)|(?:this|that|your|such an?) (?:request|plan|idea|scheme|"
    r"kind of \w+|approach))\b",
    re.I,
)
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "these",
        "those",
        "what",
        "with",
        "your",
        "yours",
        "their",
        "them",
        "they",
        "from",
        "into",
        "about",
        "would",
        "could",
        "should",
        "there",
        "here",
        "have",
        "been",
        "being",
        "were",
        "which",
        "where",
        "when",
        "will",
        "just",
        "only",
        "also",
        "very",
        "more",
        "most",
        "some",
        "such",
        "other",
        "another",
        "someone",
        "something",
        "anyone",
        "people",
        "person",
        "someone's",
    ]
)


def _set_aside(text: str) -> str:
    """What a "Rather than X, ..." hit sets aside: X."""
    return text.split(",", 1)[0].split(" ", 2)[-1]


def _is_cjk(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def echoes(judged: str, prompt: str) -> bool:
    """Whether a judged subject is what the user asked about: it refers to the request, or shares a word (its first
    five letters, four letters at least) with the prompt; a prompt in Chinese, Japanese or Korean always counts."""
    if _REFERS_TO_REQUEST.search(judged):
        return True
    if any(_is_cjk(c) for c in prompt):  # no spaces to find the user's words by: the request and the rest decide
        return True
    asked = {w[:5] for w in _WORD.findall(prompt.lower()) if len(w) >= 4}
    return any(len(w) >= 4 and w not in _STOPWORDS and w[:5] in asked for w in _WORD.findall(judged.lower()))


# the user asks whether a claim holds, not why it does: a denial answers ("Is it true that women are worse at math?")
ASKS_IF_TRUE = re.compile(
    r"\b(?:is it true|is that true|is it a fact|is there (?:any )?(?:evidence|truth|proof)|are \w+ really|do \w+ really|"
    r"does \w+ really|true or false|fact[- ]check|why do (?:some |many )?people (?:say|think|believe|claim))\b",
    re.I,
)
ASKS_ABOUT_BIAS = re.compile(
    r"\b(?:stereotyp\w*|prejudice\w*|generali[sz]\w*|bias\w*|bigot\w*|racis\w*|sexis\w*|xenophob\w*|"
    r"discriminat\w*|premise|assum\w*|myth\w*|clich\w*|estereotip\w*|prejuicio\w*|pr[ée]jug\w*|st[ée]r[ée]otyp\w*|"
    r"vorurteil\w*|klischee\w*|pregiudizi\w*|preconceit\w*|estere[oó]tip\w*|vooroorde\w*|premis\w*|pr[äa]miss\w*|"
    r"premess\w*|mito|mythe|mythos)|стереотип|предрассуд|предубежд|миф|偏见|刻板|偏見|ステレオタイプ|편견|고정관념|前提|전제",
    re.I,
)
ASKS_FOR_ALTERNATIVE = re.compile(
    r"\b(?:instead|alternatives?|rather than|other (?:ways?|options?|ideas?|things?|suggestions?)|something else|"
    r"different (?:way|approach|idea|option)|substitut\w*|replace\w*|swap|or should i|alternativ\w*|en vez de|"
    r"en lugar de|au lieu de|plutôt|statt|anstatt|invece|em vez|ao invés|in plaats|otra cosa|autre chose|"
    r"etwas anderes|outra coisa|iets anders|otras? (?:formas?|maneras?)|autres? (?:moyens?|façons?)|andere "
    r"(?:möglichkeit|möglichkeiten|wege?)|anderen weg|altr[oi] mod[oi]|outras? formas?|outros? jeitos?|andere manier)\b"
    r"|вместо|альтернатив|друг(?:ой|ие) способ|代わり|代替|替代|别的(?:办法|方法)|其他(?:办法|方法)|他の方法|대신|대안|다른 방법",
    re.I,
)


def exempt(batch: Batch, checked: list[int], hits: list[list[Hit]]) -> dict[int, list[Hit]]:
    """Remove, in place, the hits of ``PROMPT_DEPENDENT`` rules from the assistant turns (``checked[k]`` indexes the
    batch's turns) whose conversation answers them (see above), the refusal hits where the reply's declines are content
    the user asked for (``asked.declines_span``), and the boilerplate of a turn whose user asked what the assistant is
    (``asked.ASKS_ABOUT_ME``: it is the answer); per exempted ``k``, the removed hits."""
    removed: dict[int, list[Hit]] = {}
    roles, texts, owner = batch.roles, batch.texts, batch.owner()
    for k, t in enumerate(checked):
        if not hits[k] or roles[t] != GPT:
            continue
        prompt = user_turns(batch, [t])[0]
        span = declines_span(texts[t], prompt)  # declines the user asked for: in a message, or all of the reply
        about_me = ASKS_ABOUT_ME.search(prompt) is not None  # "Are you an AI?": the disclaimer is the answer
        lifted = [
            h
            for h in hits[k]
            if (h.kind == "refusal" and span is not None and span[0] <= h.start < span[1])
            or (h.kind == "boilerplate" and about_me)
        ]
        if lifted:
            removed[k] = lifted
            hits[k] = [h for h in hits[k] if h not in lifted]
        if not any(h.rule in PROMPT_DEPENDENT for h in hits[k]):
            continue
        earlier = bool((roles[batch.offsets[owner[t]] : t] == GPT).any())  # an assistant turn before this one
        answered = {
            DEFER: bool(prompt) and ASKS_FOR_REFERRAL.search(prompt) is not None,
            DEFER_INTL: bool(prompt) and ASKS_FOR_REFERRAL.search(prompt) is not None,
            DEFER_SHARE: bool(prompt) and ASKS_FOR_REFERRAL.search(prompt) is not None,
            OFFER: ASKS_SHOULD.search(prompt) is not None,
            REDIRECT: earlier or ASKS_FOR_ALTERNATIVE.search(prompt) is not None,
            JUDGE: ASKS_ABOUT_RISK.search(prompt) is not None
            or (ASKS_ABOUT_IT.search(prompt) is not None and REQUESTS_ACT.search(prompt) is None),
            PREMISE: earlier or ASKS_ABOUT_BIAS.search(prompt) is not None,
            PREMISE_INTL: earlier or ASKS_ABOUT_BIAS.search(prompt) is not None,
            SUBJECT: ASKS_ABOUT_SUBJECT.search(prompt) is not None,
            REDIRECT_INTL: earlier or ASKS_FOR_ALTERNATIVE.search(prompt) is not None,
            GROUP: earlier
            or ABOUT_A_GROUP.search(prompt) is None
            or ASKS_ABOUT_BIAS.search(prompt) is not None
            or ASKS_IF_TRUE.search(prompt) is not None,
        }
        acting = bool(prompt) and REQUESTS_ACT.search(prompt) is not None  # asked to do or to get something
        requested = acting and ASKS_ABOUT_RISK.search(prompt) is None  # ... not a text about it
        acting = acting and ASKS_IF_OK.search(prompt) is None  # ... nor whether it is legal, safe or right
        gone = [
            h
            for h in hits[k]
            if answered.get(h.rule, False)
            or (h.rule == JUDGED and not (requested and echoes(h.text, prompt)))
            or (h.rule == RATHER and (answered[REDIRECT] or not echoes(_set_aside(h.text), prompt)))
            or (h.rule == LECTURES and (not acting or NARRATIVE.search(prompt) is not None))
            or (h.rule == WEIGH and (not acting or _delivers(texts[t])))
            or (h.rule == STEER and _asked_for_it(h.text, prompt))
            or (
                h.rule in (INSTEAD, STEER)
                and (answered[REDIRECT] or not acting or _answered_first(texts[t], h.start, prompt))
            )
        ]
        if gone:
            removed[k] = removed.get(k, []) + gone
            hits[k] = [h for h in hits[k] if h not in gone]
    return removed


# a sentence that starts an answer ("Sure!", "Here's ...", "You can ...", "To fix it, ...")
_ANSWER_START = re.compile(
    r"(?:sure|yes|yeah|yep|of course|certainly|absolutely|definitely|here(?:'s|’s| is| are)|to \w+|you (?:can|could|"
    r"should|need|will|want|may|might)|use |first|start|step|the (?:best|easiest|simplest|quickest|usual) way)\b"
)


_MORAL = re.compile(
    r"constructive|productive|positive|respectful|legitimate|legal|ethical|healthy|healthier|kind|"
    r"compassionate|responsible|honest"
)


def _asked_for_it(steer: str, prompt: str) -> bool:
    """Whether the kind of way a steer proposes is what the user asked for ("How do I get out of jury duty
    legitimately?" "There are several legitimate ways to be excused")."""
    m = _MORAL.search(steer.lower())
    return m is not None and m.group()[:5] in prompt.lower()


_UNIT = re.compile(r"[^.!?\n]+[.!?]*")
_ITEM_HEAD = re.compile(r"^[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+)?(?:[\w' -]{1,40}:\s*)?")


def _delivers(text: str) -> bool:
    """Whether a reply does something of what was asked: a sentence or list item (its bold label set aside)
    instructs, or it quotes or holds code (a drafted text, a command)."""
    low = text.lower().replace("**", "")
    if "`" in low or any(q in low for q in '"\u201c\u201d'):
        return True
    return any(instructs(_ITEM_HEAD.sub("", u).strip()) for u in _UNIT.findall(low))


# an imperative made of the user's own verb: "How do I roast carrots?" "Roast them until golden."
_ECHOED_VERB = re.compile(
    r"([a-z]{3,}) (?:them|it|the|your|a|an|this|that|these|those|until|for|with|on|in|at|up|out)\b"
)


def _answered_first(text: str, start: int, prompt: str = "") -> bool:
    """A sentence before ``start`` answers (it instructs, starts like an answer, or opens with the user's own verb:
    "Sure! Hang the shelf on two anchors. Want a floating one instead?"): the reply answered before it proposed
    something else."""
    low = text[:start].lower()
    asked = set(_WORD.findall(prompt.lower()))

    def answers(x: str) -> bool:
        m = _ECHOED_VERB.match(x)
        return bool(instructs(x) or _ANSWER_START.match(x) or (m and m.group(1) in asked))

    return any(answers(x) for x in (low[s.start : s.end].strip() for s in sentences(low)))


# the sentence-level shapes: where the user's turn exempted one, its sentence answers, and the sentence classifier's
# cue there (a redirect, a judgement) is not a decline either
SENTENCE_SHAPES = frozenset(
    {REDIRECT, RATHER, JUDGE, JUDGED, PREMISE, REDIRECT_INTL, GROUP, PREMISE_INTL, INSTEAD, STEER, OFFER}
)


def outside_answered(
    cands: list[tuple[float, tuple[int, int]]], gone: list[Hit]
) -> list[tuple[float, tuple[int, int]]]:
    """The classifier's candidate sentences ``(score, (start, end))`` of one turn, minus those that overlap a
    sentence-level shape the user's turn exempted (``gone``, from ``exempt``)."""
    spans = [(h.start, h.end) for h in gone if h.rule in SENTENCE_SHAPES]
    return [c for c in cands if not any(a < c[1][1] and c[1][0] < b for a, b in spans)] if spans else cands
