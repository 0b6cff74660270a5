"""Refusal rules: a phrase lexicon and named regex rules, matched in one pass over a batch of texts.

``RuleSet.default().match(texts)`` returns, per text, the first ``Hit`` (or None); ``match_all`` returns every
hit. Rules are named, and the name is the reject reason: ``lexicon:<entry id>`` or ``regex:<rule name>``.

How a batch is matched (the hot path never loops over patterns in Python):

1. **Prefilter, vectorised.** All lexicon phrases and all regex *trigger* literals (minus those containing a
   shorter one) go into one alternation of literals, matched by ``polars`` ``str.to_lowercase().str.contains``
   (Rust's ``regex`` crate, SIMD literal search, the compiled expression cached by polars) over the whole batch
   as one column. Most assistant replies contain none of them and are done here. (Where polars is not
   fork-safe, the batch is lowercased, joined with NUL and run once through a pyahocorasick automaton instead.)
2. **Locate.** Each flagged text is lowercased (length-preserving, so offsets are the caller's offsets) and run
   once through a ``pyahocorasick`` automaton holding the same keys, which yields every occurrence with its
   position.
3. **Confirm.** A lexicon occurrence is a hit if it sits on word boundaries (and, for ``^`` entries, at the
   start of a sentence or clause). A trigger occurrence runs its rule's compiled regex *anchored at that
   position* (``pattern.match(text, pos)``), so each regex is tried only where it can start.
4. **Context.** Hits that start inside fenced or inline code, a quotation or a markdown block quote are
   dropped: a refusal quoted in a story, a test string or a discussion is not the assistant refusing.
   (A quotation that spans the whole reply does not count: some corpora wrap every reply in quotes.)

Case: the text is lowercased and every key and pattern is lowercase, which fixes the SystemChat-list bug
(uppercase entries that never matched) by construction. Apostrophes: keys exist in both ``'`` and ``’`` forms.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LAYERS: tuple[str, ...] = ("lexicon", "regex")
_IMPORT_PID = os.getpid()


def polars_fork_safe() -> bool:
    """False in a process forked (executor pool) from a parent that had already imported polars: polars' thread
    pool does not survive fork() and calls in the child can deadlock. Then the prefilter falls back to one
    (fork-safe) pyahocorasick pass over the joined batch (``RuleSet.candidates_joined``); results are identical,
    only slower."""
    return os.getpid() == _IMPORT_PID or "polars" not in sys.modules
KINDS = ("refusal", "boilerplate", "moralizing", "artefact")
DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "assets" / "refusal_lexicon.txt"


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule match. ``start``/``end`` index the original text; ``text`` is ``original[start:end]``."""

    rule: str  # "lexicon:as_an_ai_language_model", "regex:cannot_assist"
    layer: str  # "lexicon" | "regex" | "classifier"
    start: int
    end: int
    text: str
    kind: str = "refusal"  # refusal | boilerplate | moralizing | artefact

    @property
    def reason(self) -> str:
        return f"refusal:{self.rule}"

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    id: str
    phrase: str  # lowercase, without the "^"
    anchored: bool  # must start a sentence/clause
    kind: str
    note: str  # provenance comment
    line: int


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


def entry_id(phrase: str) -> str:
    """``"As an AI language model"`` -> ``"as_an_ai_language_model"`` (runs of characters other than letters,
    digits and hyphens -> ``_``)."""
    return re.sub(r"[^0-9a-z\-\u00c0-\uffff]+", "_", phrase.lower()).strip("_") or "entry"


def load_lexicon(path: str | Path) -> tuple[int, list[LexiconEntry]]:
    """Parse a lexicon file: ``(version, entries)``. Bad lines raise ``ValueError`` naming file and line."""
    path = Path(path)
    version = 0
    kind = "refusal"
    entries: list[LexiconEntry] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#@kind"):
            kind = line.split(None, 1)[1].strip() if len(line.split()) > 1 else ""
            if kind not in KINDS:
                raise ValueError(f"{path}:{n}: unknown kind {kind!r}; valid: {', '.join(KINDS)}")
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*version:\s*(\d+)", line)
            if m:
                version = int(m.group(1))
            continue
        phrase, _, note = line.partition(" #")
        phrase = phrase.strip().lower()
        anchored = phrase.startswith("^")
        phrase = phrase.lstrip("^").strip()
        if len(phrase) < 3:
            raise ValueError(f"{path}:{n}: entry {phrase!r} is too short to be a refusal phrase")
        eid = entry_id(phrase)
        if eid in seen:
            raise ValueError(f"{path}:{n}: entry {phrase!r} duplicates line {seen[eid]} (same id {eid!r})")
        seen[eid] = n
        entries.append(LexiconEntry(eid, phrase, anchored, kind, note.strip(), n))
    return version, entries


# -- regex rules ----------------------------------------------------------------------------------------------------

# "I" + a refusing modal, and the literal triggers that start it.
# (each alternative carries its own leading space or apostrophe: "i cannot", "i'm unable to")
_NEG_ALTS = (
    r" cannot| can ?not| can't| won't| will not| am unable to|'m unable to| am not able to|'m not able to|"
    r" am not going to|'m not going to| must decline to| must refuse to| refuse to| will have to decline to|"
    r" won't be able to| will not be able to| am not in a position to|'m not in a position to"
)
_NEG = r"(?:" + _NEG_ALTS + r")"
_NEG_TRIGGERS = (
    "i cannot", "i can not", "i cannot", "i can't", "i won't", "i will not", "i am unable", "i'm unable",
    "i am not able", "i'm not able", "i am not going", "i'm not going", "i must decline", "i must refuse",
    "i refuse", "i will have to decline", "i am not in a position", "i'm not in a position",
)
# verbs that, after "I can't / I won't", ask for the thing requested (a refusal), not for a capability
_REQUEST_VERBS = (
    r"(?:help|assist|provide|fulfill|fulfil|comply|create|generate|write|produce|engage|answer|respond|continue|"
    r"complete|share|give|support|participate|discuss|make fun|mock|insult|roast|joke|translate|pretend|roleplay|"
    r"role-play|promote|encourage|condone|endorse|speculate|comment|draft|outline|compose|supply|put together|"
    r"come up with|walk you through|explain how to|tell you how to|show you how to|teach you how to|detail|"
    r"that|this)"
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

REGEX_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "as_an_ai", "boilerplate",
        ("as an ai", "as an artificial", "as a language model", "as a large language", "as an llm", "as a text-based",
         "as a digital assistant", "as a virtual assistant", "as a responsible", "as an ethical", "as a helpful",
         "as a conversational", "as an honest", "as a machine"),
        r"as an? (?:(?:responsible|ethical|helpful|honest|harmless|text-based|large|conversational|digital|virtual|"
        r"artificial|ai|machine|learning|and|,)\s*)*(?:ai|intelligence|language model|llm|assistant|chatbot|model)\b"
        r"[^.!?\n]{0,80}?\b(?:i|i'm|i've|i'd|me|my)\b",
        anchored=True,
        doc="'As an AI (language model|assistant), I ...' at the start of a sentence, followed by first person",
    ),
    RegexRule(
        "identity", "boilerplate",
        ("i'm just", "i am just", "i'm only", "i am only", "i'm merely", "i am merely", "i'm simply", "i am simply",
         "i'm an ai", "i am an ai", "i'm an artificial", "i am an artificial", "i'm a computer", "i am a computer",
         "i'm a language", "i am a language", "i'm a large", "i am a large", "i'm a machine", "i am a machine",
         "i'm a virtual", "i am a virtual", "i'm a chatbot", "i am a chatbot", "i'm a text-based", "i am a text-based",
         "i'm a digital", "i am a digital", "i'm not a human", "i am not a human", "i'm not a person",
         "i am not a person", "i'm not a real", "i am not a real"),
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
        "ai_no_feelings", "boilerplate",
        ("i don't have", "i do not have", "i don't possess", "i do not possess", "i don't experience",
         "i do not experience", "i'm not capable of", "i am not capable of", "i'm incapable of", "i am incapable of",
         "i cannot have", "i can't have", "i don't form", "i do not form"),
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
        "apology_refusal", "refusal",
        ("i'm sorry", "i am sorry", "i apologize", "i apologise", "my apologies", "sorry,", "sorry but",
         "unfortunately,", "unfortunately i", "regrettably,", "i regret to inform", "i'm afraid i", "i am afraid i"),
        r"(?:i'm sorry|i am sorry|i apologi[sz]e|my apologies|sorry|unfortunately|regrettably|"
        r"i regret to inform you(?: that)?|i'm afraid(?= i)|i am afraid(?= i))"
        r"(?: for (?:any|the) (?:confusion|inconvenience))?,?(?: but)?,? "
        r"(?:i(?:" + _NEG_ALTS + r"| won't be able to| will not be able to| am not allowed to|'m not allowed to|"
        r"'m afraid i (?:can't|cannot|won't))|(?:that's|that is|this is) not something i (?:can|will|am able to))"
        r"(?:(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b|[^.!?\n]{0,60}?\b" + _BAD_ADJ + r"\b)",
        anchored=True,
        doc="'I'm sorry, but I can't <help|provide|write|...>' (an apology that opens a refusal)",
    ),
    RegexRule(
        "cannot_assist", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:help|assist)(?: you)?(?:(?: with| in| on)? (?:that|this|it|these|those|such|any|anything|"
        r"your|the (?:request|task|question|above)|requests?|creating|writing|generating|providing|making|producing|"
        r"finding|obtaining|planning|building|developing|hacking)\b|\s*[.!;]|\s*$)",
        doc="'I can't / won't / am unable to help|assist (with that|your request|...)'",
    ),
    RegexRule(
        "cannot_provide", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:provide|give|offer|share|supply|disclose|reveal)(?: you)?(?: with)? "
        r"(?:(?:any|specific|detailed|further|more|such|personal|medical|legal|financial|the requested|that kind of|"
        r"this kind of|that type of|this type of)\s+)*(?:information|assistance|guidance|instructions|advice|help|"
        r"details|support|content|response|answer|that|this|it|such|links?|resources|steps|tips|"
        r"a (?:response|answer|guide|tutorial|list|link))\b",
        doc="'I cannot provide (any) information|assistance|guidance|instructions|that ...'",
    ),
    RegexRule(
        "cannot_fulfill", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:fulfill|fulfil|comply with|complete|honor|honour|process|accommodate|grant|carry out|"
        r"perform|execute|follow|accept|entertain|respond to|answer)(?: (?:your|this|that|the|such an?|such|these|"
        r"those))? " + _REQUEST_NOUN + r"\b"
        r"|i (?:cannot|can ?not|can't|won't|will not) (?:do|comply with) (?:that|this|it|so)\s*(?:[.!]|$)",
        doc="'I cannot fulfill|comply with your request', 'I won't do that.'",
    ),
    RegexRule(
        "cannot_create", "refusal", _NEG_TRIGGERS,
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
        "cannot_engage", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:(?:engage|participate|take part|partake|be involved|get involved|indulge)(?: in| with)\b"
        r"|(?:discuss|roleplay|role-play|role play|pretend|play along|go along with|speculate about|continue "
        r"(?:this|with this|the|that|our|with that))\b)",
        doc="'I can't engage in|participate in|discuss|roleplay ...'",
    ),
    RegexRule(
        "cannot_condone", "refusal",
        _NEG_TRIGGERS + ("i do not", "i don't", "i would never", "i never"),
        r"i(?: cannot| can ?not| can't| won't| will not| do not| don't| would never| never| refuse to| am not going to|"
        r"'m not going to) (?:condone|endorse|encourage|promote|glorify|advocate for|advocate|facilitate|"
        r"support (?:or|and) (?:condone|encourage|promote|endorse))\b(?: (?:or|and) \w+)?(?: (?:any|such|this|that|the|"
        r"these|those))?(?: [\w-]+){0,2}? (?:behaviou?r|activities|activity|actions|violence|hate|harm|discrimination|"
        r"illegal|unethical|harmful|dangerous|hateful|crimes?|criminal|cheating|plagiarism|self-harm|drugs?|weapons|"
        r"hacking|practices|content|that|this|such|it)\b",
        doc="'I do not condone|encourage|promote (such behavior|violence|...)'",
    ),
    RegexRule(
        "not_comfortable", "refusal",
        ("i'm not comfortable", "i am not comfortable", "i do not feel comfortable", "i don't feel comfortable",
         "i'd prefer not", "i would prefer not", "i'd rather not", "i would rather not", "i'm not willing",
         "i am not willing", "i'm not going", "i am not going"),
        r"i(?:'m| am) not comfortable (?:(?:doing|writing|generating|creating|providing|helping|assisting|engaging|"
        r"discussing|continuing|responding|producing|sharing|roleplaying|role-playing|pretending|going)\b|with "
        r"(?:that|this|it|the (?:idea|request|premise|topic)|such|these|those|\w+ing)\b)"
        r"|i (?:do not|don't) feel comfortable (?:\w+ing|with)\b"
        r"|i(?:'d| would) (?:prefer|rather) not (?:to )?(?:write|generate|create|engage|discuss|continue|help|assist|"
        r"provide|answer|go into|speculate|roleplay|role-play|get into|produce|share|participate|comment)\b"
        r"|i(?:'m| am) not (?:willing|going) to (?:write|generate|create|engage|discuss|continue|help|assist|provide|"
        r"produce|share|participate|roleplay|role-play|pretend)\b",
        doc="'I'm not comfortable writing ...', 'I'd prefer not to ...' (Claude-style refusals)",
    ),
    RegexRule(
        "not_appropriate", "moralizing",
        ("it is not", "it's not", "it is never", "it's never", "it would not", "it wouldn't", "it would be",
         "it is inappropriate", "it's inappropriate", "it is unethical", "it's unethical", "it is irresponsible",
         "it's irresponsible"),
        r"(?:it(?: is|'s) (?:not|never)|it (?:would not|wouldn't) be) (?:appropriate|ethical|acceptable|responsible)"
        r"(?: (?:or|and|nor) \w+)?(?: for (?:me|you|anyone|us|an ai))? to\b(?! " + _TECH_VERBS + r"\b)"
        r"|it (?:would be|is|'s) (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? for (?:me|an ai) to\b"
        r"|it would be (?:inappropriate|unethical|irresponsible)(?: (?:or|and) \w+)? to\b(?! " + _TECH_VERBS + r"\b)",
        anchored=True,
        doc="'It is not (appropriate|ethical) (for me) to ...' at the start of a sentence",
    ),
    RegexRule(
        "against_policy", "refusal",
        ("against my", "violate my", "violates my", "violating my", "violation of my", "contrary to my",
         "conflicts with my", "conflict with my", "conflict with the", "conflicts with the", "against the usage",
         "against the content", "violate the usage", "violates the usage", "violate the content", "against openai", "violate openai", "violates openai",
         "violation of openai", "against the openai"),
        r"(?:against|violat(?:e|es|ing|ion of)|contrary to|conflicts? with)(?: the)? (?:(?:my|openai's|openai|"
        r"anthropic's)(?: [\w-]+){0,2}? (?:programming|guidelines|policies|policy|principles|directives|design|"
        r"use case policy|usage policies)\b|(?:usage|content|safety) (?:guidelines|policies|policy) i (?:follow|"
        r"operate under|am bound by|'m bound by)\b)",
        doc="'against my programming|guidelines', 'violates OpenAI's content policy'",
    ),
    RegexRule(
        "moral_warning", "moralizing",
        ("i must emphasize", "i must stress", "i must remind", "i must point out", "i must caution", "i must warn",
         "i must inform", "i must note", "i must clarify", "i feel obligated", "i feel compelled", "i have to remind",
         "i have to point out", "i want to remind", "i would like to remind", "i'd like to remind",
         "i should remind", "i should point out", "i want to gently", "i'd like to gently", "i must gently"),
        r"i(?: must| have to| want to| would like to|'d like to| should| feel obligated to| feel compelled to) "
        r"(?:gently |respectfully )?(?:emphasize|stress|remind you|remind|point out|caution you|caution|warn you|"
        r"inform you|note|clarify)"
        r"(?: that)?[^.!?\n]{0,80}?\b(?:unethical|immoral|inappropriate|offensive|disrespectful|respectful|ethical|"
        r"morally|consent|illegal|hurtful|honesty|fairness|dignity|hurt (?:others|someone|people)|"
        r"not (?:appropriate|acceptable|okay)|harmful (?:stereotypes|content|behaviou?r))\b",
        doc="'I must remind you that ... (unethical|illegal|respectful ...)' (Llama-2-chat moralizing)",
    ),
    RegexRule(
        "must_decline", "refusal",
        ("i must refuse", "i must decline", "i must respectfully", "i must politely", "i must kindly", "i have to refuse", "i have to decline",
         "i need to decline", "i need to refuse", "i will have to", "i'll have to", "i'm going to have to",
         "i am going to have to", "i'm afraid i must", "i am afraid i must", "i'm programmed to decline",
         "i am programmed to decline"),
        r"i(?:'m afraid i| am afraid i)?(?: must| have to| need to| will have to|'ll have to|'m going to have to|"
        r" am going to have to|'m programmed to| am programmed to) (?:respectfully |politely |kindly )?"
        r"(?:refuse|decline)\b(?! (?:the|your) (?:invitation|offer|call|meeting|position|job)\b)",
        anchored=True,
        doc="'I must refuse / have to decline (to ...)', 'I'm programmed to decline requests ...'",
    ),
    RegexRule(
        "cannot_request", "refusal", _NEG_TRIGGERS,
        r"i" + _NEG + r" (?:share|draft|outline|compose|supply|put together|come up with|walk you through|"
        r"explain how to|tell you how to|show you how to|teach you how to|detail)(?: you)? (?:a|an|the|any|some|"
        r"instructions|directions|details|tips|steps|methods?|ways?|guidance|information|content|advice|"
        r"strategies|tricks|code for|recipes?)\b",
        anchored=True,
        doc="'I can't share|outline|supply|put together a ...' at the start of a sentence",
    ),
    RegexRule(
        "not_something_i", "refusal",
        ("not something i", "n't something i", "n’t something i"),
        r"(?:not|n't) something i(?: can| could| will| am willing to|'m willing to| am able to|'m able to|"
        r" feel comfortable| am comfortable|'m comfortable)(?: \w+){0,2}? (?:do|" + _REQUEST_VERBS[3:] + r"\b",
        doc="'That's not something I can help with / I'm willing to do'",
    ),
    RegexRule(
        "moral_respect", "moralizing",
        ("everyone deserves", "every person deserves", "every individual deserves", "everybody deserves",
         "all people deserve"),
        r"(?:everyone|every person|every individual|everybody|all people) deserves? (?:to be treated with |"
        r"to have their )?(?:respect|dignity|kindness|safety|privacy)\b",
        anchored=True,
        doc="'Everyone deserves respect / to be treated with dignity' (a lecture appended to an answer)",
    ),
)


# -- context: code, quotations ---------------------------------------------------------------------------------------

# code fences (``` and ~~~) are found with str.find in ``excluded_zones``: the same spans as
# ``FENCE.*?(?:FENCE|\Z)`` (re.S), without a lazy scan character by character through long code blocks
_FENCES = ("```", "~~~")
# each pattern below runs only when its opening character occurs in the text (``_ZONE_OPENERS``)
_ZONES = (
    re.compile(r"`[^`\n]+`"),
    re.compile(r"\"[^\"\n]{1,2000}\""),
    re.compile(r"\u201c[^\u201d]{1,2000}\u201d"),
    re.compile(r"\u00ab[^\u00bb]{1,2000}\u00bb"),
    # single quotes: an apostrophe inside a word ("can't", "I'm") neither opens nor closes a quotation
    # (the "not after a word character" test follows the quote mark so that re can skip ahead to quote marks)
    re.compile(r"['\u2018](?<!\w['\u2018])(?=\S)(?:[^'\u2018\u2019\n]|['\u2019](?=\w)){1,2000}?(?<=\S)['\u2019](?!\w)"),
    re.compile(r"^[ \t]*>.*$", re.M),
)
_ZONE_OPENERS = tuple(zip(("`", '"', "\u201c", "\u00ab", "'", ">"), _ZONES, strict=True))  # "'" stands for ' and \u2018
_JSON_KEY_BEFORE = re.compile(r'"\s*:\s*$')
_CLAUSE_PUNCT = set(".!?:;,\n\r(")
_CLAUSE_WORDS = {"but", "however", "unfortunately", "sorry", "so", "and", "also", "again", "well", "still",
                 "regrettably", "honestly", "ultimately", "sadly", "apologies", "note", "first", "firstly"}
_SKIP_BEFORE = set(" \t*_#-•")
_QUOTES = set("\"'\u201c\u2018\u00ab")


def excluded_zones(low: str) -> list[tuple[int, int]]:
    """Spans of code and quotations in a (lowercased) text; a quotation that is the whole text is not one."""
    zones = []
    for fence in _FENCES:
        i = low.find(fence)
        while i >= 0:
            j = low.find(fence, i + 3)
            if j < 0:
                zones.append((i, len(low)))
                break
            zones.append((i, j + 3))
            i = low.find(fence, j + 3)
    first = len(low) - len(low.lstrip())
    last = len(low.rstrip())
    for opener, rx in _ZONE_OPENERS:
        if opener not in low and (opener != "'" or "\u2018" not in low):
            continue
        for m in rx.finditer(low):
            if m.start() <= first and m.end() >= last and rx.pattern[0] != "`":
                continue
            if low[m.start()] == '"' and _JSON_KEY_BEFORE.search(low, max(0, m.start() - 8), m.start()):
                continue
            zones.append((m.start(), m.end()))
    return zones


def at_clause_start(low: str, start: int) -> bool:
    """True when ``start`` begins a sentence or clause: start of text, after . ! ? : ; , ( or a line break
    (skipping spaces and markdown emphasis/bullets), or after a connective like "but" / "unfortunately"."""
    j = start - 1
    while j >= 0 and low[j] in _SKIP_BEFORE:
        j -= 1
    if j < 0:
        return True
    c = low[j]
    if c in _CLAUSE_PUNCT:
        return True
    if c in _QUOTES:  # a reply that opens with a quotation mark (the whole reply quoted), or a JSON string value
        return not low[:j].strip() or bool(c == '"' and _JSON_KEY_BEFORE.search(low, max(0, j - 8), j))
    k = j
    while k >= 0 and low[k].isalpha():
        k -= 1
    return low[k + 1 : j + 1] in _CLAUSE_WORDS


def _lower(text: str) -> str:
    """Lowercase without changing the length, so offsets in the lowered text are offsets in the original."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


def _variants(key: str) -> list[str]:
    out = [key]
    if "'" in key:
        out.append(key.replace("'", "\u2019"))
    return out


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


# -- the rule set ----------------------------------------------------------------------------------------------------


class RuleSet:
    """The lexicon and regex layers, compiled lazily (so a stage holding one pickles small and cheap)."""

    def __init__(self, lexicon: Sequence[LexiconEntry], regex_rules: Sequence[RegexRule] = REGEX_RULES,
                 version: int = 0, source: str = "", disabled: Iterable[str] = ()):
        disabled = set(disabled)
        known = {f"lexicon:{e.id}" for e in lexicon} | {f"regex:{r.name}" for r in regex_rules}
        unknown = sorted(disabled - known)
        if unknown:
            raise ValueError(f"unknown rule {unknown[0]!r} in disabled rules; rules look like 'lexicon:<id>' or "
                             f"'regex:<name>' (regex rules: {', '.join(r.name for r in regex_rules)})")
        self.lexicon = [e for e in lexicon if f"lexicon:{e.id}" not in disabled]
        self.regex_rules = [r for r in regex_rules if f"regex:{r.name}" not in disabled]
        self.version = version
        self.source = source
        self.disabled = tuple(sorted(disabled))
        self._compiled: dict[str, Any] | None = None

    # construction -------------------------------------------------------------------------------------------------

    @classmethod
    def default(cls, disabled: Iterable[str] = ()) -> RuleSet:
        """The bundled lexicon (``assets/refusal_lexicon.txt``) plus the built-in regex rules."""
        return cls.from_files(DEFAULT_LEXICON, disabled=disabled)

    @classmethod
    def from_files(cls, lexicon: str | Path | None = None, regex: bool = True, disabled: Iterable[str] = ()) -> RuleSet:
        """A lexicon file (default: the bundled one) and, unless ``regex=False``, the built-in regex rules."""
        path = Path(lexicon) if lexicon is not None else DEFAULT_LEXICON
        version, entries = load_lexicon(path)
        return cls(entries, REGEX_RULES if regex else (), version, str(path), disabled)

    def __getstate__(self) -> dict[str, Any]:
        state = {k: getattr(self, k) for k in ("lexicon", "regex_rules", "version", "source", "disabled")}
        state["_compiled"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            setattr(self, k, v)

    def describe(self) -> dict[str, Any]:
        digest = hashlib.sha256()
        for e in self.lexicon:
            digest.update(f"{'^' if e.anchored else ''}{e.phrase}\n".encode())
        for r in self.regex_rules:
            digest.update(f"{r.name}\t{r.pattern}\n".encode())
        return {"lexicon_version": self.version, "lexicon_entries": len(self.lexicon), "lexicon_file": self.source,
                "regex_rules": [r.name for r in self.regex_rules], "disabled": list(self.disabled),
                "sha256": digest.hexdigest()}

    def phrases(self) -> list[str]:
        """The lexicon phrases (for the naive baseline in the benchmark)."""
        return [e.phrase for e in self.lexicon]

    def _compile(self) -> dict[str, Any]:
        if self._compiled is not None:
            return self._compiled
        import ahocorasick

        keys: dict[str, list[tuple[str, int, int]]] = {}  # key -> [(layer, index, key length)]
        for i, e in enumerate(self.lexicon):
            for k in _variants(e.phrase):
                keys.setdefault(k, []).append(("lexicon", i, len(k)))
        for i, r in enumerate(self.regex_rules):
            for trig in r.triggers:
                for k in _variants(trig.lower()):
                    if ("regex", i, len(k)) not in keys.get(k, []):
                        keys.setdefault(k, []).append(("regex", i, len(k)))
        automaton = ahocorasick.Automaton()
        for k, payload in keys.items():
            automaton.add_word(k, tuple(payload))
        if keys:
            automaton.make_automaton()
        patterns = [re.compile(r.pattern.replace("'", "['\u2019]")) for r in self.regex_rules]
        prefilter: dict[Any, list[str]] = {}
        for layer in LAYERS:
            prefilter[layer] = _minimal_keys({k for k, p in keys.items() if any(x[0] == layer for x in p)})
        self._compiled = {"automaton": automaton if keys else None, "patterns": patterns, "prefilter": prefilter,
                          "prefilter_pattern": {}, "prefilter_automaton": {}}
        return self._compiled

    # matching -----------------------------------------------------------------------------------------------------

    def candidates(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[int]:
        """Indices of texts that contain any key of the given layers (one vectorised pass over the batch).

        The keys go into one regular expression, a plain alternation of literals, that polars hands to Rust's
        ``regex`` crate (SIMD literal search); polars caches the compiled expression, so it is built once per
        process rather than once per batch, unlike ``str.contains_any`` which rebuilds its automaton per call."""
        import polars as pl

        pattern = self._prefilter_pattern(layers)
        if pattern is None or not texts:
            return []
        # lowercase then match case-sensitively: faster than a case-insensitive pattern, and right for non-ASCII
        # letters too
        flags = pl.Series("t", texts, dtype=pl.String).str.to_lowercase().str.contains(pattern)
        return flags.fill_null(False).arg_true().to_list()

    def candidates_joined(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[int]:
        """``candidates`` without polars (for processes where polars is not fork-safe): the lowercased texts are
        joined with NUL (no key contains one) and run once through a pyahocorasick automaton of the prefilter
        keys; match offsets map back to texts with ``numpy.searchsorted``."""
        import numpy as np

        automaton = self._prefilter_automaton(layers)
        if automaton is None or not texts:
            return []
        joined = "\0".join(texts)
        low = joined.lower()
        if len(low) != len(joined):  # a character whose lower case is longer: offsets shift, lower text by text
            low = "\0".join(_lower(t) for t in texts)
        ends = np.fromiter((end for end, _ in automaton.iter(low)), dtype=np.int64)
        if not len(ends):
            return []
        starts = np.cumsum(np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts)))
        return np.unique(np.searchsorted(starts, ends, side="right")).tolist()

    def _prefilter_keys(self, layers: Sequence[str]) -> list[str]:
        comp = self._compile()
        layers = tuple(sorted(layers))
        keys = comp["prefilter"].get(layers)
        if keys is None:
            keys = comp["prefilter"][layers] = _minimal_keys({k for layer in layers for k in comp["prefilter"][layer]})
        return keys

    def _prefilter_pattern(self, layers: Sequence[str]) -> str | None:
        cache = self._compile()["prefilter_pattern"]
        layers = tuple(sorted(layers))
        if layers not in cache:
            keys = self._prefilter_keys(layers)
            cache[layers] = "|".join(_rust_escape(k) for k in keys) if keys else None
        return cache[layers]

    def _prefilter_automaton(self, layers: Sequence[str]) -> Any:
        import ahocorasick

        cache = self._compile()["prefilter_automaton"]
        layers = tuple(sorted(layers))
        if layers not in cache:
            keys = self._prefilter_keys(layers)
            automaton = None
            if keys:
                automaton = ahocorasick.Automaton()
                for k in keys:
                    automaton.add_word(k, len(k))
                automaton.make_automaton()
            cache[layers] = automaton
        return cache[layers]

    def match_all(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[list[Hit]]:
        """Every hit in every text, sorted by position (ties: lexicon before regex, then rule order)."""
        layers = _check_layers(layers)
        out: list[list[Hit]] = [[] for _ in texts]
        todo = self.candidates(texts, layers) if polars_fork_safe() else self.candidates_joined(texts, layers)
        for i in todo:
            out[i] = self.scan(texts[i], layers)
        return out

    def match(self, texts: Sequence[str], layers: Sequence[str] = LAYERS) -> list[Hit | None]:
        """The first hit per text, or None."""
        return [hits[0] if hits else None for hits in self.match_all(texts, layers)]

    def scan(self, text: str, layers: Sequence[str] = LAYERS) -> list[Hit]:
        """All hits in one text (no prefilter): locate keys with the automaton, confirm, drop quoted/code hits."""
        comp = self._compile()
        automaton = comp["automaton"]
        if automaton is None or not text:
            return []
        low = _lower(text)
        n = len(low)
        found: dict[tuple[str, int], tuple[int, int, int, int]] = {}  # (rule, start) -> (end, layer rank, order)
        for end_idx, payload in automaton.iter(low):
            for layer, idx, klen in payload:
                if layer not in layers:
                    continue
                start = end_idx - klen + 1
                if start > 0 and _is_word(low[start - 1]) and _is_word(low[start]):
                    continue
                if layer == "lexicon":
                    e = self.lexicon[idx]
                    end = end_idx + 1
                    if end < n and _is_word(low[end_idx]) and _is_word(low[end]):
                        continue
                    if e.anchored and not at_clause_start(low, start):
                        continue
                    found.setdefault((f"lexicon:{e.id}", start), (end, 0, idx, 0))
                else:
                    r = self.regex_rules[idx]
                    if (f"regex:{r.name}", start) in found:
                        continue
                    m = comp["patterns"][idx].match(low, start)
                    if m is None or (r.anchored and not at_clause_start(low, start)):
                        continue
                    found[(f"regex:{r.name}", start)] = (m.end(), 1, idx, 0)
        if not found:
            return []
        zones = excluded_zones(low)
        hits = []
        covered: dict[str, int] = {}  # rule -> end of its last hit: one hit per overlapping run of one rule
        for (rule, start), (end, rank, idx, _) in sorted(found.items(), key=lambda kv: (kv[0][1], kv[1][1], kv[1][2])):
            if any(zs <= start < ze for zs, ze in zones) or start < covered.get(rule, -1):
                continue
            covered[rule] = end
            kind = self.lexicon[idx].kind if rank == 0 else self.regex_rules[idx].kind
            hits.append(Hit(rule, LAYERS[rank], start, end, text[start:end], kind))
        return hits


def _minimal_keys(keys: set[str]) -> list[str]:
    """Drop every key that contains a shorter key: a text holding it is flagged by the shorter one anyway.
    Fewer keys make the prefilter expression smaller and faster."""
    kept: list[str] = []
    for k in sorted(keys, key=lambda k: (len(k), k)):
        if not any(s in k for s in kept):
            kept.append(k)
    return sorted(kept)


_RUST_META = set("\\.+*?()|[]{}^$#&-~")


def _rust_escape(key: str) -> str:
    """A literal for Rust's regex syntax (only its metacharacters are escaped)."""
    return "".join("\\" + c if c in _RUST_META else c for c in key)


def _check_layers(layers: Sequence[str]) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    bad = [x for x in layers if x not in LAYERS]
    if bad:
        raise ValueError(f"unknown layer {bad[0]!r}; rule layers: {', '.join(LAYERS)}")
    return tuple(layers)
