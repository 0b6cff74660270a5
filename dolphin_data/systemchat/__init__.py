"""SystemConversations: build the system-prompt set and validate any file against the "SYSTEM MESSAGE" bug.

- ``rules``: the checks (structure, generator sentinels, system-prompt leakage, mechanical directives), each a
  named function returning ``None`` or a ``Finding`` (reason code + span), plus batch scanners that run one
  compiled regex over a whole batch of turns.
- ``stage``: the ``systemchat_validate`` stage (reject / repair) and the ``systemchat_guard`` stage (adds the
  model card's guard sentence to a seeded share of system prompts).
- ``build``: ``dolphin-data systemchat build RECIPE``: the set from the recipe's systemchat source (+ opted-in
  sources that carry a real system prompt).
- ``report``: counts per rule with examples, system-prompt statistics, leakage rate before and after.
"""
