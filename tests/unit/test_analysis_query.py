"""Query-side analysis: separable verbs, the English glossary, weights of compound parts, English words dropped."""

import numpy as np
import pytest

from retrieval.analysis import COMPOUND_PART_WEIGHT, GermanAnalyzer
from retrieval.bm25 import Bm25Index
from retrieval.glossary import english_glossary
from retrieval.query import clauses, separable_verb, story_words

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


def test_story_words_join_the_separable_verb():
    assert story_words(["ich", "melde", "mich", "ab"]) == ["ich", "abmelden", "mich"]
    assert story_words(["krefeld", "hund"]) == ["krefeld", "hund"]


def test_compound_parts_count_less_than_the_whole_word():
    weights = A.weigh_query("Hundesteuer")
    assert weights[t("Hundesteuer")] == 1.0
    assert COMPOUND_PART_WEIGHT < 1.0 and weights[t("Hund")] == pytest.approx(COMPOUND_PART_WEIGHT)


@pytest.mark.parametrize("query, official", [
    ("I buy used car, which papers?", "gebraucht"),
    ("Is the car registration office open on Friday?", "Zulassung"),
    ("Is the car registration office open on Friday?", "Freitag"),
    ("My bin was not emptied", "abfuhr"),
])
def test_english_words_bring_the_german_ones_of_the_glossary(query, official):
    assert set(A.analyze(official)) <= set(A.weigh_query(query))


def test_a_deployment_may_give_its_own_colloquial_words():
    own = GermanAnalyzer(colloquial={"perso": ("personalausweis",)})
    assert t("Personalausweis") in own.weigh_query("perso weg") and t("Personalausweis") not in A.weigh_query("perso")


def test_glossary_is_lower_case_words_to_german_words():
    g = english_glossary()
    assert len(g) > 100 and g["passport"] == ("reisepass",)
    assert all(k == k.lower() and v and all(w == w.lower() for w in v) for k, v in g.items())


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


def test_english_words_the_index_does_not_know_are_dropped_with_a_vocabulary():
    vocabulary = {t("Personalausweis"), t("Krefeld")}
    query = "I am new in Krefeld since two days. Can I make Personalausweis already now?"
    weights = A.weigh_query(query, vocabulary)
    assert t("Personalausweis") in weights and t("Krefeld") in weights
    assert not {"myself", "two", "already", "sinc"} & set(weights)
    # Without a vocabulary nothing is dropped for being English ("two" stays as a term).
    assert t("two") in A.weigh_query("two Personalausweis")
