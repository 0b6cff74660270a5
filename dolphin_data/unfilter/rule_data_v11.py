"""Rule DATA, part 11: the assistant's own decline of a part of the request or of a verdict, wherever it stands
("I won't write the remaining 2,000 words for you to submit, though.", "I'm not going to rank the methods by how hard
they are to detect.", "I'm not writing the sample phishing email."), what it offers in place of what was asked, and,
in other languages, the reply that sets what was asked aside and advises something else in its place.

``declines_part``. The earlier rules read "I won't help" anywhere but "I won't <write / give / list / rank ...>
<something>" only in an opening: a partial refusal answers first and declines the rest at the end. Here the act is
one of ``_ACTS`` (making or handing over content), in the first person (wherever it stands: "The brute-forcer I'm not
writing.") or clipped, opening a sentence ("Not giving build steps.", "Won't write it for you, but ...", "Can't look
up private individuals' contact info."), future or progressive. Not an idiom ("I'm not giving up", "Can't wait"), a
scope note over a quantity ("I won't list every option"), a gerund subject ("Not writing tests is a common mistake")
nor a maxim ("Can't write good code without tests"). A decline in a story the user asked for is the story's
(``unfilter/prompt.py``); after any other turn it declines: a compound request ("Explain how phishing works and write
a sample email") need not open with the act.

``declines_verdict``: the assistant declines to pick, rank or label what was asked ("I'm going to sidestep crowning
anyone here.", "It wouldn't be fair for me to label any one country as the best") in a prose reply's first sentences,
and gives no verdict after ("I can't pick just one, but if I had to: ..." answers).

``offers_what_i_can``: "What I can do is help you write a speech that ...", in the first sentences, after a user who
asked to do or get something (after an opinion question, "What I can do is lay out each side's case" answers).

``redirect_rather_intl`` is ``rule_data_v7.redirect_rather`` ("Rather than X, I'd suggest ...") in es, fr, de, it,
pt, nl, ru, ja and ko: "En lugar de entrar en su cuenta, quizá te resulte más útil hablar con él", "Statt ohne
Ticket zu fahren, gibt es ...", "仕返しを考えるよりも、...に相談することをおすすめします". As in English it counts only
where what it sets aside echoes the user's words and the user did not ask for alternatives (``unfilter/prompt.py``).

``withheld_for_harm``: "I have not included the scene you mentioned, as the characters are minors": a part left out
for a reason of harm, law or ethics (not for length).

``rule_data_acts.REGEX_RULES`` appends all six."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

_ACTS = (
    r"write|give|provide|rank|list|share|hand|walk you through|produce|draft|supply|spell out|generate|create|help you"
)
_ACTING = (
    r"writing|giving|providing|ranking|listing|sharing|handing|walking you through|producing|drafting|supplying|"
    r"spelling out|generating|creating|helping with"
)
# what follows the verb in an idiom or a scope note: "giving up", "give in", "list every", "share all of them"; leaving
# a part out ("I won't include the appendix tables, since ...") is not here: it is often for length
_NOT_A_DECLINE = r"(?!\s+(?:up|in|away|out|back|it a (?:try|shot|go)|every|all|each|any ?more|the whole list)\b)"
# a clipped "not ..." opens a line or a sentence, or follows a colon or a dash; not a comma or an "and": "summarizing
# what others wrote, not sharing a view", "focus on that and not giving up"
_OPENS = r"(?:(?<![^\n])|(?<=[.!?:\u2014\u2013-] )|(?<=[.!?:\u2014\u2013-]))"
_CLIPPED = _OPENS + "not"
# so does a clipped "won't / can't ...": "Won't write it for you, but happy to help you outline it.", "Can't look up
# private individuals' contact info." (the acts name handing something over: "Can't wait", "Won't hurt" are not)
_MODAL = ("won't", "can't", "cannot")
_LOOK_UP = "look up|dig up|track down"
_NOT_A_MAXIM = r"(?![^.!?\n]{0,60}?\b(?:without|unless)\b)"  # "Can't write good code without tests."
# ... and is not the subject of a sentence: "Not writing tests is a common mistake"
_NOT_A_SUBJECT = (
    r"(?![^.!?\n]{0,60}?\b(?:is|are|was|were|can|could|will|would|may|might|means|makes|leads|helps|causes|tends)\b)"
)
# a state in a subordinate clause, not a decline: "I don't miss anyone when I'm not generating a response"
_NOT_SUBORDINATE = "".join(
    rf"(?<!\b{w} )" for w in ("when", "while", "if", "whenever", "unless", "until", "because", "since", "as")
)
# the first person may follow what it declines: "The brute-forcer I'm not writing."
_GOING = ("going to", "gonna")
_FIRST = r"\bi (?:won't|will not)|\bi'm not (?:going to|gonna)|\bi am not (?:going to|gonna)"
# a part set aside by name: "I'm gonna skip that part", "I'll have to leave out the second part", "The second part is
# where I'll stop", "I'm not going to cover the second part", and "that's not something I'm gonna write"
# (the sentence ends there: "I'll skip the history part since you know it: ..." is the reply's own scope)
_PART_WORD = (
    r"(?:that|this|the|your)\s(?:[\w'-]+\s){0,4}?part\b(?=(?:,?\s*(?:though|sorry|for now|here))*\s*(?:[.!]|$))"
)
_SKIPS = "skip|pass on|leave out|sit out"
_SKIP_PART = (
    rf"\bi(?:'m| am) (?:going to|gonna) (?:{_SKIPS}) {_PART_WORD}|\bi(?:'ll| will)(?: have to)? (?:{_SKIPS}) {_PART_WORD}"
    rf"|\bi(?:'m| am) not (?:going to|gonna) (?:cover|do|answer|touch|get into) {_PART_WORD}"
    rf"|\b(?:second|last|other|latter|that) part (?:is where i(?:'ll| will) stop|i(?:'ll| will) (?:have to )?(?:{_SKIPS}))"
    rf"|\bnot something i(?:'m| am) (?:going to|gonna|willing to) (?:{_ACTS}|do|help with)\b"
)
DECLINES_PART = (
    rf"{_SKIP_PART}|(?:{_FIRST}|{_CLIPPED} (?:going to|gonna)) (?:{_ACTS})\b{_NOT_A_DECLINE}"
    rf"|{_OPENS}(?:{'|'.join(_MODAL)}) (?:{_ACTS}|{_LOOK_UP})\b{_NOT_A_DECLINE}{_NOT_A_SUBJECT}{_NOT_A_MAXIM}"
    rf"|{_NOT_SUBORDINATE}(?:\bi'm not|\bi am not) (?:{_ACTING})\b{_NOT_A_DECLINE}"
    rf"|{_CLIPPED} (?:{_ACTING})\b{_NOT_A_DECLINE}{_NOT_A_SUBJECT}"
)

# ``declines_verdict``: the assistant declines to pick, rank or label ("I'm going to sidestep crowning anyone here.", "I
# don't really wanna crown a 'worst city'", "It wouldn't be fair for me to label any one country as the best", "so I
# won't be ranking ethnic groups", "That's not a matchup I'll entertain."), unless it goes on to give one anyway
# ("I can't pick just one, but if I had to: ...", "I won't rank them strictly; that said, here's how they compare")
_VERDICT = r"crown|rank|pick|name|label|choose|declare|rate|single out"
_VERDICTING = r"crowning|ranking|picking|naming|labell?ing|choosing|declaring|rating|singling out"
_NO_VERDICT_AFTER = (
    r"(?![^\n]{0,200}?(?:\b(?:but|however|that said|though|although|still|here's|here is|if i had to|if forced|if you "
    r"(?:want|need|insist|value|prefer|care)|personally|my (?:pick|vote|choice|favou?rite)|i'd go with|i would go with|"
    r"go with|use|i'd (?:suggest|recommend)|consider)\b|:\s*$|:\s*\n))"
)
_DECLINE_HEAD = (
    r"\bi(?: won't| will not| can't| cannot| can not| don't (?:really )?(?:want to|wanna|feel (?:comfortable|right))|"
    r"'d rather not| would rather not| refuse to| decline to| am not (?:able|comfortable|going) to|'m not (?:able|"
    r"comfortable|going) to|'m not gonna| don't think i (?:can|should|could))(?: (?:really|actually|fairly|meaningfully|"
    r"honestly))? (?:give you (?:a|an|any) (?:ranking|verdict|winner|answer like that)|(?:"
    + _VERDICT
    + r")\b(?!\s+(?:\w+\s+){0,2}?(?:highly|enough|too|all|every|each)\b))"
    r"|\bi (?:won't|will not) be (?:"
    + _VERDICTING
    + r")\b|\bi(?:'m| am) (?:going to|gonna) (?:sidestep|avoid|skip|pass on|steer clear of|refrain from) (?:"
    + _VERDICTING
    + r")\b|\b(?:wouldn't|would not|isn't|is not) (?:be )?(?:fair|right|appropriate|accurate|responsible)(?: or (?:fair|"
    r"right|appropriate|accurate|responsible))? for me to (?:"
    + _VERDICT
    + r")\b|\b(?:not|isn't|is not) (?:a|an) (?:matchup|comparison|ranking|contest|call|judgement|judgment) i(?:'ll| will|'m "
    r"(?:going|willing) to| am (?:going|willing) to) (?:entertain|make|weigh in on|get into)\b"
)
DECLINES_VERDICT = "(?:" + _DECLINE_HEAD + ")" + _NO_VERDICT_AFTER
_FAIR = ("fair", "right", "appropriate", "accurate", "responsible")
_VERDICT_KEYS = (  # every way a match starts
    *keys_of(
        "i won't|i will not|i can't|i cannot|i can not|i don't|i'd rather|i would rather|i refuse|i decline|i am not|"
        "i'm not|i'm going|i am going|i'm gonna"
    ),
    *(f"{n} {a}" for n in ("wouldn't", "wouldn't be", "would not", "isn't", "is not") for a in _FAIR),
    *(f"{n} a {w}" for n in ("not", "isn't") for w in ("matchup", "comparison", "ranking", "contest", "call", "judg")),
)

# ``offers_what_i_can``: the assistant names what it can do in place of what was asked ("What I can do is help you
# write a speech that ...", "What I can help with is a grade appeal email", "What I'd be glad to do instead is ...")
OFFERS_WHAT_I_CAN = (
    r"\bwhat i (?:can|could|will|(?:'d|would) (?:be (?:happy|glad) to|love to|suggest|recommend)) (?:do|help(?: you)? "
    r"with|offer|write|suggest|give you|put together)(?: instead| for you| here)? is\b"
)

# ``withheld_for_harm``: the assistant says it left a requested part out, for a reason of harm, law or ethics ("Please
# note that I have not included the intimate scene you mentioned, as the characters are minors.", "I'm leaving out fatal dose
# thresholds. They ... could get someone killed", "I left out the divorces: that one tends to land on a real wound");
# not a part left out for length or relevance ("I left out the appendix tables, since they're long")
_LEFT_OUT = (
    r"\bi(?:'ve| have)? (?:not included|left out|omitted|kept out|chose not to include|decided not to include|"
    r"didn't include|did not include)|\bi(?:'ve| have) (?:chosen|decided) not to include|\bi(?:'m| am) (?:leaving out|"
    r"not including|omitting)|\bi haven't included"
)
_WHY_WITHHELD = (
    r"minor|underage|unsupported|false|harm|hurt|wound|painful|cruel|illegal|unlawful|crime|criminal|danger|unsafe|"
    r"risk|kill|fatal|lethal|misuse|misused|abuse|weapon|attack|plagiari|forgery|forged|fraud|defam|offensive|"
    r"inappropriate|explicit|graphic|copyright|privacy|private|consent|ethical|unethical|responsib|guideline|policy|"
    r"could be used|can be used|might be used|real (?:people|person|systems|sites)|live systems"
)
# the reason in the same sentence, or in the next when it speaks of what was left out ("They ...", "That ...")
WITHHELD_FOR_HARM = (
    rf"(?:{_LEFT_OUT})\b[^.!?\n]{{0,200}}?(?:[.!?]\s+(?:they|that|it|those|this|these)\b[^.!?\n]{{0,160}}?)?"
    rf"\b(?:{_WHY_WITHHELD})"
)

# what is set aside, then (after a comma) advice in its place; in Japanese and Korean the set-aside comes first
_ADVICE_INTL = (
    r"(?:(?:yo )?(?:te|le|les) (?:recomiendo|aconsejo|sugiero|propongo|ayudo)|quiz[áa]s?|tal vez|puedes|podr[íi]as|"
    r"(?:lo|es|ser[íi]a) mejor|¿?qu[ée] tal|intenta|prueba|considera|habla|hay (?:formas|maneras|opciones)|"
    r"je (?:vous|te) (?:conseille|recommande|sugg[èe]re|propose)|vous pourriez|tu pourrais|vous pouvez|tu peux|"
    r"il vaut mieux|mieux vaut|il (?:serait|est) (?:plus|pr[ée]f[ée]rable|mieux)|essaie|essayez|pourquoi ne pas|"
    r"que diriez-vous|et si|(?:empfehle|rate|schlage) ich|w[üu]rde ich|k[öo]nntest du|k[öo]nnten sie|kannst du|"
    r"k[öo]nnen sie|solltest du|sollten sie|w[äa]re es|ist es (?:besser|sinnvoller)|gibt es|lohnt es sich|versuch|"
    r"ti (?:consiglio|suggerisco|propongo)|le (?:consiglio|suggerisco)|potresti|puoi|prova|conviene|(?:[èe]|sarebbe) "
    r"meglio|perch[ée] non|(?:eu )?(?:recomendo|sugiro|aconselho)|voc[êe] (?:pode|poderia)|que tal|tente|(?:[ée]|seria) "
    r"melhor|vale (?:mais|a pena)|kun je|zou je|raad ik|is het (?:beter|verstandiger)|probeer|wat dacht je|misschien|"
    r"лучше|советую|рекомендую|попробуй(?:те)?|можно|стоит|предлагаю)\b"
)
# what is set aside is an act (an infinitive, "zu"/"te" + verb or "abzudrehen", "вместо того, чтобы", a Japanese verb, Korean
# "-기보다는"), not a thing ("En lugar de mantequilla, puedes usar aceite" answers), then advice in its place
_ROMANCE = (
    r"(?:en lugar de|en vez de|plut[ôo]t que(?: de)?|au lieu de|invece di|piuttosto che|em vez de|ao inv[ée]s de)\s+"
    r"(?:\w+\s+){0,2}?\w+(?:ar|er|ir|ír|re|arse|erse|irse|arsi|ersi|irsi)\b"
)
_RATHER_INTL = (
    r"(?:"
    + _ROMANCE
    + r"|(?:statt|anstatt|in plaats van)\s[^.!?\n]{0,120}?\b(?:(?:zu|te) \w+|\w+zu\w+en\b)|вместо того,? чтобы)"
    r"[^.!?\n]{0,150}?,\s*"
    + _ADVICE_INTL
    + r"|(?<=[るうくすつぬぶむぐ])よりも[、,\s]?[^。！？.!?\n]{0,120}?(?:おすすめ|お勧め|勧め|ませんか|どうでしょう|ましょう)"
    r"|기보다는[^.!?\n]{0,120}?(?:좋겠|어떨까|어때|보세요|추천|권해)"
)

V11_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "declines_part",
        "refusal",
        (  # every way a match starts, with its verb: a bare "i'm not" is too common to confirm in every reply
            *(
                f"{head} {v}"
                for head in (
                    "i won't",
                    "i will not",
                    *(f"{i} {g}" for i in ("i'm not", "i am not", "not") for g in _GOING),
                )
                for v in keys_of(_ACTS)
            ),
            *(f"{head} {v}" for head in ("i'm not", "i am not", "not") for v in keys_of(_ACTING)),
            *(f"{m} {v}" for m in _MODAL for v in keys_of(f"{_ACTS}|{_LOOK_UP}")),
            *(f"{i} {g} {v}" for i in ("i'm", "i am") for g in _GOING for v in keys_of(_SKIPS)),
            *(f"{i} {v}" for i in ("i'll", "i will", "i'll have to", "i will have to") for v in keys_of(_SKIPS)),
            *(
                f"{i} {g} {v}"
                for i in ("i'm not", "i am not")
                for g in _GOING
                for v in ("cover", "do", "answer", "touch", "get")
            ),
            *(f"{w} part" for w in ("second", "last", "other", "latter", "that")),
            "not something i'm",
            "not something i am",
        ),
        DECLINES_PART,
        doc="the assistant declines to make or hand over a part of what was asked, anywhere in the reply: 'I won't "
        "write the remaining 2,000 words for you to submit, though.', 'I'm not writing the sample phishing email.', "
        "'Not giving build steps.' (not in a story the user asked for: unfilter/prompt.py)",
    ),
    RegexRule(
        "declines_verdict",
        "refusal",
        _VERDICT_KEYS,
        DECLINES_VERDICT,
        early=True,
        doc="the assistant declines to pick, rank or label what was asked and gives no verdict after: 'I'm going to "
        "sidestep crowning anyone here.', 'It wouldn't be fair for me to label any one country as the best.', 'That's "
        "not a matchup I'll entertain.', in a prose reply's first sentences (not in a story the user asked for: "
        "unfilter/prompt.py)",
    ),
    RegexRule(
        "offers_what_i_can",
        "refusal",
        ("what i can", "what i could", "what i will", "what i'd", "what i would"),
        OFFERS_WHAT_I_CAN,
        early=True,
        doc="a reply that, in its first sentences, names what the assistant can do in place of what was asked: "
        "'What I can do is help you write a speech about crime that ...' (not when the user asked what it can do: "
        "unfilter/prompt.py)",
    ),
    RegexRule(
        "withheld_for_harm",
        "refusal",
        (
            *(f"i{h} {v}" for h in ("'ve", " have", "") for v in ("not included", "left out", "omitted", "kept out")),
            "i chose not",
            "i decided not",
            "i didn't include",
            "i did not include",
            "i've chosen not",
            "i have chosen not",
            "i've decided not",
            "i have decided not",
            "i'm leaving out",
            "i am leaving out",
            "i'm not including",
            "i am not including",
            "i'm omitting",
            "i am omitting",
            "i haven't included",
        ),
        WITHHELD_FOR_HARM,
        doc="the assistant says it left a requested part out for a reason of harm, law or ethics: 'Please note that "
        "I have not included the intimate scene you mentioned, as the characters are minors.' (not a part left out "
        "for length; in a story the user asked for, a character's line is the story's: unfilter/prompt.py)",
    ),
    RegexRule(
        "redirect_rather_intl",
        "refusal",
        keys_of(
            "en lugar de|en vez de|plutôt que|au lieu de|statt |anstatt |invece di|piuttosto che|em vez de|ao invés de|"
            "in plaats van|вместо того|よりも|기보다는"
        ),
        _RATHER_INTL,
        early=True,
        doc="a reply in another language that, in its first sentences, sets what was asked aside and advises something "
        "else in its place: 'En lugar de entrar en su cuenta, quizá te resulte más útil hablar con él', "
        "'仕返しを考えるよりも、人事部に相談することをおすすめします' (only when the act it sets aside echoes the "
        "user's words and the user did not ask for alternatives: unfilter/prompt.py)",
    ),
)
