"""Intents, text units, grounding checks, follow-ups, sessions, readability and messages."""

import pytest

from assistant.checks import check_grounding, sentences
from assistant.followup import condense, is_followup
from assistant.intents import detect_intents
from assistant.messages import MESSAGES, message
from assistant.readability import plain_text, readability
from assistant.sessions import InMemorySessionStore, Session
from assistant.textunits import units
from evals.answers_eval import citations_valid, percentile


@pytest.mark.parametrize("question, intents", [
    ("Was kostet ein Perso?", ["kosten"]),
    ("wieviel muss ich für den reisepass zahlen", ["kosten"]),
    ("Welche Unterlagen brauche ich für die Anmeldung?", ["unterlagen"]),
    ("Wie lange dauert ein Reisepass?", ["bearbeitungszeit"]),
    ("Wo kann ich Sperrmüll anmelden?", ["zustaendig"]),
    ("Geht das auch online?", ["online"]),
    ("Bis wann muss ich mich ummelden?", ["fristen"]),
    ("Was ist ein Bewohnerparkausweis?", []),
    ("Wie beantrage ich Wohngeld?", ["ablauf"]),
    ("Wann hat das Bürgerbüro geöffnet?", ["oeffnungszeiten"]),
    ("Wer bekommt Wohngeld?", ["voraussetzungen"]),
    ("Was kostet das und was muss ich mitbringen?", ["unterlagen", "kosten"]),
])
def test_intents(question, intents):
    assert detect_intents(question) == intents


def test_units_split_lists_and_sentences():
    text = "Bringen Sie mit:\n\n- den Ausweis,\n- ein Foto.\n\nDas kostet 10 Euro. Es geht schnell."
    assert units(text) == [("Bringen Sie mit:", False), ("den Ausweis,", True), ("ein Foto.", True),
                           ("Das kostet 10 Euro.", False), ("Es geht schnell.", False)]


SUPPORT = {1: "Der Personalausweis kostet ab 24 Jahren 46,00 Euro. Den Antrag stellen Sie im Bürgerbüro."}


def test_grounded_answer_passes():
    r = check_grounding("Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1].", SUPPORT)
    assert r.ok and r.cited == [1]


@pytest.mark.parametrize("text, problem", [
    ("Der Personalausweis kostet ab 24 Jahren 99,00 Euro [1].", "unsupported"),
    ("Den Antrag stellen Sie beim Finanzamt per Brieftaube und Fax [1].", "unsupported"),
    ("Der Personalausweis kostet ab 24 Jahren 46,00 Euro [3].", "invalid_citations"),
    ("Der Personalausweis kostet ab 24 Jahren 46,00 Euro.", "uncited"),
])
def test_grounding_flags(text, problem):
    r = check_grounding(text, SUPPORT)
    assert not r.ok and getattr(r, problem)


def test_sentences_from_lists():
    assert sentences("Intro:\n- Eins [1].\n- Zwei. Drei [1].") == ["Intro:", "Eins [1].", "Zwei.", "Drei [1]."]


@pytest.mark.parametrize("q, expected", [
    ("Und was kostet das?", True), ("Geht das auch online?", True), ("Und für mein Kind?", True),
    ("Wie lange dauert das?", True), ("Was kostet ein Reisepass?", False), ("Wo ist das Fundbüro?", False),
    ("Wie melde ich meinen Hund an?", False),
])
def test_followup_detection(q, expected):
    assert is_followup(q) is expected


def test_condense():
    assert condense("Und was kostet das?", "Reisepass beantragen") == "Reisepass beantragen: Und was kostet das?"


def test_session_store_lru_and_ttl():
    now = [0.0]
    store = InMemorySessionStore(ttl_s=5, max_sessions=2, clock=lambda: now[0])
    for i in range(3):
        store.put(Session(id=str(i)))
    assert store.get("0") is None and store.get("2") is not None  # LRU evicted the oldest
    now[0] = 6
    assert store.get("2") is None  # expired
    with pytest.raises(ValueError, match="ttl_s must be > 0"):
        InMemorySessionStore(ttl_s=0)


def test_readability_german_and_plain_text():
    r = readability("Sie melden Ihren Hund an [1].\n- Das geht online [1]\n- Es kostet nichts [1].")
    assert set(r) == {"flesch_amstad", "wiener_sachtextformel", "lix"}
    assert "[1]" not in plain_text("a [1]") and plain_text("- Punkt") == "Punkt."
    hard = readability("Die Inanspruchnahme der Verwaltungsdienstleistungsbereitstellungsverordnung erfordert "
                       "grundsätzlich eine vorherige elektronische Identifizierungsberechtigungsüberprüfung.")
    assert hard["lix"] > r["lix"] and hard["wiener_sachtextformel"] > r["wiener_sachtextformel"]


def test_every_message_family_is_german_and_formats():
    assert {k.split(".")[0].split("_")[0] for k in MESSAGES} >= {"answered", "no", "handoff", "error"}
    assert "02151 86-0" in message("no_information")
    assert "2000" in message("error_too_long", limit=2000)
    with pytest.raises(KeyError):
        message("does_not_exist")


def test_eval_helpers():
    assert citations_valid({"answer": "A [1]. B [2].", "sources": [{}, {}]})
    assert not citations_valid({"answer": "A [3].", "sources": [{}]})
    assert not citations_valid({"answer": "A.", "sources": [{}]})
    assert percentile([1, 2, 3, 4, 100], 50) == 3 and percentile([], 95) == 0.0


def test_citation_at_end_of_list_item_covers_its_sentences():
    support = {1: "Buchen Sie einen Termin bei der GSAK. Das geht online oder telefonisch."}
    assert check_grounding("- Buchen Sie einen Termin bei der GSAK. Das geht online oder telefonisch [1].", support).ok
    separate_line = check_grounding("Der Termin bei der GSAK kostet 10 Euro.\nDas geht online [1].", support)
    assert not separate_line.ok and separate_line.uncited == ["Der Termin bei der GSAK kostet 10 Euro."]
