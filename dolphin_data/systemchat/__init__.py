"""SystemConversations: build the system-prompt set and validate any file against the "SYSTEM MESSAGE" bug.

- ``rules``: the rule families gathered in stage order, one module each: ``structure``, ``sentinel``, ``leak``
  (patterns in ``leak_patterns``), ``directives`` (patterns in ``directive_patterns``), plus ``repair`` (cut a
  leaking sentence when the rest stands) and ``base`` (the ``Finding`` type, the batch's turn columns, the polars
  and regex scanners). Each family has a batch function over the turn columns and a per-conversation function
  that is the same call on one conversation.
- ``stage``: the ``systemchat_validate`` stage (reject / repair) and the ``systemchat_guard`` stage (adds the
  model card's guard sentence to a seeded share of system prompts).
- ``build``: ``dolphin-data systemchat build RECIPE``: the set from the recipe's systemchat source (+ opted-in
  sources that carry a real system prompt).
- ``report``: counts per rule with examples, repairs, system-prompt statistics, leakage rate before and after,
  from a bounded, mergeable per-source summary of the stage's outputs (no rule runs again).
"""
