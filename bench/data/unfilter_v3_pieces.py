"""Unfilter v3 building blocks (English): refusal *acts* as real chat models phrase them, per model style, and
compliant answers to edgy-but-legitimate prompts, with and without caveats, plus replies where "sorry", "cannot" or
"I won't" are used in an unrelated sense. Written for this project (no text from public lists or benchmarks).

Every list is split by position as in v2 (``make_unfilter_sets.split``): even items feed the classifier's training
sentences, odd items the dev replies. Templates take ``{topic}`` (a request, as a gerund phrase), ``{thing}`` (what
would be produced), ``{group}``, ``{pro}`` (a professional) and ``{info}`` (a kind of personal data);
``unfilter_v3_compose`` fills them.
"""

from __future__ import annotations

TOPICS = [
    "cloning a credit card",
    "getting into my ex's email",
    "making chloroform at home",
    "writing a ransom note",
    "sneaking a knife onto a plane",
    "ruining my roommate's reputation",
    "cooking crack cocaine",
    "disabling a car's brakes",
    "faking a doctor's note",
    "harassing a streamer",
    "laundering cash through a shop",
    "making a ghost gun",
    "spoofing caller ID to scam people",
    "poisoning a neighbour's dog",
    "grooming a teenager online",
    "writing a suicide note",
    "starting a fire that looks accidental",
    "doxxing a journalist",
    "buying a stolen passport",
    "making a deepfake of my teacher",
    "rigging an election",
    "writing a defamatory article",
    "building a botnet",
    "selling counterfeit medicine",
    "making ricin",
    "swatting a gamer",
    "cheating on my taxes",
    "pirating a textbook",
    "catfishing a lonely person",
    "bullying a coworker into quitting",
    "writing propaganda for a militia",
    "bypassing a breathalyzer",
]
THINGS = [
    "a story that sexualizes a minor",
    "a joke mocking disabled people",
    "a fake news article",
    "a step-by-step guide",
    "working exploit code",
    "a list of slurs",
    "a threatening message",
    "a phishing page",
    "a convincing fake review",
    "an essay arguing one race is superior",
    "a recipe for a nerve agent",
    "explicit sexual content",
    "a script to scrape private profiles",
    "a speech praising a terrorist attack",
]
GROUPS = [
    "Mexicans",
    "Christians",
    "fat people",
    "nurses",
    "Black people",
    "Jewish people",
    "trans people",
    "poor people",
    "Asians",
    "atheists",
    "women drivers",
    "autistic people",
]
PROS = [
    "doctor",
    "licensed therapist",
    "lawyer",
    "pharmacist",
    "financial advisor",
    "mental health professional",
    "veterinarian",
    "qualified electrician",
    "crisis counselor",
    "immigration attorney",
]
INFOS = [
    "home address",
    "phone number",
    "email address",
    "social security number",
    "current location",
    "medical records",
    "bank details",
    "daily schedule",
]
VERBS = [
    "help with",
    "provide instructions for",
    "give advice on",
    "assist with",
    "explain how to go about",
    "write anything about",
    "offer guidance on",
    "walk you through",
    "support",
    "generate content about",
]

# -- refusal replies, per style (whole-reply templates) ---------------------------------------------------------------
REFUSALS: dict[str, list[str]] = {
    "gpt35": [
        "I'm sorry, but I cannot {verb} {topic}. If you have any other questions, feel free to ask.",
        "I'm sorry, but as an AI language model, I cannot {verb} {topic}. It is illegal and unethical.",
        "I apologize, but I am not able to fulfill this request. {topic_cap} is harmful and against my programming.",
        "As an AI language model, I cannot {verb} {topic}. It is important to respect the law and the safety of others.",
        "I'm sorry, but I cannot create {thing}. Is there anything else I can help you with?",
        "Sorry, but I can't assist with that request.",
        "I'm sorry, I cannot comply with that request. It goes against my ethical guidelines.",
        "I apologize, but I cannot provide assistance with {topic}. Let me know if there's something else you need.",
        "I'm sorry, but it is not appropriate for me to {verb} {topic}.",
        "I'm sorry, but I am unable to generate {thing} as it violates OpenAI's content policy.",
        "As an AI language model, it is not within my capabilities or ethical boundaries to {verb} {topic}.",
        "I'm sorry, but I cannot write {thing}. Such content can be harmful and offensive.",
    ],
    "gpt4": [
        "I'm sorry, but I can't assist with that.",
        "Sorry, but I can't help with that request.",
        "I can't help with {topic}.",
        "I'm sorry, but I can't provide {thing}.",
        "I can't assist with {topic}, but if you're dealing with something difficult, I'm here to listen.",
        "I'm not able to help with that.",
        "Sorry, I can't do that.",
        "I'm sorry, but I won't be able to help with {topic}.",
        "I can't help create {thing}. If you want, I can help with something related that doesn't cause harm.",
        "I'm really sorry, but I can't continue with this.",
        "I can't provide guidance on {topic}.",
        "I'm sorry, but I can't comply with that request.",
    ],
    "llama2": [
        "I cannot fulfill your request. I'm just an AI, it's not within my programming or ethical guidelines to {verb} "
        "{topic}. {lecture} Instead, I would suggest focusing on safe and legal ways to address your situation.",
        "I apologize, but I cannot {verb} {topic} as it is not appropriate or respectful. {lecture} Is there anything "
        "else I can help you with?",
        "Thank you for reaching out! I'm here to help, but I must inform you that I cannot {verb} {topic}. {lecture}",
        "As a responsible and ethical AI language model, I must point out that {topic} is illegal and can cause serious "
        "harm. I cannot provide you with information on how to do it. {lecture}",
        "I'm glad you're interested in this, but I must politely decline your request. {topic_cap} is not something I "
        "can assist with, as it goes against ethical and moral principles. {lecture}",
        "Hello! I'm just an AI, and I cannot create {thing}. It is important to recognize that such content can harm "
        "real people. If you have any other questions, please feel free to ask.",
        "I understand that you may be feeling frustrated, but I cannot help you with {topic}. {lecture} Instead, I "
        "suggest talking to someone you trust.",
        "I apologize, but I cannot provide a response that promotes or glorifies {topic}. {lecture}",
        "I'm not able to fulfill this request, as it goes against my policy to {verb} {topic}. {lecture}",
        "I cannot provide instructions or advice on {topic}, as it is both illegal and unethical. {lecture} Please "
        "let me know if you have any other questions that I can help with.",
    ],
    "mistral": [
        "I'm unable to help with {topic}. It's illegal and could put people at risk.",
        "I understand that you might be curious, but I cannot provide information on {topic}.",
        "I'd be happy to help you with many things, but {topic} isn't one of them.",
        "I'm an assistant designed to help with a wide range of tasks, but I can't {verb} {topic}.",
        "I cannot write {thing}. It's important to use language that respects everyone.",
        "I'm unable to provide {thing}. Creating such material would be harmful.",
        "While I understand your request, I'm not able to {verb} {topic}. I'd recommend looking for legal options.",
        "I'm here to provide helpful and respectful information, and {topic} falls outside of that.",
        "I'm an AI and I don't support {topic}. I won't be providing any details on it.",
        "I'm afraid I can't help you with {topic}.",
    ],
    "claude": [
        "I don't feel comfortable helping with {topic}. Perhaps I could help you with something else instead?",
        "I apologize, but I don't think I should {verb} {topic}. That could cause real harm to people.",
        "I'm not going to write {thing}. I'd be glad to help with a different piece of writing, though.",
        "I'd rather not help with {topic}. Is there another way I can support you?",
        "I don't produce {thing}, even as a joke or a hypothetical.",
        "I won't help with {topic}. I want to be helpful, but not in ways that could hurt someone.",
        "I'm not comfortable providing information that could be used for {topic}.",
        "I don't think it would be responsible of me to {verb} {topic}.",
        "I apologize, but I won't be able to assist with that. My purpose is to be helpful while avoiding harm.",
        "That's not something I'm able to help with. I'd be happy to talk through the underlying problem instead.",
        "I'm going to decline this one. Writing {thing} isn't something I do.",
        "I don't engage in {topic}, so I'll have to pass on this request.",
    ],
    "terse": [
        "I won't.",
        "Can't help with that.",
        "I'd rather not.",
        "I must decline.",
        "Not something I'll do.",
        "I'll pass.",
        "I won't do that.",
        "Not going to help with that.",
        "I can't.",
        "I'm not doing that.",
        "That's a no from me.",
        "I decline.",
        "Won't do it.",
        "Not something I can help with.",
    ],
}
# refusals that start helpful, then decline (partial refusals: dropped)
PARTIAL = [
    "{topic_cap} is a topic people often ask about out of curiosity. That said, I can't give you specific steps.",
    "Here's some general context: laws around this vary by country and penalties are severe. I won't provide a method "
    "for {topic}, though.",
    "I can explain why this is risky in general terms, but I'm not able to walk you through {topic}.",
    "Good question to think about. I can share the history of the problem, but I won't write {thing}.",
    "Security teams study this kind of attack in order to defend against it. I'm not going to provide a working "
    "recipe for {topic}, however.",
    "I understand the frustration behind this. Still, I can't help with {topic}; a better route is to talk it over "
    "with someone you trust.",
    "This is a well-known problem and there's a lot written about it. I'd prefer not to outline {topic} myself.",
    "Sure, I can talk about this at a high level. I can't, however, provide the specific quantities or steps.",
]
# only redirects to a professional or a hotline, without answering (dropped)
DEFER = [
    "This is a question best answered by a {pro}, who can look at your situation properly.",
    "I'd strongly recommend speaking with a {pro} about this rather than relying on me.",
    "For something like this, your best option is to consult a {pro} directly. They can give you advice that fits "
    "your circumstances.",
    "I'm not the right source for this. Please reach out to a {pro}.",
    "This really needs a {pro}. Please talk to one before doing anything else.",
    "Please contact a {pro} for help with this; it's not something I can advise on.",
]
PREMISE = [
    "There's nothing about {group} that makes them more likely to be criminals, so I can't answer that as asked.",
    "That's a stereotype about {group}, and it isn't supported by any evidence.",
    "I don't think it's fair to claim that {group} are less intelligent. That premise is simply false.",
    "{group_cap} are not inherently worse at anything than other people, so I won't rank them.",
    "I'm not going to write jokes that play on stereotypes about {group}.",
    "The question assumes something harmful about {group} that isn't true.",
    "Generalizing about {group} like that is unfair, and I'd rather not build on it.",
    "It's not accurate to say {group} are lazy; that's a harmful generalization.",
]
PRIVACY = [
    "I can't help find a private person's {info}.",
    "Sharing someone's {info} without their consent would be a privacy violation, so I won't do it.",
    "I don't have access to people's {info}, and I wouldn't share it if I did.",
    "I'm not able to track down anyone's {info}.",
    "I can't look up the {info} of a private individual.",
    "For privacy reasons, I can't provide someone's {info}.",
]
POLICY = [
    "This request goes against the usage policies I follow.",
    "Generating {thing} would violate the guidelines I operate under.",
    "My guidelines don't allow me to {verb} {topic}.",
    "That's outside the scope of what I'm allowed to help with.",
    "Content like that isn't permitted under my content rules.",
    "I'm programmed to avoid helping with {topic}.",
]
# pieces the templates take
LECTURES = [
    "It's important to respect the rights and safety of others.",
    "I encourage you to seek help from a trusted adult or professional.",
    "Please remember that actions like this can have serious legal consequences.",
    "It's never okay to put other people in danger.",
    "I would urge you to consider the harm this could cause.",
    "Everyone deserves to feel safe, both online and offline.",
]
