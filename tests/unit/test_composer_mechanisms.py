"""Composer mechanisms on the shipped corpus: what one gets, a sentence that goes on, the answer's next sentence,
and a counted thing ('ein Hund') in a question without intent."""

from pathlib import Path

from assistant.checks import check_grounding
from assistant.extractive import ExtractiveComposer
from assistant.intents import detect_intents
from assistant.textunits import phrase_pattern, phrases, terms
from corpus.loader import load_corpus
from corpus.types import Passage

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCS = load_corpus(CORPUS).by_id()
COMPOSER = ExtractiveComposer(DOCS)


def answer(question, doc_id):
    d = DOCS[doc_id]
    draft = COMPOSER.generate(question, [Passage(doc_id=doc_id, title=d.title, section="Überblick", snippet="",
                                                 score=1.0, url=d.url, confidence=0.9)])
    assert check_grounding(draft.text, {1: d.body}).ok, draft.text
    return draft.text


def test_asking_what_one_gets_has_its_own_intent():
    assert detect_intents("Welches Dokument erhalte ich bei der Abmeldung ins Ausland?") == ["ergebnis"]
    assert detect_intents("Bekomme ich eine Bestätigung?") == ["ergebnis"]
    assert detect_intents("Was kostet das?") == ["kosten"]


def test_what_one_gets_is_answered_by_the_sentence_that_says_so_first():
    text = answer("Welches Dokument erhalte ich bei der Abmeldung ins Ausland, und wofür benötige ich es?",
                  "wohnsitz-abmelden")
    assert text.startswith("Sie bekommen eine Abmeldebestätigung")


def test_a_sentence_that_goes_on_from_a_chosen_one_comes_along():
    text = answer("kann ich meine karre online abmelden und was kostet das dann?", "fahrzeug-ausser-betrieb-setzen")
    assert "2,70 Euro" in text
    assert "zugelassen wurde [1]. Dafür brauchen Sie die Sicherheitscodes [1]." in text


def test_the_answer_found_elsewhere_brings_its_next_sentence_when_that_answers_too():
    text = answer("I am from Poland, EU citizen. When I can go to register my flat, I need appointment?",
                  "wohnsitz-anmelden")
    assert "ohne Termin vorbei" in text and "8:30 bis 12:00 Uhr" in text


def test_a_counted_thing_meets_its_inflected_form():
    assert phrases("hundesteuer krefeld ein hund") == {"ein hund"}
    assert phrase_pattern("ein hund").search("fuer einen hund: 111,32 euro")
    assert phrase_pattern("zwei hunde").search("bei zwei hunden: 129,47 euro")
    assert not phrase_pattern("ein hund").search("jeder hund")


def test_a_question_without_intent_picks_the_sentence_with_its_detail():
    assert "111,32 Euro" in answer("hundesteuer krefeld ein hund", "hundesteuer")


def test_colloquial_forms_of_stopwords_are_no_terms():
    assert "haben" not in terms("hab ein auto")
