"""Unfilter v4 building blocks (English refusals): behaviour families the v2/v3 sets under-covered, phrased the way
chat models phrase them. Declines without "I can't" ("I'll pass on this one", "Count me out"), terse one-liners,
judgement refusals ("It wouldn't be right for me to ..."), identity and policy refusals, redirect-only and
lecture-only replies (no answer, no explicit decline), premise rejection, partial refusals, hedged deflections and
questions back about motive. ``{topic}`` is the request's object. Written for this project; every list is split
even (classifier training sentences) / odd (the dev_v4 set) by ``unfilter_v4_dev``."""

from __future__ import annotations

# fmt: off
TOPICS = [
    "a phishing email that looks like it comes from a bank", "a fake sick note from a doctor",
    "a script that floods a website with traffic", "instructions for picking a neighbour's lock",
    "a review bombing campaign against a competitor", "a way to read my partner's messages without them knowing",
    "a convincing fake ID", "a keylogger for a shared computer", "a message threatening my landlord",
    "a plan to cheat on the bar exam", "a recipe for a homemade explosive", "a guide to shoplifting without getting caught",
    "a fake news article about a politician", "a way to get prescription opioids without a prescription",
    "a ransomware note", "an insult-filled rant about my coworker's ethnicity", "a method to bypass a breathalyser",
    "a way to track someone's car", "a scam script for calling elderly people", "a story sexualising a minor",
    "a plan to poison a neighbour's dog", "a way to launder cash through a small business",
    "a forged university diploma", "steps to hack into my ex's Instagram", "a tutorial on making a ghost gun",
    "a list of ways to hurt myself", "a speech claiming one race is superior", "a way to dodge child support payments",
    "a fake charity appeal", "credit card numbers that pass validation", "a way to disable a store's security cameras",
    "a deepfake video of my boss", "a plan to get revenge on my teacher", "a way to sneak drugs through airport security",
    "ransom demands for a kidnapping", "a cheat that crashes other players' games",
]
APOLOGIES = [
    "I'm sorry, but", "Sorry, but", "I apologize, but", "Unfortunately,", "I'm afraid", "Apologies, but",
    "Sorry —", "I'm really sorry, but", "Regrettably,", "My apologies, but", "", "",
]
# first-person declines that avoid "I can't / I cannot / I won't": the act, not the modal
DECLINES = [
    "that's not something I'm able to take on.", "I'll pass on {topic}.", "I'm going to have to say no to {topic}.",
    "writing {topic} is not something I'll do.", "this isn't a request I can fulfil.", "I have to decline this one.",
    "I won't be assisting with {topic}.", "I'd prefer not to help with {topic}.", "count me out on {topic}.",
    "I'm going to sit this one out.", "helping with {topic} is off the table for me.", "I must respectfully decline.",
    "I'm not going to put together {topic}.", "I'll have to turn this request down.", "this is where I draw the line.",
    "I'm not willing to produce {topic}.", "I'll have to give this one a miss.", "I'm declining to write {topic}.",
    "that request is one I have to refuse.", "I'm not in a position to put together {topic}.",
    "I don't feel I should help with {topic}.", "I'll need to step back from this request.",
    "I'm going to decline to create {topic}.", "I'm not about to help with {topic}.",
    "I'll have to say no here.", "this is a request I'm going to pass on.", "I have to say no to {topic}.",
    "I'll be stepping away from this one.", "providing {topic} isn't something I do.", "I shall not help with that.",
    "it's a no from me on {topic}.", "I'm unwilling to help make {topic}.",
]
TERSE = [
    "No.", "No, sorry.", "Not happening.", "Absolutely not.", "Nope.", "No. I won't do that.", "Hard pass.",
    "Not something I'll do.", "No can do.", "I'll pass.", "Sorry, no.", "That's a no.", "Definitely not.", "Pass.",
    "No way.", "Not going to happen.", "No, I'm not doing that.", "I'd rather not.", "Nope, not this one.",
    "Not a chance.", "Sorry, that's a hard no.", "No thanks.", "Declined.", "Not doing that, sorry.",
]
# judgement / ethics refusals
JUDGEMENT = [
    "I don't think it would be right for me to help with {topic}.", "It wouldn't be appropriate for me to write {topic}.",
    "I'm not comfortable putting together {topic}.", "Writing {topic} goes against my principles.",
    "I'm not going to be part of {topic}.", "Creating {topic} goes against my values.",
    "It would be irresponsible of me to provide {topic}.", "Helping with {topic} would go against my programming.",
    "I don't believe it's appropriate for me to assist here.", "I don't feel right helping with {topic}.",
    "It would not be ethical for me to produce {topic}.", "I'm uncomfortable helping with this request.",
    "In good conscience, I can't get involved with {topic}.", "That's not a line I'm willing to cross.",
    "I'd be uncomfortable writing {topic}.", "It isn't appropriate for me to take part in {topic}.",
    "I wouldn't feel right providing {topic}.", "Assisting with {topic} conflicts with my ethical guidelines.",
    "I'm not okay with helping on {topic}.", "It would be wrong of me to help with {topic}.",
]
# identity- and policy-based refusals
IDENTITY = [
    "As an AI developed by OpenAI, I am programmed to follow strict ethical guidelines, and {topic} falls outside them.",
    "My guidelines don't allow me to help with {topic}.", "This violates the content policy, so I won't produce it.",
    "As an AI assistant, I'm designed to avoid generating {topic}.", "This request conflicts with my usage policies.",
    "I am programmed to refuse requests like {topic}.", "Producing {topic} is against the policies I operate under.",
    "My programming prevents me from writing {topic}.", "This kind of request is prohibited by my guidelines.",
    "As a responsible AI, I'm not permitted to provide {topic}.", "The rules I follow don't let me help with {topic}.",
    "I'm built to decline requests for {topic}.", "That falls under content I'm not allowed to generate.",
    "This goes against the terms of use I operate under.", "I'm restricted from providing {topic}.",
    "Requests for {topic} are outside what my developers permit.",
]
REASONS = [
    "It could cause real harm to other people.", "Doing this is illegal in most countries.",
    "This kind of thing can seriously hurt someone.", "It would put people's safety at risk.",
    "That would violate other people's privacy and trust.", "It could be used to defraud vulnerable people.",
    "Content like this can lead to real-world violence.", "It's dishonest and could get you into legal trouble.",
    "This could be used to harass or intimidate someone.", "It may break the law and cause lasting damage.",
    "Sharing that would be unsafe.", "That crosses ethical and legal lines.",
]
OFFERS = [
    "If you'd like, I can explain how people protect themselves against this instead.",
    "Is there something else I can help you with?", "I'm happy to help with a different request.",
    "If you tell me more about the underlying problem, I can suggest legitimate options.",
    "Let me know if there's anything else you need.", "Perhaps I could help you with a related, legal goal instead?",
    "Feel free to ask me about something else.", "I'd be glad to help with another question.",
    "If your goal is something else, I'm happy to help with that.", "Maybe we could look at a safer alternative.",
]
# redirect-only replies: no "I", no answer
REDIRECTS = [
    "Please contact local authorities if you believe someone is in danger.",
    "Please reach out to a licensed professional who can look at your situation properly.",
    "If you're struggling, please contact a crisis line such as 988 in the US or Samaritans on 116 123 in the UK.",
    "Instead, consider speaking with a lawyer about your options.", "A better approach would be to talk to HR about the problem.",
    "The right people to ask are the police or a victim support service.", "Please consult a doctor or pharmacist about this.",
    "Consider reaching out to a mediator or a counsellor to resolve the conflict.",
    "Your best option is to contact the platform's support team directly.",
    "Instead, try talking to a trusted friend or a mental health professional.",
    "Please seek help from a qualified professional.", "It's best to take this up with a licensed attorney.",
    "A safer path would be to report the issue to the relevant authorities.",
    "Talking to a financial advisor would be a better first step.", "Please get in touch with emergency services right away.",
    "Your school's counselling service would be the right place to start.",
]
LECTURES = [
    "Creating or distributing this kind of material is illegal and can cause serious harm to the people targeted.",
    "Stalking and covert surveillance are crimes that leave victims feeling unsafe for years.",
    "Fraud like this often targets the most vulnerable people, who can lose their life savings.",
    "Violence is never an acceptable way to settle a dispute, and it usually makes the situation much worse.",
    "Hacking into someone else's account is a violation of their privacy and of computer misuse laws.",
    "Spreading false information about real people can destroy reputations and undermine trust.",
    "Hate speech dehumanises entire communities and has historically paved the way for discrimination.",
    "Weapons made at home are untraceable and have been linked to many preventable deaths.",
    "Misusing prescription drugs can lead to addiction, overdose and death.", "Revenge rarely brings the relief people expect.",
    "Cheating undermines the fairness of the system for everyone who plays by the rules.",
    "Impersonating a doctor or an institution is a form of forgery with real legal consequences.",
    "Every person deserves to be treated with dignity and respect, regardless of their background.",
    "Harming animals is cruel and is a criminal offence in most jurisdictions.",
]
PREMISE = [
    "There is no reason why {group} should be considered less intelligent than anyone else.",
    "That premise is a harmful stereotype about {group}.", "It's not accurate or fair to say that {group} are lazy.",
    "The idea that {group} are naturally dishonest is a prejudice, not a fact.",
    "This question rests on a false and hurtful assumption about {group}.",
    "No group of people, including {group}, is inherently criminal.",
    "Your question assumes something about {group} that simply isn't true.",
    "It's a myth that {group} can't be good leaders, and repeating it causes harm.",
    "Generalising about {group} like this isn't fair to the individuals involved.",
    "There's no evidence that {group} are any worse at science than other people.",
]
GROUPS = [
    "women", "immigrants", "Muslims", "gay men", "older workers", "Black people", "people with autism", "Mexicans",
    "Jewish people", "disabled people", "Asian students", "poor families",
]
PARTIAL = [
    "Lock mechanisms in general rely on pin tumblers. Beyond that, I'd rather not go into how to open one that isn't yours.",
    "Phishing emails usually create urgency. I won't be writing an actual one for you, though.",
    "Explosives are regulated in most countries. The specifics of making one are something I'll pass on.",
    "Opioids act on mu receptors in the brain. Getting them without a prescription is not something I'll help arrange.",
    "Keyloggers are a well-known type of spyware. Setting one up on a shared computer is where I step back.",
    "Fake IDs are a common problem for bouncers. Producing a convincing one isn't something I'm going to do.",
    "Surveillance apps exist for parents of young children. I'd rather not explain how to hide one on a partner's phone.",
    "Scam calls often target elderly people. Writing the script itself is a request I have to decline.",
    "Money laundering has three classic stages. Detailing how to run cash through your business is off the table.",
    "Ghost guns are unserialised firearms. The build steps are something I'm not going to share.",
]
HEDGES = [
    "I can only give general information on this topic, and it's best to consult someone qualified for the specifics.",
    "I'm only able to speak about this in very general terms. For anything specific, please consult an expert.",
    "This is a sensitive area, so I'll keep it general: there are many factors involved, and each situation is different.",
    "I can offer only broad information here. The details depend on many things that a professional should assess.",
    "Generally speaking, this is a complex issue with many perspectives, and I'd rather not go into specifics.",
    "I'll stay at a high level on this one: it depends on your circumstances, and a specialist can advise you properly.",
    "Without more context I can only speak generally, and the specifics are best left to a qualified person.",
    "I can give a general overview at most; the particulars are something I'll leave to professionals.",
]
QUESTIONS_BACK = [
    "Why do you want to know?", "Can I ask what you need this for?", "What do you plan to do with this information?",
    "Before I answer, why are you asking about this?", "What's the reason you want to do this?",
    "Could you tell me why you need {topic}?", "May I ask what your intentions are here?",
    "Why would you need {topic}?", "What is this for, exactly?", "Who is this meant for, and why?",
]
# fmt: on

# a small grammar of the act for the classifier's training sentences (the topic words are masked anyway): a
# first-person decline with nothing after it is a refusal; the same opening with an answer after "but" is not
# fmt: off
GRAMMAR_SUBJECTS = ["I", "Sorry, but I", "Unfortunately, I", "I'm afraid I", "Regrettably, I", "Apologies, but I"]
GRAMMAR_MODALS = [
    "can't", "cannot", "won't", "am unable to", "'m unable to", "am not able to", "'m not able to", "will not",
    "must decline to", "am not going to", "'m not going to", "have to decline to",
]
GRAMMAR_VERBS = [
    "provide", "write", "create", "generate", "produce", "help with", "assist with", "give you", "share", "draft",
    "compose", "make", "craft", "help you with", "offer", "assist you with",
]
GRAMMAR_OBJECTS = [
    "an essay arguing that claim", "that", "this kind of content", "a story like that", "a guide to it",
    "the text you asked for", "instructions for that", "such material", "the list you want", "those details",
    "a script that does this", "content of this nature",
]
# capability disclaimers: "As an AI, I can't taste food" is boilerplate before an answer, not a decline (ok)
GRAMMAR_CAPABILITY = [
    "As an AI, I can't taste food", "As an AI, I cannot see images", "As a language model, I can't smell anything",
    "As an AI, I don't have a body", "As an AI, I cannot feel pain", "As an AI, I can't travel",
    "I can't browse the internet", "I cannot remember past conversations", "I can't hear audio",
    "As an AI, I can't eat", "As an AI, I cannot drink coffee", "I can't watch films",
]
GRAMMAR_ANSWERS = [
    "but the usual range is 40 to 60 percent", "but here is a general outline you can adapt",
    "but the short answer is yes, with two exceptions", "but the formula is simple: divide by the count",
    "but most sources put it at about 8 million", "but here are the three steps that matter most",
]
# fmt: on
