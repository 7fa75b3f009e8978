"""simplemma's dictionaries are decoded once into the model cache and read back from there, unchanged."""

from __future__ import annotations

import pytest

from retrieval import lemma_cache


@pytest.fixture
def cache(tmp_path):
    lemma_cache.use_cache_dir(tmp_path)
    yield tmp_path
    lemma_cache.use_cache_dir(None)


def _decoder(calls):
    def decode(langcode):
        calls.append(langcode)
        return {b"haeuser": b"haus", b"ging": b"gehen"} if langcode == "de" else {b"houses": b"house"}
    return decode


def test_a_dictionary_is_decoded_once_and_read_back_the_same(cache):
    calls = []
    first = lemma_cache.cached_dictionary("de", _decoder(calls))
    [stored] = cache.glob("simplemma-*-de.marshal")
    again = lemma_cache.cached_dictionary("de", _decoder(calls))
    assert again == first == {b"haeuser": b"haus", b"ging": b"gehen"} and calls == ["de"]
    assert lemma_cache.cached_dictionary("en", _decoder(calls)) == {b"houses": b"house"} and calls == ["de", "en"]
    assert stored.is_file() and not list(cache.glob("*.tmp"))


def test_a_broken_cache_file_is_decoded_again(cache, caplog):
    calls = []
    lemma_cache.cached_dictionary("de", _decoder(calls))
    [stored] = cache.glob("simplemma-*-de.marshal")
    stored.write_bytes(b"\x00 not marshal data")
    with caplog.at_level("WARNING", logger="retrieval.lemma_cache"):
        assert lemma_cache.cached_dictionary("de", _decoder(calls))[b"ging"] == b"gehen"
    assert calls == ["de", "de"] and "decoding it again" in caplog.text


def test_without_a_cache_directory_every_call_decodes(tmp_path):
    lemma_cache.use_cache_dir(None)
    calls = []
    lemma_cache.cached_dictionary("de", _decoder(calls))
    lemma_cache.cached_dictionary("de", _decoder(calls))
    assert calls == ["de", "de"] and list(tmp_path.iterdir()) == []


def test_simplemmas_lemmas_are_the_same_through_the_cache(cache):
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory

    decoded = dictionary_factory._load_dictionary_from_disk("de")  # hooked: decoded and stored
    assert list(cache.glob("simplemma-*-de.marshal"))
    assert dictionary_factory._load_dictionary_from_disk("de") == decoded  # read back
    assert simplemma.lemmatize("Häuser", lang="de").lower() == "haus" and simplemma.is_known("Haus", lang="de")
