"""Which sentences the composer picks on the shipped corpus: the answer to what is asked, wherever it stands."""

from pathlib import Path

import pytest

from assistant.checks import check_grounding
from assistant.extractive import ExtractiveComposer, _names_office
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


def test_duration_question_picks_the_duration_sentences_not_the_topic_words():
    text = answer("Mein Reisepass ist abgelaufen, Abflug in drei Wochen. Schaff ich das noch rechtzeitig?",
                  "reisepass-beantragen")
    assert "4 bis 6 Werktagen" in text and "3 bis 6 Wochen" in text


def test_opening_hours_are_found_outside_the_contact_section():
    assert "8 bis 18 Uhr" in answer("wann haben die wahllokale am wahltag offen", "briefwahl")


def test_named_age_picks_the_fee_of_its_age_range():
    text = answer("Meine Tochter ist gerade 19 geworden. Mit wie viel muss ich für ihren Personalausweis rechnen?",
                  "personalausweis-beantragen")
    assert "27,60 Euro" in text and "46,00 Euro" not in text


def test_named_age_picks_the_amount_of_its_age_band():
    assert "299,00 Euro" in answer("unterhaltsvorschuss für ein kind mit 8 jahren wie viel?", "unterhaltsvorschuss")


def test_a_list_item_is_shown_with_its_intro():
    text = answer("Bekommen Parteien meine Adresse für Wahlwerbung?", "auskunftssperre")
    # two items of the same list: the intro once, then the items (not the intro repeated before each)
    assert "weitergibt an [1]:\n- Parteien vor Wahlen (für Wahlwerbung) [1].\n- Adressbuchverlage [1]." in text
    assert text.count("weitergibt an") == 1


def test_word_pair_with_function_word_finds_the_sentence():
    assert "Wartemarken" in answer("kann man ins bürgerbüro auch einfach ohne termin gehen?", "termin-buergerservice")


@pytest.mark.parametrize("question, doc_id, fact", [
    ("ziehe innerhalb von krefeld um und hab ein auto, muss ich da extra was machen?", "wohnsitz-ummelden",
     "Zulassungsstelle"),
    ("Wer beglaubigt eine Unterschrift unter einem Vertrag, der nicht für eine Behörde bestimmt ist?", "beglaubigung",
     "Notar"),
])
def test_colloquial_words_meet_the_documents_words(question, doc_id, fact):
    assert fact in answer(question, doc_id)


def test_yes_no_question_without_topic_is_answered_from_the_conditions():
    text = answer("kann ich meine geburtsurkunde im bürgerbüro beglaubigen lassen?", "beglaubigung")
    assert "neue Urkunde beim Standesamt" in text


def test_an_intent_section_gives_up_to_four_sentences():
    text = answer("meldebescheinigung online runterladen?", "meldebescheinigung")
    assert "86-1610" in text


def test_contact_line_is_added_only_when_the_answer_does_not_say_where_to_go():
    plain = answer("Was kostet der Personalausweis ab 24 Jahren?", "personalausweis-beantragen")
    assert plain.splitlines()[-1].startswith("Wenden Sie sich an: Stadt Krefeld, Fachbereich Bürgerservice")
    office = "Stadt Krefeld, Fachbereich Bürgerservice"
    assert _names_office("Für die Abmeldung ist die Stadt Krefeld zuständig.", office)
    assert _names_office("Gehen Sie zum Fachbereich Bürgerservice im Rathaus.", office)
    assert not _names_office("Die Abmeldung ist kostenlos.", office)


def test_items_of_one_list_picked_for_the_question_share_one_intro():
    text = answer("Mein Nachbar lässt seinen Hund den ganzen Tag bellen", "ordnungsamt-kontakt")
    assert text.count("hilft zum Beispiel bei diesen Problemen") <= 1
