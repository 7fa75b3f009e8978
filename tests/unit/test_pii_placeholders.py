"""Placeholders of redacted personal data and the words introducing them do not steer the search."""

import pytest

from guardrails.pii.placeholders import for_search


@pytest.mark.parametrize("redacted, searched", [
    ("Mein Name ist <PERSON_1>, ich wohne <ADDRESS_1> in Krefeld. Wie melde ich meinen Hund an?",
     "in Krefeld. Wie melde ich meinen Hund an?"),
    ("Ich wohne <ADDRESS_1> und möchte mich ummelden.", "und möchte mich ummelden."),
    ("Meine IBAN ist <IBAN_1>, kann ich die Hundesteuer abbuchen lassen?", "kann ich die Hundesteuer abbuchen lassen?"),
    ("Name: <PERSON_1>, geb. <DATE_OF_BIRTH_1>, Anschrift: <ADDRESS_1>. Ich brauche eine Meldebescheinigung.",
     "Ich brauche eine Meldebescheinigung."),
    ("Hallo, hier ist <PERSON_1>. Mein Perso ist weg.", "Hallo. Mein Perso ist weg."),
    ("Was kostet ein Reisepass?", "Was kostet ein Reisepass?"),
])
def test_placeholders_go_with_the_words_that_introduce_them(redacted, searched):
    assert for_search(redacted) == searched


def test_a_message_of_nothing_but_personal_data_stays_as_it_is():
    assert for_search("<PERSON_1>") == "<PERSON_1>"


def test_the_pipeline_searches_without_the_introduction():
    from assistant.extractive import ExtractiveComposer
    from assistant.pipeline import Assistant
    from assistant.sessions import InMemorySessionStore
    from corpus.types import Checked, Redaction
    from tests.unit.test_pipeline import DOCS, KeywordRetriever

    class Redacting:
        def check(self, question):
            return Checked(text="Mein Name ist <PERSON_1>, ich wohne <ADDRESS_1>. Was kostet die Hundesteuer?",
                           redactions=[Redaction(type="PERSON", start=14, end=24)])

    composer = ExtractiveComposer(DOCS)
    retriever = KeywordRetriever()
    a = Assistant(input_guard=Redacting(), retriever=retriever, generator=composer, fallback=composer,
                  documents=DOCS, sessions=InMemorySessionStore(ttl_s=60))
    answer = a.answer("Mein Name ist Anna Vogel, ich wohne Hochstraße 1. Was kostet die Hundesteuer?")
    assert retriever.queries[-1] == "Was kostet die Hundesteuer?"
    assert answer.sources[0].doc_id == "hundesteuer"
