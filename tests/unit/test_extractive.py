"""The extractive composer on the test corpus: direct answer first, lists, citations, ambiguity, gaps."""

from pathlib import Path

from assistant.checks import check_grounding
from assistant.extractive import ExtractiveComposer
from corpus.loader import load_corpus
from corpus.types import Passage

DOCS = load_corpus(Path(__file__).resolve().parent.parent / "data" / "corpus").by_id()
COMPOSER = ExtractiveComposer(DOCS)


def passage(doc_id, section="Überblick", score=1.0, confidence=0.9):
    d = DOCS[doc_id]
    return Passage(doc_id=doc_id, title=d.title, section=section, snippet="", score=score, url=d.url,
                   confidence=confidence)


def grounded(draft):
    support = {n: DOCS[p.doc_id].body for n, p in enumerate(draft.sources, start=1)}
    return check_grounding(draft.text, support)


def test_cost_question_answers_with_fees_and_cites():
    draft = COMPOSER.generate("Was kostet der Perso für meine Tochter, sie ist 19?", [passage("personalausweis-beantragen")])
    assert draft.text.splitlines()[0].startswith("Der Personalausweis kostet")
    assert "27,60 Euro" in draft.text and "[1]" in draft.text
    assert draft.meta["intents"] == ["kosten"] and draft.meta["answered"]
    assert grounded(draft).ok


def test_documents_question_lists_every_item():
    draft = COMPOSER.generate("Was muss ich mitbringen?", [passage("personalausweis-beantragen")])
    lines = draft.text.splitlines()
    assert lines[0] == "Personalausweis beantragen:"
    assert "- Digitales biometrisches Passfoto [1]." in lines and "- Bisheriger Ausweis [1]." in lines
    assert grounded(draft).ok


def test_general_question_starts_with_overview():
    draft = COMPOSER.generate("Hundesteuer", [passage("hundesteuer")])
    assert draft.text.startswith("Wer einen Hund hält, meldet ihn bei der Stadt an [1].")


def test_missing_section_says_so_and_still_helps():
    draft = COMPOSER.generate("Was muss ich mitbringen?", [passage("hundesteuer")])
    assert "steht in meinen Unterlagen zu „Hund anmelden und Hundesteuer“ nichts Genaues" in draft.text
    assert draft.meta["answered"] is False and "[1]" in draft.text


def test_two_close_services_get_a_short_answer_each_and_a_question():
    draft = COMPOSER.generate("Was kostet das?", [passage("personalausweis-beantragen", confidence=0.4),
                                             passage("hundesteuer", score=0.98, confidence=0.39)])
    assert draft.meta["ambiguous"] and len(draft.sources) == 2
    assert "**Personalausweis beantragen**" in draft.text and "**Hund anmelden und Hundesteuer**" in draft.text
    assert "[1]" in draft.text and "[2]" in draft.text and draft.text.rstrip().endswith("nach.")
    assert grounded(draft).ok


def test_clear_winner_is_not_ambiguous():
    draft = COMPOSER.generate("Was kostet das?", [passage("hundesteuer"), passage("personalausweis-beantragen", score=0.5)])
    assert not draft.meta["ambiguous"] and [p.doc_id for p in draft.sources] == ["hundesteuer"]
    confident = COMPOSER.generate("Was kostet das?", [passage("hundesteuer", confidence=0.95),
                                                      passage("personalausweis-beantragen", score=0.99)])
    assert not confident.meta["ambiguous"]


def test_no_passages_gives_no_information():
    draft = COMPOSER.generate("Was kostet das?", [])
    assert "keine verlässliche Information" in draft.text and draft.sources == []


def test_stream_joins_to_the_answer():
    tokens = list(COMPOSER.stream("Was kostet die Hundesteuer?", [passage("hundesteuer")]))
    assert len(tokens) > 3
    assert "".join(tokens) == COMPOSER.generate("Was kostet die Hundesteuer?", [passage("hundesteuer")]).text
