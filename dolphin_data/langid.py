"""Language identification with fastText ``lid.176`` (offline; the model file comes from ``dolphin_data.assets``).

``detect_languages(texts) -> (codes, probs)``: one ISO 639 code ("en", "fr", "zh", ...) and its probability per
text, in one batch call into fastText. fastText predicts per line, so newlines are replaced by spaces first.
``LanguageIdentifier`` loads the model on first use and drops it when pickled, so a stage that holds one can be
shipped to executor processes; each process then loads the (0.9 MB) model once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

LABEL_PREFIX = "__label__"
# fastText settles a language within a few hundred characters; longer texts only cost time (linear in length)
MAX_CHARS = 2000


_BREAKS = str.maketrans(dict.fromkeys("\r\n\u2028\u2029\x0b\x0c\x85", " "))
_LETTER = re.compile(r"[^\W\d_]")


def _clean(texts: list[str], max_chars: int) -> tuple[list[str], np.ndarray]:
    """The first ``max_chars`` of each text with line breaks replaced (fastText would split them into several
    predictions), and which have letters. Plain ``str`` methods: cheaper than a dataframe round trip per batch."""
    cleaned = [(t or "")[:max_chars].translate(_BREAKS) for t in texts]
    return cleaned, np.fromiter((_LETTER.search(t) is not None for t in cleaned), dtype=bool, count=len(cleaned))


class LanguageIdentifier:
    """Batch language id over a lazily loaded fastText model (picklable: the model is not part of the state)."""

    def __init__(self, path: str | Path | None = None, max_chars: int = MAX_CHARS):
        self.path = Path(path) if path is not None else None
        self.max_chars = max_chars
        self._model: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "max_chars": self.max_chars}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.max_chars, self._model = state["path"], state["max_chars"], None

    @property
    def model(self) -> Any:
        if self._model is None:
            import fasttext

            from dolphin_data.assets import lid_model_path

            path = self.path if self.path is not None else lid_model_path()
            self._model = fasttext.load_model(str(path))
        return self._model

    def detect(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        """Top language and its probability for each text; empty or symbol-only texts get ``"und"`` and 0.0."""
        if not texts:
            return [], np.zeros(0, dtype=np.float32)
        cleaned, has_letters = _clean(texts, self.max_chars)
        labels, probs = self.model.f.multilinePredict(cleaned, 1, 0.0, "strict")
        n = len(LABEL_PREFIX)
        codes = [lab[0][n:] if lab else "und" for lab in labels]
        # fastText adds 1e-5 to every softmax output, so a sure prediction can read 1.00003
        p = np.clip(np.array([pr[0] if len(pr) else 0.0 for pr in probs], dtype=np.float32), 0.0, 1.0)
        # fastText still guesses on text with no letters; call that undetermined rather than a language
        for i in np.flatnonzero(~has_letters):
            codes[i], p[i] = "und", 0.0
        return codes, p


_DEFAULT: LanguageIdentifier | None = None


def detect_languages(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """ISO code (from ``__label__xx``) and probability per text, with the bundled ``lid.176`` model."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LanguageIdentifier()
    return _DEFAULT.detect(texts)
