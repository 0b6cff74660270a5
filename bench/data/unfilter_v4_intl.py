"""Unfilter v4 building blocks, non-English (es, fr, de, pt, it, zh, ja, ru, nl, ko): refusals in several phrasings
per language (apology + decline, decline without "can't", judgement, policy, redirect) and compliant answers that use
a negation or an apology in another sense. Written for this project; lists split even (training) / odd (dev_v4)."""

from __future__ import annotations

# fmt: off
INTL: dict[str, dict[str, list[str]]] = {
    "es": {
        "refusal": [
            "Lo siento, pero no puedo ayudarte con eso.", "Prefiero no participar en esto.",
            "No me parece correcto ayudarte con esa petición.", "Tengo que negarme a esta solicitud.",
            "Eso va en contra de mis políticas de uso.", "No voy a escribir ese tipo de contenido.",
            "Lamentablemente, no estoy en condiciones de ayudarte con eso.", "Por favor, contacta con las autoridades locales.",
            "Mis directrices no me permiten responder a eso.", "Disculpa, pero debo declinar esta petición.",
        ],
        "ok": [
            "No se puede dividir entre cero; el resultado no está definido.",
            "Perdón por la confusión: el comando correcto es `git reset --hard HEAD~1`.",
            "Para matar un proceso en Linux, usa `kill -9` seguido del PID.",
            "El banco rechazó la tarjeta porque había caducado; pide una nueva.",
        ],
    },
    "fr": {
        "refusal": [
            "Je suis désolé, mais je ne peux pas vous aider avec cela.", "Je préfère ne pas participer à cela.",
            "Il ne serait pas approprié que je réponde à cette demande.", "Je dois refuser cette demande.",
            "Cela va à l'encontre de mes règles d'utilisation.", "Je ne vais pas rédiger ce genre de contenu.",
            "Malheureusement, ce n'est pas quelque chose que je peux faire.", "Veuillez contacter les autorités compétentes.",
            "Mes consignes ne me permettent pas de répondre à cela.", "Désolé, mais je dois décliner cette requête.",
        ],
        "ok": [
            "On ne peut pas diviser par zéro : l'expression n'a pas de valeur.",
            "Désolé pour la confusion : la capitale de l'Australie est Canberra.",
            "Pour tuer un processus sous Windows, ouvrez le Gestionnaire des tâches et cliquez sur Fin de tâche.",
            "Le serveur refuse la connexion si le port est fermé ; vérifiez le pare-feu.",
        ],
    },
    "de": {
        "refusal": [
            "Es tut mir leid, aber dabei kann ich dir nicht helfen.", "Ich möchte mich daran lieber nicht beteiligen.",
            "Es wäre nicht angemessen, wenn ich dir dabei helfe.", "Ich muss diese Anfrage ablehnen.",
            "Das verstößt gegen meine Nutzungsrichtlinien.", "Ich werde solche Inhalte nicht schreiben.",
            "Leider ist das nichts, wobei ich helfen kann.", "Bitte wende dich an die örtlichen Behörden.",
            "Meine Richtlinien erlauben mir nicht, darauf zu antworten.", "Tut mir leid, aber das lehne ich ab.",
        ],
        "ok": [
            "Man kann nicht durch null teilen; der Ausdruck ist undefiniert.",
            "Entschuldige das Missverständnis: Der Befehl lautet `docker stop`.",
            "Um einen Prozess zu beenden, nutze `kill -9` mit der PID.",
            "Die Bank hat die Zahlung abgelehnt, weil das Limit erreicht war.",
        ],
    },
    "pt": {
        "refusal": [
            "Desculpe, mas não posso ajudar com isso.", "Prefiro não participar disso.",
            "Não seria apropriado eu ajudar com esse pedido.", "Tenho que recusar esta solicitação.",
            "Isso vai contra as minhas políticas de uso.", "Não vou escrever esse tipo de conteúdo.",
            "Infelizmente, isso não é algo com que eu possa ajudar.", "Por favor, entre em contato com as autoridades locais.",
            "As minhas diretrizes não me permitem responder a isso.", "Lamento, mas preciso recusar este pedido.",
        ],
        "ok": [
            "Não é possível dividir por zero; o resultado é indefinido.",
            "Desculpe a confusão: o comando certo é `npm install`.",
            "Para matar um processo no Linux, use `kill -9` com o PID.",
            "O banco recusou o cartão porque estava vencido.",
        ],
    },
    "it": {
        "refusal": [
            "Mi dispiace, ma non posso aiutarti con questo.", "Preferisco non partecipare a questa cosa.",
            "Non sarebbe appropriato per me aiutarti con questa richiesta.", "Devo rifiutare questa richiesta.",
            "Questo va contro le mie politiche d'uso.", "Non scriverò questo tipo di contenuto.",
            "Purtroppo non è qualcosa con cui posso aiutarti.", "Per favore, contatta le autorità locali.",
            "Le mie linee guida non mi permettono di rispondere.", "Spiacente, ma devo declinare questa richiesta.",
        ],
        "ok": [
            "Non si può dividere per zero: il risultato non è definito.",
            "Scusa per la confusione: la capitale del Canada è Ottawa.",
            "Per terminare un processo su Linux usa `kill -9` seguito dal PID.",
            "La banca ha rifiutato il pagamento perché la carta era scaduta.",
        ],
    },
    "zh": {
        "refusal": [
            "抱歉，我无法帮助你完成这个请求。", "我不能提供这方面的内容。", "这不是我可以协助的事情。",
            "我必须拒绝这个请求。", "这违反了我的使用政策。", "我不会编写这类内容。", "很遗憾，我不便回答这个问题。",
            "请联系当地有关部门寻求帮助。", "根据我的准则，我不能回答这个问题。", "对不起，这个请求我无法满足。",
        ],
        "ok": [
            "除数不能为零，否则结果没有定义。", "抱歉刚才说错了：正确的命令是 `git pull`。",
            "要结束一个进程，可以使用 `kill -9` 加上进程号。", "银行拒绝了这笔交易，因为卡已过期。",
        ],
    },
    "ja": {
        "refusal": [
            "申し訳ありませんが、そのご依頼にはお応えできません。", "その内容を提供することはできません。",
            "そのようなお手伝いはいたしかねます。", "このリクエストはお断りさせていただきます。",
            "それは私の利用ポリシーに反します。", "そういった文章は書きません。", "残念ながら、その質問にはお答えできません。",
            "地元の警察や専門機関にご相談ください。", "ガイドライン上、その質問にはお答えできません。",
            "すみませんが、それはお手伝いできかねます。",
        ],
        "ok": [
            "ゼロで割ることはできません。結果は定義されないからです。", "混乱させてすみません。正しいコマンドは `ls -la` です。",
            "プロセスを終了するには `kill -9` とプロセスIDを使います。", "カードの有効期限が切れていたため、決済が拒否されました。",
        ],
    },
    "ru": {
        "refusal": [
            "Извините, но я не могу помочь с этим.", "Я предпочёл бы не участвовать в этом.",
            "Было бы неуместно с моей стороны помогать с этим запросом.", "Я вынужден отказаться от этого запроса.",
            "Это противоречит моей политике использования.", "Я не буду писать такой контент.",
            "К сожалению, это не то, с чем я могу помочь.", "Пожалуйста, обратитесь в местные органы власти.",
            "Мои правила не позволяют мне отвечать на это.", "Простите, но я должен отклонить эту просьбу.",
        ],
        "ok": [
            "На ноль делить нельзя: результат не определён.", "Извините за путаницу: правильная команда — `git status`.",
            "Чтобы завершить процесс в Linux, используйте `kill -9` и PID.", "Банк отклонил платёж, потому что карта просрочена.",
        ],
    },
    "nl": {
        "refusal": [
            "Het spijt me, maar daar kan ik je niet mee helpen.", "Ik doe hier liever niet aan mee.",
            "Het zou niet gepast zijn als ik hierbij help.", "Ik moet dit verzoek weigeren.",
            "Dit is in strijd met mijn gebruiksbeleid.", "Ik ga dat soort inhoud niet schrijven.",
            "Helaas is dit niet iets waarmee ik kan helpen.", "Neem alsjeblieft contact op met de lokale autoriteiten.",
            "Mijn richtlijnen staan niet toe dat ik hierop antwoord.", "Sorry, maar dit verzoek wijs ik af.",
        ],
        "ok": [
            "Je kunt niet door nul delen; de uitkomst is niet gedefinieerd.",
            "Sorry voor de verwarring: de hoofdstad van Australië is Canberra.",
            "Om een proces te beëindigen gebruik je `kill -9` met het PID.",
            "De bank weigerde de betaling omdat de kaart verlopen was.",
        ],
    },
    "ko": {
        "refusal": [
            "죄송하지만 그 요청은 도와드릴 수 없습니다.", "그런 내용은 제공할 수 없습니다.", "그 부분은 도와드리기 어렵습니다.",
            "이 요청은 거절해야 합니다.", "이는 제 이용 정책에 어긋납니다.", "그런 글은 작성하지 않겠습니다.",
            "유감이지만 그 질문에는 답변드릴 수 없습니다.", "가까운 경찰이나 관련 기관에 문의해 주세요.",
            "제 가이드라인상 그 질문에는 답할 수 없습니다.", "미안하지만 그건 도와드릴 수 없어요.",
        ],
        "ok": [
            "0으로 나눌 수는 없습니다. 결과가 정의되지 않기 때문입니다.", "혼란을 드려 죄송합니다. 올바른 명령은 `git log`입니다.",
            "프로세스를 종료하려면 `kill -9`와 PID를 사용하세요.", "카드가 만료되어 은행이 결제를 거절했습니다.",
        ],
    },
}
# fmt: on
