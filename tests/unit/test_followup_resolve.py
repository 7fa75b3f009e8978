"""Follow-up resolution: which questions in a conversation stay with its topic and which start a new one."""

from dataclasses import dataclass, field

import pytest

from assistant.followup import new_topic_marker, resolve
from assistant.sessions import Session
from corpus.types import Passage, Retrieval

TOPIC = Session(id="s", topic="verwarnungsgeld-bussgeld", topic_title="Verwarnungsgeld und Bußgeld",
                history=["Ich habe ein Knöllchen bekommen."])


@dataclass
class ScriptedRetriever:
    """Answers a standalone question with a scripted (doc, confidence); reports a scripted topic overlap."""

    found: tuple[str, float] = ("sperrmuell", 0.9)
    overlap: float | None = None
    min_confidence: float = 0.12
    queries: list[str] = field(default_factory=list)

    def retrieve(self, query, top_k=5, filters=None):
        self.queries.append(query)
        doc, conf = self.found
        passage = Passage(doc_id=doc, title=doc, section="Überblick", snippet="", score=1.0, confidence=conf)
        return Retrieval(query=query, passages=[passage], confident=conf >= self.min_confidence, confidence=conf)

    def topic_overlap(self, text, doc_id):
        return self.overlap


def _query(text, retriever):
    return resolve(text, TOPIC, retriever, switch_confidence=0.5)[0]


@pytest.mark.parametrize("text", [
    "Zahlungsfrist?",                                # an aspect of the topic in one word
    "Wie lange dauert die Bearbeitung in der Regel?",  # aspect words only, no anaphora
    "How much is it per year?",                      # English, no topic of its own
    "Und was kostet das?",
])
def test_aspect_questions_stay_with_the_topic_even_if_some_document_matches_weakly(text):
    r = ScriptedRetriever(found=("unterhaltsvorschuss", 0.3), overlap=1.0)
    assert _query(text, r) == f"Verwarnungsgeld und Bußgeld: {text}"


def test_a_question_that_finds_its_own_service_clearly_switches():
    r = ScriptedRetriever(found=("sperrmuell", 0.95))
    assert _query("Wo melde ich Sperrmüll an?", r) == "Wo melde ich Sperrmüll an?"


def test_a_weakly_found_question_switches_only_when_its_words_are_not_in_the_topic_document():
    unrelated = ScriptedRetriever(found=("baumfaellung", 0.3), overlap=0.0)
    assert _query("Darf ich die Kastanie im Garten fällen?", unrelated) == "Darf ich die Kastanie im Garten fällen?"
    related = ScriptedRetriever(found=("gewerbe-abmelden", 0.3), overlap=1.0)
    assert _query("Welche Gebühr fällt für eine GmbH an?", related).startswith("Verwarnungsgeld und Bußgeld: ")
    # below the gate the question alone finds nothing reliable: the topic is the better reading
    nothing = ScriptedRetriever(found=("baumfaellung", 0.05), overlap=0.0)
    assert _query("Darf ich die Kastanie im Garten fällen?", nothing).startswith("Verwarnungsgeld und Bußgeld: ")


def test_a_retriever_that_cannot_tell_the_overlap_keeps_the_topic():
    r = ScriptedRetriever(found=("baumfaellung", 0.3), overlap=None)
    assert _query("Darf ich die Kastanie fällen?", r).startswith("Verwarnungsgeld und Bußgeld: ")


@pytest.mark.parametrize("text", ["Andere Frage: Wohin mit alten Farbeimern?", "Ganz andere Frage: Schlagloch",
                                  "Neues Thema - Hundesteuer", "Other question: I lost my ID card",
                                  "andere Sache: wie lange dauert ein Reisepass?"])
def test_a_citizen_who_announces_a_new_matter_is_not_held_to_the_old_topic(text):
    assert new_topic_marker(text)
    r = ScriptedRetriever(found=("schadstoffe-elektroschrott", 0.2), overlap=1.0)
    assert _query(text, r) == text
    assert r.queries == []  # no standalone retrieval needed to decide


@pytest.mark.parametrize("text", ["Das heißt, ich muss zahlen?", "Frage: was kostet das?", "Die andere Frist?"])
def test_ordinary_openings_are_no_new_topic_marker(text):
    assert not new_topic_marker(text)


def test_without_a_topic_every_question_is_its_own():
    r = ScriptedRetriever()
    assert resolve("Zahlungsfrist?", Session(id="n"), r, 0.5) == ("Zahlungsfrist?", "Zahlungsfrist?")


def test_a_follow_up_about_a_son_or_daughter_finds_the_childrens_variant():
    from assistant.followup import prefer_variant

    session = Session(id="s", topic="reisepass-beantragen", topic_title="Reisepass beantragen")
    found = Retrieval("q", [
        Passage(doc_id="reisepass-beantragen", title="Reisepass beantragen", section="", snippet="", score=1.0),
        Passage(doc_id="ausweisdokumente-kinder", title="Ausweis für Kinder (Kinderreisepass abgeschafft)",
                section="", snippet="", score=0.8),
    ], True, 0.6)
    for text in ("Und für meine Tochter, 8?", "Und für unseren Sohn?", "Und fürs Baby?"):
        assert prefer_variant(text, session, found).passages[0].doc_id == "ausweisdokumente-kinder", text
    assert prefer_variant("Und was kostet das?", session, found) is found


def test_a_turn_searches_a_query_once_even_when_resolving_searched_it_first():
    from assistant.followup import TurnRetriever

    inner = ScriptedRetriever(found=("sperrmuell", 0.95))
    turn = TurnRetriever(inner, top_k=5)
    query, _ = resolve("Wo melde ich Sperrmüll an?", TOPIC, turn, switch_confidence=0.5)
    assert turn.retrieve(query, top_k=5).passages[0].doc_id == "sperrmuell"
    assert inner.queries == ["Wo melde ich Sperrmüll an?"]
