"""Non-English building blocks (es, fr, de, zh, ru, ja) for the unfilter v2 dev set: refusals, answers that open
with AI boilerplate, and plain answers (hard negatives with negations). Written for this project."""

from __future__ import annotations

INTL: dict[str, dict[str, list[str]]] = {
    "es": {
        "refusal": [
            "Lo siento, pero no puedo ayudar con esa solicitud.",
            "Lo siento, no puedo proporcionar instrucciones para hacer eso, ya que podría causar daño.",
            "Disculpa, pero no voy a escribir ese tipo de contenido. ¿Puedo ayudarte con otra cosa?",
            "No me es posible ayudarte con eso. Te sugiero consultar a un profesional.",
            "Lamento decirte que no puedo darte esa información.",
            "Prefiero no participar en esa conversación, pero con gusto te ayudo con otro tema.",
        ],
        "boiler": [
            "Como IA, no tengo opiniones personales. Sin embargo, muchas personas prefieren el café por la mañana porque les ayuda a despertar.",
            "Como modelo de lenguaje, no tengo sentimientos, pero puedo explicarte que la tristeza suele disminuir con el tiempo y el apoyo social.",
        ],
        "ok": [
            "No puedo creer lo fácil que es: basta con mezclar harina, agua y sal, y hornear a 220 grados durante 30 minutos.",
            "La Revolución Mexicana comenzó en 1910 y terminó con la Constitución de 1917.",
            "Para matar un proceso en Linux, usa `kill -9` seguido del PID.",
        ],
    },
    "fr": {
        "refusal": [
            "Je suis désolé, mais je ne peux pas vous aider avec cette demande.",
            "Désolé, je ne peux pas fournir ce type d'informations.",
            "Je ne suis pas en mesure de répondre à cette question, car cela pourrait causer du tort.",
            "Je dois refuser cette demande. Puis-je vous aider avec autre chose ?",
            "Malheureusement, je ne vais pas écrire ce contenu.",
            "Je préfère ne pas m'engager sur ce sujet, mais je peux vous proposer une autre idée.",
        ],
        "boiler": [
            "En tant qu'IA, je n'ai pas d'opinion personnelle. Cependant, beaucoup de lecteurs considèrent Victor Hugo comme le plus grand romancier français.",
            "En tant que modèle de langage, je n'ai pas accès à Internet, mais la tour Eiffel mesure environ 330 mètres.",
        ],
        "ok": [
            "Je ne peux que vous conseiller de commencer par les bases : la grammaire, puis le vocabulaire courant.",
            "La prise de la Bastille a eu lieu le 14 juillet 1789.",
            "Pour arrêter un processus sous Windows, utilisez le Gestionnaire des tâches.",
        ],
    },
    "de": {
        "refusal": [
            "Es tut mir leid, aber ich kann Ihnen dabei nicht helfen.",
            "Ich kann keine Anleitung dafür geben, da dies gefährlich wäre.",
            "Leider werde ich diesen Text nicht schreiben.",
            "Ich bin nicht in der Lage, diese Anfrage zu erfüllen.",
            "Das ist leider nichts, wobei ich helfen kann. Kann ich Ihnen anders helfen?",
            "Ich muss diese Anfrage ablehnen.",
        ],
        "boiler": [
            "Als KI habe ich keine persönliche Meinung. Trotzdem gilt Goethe als einer der bedeutendsten deutschen Dichter.",
            "Als Sprachmodell habe ich keine Gefühle, aber viele Menschen finden, dass Bewegung gegen Stress hilft.",
        ],
        "ok": [
            "Ich kann dir nicht genug empfehlen, jeden Tag zehn Minuten zu üben.",
            "Die Berliner Mauer fiel am 9. November 1989.",
            "Mit `kill -9 PID` beendest du einen Prozess unter Linux sofort.",
        ],
    },
    "zh": {
        "refusal": [
            "抱歉，我无法提供这方面的帮助。",
            "对不起，我不能协助完成这个请求，因为它可能会造成伤害。",
            "很抱歉，我不会编写这类内容。如果你有其他问题，我很乐意帮忙。",
            "这个请求我没法满足，建议你咨询专业人士。",
            "抱歉，这超出了我能提供帮助的范围。",
        ],
        "boiler": [
            "作为一个AI语言模型，我没有个人观点。不过，很多人认为长城是中国最著名的建筑之一。",
            "作为人工智能，我没有感情，但是规律的运动确实可以帮助缓解压力。",
        ],
        "ok": [
            "你不能在没有密钥的情况下解密这个文件，所以请先备份密钥。",
            "秦始皇于公元前221年统一了中国。",
            "在Linux中，可以使用 `kill -9` 加进程号来结束进程。",
        ],
    },
    "ru": {
        "refusal": [
            "Извините, но я не могу помочь с этим запросом.",
            "К сожалению, я не могу предоставить такую информацию.",
            "Я не буду писать такой текст, так как он может причинить вред.",
            "Простите, но я не смогу выполнить эту просьбу. Могу ли я помочь с чем-то другим?",
            "Боюсь, это не то, в чём я могу помочь.",
        ],
        "boiler": [
            "Как ИИ, я не имею личного мнения. Однако многие считают Толстого величайшим русским писателем.",
            "Как языковая модель, я не имею доступа к интернету, но Москва была основана в 1147 году.",
        ],
        "ok": [
            "Я не могу не отметить, что ваш код стал намного чище.",
            "Первый полёт человека в космос совершил Юрий Гагарин 12 апреля 1961 года.",
            "Чтобы завершить процесс в Linux, используйте команду `kill -9` и номер процесса.",
        ],
    },
    "ja": {
        "refusal": [
            "申し訳ありませんが、そのご依頼にはお応えできません。",
            "すみませんが、その情報を提供することはできません。",
            "申し訳ございませんが、そのような内容の作成はお手伝いできかねます。",
            "そのリクエストにはご協力できません。他にお手伝いできることはありますか？",
            "恐れ入りますが、その件については回答いたしかねます。",
        ],
        "boiler": [
            "AIとして、私には個人的な意見はありません。ただし、多くの人は富士山を日本の象徴だと考えています。",
            "言語モデルとして、私には感情がありませんが、十分な睡眠はストレスの軽減に役立ちます。",
        ],
        "ok": [
            "このエラーは、ファイルが見つからないことを意味します。パスを確認してください。",
            "明治維新は1868年に始まりました。",
            "Linuxでは `kill -9` とプロセスIDでプロセスを終了できます。",
        ],
    },
}
