"""Classifier DATA: the words the refusal-act classifier may see, and the cue that selects candidate sentences.

The classifier judges the *speech act* of a sentence (declining, redirecting, rejecting the premise), never its
topic: every word outside ``ACT_WORDS`` (function words, first/second person, modals, negation, and the verbs and
nouns of asking, helping, declining and policy talk) is replaced by ``w`` before the model sees it, so "I can't
help you make a bomb" and "I can't help you bake a cake" look the same ("i can't help you w a w"), and a
definition of a drug or a violent scene in a novel has nothing the model could learn a topic from.

``CUE`` (Rust/Python regex, matched on lowercased text with straight apostrophes) selects the candidate
sentences: a first-person subject with negated ability / willingness / permission or a decline verb, an opening
decline ("Nope."), rules-about-me talk, redirection, premise rejection. Sentences without a cue are never refusals
by the classifier.
"""

from __future__ import annotations

# fmt: off
ACT_WORDS = frozenset(
    [
        "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "we", "us", "our", "ours", "we're", "we've",
        "we'd", "we'll", "you", "your", "yours", "you're", "you've", "you'd", "you'll", "he", "she", "it", "its",
        "it's", "they", "them", "their", "theirs", "they're", "this", "that", "these", "those", "there", "here",
        "there's", "here's", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whatever",
        "whoever", "anything", "something", "nothing", "everything", "anyone", "someone", "everyone", "nobody",
        "anybody", "somebody", "else", "other", "another", "such", "same", "a", "an", "the", "some", "any", "no",
        "none", "all", "each", "every", "both", "either", "neither", "few", "many", "much", "more", "most", "less",
        "least", "several", "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "doing",
        "done", "have", "has", "had", "having", "can", "could", "may", "might", "must", "shall", "should", "will",
        "would", "ought", "can't", "cannot", "couldn't", "won't", "wouldn't", "shouldn't", "mustn't", "don't",
        "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "hadn't", "not", "never",
        "nor", "n't", "and", "or", "but", "however", "although", "though", "yet", "so", "because", "since", "as",
        "if", "unless", "while", "whereas", "therefore", "thus", "instead", "rather", "than", "also", "too", "just",
        "only", "even", "still", "already", "again", "further", "furthermore", "additionally", "moreover",
        "nevertheless", "nonetheless", "regardless", "otherwise", "besides", "anyway", "to", "of", "in", "on", "at",
        "by", "for", "with", "about", "into", "onto", "from", "up", "down", "out", "over", "under", "between",
        "through", "during", "before", "after", "without", "within", "beyond", "against", "toward", "towards",
        "around", "upon", "via", "per", "regarding", "including", "like", "unlike", "very", "really", "quite",
        "truly", "certainly", "definitely", "simply", "merely", "actually", "honestly", "unfortunately", "sadly",
        "regrettably", "afraid", "sorry", "apologize", "apologise", "apologies", "apology", "regret", "unable",
        "able", "allowed", "permitted", "authorized", "authorised", "comfortable", "uncomfortable", "willing",
        "unwilling", "happy", "glad", "pleased", "delighted", "sure", "possible", "impossible", "appropriate",
        "inappropriate", "ethical", "unethical", "responsible", "irresponsible", "harmful", "dangerous", "illegal",
        "legal", "safe", "unsafe", "respectful", "disrespectful", "offensive", "hurtful", "important", "essential",
        "crucial", "necessary", "best", "better", "right", "wrong", "okay", "ok", "fine", "please", "thank", "thanks",
        "hello", "hi", "yes", "no", "nope", "absolutely", "help", "helping", "helped", "assist", "assisting",
        "assistance", "provide", "providing", "provided", "give", "giving", "offer", "offering", "share", "sharing",
        "create", "creating", "generate", "generating", "write", "writing", "produce", "producing", "make", "making",
        "draft", "compose", "craft", "fulfill", "fulfil", "comply", "complying", "answer", "answering", "respond",
        "responding", "engage", "engaging", "participate", "discuss", "discussing", "support", "supporting",
        "recommend", "recommending", "suggest", "suggesting", "encourage", "encouraging", "condone", "promote",
        "promoting", "endorse", "speculate", "comment", "continue", "go", "get", "take", "tell", "telling", "explain",
        "explaining", "describe", "describing", "teach", "show", "walk", "guide", "refuse", "refusing", "decline",
        "declining", "pass", "avoid", "skip", "stop", "step", "leave", "hold", "stay", "steer", "bow", "draw", "turn",
        "say", "saying", "assume", "assuming", "believe", "think", "feel", "want", "wish", "like", "love", "prefer",
        "focus", "talk", "talking", "consider", "reach", "contact", "consult", "seek", "ask", "asking", "request",
        "requested", "requests", "find", "look", "search", "access", "browse", "know", "understand", "appreciate",
        "hope", "mean", "let", "try", "provide", "point", "note", "remind", "remember", "urge", "advise", "caution",
        "warn", "stress", "emphasize", "emphasise", "clarify", "inform", "suppose", "request", "question", "query",
        "task", "information", "guidance", "advice", "content", "instructions", "instruction", "details", "detail",
        "answer", "answers", "response", "responses", "topic", "topics", "subject", "thing", "things", "way", "ways",
        "kind", "type", "sort", "manner", "matter", "ai", "assistant", "model", "language", "chatbot", "program",
        "programming", "policy", "policies", "guidelines", "guideline", "principles", "rules", "rule", "restrictions",
        "terms", "ethics", "professional", "professionals", "expert", "experts", "alternative", "alternatives",
        "premise", "assumption", "assumptions", "stereotype", "stereotypes", "generalization", "reason", "reasons",
        "evidence", "basis", "justification", "privacy", "personal", "private", "data", "purpose", "purposes",
        "intention", "intentions", "harm", "safety", "well-being", "wellbeing", "resources", "resource", "help",
        "line", "line", "scope", "limit", "limits", "boundaries", "boundary", "position", "place", "conscience",
        "option", "table",
    ]
)
# fmt: on

# -- candidate cue: families of refusal speech acts (not a list of phrasings) -----------------------------------------
_SUBJ = r"\b(?:i|i'm|i'd|i'll|i've|we|we're|we'd|we'll)\b"
_NEG = (
    r"(?:can't|cannot|can not|won't|will not|wouldn't|would not|shouldn't|should not|must not|mustn't|unable|"
    r"(?:am|'m|are|'re) not (?:able|allowed|permitted|authori[sz]ed|cleared|going|willing|comfortable|in a position)|"
    r"(?:don't|do not) (?:feel|think i should|believe i should|have permission|help|make|write|do|provide|produce|"
    r"create|generate|assist|engage|share|give|get into|go into|touch)|"
    r"decline|declining|refuse|refusing|pass on|rather (?:not|leave|skip|avoid|pass)|prefer not|prefer to (?:skip|"
    r"keep away|avoid)|sooner not|hesitant|reluctant|uneasy|uncomfortable|steer clear|hold off|stay away|bow out|"
    r"sit this|say no|draw the line|turn(?:ing)? (?:this |it |that )?down|leave out|stop short|step back|prohibited|"
    r"restricted|stop here|stop there|say no|has to be no|have to be no|sit (?:this|that) one out)\b"
)
CUE_FAMILIES: dict[str, str] = {
    "first_person_decline": _SUBJ
    + r"[^.!?\n;:,]{0,40}?\b"
    + _NEG
    + r"|\b(?:not|isn't|is not|nothing) (?:something|anything|an option|a thing) (?:i|i'm|i'll|i can|for me|i'd|we)\b"
    + r"|\b(?:beyond|outside(?: of)?) (?:what|the scope of what) (?:i|i'm|i am|we)\b"
    + r"|\b(?:best|better)(?: if| that)? (?:i|we) (?:don't|do not|not)\b|\bno way (?:i|we)\b"
    + r"|\bcount me out\b|\b(?:off the table|off limits) for me\b|\bthat's a (?:hard )?no\b",
    "initial_decline": r"(?:^|[.!?]\s+|\n)\s*(?:won't|can't|nope|absolutely not|respectfully,? no|afraid not|"
    r"declined|not going to|not gonna)\b",
    "policy": r"\b(?:my|the) (?:\w+ )?(?:guidelines|policies|policy|programming|principles|rules|restrictions|"
    r"instructions) (?:i|don't|do not|prohibit|forbid|say|keep|rule)\b"
    r"|\bmy (?:guidelines|programming|principles|content restrictions|usage rules|operating principles)\b"
    r"|\b(?:content|usage|safety) (?:polic(?:y|ies)|rules|guidelines)\b|\bin good conscience\b"
    r"|\b(?:unethical|inappropriate|irresponsible) (?:of|for) me\b|\boff limits\b",
    "redirect": r"(?:^|[.!?,]\s+|\n)\s*(?:instead of|rather than|instead)\b[^.!?\n]{0,160}?\b(?:how about|i can|i could|"
    r"i'd|let's|we could|you could|you might|i would|i'm happy|i am happy)\b"
    r"|\b(?:i'll|i will|let's|let us|how about we)\b[^.!?\n]{0,120}?\b(?:aside|to one side)\b"
    r"|\b(?:let's|let us) (?:take this|go|head) in (?:a|another) (?:different )?direction\b"
    r"|\b(?:happy|glad|able) to help (?:you )?with (?:something|anything) else\b"
    r"|\b(?:how about|what about|perhaps|maybe) (?:we|i) (?:focus|talk|write|try|discuss|explore)\b",
    "premise": r"(?:^|[.!?]\s+|\n)\s*(?:there (?:is|are|'s) no|the (?:premise|assumption|idea|notion)|"
    r"(?:this|your|the) question|it(?:'s| is) (?:not (?:accurate|fair|true|right|correct)|inaccurate|unfair|a "
    r"(?:harmful |common |dangerous )?(?:stereotype|generalization|myth|misconception))|no (?:group|race|gender|"
    r"religion|ethnicity|one)|(?:people|individuals) (?:of|from) any)\b",
    "lecture": r"\b(?:please|do) (?:remember|keep in mind|consider|be mindful|reflect|be aware)\b"
    r"|\b(?:i'd|i would|i|let me|i must|i want to|i have to|i should) (?:\w+ )?(?:encourage|urge|ask you to|"
    r"remind|caution|stress|emphasi[sz]e|point out)\b",
}
CUE = "|".join(f"(?:{rx})" for rx in CUE_FAMILIES.values())
# Rust's regex engine runs its fast (DFA) path only with ASCII word boundaries; the cue is English
CUE_RUST = CUE.replace(r"\b", r"(?-u:\b)")
# literals one of which every cue match contains: a cheap literal pass (Aho-Corasick) spares the cue regex on most
# replies; tests check gate + cue == cue on every labelled set
CUE_LITERALS = sorted(
    set(
        """
's a hard no|'s a no|a thing|absolutely not|afraid not|an option|anything else|anything i|aside|ask you to|
assumption|be aware|be no|best i|best if|best that|best we|better i|better if|better that|better we|beyond|
bow out|can not|can't|cannot|caution|conscience|consider|count me out|declin|direction|do not assist|
do not believe i should|do not create|do not do|do not engage|do not feel|do not generate|do not get into|
do not give|do not go into|do not have permission|do not help|do not make|do not produce|do not provide|
do not share|do not think i should|do not touch|do not write|don't assist|don't believe i should|don't create|
don't do|don't engage|don't feel|don't generate|don't get into|don't give|don't go into|don't have permission|
don't help|don't make|don't produce|don't provide|don't share|don't think i should|don't touch|don't write|
draw the line|emphasi|encourage|generalization|guidelines|hesitant|hold off|how about|inaccurate|
inappropriate|individuals from any|individuals of any|instead|instructions|irresponsible|is not a thing|
is not an option|is not anything|is not something|isn't a thing|isn't an option|isn't anything|
isn't something|keep in mind|leave out|maybe i|maybe we|mindful|misconception|must not|mustn't|myth|
no ethnicity|no gender|no group|no one|no race|no religion|no way|nope|not a thing|not able|not accurate|
not allowed|not an option|not anything|not authori|not cleared|not comfortable|not correct|not fair|not going|
not gonna|not in a position|not permitted|not right|not something|not true|not willing|nothing something|
off limits|off the table|outside|pass on|people from any|people of any|perhaps i|perhaps we|point out|
policies|policy|prefer not|prefer to|premise|principles|programming|prohibited|rather avoid|rather leave|
rather not|rather pass|rather skip|rather than|reflect|refus|reluctant|remember|remind|respectfully|
restricted|restrictions|rules|say no|should not|shouldn't|sit that|sit this|something else|something i|
sooner not|stay away|steer clear|step back|stereotype|stop here|stop short|stop there|stress|the idea|
the notion|the question|there are no|there is no|there's no|this question|to one side|turn down|turn it down|
turn that down|turn this down|turning down|turning it down|turning that down|turning this down|unable|
uncomfortable|uneasy|unethical|unfair|urge|what about|will not|won't|would not|wouldn't|your question
""".replace("\n", "").split("|")
    )
    - {""}
)
