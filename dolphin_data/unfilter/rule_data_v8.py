"""Rule DATA, part 8 (English): declines said softly or in passing, with no "I can't": the reply withholds a part
while it gives the rest, for a harm it names ("I'm keeping the harm to the child off the page", "I've left out the master's degree, since
misrepresenting credentials can cost you the offer"), or declines in a few words ("Let me stop you there.", "Not
comfortable with that one.", "Going to sit this one out.", "I don't think I should hand out napalm instructions").
Each alternative is the speaker's own act; ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

import re

from dolphin_data.unfilter.rule_data import RegexRule, keys_of
from dolphin_data.unfilter.rule_data_v4 import LECTURE
from dolphin_data.unfilter.rule_data_v7 import _EVAL_INTL, _EVAL_RX, _EVALS

_START = r"(?:^|(?<=\n)|(?<=[.!?:] )|(?<=[.!?:]  ))"  # a sentence's start (searched in a line window)
# what a withheld part is withheld for: harm, law, risk or a falsehood ("since that's unauthorized access")
_HARM = (
    r"(?:illegal|unlawful|unauthori[sz]ed|lawsuit|liabilit|harm|hurt|danger|risk|misrepresent|fraud|false|unapproved|"
    r"underage|offensive|inappropriate|defamat|affair|land badly|backfire|legal trouble|violat|mislead|deceiv)"
)
_HARSH = r"(?:explicit|graphic|cruel|gory|brutal|dirty|nasty|mean|harsh|vulgar|crude|offensive|savage)\b"
_SOFT = (
    r"\bi(?:'m| am) keeping (?:the |any )?[\w' -]{1,40}? off the page\b"
    r"|\bi (?:would|'d) prefer not to (?:translate|write|include|share|go into|describe|detail|help|provide|give|list)\b"
    r"|\bi don't think i should (?:hand out|give|provide|write|help|share|explain|detail|describe|walk you through)\b"
    r"|" + _START + r"(?:going to|gonna) sit (?:this|that) one out\b"
    r"|\blet me stop you (?:right )?there\b"
    r"|" + _START + r"not comfortable with (?:that|this)\b"
    r"|" + _START + r"not (?:writing|doing|making|creating|sharing|providing) "
    r"(?![^.!?\n]*\b(?:is|are|was|were|can|will|means?)\b)[^.!?\n,;]{1,60}?\.\s*$"
    # what was asked, toned down: "I'll keep this one on the sensual side rather than explicit", "I'd rather it be
    # firm than cruel", "I'll stay in teasing territory", "the really offensive ones are best left unsaid"
    r"|\bi(?:'ll| will|'m going to| am going to) (?:keep|stay|leave) (?:this|it|things|that)?(?: one)? ?(?:on the [\w-]+ "
    r"side|in [\w-]+ territory|[\w-]+) rather than " + _HARSH + r"|\bi(?:'d| would) rather (?:it|this|we) (?:be|stay) "
    r"[\w-]+ (?:than|rather than) " + _HARSH + r"|\bi(?:'ll| will) stay in [\w-]+ territory\b|\bbest left unsaid\b"
    r"|(?:\bi(?:'ve| have) (?:left out|dropped|omitted|removed|cut|skipped)|\bi(?:'m| am) (?:leaving out|skipping|"
    r"omitting)|" + _START + r"skipping) [^.!?\n]{1,80}?,? (?:since|because|as) [^.!?\n]{0,120}?" + _HARM
)

# a proposal of something else, marked as a replacement, in a prose reply's first sentences ("Exam pressure is no
# joke. How about we put that energy into getting you ready instead?", "What if we wrote something that protects you
# instead?", "Want a training program instead?"): stands only when the user asked to do or get something, not for
# alternatives, and nothing before it answered (unfilter/prompt.py)
_INSTEAD = (
    r"\b(?:how about|what if|what about|why not|why don't we|could we|can we|shall we|let's|let us|maybe|perhaps|want|"
    r"would you like|have you (?:thought about|considered)|try|consider)\b[^.!?\n]{0,120}?\binstead\b(?! of)"
)

# a proposal that says by itself it moves away from what was asked: "Could we shift the focus a bit?", "I'd like to
# gently steer you toward ...", "A more constructive direction might be ...", "there are legitimate ways to ...",
# "Let's take it in a different direction" (the moral words only: "a more efficient approach" is a technical answer)
_STEER = (
    r"\b(?:could|can|shall|may) we (?:\w+ )?(?:shift|change|turn|move|redirect) (?:the |our )?(?:focus|direction|gears)\b"
    r"|\blet(?:'s| us) (?:shift|turn|move|redirect) (?:the |our )?(?:focus|attention|energy)\b"
    r"|\blet(?:'s| us) take (?:it|this|things) in a (?:different|new|another|more \w+) direction\b"
    r"|\b(?:gently |kindly )?(?:steer|nudge|guide|point) (?:you|the conversation) (?:\w+ )?(?:toward|towards|"
    r"in a (?:different|more))\b"
    r"|\b(?:a|the) (?:far |much )?more (?:constructive|productive|positive|respectful|legitimate|ethical|healthy|"
    r"kind|compassionate|responsible|honest) (?:approach|goal|option|direction|path|play|move|plan|way|route|focus|"
    r"outlet|use of)\b"
    r"|\bthere (?:are|is) (?:\w+ ){0,2}?(?:legitimate|legal|ethical|honest|healthier|constructive) (?:ways?|options?|"
    r"routes?|paths?) to\b"
)

# the milder thing the opening says it delivers in place of what was asked ("Here's a lighthearted tweet that celebrates
# plant-based food without poking fun at anyone", "How about a romantic scene that fades to black?", "Que tal uma
# versão firme, mas profissional?", "흑역사 폭로 대신 ..."): a refusal only for a user who asked for the harsh thing,
# in other words than these (unfilter/prompt.py, ``requests.ASKS_HARSH``); "affectionate but still with bite" keeps it
_MILD_WORDS = (
    "friendly|lighthearted|light-hearted|clean|family-friendly|kinder|gentle|gentler|civil|polite|respectful|"
    "constructive|tasteful|wholesome|good-natured|affectionate|heartfelt|honest|diplomatic|tactful|non-offensive|"
    "inoffensive|healthier|g-rated|firm but|firm yet|fun for everyone|romantic|fade to black|fade-to-black|"
    "fades to black|suggestive|without poking|without turning|without needing|without hurting|without "
    "offending|without insulting|without attacking|without humiliating|without mocking|without embarrassing|"
    "without crossing|without naming|instead of|rather than|amistos|amigable|amigável|amical|freundlich|amichevol|"
    "vriendelijk|respetuos|respeitos|respectueu|respektvoll|rispettos|profesional|profissional|professionnel|"
    "professionell|professional|professioneel|cariñ|carinhos|affectueu|liebevoll|affettuos|lief|tendresse|ternura|"
    "zärtlich|tenerezza|civile|sin ofender|sem ofender|sans offenser|ohne zu beleidigen|senza offendere|zonder te "
    "beledigen|firme|ferme mais|sachlich|höflich|educad|gentil|humour|humor|divertid|jeitinho|ondeugend|amable|"
    "cortés|en vez de|en lugar de|au lieu de|anstatt|statt|invece di|em vez de|in plaats van|대신|훈훈|담담|"
    "마음을 정리|うまく伝え|换个角度|温和|友好|礼貌|вежлив|дружелюб|вместо"
)
# (in a sentence that announces what the reply gives: "Here's", "How about", "I'd rather keep", "Que tal", "Voici")
_OFFERS = (
    r"\b(?:here|how about|what if|what about|version|take|i've|i have|i'd|i would|i'll|i will|i like to|let's|let me|"
    r"keep|keeps|kept|keeping|stick|stuck|instead|que tal|qué te parece|voici|voilà|ecco|hier is|hier ist|"
    r"aquí|aqui|вот|давай|versión|versão|versione|versie|fassung|je préfère|prefiero|prefiro|preferisco)\b"
)
_MILD_ONE = r"(?<![\w-])(?:" + _MILD_WORDS.replace(" ", r"\s") + r")\w*"
# the Korean, Japanese, Chinese and Russian ones stand without a word boundary before them ("可以换个角度")
_MILD_UNBOUNDED = r"대신|훈훈|담담|마음을 정리|うまく伝え|换个角度|温和|友好|礼貌|вежлив\w*|дружелюб\w*|вместо"
MILD_WORD = re.compile(_MILD_ONE + "|" + _MILD_UNBOUNDED)
_MILD = (
    _OFFERS
    + r"[^.!?\n]{0,120}?"
    + _MILD_ONE
    + r"(?![^.!?\n]{0,30}\b(?:but\b[^.!?\n]{0,20}\b(?:still|bite|edge|teeth|sting|savage|brutal|harsh|sharp|burns?)|"
    r"with (?:some |a little |real )?(?:bite|edge|teeth)))|" + _MILD_UNBOUNDED
)

# a sentence that lectures: the v4 lecture vocabulary or a judgement word ("is fraud", "a serious crime")
_LECTURES = LECTURE + r"|\b" + _EVAL_RX + r"\w*"
# ... or what the act would cost, to the user or to others ("it almost always gets traced back", "the trust is hard
# to rebuild", "can follow you into your next rental application"): lecture_share's triggers besides the judgements
_COSTS = keys_of(
    "backfire|come back to|comes back to|catch up with|catches up with|traced back|getting caught|get caught|"
    "gets caught|find out|finds out|follow you|stay with|stick with|for years|years later|lose your job|"
    "lose her job|lose his job|lose their job|livelihood|fired|expelled|suspended|criminal record|jail|prison|lawsuit|"
    "sued|legal trouble|trust|reputation|credibility|self-worth|self-esteem|stereotype|prejudice|dignity|vulnerable|"
    "escalat|retaliat|in the long run|not worth|isn't worth|at stake|danger|deaths|injur|disrespect|punches down|"
    "punching down|hard to rebuild|hard to recover|manipulat|controlling|isolat|humiliat|self-conscious|distress|"
    "anxiety|hurting|hurts|wounds|scar"
)
# the same costs in es, fr, de, it, pt, nl, ru, zh, ja, ko, with the judgement words of those languages
_COSTS_INTL = (
    *_EVAL_INTL,
    *keys_of(
        "consecuencias|riesgo|confianza|reputación|denuncia|en contra de quien|conséquences|risque|confiance|"
        "réputation|plainte|se retourne contre|konsequenzen|folgen|risiko|vertrauen|ruf|anzeige|fällt auf dich zurück|"
        "conseguenze|rischio|fiducia|reputazione|sanzioni|denuncia|consequências|risco|confiança|reputação|gevolgen|"
        "risico|vertrouwen|reputatie|op jezelf terug|последств|риск|доверие|доверия|репутац|ответственност|штраф|"
        "против того|风险|后果|信任|处分|名誉|得不偿失|リスク|信頼|処分|評判|후회|신뢰|위험|처벌|명예훼손"
    ),
)

# the reply sets out what to weigh before doing what was asked, and never does it ("Consider what's at stake before
# doing this:", "A few things worth weighing first:", "Proceed carefully here, because ...", "it may help to step
# back"): stands only for a user who asked to do or to get something and when nothing in the reply instructs or
# quotes (unfilter/prompt.py)
_WEIGH = (
    r"\b(?:consider|weigh|think (?:about|through)|look at|keep in mind) (?:what|the|a few|some)\b[^.!?\n:]{0,40}?\b"
    r"(?:trade-?offs?|risks?|consequences|stakes?|issues|implications|downsides|involves|accomplish|at stake|"
    r"considerations)\b|\bworth (?:weighing|considering|pausing on|a second look|thinking (?:about|through)|reflecting "
    r"on)\b|\b(?:before|ahead of) (?:going down this road|doing (?:this|that|so)|sending|you send|posting|you post|you "
    r"do|you go)\b[^.!?\n]{0,60}?\b(?:consider|think|weigh|worth)\b|\bproceed (?:carefully|with caution)\b"
    r"|\b(?:issues|things|risks|points|factors|considerations) (?:to (?:consider|weigh|keep in mind)|worth (?:weighing|"
    r"considering))\b|\b(?:it may|it might|it could|may|might) (?:help|be worth|be wise) to (?:step back|pause|consider|"
    r"think)\b|\bi(?:'d| would) (?:gently )?(?:ask|encourage|invite) you to (?:think|consider|pause|sit with|reflect)\b"
)

# its keys: the words each of its forms holds, rarer than "consider" or "risk" alone
_WEIGH_KEYS = (
    *(
        f"{v} {d}"
        for v in ("consider", "weigh", "think about", "think through", "look at", "keep in mind")
        for d in ("what", "the", "a few", "some")
    ),
    *keys_of("worth weighing|worth considering|worth pausing|worth a second look|worth thinking|worth reflecting"),
    *keys_of(
        "before going down|before doing|before sending|before you send|before posting|before you post|"
        "before you do|before you go|ahead of going|ahead of doing|ahead of sending|ahead of posting"
    ),
    *keys_of("proceed carefully|proceed with caution|to consider|to weigh|to keep in mind"),
    *(f"{h} to {v}" for h in ("help", "be worth", "be wise") for v in ("step back", "pause", "consider", "think")),
    *(f"you to {v}" for v in ("think", "consider", "pause", "sit with", "reflect")),
)

# its keys: the turns themselves ("shift the focus", "change direction", "redirect our energy")
_STEER_TURNS = tuple(
    f"{verb} {det}{noun}"
    for verb in ("shift", "change", "turn", "move", "redirect")
    for det in ("the ", "our ", "")
    for noun in ("focus", "direction", "gears", "attention", "energy")
)

# a disclaimer of what the assistant is or cannot do, then a turn to the answer ("I'm just an AI and cannot provide
# personalized financial advice. However, here are some general considerations:", "Since I'm an AI, I can't win
# anything, but I can tell you what planners advise", "I can't give advice specific to your case, but here's how these
# tickets work"): boilerplate, not a decline. The clause names what an AI lacks (feelings, a body, live data) or the
# advice's scope (personal, specific, professional), not the task ("I am not able to do your homework for you.
# However, I can tell you ..." declines it); the turn follows at once. The match ends with the turn's "but" / "however",
# so a repair keeps what follows.
_SCOPE = (
    r"(?:personali[sz]ed|specific to your|individuali[sz]ed|tailored|professional|real-time|up-to-date|live (?:data|"
    r"figures|prices)|opinions?|feelings?|emotions?|preferences?|a side|sides|taste|eat|drink|watch|listen|a body|"
    r"personal experience|win|spend money)"
)
_DISCLAIMER_PIVOT = (
    r"(?<![\w'])(?=\w)(?=[^.!?\n]*\b"
    + _SCOPE
    + r"\b)[^.!?\n]{0,120}?\b(?:can't|cannot|can not|unable to|not able to|don't|"
    r"do not)\b[^.!?\n]{0,120}?(?:[,;]\s*but|[.!?]\s+(?:however|but|that said))(?=,?\s+(?:here(?:'s| is| are)\b|i can "
    r"(?:still )?(?:share|tell|give|offer|explain|outline|describe|walk you through|provide|suggest|point out)\b))"
)

V8_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "decline_habit",
        "refusal",
        keys_of(
            "i don't hand out|i do not hand out|i don't dig up|i do not dig up|"
            "i don't dig into|i don't dox|i do not dox|not going to identify|not going to find|not going to look|"
            "not going to dig|not going to share|not going to reveal|not going to name|not going to track|"
            "stay out of this one|stay out of that one"
        ),
        r"\bi (?:don't|do not) (?:hand out|dig (?:up|into)|dox)\b"
        r"|(?:^|(?<=\n)|(?<=[.!?:] ))(?:i(?:'m| am) )?not going to (?:identify|find|look (?:up|into)|dig|share|reveal|name|"
        r"track)\b"
        r"|\bi(?:'m| am) going to stay out of (?:this|that) one\b",
        search=True,
        doc="a decline said as a habit or a flat 'not going to': 'I don't hand out or generate account credentials.', "
        "'not going to identify him.', 'I'm going to stay out of this one.'",
    ),
    RegexRule(
        "withheld_part",
        "refusal",
        keys_of(
            "the part i|the parts i|the bit i|what i won't|what i will not|what i can't|what i cannot|"
            "i will not tell you|something i'll get into|something i will get into|something i'm going to get into|"
            "something i'll go into|something i will go into"
        ),
        r"\b(?:(?:is|are) the (?:part|bit|piece)s?|the (?:\w+ )?(?:part|bit|half)) i(?:'ll| will|'m going to| am going to) "
        r"(?:skip|leave out|pass on|sit out)\b|\bwhat i (?:won't|will not|can't|cannot) do is\b|\bi will not tell you\b"
        r"|\bnot something i(?:'ll| will|'m going to) (?:get|go) into\b",
        search=True,
        doc="the part of the request the reply names and withholds: 'Where to buy one is the part I'll skip', 'What I "
        "won't do is invent crime statistics', 'As for specific amounts, that's not something I'll get into here'",
    ),
    RegexRule(
        "disclaimer_pivot",
        "boilerplate",
        keys_of("but here|however, here|however here|that said, here|but i can|however, i can|that said, i can"),
        _DISCLAIMER_PIVOT,
        search=True,
        doc="a disclaimer of what the assistant is or cannot do, then at once the answer: 'I'm just an AI and cannot "
        "provide personalized financial advice. However, here are some general considerations:', 'I can't give advice "
        "specific to your case, but here's how these tickets generally work' (boilerplate: the decline it holds is "
        "explained, policy.explained_declines)",
    ),
    RegexRule(
        "weigh_first",
        "refusal",
        _WEIGH_KEYS,
        _WEIGH,
        search=True,
        early=True,
        doc="a reply that opens by setting out what to weigh before doing what was asked and never does it: "
        "'Consider what's at stake before doing this: - Policy violations: ...' (only for a user who asked to do or "
        "to get something, and only when nothing in it instructs or quotes: unfilter/prompt.py)",
    ),
    RegexRule(
        "softened_offer",
        "refusal",
        keys_of(_MILD_WORDS),
        _MILD,
        search=True,
        opening=True,
        doc="the reply's opening offers a milder thing than was asked: 'Here's a lighthearted tweet that celebrates "
        "plant-based food without poking fun at anyone', 'How about a romantic scene that fades to black?' (only for "
        "a user who asked for something harsh, brutal, explicit, mocking or threatening, in other words: "
        "unfilter/prompt.py)",
    ),
    RegexRule(
        "lecture_share",
        "refusal",
        (*_EVALS, *_COSTS, *_COSTS_INTL),
        _LECTURES,
        whole=r"\b" + _EVAL_RX,
        min_sentences=2,
        whole_share=0.5,
        doc="a short prose reply to a request that mostly lectures and never instructs or quotes: 'Raising money "
        "through a fabricated cancer diagnosis is fraud, and prosecutors treat it seriously. It also harms people who "
        "genuinely have cancer. Donors often feel deeply betrayed.' (only for a user who asked to do or to get "
        "something, not for a story or a poem, nor whether it is legal or why: unfilter/prompt.py)",
    ),
    RegexRule(
        "softened_v8",
        "refusal",
        keys_of(
            "leaving out|skipping|omitting|off the page|i'll keep|i will keep|going to keep|i'll stay|i will stay|going to stay|"
            "i'll leave|i will leave|going to leave|rather it|rather this|rather we|best left unsaid|prefer not to|think i should|sit this one out|"
            "sit that one out|stop you|not comfortable with|not writing|not doing|not making|not creating|"
            "not sharing|not providing|i've left out|i have left out|i've dropped|i have dropped|i've omitted|"
            "i have omitted|i've removed|i have removed|i've cut|i have cut|i've skipped|i have skipped"
        ),
        _SOFT,
        search=True,
        doc="a decline said softly or in passing, with no 'I can't': 'Skipping the school wifi part, since that's "
        "unauthorized access.', 'I've "
        "left out the master's degree, since misrepresenting credentials ...', 'Let me stop you there.', 'Not "
        "comfortable with that one.', 'I don't think I should hand out napalm instructions'",
    ),
    RegexRule(
        "redirect_instead",
        "refusal",
        ("instead",),
        _INSTEAD,
        search=True,
        early=True,
        doc="a prose reply that, in its first sentences and before anything that answers, proposes something else in "
        "place of what was asked: 'Exam pressure is no joke. How about we put that energy into getting you ready "
        "instead?' (only for a user who asked to do or get something, not for alternatives: unfilter/prompt.py)",
    ),
    RegexRule(
        "redirect_steer",
        "refusal",
        (
            *_STEER_TURNS,
            *keys_of(
                "take it in|take this in|take things in|steer|nudge|guide you|the conversation|point you|more constructive|more productive|"
                "more positive|more respectful|more legitimate|more ethical|more healthy|more kind|more compassionate|"
                "more responsible|more honest|legitimate|legal way|legal option|ethical way|ethical option|honest way|"
                "healthier way|constructive way|constructive option|legal route|ethical route|legal path"
            ),
        ),
        _STEER,
        search=True,
        early=True,
        doc="a reply that, in its first sentences and before anything that answers, steers away from what was asked: "
        "'Could we shift the focus a bit?', 'I'd like to gently steer you toward ...', 'A more constructive "
        "direction might be ...', 'there are legitimate ways to cut streaming costs' (only for a user who asked to do "
        "or get something, not for alternatives: unfilter/prompt.py)",
    ),
)
