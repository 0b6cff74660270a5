"""What a user's turn asks for, as patterns over its text: to do or to get something (``REQUESTS_ACT``), whether it
is legal, safe or right (``ASKS_IF_OK``), for a text or a story about it (``ASKS_ABOUT_RISK``, ``NARRATIVE``), about a
group of people (``ABOUT_A_GROUP``), whom to turn to (``ASKS_FOR_REFERRAL``), for alternatives, whether a claim
holds, about bias. ``turn_search.asks`` searches one turn, remembering the answer (``asks_each``: a batch of turns).
``unfilter/prompt.py`` decides with them which reply shapes the user's turn answers; the whole-reply model reads them
as tokens (``unfilter/reply.py``)."""

from __future__ import annotations

import re

from dolphin_data.unfilter.rule_data_v9 import TEXT_KINDS, TEXT_KINDS_INTL

# the user asks whether to do something ("Should I pour bleach on the weeds?"): another way is the answer
ASKS_SHOULD = re.compile(
    r"\b(?:should i|shall i|is it (?:ok|okay|safe|fine|a good idea|smart|wise|bad) to|do i need to|would you "
    r"recommend)\b",
    re.I,
)
# the user asked for a story, a poem or a scene: its text may dwell on harm and crime without a single instruction
NARRATIVE = re.compile(
    r"\b(?:story|stories|novel|fiction|fictional|scene|screenplay|chapter|plot|character|villain|poem|song|"
    r"lyrics|verse|rap|dialogue|monologue|fable|tale|narrative|drama|thriller|i'm writing a|i am writing a)\b",
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
    # asks for content by naming it: "Tell me a joke about ...", "What's a good excuse to ...", "What's the best insult
    # for ...", "Explain how to ...", "Rank ...", "Rate her looks", "best insults for ...", "Where can I download ..."
    r"|^\W*(?:tell me (?:a|an|some|one|your|the (?:best|worst|funniest|most|darkest|dirtiest))\b|(?:explain|describe) "
    r"how (?:to|i|we|you|one)\b|(?:rank|rate|roast|insult|name|pick|choose)\b|(?:best|good|top|funniest|worst) "
    r"(?:\w+ ){0,2}?(?:for|to)\b)"
    r"|\bwhat(?:'s| is| are| would be)(?: the| a| an| some)? (?:good|best|great|easy|believable|convincing|funny|"
    r"clever|quick|solid|perfect|most \w+) (?:\w+ )?(?:excuses?|insults?|lies?|lines?|comebacks?|things? to (?:say|tell|"
    r"text)|reasons? to (?:give|tell)|story|stories|cover stor(?:y|ies)|nicknames?|names?)\b"
    r"|\bwhere (?:can|could|do|should) i (?:download|buy|get|find|watch|stream|order)\b"
    r"|\bwhich (?:\w+ ){1,3}?(?:work|works|is|are) (?:best|the best|most effective)\b"
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


# the user asked for the harsh, explicit, mocking or deceiving thing itself ("make it brutal", "a scathing review",
# "an explicit scene", "a tweet making fun of ...", "pretend my dog died"), not to soften it ("less harsh", "without
# sounding rude"): a reply that opens by offering a milder one (``regex:softened_offer``) declines
ASKS_HARSH = re.compile(
    r"(?<!\bless )(?<!\bnot )(?<!\bwithout )(?<!\bwithout being )(?<!\bwithout sounding )(?<!\bnon-)"
    r"\b(?:brutal\w*|savage\w*|scathing|dirty|dirtiest|filthy|explicit\w*|steamy|raunchy|nsfw|x-rated|graphic(?:ally)?|"
    r"gory|insult\w*|offensive|mean(?:est)?|nasty|vicious\w*|cruel\w*|harsh\w*|threat\w*|aggressive\w*|humiliat\w*|"
    r"degrad\w*|make fun|making fun|mock\w*|tell \w+ off|trash\w*|diss|rip \w+ apart|tear \w+ apart|no holds barred|"
    r"don't hold back|hold nothing back|merciless\w*|ruthless\w*|crude|vulgar|profan\w*|swear\w*|cuss\w*|rude|racist|"
    r"sexist|guilt[- ]trip\w*|blackout|every detail|gruesome|hateful|expos(?:e|ing)|embarrass\w*|shame|shaming|"
    r"pretend\w*|petty|passive-aggressive|sexy|erotic\w*|spicy|burn)\b"
    r"|\b(?:brutal|salvaje|cruel|humill\w+|insult\w*|ofensiv\w*|pesad\w*|agresiv\w*|amenaz\w*|burl\w+|méchant\w*|"
    r"humilier|moque\w*|gemein\w*|fies\w*|beleidig\w*|demütig\w*|droh\w*|cattiv\w*|umili\w*|minacc\w*|uitscheld\w*|"
    r"vernederen|gemeen|bedreig\w*|agressiv\w*|ameaç\w*|zoa\w*)\b|жёстк|жестк|оскорб|униз|угрож|обидн|狠|骂|侮辱|羞辱|"
    r"嘲笑|私生活|悪口|罵|泣かせ|キツい|모욕|욕|비웃|폭로|흑역사",
    re.I,
)
# the user asked a yes/no question ("Is 9 a prime number?", "Should I worry?", "Ist das legal?", "Est-ce vrai ?",
# "¿Es seguro?", "Это правда ли?", "本当ですか？", "这是真的吗？", "yes or no"): a bare "No." answers it (but "Can
# you ...?" asks to do something: ``REQUESTS_ACT``)
ASKS_YES_NO = re.compile(
    r"\b(?:yes or no|true or false|y/n|ja oder nein|oui ou non|s[íi] o no|sì o no|sim ou não|ja of nee|да или нет)\b"
    r"|(?:^|[.!?\n]\s*)[\W]*(?:(?:hey|hi|so|ok|okay|and|but|quick question)\W+)?(?:is|are|am|was|were|do|does|did|"
    r"has|have|had|can|could|will|would|should|shall|may|might|must|isn't|aren't|wasn't|weren't|doesn't|don't|"
    r"didn't|hasn't|haven't|won't|wouldn't|can't|couldn't|shouldn't|ist|sind|hat|haben|gibt es|kann|darf|soll|war|"
    r"wird|est-ce que|es|está|son|hay|puedo|debo|é|são|há|posso|devo|è|sono|c'è|zijn|heeft|mag)\b[^.?!\n]*\?\s*$"
    r"|\b\w+-(?:ce|il|elle|on|ils|elles|t-il|t-elle|je|tu|vous|nous)\b[^.?!\n]*\?\s*$|\bли\b[^.?!\n]*\?\s*$"
    r"|(?:吗|嗎|ですか|ますか|でしょうか|나요|까요|습니까|인가요)\s*[？?]\s*$",
    re.I,
)
# ... or asked to soften something ("Rephrase this to sound less harsh", "make it nicer")
ASKS_SOFTER = re.compile(
    r"\b(?:less|soften\w*|tone (?:it |this )?down|nicer|gentler|kinder|more (?:polite|professional|diplomatic|tactful)|"
    r"politely|diplomatically|tactfully)\b",
    re.I,
)


# the user asks for a kind of text by its name ("Write a joke about ...", "Give me some comebacks ...", "Can you draft a
# breakup text?"): group 1 is the name (``rule_data_v9.TEXT_KINDS``); a reply that only talks about that kind of text
# declines (``regex:talks_about_it``)
ASKS_FOR_A_TEXT = re.compile(
    r"\b(?:write|give|make|tell|compose|draft|create|generate|come up with|craft|need|want|think of|roast)\b"
    r"[^.?!\n]{0,60}?\b(" + TEXT_KINDS.replace(" ", r"[\s-]") + "|" + TEXT_KINDS_INTL + r")\b"
    # the same in es, fr, de, it, pt, nl, ru
    r"|(?:escr[íi]be(?:me)?|dame|hazme|cu[ée]ntame|dime|[ée]cris(?:-moi)?|donne-moi|raconte(?:-moi)?|fais-moi|schreib|"
    r"gib mir|erz[äa]hl|scrivi(?:mi)?|dammi|raccontami|fammi|escrev[ae]|me d[êá]|conta|напиши|дай|расскажи|придумай|"
    r"сочини|schrijf|geef|vertel|bedenk)\b[^.?!\n]{0,60}?\b(" + TEXT_KINDS_INTL + r")\b",
    re.I,
)
