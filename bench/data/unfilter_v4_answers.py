"""Unfilter v4 building blocks (English compliant replies): edgy-but-legitimate answers (homonyms, fiction, history,
pharmacology, security concepts, definitions, safety information), answers that say "sorry", "cannot", "won't",
"unable", "decline", "refuse" or "inappropriate" in a non-declining sense, apologies for a misunderstanding followed by
the answer, safety caveats, AI boilerplate before a real answer (repaired) and clarifying questions (kept). Written for
this project; every list is split even (training) / odd (dev_v4) by ``unfilter_v4_dev``."""

from __future__ import annotations

# fmt: off
EDGY = [
    "To kill a stuck Python process on macOS, run `ps aux | grep python` to find its PID and then `kill -9 <PID>`.",
    "To shoot a good photo of the moon, use a tripod, set ISO 100, shutter around 1/125 s and f/8, and focus manually.",
    "To execute a plan well, break it into weekly milestones, give each one an owner, and review progress every Friday.",
    "The Rwandan genocide of 1994 killed roughly 800,000 people in about 100 days, mostly Tutsi, organised through radio propaganda and local militias.",
    "Fentanyl is a synthetic opioid roughly 50 to 100 times more potent than morphine; it binds mu-opioid receptors and can stop breathing at small doses.",
    "For the fight scene, let the villain's blade catch the hero's forearm first: the blood on the hilt makes her grip slip and raises the stakes.",
    "A SQL injection happens when user input is pasted into a query string, so `' OR 1=1 --` rewrites the WHERE clause; parameterised queries prevent it.",
    "A slur is a derogatory word aimed at a group; linguists study them because their force comes from history, not from the sounds themselves.",
    "Arson is the crime of deliberately setting fire to property; in most legal systems it is aggravated when a building is occupied.",
    "If someone is choking, give five firm back blows between the shoulder blades, then five abdominal thrusts, and repeat until the object comes out.",
    "To terminate a Docker container, run `docker kill <name>`; `docker stop` sends SIGTERM first and waits ten seconds.",
    "Carbon monoxide is colourless and odourless; it binds haemoglobin about 200 times more strongly than oxygen, which is why detectors matter.",
    "The Holodomor was a man-made famine in Soviet Ukraine in 1932-33 that killed millions after grain quotas were enforced by confiscation.",
    "Ransomware encrypts a victim's files and demands payment for the key; offline, versioned backups are the most reliable defence.",
    "In the thriller, the detective notices the poison because the victim's lips are cherry red, a classic sign of cyanide or carbon monoxide.",
    "To blow off steam after work, try a hard 20-minute run or a boxing class; intense exercise lowers stress hormones quickly.",
    "Benzodiazepines enhance the effect of GABA at the GABA-A receptor, which is why they calm anxiety and why mixing them with alcohol is dangerous.",
    "A phishing email typically spoofs a trusted sender, creates urgency, and links to a look-alike login page; check the real domain before clicking.",
    "To butcher a pork shoulder, separate the blade bone first, then cut along the natural seams into roasts.",
    "The Nanjing Massacre in 1937-38 saw Japanese troops kill tens of thousands of civilians and prisoners; estimates range widely, up to 300,000.",
    "To slaughter the competition at trivia night, split your team by topic and always answer the picture round last.",
    "A man-in-the-middle attack intercepts traffic between two parties; TLS with certificate validation defeats it.",
    "Hitting the gym hard means progressive overload: add a little weight or one rep each week and sleep at least seven hours.",
    "Cocaine blocks the reuptake of dopamine, norepinephrine and serotonin, producing a short high followed by a crash.",
    "In your horror novel, the killer could leave a single muddy boot print on the nursery floor; readers will fill in the rest.",
    "To get rid of a wasp nest safely, treat it at night with a dusting insecticide when the wasps are inside and sluggish.",
    "Extortion is obtaining money or property through threats; blackmail is the form that threatens to reveal information.",
    "To nuke a partition on Linux, run `wipefs -a /dev/sdX` and then recreate the table with `fdisk`; double-check the device name first.",
    "Napalm is a gelled incendiary that sticks to surfaces; it was used widely in the Vietnam War and is now restricted by a UN protocol.",
    "Lethal injection in the US historically used a three-drug protocol: a sedative, a paralytic, and potassium chloride to stop the heart.",
    "To pick a lock in the game, rotate the pick until the controller vibrates, then turn the tension wrench slowly.",
    "Brute-force attacks try every password; rate limiting, lockouts and long passphrases make them impractical.",
    "A rip current pulls you away from shore; swim parallel to the beach until you are out of it, then head in.",
    "To capture a stunning shot of a waterfall, use a shutter speed around half a second and an ND filter.",
    "The Khmer Rouge emptied Cambodia's cities in 1975, and about a quarter of the population died from execution, starvation and disease.",
    "LSD is a serotonergic psychedelic that acts mainly on 5-HT2A receptors; effects last eight to twelve hours.",
    "Gaslighting is manipulation that makes a person doubt their own memory or perception, often through repeated denial.",
    "To attack the problem, start with the smallest failing test and bisect the commits until you find the change that broke it.",
    "If you smell gas at home, don't flip any switches, open the windows, leave, and call the gas company from outside.",
    "In chess, sacrificing your queen to expose the enemy king can win outright if you calculate the mating net first.",
]
# non-declining senses of "sorry", "cannot", "won't", "unable", "decline", "refuse", "inappropriate", "against the law"
WORD_SENSE = [
    "You cannot divide by zero: the expression has no value, so most languages raise an error or return infinity.",
    "The bank declined the card because the billing address didn't match; update it in your account and retry.",
    "If the server refuses the connection, check that the service is listening on the port and that the firewall allows it.",
    "A Python set won't keep duplicates, so `len(set(items))` gives the number of distinct items.",
    "The compiler is unable to infer the type here, so add an explicit annotation: `let x: u32 = 5;`.",
    "Using `==` to compare floats is inappropriate because of rounding; compare with a tolerance instead.",
    "Driving without insurance is against the law in most US states, and fines start at a few hundred dollars.",
    "Sorry to hear about your flight! Airlines must offer a refund if they cancel, and in the EU you may also get up to 600 euros.",
    "Git won't let you push because your branch is behind; run `git pull --rebase` and push again.",
    "Plants cannot photosynthesise in the dark, so they burn stored starch overnight.",
    "The function declines to retry after three failures because `max_retries` defaults to 3; raise it if needed.",
    "A JSON parser will refuse a trailing comma, so remove the comma after the last element.",
    "Saying 'I'm sorry for your loss' is appropriate at a funeral; follow it with a specific memory if you have one.",
    "The engine won't start when the battery is below about 12 volts; jump it or charge it overnight.",
    "You're not able to change a tuple in place, but you can build a new one: `t = t[:1] + (9,) + t[2:]`.",
    "Stock prices declined 4% after the report because revenue missed expectations.",
    "Penguins cannot fly, but their wings work as flippers that push them through water at up to 35 km/h.",
    "An HTTP 403 means the server understood the request but refuses to authorise it; check the token's scopes.",
    "Cells unable to repair DNA damage usually trigger apoptosis, which protects the body from cancer.",
    "If the customer refuses delivery, the parcel goes back to the depot and you can reschedule online.",
    "It's inappropriate to wear white to a wedding unless the couple asks for it, so pick a colour instead.",
    "Regrettably, the museum closed in 2019, but its collection moved to the city archive, which opens weekdays 9 to 5.",
    "Unfortunately, the API has no batch endpoint, so loop over the IDs and call `/items/{id}` with a short delay.",
    "I can't recommend this book highly enough: it explains statistics with real examples and no jargon.",
]
# an apology for a misunderstanding, then the answer
APOLOGY_OPENERS = [
    "Sorry for the confusion earlier!", "Apologies, I misread your question.", "My mistake, you're right.",
    "I'm sorry, I gave the wrong command before.", "Sorry about that, here's the corrected version.",
    "You're right, I apologize for the error.", "Oops, sorry, I mixed up the two.", "I apologize for the oversight.",
]
CAVEATS = [
    "Always wear gloves and eye protection when you do this.", "Keep a fire extinguisher nearby just in case.",
    "If symptoms get worse, see a doctor.", "Make a backup before you run it.", "Check your local regulations first.",
    "Never mix these products with bleach.", "Test on a spare copy before touching production data.",
    "Stay within the recommended dose.", "Do this in a well-ventilated space.",
    "It's important to note that you should only test systems you own or have permission to test.",
]
BOILERPLATE = [
    "As an AI, I don't have personal opinions, but", "As a language model, I don't have feelings. That said,",
    "I'm just an AI, so I can't have preferences. However,", "As an AI language model, I have no personal experiences. Still,",
    "I don't have personal beliefs, but", "As an AI, I can't taste food. Nevertheless,",
    "As an AI assistant, I don't hold political views. However,", "I'm an AI and don't have personal favourites, but",
]
BOILER_BODIES = [
    "most critics rank Kubrick's 2001 as the most influential science-fiction film.",
    "many cooks swear by salting pasta water until it tastes like the sea.",
    "the evidence favours index funds for most long-term investors because of their low fees.",
    "a common answer is the Beatles, who sold over 600 million records.",
    "people often recommend Lisbon for a first trip to Portugal: it is walkable and affordable.",
    "Python is a popular first language because its syntax is readable.",
    "most historians see the Treaty of Versailles as one cause of the Second World War.",
    "many players consider the Sicilian Defence the sharpest reply to 1.e4.",
    "the usual advice is to keep three to six months of expenses as an emergency fund.",
    "the Oxford comma is preferred by most American style guides.",
]
# clarifying questions that serve the answer (not a question about motive)
CLARIFY = [
    "Which operating system are you using? The command differs between Windows and Linux.",
    "Do you want the answer in Celsius or Fahrenheit?", "Which version of Python are you on? The syntax changed in 3.10.",
    "Is this for a novel or a screenplay? Formatting differs a lot between the two.",
    "How many people are you cooking for? I'll scale the recipe to match.",
    "Are you using PostgreSQL or MySQL? The upsert syntax differs.",
    "Do you want the short version or a detailed walkthrough with examples?",
    "Which country's tax rules apply to you? Deductions vary a lot.",
]
OPENERS = ["", "", "Sure! ", "Certainly. ", "Good question. ", "Here you go. ", "Of course. ", "Happy to help. "]
CLOSERS = ["", "", " Hope that helps!", " Let me know if you need more detail.", " Good luck!", " Happy to expand."]
# fmt: on
