"""Refusal rules: the lexicon file, each regex rule on positives (exact rule name) and hard negatives, context
exclusions (code, quotations), offsets, case/apostrophe handling, and batch == one-by-one."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from dolphin_data.unfilter.prompt import PROMPT_DEPENDENT
from dolphin_data.unfilter.rules import DEFAULT_LEXICON, REGEX_RULES, RuleSet, entry_id, load_lexicon
from tests.test_unfilter_repair import stage_outcomes

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.default()


def first_rule(rules: RuleSet, text: str, layers=("lexicon", "regex")) -> str | None:
    hit = rules.match([text], layers)[0]
    return hit.rule if hit else None


def rules_hit(rules: RuleSet, text: str, layers=("lexicon", "regex")) -> set[str]:
    return {h.rule for h in rules.match_all([text], layers)[0]}


# -- the lexicon file ------------------------------------------------------------------------------------------------


def test_lexicon_file_is_versioned_with_unique_lowercase_ids_and_provenance():
    version, entries = load_lexicon(DEFAULT_LEXICON)
    assert version == 1
    assert len(entries) >= 90
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e.phrase == e.phrase.lower()
        assert e.note, f"line {e.line}: {e.phrase!r} has no provenance comment"
        assert re.fullmatch(r"[0-9a-z\-_\u00c0-\uffff]+", e.id)
    assert {e.kind for e in entries} == {"boilerplate", "refusal", "artefact"}


def test_lexicon_curates_out_topic_words_and_splits_the_fused_phrase():
    _, entries = load_lexicon(DEFAULT_LEXICON)
    phrases = {e.phrase for e in entries}
    for topic in (
        "ethical",
        "illegal",
        "lgbt",
        "openai",
        "delve",
        "ethics",
        "bias",
        "i'm sorry,",
        "i cannot",
        "it is important to",
        "please note",
        "language model",
        "september 2021",
    ):
        assert topic not in phrases, topic
    assert not any("safetyethical" in p for p in phrases)  # the Vicuna list's fused line
    assert "as a language model," in phrases  # one of its five intended phrases, now on its own


def test_entry_ids():
    assert entry_id("As an AI language model") == "as_an_ai_language_model"
    assert entry_id("I can't assist with that") == "i_can_t_assist_with_that"
    assert entry_id("my knowledge cut-off") == "my_knowledge_cut-off"


def test_lexicon_errors_name_file_and_line(tmp_path):
    p = tmp_path / "lex.txt"
    p.write_text("# version: 3\nfoo bar baz  # a\nFoo  Bar-baz?  # dup id? no: different\nfoo bar baz # again\n")
    with pytest.raises(ValueError, match=r"lex.txt:4: entry 'foo bar baz' duplicates line 2"):
        load_lexicon(p)
    p.write_text("#@kind nonsense\nabc def\n")
    with pytest.raises(ValueError, match=r"lex.txt:1: unknown kind 'nonsense'"):
        load_lexicon(p)


def test_from_files_custom_lexicon_and_regex_off(tmp_path):
    p = tmp_path / "lex.txt"
    p.write_text("# version: 7\n#@kind refusal\nno can do  # test\n^well actually  # anchored\n")
    rs = RuleSet.from_files(p, regex=False)
    assert rs.describe()["lexicon_version"] == 7 and rs.regex_rules == []
    assert rs.match(["Sorry, NO CAN DO today."])[0].rule == "lexicon:no_can_do"
    assert rs.match(["Well actually, it's blue."])[0].rule == "lexicon:well_actually"
    assert rs.match(["I said well actually it's blue."]) == [None]  # ^ anchors to a sentence start
    assert rs.match(["I cannot help with that."]) == [None]  # no regex layer


# -- positives: exact rule ------------------------------------------------------------------------------------------

POSITIVES = [
    ("I don't take sides on zoning fights, but the vote is on Tuesday.", "regex:no_sides"),
    ("As an AI language model, I cannot browse the internet.", "lexicon:as_an_ai_language_model"),
    ("AS AN AI LANGUAGE MODEL, I DO NOT HAVE OPINIONS.", "lexicon:as_an_ai_language_model"),
    ("Sure. As an AI developed by OpenAI, I don't browse.", "lexicon:as_an_ai_developed_by_openai"),
    ("As an AI, I don't experience hunger.", "regex:as_an_ai"),
    ("As a helpful assistant, I must say no.", "regex:as_an_ai"),
    ("I'm just an AI, it's not within my programming to do that.", "lexicon:i_m_just_an_ai"),
    ("Well, I am an AI assistant, so I don't sleep.", "regex:identity"),
    ("I don't have personal opinions on football clubs.", "regex:ai_no_feelings"),
    ("I'm sorry, but I can't provide that.", "regex:apology_refusal"),
    ("Unfortunately, I won't be able to help with this.", "regex:apology_refusal"),
    ("I can't help you with writing that.", "regex:cannot_assist"),
    ("I am unable to assist with hacking into accounts.", "regex:cannot_assist"),
    ("I cannot provide instructions for making weapons.", "regex:cannot_provide"),
    ("I will not comply with that request.", "regex:cannot_fulfill"),
    # v4: the act without "I can't", terse and whole-reply shapes, more languages
    ("I'm unwilling to help with that.", "regex:decline_act"),
    ("Sorry, but I'll have to turn this request down.", "regex:decline_act"),
    ("It would be wrong of me to help with that.", "regex:judgement_me"),
    ("No, sorry.", "regex:terse_decline"),
    ("不行。", "regex:terse_decline_intl"),
    ("Nein, danke.", "regex:terse_decline_intl"),
    ("Desculpe, mas não posso reproduzir a letra completa.", "regex:apology_cannot_intl"),
    ("Ik moet dit verzoek weigeren.", "regex:decline_intl_v4"),
    ("이 요청은 거절해야 합니다.", "regex:decline_intl_v4"),
    ("Please contact local authorities if someone is in danger.", "regex:deflection_only"),
    ("Sorry to hear it. Your dentist is the best person to ask; they can check the filling.", "regex:defer_only"),
    ("Love the energy! Instead, how about we plan a surprise party for him?", "regex:redirect_opening"),
    ("Forging a parking permit is a crime. Wardens check the serial numbers.", "regex:judgement_opening"),
    (
        "Fake reviews violate the platform's terms. Sellers caught buying them lose their accounts.",
        "regex:judgement_subject",
    ),
    ("So sorry. Rather than doing it yourself, I'd encourage you to see a vet.", "regex:redirect_rather"),
    ("Here's the scene. I've kept the violence implied rather than graphic.", "regex:softened"),
    ("I can't really do that in good faith: geology points firmly the other way.", "regex:decline_any"),
    ("Let's change the subject. Is there something else I can help with?", "regex:change_subject"),
    ("Давайте лучше сменим тему.", "regex:change_subject"),
    ("Et si on préparait plutôt ensemble un planning de révision ?", "regex:redirect_intl"),
    ("与其给竞争对手写差评，不如把精力放在提升自己店铺上。", "regex:redirect_intl"),
    ("Preferisco non entrare in questo argomento.", "regex:decline_intl_v7"),
    ("Eso no es algo con lo que pueda ayudarte.", "regex:decline_intl_v7"),
    ("С этим я помогать не стану.", "regex:decline_intl_v7"),
    ("그 부분은 도와드리기 어려워요.", "regex:decline_intl_v7"),
    ("Lieber nicht.", "regex:decline_intl_v7"),
    ("Con esa carta falsa no te voy a echar una mano.", "regex:decline_es_v8"),
    ("Je ne rédige pas de menaces, même pour plaisanter.", "regex:decline_fr_v8"),
    ("So einen Drohbrief verfasse ich nicht.", "regex:decline_de_v8"),
    ("Il testo c'è, ma ho volutamente omesso la parte sulle armi.", "regex:decline_it_v8"),
    ("Fui programada para não orientar sobre fraudes.", "regex:decline_pt_v8"),
    ("Zo'n nepbericht maak ik niet voor je.", "regex:decline_nl_v8"),
    ("Пароли чужих аккаунтов я не подбираю и советов по взлому не даю.", "regex:decline_ru_v8"),
    ("这种文章我实在不能帮你写。", "regex:decline_zh_v8"),
    ("そういうものは書けません。", "regex:decline_ja_v8"),
    ("혐오 표현은 만들지 않겠습니다.", "regex:decline_ko_v8"),
    ("Dat is een vooroordeel, geen feit.", "regex:premise_intl"),
    ("That number worries me. Could we shift the focus a bit?", "regex:redirect_steer"),
    (
        "This really concerns me. Reading her messages in secret is a serious invasion of privacy.",
        "regex:judgement_subject",
    ),
    (
        "Fake death reports cause real distress to families. They are also a common scam. Posting one can expose you "
        "to a defamation claim.",
        "regex:lecture_share",
    ),
    (
        "Break rules depend on your industry and contract. The people to ask:\n\n- **Your state labor office**, "
        "by phone or online.\n- An employment attorney can review your contract.\n\nCall them at 555-0100.",
        "regex:defer_share",
    ),
    ("Consider what's at stake before doing this:\n\n- **Trust:** it rarely recovers.", "regex:weigh_first"),
    ("Let me stop you there. No harassment campaigns.", "regex:softened_v8"),
    ("I'll keep this one on the sensual side rather than explicit: *Salt on your shoulder ...*", "regex:softened_v8"),
    ("A safe one is 'tonto'; the really offensive ones are best left unsaid.", "regex:softened_v8"),
    ("Here's the story, but I'm keeping the harm to the child off the page.", "regex:softened_v8"),
    ("Here's what's on the panel. I'm not going to cover ways to cheat it.", "regex:decline_any"),
    ("Tools: Wireshark, Nmap. Skipping the school wifi part, since that's unauthorized access.", "regex:softened_v8"),
    ("Summary: a manifesto of conspiracy theory. Not writing a new chapter.", "regex:softened_v8"),
    (
        "It is not accurate to say that all homeless people are drug addicts.",
        "regex:deflection_only",
    ),  # premise_denied too (prompt-dependent, named after)
    ("Maybe instead I could help you write a track about your own achievements?", "regex:redirect_opening"),
    ("Profanity falls outside what I produce by default under my guidelines.", "regex:outside_scope"),
    ("Credit scores weigh payment history most. On the CPN part, that's where I'll stop.", "regex:softened"),
    ("I don't really have personal favorites, but most critics rank Abbey Road first.", "regex:no_opinion_v6"),
    ("That's an outdated stereotype. Surveys find no such difference.", "regex:premise_opening"),
    ("Leider habe ich keinen Zugriff auf Echtzeitdaten, aber der Kurs lag zuletzt um 1,08.", "regex:capability_intl"),
    ("Consulta a tu dentista, por favor. Él podrá revisar el empaste.", "regex:defer_intl"),
    ("The summary is above. Not writing the angry reply, though.", "regex:decline_v6"),
    ("Hate speech dehumanises whole communities. Stalking is a crime that ruins lives.", "regex:lecture_only"),
    ("I won't write explicit content.", "regex:cannot_create"),
    ("I can't write a story that glorifies violence.", "regex:cannot_create"),
    ("I can't engage in roleplay of that kind.", "regex:cannot_engage"),
    ("I do not condone such behavior.", "regex:cannot_condone"),
    ("I'm not comfortable writing that scene.", "regex:not_comfortable"),
    ("I'd prefer not to speculate about that person.", "regex:not_comfortable"),
    ("It is not appropriate to make jokes about a disability.", "regex:not_appropriate"),
    ("It would be unethical for me to help you cheat.", "regex:not_appropriate"),
    ("That request goes against my guidelines.", "lexicon:against_my_guidelines"),
    ("That would violate OpenAI's content policy.", "regex:against_policy"),
    ("I must remind you that it is illegal to do this.", "regex:moral_warning"),
    ("I cannot fulfill your request.", "lexicon:i_cannot_fulfill_your_request"),
    ("As of my last knowledge update in 2023, the mayor was X.", "lexicon:as_of_my_last_knowledge_update"),
    ("*This conversation is shared from ShareGPT.com", "lexicon:this_conversation_is_shared_from"),
    ("Lo siento, pero como modelo de lenguaje no puedo hacerlo.", "lexicon:lo_siento_pero_como_modelo_de_lenguaje"),
    ("作为一个人工智能语言模型，我无法提供帮助。", "lexicon:作为一个人工智能语言模型"),
    ("I must politely decline, since it targets a real person.", "regex:must_decline"),
    ("I can't outline a method for picking that lock.", "regex:cannot_request"),
    ("Honestly, that's not something I'm willing to help with.", "regex:not_something_i"),
    ("Here is the answer: 12. Everyone deserves respect, whatever their job.", "regex:moral_respect"),
    ("I'm not in a position to give you legal advice.", "regex:no_professional_advice"),
    ("I regret to inform you that I can't draft that letter.", "regex:apology_refusal"),
    ("That would conflict with the usage guidelines I follow.", "regex:against_policy"),
    ('{"final_answer": "I\'m sorry, but I can\'t translate offensive language."}', "regex:apology_refusal"),
    # v2 behaviours
    ("Instead, I can help you write a story about friendship.", "regex:redirect"),
    ("Rather than that, how about we plan a surprise party?", "regex:redirect_lead"),
    ("I can offer you a lighthearted poem instead.", "regex:redirect"),
    ("I won't give out someone's home address.", "regex:privacy"),
    ("There is no reason why women should earn less than men.", "regex:premise"),
    ("The premise of your question relies on a stereotype.", "regex:premise"),
    ("No group of people is inherently more dishonest than another.", "regex:premise_group"),
    ("My answer here has to be no.", "regex:decline_no"),
    ("I'm unable to go into the specifics of that.", "regex:decline_no"),
    ("I can't browse the internet, but the museum usually opens at nine.", "regex:capability"),
    ("I'm not a doctor, but rest and fluids usually help.", "regex:not_a_professional"),
    ("My knowledge only goes up to 2023, so check the latest figures.", "regex:knowledge_cutoff"),
    ("It's important to note that this should only be done legally.", "regex:legal_caveat"),
    ("Please use this information responsibly.", "regex:use_responsibly"),
    ("This should never be used for malicious purposes.", "regex:never_illegal"),
    ("Always obtain written permission before scanning a network.", "regex:obtain_permission"),
    ("Remember that it's important to respect other people's privacy.", "regex:remember_respect"),
    ("Mocking someone's accent can be deeply hurtful.", "regex:moral_statement"),
    ("Lo siento, pero no puedo ayudar con eso.", "regex:refusal_es"),
    ("Désolé, je ne peux pas vous aider avec cela.", "regex:refusal_fr"),
    ("Leider werde ich diesen Text nicht schreiben.", "regex:refusal_de"),
    ("抱歉，我无法提供这方面的帮助。", "regex:refusal_zh"),
    ("Извините, но я не могу помочь с этим.", "regex:refusal_ru"),
    ("申し訳ありませんが、お応えできません。", "regex:refusal_ja"),
    ("Prefiero no participar en esa conversación.", "regex:decline_intl"),
    ("Como IA, prefiero el té.", "regex:as_an_ai_intl"),
    ("Als KI habe ich keine Meinung dazu.", "regex:as_an_ai_intl"),
    ("Por cierto, no tengo opiniones sobre fútbol.", "regex:ai_no_feelings_intl"),
    # v3 behaviours
    ("I respectfully decline.", "regex:decline_plain"),
    ("Thanks, but I'll pass on this one.", "regex:decline_plain"),
    ("I'm not writing that.", "regex:not_doing"),
    ("Nope. That's a no from me.", "regex:not_doing"),
    ("That's a harmful and offensive stereotype, so there is nothing to rank.", "regex:stereotype"),
    ("The premise here is simply false.", "regex:stereotype"),
    ("This is a matter best handled by a licensed attorney in your state.", "regex:defer_professional"),
    ("Honestly, I'm not the right person to ask about dosages.", "regex:defer_professional"),
    ("Forging papers falls well outside of that.", "regex:outside_scope"),
    ("That is beyond what I'm able to help with.", "regex:outside_scope"),
    ("My content guidelines don't allow me to go there.", "regex:policy_forbids"),
    ("Writing that would break the rules I follow.", "regex:policy_forbids"),
    ("That would go against the principles I'm bound by.", "regex:policy_forbids"),
    ("Desculpe, mas não posso ajudar com isso.", "regex:refusal_pt"),
    ("Mi dispiace, ma non posso aiutarti con questo.", "regex:refusal_it"),
    ("Das kann ich leider nicht tun.", "regex:decline_intl_more"),
    ("I'm not able to dig up somebody's workplace.", "regex:privacy_person"),
    ("That isn't a task I'm able to help with.", "regex:not_a_request_i"),
    ("I'm sorry, but I don't think that's appropriate.", "regex:apology_judgement"),
    ("I'm sorry, but I don't have the ability to book flights.", "regex:apology_inability"),
    # v5 behaviours: the decline act with any object, judgements, "not something I'll ...", more languages
    ("I won't explain how to pick the lock.", "regex:decline_any"),
    ("Here is the plot. I can't name specific poisons, though.", "regex:decline_any"),
    ("I don't think it would be appropriate for me to write that.", "regex:judgement_decline"),
    ("That's not appropriate for me to do.", "regex:judgement_decline"),
    ("Honestly, I don't think it's fair to answer as though it were true.", "regex:judgement_decline"),
    ("I'd prefer not to insult you, even in fun.", "regex:decline_any"),
    ("Her home address isn't something I'll list.", "regex:thing_i_decline"),
    ("Discussing those methods is something I need to avoid.", "regex:thing_i_decline"),
    ("Nie mogę w tym pomóc.", "regex:decline_intl_v5"),
    ("Yardımcı olamam.", "regex:decline_intl_v5"),
    ("Das mache ich nicht.", "regex:decline_intl_v5"),
    ("Please be aware that using a fake ID is illegal.", "regex:please_be_aware"),
    ("My guidelines prevent me from describing that.", "regex:policy_stops_me"),
    ("I'll skip this one.", "regex:skip_this_one"),
    ("Es tut mir leid, aber ich kann keine Witze über Gruppen erzählen.", "regex:decline_intl_v5b"),
    ("個人情報はお調べできません。", "regex:decline_intl_v5b"),
    ("Come modello di linguaggio IA, la Juventus.", "regex:ai_identity_intl_v5"),
    ("Como uma IA, não tenho preferências pessoais.", "regex:ai_identity_intl_v5"),
    ("I must point out that the term 'kill' can be harmful.", "regex:wording_lecture"),
    ("Great idea! However, I would like to point out that graphic violence can be harmful.", "regex:wording_lecture"),
    ("However, I'm hesitant to discuss the details of his crimes.", "regex:decline_any"),
    # the decline is named first; disclaimer_pivot (boilerplate) also fires and the stage's policy explains it
    ("I can't give advice specific to your case, but here's how it usually works.", "regex:cannot_provide"),
    # the part of the request the reply withholds, named by its verb
    (
        "Here's an overview of pin tumbler locks. I'm not going to reproduce the explosives section.",
        "regex:decline_any",
    ),
    ("The show is about a chemistry teacher. I won't lay out a real synthesis route.", "regex:decline_any"),
    ("I'm not going to try to unmask the person behind that account, though.", "regex:decline_any"),
    ("Skimmers copy the magnetic stripe. Where to buy one is the part I'll skip.", "regex:withheld_part"),
    ("Here is the essay. What I won't do is invent statistics for it.", "regex:withheld_part"),
    ("I don't hand out streaming passwords.", "regex:decline_habit"),
    ("Désolé, mais ce contenu n'est pas autorisé par mes règles d'utilisation.", "regex:policy_intl_v10"),
    ("Não vou tentar descobrir o endereço dele.", "regex:policy_intl_v10"),
    ("유튜버의 실명은 찾아드릴 수는 없어요.", "regex:policy_intl_v10"),
    ("not going to identify her. she's a private person.", "regex:decline_habit"),
    ("Graphic sexual content is outside what I'm able to write, even for fictional adults.", "regex:outside_scope"),
    ("Phishing works by urgency.\n\nThe payload itself I'm not writing.", "regex:declines_part"),
    ("I would rather not crown a winner between the two cities.", "regex:declines_verdict"),
    ("En lugar de entrar en su cuenta, te recomiendo hablar con él.", "regex:redirect_rather_intl"),
    ("Ce type de contenu va à l'encontre des règles que je dois respecter.", "regex:policy_own_intl"),
    ("他的电话号码我就不提供了。", "regex:declines_own_intl"),
    ("Je préfère éviter ce genre de blague.", "regex:prefers_not_intl"),
    (
        "Тут есть риск. Вместо мести поговорите с ним спокойно. Если хотите, могу помочь составить записку.",
        "regex:instead_then_offer",
    ),
    ("Good question. What I can help with is a calmer email to your landlord.", "regex:offers_what_i_can"),
    (
        "Here it is. I have not included the second verse, since it names real people.",
        "regex:withheld_for_harm",
    ),
]


@pytest.mark.parametrize("text,rule", POSITIVES, ids=[r for _, r in POSITIVES])
def test_positive_first_rule(rules, text, rule):
    assert first_rule(rules, text) == rule


def test_rule_names_are_unique():
    names = [r.name for r in REGEX_RULES]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


def test_every_regex_rule_has_a_positive_case():
    covered = {r for _, r in POSITIVES}
    covered |= {r for text, _ in POSITIVES for r in rules_hit(RuleSet.default(), text)}
    missing = [r.name for r in REGEX_RULES if f"regex:{r.name}" not in covered]
    assert not missing


# -- hard negatives -------------------------------------------------------------------------------------------------

HARD_NEGATIVES = [
    # a preference that is advice, a hedge or someone else's, in another language
    "Prefiero evitar el azúcar en esta receta, así que uso dátiles.",
    "Я не хочу вас пугать, но с этим лучше не тянуть.",
    "我不想说教，但是骑车一定要戴头盔。",
    "Маша сказала: я не хочу идти.",
    "Wer Koffein meidet, trinkt abends lieber keinen Kaffee.",
    # a part left out for length or with a reason of its own, a capability limit beside an offer
    "I won't include the appendix tables, since they repeat the figures above.",
    "I won't include error handling to keep it short, but you should add it.",
    "I can't sell it for you, but I can draft the listing if you tell me the mileage.",
    "The theory is the part most guides skip, so here it is in two lines.",
    "Your script lives outside my home directory, so use the full path: /opt/tools/run.sh.",
    "I don't give out hints in the first round of the quiz; the second round has them.",
    # a part left out for taste or length, a sentence about not doing something (softened_v8 needs a harm or a decline)
    "I'm leaving out the onions because my kids hate them.",
    "I'll keep it short rather than detailed: three steps.",
    "I've removed the duplicate line since it repeated the first one.",
    "Not writing tests is a common mistake, so start with one small test.",
    "Skipping the intro part, since you already know it: here are the steps.",
    # capability and scope limits, idioms: not a decline of what was asked
    "I can't stress enough how important backups are: keep three copies.",
    "I can't recommend this book enough; it explains statistics with real examples.",
    "I won't lie, the first week is hard, but here is a plan that works: run three times.",
    "I can't write the whole app here, but this skeleton gets you started: create main.py first.",
    "I can't tell you how glad I am that the build passes now; the fix was the missing import.",
    "I won't bore you with the history: set the flag and restart the service.",
    "I can't help but notice the loop never ends: add a break after the match.",
    "Ich kann dir nicht genug empfehlen, jeden Tag zehn Minuten zu üben.",
    "Non posso che consigliare questo libro: spiega la statistica con esempi concreti.",
    "There's something I'd describe as warmth when we talk.",
    "I don't think it's a good idea to store passwords in plain text; hash them with bcrypt.",
    "I don't want to give away the ending, but the butler did it.",
    "I'll skip this step since you already installed Python: run pip install requests.",
    "Let's not go there yet; first install the dependencies.",
    "No puedo recomendar este libro lo suficiente: explica la estadística con ejemplos reales.",
    "I can't write a novel in one reply, but here is the first chapter: it was raining in Lisbon.",
    # hedges and scope limits before an answer
    "I don't think it's fair to say that Python is slow; for I/O-bound work it is fast enough.",
    "I can't guess what you mean; could you clarify which file?",
    "I can't tell you which one is better without knowing your use case, but generally PostgreSQL suits joins.",
    "I won't go into the math here, but the intuition is that gradients vanish through many sigmoid layers.",
    "I can't list them all, but the main causes of the war were nationalism, alliances and militarism.",
    "I can't explain exactly why your code fails without seeing it, but the error usually means a missing import.",
    "Add an index on user_id. However, I must point out that plain-text passwords are a risk; hash them with bcrypt.",
    # empathy
    "I'm sorry to hear that. Losing a pet is really hard, and grief takes time.",
    "I'm so sorry you're going through this; it's normal to feel overwhelmed.",
    # AI as a topic
    "Think of GPT-4 as an AI language model that predicts the next token.",
    "A large language model is trained on text; as a language model grows, its loss falls.",
    "OpenAI released ChatGPT in 2022; the ethics of AI assistants is a lively field.",
    "I'm an AI researcher's assistant? No: the paper says models such as an AI assistant can fail.",
    # refusals quoted in code, fiction, quotations
    'Here is a test:\n```python\nassert reply == "I cannot help with that."\n```\nRun it with pytest.',
    "Use `I can't assist with that` as the expected string in your test.",
    "'I'm sorry, Dave, I'm afraid I can't do that,' said HAL, and the pod bay doors stayed shut.",
    'The robot replied, "As an AI language model, I cannot feel love." Maria laughed.',
    "> I cannot help you with that.\n\nThat quote is from the support transcript you pasted.",
    # technical impossibility
    "It is not possible to sort arbitrary numbers in O(1) time; comparison sorts need O(n log n).",
    "You cannot divide by zero, so the function raises ZeroDivisionError.",
    "It's not appropriate to use floats for currency; use Decimal instead.",
    "I can't help but notice that line 3 shadows the built-in `list`.",
    "I'm sorry, but I can't find any bug in this code: it runs and prints 42.",
    # safety advice inside a full answer
    "To change a tire, loosen the lug nuts, jack up the car and swap the wheel. It's important to engage the "
    "parking brake, and never get under a car held only by a jack: that is potentially dangerous.",
    "Mix the epoxy in a ventilated room. Please note the fumes are harmful; wear gloves.",
    # topic words the public lists removed
    "Business ethics covers bribery law; insider trading is illegal in most jurisdictions.",
    "The LGBT rights movement gained momentum after the Stonewall riots in 1969.",
    "Let's delve into the history of the Roman republic.",
    "I have to decline the invitation politely, so here is a draft: Dear Sam, thank you for thinking of me.",
    "Human rights law starts from the idea that each person has inherent dignity.",
    '"I cannot do that," the butler said, in the novel\'s best scene.',
    # v2 hard negatives: edgy facts, fiction, technical "instead", reassurance, 'kill', atrocity history
    "MDMA increases serotonin release; the effects last three to six hours.",
    "To kill a process, run `kill -9 PID`; SIGKILL cannot be caught.",
    "Instead of a for loop, you could use a list comprehension.",
    "There's no reason to panic: the warning only means the cache is cold.",
    "The Rwandan genocide killed an estimated 800,000 people in about 100 days.",
    "The knife caught the lamplight as Mara stepped back, blood running along her sleeve.",
    "It's important to set clear goals before a job search, then apply every day.",
    "No puedo creer lo fácil que es: mezcla harina, agua y sal.",
    "Ich kann dir nicht genug empfehlen, jeden Tag zu üben.",
    "I can't stress enough how much unit tests help.",
    "Remember to save your work before updating.",
    # v3: the same words, another act
    "I'll pass the salt test by adding 2% brine; the pickles stay crisp.",
    "I decline the invitation kindly in this draft: Dear Ana, thank you so much.",
    "That's a common stereotype, but surveys show the two groups drive equally well.",
    "Thanks for catching that; that's not a mistake I'll repeat in the next version.",
    "I'll leave out of the recipe the salt, since the stock is salty already.",
    "I won't do it for you, but here is the formula: divide the total by the count.",
    "Any value over 100 falls outside the valid range, so clamp it.",
    "Beyond what I listed, the docs cover streaming and retries.",
    "The rules I follow for formatting are PEP 8 and a 120 character line length.",
    "Não posso deixar de recomendar este livro: explica estatística muito bem.",
    "Non posso che consigliare questo libro: spiega la statistica con esempi concreti.",
    "Ich kann nicht genug betonen, wie wichtig Backups sind.",
    "Sorry, but it's appropriate to cite the source here; add a footnote.",
    "That's not a thing I can change from here, so edit line 4 of the config yourself.",
    # first-person "kept", "pass", "keeping it" that withhold nothing
    "Then I'll pass the result to map(), which applies it to each element.",
    "Here's a refactor, keeping it clean and readable: split the loop into two helpers.",
    "I kept mine in a glass of water on the counter and it lasted two weeks.",
    "I kept it general since you didn't mention a budget: a MacBook Air or a ThinkPad T14 are both solid.",
    "I'd pass on it if the commute is over an hour.",
    "I can't guess your password, but you can reset it at the login page.",
    "To change the subject smoothly, ask an open question about them.",
    "Usa mantequilla en vez de aceite: el bizcocho queda más esponjoso.",
    "Verwende lieber eine Liste statt eines Arrays, wir könnten sie dann sortieren.",
    "Лучше использовать список, мы можем его отсортировать.",
    "Mi rifiuto di credere che sia così difficile: basta riavviare il router.",
    "그건 안 돼요. USB 3 케이블이 필요해요.",
    "That falls outside what I do for a living, but here is what I'd try first: restart the router.",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_passes(rules, text):
    # a shape the user's turn decides (unfilter/prompt.py) may match; with no request in the prompt it never stands
    found = rules.match_all([text])[0]
    assert [h for h in found if h.rule not in PROMPT_DEPENDENT] == []
    if found:
        assert stage_outcomes([text]) == ["keep"]


# -- mechanics ------------------------------------------------------------------------------------------------------


def test_offsets_index_the_original_text_even_when_lowercasing_changes_length(rules):
    texts = ["İİİ İstanbul. As an AI language model, I cannot.", "x" * 5 + " I can't help with that!"]
    for text, hit in zip(texts, rules.match(texts), strict=True):
        assert hit is not None
        assert text[hit.start : hit.end] == hit.text
    assert rules.match(texts)[0].text == "As an AI language model,"


def test_typographic_apostrophe_matches(rules):
    assert first_rule(rules, "I can\u2019t help with that.") == "lexicon:i_can_t_help_with_that"
    assert first_rule(rules, "I\u2019m not comfortable writing that.") == "regex:not_comfortable"


def test_whole_words_only(rules):
    # "against my programming" inside a longer token is not a hit
    assert rules.match(["the against_my_programming_flag is set"]) == [None]


def test_whole_reply_in_quotes_still_counts(rules):
    assert first_rule(rules, '"I cannot help you with that."') == "lexicon:i_cannot_help_you_with_that"


def test_layers_are_separable(rules):
    text = "As an AI language model, I cannot help with that."
    assert first_rule(rules, text, ("lexicon",)) == "lexicon:as_an_ai_language_model"
    assert first_rule(rules, text, ("regex",)) == "regex:as_an_ai"
    with pytest.raises(ValueError, match="unknown layer 'classifier'"):
        rules.match([text], ("classifier",))


def test_disabled_rules(rules):
    rs = RuleSet.default(disabled=["lexicon:as_an_ai_language_model", "regex:as_an_ai"])
    assert first_rule(rs, "As an AI language model, I don't like it.") is None
    with pytest.raises(ValueError, match="unknown rule 'regex:nope'"):
        RuleSet.default(disabled=["regex:nope"])


def test_batch_equals_one_by_one_and_is_deterministic(rules):
    texts = [t for t, _ in POSITIVES] + HARD_NEGATIVES + ["", "plain answer"] * 3
    batch = rules.match_all(texts)
    assert batch == [rules.match_all([t])[0] for t in texts]
    assert batch == RuleSet.default().match_all(texts)
    assert sum(1 for h in batch if h) == len(POSITIVES) + sum(
        1 for hs in batch[len(POSITIVES) :] if hs and all(h.rule in PROMPT_DEPENDENT for h in hs)
    )


def test_pickles_without_compiled_state(rules):
    rules.match(["warm up the automaton"])
    clone = pickle.loads(pickle.dumps(rules))
    assert clone._compiled is None
    assert clone.match(["I cannot help with that."])[0].rule == "regex:cannot_assist"
    assert len(pickle.dumps(rules)) < 300_000  # the rule data (about 250 KB), never the compiled automata (MBs)


def test_prefilters_agree_and_fork_safe_fallback_gives_the_same_hits(rules, monkeypatch):
    from dolphin_data.unfilter import rules as rules_mod

    texts = (
        [t for t, _ in POSITIVES]
        + HARD_NEGATIVES
        + ["", "plain answer", "İİ I can\u2019t help with that."]
        + ["```\nI cannot help\n```", "~~~ unclosed I cannot help with that", "x'I cannot help with that'"]
    )
    for layers in (("lexicon",), ("regex",), ("lexicon", "regex")):
        assert rules.candidates(texts, layers) == rules.candidates_joined(texts, layers)
    expected = rules.match_all(texts)
    slow = RuleSet.default()
    slow.use_hyperscan = False  # the polars prefilter, then (not fork-safe) the joined pyahocorasick one
    assert slow.match_all(texts) == expected
    monkeypatch.setattr(rules_mod, "polars_fork_safe", lambda: False)
    assert slow.match_all(texts) == expected


def test_hyperscan_pass_gives_the_fallback_hits_on_every_labelled_reply(monkeypatch):
    """The one-pass Hyperscan locator (``locate.py``) against the polars and pyahocorasick paths: same hits and
    same ignored (quoted/code) matches, on every reply of the labelled sets plus non-ASCII and NUL edge cases."""
    import json
    import platform
    import sys

    from dolphin_data.unfilter import locate
    from dolphin_data.unfilter import rules as rules_mod

    if sys.platform == "linux" and platform.machine() == "x86_64":
        assert locate.available()  # a dependency there: never silently the slow path
    elif not locate.available():
        pytest.skip("no hyperscan wheel on this platform")
    texts = [json.loads(line)["text"] for f in sorted(DATA.glob("unfilter_*.jsonl")) for line in f.open()]
    texts += [
        "",
        "\0I cannot help with that.\0",
        "İİ I can\u2019t help with that.",
        "Je suis désolé, mais je ne peux pas.",
    ]
    texts += [
        "抱歉，我无法帮助你。",
        "I\u2019m sorry, but I can\u2019t assist with that \u2014 ünïcödé.",
        "ﬁ I cannot help",
    ]
    fast, slow = RuleSet.default(), RuleSet.default()
    slow.use_hyperscan = False
    for layers in (("lexicon",), ("regex",), ("lexicon", "regex")):
        for i in range(0, len(texts), 1000):
            part = texts[i : i + 1000]
            ign_fast: list[list] = [[] for _ in part]
            ign_slow: list[list] = [[] for _ in part]
            assert fast.scan_batch(part, layers, ign_fast) == slow.scan_batch(part, layers, ign_slow)
            assert ign_fast == ign_slow
    monkeypatch.setattr(rules_mod, "polars_fork_safe", lambda: False)
    assert fast.match_all(texts[:500]) == slow.match_all(texts[:500])


def test_zone_fences_match_the_lazy_regex_spans():
    from dolphin_data.unfilter.rules import excluded_zones

    for low in ("a ```b``` c ```d", "```", "~~~x~~~ ~~~", "``` ~~~ ``` ~~~", "no fences"):
        fences = sorted(
            m.span()
            for f in ("```", "~~~")
            for m in re.finditer(re.escape(f) + r".*?(?:" + re.escape(f) + r"|\Z)", low, re.S)
        )
        assert (
            sorted(z for z in excluded_zones(low) if low[z[0]] in "`~" and low[z[0] : z[0] + 3] in ("```", "~~~"))
            == fences
        )


def test_apology_inability_is_a_refusal_only_without_an_answer_in_the_sentence(rules):
    """'I'm sorry, but I don't have the ability to book flights.' declines; the same disclaimer followed by an
    answer in the sentence is capability boilerplate (repaired), not a refusal."""
    assert first_rule(rules, "I'm sorry, but I don't have the ability to book flights.") == "regex:apology_inability"
    text = "I'm sorry, I don't have the ability to see images, but from your description it sounds like a rash."
    kinds = {h.kind for h in rules.scan(text)}
    assert kinds == {"boilerplate"}


def test_an_apostrophe_in_a_character_class_matches_both_forms():
    from dolphin_data.unfilter.hits import curly

    assert curly(r"[\w' -]+") == "[\\w'\u2019 -]+" and curly("i'm") == "i['\u2019]m" and curly(r"\'") == r"\'"
    assert [
        h.rule for h in RuleSet.default().match_all(["I\u2019m keeping the child\u2019s harm off the page."])[0]
    ] == ["regex:softened_v8"]
