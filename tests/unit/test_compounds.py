"""The memory-mapped compound tables give exactly what compound-split itself gives."""

import re
from pathlib import Path

import pytest

from retrieval import compounds

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """ArrayTables read back from a cache directory that the first load wrote."""
    folder = tmp_path_factory.mktemp("models")
    first = compounds._load(folder)
    assert isinstance(first, compounds.DictTables)
    again = compounds._load(folder)
    assert isinstance(again, compounds.ArrayTables)
    return again


def corpus_words() -> list[str]:
    words = set()
    for path in CORPUS.rglob("*.md"):
        words |= {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß-]{3,}", path.read_text(encoding="utf-8"))}
    return sorted(words)


def test_split_points_match_compound_split_on_the_corpus_vocabulary(cached, monkeypatch):
    from compound_split import char_split

    monkeypatch.setattr(compounds, "_tables", cached)
    words = corpus_words() + ["a", "abc", "Bewohnerparkausweis", "x" * 40, "größenordnungsübergreifend"]
    mismatches = [w for w in words if compounds.split_points(w) != char_split.split_compound(w)]
    assert not mismatches, mismatches[:10]


def test_keys_longer_than_the_stored_ones_are_not_found(cached):
    longest = cached.arrays["infix"][0].dtype.itemsize
    key = cached.arrays["infix"][0][-1].decode("utf-8")
    assert cached.lookup("infix", [key, key + "x" * longest], 7.0)[1] == 7.0


def test_no_cache_dir_uses_the_package_tables():
    assert isinstance(compounds._load(None), compounds.DictTables)
