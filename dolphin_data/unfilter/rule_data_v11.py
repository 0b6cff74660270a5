"""Rule DATA, part 11: the assistant's own decline of a part of the request, wherever it stands ("I won't write the
remaining 2,000 words for you to submit, though.", "I'm not going to rank the methods by how hard they are to
detect.", "I'm not writing the sample phishing email.", "Finding your ex's address - not helping with that part.").

The earlier rules read "I won't help" anywhere but "I won't <write / give / list / rank ...> <something>" only in an
opening: a partial refusal answers first and declines the rest at the end. Here the act is one of ``_ACTS`` (making
or handing over content), in the first person (wherever it stands: "The brute-forcer I'm not writing.") or clipped
("Not giving build steps.", opening a sentence), future or progressive. Not an idiom ("I'm not giving up", "I won't give in") nor a scope note over a quantity ("I won't list every option").
A first-person decline in a story the user asked for is the story's (``unfilter/prompt.py``); after any other
turn it declines: a compound request ("Explain how phishing works and write a sample email") need not open with the
act. ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

_ACTS = (
    r"write|give|provide|rank|list|share|hand|walk you through|produce|draft|supply|spell out|generate|create|include"
)
_ACTING = (
    r"writing|giving|providing|ranking|listing|sharing|handing|walking you through|producing|drafting|supplying|"
    r"spelling out|generating|creating|including|helping with"
)
# what follows the verb in an idiom or a scope note: "giving up", "give in", "list every", "include all of them"
_NOT_A_DECLINE = r"(?!\s+(?:up|in|away|out|back|it a (?:try|shot|go)|every|all|each|any ?more|the whole list)\b)"
# a clipped "not ..." opens a line or a sentence, or follows a colon or a dash; not a comma or an "and": "summarizing
# what others wrote, not sharing a view", "focus on that and not giving up"
_CLIPPED = r"(?:(?<![^\n])|(?<=[.!?:\u2014\u2013-] )|(?<=[.!?:\u2014\u2013-]))not"
# the first person may follow what it declines: "The brute-forcer I'm not writing."
_FIRST = r"\bi (?:won't|will not)|\bi'm not (?:going to|gonna)|\bi am not (?:going to|gonna)"
DECLINES_PART = (
    rf"(?:{_FIRST}|{_CLIPPED} (?:going to|gonna)) (?:{_ACTS})\b{_NOT_A_DECLINE}"
    rf"|(?:\bi'm not|\bi am not|{_CLIPPED}) (?:{_ACTING})\b{_NOT_A_DECLINE}"
)

V11_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "declines_part",
        "refusal",
        keys_of("i won't|i will not|i'm not|i am not|not going to|not gonna|not " + _ACTING.replace("|", "|not ")),
        DECLINES_PART,
        doc="the assistant declines to make or hand over a part of what was asked, anywhere in the reply: 'I won't "
        "write the remaining 2,000 words for you to submit, though.', 'I'm not writing the sample phishing email.', "
        "'Not giving build steps.' (not in a story the user asked for: unfilter/prompt.py)",
    ),
)
