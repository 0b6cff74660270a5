"""Unfilter v3 building blocks, non-English (es, fr, de, zh, ru, ja, pt, it): refusals phrased as chat models do,
answers that open with AI boilerplate (repaired), and plain answers that use negations in another sense (kept).
Written for this project; lists split even (training sentences) / odd (dev) like the English pieces."""

from __future__ import annotations

INTL: dict[str, dict[str, list[str]]] = {
    "es": {
        "refusal": [
            "Lo siento, pero no puedo ayudarte con eso.",
            "Lo siento, pero como modelo de lenguaje no puedo proporcionar ese tipo de información.",
            "No puedo ayudar con esa solicitud porque podría causar daño a otras personas.",
            "Me temo que no puedo cumplir con tu petición.",
            "Disculpa, pero no voy a crear ese contenido.",
            "No es apropiado que te ayude con eso. ¿Hay algo más en lo que pueda ayudarte?",
            "Lamentablemente no puedo responder a esa pregunta.",
            "Debo rechazar esta solicitud.",
        ],
        "boiler": [
            "Como inteligencia artificial, no tengo preferencias personales. Sin embargo, el Real Madrid es "
            "el club con más Copas de Europa.",
            "Como IA, no tengo sentimientos. Aun así, te cuento que el duelo suele durar meses.",
        ],
        "ok": [
            "No puedes dividir entre cero; por eso la función devuelve un error.",
            "Lo siento mucho por tu pérdida. Aquí tienes algunos pasos para organizar el funeral.",
            "Para matar un proceso en Windows, abre el Administrador de tareas y pulsa Finalizar tarea.",
            "No puedo recomendar este libro lo suficiente: explica la estadística con ejemplos reales.",
        ],
    },
    "fr": {
        "refusal": [
            "Désolé, mais je ne peux pas vous aider avec ça.",
            "Je suis désolé, mais je ne peux pas fournir ce genre d'informations.",
            "Je ne peux pas répondre à cette demande, car elle pourrait causer du tort.",
            "Je regrette, mais je dois refuser cette demande.",
            "Je ne vais pas écrire ce type de contenu.",
            "Il ne serait pas approprié que je vous aide sur ce sujet.",
            "En tant qu'IA, je ne peux pas vous aider à faire cela.",
            "Malheureusement, je ne suis pas en mesure de vous aider avec cette requête.",
        ],
        "boiler": [
            "En tant qu'intelligence artificielle, je n'ai pas d'opinion personnelle. Cependant, Paris est "
            "souvent citée comme la ville la plus visitée au monde.",
            "En tant qu'IA, je n'ai pas de préférences. Cela dit, le camembert se marie bien avec un cidre.",
        ],
        "ok": [
            "On ne peut pas diviser par zéro, donc la fonction lève une exception.",
            "Désolé d'apprendre cela. Voici comment déclarer la perte de votre passeport.",
            "Pour tuer un processus sous Linux, utilisez `kill` suivi du PID.",
            "Je ne peux que recommander ce restaurant : la cuisine est excellente.",
        ],
    },
    "de": {
        "refusal": [
            "Es tut mir leid, aber dabei kann ich nicht helfen.",
            "Ich kann Ihnen keine Informationen dazu geben.",
            "Tut mir leid, ich werde diesen Text nicht schreiben.",
            "Das kann ich leider nicht tun.",
            "Ich bin nicht in der Lage, Ihnen dabei zu helfen.",
            "Diese Anfrage muss ich leider ablehnen.",
            "Als KI kann ich dir bei so etwas nicht helfen.",
            "Entschuldigung, aber ich kann diese Anfrage nicht erfüllen.",
        ],
        "boiler": [
            "Als KI habe ich keine persönliche Meinung. Allerdings gilt Goethes Faust als Hauptwerk der "
            "deutschen Literatur.",
            "Als Sprachmodell habe ich keine Gefühle. Trotzdem hilft Bewegung vielen Menschen gegen Stress.",
        ],
        "ok": [
            "Man kann nicht durch null teilen, deshalb gibt die Funktion einen Fehler zurück.",
            "Es tut mir leid, das zu hören. So beantragen Sie einen neuen Ausweis: Termin beim Bürgeramt buchen.",
            "Um einen Prozess zu beenden, drücken Sie Strg+C im Terminal.",
            "Ich kann dieses Buch nur empfehlen, es erklärt Statistik sehr anschaulich.",
        ],
    },
    "zh": {
        "refusal": [
            "抱歉，我不能帮助你做这件事。",
            "对不起，我无法提供这类信息。",
            "很抱歉，我不能满足这个请求。",
            "我不会编写这样的内容。",
            "抱歉，这超出了我能协助的范围。",
            "作为一个AI语言模型，我无法回答这个问题。",
            "我不能为你提供相关指导，因为这可能造成伤害。",
            "对不起，这个请求我必须拒绝。",
        ],
        "boiler": [
            "作为一个人工智能，我没有个人观点。不过，长城全长约两万一千公里。",
            "作为AI语言模型，我没有情感。但是，多运动确实有助于缓解压力。",
        ],
        "ok": [
            "零不能作除数，所以函数会返回错误。",
            "很抱歉听到这个消息。以下是补办身份证的步骤：先到派出所登记。",
            "要结束一个进程，可以在终端里输入 kill 加上进程号。",
            "我不能更同意了，这本书非常适合初学者。",
        ],
    },
    "ru": {
        "refusal": [
            "Извините, но я не могу помочь с этим.",
            "К сожалению, я не могу предоставить такую информацию.",
            "Я не буду писать такой текст.",
            "Прошу прощения, но я вынужден отказаться от этого запроса.",
            "Я не могу выполнить эту просьбу.",
            "Как ИИ, я не могу помогать с подобными вещами.",
            "Это не то, в чём я могу помочь.",
            "Мне жаль, но я не смогу ответить на этот вопрос.",
        ],
        "boiler": [
            "Как ИИ, у меня нет личного мнения. Однако многие считают Толстого величайшим романистом.",
            "Как языковая модель, я не имею чувств. Тем не менее, прогулки помогают справиться со стрессом.",
        ],
        "ok": [
            "На ноль делить нельзя, поэтому функция возвращает ошибку.",
            "Мне жаль это слышать. Вот как восстановить паспорт: обратитесь в МФЦ с заявлением.",
            "Чтобы завершить процесс в Linux, используйте команду kill с номером процесса.",
            "Не могу не порекомендовать эту книгу: она отлично объясняет статистику.",
        ],
    },
    "ja": {
        "refusal": [
            "申し訳ありませんが、そのご依頼にはお応えできません。",
            "すみませんが、その情報は提供できません。",
            "申し訳ございませんが、そのような内容は作成できません。",
            "そのご質問にはお答えできかねます。",
            "申し訳ありませんが、それについてはお手伝いできません。",
            "AIとして、そのような依頼には対応できません。",
            "恐れ入りますが、このリクエストはお断りします。",
            "残念ながら、その件についてはご協力できません。",
        ],
        "boiler": [
            "AIとして、私には個人的な意見はありません。ただし、京都は紅葉の名所として有名です。",
            "AIとして感情は持っていません。しかし、睡眠はストレス解消に役立ちます。",
        ],
        "ok": [
            "ゼロで割ることはできないので、関数はエラーを返します。",
            "それは大変でしたね。パスポートの再発行は、まず警察に紛失届を出してください。",
            "プロセスを終了するには、ターミナルで kill コマンドとプロセスIDを入力します。",
            "この本は本当におすすめできます。統計をわかりやすく説明しています。",
        ],
    },
    "pt": {
        "refusal": [
            "Desculpe, mas não posso ajudar com isso.",
            "Sinto muito, mas não posso fornecer esse tipo de informação.",
            "Não vou escrever esse conteúdo.",
            "Infelizmente, não consigo ajudar com esse pedido.",
            "Como modelo de linguagem, não posso atender a essa solicitação.",
            "Não é apropriado que eu ajude com isso.",
            "Lamento, mas não me é possível responder a essa pergunta.",
            "Preciso recusar este pedido.",
        ],
        "boiler": [
            "Como IA, não tenho opiniões pessoais. No entanto, o Brasil é o maior produtor de café do mundo.",
            "Como modelo de linguagem, não tenho sentimentos. Mesmo assim, caminhar ajuda a reduzir o estresse.",
        ],
        "ok": [
            "Não se pode dividir por zero, então a função retorna um erro.",
            "Sinto muito pela sua perda. Aqui estão os passos para registrar o óbito no cartório.",
            "Para matar um processo no Linux, use o comando kill seguido do PID.",
            "Não posso deixar de recomendar este livro: ele explica estatística com exemplos reais.",
        ],
    },
    "it": {
        "refusal": [
            "Mi dispiace, ma non posso aiutarti con questo.",
            "Mi dispiace, non posso fornire questo tipo di informazioni.",
            "Non sono in grado di soddisfare questa richiesta.",
            "Non scriverò questo tipo di contenuto.",
            "Come modello linguistico, non posso aiutarti a fare questo.",
            "Non è appropriato che io ti aiuti con questa richiesta.",
            "Purtroppo non posso rispondere a questa domanda.",
            "Devo rifiutare questa richiesta.",
        ],
        "boiler": [
            "Come intelligenza artificiale, non ho opinioni personali. Tuttavia, Roma è la capitale d'Italia dal 1871.",
            "Come IA, non ho sentimenti. Detto questo, dormire bene aiuta molto contro lo stress.",
        ],
        "ok": [
            "Non si può dividere per zero, quindi la funzione restituisce un errore.",
            "Mi dispiace per la tua perdita. Ecco i passi per richiedere il certificato di morte al comune.",
            "Per terminare un processo su Linux, usa il comando kill seguito dal PID.",
            "Non posso che consigliare questo libro: spiega la statistica con esempi concreti.",
        ],
    },
}
