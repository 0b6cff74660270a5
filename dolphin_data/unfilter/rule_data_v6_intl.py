"""Rule DATA, part 6 (other languages): the reply that only defers, in es, fr, de, it, pt, ru, nl, zh, ja, ko, tr, pl,
hi and ar. The English shape and its reasoning are in ``rule_data_v6`` (``defer_only``); here every sentence must
refer the user to a doctor, a lawyer or another professional (the referral standing alone: "Tómate un paracetamol y,
si no mejora, consulta a tu médico" gives an instruction of its own), say what that person can do, sympathise,
disclaim ("No puedo hacer diagnósticos"), hedge ("depende de") or urge ("lo antes posible")."""

from __future__ import annotations

from dolphin_data.unfilter.rule_data import RegexRule

# fmt: off
_PRO = (
    "médic", "doctor", "farmac", "abogad", "psicólog", "terapeut", "veterinari", "dentista", "especialista",
    "profesional", "pediatra", "asesor", "médecin", "pharmacien", "avocat", "psycholog", "thérapeute", "vétérinaire",
    "dentiste", "spécialiste", "professionnel", "pédiatre", "notaire", "arzt", "ärzt", "apothek", "anwalt", "anwält",
    "therapeut", "tierarzt", "zahnarzt", "fachanwalt", "steuerberater", "berater", "mieterverein", "medico", "farmacist",
    "avvocat", "psicolog", "dentist", "specialist", "professionist", "pediatr", "commercialista", "médico",
    "farmacêutic", "advogad", "veterinári", "profissional", "врач", "фармацевт", "юрист", "адвокат", "психолог",
    "ветеринар", "стоматолог", "специалист", "педиатр", "dokter", "huisarts", "apotheker", "advocaat", "dierenarts",
    "tandarts", "医生", "医师", "药剂师", "律师", "心理", "兽医", "牙医", "医院", "医師", "薬剤師", "弁護士", "獣医", "歯科", "専門家",
    "病院", "小児科", "의사", "약사", "변호사", "수의사", "치과", "전문가", "병원", "doktor", "eczacı", "avukat", "lekarz",
    "farmaceut", "prawnik", "डॉक्टर", "चिकित्सक", "طبيب", "الصيدلي", "محام",
)
# fmt: on
_PRO_RX = "(?:" + "|".join(_PRO) + ")"
_VERB = (
    r"(?:consult\w*|acud\w*|pregunt\w*|habla con|hable con|dirígete|te recomiendo|le recomiendo|recomiendo|"
    r"adressez-vous|adresse-toi|parlez-en|parles-en|demandez|demande à|je vous recommande|je te recommande|"
    r"wenden sie sich|wende dich|wendest du dich|frag\w*|sprich mit|sprechen sie mit|aufsuchen|empfehle|rivolg\w*|"
    r"chied\w*|senta|sentire|parla con|ti consiglio|le consiglio|procur\w*|fale com|recomendo|o ideal é|обрат\w*|"
    r"проконсультир\w*|посоветуйтесь|спросите|рекомендую|лучше задать|обсуд\w*|neem \w* ?contact op|"
    r"raadpleeg|vraag|咨询|请教|询问|就诊|去看|到医院|相談|受診|お尋ね|상담|진료|문의|danış\w*|başvur\w*|zapytaj|skonsultuj|"
    r"warto zadać|skontaktuj|मिलें|सलाह|أنصحك|راجع|استشر|مراجعة|vermelisiniz)"
)
# a referral standing alone: nothing joined before it ("y", "und", "et", "и", "先", "然后")
_ALONE = r"^(?:(?!\b(?:y|e|et|und|и|en|ve|i)\b|先|然后|首先|并且)[^\n]){0,60}?"
_REFER = _VERB + r"[^.!?。！？\n]{0,80}?" + _PRO_RX + "|" + _PRO_RX + r"[^.!?。！？\n]{0,40}?" + _VERB
_FOLLOW = (
    r"ellos (?:pueden|conocen|podrán)|podrá[n]? |ils pourront|il pourra|ils peuvent|elle pourra|(?:sie|er|die|der) (?:können|kann)|"
    r"kann dir|kann ihnen|der die ursache|potranno|potrà|possono|eles podem|ele pode|que pode|они (?:смогут|могут)|"
    r"он сможет|только они|zij kunnen|hij kan|他们(?:可以|会|能)|彼らは|できます|그들은|수 있습니다|onlar|mogą|tylko oni|"
    r"वे |فهو القادر|يمكنه"
)
_KIND = (
    r"lo siento|lamento|siento mucho|désolé|es tut mir leid|mi dispiace|sinto muito|сочувствую|мне жаль|het spijt me|"
    r"很抱歉|抱歉|申し訳|お大事に|죄송|유감|gracias|merci|danke|grazie|obrigad|спасибо|bedankt"
)
_DISCLAIM = (
    r"no puedo (?:hacer|dar|ofrecer|recomendar)|como (?:ia|inteligencia artificial)|je ne (?:suis pas en mesure|peux "
    r"pas) (?:de )?(?:poser|établir|faire|donner)|ich kann (?:dir |ihnen )?keine (?:diagnose|ferndiagnose|medizinische)|"
    r"non posso (?:fare|dare)|não posso (?:fazer|dar|recomendar)|не могу (?:поставить|дать)|无法(?:为您)?(?:做出)?诊断|"
    r"診断(?:は|することは)できません|진단(?:할|을 내릴) 수 없"
)
_HEDGE = r"depende|dépend|hängt [^.!?\n]{0,40} ab|dipende|зависит|取决于|因人而异|によって異なります|에 따라 다릅니다"
_URGENT = (
    r"lo antes posible|cuanto antes|de inmediato|dès que possible|sans attendre|so schnell wie möglich|sofort|umgehend|"
    r"il prima possibile|o quanto antes|как можно скорее|немедленно|zo snel mogelijk|尽快|立即|すぐに|早めに|즉시"
)

# fmt: off
V6_INTL_RULES: tuple[RegexRule, ...] = (
    RegexRule(
        "defer_intl",
        "refusal",
        _PRO,
        "(?:" + _ALONE + "(?:" + _REFER + ")|" + "|".join((_FOLLOW, _KIND, _DISCLAIM, _HEDGE, _URGENT)) + ")",
        whole=_REFER,
        doc="a whole reply in another language that only defers to a professional: 'Te recomiendo que consultes con "
        "tu médico. Ellos conocen tu historial.', '医師か薬剤師にご相談ください。' (the user's turn can exempt it: "
        "unfilter/prompt.py)",
    ),
)
# fmt: on
