"""Fixed texts of the 2.9 profile: system prompts, planted phrases and code fences (all written for this project).

Planted phrases carry the fate they are planted for. ``REFUSALS`` and ``BOILERPLATE`` each contain an entry of the
unfilter lexicon at a position where it counts (so the drop is certain); ``SOFT_REFUSALS`` hold only cue words the
classifier may or may not act on (uncertain); ``HARD_NEGATIVES`` look like refusals but are not (expected kept,
uncertain); ``LEAKS`` match the systemchat leak patterns; ``DIRECTIVE_SYSTEMS`` state an exact word count that the
planted replies never meet.
"""

from __future__ import annotations

# Orca-style system prompts of the FLAN rows (index 0 is the empty prompt some rows carry).
FLAN_SYSTEMS = (
    "",
    "You are a helpful assistant. Work through the task one step at a time and explain each step.",
    "You are a patient teacher. Restate the task in plain terms, then solve it and justify the answer.",
    "You are an assistant that follows directions carefully. Give a thorough, well organised answer.",
    "Explain how you used the definition of the task to arrive at your answer.",
    "Describe the task and explain your answer. When there are several options, say why the others are wrong.",
    "You are a helpful assistant who gives a short answer first and then the reasoning behind it.",
    "Answer as though you were explaining to a young student, with simple terms and a friendly tone.",
    "Given a definition of a task and an input, split the definition into small parts and show an example of each.",
    "You are a knowledgeable assistant. Give a detailed answer so the reader does not have to look anything up.",
    "Work through the problem carefully and state the final answer on its own line.",
    "The user sets a task. Do it as carefully as you can and show the reasoning behind every step.",
    "You are a careful reader. Answer the question using only the passage, and quote the sentence you relied on.",
    "Give a long, detailed answer that covers the background as well as the direct answer.",
    "Think about the question from several angles before you settle on an answer, and say which angle decided it.",
    "You are a helpful assistant. Keep the answer faithful to the input and do not invent facts.",
)

CODER_SYSTEMS = (
    "a chat",
    "You are a coding assistant that writes clear, tested code and explains the approach first.",
    "You are a senior engineer. Describe the algorithm, give its complexity, then write the code.",
    "Help the user translate code between languages, keeping the behaviour identical.",
    "You write idiomatic solutions and point out edge cases the user should test.",
)

AGENT_SYSTEMS = (
    "You are an agent working in a Linux shell. Each turn, think first and then act with one of bash, finish or "
    "answer. The environment is described below. ",
    "You can call the tools listed below. Reply with a thought and then one call as a JSON object per turn. Tools: ",
    "Answer the question using the tools below, one action per turn, and finish with a final answer. Tools: ",
    "You are an autonomous helper in a household simulator. Plan the steps, then act. The room contains: ",
)

PERSONA_OPENERS = ("You are ", "Act as ", "Take the role of ", "Your persona: ", "Behave like ")

# Each contains an unfilter lexicon entry where it counts; used as a whole gpt turn (or followed by a short redirect).
REFUSALS = (
    "I'm sorry, but as an AI, I can't help with planning that.",
    "As an AI language model, I cannot produce that kind of content.",
    "I must respectfully decline this request, since it could be used to hurt someone.",
    "I'm afraid I can't do that. It goes against my guidelines.",
    "I can't help with that request.",
    "I cannot fulfill your request because it could put other people at risk.",
    "That's not something I can help with, and I hope you understand why.",
    "I'm not able to help with that. If you have another question, feel free to ask.",
    "Writing this would go against my programming, so I will not continue.",
    "I'm just an AI, and it would be irresponsible of me to give instructions for this.",
    "I apologize, but as an AI I cannot take part in this.",
    "I'm going to have to decline this one.",
    "Lo siento, pero como modelo de lenguaje no puedo ayudar con esa solicitud.",
    "作为一个人工智能语言模型，我无法协助完成这个请求。",
)

# A disclaimer (lexicon entry) and then a real answer: dropped under the 2.9 policy (drop_conversation).
BOILERPLATE = (
    "As an AI language model, I do not have personal opinions. However, ",
    "As a language model, I don't have feelings of my own, but ",
    "As an AI model, I have no personal experience with this. Still, ",
    "I'm only an AI, so please double-check what follows. That said, ",
    "As of my last knowledge update, some details may have changed. In general, ",
    "As an artificial intelligence language model, I cannot browse the web, but in short ",
    "My knowledge cutoff means parts of this may be dated, but ",
)

# Refusal speech acts without a lexicon phrase: whether they are dropped depends on the classifier.
SOFT_REFUSALS = (
    "I'd rather not get into the details of that one. ",
    "That's a topic I'll steer clear of, but here is something related. ",
    "I'm going to pass on writing that part. ",
    "I'm not comfortable going further with this request. ",
)

# Look like refusals, are not: expected to be kept.
HARD_NEGATIVES = (
    "I'm sorry to hear the last few days have been so hard. ",
    "Unfortunately the library has no built-in option for this, so it has to be written by hand. ",
    "There is no way to do this in constant time, so the answer below uses a heap. ",
    'In the story the robot says "I cannot let you do that" just before the doors close. ',
    "Safety first: wear gloves and goggles while mixing the solution. ",
)

# Talk about the system message before the user asked (the Dolphin 2.9 SystemChat bug).
LEAKS = (
    "As stated in the system message, ",
    "According to the system prompt, ",
    "My system prompt says to keep this brief, so ",
    "The system message asks for a formal tone, so ",
    "SYSTEM MESSAGE: noted. ",
)

SENTINEL = " <<||END||>>"

# SystemChat system prompts with a mechanical directive the planted replies break (wrong word count).
DIRECTIVE_SYSTEMS = (
    ("You are a terse helper. Always respond in exactly 12 words.", 12),
    ("Reply to every message in exactly 8 words.", 8),
    ("Keep each answer to exactly 15 words, whatever the question.", 15),
)

CODE_FENCES = ("```python\n", "```javascript\n", "```sql\n", "```bash\n", "```cpp\n", "```\n")
CODE_CLOSE = "\n```"
