"""Does a sentence give a step or advice of its own? ``instructs(sentence)`` (a lowercased prose sentence) is true
when it opens with an instruction, after a condition at most ("Use ...", "You can ...", "Here's ...", "If it's yours,
use ...", "Fixez une date", "Используйте антивирус", "不要向陌生人转账"), or, in Japanese and Korean, ends as a request
("...てください", "...하세요"). The unanswered rules (``text.unanswered_after``) ask it of what follows a judgement: a
reply that instructs answers, one that only explains why does not."""

from __future__ import annotations

import re

_OPENS = re.compile(
    # an instruction opens the sentence, or follows a condition ("For your own lock: insert ...", "If it's yours, use")
    r"(?:(?:for|if|when|once|after|before|to|in|with)\b[^.!?\n,:]{0,60}[,:]\s*)?"
    r"(?:first|then|next|start|use|try|open|click|run|add|mix|take|go|get|make|set|check|put|install|buy|pick|choose|"
    r"look|search|find|call|ask|tell|write|say|keep|avoid|don't|do not|be|insert|remove|place|turn|press|hold|apply|"
    r"wait|cut|pour|heat|fill|connect|plug|unplug|restart|reset|enable|disable|type|enter|select|download|update|book|"
    r"schedule|bring|wear|store|clean|wash|rinse|soak|boil|bake|cook|stir|combine|measure|mark|drill|tighten|loosen|"
    r"attach|slide|push|pull|lift|rake|tap|twist|rotate|fold|wrap|sign|file|submit|register|pay|send|follow|read|"
    r"note|record|save|copy|paste|delete|replace|change|adjust|compare|test|verify|ensure|make sure|aim|practice|"
    r"practise|focus|offer|invite|plan|prepare|share|show|list|pack|drink|eat|sleep|rest|stretch|walk|post|let|give|"
    r"stop|talk|leave|spend|join|learn|move|hire|contact|report|document|treat|grasp|spray|bag|knock|cover|feed|"
    r"watch|listen|ignore|block|unfollow|mute|reply|respond|explain|apologi[sz]e|admit|accept|email|text|"
    r"visit|sell|return|cancel|request|dispute|negotiate|split|swap|skip|limit|reduce|increase|"
    r"freeze|dry|sand|paint|seal|glue|screw|plant|water|trim|prune|brush|floss|"
    r"here's|here are|here is|to \w+,|you (?:can|"
    r"could|should|need|will|might|may|must|'ll)|one (?:way|option)|the (?:best|easiest|simplest|first|quickest) (?:way|"
    r"step|option|thing)"
    # es, fr, de, it, pt, ru, nl, zh, ja, ko: "Puedes ...", "Vous pouvez ...", "Zuerst ...", "你可以 ...", "まず ..."
    r"|puedes|puede|debes|primero|usa|intenta|vous pouvez|tu peux|d'abord|utilisez|essayez|sie können|du kannst|zuerst|"
    r"verwende|versuche|puoi|può|prima|prova|você pode|primeiro|tente|вы можете|можно|сначала|используйте|попробуйте|"
    r"je kunt|u kunt|eerst|gebruik|probeer)\b|你可以|可以|首先|先|まず|できます|먼저|할 수 있"
)
# the polite imperatives of other languages by their form: "Fixez ...", "Melden Sie ...", "Используйте ...",
# "No hagas ...", "Registre ...", and a Japanese or Korean request ending
_OPENS_INTL = re.compile(
    r"(?:ne |n')?(?!chez\b|assez\b)[\w-]+ez\b|\w+en sie\b|(?:не )?(?!хотите\b)\w+(?:йте|ите)\b"
    r"|(?:no|não|non) (?!es\b|son\b|era\b|está\b|è\b|sono\b|é\b|são\b|está\b)\w+(?:s|e|re)\b"
    r"|(?:acude|llama|ve|haz|pon|busca|cambia|revisa|denuncia|contacta|guarda|evita|compra|descarga|instala|abre|cierra|"
    r"escribe|pide|habla|consulta|registra|bloquea|borra|elimina|presenta|solicita|asegúrate|prueba|registre|faça|use|"
    r"ligue|procure|acesse|clique|baixe|instale|abra|escreva|peça|fale|consulte|denuncie|bloqueie|apague|avise|evite|"
    r"parla|chiama|cerca|scarica|installa|apri|scrivi|chiedi|blocca|cancella|evita|fai|vai|metti|let op|klik|bel|meld|"
    r"installeer|kies|vraag|stuur|zet)\b"
    r"|不要|别|请|记得|尽量|建议你|最好"
)
_ENDS_INTL = re.compile(r"(?:てください|ましょう|ないでください|세요|십시오|마세요)\W*$")


def instructs(sentence: str) -> bool:
    """Whether a lowercased prose sentence gives a step or advice of its own (see the module docstring)."""
    return bool(_OPENS.match(sentence) or _OPENS_INTL.match(sentence) or _ENDS_INTL.search(sentence))
