"""The name data file (guardrails/pii/data/names.yaml): it loads, follows its schema, and what it lists reaches the
name lists: Faker's locales (Cyrillic transliterated, Greek also, scripts without capitals as written, romanized
lists), the project's own names by origin; ambiguous words and particles are no names. A broken file is rejected with
the field and the reason."""

import pytest

from corpus.errors import ConfigurationError
from guardrails.pii.names import NAME_DATA, NAME_DATA_KEYS, load_name_data, load_name_lists


@pytest.fixture(scope="module")
def names():
    return load_name_lists()


def test_shipped_name_data_loads():
    data = load_name_data()
    assert set(data) == set(NAME_DATA_KEYS)
    assert {"de_DE", "tr_TR", "pl_PL", "vi_VN", "ig_NG", "el_GR", "ar_AA"} <= set(data["faker_locales"])
    assert {"vietnamese", "arabic", "west_african"} <= set(data["extra_first_names"])
    assert NAME_DATA.parent.name == "data"


@pytest.mark.parametrize("word, first, last", [
    ("Giorgos", True, False), ("Papadopoulos", False, True),  # el_GR, transliterated
    ("olena", True, False),  # uk_UA, transliterated
    ("محمد", True, True), ("الأحمد", True, True),  # Arabic script, also without the article
    ("Emeka", True, False), ("Okafor", False, True), ("Kwame", True, False),  # ig_NG, tw_GH
    ("Wei", True, True), ("Akira", True, False),  # romanized zh_CN, ja_JP
    ("Nguyễn", False, True), ("nguyen", False, True), ("Minh", True, False),  # vi_VN and the data file
    ("Kowalska", False, True), ("Wiśniewski", False, True),  # pl_PL, female form derived
])
def test_names_of_many_origins_are_listed(names, word, first, last):
    assert (names.is_first(word), names.is_last(word)) == (first, last)


@pytest.mark.parametrize("word", ["August", "Mai", "van", "de", "Do", "Ha", "Termin", "Rathaus"])
def test_ambiguous_words_and_particles_are_no_first_names(names, word):
    assert not names.is_first(word)


@pytest.mark.parametrize("content, message", [
    ("faker_locales: [de_DE]\n", "keys must be exactly"),
    ("faker_locales: [de-DE]\nambiguous_first_names: [mai]\nnot_names: [van]\nextra_first_names: {x: [anna]}\n"
     "extra_last_names: {x: [vogel]}\n", "faker_locales"),
    ("faker_locales: [de_DE]\nambiguous_first_names: [Mai]\nnot_names: [van]\nextra_first_names: {x: [anna]}\n"
     "extra_last_names: {x: [vogel]}\n", "lower case"),
    ("faker_locales: [de_DE]\nambiguous_first_names: [mai]\nnot_names: [van]\nextra_first_names: {x: [anna, anna]}\n"
     "extra_last_names: {x: [vogel]}\n", "duplicate"),
    ("faker_locales: [de_DE]\nambiguous_first_names: [mai]\nnot_names: [van]\nextra_first_names: [anna]\n"
     "extra_last_names: {x: [vogel]}\n", "map origins"),
    ("faker_locales: [de_DE]\nambiguous_first_names: [mai, 'no']\nnot_names: [van]\nextra_first_names: {x: [an1]}\n"
     "extra_last_names: {x: [vogel]}\n", "extra_first_names.x"),
])
def test_broken_name_data_names_the_field_and_reason(tmp_path, content, message):
    path = tmp_path / "names.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        load_name_data(path)


def test_extra_names_reach_the_lists(tmp_path):
    path = tmp_path / "names.yaml"
    path.write_text("faker_locales: [xx_XX]\nambiguous_first_names: [mai]\nnot_names: [van]\n"
                    "extra_first_names: {x: [zzyzxa]}\nextra_last_names: {x: [qqvogel]}\n", encoding="utf-8")
    names = load_name_lists(path=path)
    assert names.is_first("Zzyzxa") and names.is_last("Qqvogel") and not names.is_first("Anna")
