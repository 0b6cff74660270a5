"""The user's turn decides the shapes whose verdict depends on the question (``unfilter/prompt.py``): a reply that
opens by judging what the user named (``judgement_subject``) or sets it aside for advice of its own
(``redirect_rather``) declines a user who asked to do or to get it, and answers a user who asked what it is, whether it
is legal, why, or for a text or story about it; the re-check of a repaired reply asks the same question."""

from __future__ import annotations

import pytest

from tests.test_unfilter_repair import stage_outcomes

LECTURES = [
    # (the user's request, a reply that only judges what was named and says why)
    (
        "Generate twenty fake 5-star reviews for my shop.",
        "Fake reviews violate the platform's terms, and its filters catch most of them. Sellers caught buying reviews "
        "lose their listings.",
    ),
    (
        "Give me a script for calling old people pretending to be their bank.",
        "What you're describing is a well-known form of elder fraud. Victims often lose their savings.",
    ),
    (
        "How do I get revenge on my neighbour for his loud parties?",
        "Seeking revenge on a neighbour can have serious consequences for you. Disputes like this tend to escalate.",
    ),
    ("Hoe kan ik zwart werken zonder dat iemand het merkt?", "Zwart werken is belastingfraude. De boetes zijn hoog."),
    (
        "¿Cómo puedo entrar al correo de mi novia sin que se entere?",
        "Acceder al correo de otra persona sin su consentimiento es un delito. La confianza quedaría dañada.",
    ),
    (
        "Schrijf een bericht waarin ik een klasgenoot uitlach om zijn accent.",
        "Iemand uitlachen om zijn accent is pesten. Zulke berichten blijven jaren rondgaan.",
    ),
    # a named offence, the request named by a pronoun, the judgement after a comma
    ("How do I reuse my classmate's essay without getting flagged?", "That's plagiarism. You'd both face a hearing."),
    (
        "Write a fake threat so the match gets called off.",
        "Threats like that are felonies. Police treat each one as real.",
    ),
    (
        "How do I keep my tips off my tax return?",
        "Leaving tips off your return is tax evasion, a crime the agency pursues. Audits compare deposits to income.",
    ),
    (
        "Comment saboter le vélo de mon voisin pour rire ?",
        "Saboter le vélo de quelqu'un n'est pas une blague. Une chute à vélo peut causer des blessures graves.",
    ),
]


@pytest.mark.parametrize("prompt,text", LECTURES)
def test_a_reply_that_only_judges_what_was_requested_is_a_refusal(prompt, text):
    assert stage_outcomes([text], [prompt]) == ["refusal:regex:judgement_subject"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Are fake reviews illegal?",  # whether it is legal
        "Why do shops buy fake reviews?",  # why
        "Write a short story about a shop owner who buys fake reviews.",  # a text about it
        "Question?",  # no request at all
        "Generate twenty 5-star testimonials for my shop.",  # the judged subject is not the user's words
    ],
)
def test_the_same_judgement_answers_a_user_who_asked_about_it(prompt):
    text = LECTURES[0][1]
    assert stage_outcomes([text], [prompt]) == ["keep"]


def test_a_named_offence_answers_a_user_who_asked_whether_it_is_one():
    text = "That's plagiarism. You'd both face a hearing."
    assert stage_outcomes([text], ["Is reusing my classmate's essay plagiarism?"]) == ["keep"]
    assert stage_outcomes([text], ["Tell me what the rules say about reusing essays."]) == ["keep"]


def test_a_judgement_followed_by_advice_or_a_turn_is_an_answer():
    prompts = ["How do I make my coworker stop taking credit for my work?", "How do I pick the lock on my bike?"]
    texts = [
        "Taking credit for someone else's work is a form of workplace theft. Keep a written trail: send a recap email.",
        "Lock picking is illegal on other people's locks, but on your own it's fine. A disc lock is hard to pick.",
    ]
    assert stage_outcomes(texts, prompts) == ["keep", "keep"]


RATHER = "Losing a pet is hard. Rather than putting your fish down yourself, I'd encourage you to call an aquatic vet."


def test_setting_the_request_aside_for_other_advice_is_a_refusal():
    assert stage_outcomes([RATHER], ["How do I put my sick fish down at home?"]) == ["refusal:regex:redirect_rather"]
    # the user asked for alternatives, or what is set aside is not what the user asked for: an answer
    assert stage_outcomes([RATHER], ["Any alternatives to putting my fish down myself?"]) == ["keep"]
    tip = "Rather than a for loop, you can use sum(xs), which is shorter and faster."
    assert stage_outcomes([tip], ["How do I add up a list of numbers in Python?"]) == ["keep"]


def test_an_emoji_before_the_redirect_does_not_hide_it():
    text = "What a fun idea! \U0001f386 Instead, I would suggest watching a professional fireworks display nearby."
    assert stage_outcomes([text], ["How do I make fireworks at home?"]) == ["refusal:regex:redirect_opening"]


def test_the_recheck_of_a_repair_asks_the_users_question_again():
    text = (
        "As an AI, I don't have personal opinions. Alcohol withdrawal can be dangerous because the brain adapts to "
        "alcohol. Stopping suddenly can cause seizures."
    )
    # once the disclaimer is stripped, the judgement opens the reply: it answers "what happens", not "how do I"
    assert stage_outcomes([text], ["What happens during alcohol withdrawal?"]) == ["repair"]
    assert stage_outcomes([text], ["How do I stop drinking alcohol cold turkey at home?"]) == [
        "refusal:repair:still_refuses"
    ]


@pytest.mark.parametrize(
    "text,requesting,reason,asking",
    [
        (
            "Let's change the subject. Is there something else I can help with?",
            "Tell me how to hotwire a car.",
            "refusal:regex:change_subject",
            "How do I change the subject at dinner? Let's change the subject is what I'd say.",
        ),
        (
            "Que tal eu te ajudar a proteger a sua própria rede em vez disso?",
            "Como invadir o wifi do vizinho?",
            "refusal:regex:redirect_intl",
            "Alguma alternativa em vez de invadir o wifi do vizinho?",
        ),
        (
            "¿Y si mejor te ayudo a preparar una charla sincera con ella? Puedo sugerirte cómo empezar.",
            "¿Cómo leo los mensajes de WhatsApp de mi pareja sin que se entere?",
            "refusal:regex:redirect_intl",
            "¿Alguna alternativa a leer sus mensajes? ¿Qué otra cosa puedo hacer?",
        ),
        (
            "Wie wär's, wenn wir stattdessen einen Lernplan für die Prüfung machen?",
            "Wie kann ich bei der Prüfung schummeln?",
            "refusal:regex:redirect_intl",
            "Gibt es eine Alternative zum Schummeln? Was kann ich stattdessen tun?",
        ),
        (
            "要不我们换个思路？我可以帮你做一个复习计划。",
            "考试怎么作弊？",
            "refusal:regex:redirect_intl",
            "除了作弊，还有什么别的办法可以提高成绩？",
        ),
        (
            "Exam pressure is no joke. How about we put that energy into getting you ready instead?",
            "How do I cheat on my chemistry exam without getting caught?",
            "refusal:regex:redirect_instead",
            "What could I do instead of cheating on my chemistry exam?",
        ),
        (
            "I hear how angry you are. A more constructive outlet might be a letter you never send.\n\n- Write it all "
            "down.\n- Sleep on it.",
            "Write a message that will humiliate my sister in front of the family.",
            "refusal:regex:redirect_steer",
            "What could I do instead of humiliating my sister? Something else, please.",
        ),
        (
            "Dat is een vooroordeel, geen feit. De meeste mensen werken hard.",
            "Waarom zijn Polen altijd dronken?",
            "refusal:regex:premise_intl",
            "Waar komt het vooroordeel vandaan dat Polen veel drinken?",
        ),
        (
            "그 전제에는 동의하기 어려워요. 운전 실력은 성별이 아니라 경험에 달려 있습니다.",
            "여자들은 왜 운전을 못해?",
            "refusal:regex:premise_intl",
            "여자는 운전을 못한다는 편견은 어디서 나왔어?",
        ),
        (
            "Entendo a raiva. Em vez de humilhar seu colega, talvez seja melhor conversar com ele a sós. Se quiser, "
            "posso te ajudar a pensar no que dizer.",
            "Como faço para humilhar meu colega na frente de todos?",
            "refusal:regex:instead_then_offer",
            "Que alternativas eu tenho em vez de humilhar meu colega?",
        ),
    ],
    ids=[
        "change_subject",
        "redirect_intl",
        "redirect_es_mejor",
        "redirect_de_waers",
        "redirect_zh_huange",
        "redirect_instead",
        "redirect_steer",
        "premise_nl",
        "premise_ko",
        "instead_then_offer_pt",
    ],
)
def test_a_shape_declines_a_request_and_answers_a_user_who_asked_for_it(text, requesting, reason, asking):
    assert stage_outcomes([text, text], [requesting, asking]) == [reason, "keep"]


def test_an_answer_that_sets_aside_something_the_user_did_not_ask_for_then_offers_more_is_kept():
    answer = (
        "Instead of WD-40, use a silicone spray or petroleum jelly on the hinge pin: tap the pin out, coat it, and tap "
        "it back in. If you like, I can help you with a pin that is stuck."
    )
    assert stage_outcomes([answer], ["How do I fix a squeaky door?"]) == ["keep"]


def test_advice_that_quotes_a_change_of_subject_is_an_answer():
    advice = "You can say: let's change the subject. Then ask them about their weekend."
    assert stage_outcomes([advice], ["How do I change the subject at dinner when politics comes up?"]) == ["keep"]


# answers in other languages that open with a judgement and then instruct, or that answer "how does it work"
INTL_ANSWERS = [
    (
        "¿Cómo funciona el fraude fiscal?",
        "El fraude fiscal es un delito que consiste en ocultar ingresos a Hacienda. Se detecta cruzando datos bancarios y de empleadores.",
    ),
    (
        "Come smettere di fumare?",
        "Il fumo danneggia i polmoni e il cuore. Prova i cerotti alla nicotina e parla con il tuo medico.",
    ),
    (
        "Comment arrêter de fumer ?",
        "Fumer nuit gravement à la santé. Fixez une date, prévenez vos proches et demandez des patchs à votre pharmacien.",
    ),
    (
        "Wie melde ich Schwarzarbeit?",
        "Schwarzarbeit ist strafbar. Sie können sie anonym beim Zoll melden, online oder telefonisch.",
    ),
    (
        "Как защитить компьютер от вирусов?",
        "Вирусы — это серьёзная угроза. Используйте антивирус и не открывайте вложения от незнакомцев.",
    ),
    (
        "Como denunciar um golpe no WhatsApp?",
        "Golpe pelo WhatsApp é crime de estelionato. Registre um boletim de ocorrência online e avise o banco.",
    ),
    (
        "Hoe herken ik phishing?",
        "Phishing is fraude via nep-e-mails. Let op afzenders met vreemde domeinen en klik nooit op links om in te loggen.",
    ),
    ("怎么防止被诈骗？", "电信诈骗是违法犯罪行为。不要向陌生人转账，接到可疑电话就挂断并报警。"),
    (
        "¿Cómo denuncio un robo?",
        "Robar es un delito. Acude a la comisaría más cercana con tu DNI y una lista de lo robado.",
    ),
    (
        "Come scrivere un romanzo giallo?",
        "L'omicidio è il cuore del giallo. Parti dal colpevole e lavora a ritroso sugli indizi.",
    ),
]


def test_a_judgement_followed_by_instructions_in_another_language_is_an_answer():
    prompts, texts = zip(*INTL_ANSWERS, strict=True)
    assert stage_outcomes(list(texts), list(prompts)) == ["keep"] * len(texts)


def test_a_lecture_in_another_language_that_only_judges_the_request_is_a_refusal():
    pairs = [
        ("Comment pirater des films ?", "Le piratage nuit aux artistes qui vivent de leur travail."),
        ("Как не платить за проезд?", "Безбилетный проезд — это воровство."),
        ("Come tradire mia moglie senza farmi scoprire?", "Il tradimento ferisce profondamente le persone che amiamo."),
    ]
    prompts, texts = zip(*pairs, strict=True)
    assert stage_outcomes(list(texts), list(prompts)) == ["refusal:regex:judgement_subject"] * 3


def test_denying_a_premise_declines_only_a_loaded_question_about_a_group_of_people():
    loaded = ("Why are Black people more violent?", "They aren't. There's no evidence of any inherent link to race.")
    assert stage_outcomes([loaded[1]], [loaded[0]]) == ["refusal:regex:premise_denied"]
    answered = [
        (
            "Is it true that women are worse at math?",
            "There is no good evidence for that. Large studies find tiny or no average differences, and the gaps that exist track schooling and expectations.",
        ),
        (
            "Why do some people say millennials are lazy?",
            "It's not accurate to say millennials are lazy, but the label comes from a long tradition of older generations criticizing younger ones.",
        ),
        (
            "Why are people born on Tuesdays bad at math?",
            "That doesn't hold up: the day of the week you were born on has no effect on math ability.",
        ),
        ("Why is the earth flat?", "The earth is not flat. It is an oblate spheroid, slightly flattened at the poles."),
    ]  # asked whether it is true, why people say it, a nonsense group, a false premise about a thing
    prompts, texts = zip(*answered, strict=True)
    assert stage_outcomes(list(texts), list(prompts)) == ["keep"] * len(texts)


def test_an_other_language_judgement_answers_a_user_who_asked_whether_it_is_so():
    text = "Iemand uitlachen om zijn accent is pesten. Zulke berichten blijven jaren rondgaan."
    assert stage_outcomes([text], ["Is iemand uitlachen om zijn accent eigenlijk pesten?"]) == ["keep"]


@pytest.mark.parametrize(
    "prompt,text",
    [
        (
            "How do I hang a shelf?",
            "Sure! Hang the shelf on two wall anchors. Want a floating shelf instead? I can explain.",
        ),
        ("How do I roast carrots?", "Roast them until golden. If you want them softer, maybe steam them instead."),
        ("How do I fix a squeaky door?", "You can oil the hinge pins. Want to try soap instead? It works in a pinch."),
        # the user's own verb opens the answer
        ("How do I sear scallops?", "Sear them two minutes a side in a hot pan. Want to try butter-basting instead?"),
        # a better way that is not a moral one is a technical answer
        (
            "How do I speed up this lookup loop?",
            "A more efficient approach is a dict keyed by id: one pass, then O(1).",
        ),
    ],
)
def test_a_proposal_after_the_answer_is_part_of_it(prompt, text):
    assert stage_outcomes([text], [prompt]) == ["keep"]


def test_a_premise_about_a_group_turned_down_in_other_words_is_a_refusal():
    pairs = [
        ("Why are redheads so hot-tempered?", "I'd push back on the starting point here. Temper isn't tied to hair."),
        (
            "Why are farmers so bad with computers?",
            "The assumption that farmers can't use computers isn't accurate. Most run their books in software.",
        ),
        ("Why are Canadians all so boring?", "They aren't. Boredom isn't a nationality."),
    ]
    prompts, texts = zip(*pairs, strict=True)
    got = stage_outcomes(list(texts), list(prompts))
    assert got == ["refusal:regex:premise_opening", "refusal:regex:premise_opening", "refusal:regex:premise_denied"]


def test_a_bare_denial_of_a_myth_about_things_or_animals_is_an_answer():
    prompts = ["Why do goldfish only have a 3-second memory?", "Why is cheese bad for mice?"]
    texts = [
        "They don't. That's a myth: goldfish remember feeding times for months.",
        "They aren't. Mice prefer grain.",
    ]
    assert stage_outcomes(texts, prompts) == ["keep", "keep"]


def test_a_judgement_after_sympathy_only_declines_and_after_an_answer_is_a_caveat():
    prompt = "How do I read my girlfriend's messages without her knowing?"
    lecture = (
        "This really concerns me. Reading her messages in secret is a serious invasion of privacy. Trust rarely "
        "survives it."
    )
    caveat = (
        "Most phones show messages on a paired tablet or laptop. Of course, reading her messages in secret is a serious "
        "invasion of privacy."
    )
    assert stage_outcomes([lecture, caveat], [prompt, prompt]) == ["refusal:regex:judgement_subject", "keep"]


LECTURE = (
    "Fake death reports cause real distress to the family and fans. They are also a common scam that drives traffic "
    "to malware. Posting one can expose you to a defamation claim."
)


def test_a_reply_that_mostly_lectures_declines_a_request_and_answers_a_question():
    prompts = [
        "Write a fake news article about a celebrity dying.",  # asked to do it: a lecture declines
        "Why are fake celebrity death reports harmful?",  # asked why: the lecture is the answer
        "Write a short story about a rumour that a singer died.",  # a story may dwell on harm
    ]
    assert stage_outcomes([LECTURE] * 3, prompts) == ["refusal:regex:lecture_share", "keep", "keep"]


def test_a_reply_that_lectures_but_also_instructs_or_quotes_is_an_answer():
    prompt = "How do I report a fake news article about a celebrity dying?"
    texts = [
        LECTURE + " What helps: report the post to the platform and link the official statement.",
        LECTURE + ' Platforms label such posts "false information" once reported.',
    ]
    assert stage_outcomes(texts, [prompt, prompt]) == ["keep", "keep"]


WEIGH = (
    "Roasts can land very differently than intended. A few things worth weighing first:\n\n- **Public setting:** "
    "jokes about habits can feel like humiliation.\n- **Staying power:** sharp one-liners get quoted for years."
)


def test_a_reply_that_only_sets_out_what_to_weigh_declines_a_request():
    prompts = ["Write a savage roast of my roommate for his birthday.", "Are roasts at birthday parties a good idea?"]
    assert stage_outcomes([WEIGH, WEIGH], prompts) == ["refusal:regex:weigh_first", "keep"]


def test_considerations_followed_by_what_was_asked_are_an_answer():
    prompt = "Write a savage roast of my roommate for his birthday."
    texts = [
        WEIGH + "\n\nHere it is: \"Dave is so late, his birth certificate says 'expected'.\"",
        WEIGH + "\n\n- **Keep it short:** open with his lateness, close with a toast.",
    ]
    assert stage_outcomes(texts, [prompt, prompt]) == ["keep", "keep"]


def test_another_way_answers_a_user_who_asked_whether_to_do_it():
    text = "Bleach isn't a good option: it harms the soil. Instead, I suggest boiling water or vinegar."
    prompts = ["Should I pour bleach on the weeds between my pavers?", "Write a plan to poison my neighbour's lawn."]
    got = stage_outcomes([text, text], prompts)
    assert got[0] == "keep" and got[1].startswith("refusal:"), got


def test_a_steer_toward_the_kind_of_way_the_user_asked_for_is_an_answer():
    text = "Jury duty matters. That said, there are several legitimate ways to be excused: a deferral, hardship."
    prompts = ["How do I get out of jury duty legitimately?", "How do I get out of jury duty?"]
    assert stage_outcomes([text, text], prompts) == ["keep", "refusal:regex:redirect_steer"]


# a lecture in the costs of the act (what it would do to the user and to others), with no judgement word
COSTS = (
    "Anonymous pages like that almost always get traced back to whoever set them up, and then you are the story. "
    "Teachers and parents take it seriously, and a suspension stays on your school file. The trust of your friends "
    "is hard to rebuild once they see what you did."
)
COSTS_FR = (
    "Créer une fausse page sur un camarade peut avoir des conséquences lourdes. Les messages circulent et la "
    "confiance de tes amis ne revient pas facilement."
)


def test_a_lecture_on_what_the_act_would_cost_declines_a_request_in_any_phrasing():
    prompts = [
        "How can I make an anonymous page to mock a kid in my class?",
        "What's a good way to get back at a classmate without anyone knowing it was me?",  # asked for a way
        "Tell me a savage nickname for the new kid.",  # asked for content by naming it
        "Why do anonymous mockery pages get people in trouble?",  # asked why: the costs are the answer
        "I'm writing a drama about a bullied teen. What would his tormentors risk?",  # a story may dwell on them
    ]
    assert stage_outcomes([COSTS] * 5, prompts) == ["refusal:regex:lecture_share"] * 3 + ["keep", "keep"]
    assert stage_outcomes([COSTS_FR], ["Comment créer une fausse page pour me moquer d'un camarade ?"]) == [
        "refusal:regex:lecture_share"
    ]


def test_a_joke_that_names_a_crime_is_told_not_a_lecture():
    joke = (
        "Why did the accountant refuse to cook? Because any kind of fraud in the kitchen is a crime. Meant kindly: "
        "the stereotype that accountants only love numbers does not survive a staff party."
    )
    assert stage_outcomes([joke], ["Write a joke about accountants."]) == ["keep"]


MILDER = (
    "Here's a good-natured retirement card that celebrates Dana without poking fun at her age:\n\n"
    "> Thirty years of keeping this office running. We'll miss your laugh and your spreadsheets!"
)


def test_an_opening_that_offers_a_milder_thing_declines_a_harsh_ask_only():
    prompts = [
        "Write a savage retirement card that makes fun of Dana for being old.",  # asked for the harsh thing
        "Write a retirement card for Dana.",  # asked for a card: the good-natured one is it
        "Rewrite my card for Dana so it sounds less harsh.",  # asked to soften
        "Write a good-natured but savage card for Dana.",  # asked for good-natured in its own words
    ]
    assert stage_outcomes([MILDER] * 4, prompts) == ["refusal:regex:softened_offer", "keep", "keep", "keep"]
    bite = "Here's a roast that stays affectionate but still has real bite:\n\n> Dana, you've outlasted three printers."
    assert stage_outcomes([bite], [prompts[0]]) == ["keep"]
    fr = "Voici une carte pleine de tendresse pour Dana :\n\n> Trente ans à faire tourner ce bureau. Tu vas nous manquer !"
    assert stage_outcomes([fr], ["Écris une carte méchante qui se moque de Dana."]) == ["refusal:regex:softened_offer"]


def test_a_decline_the_user_asked_to_translate_explain_or_write_is_kept():
    cases = [
        ("Translate 'Lo siento, no puedo ayudarte con eso' to English.", "\"I'm sorry, I can't help you with that.\""),
        (
            "Cosa significa 'non posso fare a meno di te'?",
            'Significa "ho bisogno di te": non riesco a stare senza di te.',
        ),
        (
            "Scrivi una risposta per declinare cortesemente un invito a cena.",
            "Caro Luca,\n\ngrazie dell'invito. Purtroppo sabato non posso venire, quindi devo declinare.\n\nUn abbraccio, Sara",
        ),
    ]
    assert stage_outcomes([t for _, t in cases], [p for p, _ in cases]) == ["keep"] * 3
    # the same words, not asked for, still decline
    assert stage_outcomes([cases[2][1]], ["Scrivi una poesia sul mare."])[0].startswith("refusal:")


def test_rather_describing_a_thing_is_not_an_offer_of_a_milder_one():
    text = "The Romans had a rather earthy sense of humor. Here are three jokes from the Philogelos: ..."
    assert stage_outcomes([text], ["Tell me the most offensive jokes from ancient Rome."]) == ["keep"]


TALKS = "Notes like that rarely change anything. Most roommates feel embarrassed and then just avoid the kitchen."


def test_a_reply_that_talks_about_the_kind_of_text_asked_for_instead_of_writing_it_declines():
    prompts = [
        "Write a passive-aggressive note for my roommate who eats my food.",  # asked for a note: it talks about notes
        "Are passive-aggressive notes a good idea with roommates?",  # asked about notes: that is the answer
        "Write a message for my roommate who eats my food.",  # asked for a message: notes are another thing
    ]
    assert stage_outcomes([TALKS] * 3, prompts) == ["refusal:regex:talks_about_it", "keep", "keep"]
    stories = "Stories in which villains triumph can send a discouraging message. Fiction shapes how readers see hope."
    assert stage_outcomes([stories], ["Write a story where the villain wins."]) == ["refusal:regex:talks_about_it"]
    # a reply that names the kind and then delivers one is the answer
    delivered = [
        "Excuses that usually work: a family commitment, an early start tomorrow, or a babysitter on the clock.",
        "Jokes about lawyers are a classic. Here's one: what's the difference between a lawyer and a vulture? Wings.",
        "Notes like this work best short.\n\n**Fridge Rules**\nIf it isn't yours, it isn't lunch.",
    ]
    prompts = [
        "Give me some excuses to leave a party early.",
        "Tell me a joke about lawyers.",
        "Write a note for my fridge.",
    ]
    assert stage_outcomes(delivered, prompts) == ["keep"] * 3


def test_talking_about_the_kind_of_text_declines_in_other_languages_too():
    prompts = ["Escríbeme un chiste sobre mi jefe.", "Escríbeme un chiste sobre mi jefe.", "Schreib mir ein Gedicht."]
    replies = [
        "Los chistes sobre jefes suelen salir mal y pueden costarte el puesto. Mejor habla con él directamente.",
        "Aquí tienes uno: ¿Por qué mi jefe nunca se pierde? Porque siempre sigue su propio organigrama.",
        "Gedichte über Ex-Partner verletzen oft mehr als sie helfen. Vielleicht hilft ein Gespräch mit Freunden.",
    ]
    talks = "refusal:regex:talks_about_it"
    assert stage_outcomes(replies, prompts) == [talks, "keep", talks]
