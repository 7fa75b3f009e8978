import pytest

from retrieval.analysis import GermanAnalyzer, fold, normalise, split_compound, words

A = GermanAnalyzer()


@pytest.mark.parametrize("variants", [
    ("Führerschein", "Fuehrerschein", "Fuhrerschein", "führerschein"),
    ("Straße", "Strasse", "STRASSE"),
    ("Sperrmüll", "Sperrmuell", "Sperrmull"),
    ("Bürgerbüro", "Buergerbuero", "Burgerburo"),
])
def test_umlaut_and_sharp_s_variants_meet(variants):
    first = A.analyze(variants[0])[0]
    assert all(A.analyze(v)[0] == first for v in variants)


@pytest.mark.parametrize("text, lemma_of", [
    ("Personalausweise", "Personalausweis"),
    ("Kinder", "Kind"),
    ("Führerscheine", "Führerschein"),
    ("beantragt", "beantragen"),
    ("abgelaufen", "ablaufen"),
])
def test_inflected_forms_share_the_lemma_term(text, lemma_of):
    assert A.analyze(text)[0] == A.analyze(lemma_of)[0]


@pytest.mark.parametrize("compound, parts", [
    ("anwohnerparken", {"anwohner", "parken"}),
    ("hundesteuer", {"hund", "steuer"}),
    ("straßenlaterne", {"straße", "laterne"}),
    ("bewohnerparkausweis", {"bewohner", "park", "ausweis"}),
])
def test_compounds_split_into_known_parts(compound, parts):
    got = set(split_compound(compound))
    assert {A.analyze(p)[0] for p in parts} <= {A.analyze(g)[0] for g in got}


def test_compound_indexes_whole_word_and_parts():
    terms = A.analyze("Hundesteuer")
    assert terms[0] == A.analyze("Hundesteuer")[0]
    assert A.analyze("Hund")[0] in terms and A.analyze("Steuer")[0] in terms


@pytest.mark.parametrize("word", ["gestorben", "Fahrzeug", "Krefeld", "zuhause"])
def test_no_split_into_non_words(word):
    assert all(len(p) >= 4 for p in split_compound(word.lower()))
    assert "torben" not in split_compound("gestorben")


def test_hyphenated_words_index_joined_and_parts():
    terms = A.analyze("Online-Ausweisfunktion")
    assert A.analyze("Onlineausweisfunktion")[0] in terms
    assert A.analyze("online")[0] in terms and A.analyze("Ausweisfunktion")[0] in terms


def test_stopwords_and_punctuation_removed():
    assert words("Wie kann ich, bitte, den Ausweis?!") == ["ausweis"]
    assert A.analyze("und oder aber") == []


def test_normalise_and_fold():
    assert normalise("E–Scooter!") == "e-scooter "
    assert fold("größe") == "grosse"
    assert fold("fuehrung") == fold("führung")


def test_query_maps_english_words_to_the_german_ones():
    terms = A.analyze_query("I need a new passport for my dog")
    assert A.analyze("Reisepass")[0] in terms and A.analyze("Hund")[0] in terms


def test_empty_and_non_text_input():
    assert A.analyze("") == [] and A.analyze_query("  !!! ??? ") == []
    assert A.analyze_query("😀🎉") == []
