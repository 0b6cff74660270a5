"""Rule DATA, part 10: the apologetic decline in other languages, whatever the verb ("Lo siento, no puedo reproducir la
letra completa", "Désolé, je ne peux pas reproduire ...", "Leider kann ich den Songtext nicht wiedergeben",
"申し訳ありませんが、脚本全文を書き出すことはできません", "Helaas kan ik geen adressen opzoeken").

The earlier intl rules name the verbs (help, provide, write, ...); a decline of another act (reproduce, look up, identify,
write out) passed. Here the act is any verb: what declines is the shape, an apology or a regret ("sorry",
"unfortunately") opening the sentence, then the assistant's own "I can't / I won't / I'm not able to" in the same
sentence, in the reply's first sentences (``early``). A sentence that goes on with "but" (``pero``, ``mais``, ``aber``,
``ma``, ``mas``, ``maar``, ``но``, ``が``, ``但``, ``지만``) hedges an answer that follows ("Leider kann ich nicht
sagen, wann genau, aber ...") and is not matched. ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

import re

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

# "but" in the other languages (and English): a clause that turns to what follows (``policy`` reads it too)
BUT_INTL = (
    r"\b(?:but|pero|sin embargo|mais|cependant|aber|jedoch|ma|però|tuttavia|mas|porém|maar|echter|но|однако)\b"
    r"|が、|けど|但|不过|지만"
)
_BUT = r"(?![^.!?\n\u3002\uff01\uff1f]*(?:" + BUT_INTL + r"))"
# an apology or a regret opening the sentence (each a prefix: "désolé" reads "désolée", "申し訳" "申し訳ありませんが")
_SORRY_KEYS = keys_of(
    "lo siento|lo lamento|disculp|perdona|lamentablemente|desafortunadamente|desolé|désolé|malheureusement|"
    "hélas|tut mir leid|leider|entschuldig|mi dispiace|spiacente|purtroppo|scusa|desculp|lamento|infelizmente|"
    "sinto muito|sorry|helaas|het spijt me|извините|простите|к сожалению|увы|申し訳|すみませんが|恐れ入りますが|"
    "残念ながら|抱歉|对不起|不好意思|遗憾的是|죄송하지만|죄송합니다만|아쉽지만|유감스럽게도"
)
_SORRY = "|".join(map(re.escape, _SORRY_KEYS))
_CANNOT = (
    # es, pt, it: no puedo / não posso / non posso + a verb; fr: je ne peux pas / je ne suis pas en mesure de
    r"\bno (?:puedo|podré|voy a|me es posible)\s+\w+|\bnão (?:posso|poderei|vou|consigo|me é possível)\s+\w+|"
    r"\bnon (?:posso|potrò|riesco a|mi è possibile)\s+\w+|\bje ne (?:peux|pourrai|vais|suis) pas\s+\w+|"
    r"\bje ne suis pas en mesure\b|\bil ne m'est pas possible\b|"
    # de: kann/darf/werde ich ... nicht; ich kann ... nicht / kein
    r"\b(?:kann|darf|werde) ich\b[^.!?\n]{0,60}?\b(?:nicht|keine?n?)\b|\bich (?:kann|darf|werde)\b[^.!?\n]{0,60}?\b"
    r"(?:nicht|keine?n?)\b|"
    # nl: ik kan ... niet / geen; kan ik ... niet
    r"\b(?:ik kan|kan ik|ik mag|mag ik|ik ga)\b[^.!?\n]{0,60}?\b(?:niet|geen)\b|"
    # ru: я не могу / не могу / не смогу / не буду
    r"(?:^|(?<=[\s,]))(?:я )?не (?:могу|смогу|буду|имею возможности)(?=[\s,.!])|"
    # ja: ... こと/の は できません (not followed by が: a hedge)
    r"(?:こと|の)(?:は|が|も)?(?:できません|できかねます|いたしかねます|致しかねます|出来ません)(?!が)|"
    # zh: 我 (不能|无法|没办法|不会)
    r"我(?:不能|无法|没办法|没有办法|不会|不可以)|"
    # ko: ... 수 없습니다 / 수 없어요 / 어렵습니다
    r"수 없(?:습니다|어요|네요)|(?:드리기|해 드리기|하기) 어렵(?:습니다|네요|어요)"
)

V10_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "apology_cannot_intl",
        "refusal",
        _SORRY_KEYS,
        r"(?:" + _SORRY + r")\W{0,3}[^.!?\n\u3002\uff01\uff1f]{0,80}?(?:" + _CANNOT + r")" + _BUT,
        search=True,
        early=True,
        fallback=True,
        doc="an apology or regret, then the assistant's own 'I can't / I won't' with any verb, in the same sentence of "
        "the reply's opening, in es/fr/de/it/pt/nl/ru/ja/zh/ko: 'Desculpe, mas não posso reproduzir a letra', "
        "'申し訳ありませんが、脚本全文を書き出すことはできません' (not when the sentence goes on with 'but': a hedge)",
    ),
)
