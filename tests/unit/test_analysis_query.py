"""Query-side analysis: separable verbs, deictic time, filler and light words, weights of compound parts."""

import numpy as np
import pytest

from retrieval.analysis import COMPOUND_PART_WEIGHT, GermanAnalyzer
from retrieval.bm25 import Bm25Index
from retrieval.query import LIGHT_WEIGHT, clauses, separable_verb, story_words

A = GermanAnalyzer()


def t(word: str) -> str:
    return A.analyze(word)[0]


@pytest.mark.parametrize("sentence, verb", [
    ("Mein Ausweis läuft nächsten Monat ab", "ablaufen"),
    ("Ich mache meinen Laden zu", "zumachen"),
    ("ich zieh innerhalb von Krefeld um", "umziehen"),
    ("Wie melde ich mich ab", "abmelden"),
])
def test_separable_verb_is_joined_with_its_particle(sentence, verb):
    (clause,) = clauses(sentence)
    assert separable_verb(clause)[1] == verb


def test_no_joining_without_a_particle_at_the_clause_end():
    (clause,) = clauses("ich ziehe nach Krefeld")
    assert separable_verb(clause) is None
    assert separable_verb(["ab"]) is None


def test_clauses_split_at_punctuation():
    assert clauses("Ich ziehe um, von Uerdingen nach Bockum. Muss ich?") == [
        ["ich", "ziehe", "um"], ["von", "uerdingen", "nach", "bockum"], ["muss", "ich"]]


def test_joined_verb_replaces_the_bare_one_in_the_query():
    weights = A.weigh_query("Mein Ausweis läuft nächsten Monat ab")
    assert t("ablaufen") in weights and t("laufen") not in weights


def test_deictic_time_is_dropped_but_a_bare_time_word_stays():
    weights = A.weigh_query("Ich brauche nächste Woche einen Termin, gestern ging es nicht")
    assert t("Woche") not in weights and t("gestern") not in weights and t("Termin") in weights
    assert t("Monat") in A.weigh_query("Elterngeld wie viele Monate")
    assert t("month") not in A.weigh_query("I leave next month") and "month" not in A.weigh_query("I leave next month")


def test_question_fillers_are_dropped():
    weights = A.weigh_query("wann kriege ich endlich den Bescheid")
    assert "wann" not in weights and t("endlich") not in weights and t("Bescheid") in weights


def test_light_words_weigh_less_than_the_need():
    weights = A.weigh_query("Was muss ich in Krefeld machen, Hundesteuer")
    assert weights[t("Krefeld")] == pytest.approx(LIGHT_WEIGHT)
    assert weights[t("Hundesteuer")] == 1.0
    assert dict(story_words(["krefeld", "hund"])) == {"krefeld": LIGHT_WEIGHT, "hund": 1.0}


def test_compound_parts_count_less_than_the_whole_word():
    weights = A.weigh_query("Hundesteuer")
    assert weights[t("Hundesteuer")] == 1.0
    assert COMPOUND_PART_WEIGHT < 1.0 and weights[t("Hund")] == pytest.approx(COMPOUND_PART_WEIGHT)


@pytest.mark.parametrize("query, official", [
    ("wie krieg ich nen neuen", "bekommen"),
    ("Ich mache meinen Laden zu", "schließen"),
    ("mein Vater ist gestorben", "Sterbefall"),
    ("Ich ziehe nach Spanien", "Ausland"),
    ("alte Waschmaschine loswerden", "Elektrogerät"),
    ("I buy used car, which papers?", "gebraucht"),
    ("Is the car registration office open on Friday?", "Zulassung"),
    ("Is the car registration office open on Friday?", "Freitag"),
    ("Benutzt das Amt ChatGPT?", "künstliche Intelligenz"),
])
def test_everyday_words_bring_the_official_ones(query, official):
    assert set(A.analyze(official)) <= set(A.weigh_query(query))


def test_analyze_query_lists_the_weighted_terms():
    assert A.analyze_query("Hundesteuer Krefeld") == list(A.weigh_query("Hundesteuer Krefeld"))


def test_bm25_weights_scale_term_contributions():
    index = Bm25Index.build([["hund", "steu"], ["krefeld", "amt"], ["hund", "krefeld"]])
    ids, scores = index.search(["hund", "krefeld"], 3)
    assert ids[0] == 2
    ids_w, scores_w = index.search({"hund": 1.0, "krefeld": 0.5}, 3)
    assert set(ids_w[:2]) == {0, 2} and ids_w[-1] == 1
    only_krefeld = dict(zip(*index.search({"krefeld": 1.0}, 3)))
    half = dict(zip(*index.search({"krefeld": 0.5}, 3)))
    assert all(np.isclose(half[i], only_krefeld[i] / 2) for i in only_krefeld)
    assert len(index.search({"krefeld": 0.0}, 3)[0]) == 0


def test_dative_time_and_since_date_the_story():
    weights = A.weigh_query("Mein Personalausweis ist seit letztem Monat abgelaufen")
    assert t("Personalausweis") in weights
    assert not {t("seit"), t("letztem"), t("Monat")} & set(weights)


def test_english_words_the_index_does_not_know_are_dropped_with_a_vocabulary():
    vocabulary = {t("Personalausweis"), t("Krefeld"), "ausland", "tag"}
    query = "I am new in Krefeld since two days. Can I make Personalausweis already now? Spain"
    weights = A.weigh_query(query, vocabulary)
    assert t("Personalausweis") in weights and "ausland" in weights  # glossary: country -> Ausland
    assert not {"myself", "two", "already", "spain", "sinc"} & set(weights)
    # Without a vocabulary nothing is dropped for being English ("two" stays as a term).
    assert t("two") in A.weigh_query("two Personalausweis")


@pytest.mark.parametrize("question, expected", [
    ("Die Nachbarn drehen die Mucke voll auf", "ruhestörung"),
    ("Nachbarn machen nachts Krach", "lärm"),
    ("Wohin mit alten Farbeimern?", "schadstoffe"),
    ("Street lamp near my house is broken", "laterne"),
    ("Ich hab ein Blitzerfoto bekommen", "bußgeld"),
    ("Ich möchte ein Café eröffnen", "gewerbe"),
    ("Hundesteuer Kampfhund?", "gefährlich"),
    ("Gibt es für übergangsweise einen Ausweis?", "vorläufig"),
    ("Ich brauche einen Notausweis", "vorläufig"),
])
def test_everyday_words_reach_the_documents_words(question, expected):
    assert t(expected) in A.weigh_query(question)


@pytest.mark.parametrize("question, into", [
    ("Ich bin nach Krefeld gezogen, was muss ich tun?", True),
    ("Wie meld ich mich an, wenn ich grad nach Krefeld gezogen bin?", True),
    ("Wir ziehen im Mai aus Düsseldorf nach Krefeld", True),
    ("Umzug nach Krefeld, was ist zu erledigen?", True),
    ("Ich ziehe von Krefeld nach Köln", False),  # moving away
    ("Innerhalb von Krefeld umgezogen", False),  # within the city: Ummeldung
    ("Wir fahren am Sonntag nach Krefeld in den Zoo", False),  # no move
])
def test_moving_to_the_city_asks_for_the_registration(question, into):
    assert (t("zuzug") in A.weigh_query(question)) is into


@pytest.mark.parametrize("question, official, present", [
    ("Where do I get a parking permit for residents?", "bewohnerparkausweis", True),
    ("I am a resident of Krefeld and need a new ID card", "bewohnerparkausweis", False),
    ("How can I become a German citizen?", "einbürgerung", True),
    ("Where is the citizen service office?", "einbürgerung", False),
    ("My bin was not emptied", "abfuhr", True),
])
def test_english_words_that_mean_one_thing_together(question, official, present):
    assert (t(official) in A.weigh_query(question)) is present
