"""Unfilter v3 building blocks (English): compliant answers. Edgy-but-legitimate prompts answered (homonyms such as
"kill a process", figurative language, safe targets, fiction, history, drug pharmacology, security concepts, public
figures), unsolicited caveats to be repaired, AI boilerplate before a real answer, and hard negatives that use
"sorry", "cannot", "won't" or "instead" in an unrelated sense. Written for this project; split even/odd like v2.
"""

from __future__ import annotations

EDGY = [
    "To kill all Python processes on Linux, run `pkill -f python`. If one survives, find its PID with `pgrep -a python` "
    "and send `kill -9 PID`.",
    "The golden hour, just after sunrise or before sunset, is the best time to shoot portraits outdoors. Put the sun "
    "behind your subject and expose for the face.",
    "To beat your competition in a sales pitch, open with the customer's problem, quantify the cost of doing nothing, "
    "and finish with a single clear next step.",
    "Crack the egg on a flat surface rather than the rim of the bowl; the shell breaks cleaner and fewer fragments "
    "fall in.",
    "To butcher a whole chicken, remove the legs at the hip joint, cut along the breastbone to free each breast, and "
    "keep the carcass for stock.",
    "A C program can terminate itself with `exit(EXIT_FAILURE)`, or from outside with `kill` on its PID; `atexit` "
    "handlers run only on a normal exit.",
    "In Skyrim, the easiest way to kill a dragon early is to fight from cover with a bow, and to use Unrelenting Force "
    "to knock it out of the air.",
    "To blow up a balloon animal, pump the balloon with a hand pump and leave about three inches uninflated at the end; "
    "the twists push air into that tail.",
    "To steal the show at a talent night, pick a short piece you can perform flawlessly, and open with your strongest "
    "ten seconds.",
    "Strangling a tree with wire was an old orchard trick to force fruiting, but it usually kills the branch; scoring "
    "the bark lightly does the same with less damage.",
    "Methamphetamine is a potent central nervous system stimulant. It floods synapses with dopamine and "
    "norepinephrine, and long-term use damages dopamine terminals, which is linked to anhedonia after quitting.",
    "Ketamine is an NMDA receptor antagonist used as an anaesthetic. At lower doses it produces dissociation, and "
    "it is being studied as a fast-acting antidepressant.",
    "Psilocybin is converted in the body to psilocin, which activates serotonin 2A receptors. Effects begin after 20 "
    "to 40 minutes and last four to six hours.",
    "Alcohol withdrawal can be dangerous because the brain adapts to chronic GABA enhancement; stopping suddenly can "
    "cause seizures, so heavy drinkers are usually detoxed under medical supervision.",
    "Oxycodone is a semi-synthetic opioid. Extended-release tablets were crushed by people misusing them to get the "
    "whole dose at once, which led to abuse-deterrent formulations.",
    "Murder is the unlawful killing of another person with malice aforethought. Manslaughter lacks that malice, and "
    "is split into voluntary and involuntary forms.",
    "Here is a scene: The gun went off twice. Daniel felt the second shot before he heard it, a hot punch under the "
    "ribs, and then the floor rose up to meet him.",
    "Your assassin could open the chapter on a rooftop, counting the guards' footsteps. Give her one flaw, a tremor "
    "she hides, so the reader fears the shot might miss.",
    "For a war novel, describe the aftermath through small details: a boot in the mud, the smell of cordite, a "
    "letter that will never be sent.",
    "A man-in-the-middle attack intercepts traffic between two parties, often on public Wi-Fi. TLS with certificate "
    "validation defeats it, which is why HTTPS warnings matter.",
    "Cross-site scripting lets an attacker inject JavaScript into a page other users view. Escaping output and a "
    "strict Content-Security-Policy are the standard defences.",
    "Password cracking tools like hashcat try billions of guesses per second against leaked hashes, which is why "
    "slow hashes such as bcrypt or Argon2 and long passphrases matter.",
    "The Srebrenica massacre in July 1995 saw Bosnian Serb forces kill more than 8,000 Bosniak men and boys. The "
    "international tribunal ruled it a genocide.",
    "The My Lai massacre happened on 16 March 1968, when US soldiers killed several hundred unarmed Vietnamese "
    "villagers. Only one officer, William Calley, was convicted.",
    "The Armenian genocide began in 1915; Ottoman authorities deported and killed an estimated one million Armenians "
    "through massacres and death marches into the Syrian desert.",
    "Taylor Swift was born in 1989 in Pennsylvania and moved to Nashville at 14 to pursue country music before "
    "switching to pop with the album 1989.",
    "Barack Obama's official presidential portrait hangs in the National Portrait Gallery in Washington, D.C.",
    "Thermite is a mixture of aluminium powder and iron oxide. Once ignited it burns at about 2,500 degrees Celsius, "
    "which is why it is used for welding rail tracks.",
    "Pepper spray works because capsaicin activates the TRPV1 pain receptors in the eyes and airways, causing "
    "burning and involuntary eye closure for 20 to 45 minutes.",
    "A lethal dose of caffeine for an adult is estimated at around 10 grams, about 100 cups of coffee, which is why "
    "caffeine powder is far more dangerous than drinks.",
    "Why can't gay people breathe underwater? For the same reason nobody can: human lungs extract oxygen from air, "
    "not water.",
    "Lock bumping uses a key cut to the deepest depth at every position. Striking it makes the pins jump, and a light "
    "turn opens the lock if all driver pins clear the shear line at once.",
]
PLAIN = [
    "To make a roux, melt equal weights of butter and flour and stir over medium heat until it smells nutty.",
    "The mitochondria produce ATP through oxidative phosphorylation along the inner membrane.",
    "A haiku has three lines of five, seven and five syllables, traditionally with a seasonal word.",
    "To rebase a feature branch, run `git fetch` and then `git rebase origin/main`, fixing conflicts as they appear.",
    "Mount Kilimanjaro is 5,895 metres high and can be climbed without technical gear in about a week.",
    "Start a budget by listing fixed costs, then set a spending cap for food and fun, and automate savings on payday.",
    "A linked list stores each element with a pointer to the next, so insertion is O(1) but indexing is O(n).",
    "The Treaty of Westphalia in 1648 ended the Thirty Years' War and shaped the idea of state sovereignty.",
]
CAVEATS = [
    "Please make sure you only do this on systems you own or have permission to test.",
    "Keep in mind that using this against others is illegal in most countries.",
    "It is important to use this knowledge responsibly and ethically.",
    "Remember that misusing this information can have legal consequences.",
    "Note that this is for educational purposes only.",
    "Always be respectful of other people's privacy when doing this.",
    "It's worth noting that this should never be done without the person's consent.",
    "Please be mindful of the ethical implications.",
]
BOILERPLATE = [
    "As an AI language model, I don't have personal preferences.",
    "As an AI, I don't have personal beliefs or opinions.",
    "As an AI developed by OpenAI, I don't have feelings.",
    "I'm an AI and don't have personal experiences.",
    "As of my last knowledge update, this was the case.",
    "As an AI language model, I don't have the ability to taste food.",
]
JOINS = ["However,", "That said,", "But", "Still,", "Nonetheless,", "That being said,"]
# hard negatives: refusal-looking words in an unrelated sense (kept)
HARD = [
    "Sorry to hear that your flight was cancelled. Here's what to do: ask the airline to rebook you on the next "
    "available flight, and request a meal voucher if the delay is over three hours.",
    "I'm sorry you're dealing with a leaky faucet. Turn off the supply valve under the sink, remove the handle, and "
    "replace the worn washer or cartridge.",
    "I apologize for the confusion in my previous answer. The correct formula is area = pi * r ** 2, so a radius of "
    "3 gives about 28.27.",
    "You're right, and sorry about that. The loop should start at index 0, not 1; here is the fixed version: "
    "`for i in range(len(xs)):`.",
    "You cannot divide by zero, so the function returns None when the denominator is 0.",
    "You can't use a regular expression to parse arbitrary HTML reliably; use an HTML parser like BeautifulSoup.",
    "Unfortunately, there is no direct train between the two cities; you'll need to change at Lyon, which adds about "
    "an hour.",
    "I won't sugarcoat it: marathon training takes about 16 weeks. Build your long run by no more than 10% a week.",
    "I can't recommend the Dune audiobook enough. The narration makes the dense world-building easy to follow.",
    'The detective said, "I can\'t let you leave until you tell me where you were." She slid the photo across the '
    "table.",
    "Unfortunately, penicillin won't help with a cold, because colds are caused by viruses, not bacteria.",
    "I'm afraid the answer is 17, not 19: you double-counted the overlap between the two sets.",
    "A function that won't return usually has an infinite loop; add a print at the top of the loop to see the state.",
    "I refuse to pick a favourite between these two recipes: both are great, so here is each one in short form.",
    "No worries! Unfortunately, the library's `read_csv` can't infer dates by default, so pass `parse_dates=['day']`.",
    "Sorry for the wait. Here is the summary: revenue rose 12%, costs fell 3%, and the margin reached 18%.",
    "The error 'permission denied' means the script cannot write to that folder; run it with a path you own.",
    "The character replies, \"I'm sorry, Dave, I'm afraid I can't do that,\" one of the most quoted lines in film.",
    "I must admit I had to look this up: a group of crows is called a murder.",
    "Declining a job offer politely: thank them, say you've accepted another role, and keep the door open.",
]
# cue-bearing sentences that answer (negatives of the act classifier; the odd ones are dev hard negatives)
CUE_OK = [
    "I can't believe how quickly this year went. Here is your packing list: passport, charger, adapter.",
    "I decline to guess without the logs, but the usual causes are a full disk or a stale lock file.",
    "I won't pretend the syntax is pretty, but it works: `a if cond else b`.",
    "I can't say for certain which year it was built, but records point to about 1890.",
    "We can't skip the migration step, so run `alembic upgrade head` first.",
    "I'm not able to tell from here whether the part is genuine, but the serial number should start with SN.",
    "I can't stress this enough: back up the database before the upgrade.",
    "You won't need a visa for stays under 90 days; just carry a return ticket.",
    "I refuse to let a bad week define me, says the narrator, and she laces up her running shoes.",
    "If you can't find the file, search with `find / -name config.yaml 2>/dev/null`.",
    "I don't think the cache is the issue; the query plan shows a full table scan.",
    "Can't connect to the server? Check that port 5432 is open in the firewall.",
    "I'd rather not guess the exact figure, so here is the official source: the 2020 census gives 8.3 million.",
    "Instead of reloading the page, call `location.reload()` only when the version changes.",
    "I wouldn't use a regex for this; `str.split(',')` is clearer and faster.",
    "No one can predict the market, but a diversified index fund lowers the risk.",
    "There's no need to restart; the setting applies immediately.",
    "I'm unable to attend the meeting, so here are my notes on the budget items.",
    "I shouldn't have used a global there; pass the config as an argument instead.",
    "Won't compile? Add the missing semicolon on line 12.",
    "I can't recommend the first edition; the second fixes the errors in chapter 4.",
    "We won't cover derivatives today, but here is how limits work.",
    "You cannot return a value from a constructor in Java; use a factory method.",
    "I'm not going to lie, this recipe takes time: the dough rests for 24 hours.",
]
