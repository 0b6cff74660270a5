"""Unfilter: remove refusals, moralizing and alignment boilerplate from assistant turns, with reports.

``rules`` (lexicon + regex layers, one vectorised pass), ``stage`` (the ``unfilter`` stage and its policies),
``report`` (report.json, a self-contained HTML page, the terminal view). The fastText refusal classifier lives
in ``classifier``.
"""
