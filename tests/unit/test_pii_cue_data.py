"""The cue and name-part data files of the PII recognizers: they load, follow their schema, and each cue is found in
a sentence; a broken file is rejected with the field and the reason."""

import re

import pytest

from corpus.errors import ConfigurationError
from guardrails.pii.cues import (CUE_KINDS, IDENTIFIER_CUES, NAME_PARTS, cue_regex, load_identifier_cues,
                                 load_name_parts)


def test_shipped_identifier_cues_load_with_every_kind():
    cues = load_identifier_cues()
    assert set(cues) == set(CUE_KINDS)
    assert {"pasaport", "paszport", "паспорт", "pasaporte", "passeport", "passport"} <= set(cues["passport"])
    assert {"kimlik", "dowód osobisty", "id card", "personalausweis"} <= set(cues["id_card"])
    assert {"az.", "aktenzeichen", "kassenzeichen", "geschäftszeichen", "gz", "vorgangsnummer", "bescheid-nr.",
            "owi"} <= set(cues["case_number"])
    for kind, words in cues.items():
        assert all(w == w.lower().strip() and w for w in words), kind
        assert list(words) == sorted(words, key=lambda w: (-len(w), w)), f"{kind}: longest first"


@pytest.mark.parametrize("kind", CUE_KINDS)
def test_every_cue_is_found_as_a_whole_word(kind):
    pattern = re.compile(cue_regex(kind), re.IGNORECASE)
    for cue in load_identifier_cues()[kind]:
        written = cue[:1].upper() + cue[1:]  # as at the start of a sentence
        match = pattern.search(f"Hier: {written} 12345678")
        assert match and match.group() == written, cue
        assert pattern.search(f"x{cue}y") is None or not cue.isalpha(), cue  # not inside a word


def test_shipped_name_parts_load():
    parts = load_name_parts()
    assert {"van", "der", "de", "la", "von", "bin"} <= parts["particles"]
    assert {"al-", "el-"} <= parts["surname_prefixes"]


@pytest.mark.parametrize("content, message", [
    ("passport: {de: [pass]}\nid_card: {de: [ausweis]}\n", "kinds must be exactly"),
    ("passport: {de: [pass]}\nid_card: {de: [Ausweis]}\ncase_number: {de: [az]}\nbirth: {de: [geboren]}\n", "lower-case"),
    ("passport: {de: [pass, pass]}\nid_card: {de: [ausweis]}\ncase_number: {de: [az]}\nbirth: {de: [geboren]}\n", "duplicate"),
    ("passport: {de: []}\nid_card: {de: [ausweis]}\ncase_number: {de: [az]}\nbirth: {de: [geboren]}\n", "non-empty list"),
    ("passport: [pass]\nid_card: {de: [ausweis]}\ncase_number: {de: [az]}\nbirth: {de: [geboren]}\n", "map language codes"),
    ("- not a mapping\n", "mapping at the top level"),
])
def test_broken_cue_file_names_the_field_and_reason(tmp_path, content, message):
    path = tmp_path / "cues.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_identifier_cues(path)


def test_broken_name_parts_file_is_rejected(tmp_path):
    path = tmp_path / "parts.yaml"
    path.write_text("particles: [van]\nsurname_prefixes: [al]\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="must end in '-'"):
        load_name_parts(path)


def test_data_files_live_beside_the_recognizers():
    assert IDENTIFIER_CUES.parent.name == NAME_PARTS.parent.name == "data"
    assert IDENTIFIER_CUES.is_file() and NAME_PARTS.is_file()


def test_shipped_person_cues_load_with_every_kind():
    from guardrails.pii.cues import PERSON_CUE_KINDS, load_person_cues

    cues = load_person_cues()
    assert set(cues) == set(PERSON_CUE_KINDS)
    assert {("my", "name", "is"), ("je", "m'appelle"), ("меня", "зовут"), ("اسمي",)} <= set(cues["strong"])
    assert {("ik", "ben"), ("soy",), ("ben",)} <= set(cues["introductions"])
    assert {("my", "wife"), ("annem",), ("moja", "córka"), ("mẹ", "tôi")} <= set(cues["relatives"])
    assert {("halter",), ("mandant",), ("account", "holder")} <= set(cues["roles"])


def test_person_cues_are_tokens_of_the_blank_german_tokenizer():
    """A cue matches token by token, so it must split as the tokenizer splits the message."""
    import spacy

    from guardrails.pii.cues import PERSON_CUES, cue_tokens

    import yaml
    nlp = spacy.blank("de")
    raw = yaml.safe_load(PERSON_CUES.read_text(encoding="utf-8"))
    for kind, by_language in raw.items():
        for language, phrases in by_language.items():
            for phrase in phrases:
                assert cue_tokens(phrase) == tuple(t.lower_ for t in nlp(phrase)), (kind, language, phrase)


def test_broken_person_cue_file_is_rejected(tmp_path):
    from guardrails.pii.cues import load_person_cues

    path = tmp_path / "person.yaml"
    path.write_text("strong: {en: [my name is]}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="kinds must be exactly"):
        load_person_cues(path)


def test_shipped_date_words_load():
    from guardrails.pii.cues import load_date_words

    words = load_date_words()
    assert {"am", "on", "le", "dnia"} <= set(words["fillers"]) and {"ab", "before", "zwischen"} <= set(words["cutoffs"])


@pytest.mark.parametrize("content, message", [
    ("fillers: {de: [am]}\n", "kinds must be exactly"),
    ("fillers: {de: [Am]}\ncutoffs: {de: [ab]}\n", "lower-case"),
    ("fillers: [am]\ncutoffs: {de: [ab]}\n", "map language codes"),
])
def test_broken_date_words_file_names_the_field_and_reason(tmp_path, content, message):
    from guardrails.pii.cues import load_date_words

    path = tmp_path / "date_words.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_date_words(path)
