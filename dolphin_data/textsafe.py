"""Data shown to people is shown, never obeyed: text from the records goes into Markdown reports and the terminal
only after ``plain`` (control characters such as ESC, which a terminal would execute, become visible escapes) or
``md`` (``plain``, then Markdown and HTML metacharacters escaped, so a ``<script>`` or a table-breaking ``|`` in a
record is text, not markup)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MD = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def plain(text: str) -> str:
    """``text`` with every control character (ESC, bidi overrides, ...) as a visible ``\\xNN`` / ``\\uNNNN`` escape."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def md(text: str) -> str:
    """``plain(text)`` for a Markdown table cell or line: metacharacters escaped, newlines as spaces, ``&`` kept
    literal (``&amp;``)."""
    return _MD.sub(r"\\\1", plain(text).replace("&", "&amp;").replace("\n", " ").replace("\t", " "))
