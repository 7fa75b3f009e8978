"""The person recognizer's name lists are built once per data version and read back from the model cache."""

from __future__ import annotations

import pytest

from guardrails.pii import names


@pytest.fixture
def cache(tmp_path):
    names.use_cache_dir(tmp_path)
    yield tmp_path
    names.use_cache_dir(None)


def test_lists_are_written_once_and_read_back_the_same(cache):
    built = names.load_name_lists(["de_DE", "tr_TR"])
    [cached] = cache.glob("names-*.txt")
    again = names.load_name_lists(["de_DE", "tr_TR"])
    assert again == built and "yilmaz" in again.last and "anna" in again.first
    assert list(cache.glob("names-*.txt")) == [cached]  # read, not written again


def test_other_locales_are_another_cache_entry(cache):
    de = names.load_name_lists(["de_DE"])
    tr = names.load_name_lists(["tr_TR"])
    assert len(list(cache.glob("names-*.txt"))) == 2 and de != tr


def test_a_broken_cache_file_is_built_again(cache, caplog):
    built = names.load_name_lists(["de_DE"])
    [cached] = cache.glob("names-*.txt")
    cached.write_bytes(b"\xff\xfe not a name list")
    with caplog.at_level("WARNING", logger="guardrails.pii.names"):
        assert names.load_name_lists(["de_DE"]) == built
    assert "building the lists again" in caplog.text


def test_without_a_cache_directory_nothing_is_written(tmp_path):
    names.use_cache_dir(None)
    assert names.load_name_lists(["de_DE"]).is_first("Anna")
    assert list(tmp_path.iterdir()) == []
