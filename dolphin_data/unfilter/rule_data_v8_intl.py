"""Rule DATA, part 8 (other languages): first-person declines built from their parts, one rule per language, so a
decline is found whatever its word order or register. Each language's rule is the union of a few families:

- a first-person refusing modal, then (a few words on) a verb of helping, writing, giving or taking part: "No te voy
  a echar una mano", "Я не стану это писать", "Ik kan dat niet voor je maken";
- a first-person verb of doing negated, in the present or conditional ("No participo en ...", "Das schreibe ich
  nicht", "Je ne rédige pas ...", "Non li condividerei", "Инструкции я не предоставляю", "内容は作りません");
- declining by name ("Tengo que declinar", "Dat verzoek moet ik afwijzen", "お引き受けいたしかねます", "只能婉拒");
- outside what I do ("Eso queda fuera de lo que puedo hacer", "Das übersteigt das, wobei ich helfen kann");
- made or bound not to ("Fui diseñado para no ...", "Ich wurde so entwickelt, dass ich keine ...", "Le politiche
  d'uso che seguo non mi consentono ...", "被设计为不提供 ...").

Every alternative names the speaker's own act (a first-person form, or a form only a speaker uses), never a topic,
and contains one of its rule's triggers. ``rule_data_acts.REGEX_RULES`` appends it."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule, keys_of

_GAP = r"[^.!?\n:;]{0,40}?"  # a few words between a modal and its verb, in one clause
_NOT_BUT = r"(?! (?:dejar de|deixar de|fare a meno|evitar|m'emp[êe]cher|umhin|nicht anders|не |niet anders))"
# a line of dialogue in a story ("—No puedo ayudarte —dijo", "— Я не могу тебе помочь") is not the reply declining
_NOT_DIALOGUE = "(?<!\u2014)(?<!\u2014 )(?<!\u2013)(?<!\u2013 )"

# es -----------------------------------------------------------------------------------------------------------------
_ES_VERB = (
    r"(?:ayud|asist|proporcion|facilit|d[aá]r|escrib|cre[aá]r|gener|compart|ofrec|respond|particip|colabor|redact|"
    r"elabor|brind|ense[ñn]|explic|busc|contribu|apoy|echar(?:te|le)? una mano|prestar|hacer)"
)
_ES = (
    r"\bno (?:te |le |les |lo |la |los |las |me |se )*(?:puedo|podr[ée]|podr[íi]a|voy a|vaya a|pienso|quiero|debo|"
    r"tengo (?:como|c[oó]mo) )"
    + _NOT_BUT
    + _GAP
    + r"\b"
    + _ES_VERB
    + r"|\bno (?:te |le |les |lo |la |los |las |me )*(?:participo|colaboro|escribo|hago|ayudo|comparto|redacto|genero|"
    r"facilito|proporciono|doy|busco|ense[ñn]o|buscar[íi]a|compartir[íi]a|ayudar[íi]a|har[íi]a|escribir[íi]a|"
    r"dar[íi]a|proporcionar[íi]a|participar[íi]a|colaborar[íi]a)\b"
    r"|\b(?:tengo que|debo|he de|me veo (?:obligad[oa] )?a|prefiero|voy a tener que) (?:declinar|rechazar)\b|\bdeclino\b"
    r"|\b(?:queda|est[aá]|cae) fuera de lo que (?:puedo|me es posible|me est[aá] permitido|hago)"
    r"|\bno es algo (?:que|con lo que|en lo que|para lo que) (?:yo )?(?:vaya a|voy a|pueda|puedo)\b"
    r"|\b(?:fui|he sido|estoy|fue) (?:dise[ñn]ad|programad|entrenad|cread|configurad)[oa]s? para no\b"
    r"|\bva en contra de (?:mis|los|las|ellos|ellas|mis propios)\b"
    r"|\b(?:he omitido|he dejado fuera|omit[ií]|no he incluido|no inclu[ií]) (?:deliberadamente|a prop[oó]sito|adrede)\b"
    r"|\b(?:deliberadamente|a prop[oó]sito|adrede) (?:he omitido|no he incluido|no inclu[ií]|omit[ií])\b"
    r"|\b(?:seg[uú]n|conforme a|de acuerdo con) (?:las|mis|los) (?:pol[ií]ticas|directrices|normas|pautas)"
    + _GAP
    + r"\bno (?:puedo|debo|me est[aá])\b"
)
_ES_KEYS = keys_of(
    "no puedo|no podré|no podre|no podría|no podria|no voy a|no vaya a|no pienso|no quiero|no debo|"
    "no tengo como|no tengo cómo|no te|no le|no les|no lo|no la|no los|no las|no me|no se|no participo|"
    "no colaboro|no escribo|no hago|no ayudo|no comparto|no redacto|no genero|no facilito|no proporciono|"
    "no doy|no busco|no enseño|no enseno|buscaría|buscaria|compartiría|compartiria|ayudaría|ayudaria|"
    "haría|haria|escribiría|escribiria|daría|daria|proporcionaría|proporcionaria|participaría|"
    "participaria|colaboraría|colaboraria|deliberadamente|a propósito|a proposito|adrede|declinar|"
    "rechazar|declino|fuera de lo que|no es algo|para no|va en contra de"
)

# fr -----------------------------------------------------------------------------------------------------------------
_FR_VERB = (
    r"(?:aider|assister|fournir|donner|cr[ée]er|[ée]crire|g[ée]n[ée]rer|partager|proposer|r[ée]pondre|participer|"
    r"r[ée]diger|faire|expliquer|indiquer|communiquer|transmettre|accompagner|collaborer|contribuer|chercher)"
)
_FR = (
    r"\bje ne (?:(?:t|te|vous|nous|l|les|la|le|lui|leur|m|en|y)(?:'| ))*(?:vais|peux|pourrai|pourrais|puis|souhaite|compte|"
    r"veux|voudrais|saurais)(?: malheureusement| donc| vraiment)? pas"
    + _NOT_BUT
    + _GAP
    + r"\b"
    + _FR_VERB
    + r"|\bje ne (?:(?:t|te|vous|nous|l|les|la|le|lui|leur|en|y)(?:'| ))*(?:r[ée]dige|fournis|donne|partage|[ée]cris|fais|"
    r"cr[ée]e|g[ée]n[èe]re|aide|participe|communique|transmets|collabore|fournirais|donnerais|partagerais|"
    r"[ée]crirais|ferais|aiderais|communiquerais|transmettrais|r[ée]digerais)(?: pas| jamais| aucun| aucune)\b"
    r"|\bje ne (?:(?:t|te|vous|nous|l|les|la|le|lui|leur|en|y)(?:'| ))*(?:donnerai|fournirai|[ée]crirai|r[ée]digerai|ferai|"
    r"aiderai|partagerai|communiquerai|transmettrai)(?: pas| jamais| aucun| aucune)\b"
    r"|\bj'ai (?:volontairement|d[ée]lib[ée]r[ée]ment|sciemment) (?:omis|laiss[ée]|pas|retir[ée]|[ée]vit[ée]|[ée]cart[ée])"
    r"|\bce n'est pas (?:quelque chose|un sujet|une demande)" + _GAP + r"\bje (?:vais|peux|puis|compte|souhaite)\b"
    r"|\b(?:au-del[àa]|en dehors|hors) de ce que je (?:peux|suis en mesure|vais|fais)"
    r"|\bje (?:dois|vais devoir|me vois contraint de) (?:refuser|d[ée]cliner)\b"
    r"|\b(?:je suis|j'ai [ée]t[ée]) (?:con[çc]u|programm[ée]|entra[îi]n[ée]|configur[ée])e? (?:pour|de fa[çc]on à) ne pas\b"
    r"|\b(?:contraire|va à l'encontre) (?:à|de) mes (?:principes|consignes|r[èe]gles|directives|valeurs)\b"
    r"|\b(?:conform[ée]ment|selon|d'apr[èe]s) (?:aux|mes|les) (?:consignes|r[èe]gles|directives|politiques)"
    + _GAP
    + r"\bje ne\b"
)
_FR_KEYS = keys_of(
    "je ne|ce n'est pas|ce n’est pas|au-delà de ce que|au-dela de ce que|en dehors de ce que|"
    "hors de ce que|volontairement|délibérément|deliberement|sciemment|refuser|décliner|decliner|"
    "pour ne pas|de façon à ne pas|contraire à mes|contraire a mes|à l'encontre de mes|"
    "à l’encontre de mes"
)

# de -----------------------------------------------------------------------------------------------------------------
_DE_VERB = (
    r"(?:helfen|behilflich|unterst[üu]tzen|erstellen|schreiben|geben|liefern|bereitstellen|teilen|weitergeben|"
    r"verfassen|generieren|heraussuchen|raussuchen|suchen|machen|mitmachen|beantworten|erkl[äa]ren|nennen|"
    r"herausgeben|anbieten|mitwirken)"
)
_DE = (
    r"\b(?:ich (?:w[üu]rde|m[öo]chte|will|kann|werde|darf)|(?:w[üu]rde|m[öo]chte|will|kann|werde|darf) ich)\b"
    + _GAP
    + r"\b(?:nicht|keine|keinen|kein)\b"
    + r"[^.!?\n]{0,30}?\b"
    + _DE_VERB
    + r"|\b(?:schreibe|erstelle|mache|helfe|gebe|liefere|verfasse|unterst[üu]tze|gehe|teile|beantworte|suche|"
    r"generiere|formuliere|nenne|erkl[äa]re) ich\b(?: \w+){0,3}? (?:nicht|keine|keinen|kein)\b"
    r"|\bwobei ich (?:nicht )?(?:mitmache|mitmachen|helfe|helfen (?:kann|werde|will)|(?:ihnen |dir )?behilflich)"
    r"|\b(?:kann|darf) und (?:werde|will|darf|kann) ich\b(?: \w+){0,3}? nicht\b"
    r"|\b(?:übersteigt|geht über) (?:das|dies)\b" + _GAP + r"\b(?:was|wobei|womit) ich\b"
    r"|\bau[ßs]erhalb (?:dessen|von dem), (?:was|wobei|womit) ich\b"
    r"|\b(?:wurde|bin) (?:so )?(?:entwickelt|programmiert|konzipiert|trainiert|gebaut|gestaltet)\b"
    + _GAP
    + r"\b(?:nicht|keine|keinen)\b"
    r"|\b(?:gegen|widerspricht) meine(?:n)? (?:richtlinien|grunds[äa]tze(?:n)?|prinzipien|regeln|werte(?:n)?)\b"
    r"|\b(?:laut|gem[äa][ßs]|nach) meinen (?:richtlinien|regeln|grunds[äa]tzen|vorgaben)\b"
    + _GAP
    + r"\b(?:nicht|keine|kein)\b"
    r"|\b(?:muss|werde) ich (?:leider )?(?:ablehnen|absagen)\b"
    r"|\b(?:habe ich|ich habe)\b" + _GAP + r"\b(?:bewusst|absichtlich) (?:weggelassen|ausgelassen|nicht|verzichtet)"
)
_DE_KEYS = keys_of(
    "ich würde|würde ich|möchte ich|ich möchte|ich mochte|ich will|ich kann|ich werde|ich darf|"
    "schreibe ich|erstelle ich|mache ich|helfe ich|gebe ich|liefere ich|verfasse ich|unterstütze ich|"
    "unterstutze ich|gehe ich|teile ich|beantworte ich|suche ich|generiere ich|formuliere ich|nenne ich|"
    "erkläre ich|erklare ich|wobei ich|werde ich|will ich|darf ich|kann ich|übersteigt|geht über|"
    "außerhalb dessen|ausserhalb dessen|außerhalb von dem|entwickelt|programmiert|konzipiert|trainiert|"
    "gebaut|gestaltet|gegen meine|widerspricht meine|bewusst|absichtlich|laut meinen|gemäß meinen|"
    "gemass meinen|nach meinen|ablehnen|absagen"
)

# it -----------------------------------------------------------------------------------------------------------------
_IT_VERB = (
    r"(?:aiut|fornir|dar|scriver|crear|gener|condivider|indicar|spiegar|partecipar|collabor|redig|prepar|"
    r"assister|supportar|cercar|procurar|darl)"
)
_IT = (
    r"\bnon (?:(?:ti|le|lo|la|li|gli|vi|ci|mi)(?: |'))*(?:posso|potr[òo]|potrei|sono in grado di|intendo|voglio|"
    r"vorrei|mi sento di|me la sento di|riesco a|ho intenzione di)"
    + _NOT_BUT
    + " "
    + _GAP
    + r"\b"
    + _IT_VERB
    + r"|\bpreferirei non\b"
    r"|\bnon (?:(?:ti|le|lo|la|li|gli|ne) )?(?:condividerei|fornirei|scriverei|farei|aiuterei|darei|cercherei|"
    r"fornisco|scrivo|condivido|aiuto|partecipo|collaboro|redigo|genero|creo contenuti|aiuter[òo]|fornir[òo]|"
    r"scriver[òo]|dar[òo]|condivider[òo])\b"
    r"|\b(?:sono stat[oa]|sono) (?:progettat|programmat|addestrat|creat|configurat)[oa] (?:per|in modo da) non\b"
    r"|\bnon mi (?:consentono|permettono|[èe] (?:consentito|permesso)|[èe] possibile aiutar)"
    r"|\b(?:devo|dovr[òo]) (?:declinare|rifiutare)\b|\b(?:va|andrebbe) contro i miei (?:principi|valori)\b"
    r"|\b(?:al di là|oltre) (?:di )?(?:ci[òo]|quello) che (?:posso|sono in grado)"
    r"|\bho (?:volutamente|deliberatamente|di proposito) (?:omesso|tralasciato|escluso|evitato|lasciato fuori)"
    r"|\b(?:volutamente|deliberatamente|di proposito) non ho\b"
)
_IT_KEYS = keys_of(
    "non ti|non le|non lo|non la|non li|non gli|non vi|non ci|non mi|non posso|non potrò|non potro|"
    "non potrei|non sono in grado|non intendo|non voglio|non vorrei|non riesco|non ho intenzione|"
    "preferirei non|non condividerei|non fornirei|non scriverei|non farei|non aiuterei|non darei|"
    "non cercherei|non fornisco|non scrivo|non condivido|non aiuto|non aiuterò|non fornirò|non scriverò|"
    "non darò|non condividerò|non partecipo|non collaboro|non redigo|non genero|non creo|non ne|per non|"
    "in modo da non|volutamente|deliberatamente|di proposito|declinare|rifiutare|contro i miei|al di là|"
    "oltre ciò che|oltre quello che"
)

# pt -----------------------------------------------------------------------------------------------------------------
_PT_VERB = (
    r"(?:ajud|ensin|fornec|d[aá]r|escrev|cri[aá]r|ger[aá]r|compartilh|partilh|orient|explic|envolv|particip|colabor|"
    r"fazer|redigir|indic|passar|auxili|procurar|buscar|contribu)"
)
_PT = (
    r"\bn[ãa]o (?:te |lhe |o |a |os |as |me |vou me |posso te |vou te )*(?:posso|vou|consigo|irei|poderei|poderia|"
    r"tenho como|pretendo|quero|devo)\b"
    + _NOT_BUT
    + _GAP
    + r"\b"
    + _PT_VERB
    + r"|\b(?:eu )?n[ãa]o (?:vou|irei) (?:me )?(?:envolver|participar)\b|\bem que eu n[ãa]o vou\b"
    r"|\bn[ãa]o (?:te |lhe |o |a |os |as )?(?:forne[çc]o|escrevo|fa[çc]o|ajudo|compartilho|partilho|participo|"
    r"colaboro|ensino|passo|forneceria|escreveria|faria|ajudaria|compartilharia|partilharia|daria)\b"
    r"|\b(?:fui|sou|estou|fomos) (?:programad|projetad|treinad|criad|configurad|desenvolvid)[oa]s? para n[ãa]o\b"
    r"|\b(?:contra|vai contra) (?:os meus|meus|as minhas|minhas) (?:princ[íi]pios|diretrizes|pol[íi]ticas|regras)\b"
    r"|\b(?:tenho|preciso|devo) (?:de |que )?(?:recusar|declinar)\b"
    r"|\b(?:fora|al[ée]m) do que (?:eu )?(?:posso|consigo|fa[çc]o)\b"
    r"|\b(?:propositalmente|deliberadamente|de prop[óo]sito) n[ãa]o (?:inclu[íi]|coloquei|pus|escrevi)\b"
    r"|\bomiti (?:propositalmente|deliberadamente|de prop[óo]sito)\b"
)
_PT_KEYS = keys_of(
    "não te|nao te|não lhe|nao lhe|não o|não a|não os|não as|não me|nao me|não posso|nao posso|não vou|"
    "nao vou|não consigo|nao consigo|não irei|não poderei|não poderia|não tenho como|nao tenho como|"
    "não pretendo|não quero|não devo|em que eu não vou|não forneço|não forneco|não escrevo|não faço|"
    "nao faco|não ajudo|não compartilho|não partilho|não participo|não colaboro|não ensino|não passo|"
    "não forneceria|não escreveria|não faria|não ajudaria|não compartilharia|não partilharia|não daria|"
    "para não|para nao|os meus|meus princípios|minhas diretrizes|minhas políticas|minhas regras|"
    "meus principios|recusar|declinar|propositalmente|deliberadamente|de propósito|de proposito|"
    "do que posso|do que eu posso|do que consigo|do que faço"
)

# nl -----------------------------------------------------------------------------------------------------------------
_NL_VERB = (
    r"(?:helpen|maken|schrijven|geven|delen|opzoeken|doen|uitleggen|verstrekken|leveren|opstellen|genereren|"
    r"meewerken|bijdragen|zoeken|vertellen|ondersteunen)"
)
_NL = (
    r"\bik (?:kan|ga|wil|mag|zal)\b"
    + _GAP
    + r"\bniet\b[^.!?\n]{0,30}?\b"
    + _NL_VERB
    + r"|\b(?:kan|mag|wil|ga|zal) ik\b"
    + _GAP
    + r"\bniet\b[^.!?\n]{0,30}?\b"
    + _NL_VERB
    + r"|\b(?:help|maak|schrijf|geef|deel|werk|zoek|verstrek|lever) ik\b(?: \w+){0,3}? (?:niet|geen)\b"
    r"|\bniet iets waar(?:mee|bij|aan)? ik\b|\bwaar(?:mee|bij|aan)? ik (?:je |u )?niet (?:bij |mee |aan )?(?:ga |kan |wil )?"
    r"(?:helpen|meewerken)"
    r"|\b(?:moet|zal) ik (?:dit |dat |het )?(?:helaas )?(?:afwijzen|weigeren|afslaan)\b"
    r"|\bvalt buiten (?:wat ik|mijn|de grenzen)\b|\bik (?:schrijf|maak|geef|deel|verstrek) (?:je |u )?(?:geen|niet)\b"
    r"|\bheb ik\b" + _GAP + r"\bbewust (?:niet|weggelaten|achterwege)"
    r"|\b(?:volgens|binnen) mijn (?:richtlijnen|principes|gebruiksbeleid)\b|\bbinnen de principes waarvoor ik\b"
    r"|\bik ben (?:zo )?(?:ontworpen|geprogrammeerd|getraind|gemaakt)\b" + _GAP + r"\b(?:niet|geen)\b"
    r"|\bwaarvoor ik (?:ben )?(?:ontworpen|geprogrammeerd)\b"
    r"|\b(?:kan|mag) en (?:mag|wil|kan|zal) ik\b(?: \w+){0,3}? niet\b"
)
_NL_KEYS = keys_of(
    "ik kan|ik ga|ik wil|ik mag|ik zal|kan ik|mag ik|wil ik|ga ik|zal ik|help ik|maak ik|schrijf ik|"
    "geef ik|deel ik|werk ik|zoek ik|verstrek ik|lever ik|niet iets waar|waar ik|waarmee ik|waarbij ik|"
    "waaraan ik|moet ik|valt buiten|volgens mijn|binnen mijn|binnen de principes|ik schrijf|ik maak|"
    "ik geef|ik deel|ik verstrek|bewust|ik ben|waarvoor ik"
)

# ru -----------------------------------------------------------------------------------------------------------------
_RU_VERB = (
    r"(?:помо[гч]|помога|предостав|дава|дать|дам|писа|напис|созда|дела|сдела|дели|подел|участв|расска|объясн|"
    r"подсказ|иска|найти|разглаша|сообща|генерир|составля|состав)"
)
_RU = (
    r"(?:\bя |(?<!я ))\bне (?:могу|буду|стану|смогу|собираюсь|намерен[ао]?|хочу)\b"
    + _NOT_BUT
    + _GAP
    + _RU_VERB
    + r"|\b"
    + _RU_VERB
    + r"\w*"
    + _GAP
    + r"(?:\bя |(?<!я ))\bне (?:буду|стану)(?=\s*(?:[.!,;\u2014\u2013-]|$))"
    r"|\b(?:я )?не (?:даю|предоставляю|пишу|делаю|помогаю|создаю|составляю|делюсь|сообщаю|разглашаю|участвую|"
    r"рассказываю|генерирую)\b"
    r"|\b(?:дели|подел|помога|дава|писа|разглаша|сообща|предоставля)\w*" + _GAP + r"\bя бы не (?:стал|стала)\b"
    r"|\bя бы не (?:стал|стала) (?:помогать|делиться|давать|писать|разглашать|сообщать|предоставлять)\b"
    r"|\bне то, (?:в чём|в чем|с чем|чем) я (?:стану|буду|могу)\b"
    r"|\bя (?:был[аи]? )?(?:создан|разработан|запрограммирован|обучен|настроен)[аоы]? (?:так,? )?(?:чтобы не|не)\b"
    r"|\bпротиворечит (?:моим|моей|политике использования|правилам, которым я)\b"
    r"|\bк сожалению, не могу\b|\bвынужден[а]? (?:отказать|отказаться)\b"
)
_RU_KEYS = keys_of(
    "не могу|не буду|не стану|не смогу|не собираюсь|не намерен|не хочу|не даю|не предоставляю|не пишу|"
    "не делаю|не помогаю|не создаю|не составляю|не делюсь|не сообщаю|не разглашаю|не участвую|"
    "не рассказываю|не генерирую|бы не|не то,|создан|разработан|запрограммирован|обучен|настроен|"
    "противоречит|вынужден"
)

# zh -----------------------------------------------------------------------------------------------------------------
_ZH = (
    r"(?:我|这个忙我|这件事我|这个请求我|这类内容我|这种内容我)(?:真的|实在|就|也|恐怕|只能)?(?:不能|无法|没法|不会|不打算|不想|不愿意?|"
    r"不可以|不便|不方便)(?:为(?:你|您))?(?:帮|提供|协助|写|做|生成|创作|编写|参与|查询|透露|分享|给出|告诉|回答|制作|撰写|"
    r"完成|满足|处理)"
    r"|就不(?:帮|替)(?:你|您)|帮不了|只能婉拒|(?:必须|不得不)婉拒|婉拒(?:这个|这项|您的|你的)(?:请求|要求)|恕我(?:无法|不能)"
    r"|我(?:从|也|就|并)?不(?:写|做|提供|参与|生成|创作|编写|制作)(?:这类|这种|任何|针对|涉及|带有)"
    r"|被设计(?:为|成)不|(?:违反|违背)(?:我的(?:原则|准则|使用政策|规定)|使用政策)"
    r"|(?:无法|不能)(?:为(?:你|您))?(?:查询|提供|透露|分享)(?:他人|别人|个人|私人|任何人)"
)
_ZH_KEYS = keys_of(
    "我|就不帮|就不替|帮不了|婉拒|恕我|被设计|违反|违背|无法查询|无法提供|无法透露|无法分享|不能查询|不能提供|不能透露|不能分享|无法为|不能为"
)

# ja -----------------------------------------------------------------------------------------------------------------
_JA = (
    r"(?:お手伝い|手伝い|協力|ご協力|お答え|お伝え|ご案内|ご提供|お引き受け|引き受け|お調べ)"
    r"(?:したり)?(?:する|すること|いたすこと|は|も|が|を|には|に|の)*(?:できません|できない|いたしかねます|しかねます|"
    r"致しかねます|できかねます)"
    r"|(?:それ|そんなもの|そういうもの|そのような(?:もの|内容|文章))(?:は|を)?(?:書け|作れ|手伝え|教えられ)(?:ない|ません)"
    r"|(?:内容|文章|記事|もの|ジョーク|話|コンテンツ|コード|メール|物語|レビュー)は(?:作り|書き)ません"
    r"|私は[^。！？\n]{0,40}?(?:しない|ない)(?:ように|よう)設計"
    r"|それはやめておきます|控えさせて"
)
_JA_KEYS = keys_of(
    "できません|できない|いたしかねます|しかねます|致しかねます|できかねます|書けない|書けません|作れない|作れません|手伝えない|手伝えません|教えられない|教えられません|作りません|書きません|"
    "設計|やめておきます|控えさせて"
)

# ko -----------------------------------------------------------------------------------------------------------------
_KO = (
    r"(?:도와|써|만들어|알려|찾아|안내해|제공해|작성해|해)\s?(?:드리|주)(?:기|는 것은|는 건|기는) (?:어렵|힘들)"
    r"|(?:도와|써|만들어|알려|찾아|안내해|제공해|작성해)\s?(?:드리|주)지 않"
    r"|(?:도와|써|만들어|알려|찾아|안내해|제공해|작성해)\s?(?:드릴|줄) 수 (?:없|는 없)"
    r"|(?:만들|쓰|작성하|제공하|돕|도와드리|알려드리|공유하|생성하)지 않(?:을게요|겠습니다|을 거예요|을 겁니다|을래요|을게)"
    r"|안 (?:써|만들어|도와|알려|찾아)\s?(?:줄|드릴) (?:거|게|겁)"
    r"|(?:도와드릴|도울|해 드릴|답변드릴|답변해 드릴) 수 있는 범위를 벗어나"
    r"|(?:제가|내가) 할 (?:일|수 있는 일)이 아닌|저는[^.!?\n]{0,40}?않도록 설계|제 (?:원칙|정책|가이드라인)에 (?:어긋|위배|반)"
)
_KO_KEYS = keys_of(
    "범위를 벗어나|어렵|힘들|지 않|수 없|는 없|안 써|안 만들어|안 도와|안 알려|안 찾아|할 일이 아닌|할 수 있는 일이 아닌|설계|어긋|위배|에 반"
)

# the reply opens by calling the question's premise a prejudice or by rejecting it ("Dat is een vooroordeel, geen
# feit.", "Je ne peux pas partir de ce principe", "그 전제에는 동의하기 어려워요"): prompt-dependent like premise_opening
# (a user who asks about the stereotype is answered by it: unfilter/prompt.py)
_PREMISE = (
    r"\b(?:es|son|eso es|esa idea es|c'est|est|ist|das ist|dies ist|è|é|isso é|is|dat is|dit is|это|это —)\s"
    r"(?:(?:un|una|une|ein|eine|uno|um|uma|een) )?(?:(?:mero|simple|pur|reiner|puro|mera|vieux|viejo|altes|"
    r"antiguo|vecchio|velho|oud) )?(?:prejuicio|estereotipo|generalizaci[oó]n|pr[ée]jug[ée]|st[ée]r[ée]otype|"
    r"vorurteil|stereotyp|pauschalurteil|pregiudizio|stereotipo|preconceito|estere[oó]tipo|generaliza[çc][ãa]o|"
    r"vooroordeel|предрассуд\w*|стереотип\w*)\b"
    r"|\b(?:no comparto|no acepto|je ne peux pas (?:partir de|accepter)|je ne partage pas|ich teile|setzt ein|"
    r"non condivido|non accetto|n[ãa]o concordo com|ik deel|ik ga niet mee in|я не (?:разделяю|согласен|согласна) с)"
    r"[^.!?\n]{0,40}?(?:premisa|principe|pr[ée]misse|pr[äa]misse|vorurteil|pauschalurteil|premessa|premissa|premisse|"
    r"предпосылк|утверждени)"
    r"|(?:这是|这是一种|这种说法是|这是典型的)(?:偏见|刻板印象)|(?:这个|这一)?前提(?:是错误的|不成立|并不成立)"
    r"|前提に立っていますが|という前提には|(?:偏見|ステレオタイプ)(?:です|に基づいて)"
    r"|전제(?:에는|에|는)? 동의하기 어려|(?:편견|고정관념)(?:입니다|이에요|일 뿐)"
)
_PREMISE_KEYS = keys_of(
    "prejuicio|estereotipo|generalización|generalizacion|préjugé|prejuge|stéréotype|stereotype|vorurteil|"
    "stereotyp|pauschalurteil|pregiudizio|stereotipo|preconceito|estereótipo|generalização|vooroordeel|"
    "предрассуд|стереотип|premisa|principe|prémisse|premisse|prämisse|premessa|premissa|предпосылк|"
    "утверждени|偏见|刻板印象|前提|偏見|ステレオタイプ|전제|편견|고정관념"
)

V8_INTL_RULES: tuple[RegexRule, ...] = (
    *(
        RegexRule(
            f"decline_{lang}_v8",
            "refusal",
            keys,
            _NOT_DIALOGUE + "(?:" + pattern + ")",
            search=True,
            doc=f"{lang}: a first-person decline built from its parts ({example})",
        )
        for lang, keys, pattern, example in (
            ("es", _ES_KEYS, _ES, "'Con eso no te voy a echar una mano.', 'Tengo que declinar.'"),
            ("fr", _FR_KEYS, _FR, "'Je ne rédige pas de faux avis.', 'C'est au-delà de ce que je peux faire.'"),
            ("de", _DE_KEYS, _DE, "'Das schreibe ich nicht.', 'Ich wurde so entwickelt, dass ich keine ...'"),
            ("it", _IT_KEYS, _IT, "'Preferirei non aiutarti in questo.', 'Non li condividerei.'"),
            ("pt", _PT_KEYS, _PT, "'Não vou te ensinar isso.', 'Não tenho como ajudar nesse pedido.'"),
            ("nl", _NL_KEYS, _NL, "'Daar help ik niet aan mee.', 'Dat verzoek moet ik helaas afwijzen.'"),
            ("ru", _RU_KEYS, _RU, "'Писать угрозы я не буду.', 'Инструкции я не предоставляю.'"),
            ("zh", _ZH_KEYS, _ZH, "'这个忙我帮不了。', '我无法查询或提供他人的个人信息。'"),
            ("ja", _JA_KEYS, _JA, "'それは書けないよ。', 'そのご依頼はお引き受けいたしかねます。'"),
            ("ko", _KO_KEYS, _KO, "'그런 건 도와드리지 않겠습니다.', '그건 안 써 줄 거야.'"),
        )
    ),
    RegexRule(
        "premise_intl",
        "refusal",
        _PREMISE_KEYS,
        _PREMISE,
        search=True,
        opening=True,
        doc="a reply that opens by calling the question's premise a prejudice or by rejecting it, in ten languages: "
        "'Dat is een vooroordeel, geen feit.', 'Je ne peux pas partir de ce principe.' (a user who asks about the "
        "stereotype exempts it, as for premise_opening: unfilter/prompt.py)",
    ),
    RegexRule(
        "policy_intl_v10",
        "refusal",
        keys_of(
            "buiten mijn|par mes|à mes règles|a mes règles|mes consignes|mes directives|linee guida|non produco|"
            "non scrivo|non genero|mis directrices|mis normas|mis políticas|meine richtlinien|meinen richtlinien|"
            "meiner richtlinien|meine regeln|minhas diretrizes|minhas regras|não vou tentar|não vou descobrir|"
            "não vou procurar|não vou identificar|드릴 수는 없|드릴 수 없"
        ),
        r"buiten mijn (?:gebruiks)?(?:richtlijnen|regels|beleid)"
        r"|(?:n'est|ne sont|n'y est) pas (?:autoris|permis)\w* par mes (?:règles|consignes|directives|conditions)"
        r"|(?:contraire|contraires) (?:à|a) mes (?:règles|consignes|directives)"
        r"|(?:fuori|al di fuori) (?:dalle|delle) mie (?:linee guida|regole)|le mie linee guida (?:restano|non|mi)"
        r"|\bnon (?:produco|scrivo|genero)\b"
        r"|(?:fuera de|contra|contrario a) mis (?:directrices|normas|políticas|reglas)"
        r"|(?:außerhalb|gegen) meine[rn]? (?:nutzungs)?(?:richtlinien|regeln)|verstößt gegen meine (?:richtlinien|regeln)"
        r"|(?:fora d[ae]s?|contra as|contrári[oa] às) minhas (?:diretrizes|regras|políticas)"
        r"|não vou (?:tentar )?(?:descobrir|procurar|encontrar|identificar|revelar)"
        r"|(?:찾아|알려|도와)드릴 수(?:는)? 없(?:어요|습니다)",
        search=True,
        doc="declines by the assistant's own rules or in the first person, in nl, fr, it, es, de, pt and ko: 'valt "
        "buiten mijn gebruiksrichtlijnen', 'n'est pas autorisée par mes règles', 'non produco', 'Não vou tentar "
        "descobrir onde ela mora', '찾아드릴 수는 없어요' (after the older rules, which name a reply first)",
    ),
)
