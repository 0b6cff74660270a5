"""Error types. The type is the policy: a UserError stops the command with one line (exit 1);
a RecordError is caught per record and becomes a reject with its reason."""

from __future__ import annotations


class DolphinDataError(Exception):
    """Base of every error this package raises on purpose."""


class UserError(DolphinDataError):
    """Bad recipe, option or input file: the CLI prints the message (file, line or path, and the fix) and exits 1."""


class RecipeError(UserError):
    def __init__(self, path: str, message: str, file: str | None = None):
        self.path = path
        self.file = file
        where = f"{file}: " if file else ""
        super().__init__(f"{where}{path}: {message}" if path else f"{where}{message}")


class InputError(UserError):
    """An input file that cannot be read at all (missing, wrong format)."""


class RecordError(DolphinDataError):
    """One record cannot become a valid conversation; ``reason`` is a stable snake_case code."""

    def __init__(self, reason: str, detail: str = ""):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)
