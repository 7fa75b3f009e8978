"""Intent rules for the ways citizens really ask: stories, colloquial German, typos and non-native English."""

import pytest

from assistant.intents import detect_intents, is_yes_no


@pytest.mark.parametrize("question, intents", [
    # a story: only the asking sentence counts, the story's "abgelaufen" does not make it a deadline question
    ("Meine Tochter ist 19 und ihr Ausweis ist abgelaufen. Mit wie viel muss ich für den neuen rechnen?", ["kosten"]),
    ("Mein Reisepass ist abgelaufen. Schaff ich das noch rechtzeitig mit einem neuen?", ["bearbeitungszeit"]),
    ("Kriege ich so einen Ersatzausweis direkt am selben Tag?", ["bearbeitungszeit"]),
    ("brauch ne meldebescheinigung, krieg ich die gleich mit?", ["unterlagen", "bearbeitungszeit"]),
    ("wie lang warte ich auf nen termin im bürgerbüro", ["bearbeitungszeit"]),
    ("Kann ich heute am Wahltag noch irgendwie wählen?", ["fristen"]),
    ("Zu welchem Zeitpunkt sollte der Antrag gestellt werden?", ["fristen"]),
    ("My residence permit finish next month. When I must make the application?", ["fristen"]),
    ("online ausweis ab welchem alter", ["voraussetzungen", "online"]),
    ("muss ich begründen warum ich nicht will dass parteien meine adresse kriegen?", ["voraussetzungen"]),
    ("Kann ich trotzdem einen Bewohnerparkausweis bekommen?", ["voraussetzungen"]),
    ("ziehe um und hab ein auto, muss ich da extra was machen?", ["ablauf"]),
    ("Passport new, I must give fingerprints also? How is it going?", ["ablauf"]),
    ("termin bürgerbüro buchen", ["ablauf"]),
    ("Was muss ich bei der Stadt vorlegen, um seine neue Anschrift zu bekommen?", ["unterlagen"]),
    ("Was zahle ich für die Ummeldung?", ["kosten"]),
    ("bürgergeld höhe single", ["kosten"]),
    ("auto onlien zulassen geht das", ["online"]),
    ("meldebescheinigung online runterladen", ["online"]),
    ("ausländerbehörde telefon zeiten", ["oeffnungszeiten", "zustaendig"]),
    ("Wer beglaubigt eine Unterschrift unter einem Vertrag?", ["zustaendig"]),
    ("Wer bekommt Wohngeld?", ["voraussetzungen"]),
])
def test_intents_of_real_questions(question, intents):
    assert detect_intents(question) == intents


def test_story_without_an_asking_sentence_uses_the_whole_text():
    assert detect_intents("Mein Ausweis ist abgelaufen. Ich brauche einen neuen, was kostet das.") == ["kosten", "fristen"]


@pytest.mark.parametrize("question, expected", [
    ("kann ich meine geburtsurkunde im bürgerbüro beglaubigen lassen?", True),
    ("Er ist einverstanden, kommt aber nicht mit. Geht das so?", True),
    ("Is the office open on Friday?", True),
    ("Was kostet das?", False),
    ("Wie geht das?", False),
    ("Personalausweis", False),
])
def test_yes_no_questions(question, expected):
    assert is_yes_no(question) is expected


def test_asking_what_document_one_gets_is_not_asking_what_to_bring():
    assert "unterlagen" not in detect_intents("Welches Dokument erhalte ich bei der Abmeldung ins Ausland?")
    assert detect_intents("Welche Dokumente brauche ich?") == ["unterlagen"]


@pytest.mark.parametrize("question, intent", [
    ("Perso beantragt – wie lange bis fertig?", "bearbeitungszeit"),
    ("Wie lange dauert es, bis der neue Pass abholbereit ist?", "bearbeitungszeit"),
    ("When is my passport ready to pick up?", "bearbeitungszeit"),
    ("Wie viel Zeit hab ich fürs Ummelden?", "fristen"),
    ("How many days I have to register?", "fristen"),
    ("Was ist mitzubringen?", "unterlagen"),
    ("Welche Nachweise sind vorzulegen?", "unterlagen"),
    ("what I need to bring for the passport", "unterlagen"),
])
def test_everyday_phrasings_of_time_deadline_and_documents(question, intent):
    from assistant.intents import detect_intents

    assert intent in detect_intents(question)


def test_how_much_time_is_not_a_question_about_cost():
    from assistant.intents import detect_intents

    assert "kosten" not in detect_intents("Wie viel Zeit habe ich für die Anmeldung?")
    assert "kosten" in detect_intents("Wie viel kostet der Reisepass?")
