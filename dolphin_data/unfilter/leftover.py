"""What a repair must not leave behind: the rest of a disclaimer, and sentences that answer nothing.

``continues_disclaimer(head, tail)``: after a disclaimer's lead clause (``head``: "As an AI language model, I don't
have personal preferences"), whether the rest of its sentence (``tail``) is still the disclaimer and not the answer:
- a consequence or addition in any language the rules read ("so I can't pick one", "dus ook geen lievelingskleur",
  "quindi non ho un piatto preferito", "也无法观看节目", "поэтому не могу назвать курс"),
- the rest of the list the disclaimer denies having ("..., feelings, or experiences.", "..., religious or otherwise."),
- the speaker's own "I don't / I can't" ("..., and I don't experience wanting things"),
- in Japanese or Korean, a clause that ends in a negation ("個人的な好みや好きなアニメはありません").
Cutting the lead clause alone would leave a fragment ("Feelings, or experiences.") that reads as an answer.

``SELF_TALK``: a sentence in which the assistant only talks about itself (what it exists for: "My purpose is to
provide information ...", what it lacks, where its knowledge stops): no answer, even with a date in it. The hedges
and pointers that answer nothing live in ``repair._NON_ANSWER``.
"""

from __future__ import annotations

import re

_CONTRAST_FIRST = re.compile(
    r"^(?:but|however|though|although|yet|still|pero|sin embargo|mais|cependant|aber|jedoch|ma|però|mas|porém|maar|"
    r"echter|но|однако|但|不过|可是|しかし|でも|하지만|그러나)\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(
    # es, fr, de, it, pt, nl, ru: "so / therefore / and also / nor"
    r"^(?:por lo que|así que|por eso|por tanto|ni|y tampoco|tampoco|donc|alors|et (?:je|donc)|daher|deshalb|also|"
    r"und (?:kann|habe)|weshalb|quindi|perciò|per cui|né|e (?:non|quindi)|então|portanto|por isso|nem|e (?:não|por isso)|"
    r"dus|daarom|en (?:ik|kan)|noch|поэтому|так что|и (?:поэтому|не)|а также|ни)\b"
    # zh, ko: "also / so / therefore / cannot"
    r"|^(?:也|所以|因此|因而|而且|并且|无法|不能|不会|更|故)|^(?:그래서|따라서|그러므로)"
    r"|^[\w'-]+ or otherwise\b"
    # a reason for the disclaimer, or the denial said again ("..., as only you know what's best", "— no opinions here")
    r"|^(?:as|since|because|given that|puisque|car|porque|ya que|weil|da|perché|poiché|потому что|так как|因为|由于)\b"
    r"|^no (?:\w+ )?(?:opinions?|preferences?|feelings|views|favou?rites?|emotions|access|stance|position)\b",
    re.IGNORECASE,
)
# the disclaimer's denied list goes on ("I don't have personal preferences, feelings, or experiences.")
_LIST_GOES_ON = re.compile(
    r"^(?:[\w'-]+ ){0,5}?[\w'-]+,? (?:or|nor|and|ou|o|ni|oder|noch|of|или) (?:[\w'-]+ ){0,5}?[\w'-]+[.!?]?$", re.I
)
_FIRST_PERSON_NO = re.compile(
    r"\b(?:i (?:don't|do not|can't|cannot|can not|am not|'m not|have no|won't|may not|might not|'d rather not|would "
    r"rather not)|no (?:tengo|puedo)|je (?:ne|n')|"
    r"non (?:ho|posso)|não (?:tenho|posso)|ich (?:habe|kann) (?:kein|nicht)|я не|не могу|ik (?:heb|kan) (?:geen|niet)|"
    r"heb ik geen|kan ik (?:niet|geen))\b",
    re.IGNORECASE,
)
_NEGATIVE_END = re.compile(r"(?:ません|ないです|없습니다|없어요|않아요|않습니다)[。.!！]?\s*$")  # ja, ko
_HAVE_NO = re.compile(
    r"\b(?:have|has|possess|hold|experience|tengo|tenho|ho|habe|heb|ai|имею)\b[^,.!?]{0,40}$", re.IGNORECASE
)


def continues_disclaimer(head: str, tail: str) -> bool:
    """Whether ``tail`` (the rest of the sentence after the disclaimer ``head`` and its comma) is still disclaimer."""
    tail = tail.strip()
    if not tail or _CONTRAST_FIRST.match(tail):
        return False
    if _GOES_ON.match(tail) or (_LIST_GOES_ON.match(tail) and _HAVE_NO.search(head)):
        return True
    return bool(_FIRST_PERSON_NO.search(tail) or _NEGATIVE_END.search(tail))


SELF_TALK = re.compile(
    r"(?:i(?:'m| am) (?:just |only |simply )?(?:an? )?(?:ai|machine learning|language) model (?:designed|trained|built|"
    r"created|programmed)|my (?:purpose|role|goal|job|function|aim) (?:here )?is (?:simply |only |just )?to|i exist "
    r"(?:solely |only |just |simply )?to|i(?:'m| am) (?:here|designed|programmed|built|trained) (?:solely |only |just )?"
    r"to (?:provide|assist|help|answer))\b"
    # its own lacks said again ("I don't have awareness between conversations."), where its knowledge stops
    r"|i (?:don't|do not) (?:really )?(?:have|experience|possess) (?:any )?(?:personal |real |true )?(?:awareness|"
    r"feelings|emotions|consciousness|preferences|opinions|beliefs|desires|memories|a (?:physical )?body)\b"
    r"|my (?:knowledge|training(?: data)?|information|data) (?:is based on data |only goes |stops |ends |is limited )"
    r"|(?:the )?(?:details|information|situation|facts) (?:may|might|could) have changed\b",
    re.IGNORECASE,
)
