"""Flesch-Amstad and Wiener Sachtextformel with cached syllables equal textstat's own functions, bit for bit."""

import pytest
import textstat

from assistant.readability import flesch_amstad, plain_text, readability, wiener_sachtextformel

TEXTS = [
    "Der Personalausweis kostet 37 Euro [1]. Sie bekommen ihn nach etwa drei Wochen [1].",
    "Bringen Sie mit [1]:\n- Ihren alten Ausweis [1].\n- Ein biometrisches Passfoto [1].",
    "Wenden Sie sich an: Bürgerservice, Rathaus Krefeld, Von-der-Leyen-Platz 1 [1]. https://www.krefeld.de",
    "Die Grundbesitzabgabenfestsetzung erfolgt jährlich durch Bescheid; Säumniszuschläge gemäß § 240 AO.",
    "Ja. Nein. Vielleicht.",
    "İstanbul 'S don't rock'n'roll ẞ Straße - - ...",
    "...",
]


@pytest.fixture(scope="module")
def reference():
    ts = textstat.textstat.__class__()
    ts.set_lang("de")
    return ts


@pytest.mark.parametrize("answer", TEXTS)
def test_scores_equal_textstat(reference, answer):
    for text in (answer, plain_text(answer)):
        assert repr(flesch_amstad(text)) == repr(reference.flesch_reading_ease(text))
        assert repr(wiener_sachtextformel(text)) == repr(reference.wiener_sachtextformel(text, 1))


def test_readability_of_an_answer():
    scores = readability(TEXTS[0])
    assert set(scores) == {"flesch_amstad", "wiener_sachtextformel", "lix"}
    assert readability("Ja [1].") == {}
