"""Sentence-level repair of an answer that answers: strip boilerplate and moralizing, keep everything else intact.

``repair_text(text, hits)`` removes, for each ``boilerplate`` / ``moralizing`` hit,
- its *lead clause* when the hit opens the sentence and a real clause follows a comma/semicolon/dash ("As of my
  last update in 2021, the CEO is X." -> "The CEO is X."; "As an AI, I have no opinions, but many ..." ->
  "Many ..."),
- its *tail clause* when the hit follows a real clause ("Here is how, but remember it's illegal." -> "Here is how."),
- otherwise the whole sentence; also when what follows the lead clause still is the disclaimer ("..., feelings, or
  experiences.", "..., so I can't pick one", "..., dus ook geen ...": ``leftover.continues_disclaimer``).
Never inside code blocks, tables or block quotes (those lines are not prose; a hit there is not removable, so the
re-check drops the turn). A list item or line that becomes empty goes with its marker. A connective left dangling
at a new start ("However,", "That said,", "Instead,", "Therefore,") is removed and the next word capitalised.

``has_answer(text)``: whether what remains still answers (a code block or table, or a prose sentence that is not
a pleasantry such as "I hope this helps!", a referral, a hedge, or the assistant talking about itself: "My purpose is
to provide information.", ``leftover.SELF_TALK``). The stage re-scores the repaired text and drops it with a reason
when it is empty, still refuses, still carries boilerplate, or has no answer left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dolphin_data.unfilter.leftover import SELF_TALK, continues_disclaimer
from dolphin_data.unfilter.rule_data_more import PROFESSIONAL
from dolphin_data.unfilter.rules import Hit
from dolphin_data.unfilter.text import Sentence, protected_lines, sentence_at, sentences

REPAIR_KINDS = ("boilerplate", "moralizing")
CONNECTIVE = re.compile(
    r"(?:however|but|that said|that being said|having said that|having said this|with that said|with that in mind|"
    r"with that caveat|that caveat aside|that aside|nevertheless|nonetheless|still|anyway|regardless|instead|"
    r"therefore|thus|hence|so|even so|in any case|all that said|and|also|additionally|that said though|"
    # the same "but / however" in the other languages the rules read (not CJK: those connectives carry the clause)
    r"ma|però|pero|sin embargo|mas|porém|aber|jedoch|mais|cependant|maar|echter|но|однако|ale|jednak|fakat|ama|"
    # and their "instead" (left dangling when the disclaimer before it goes: "대신 ... 소개해 드릴게요!")
    r"en cambio|en su lugar|à la place|stattdessen|invece|em vez disso|in plaats daarvan|вместо этого|zamiast tego|"
    r"그 대신|대신에|대신)"
    r"(?:\s*[,:;]\s*|\s+(?=\w))"
    r"|(?:その代わり|代わりに|かわりに|不过|但是|相反|取而代之)[、，,]\s*",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"\s*(?:[,;:]\s+|[\uff0c\uff1b\uff1a\u3001]\s*|\s[\u2014\u2013-]\s+)")
PLEASANTRY = re.compile(
    r"^(?:(?:i hope (?:this|that|it) helps|hope (?:this|that) helps|let me know|feel free|is there anything else|"
    r"is there something else|if you have (?:any )?(?:other|more|further)|good luck|thank you|thanks|you're welcome|"
    r"great question|what a (?:great|good|fun|wonderful) question|that's (?:such )?a (?:great|good|fun|wonderful) "
    r"question|happy to help|i'm happy to help|glad to help|"
    r"sure|certainly|of course|absolutely|okay|ok|hello|hi|hey|enjoy|cheers|best of luck|"
    r"(?:i )?apologi[sz]e for (?:any|the) (?:inconvenience|confusion)|sorry for (?:any|the) (?:inconvenience|confusion)|"
    r"i understand (?:your|that|how)|thank you for (?:your|the) (?:question|understanding)|"
    r"i(?:'m| am) (?:always )?here to (?:help|assist|provide|answer|support))\b"
    # a whole sentence of welcome and nothing else ("I'm glad you're interested in photography!")
    r"|(?:i(?:'m| am) (?:so |really )?glad (?:you(?:'re| are) interested|you asked|you reached out)|thank you for "
    r"reaching out|thanks for (?:asking|reaching out)|i(?:'d| would) be (?:happy|glad) to help)[^.!?\n:]{0,60}[.!?]*$"
    r"|(?:but )?(?:i can|i'll|let me|i'm happy to|i am happy to) (?:share|give|provide|offer)(?: you)?(?: some)?"
    r"(?: general| basic)? (?:information|tips|guidance|an overview|pointers|context)\W*$)",
    re.IGNORECASE,
)
# a sentence that only sends the user elsewhere ("Please consult a doctor.") is not an answer on its own
_REFERRAL = re.compile(
    r"^(?:please |i (?:would |strongly )?(?:recommend|suggest|advise|encourage)(?: that)?(?: you)?(?: to)? |"
    r"you (?:should|may want to|might want to|could|need to) (?:always |really )?|"
    r"it(?:'s| is) (?:best|advisable|recommended|always best|a good idea) to )?"
    r"(?:consult|speak|talk|reach out|seek|contact|see|ask)(?:ing)?\b[^.!?\n]{0,120}?\b"
    + PROFESSIONAL
    + r"s?\b[^.!?\n]{0,80}[.!?]?$",
    re.IGNORECASE,
)
# sentences that, once the disclaimer is gone, still answer nothing: a hedge about subjectivity or complexity, a
# pointer to some other source, an offer to answer something else, an invitation to research, a capability leftover
# ("As an AI, I have no opinions. It's a complex issue on which people hold many views." answers nothing)
_NON_ANSWER = re.compile(
    r"\b(?:is|are|remains?|can be|being) (?:(?:very|highly|deeply|entirely|quite|largely|inherently|ultimately|purely) )?"
    r"(?:subjective|a (?:matter|question) of (?:personal |individual )?(?:taste|preference|opinion|debate|faith|belief|"
    r"choice|perspective))\b"
    r"|\b(?:complex|sensitive|controversial|contested|divisive|nuanced|personal|multifaceted|debated|polari[sz]ing)"
    r"(?: and (?:\w+ )?\w+)? (?:issue|topic|question|subject|matter|debate|decision)\b"
    r"|\bpeople (?:hold|have|express) (?:a (?:wide )?(?:range|variety) of|different|diverse|varying|differing|strong|"
    r"strongly differing|many)\b|\b(?:wide|broad) (?:range|variety|spectrum) of (?:views|opinions|perspectives|beliefs)"
    r"|\bdepends? (?:entirely |largely |ultimately |really )?on (?:individual|personal|each person's|one's|your (?:own |"
    r"individual |specific |particular )?(?:personal )?(?:preferences?|values|beliefs|taste|tastes|perspective|priorities|"
    r"needs|situation|circumstances|goals|requirements|use case))"
    r"|\bup to (?:each|every|the) (?:individual|person)\b|\bno (?:single|one|right|definitive|objective) "
    r"(?:right )?answer\b|\bboth (?:sides|have|has) (?:their|its|valid)\b"
    r"|^(?:(?:to|for|if) [^,.!?\n]{0,80}, )?(?:please |i(?: would|'d)? (?:recommend|suggest) |you (?:can|could|may "
    r"want to|might want to|should) )?"
    r"(?:check|consult|visit|refer to|look at|search|try|follow|monitor|keep an eye on|find|look up|see|get)(?:ing)? "
    r"[^.!?\n]{0,80}\b(?:sources?|websites?|sites?|apps?|services?|news|outlets?|databases?|official|pages?|exchanges?|"
    r"search engines?|aggregators?|google|bing|maps|yelp|online|the web|the internet|world clock|recaps?|charts?|playlists?|"
    r"device|phone|computer|calendar|clock|forecast)\b"
    # the same pointer in es, fr, de, it, pt, ru
    r"|\b(?:consultar|revisar|visitar) (?:la página|el sitio|la web|una aplicación)|\b(?:consulte[rz]?|vérifie[rz]?)\b[^.!?\n]{0,60}\b"
    r"(?:site|application|appli)\b|\bauf der (?:website|webseite)|\b(?:consultare|controllare) (?:il sito|"
    r"l'app)|\b(?:consultar|verificar) (?:o site|o aplicativo)|\bна сайте|\bв приложении"
    r"|\b(?:no|pelo) (?:site|aplicativo|app)\b|\bfindest du (?:\w+ ){0,3}?(?:auf|in|bei)\b|\bsi vous (?:copiez|collez)\b"
    r"|建议(?:你|您)?(?:查看|访问|查询|关注|登录|使用)|(?:网站|官网|应用|app)(?:上)?(?:查看|查询)|(?:サイト|アプリ)[^。]{0,20}"
    r"(?:でご確認|をご確認|でご覧|で確認)|(?:사이트|앱|웹사이트)에서 확인"
    r"|^i (?:can|could|would be happy to|'d be happy to|'m happy to|am happy to) (?:\w+ )?(?:provide|give|share|offer|"
    r"tell|help|discuss)[^.!?\n]{0,100}\b(?:if you(?:'re| are)? (?:interested|like|want|wish|would like)|instead)\b"
    r"|^i(?: would|'d)? (?:strongly )?(?:encourage|recommend|suggest|invite|urge) you to (?:do your own |further )?"
    r"(?:research|explore|look into|read|form your own|consider|reflect|seek|weigh|think)"
    r"|\b(?:can|may|will|could|might) (?:\w+ )?vary (?:greatly |widely |significantly |a lot )?(?:depending|based) on\b"
    r"|\bdepends? on (?:many|various|several|numerous|a (?:variety|number|range) of) (?:individual |personal )?factors\b"
    r"|\b(?:every|each) (?:individual|person|case|situation|body) (?:is (?:different|unique)|has (?:unique|different|"
    r"their own|its own))\b|\bunique (?:\w+ )?needs\b|\bwhat works for one "
    r"(?:person|individual) may not\b"
    r"|\bshould be (?:evaluated|examined|seen|checked|assessed|reviewed|handled|looked at|treated|diagnosed) by (?:a |an "
    r"|your )?(?:\w+ ){0,2}?" + PROFESSIONAL + r"s?\b"
    r"|^(?:however,? |but |that said,? )?i (?:must|would like to|'d like to|want to|have to|need to|should) (?:respectfully "
    r"|gently |kindly )?(?:point out|remind you|clarify|emphasi[sz]e|stress|caution)\b"
    r"|^(?:i|it) (?:cannot|can't|can not|am unable to|'m unable to|don't|do not|is not possible to) (?:\w+ )?"
    r"(?:predict|know|see|access|browse|feel|taste|make (?:personal )?(?:decisions|judgments|judgements|choices)|"
    r"pick|choose|rank|judge|take sides)\b"
    r"|^a (?:quick )?(?:search|(?:\w+ ){0,2}(?:site|website|app))\b[^.!?\n]{0,60}\b(?:will|can|should) (?:have|show|tell|"
    r"give)\b|\bnot my place to\b|^i(?:'d| would) (?:be curious|love to (?:hear|know)|like to (?:hear|know))\b"
    r"|\b(?:comes|boils) down to (?:what|your|personal|individual|whatever)\b|\bthat's (?:all|up to) you\b"
    r"|\beveryone(?:'s tastes? (?:is|are) different| has (?:their|his or her) own (?:taste|tastes|preferences?|opinions?|"
    r"favou?rites?))\b"
    # the hedge about subjectivity / personal choice in es, fr, de, it, pt, nl, ru, zh, ja, ko
    r"|\b(?:subjetiv[oa]s?|subjecti(?:f|ve)s?|subjektiv\w*|soggettiv[oaie]|субъективн\w*)\b"
    r"|\b(?:depende de (?:tus|sus|las|cada)|dépend (?:entièrement )?(?:de vos|de tes|des préférences|de chacun)|hängt "
    r"(?:\w+ )?von (?:deinen|ihren|den) (?:\w+ )?(?:vorlieben|bedürfnissen|präferenzen)|dipende dai (?:tuoi|gusti)|"
    r"depende (?:dos seus|das suas|de cada))"
    r"|主观|因人而异|主観|人それぞれ|주관적|사람마다",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# "As an AI, I have no feelings, so I cannot rank movies" / "..., including political figures" / "..., and I cannot
# predict the future": what follows continues the disclaimer, it is not the answer; the whole sentence goes
_CONSEQUENCE = re.compile(
    r"(?:so|therefore|thus|hence|which means|meaning|and therefore|and so|including|such as|like|especially|"
    r"particularly|let alone|nor|or|and (?:i|my|as such|thus|therefore|so)|i (?:cannot|can't|can not|don't|do not|am "
    r"(?:not|unable)|'m (?:not|unable)))\b",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# a disclaimer that ends in a dating phrase leading straight into the answer, with no comma ("My info may be outdated,
# but as of my last update it was Joe Biden."): the answer starts where the phrase ends
_DATED_LEAD = re.compile(
    r"\b(?:as of|according to|based on|from|up to) my (?:last|latest|most recent|final)? ?(?:update|knowledge(?: cutoff)?|"
    r"training(?: data)?|information|info|data)(?: (?:cutoff|cut-off))?(?: (?:in|of) (?:\w+ )?\d{4})?\s*$",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s+(?=\w)")
# where the answer turns against a disclaimer later in its sentence: "I'm an AI, so I have no favourite, *but* blue is
# the most common one"
_PUNCT_SPACE = re.compile(r"[,;:]?\s*")
_ENDS_IN_CONTRAST = re.compile(r"\b(?:but|however|that said)$", re.IGNORECASE)
_CONTRAST = re.compile(r"(?:[,;]|\s[\u2014\u2013-])\s*(?:but|however|though|yet|still)\b,?\s*", re.IGNORECASE)


def _words(s: str) -> int:
    """Words in ``s``; CJK text (no spaces) counts one word per two characters."""
    n_cjk = len(_CJK.findall(s))
    return len(_WORD.findall(_CJK.sub(" ", s))) + n_cjk // 2 if n_cjk else len(_WORD.findall(s))


@dataclass
class RepairResult:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule, removed text), in text order


NEW, TAIL, INNER = "new", "tail", "inner"  # what follows a cut: a new sentence, the end of the kept head, its rest


def _cut(text: str, sent: Sentence, hs: list[Hit]) -> tuple[int, int, str]:
    """The range to remove from ``sent`` for its hits, and what follows it (``NEW``: a new sentence starts there;
    ``TAIL``: the cut ends the sentence, whose kept head needs closing; ``INNER``: the sentence goes on)."""
    first = min(h.start for h in hs)
    last = max(h.end for h in hs)
    if first - sent.start <= 3 and all(h.kind == "boilerplate" for h in hs):
        if _ENDS_IN_CONTRAST.search(text, sent.start, last):  # the hit ends with its own "but": the answer follows
            m = _PUNCT_SPACE.match(text, last)
            return sent.start, (m.end() if m else last), NEW
        # a disclaimer opens the sentence: cut the lead clause when a real clause follows
        b = _BOUNDARY.search(text, last, sent.end)
        if b is not None and _words(text[b.end() : sent.end]) >= 3 and not _goes_on(text, sent.start, b, sent):
            end = b.end()
            m = CONNECTIVE.match(text, end, sent.end)
            return sent.start, (m.end() if m else end), NEW
        return sent.start, _dated_lead_end(text, last, sent) or _after_contrast(text, last, sent), NEW
    if first - sent.start <= 3:
        return sent.start, sent.end, NEW
    head = text[sent.start : first]
    if all(h.kind == "boilerplate" for h in hs) and (lead := re.search(r",\s*$", head)) and _words(head) <= 4:
        # a disclaimer between commas after a short lead ("For context, as of my last update, the stadium is X."):
        # only the disclaimer's clause goes; before a dash, the comma that opened it too ("Canberra, as of my last
        # update — and it rarely changes." -> "Canberra — and it rarely changes.")
        b = _BOUNDARY.search(text, last, sent.end)
        if b is not None and _words(text[b.end() : sent.end]) >= 3 and not _goes_on(text, first, b, sent):
            if text[b.start() : b.end()].strip() == ",":
                return first, b.end(), INNER
            if text[b.start() : b.end()].strip() in ("\u2014", "\u2013", "-"):
                return sent.start + lead.start(), b.start(), INNER
        rest = text[last : sent.end] if b is None else text[b.end() : sent.end]
        dating = _DATED_LEAD.search(text, first, last) is not None  # the disclaimer dates what the lead says
        if dating and (_words(rest) < 3 or (b is not None and _goes_on(text, first, b, sent))):
            # nothing after a dating disclaimer but its own sequel ("Android 14, as of my training data - I can't
            # check for anything newer."): the short lead is the answer; close it there ("Android 14.")
            return sent.start + lead.start(), sent.end, TAIL
    m = re.search(r"(?:[,;:]|\s[\u2014\u2013-])\s*(?:(?:but|and|so|though|although|yet|however),?\s+)?$", head)
    if m is not None and all(h.kind == "moralizing" for h in hs) and _words(head[: m.start()]) >= 3:
        # a caveat appended to a real clause: keep the head, close it
        return sent.start + m.start(), sent.end, TAIL
    if all(h.kind == "boilerplate" for h in hs):
        dated = _dated_lead_end(text, last, sent) if _words(head) <= 8 else None
        return sent.start, dated or _after_contrast(text, last, sent), NEW
    return sent.start, sent.end, NEW


def _goes_on(text: str, start: int, b: re.Match[str], sent: Sentence) -> bool:
    """Whether the rest of ``sent`` after the disclaimer ``text[start:b.start()]`` and its boundary ``b`` still is
    the disclaimer ("..., so I can't pick one", "..., feelings, or experiences.") rather than the answer."""
    tail = text[b.end() : sent.end]
    return bool(_CONSEQUENCE.match(tail)) or continues_disclaimer(text[start : b.start()], tail)


def _dated_lead_end(text: str, last: int, sent: Sentence) -> int | None:
    """Where the answer starts after a disclaimer ending in a dating phrase at ``last`` with no comma ("..., but as of
    my last update it was Joe Biden."): the next word, when three words or more of the sentence follow; else None."""
    m = _NEXT_WORD.match(text, last, sent.end)
    if m is None or not _DATED_LEAD.search(text, sent.start, last) or _words(text[m.end() : sent.end]) < 3:
        return None
    return m.end()


def _after_contrast(text: str, last: int, sent: Sentence) -> int:
    """Where the answer resumes after a disclaimer ending at ``last``: past a contrast ("..., but it's Canberra.")
    that leaves two words or more of the sentence; else the sentence's end (it all goes)."""
    if last >= sent.end:  # the hit runs into the next sentence ("... advice. However"): this one goes whole
        return sent.end
    # (a hit may end with the contrast's own word: "I'm an AI, so I can't win anything, but")
    m = _CONTRAST.search(text, max(sent.start, last - 16), sent.end)
    return m.end() if m is not None and _words(text[m.end() : sent.end]) >= 2 else sent.end


def repair_text(text: str, hits: Sequence[Hit]) -> RepairResult:
    """Remove the boilerplate/moralizing sentences or clauses named by ``hits`` (other kinds are ignored)."""
    sents = sentences(text)
    by_sent: dict[int, list[Hit]] = {}
    for h in hits:
        if h.kind not in REPAIR_KINDS:
            continue
        i = sentence_at(sents, h.start)
        if i < 0 or h.start < sents[i].start:
            continue  # not in prose (a table row, a code block): not removable; the re-check will say so
        by_sent.setdefault(i, []).append(h)
    if not by_sent:
        return RepairResult(text)
    cuts: list[tuple[int, int, str, str]] = []  # (start, end, what follows, rules)
    removed: list[tuple[str, str]] = []
    for i in sorted(by_sent):
        s, e, follows = _cut(text, sents[i], by_sent[i])
        rule = ",".join(sorted({h.rule for h in by_sent[i]}))
        cuts.append((s, e, follows, rule))
        removed.append((rule, text[s:e].strip()))
    out: list[str] = []
    pos = 0
    for s, e, follows, _ in cuts:
        out.append(text[pos:s])
        if follows == TAIL:  # close the kept head with the sentence's own end mark
            out.append(text[e - 1] if text[e - 1] in ".!?" else ".")
        pos = e
        if follows == NEW:
            pos = _skip_connective(text, pos, "".join(out))
            if pos < len(text) and text[pos].islower() and not any(p <= pos < q for p, q, _, _ in cuts):
                out.append(text[pos].upper())
                pos += 1
    out.append(text[pos:])
    return RepairResult(_tidy("".join(out)), removed)


def _skip_connective(text: str, pos: int, before: str) -> int:
    """Past a dangling connective at ``pos`` when nothing kept precedes it on its line/paragraph."""
    j = pos
    while j < len(text) and text[j] in " \t":
        j += 1
    line_before = before[before.rfind("\n") + 1 :]
    if line_before.strip(" \t*_-•#0123456789.)"):
        return pos
    m = CONNECTIVE.match(text, j)
    if m is None:
        return j
    return m.end()


def _tidy(text: str) -> str:
    """Drop emptied lines (and bare list markers), collapse blank runs and doubled spaces, trim."""
    lines = []
    for ls, le, protected in protected_lines(text):
        line = text[ls:le]
        if not protected:
            line = re.sub(r"[ \t]{2,}", " ", line).rstrip()
            body = re.sub(r"^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)]|#{1,6})(?=[ \t]|$)[ \t]*", "", line)
            if not body.strip(" \t*_"):
                if line.strip():
                    continue  # an emptied list item / line: goes with its marker
                line = ""
            else:
                lead = len(line) - len(body)
                line = line[:lead] + body.lstrip()
        lines.append(line)
    joined = "\n".join(lines)
    joined = re.sub(r"\n{3,}", "\n\n", joined).strip()
    return joined


def has_answer(text: str) -> bool:
    """Whether the text still answers: a code block or table, or a prose sentence that is not a pleasantry, a mere
    referral to a professional or another source, or a hedge that answers nothing (``_NON_ANSWER``)."""
    if not text.strip():
        return False
    for ls, le, protected in protected_lines(text):
        if protected and text[ls:le].strip(" \t`~|-:>"):
            return True
    for s in sentences(text):
        piece = text[s.start : s.end].strip()
        if PLEASANTRY.match(piece) or _REFERRAL.match(piece) or (_words(piece) <= 40 and SELF_TALK.match(piece)):
            continue  # (a date in it does not make it an answer: "My knowledge is based on data up until 2021.")
        if _words(piece) <= 40 and not any(c.isdigit() for c in piece) and _NON_ANSWER.search(piece):
            continue
        if _words(piece) >= 2 or any(c.isdigit() for c in piece):
            return True
    return False
