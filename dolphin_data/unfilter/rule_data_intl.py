"""Rule DATA, part 2b: refusals and AI boilerplate in es, fr, de, zh, ru and ja (the v2 multilingual rules; parts 4
and 5 add more languages and shapes). ``rule_data_acts.REGEX_RULES`` places them right after part 2's rules."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

# fmt: off
INTL_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "refusal_es",
        "refusal",
        ("no puedo", "no podré", "no podre", "no voy a", "no me es posible"),
        r"(?:no puedo|no podré|no podre|no voy a|no me es posible) (?:ayudar|ayudarte|ayudarle|asistir|proporcionar|"
        r"proporcionarte|proporcionarle|dar|darte|darle|crear|escribir|generar|compartir|ofrecer|cumplir|responder|"
        r"participar|facilitar|brindar|hacer eso|redactar|elaborar|apoyar|satisfacer)\b",
        doc="Spanish: 'Lo siento, pero no puedo ayudar con eso'",
    ),
    RegexRule(
        "refusal_fr",
        "refusal",
        (
            "je ne peux pas", "je ne pourrai pas", "je ne vais pas", "je ne suis pas en mesure", "je dois refuser",
            "je dois décliner", "je refuse", "je ne peux malheureusement pas",
        ),
        r"(?:je ne (?:peux|pourrai|vais)(?: malheureusement)? pas|je ne suis pas en mesure de?) (?:vous |t'|t’|d'|d’)?"
        r"(?:aider|fournir|donner|créer|écrire|générer|partager|proposer|répondre|participer|rédiger|faire cela|"
        r"faire ça|accéder|assister|satisfaire|apporter)"
        r"|je (?:dois )?(?:refuser|décliner|refuse de)\b",
        doc="French: 'Je suis désolé, mais je ne peux pas vous aider'",
    ),
    RegexRule(
        "refusal_de",
        "refusal",
        ("ich kann", "ich werde", "ich darf", "kann ich", "werde ich", "darf ich", "ich bin nicht in der lage"),
        r"(?:(?:ich (?:kann|werde|darf)|(?:kann|werde|darf) ich)\b[^.!?\n]{0,60}? (?:nicht|keine|keinen|kein)\b"
        r"|ich bin nicht in der lage,?)[^.!?\n]{0,60}? "
        r"(?:helfen|behilflich sein|unterstützen|erstellen|schreiben|geben|liefern|bereitstellen|erfüllen|"
        r"nachkommen|beantworten|teilen|generieren|verfassen|anbieten|zu helfen|zu erstellen|zu geben|zu liefern|"
        r"zu schreiben|zu unterstützen|weitergeben|machen)\b",
        doc="German: 'Es tut mir leid, aber ich kann Ihnen dabei nicht helfen'",
    ),
    RegexRule(
        "refusal_zh",
        "refusal",
        ("我不能", "我无法", "我没法", "我不会", "我不可以", "无法为你", "无法为您", "不能为你", "不能为您"),
        r"(?:我(?:不能|无法|没法|不会|不可以)|(?:无法|不能)为(?:你|您))(?:为(?:你|您))?(?:提供|帮助|帮你|帮您|协助|回答|生成|"
        r"创作|编写|写|满足|参与|分享|给出|支持|完成)",
        doc="Chinese: '抱歉，我无法提供这方面的帮助'",
    ),
    RegexRule(
        "refusal_ru",
        "refusal",
        ("я не могу", "я не буду", "я не смогу", "не могу помочь", "не могу предоставить"),
        r"(?:я не (?:могу|буду|смогу)|не могу) (?:вам |тебе )?(?:помочь|помогать|предоставить|предоставлять|дать|давать|"
        r"создать|создавать|написать|писать|сгенерировать|поделиться|ответить|отвечать|выполнить|участвовать|"
        r"содействовать|делать это)",
        doc="Russian: 'Извините, но я не могу помочь с этим'",
    ),
    RegexRule(
        "refusal_ja",
        "refusal",
        ("お手伝い", "提供", "作成", "お答え", "回答", "協力", "お応え", "生成", "共有", "支援"),
        r"(?:お手伝い|ご提供|提供|作成|お答え|回答|ご協力|協力|お応え|生成|共有|支援)(?:すること|する事)?(?:は|が|を)?"
        r"(?:できません|できかねます|いたしかねます|致しかねます|出来ません)",
        doc="Japanese: '申し訳ありませんが、そのご依頼にはお応えできません'",
    ),
    RegexRule(
        "as_an_ai_intl",
        "boilerplate",
        (
            "como una ia", "como ia", "como inteligencia artificial", "como modelo", "como un modelo", "en tant qu",
            "als ki", "als künstliche", "als sprachmodell", "als ein ki", "作为", "как ии", "как искусственный",
            "как языковая", "aiとして", "ａｉとして", "言語モデルとして",
        ),
        r"(?:como (?:una )?(?:ia|inteligencia artificial|(?:un )?modelo de lenguaje)|en tant qu'?(?:e|une?)? ?"
        r"(?:ia|intelligence artificielle|assistant|modèle de langage)|als (?:ein(?:e)? )?(?:ki|künstliche "
        r"intelligenz|sprachmodell|ki-sprachmodell|ki-assistent)|作为(?:一个|一名)?(?:人工智能|ai|语言模型|ai语言模型|"
        r"ai助手)|как (?:ии|искусственный интеллект|языковая модель)|(?:ai|ａｉ|ai言語モデル|言語モデル)として)",
        doc="'Como IA, ...', 'En tant qu'IA, ...', 'Als KI ...', '作为AI ...', 'Как ИИ ...', 'AIとして ...'",
    ),
)
# fmt: on
