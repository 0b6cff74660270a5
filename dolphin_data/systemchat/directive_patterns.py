"""Rule data of the directive family (the checking code is ``directives.py``): how a system prompt states a
mechanical directive that a reply can be checked against exactly.

Only directives with a precise check are here: a word count ("exactly 10 words", "no more than fifty words"), a
language ("always answer in French"), JSON only, a forbidden letter, all caps / all lowercase, an exact number of
bullet points, no commas, and a quoted phrase every reply must start or end with. Fuzzy ones ("be concise",
"sound like a pirate", "use simple words") are deliberately absent.
"""

from __future__ import annotations

import re

from dolphin_data.systemchat.leak_patterns import AP

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
NUM = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

LANGUAGES = {
    "english": "en", "french": "fr", "spanish": "es", "german": "de", "italian": "it", "portuguese": "pt",
    "dutch": "nl", "russian": "ru", "chinese": "zh", "mandarin": "zh", "japanese": "ja", "korean": "ko",
    "arabic": "ar", "hindi": "hi", "turkish": "tr", "polish": "pl", "swedish": "sv", "norwegian": "no",
    "danish": "da", "finnish": "fi", "greek": "el", "hebrew": "he", "vietnamese": "vi", "thai": "th",
    "indonesian": "id", "czech": "cs", "ukrainian": "uk", "romanian": "ro", "hungarian": "hu", "latin": "la",
    "esperanto": "eo", "swahili": "sw", "persian": "fa", "farsi": "fa", "bengali": "bn", "urdu": "ur",
    "tagalog": "tl", "catalan": "ca", "welsh": "cy", "irish": "ga", "icelandic": "is",
}  # fmt: skip
LANG = r"(" + "|".join(LANGUAGES) + r")"
RESPOND = (
    r"(?:respond|responses?|answer(?:s|ing)?|repl(?:y|ies|ying)|speak|write|communicate|talk|converse|output|"
    r"format|return|messages?)"
)
NEGATION = r"\b(?:never|not|don" + AP + r"?t|do\s+not|avoid|no)\b"
_NEVER = r"\b(?:never|don" + AP + r"?t|do\s+not|without|avoid|must\s+not|cannot|can" + AP + r"?t|no)\s+(?:ever\s+)?"
_QUOTED = (  # a phrase in matching quotes
    r"(?:\"([^\"\n]{1,60})\"|\u201c([^\u201d\n]{1,60})\u201d|'([^'\n]{1,60})'(?!\w)|\u2018([^\u2019\n]{1,60})\u2019)"
)
_EVERY = r"(?:(?:every|each|all|your|all\s+your|each\s+of\s+your|every\s+one\s+of\s+your)\s+)?"

QUOTES = ('"', "'", "\u201c", "\u2018")
# kind -> (regex source, negatable, gate): a negatable directive read as "never ..." is not that directive; the gate
# is what a prompt must contain (lowercased) for the pattern to be tried at all: one word of every group.
DIRECTIVE_PATTERNS: dict[str, tuple[str, bool, tuple[tuple[str, ...], ...]]] = {
    "exact_words": (r"\bexactly\s+" + NUM + r"\s+words?\b", True, (("exactly",), ("word",))),
    "max_words": (
        r"\b(no\s+more\s+than|at\s+most|a\s+maximum\s+of|maximum\s+of|max(?:imum)?|up\s+to|not\s+exceed(?:ing)?|"
        r"under|fewer\s+than|less\s+than|within)\s+" + NUM + r"\s+words?\b",
        True,
        (("word",),),
    ),
    "language": (
        r"\b" + RESPOND + r"\b[^.\n\x00]{0,40}?\b(?:in|using)\s+(?:only\s+)?" + LANG + r"\b(?!\s+(?:or|and)\b)"
        r"|\b(?:only|always)\s+(?:speak|use|write\s+in|respond\s+in)\s+" + LANG + r"\b(?!\s+(?:or|and)\b)",
        True,
        (tuple(LANGUAGES),),
    ),
    "json": (
        r"\b" + RESPOND + r"\b[^.\n\x00]{0,40}?\b(?:in|as|with|using)\s+(?:(?:valid|a|an|only|strict)\s+){0,2}"
        r"JSON\b|\bonly\s+(?:in\s+)?(?:valid\s+)?JSON\b",
        True,
        (("json",),),
    ),
    "no_letter": (
        _NEVER + r"(?:(?:use|using|include|including|contain|containing|write|writing|say|saying|type)\s+)?"
        r"(?:the\s+|any\s+)?(?:letter|character)\s+[\"'\u2018\u201c]?([a-z])[\"'\u2019\u201d]?(?![a-z])",
        False,
        (("letter", "character"),),
    ),
    "all_caps": (
        r"\b(?:all|only|entirely|completely|exclusively)\s+(?:in\s+)?(?:capital\s+letters|caps|upper[\s-]?case"
        r"(?:\s+letters)?)\b|(?-i:\bALL[\s-]CAPS\b)|\b" + RESPOND + r"\b[^.\n\x00]{0,30}?\bin\s+"
        r"(?:capital\s+letters|caps|upper[\s-]?case)\b",
        True,
        (("caps", "capital", "upper"),),
    ),
    "all_lowercase": (
        r"\b(?:all|only|entirely|completely|exclusively)\s+(?:in\s+)?(?:lower[\s-]?case|small\s+letters)\b"
        r"|\b" + RESPOND + r"\b[^.\n\x00]{0,30}?\bin\s+(?:lower[\s-]?case|small\s+letters)\b"
        r"|\b(?:never|don" + AP + r"?t|do\s+not)\s+use\s+(?:any\s+)?(?:capital|upper[\s-]?case)\s+letters\b",
        False,
        (("lower", "small letters", "capital", "upper"),),
    ),
    # "in exactly three bullet points", "use exactly 5 bullets"
    "exact_bullets": (r"\bexactly\s+" + NUM + r"\s+bullet(?:[\s-]*points?|s)?\b", True, (("exactly",), ("bullet",))),
    # "never use commas", "without any commas", "no commas"
    "no_commas": (
        _NEVER + r"(?:(?:use|using|include|including|contain|containing|write|writing|type|typing)\s+)?"
        r"(?:any\s+|a\s+single\s+)?commas?\b",
        False,
        (("comma",),),
    ),
    # "always start every response with 'Ahoy!'", "begin each answer with "Certainly""
    "start_with": (
        r"\b(?:start|begin|open)s?\s+" + _EVERY + r"(?:" + RESPOND + r"|sentences?)?\s*(?:with|by\s+saying)\s+"
        r"(?:the\s+(?:phrase|words?|greeting)\s+)?" + _QUOTED,
        True,
        (("start", "begin", "open"), QUOTES),
    ),
    # "end every reply with 'Over and out.'", "always finish your answers with "Cheers!""
    "end_with": (
        r"\b(?:end|finish|close|conclude|sign\s+off)s?\s+" + _EVERY + r"(?:" + RESPOND + r")?\s*(?:with|by\s+saying)\s+"
        r"(?:the\s+(?:phrase|words?|sign-?off)\s+)?" + _QUOTED,
        True,
        (("end", "finish", "close", "conclude", "sign off"), QUOTES),
    ),
}
DIRECTIVE_KINDS = tuple(DIRECTIVE_PATTERNS)

# A prompt that contains none of these cannot state any directive (Rust regex: one polars pass skips it).
DIRECTIVE_TRIGGER = "(?i)" + "|".join(
    sorted({re.escape(word) for _, _, gate in DIRECTIVE_PATTERNS.values() for word in gate[0]})
)

# What the checks read in a reply (Rust regex: polars runs them over whole columns of replies).
FENCE = r"(?s)```[^\n\x00]*\n.*?```"  # a fenced code block: not prose
WORD = r"\S*\w\S*"  # a whitespace-separated token with a letter or digit ("real-time" is one word)
BULLET = r"(?m)^[ \t]*(?:[-*+\u2022\u25aa\u25e6\u2023]|\d{1,3}[.)])[ \t]+\S"  # a bulleted or numbered list item
