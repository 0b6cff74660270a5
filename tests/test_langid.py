"""Language id on the real lid.176 model: codes, probabilities, line handling, pickling."""

from __future__ import annotations

import pickle

import numpy as np

from dolphin_data.langid import LanguageIdentifier, detect_languages

SAMPLES = {
    "en": "The library opens at nine in the morning and closes at six in the evening on weekdays.",
    "fr": "La bibliothèque ouvre à neuf heures du matin et ferme à six heures du soir en semaine.",
    "de": "Die Bibliothek öffnet werktags um neun Uhr morgens und schließt um sechs Uhr abends.",
    "es": "La biblioteca abre a las nueve de la mañana y cierra a las seis de la tarde entre semana.",
    "zh": "图书馆在工作日早上九点开门，晚上六点关门。",
    "ru": "Библиотека открывается в девять утра и закрывается в шесть вечера по будням.",
}


def test_detects_each_language_with_high_probability():
    codes, probs = detect_languages(list(SAMPLES.values()))
    assert codes == list(SAMPLES)
    assert probs.dtype == np.float32 and probs.shape == (len(SAMPLES),)
    assert (probs > 0.8).all() and (probs <= 1.0).all()


def test_multiline_text_gives_one_prediction_per_text():
    text = "First line of an English answer.\nSecond line of the same answer.\r\n\nThird line here."
    codes, probs = detect_languages([text, SAMPLES["de"] + "\n" + SAMPLES["de"]])
    assert codes == ["en", "de"]
    assert len(probs) == 2


def test_texts_without_letters_are_undetermined():
    codes, probs = detect_languages(["", "12345 + 678 = ?", SAMPLES["es"]])
    assert codes == ["und", "und", "es"]
    assert probs[0] == 0.0 and probs[1] == 0.0 and probs[2] > 0.8


def test_empty_batch():
    codes, probs = detect_languages([])
    assert codes == [] and probs.shape == (0,)


def test_identifier_is_picklable_and_lazy():
    ident = LanguageIdentifier()
    ident.detect([SAMPLES["en"]])  # loads the model
    blob = pickle.dumps(ident)
    assert len(blob) < 1000  # the model is not in the pickle
    clone = pickle.loads(blob)
    assert clone._model is None
    assert clone.detect([SAMPLES["fr"]])[0] == ["fr"]
