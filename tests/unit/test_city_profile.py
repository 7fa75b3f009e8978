"""The city profile (corpus/city.py): its schema, the shipped profiles, and the mechanisms that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.city import DEFAULT_PROFILE, CityProfile, current_profile, load_profile, tel_uri, use_profile
from corpus.errors import ConfigurationError

ROOT = Path(__file__).resolve().parents[2]
LINDBURG = ROOT / "evals" / "data" / "othercity" / "lindburg.yaml"
MINIMAL = "name: Musterstadt\nregion_key: '099990000000'\nphone: '0999 1234-0'\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def city():
    """Switch the process's city for one test and back."""
    before = current_profile()
    yield lambda profile: use_profile(profile)
    use_profile(before)


# -- schema -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, field", [
    ("region_key: '099990000000'\nphone: '0999 1234-0'\n", "name"),
    ("name: Musterstadt\nregion_key: '0999'\nphone: '0999 1234-0'\n", "region_key"),
    ("name: Musterstadt\nregion_key: '05114000000X'\nphone: '0999 1234-0'\n", "region_key"),
    ("name: Musterstadt\nregion_key: '099990000000'\nphone: 'Zentrale'\n", "phone"),
    ("name: Musterstadt\nregion_key: '099990000000'\n", "phone"),
    (MINIMAL + "service: {name: das Bürgeramt, phone: 'ruf an'}\n", "service.phone"),
    (MINIMAL + "website: www.musterstadt.de\n", "website"),
    (MINIMAL + "postcodes: ['4799']\n", "postcodes"),
    (MINIMAL + "public_numbers: ['Zentrale']\n", "public_numbers"),
    (MINIMAL + "unknown_field: 1\n", "unknown_field"),
])
def test_a_broken_profile_names_the_file_and_the_field(tmp_path, text, field):
    path = write(tmp_path, text)
    with pytest.raises(ConfigurationError) as err:
        load_profile(path)
    message = str(err.value)
    assert str(path) in message and f"{field}:" in message, message


def test_a_profile_that_is_no_mapping_or_no_file_is_refused_with_the_setting_to_fix(tmp_path):
    with pytest.raises(ConfigurationError, match="expected a mapping"):
        load_profile(write(tmp_path, "- Krefeld\n"))
    with pytest.raises(ConfigurationError, match="BA_CITY__PROFILE"):
        load_profile(tmp_path / "missing.yaml")


def test_a_minimal_profile_has_working_defaults(tmp_path):
    p = load_profile(write(tmp_path, MINIMAL))
    assert p.display_name == "Stadt Musterstadt" and p.service_phone == "0999 1234-0"
    assert "0999 1234-0" in p.values()["handoff"] and "115" in p.values()["handoff"]
    assert p.public_number_blocks() == ("09991234",) and p.link_hosts() == () and p.slug == "musterstadt"


def test_the_lindburg_profile_loads():
    p = load_profile(LINDBURG)
    assert (p.name, p.region_key, p.phone) == ("Lindburg", "059990000000", "(09999) 40-0")
    assert p.service_phone == "(09999) 40-1150" and p.takes_part_in_115
    assert p.public_number_blocks() == ("0999940",) and "09999401150" in p.public_number_digits()
    assert p.link_hosts() == ("lindburg.example",) and "lindburg-mitte" in p.place_words()


def test_the_krefeld_profile_keeps_what_the_code_knew():
    """The values that were constants in code before the profile (PII places, public numbers, link hosts)."""
    p = load_profile(DEFAULT_PROFILE)
    assert p.public_number_blocks() == ("0215186",)
    assert {"08001110111", "08001110222", "116117", "115", "110", "112"} <= set(p.public_number_digits())
    assert p.link_hosts() == ("krefeld.de",)
    assert {"krefeld", "uerdingen", "hüls", "gellep-stratum", "meerbusch", "niederrhein", "nrw"} <= p.place_words()
    assert "Von-der-Leyen-Platz 1" in p.public_addresses and p.name_words() == {"krefeld"}
    assert "Uerdingen" in p.place_names() and "NRW" not in p.place_names() and "Krefeld" not in p.place_names()


def test_compound_names_and_numbers():
    p = CityProfile(name="Mülheim an der Ruhr", region_key="051170000000", phone="+49 208 455-0",
                    website="https://www.muelheim-ruhr.de", service_portal="https://service.muelheim-ruhr.de/")
    assert p.slug == "muelheim-an-der-ruhr" and p.name_words() == {"mülheim", "ruhr"}
    assert p.public_number_blocks() == ("0208455",) and p.link_hosts() == ("muelheim-ruhr.de",)
    assert tel_uri("02151 86-1610") == "tel:+492151861610" and tel_uri("(09999) 40-0") == "tel:+499999400"
    assert tel_uri("115") == "tel:115"


def test_render_fills_city_placeholders_and_leaves_other_braces():
    p = load_profile(DEFAULT_PROFILE)
    assert p.render('{official_name}: {"error": {"code"}} {title}') == 'Stadt Krefeld: {"error": {"code"}} {title}'


def test_the_profile_is_read_when_first_needed(tmp_path, city):
    from corpus.city import select_profile

    path = write(tmp_path, MINIMAL)
    select_profile(path)
    path.write_text(MINIMAL.replace("Musterstadt", "Spätstadt"), encoding="utf-8")  # read after selecting
    assert current_profile().name == "Spätstadt"


# -- mechanisms that read the profile -------------------------------------------------------------------------------

LINDBURG_TEXT = MINIMAL.replace("Musterstadt", "Lindburg").replace("0999 1234-0", "(09999) 40-0") + \
    "districts: [Lindburg-Mitte, Auenfeld]\nneighbours: [Rabenau]\nwebsite: https://www.lindburg.example\n"


def test_phone_recognizer_treats_the_citys_own_block_as_public():
    from guardrails.pii.recognizers import create_recognizers

    [kr] = create_recognizers(["phone"], city=load_profile(DEFAULT_PROFILE))
    [lb] = create_recognizers(["phone"], city=load_profile(LINDBURG))
    assert kr.validate_result("02151 86-3200") is False and lb.validate_result("02151 86-3200") is None
    assert lb.validate_result("(09999) 40-2345") is False and kr.validate_result("(09999) 40-2345") is None
    assert kr.validate_result("0800 111 0 111") is False and lb.validate_result("0800 111 0 111") is False


def test_person_recognizer_knows_the_citys_name_and_places(tmp_path):
    from guardrails.pii import PresidioRedactor

    lindburg = load_profile(write(tmp_path, LINDBURG_TEXT))
    redactor = PresidioRedactor(recognizers=["person"], city=lindburg)
    text = "Viele Grüße aus Lindburg"
    assert redactor.redact(text)[0] == text
    assert PresidioRedactor(recognizers=["person"], city=lindburg).redact("Ich ziehe nach Auenfeld.")[1] == []


def test_address_recognizer_takes_the_profiles_office_addresses(tmp_path):
    from guardrails.pii.recognizers import create_recognizers

    lindburg = load_profile(write(tmp_path, LINDBURG_TEXT + "public_addresses: [Marktplatz 1]\n"))
    [address] = create_recognizers(["address"], city=lindburg)
    assert address._key("Marktplatz 1") in address._public
    [krefeld] = create_recognizers(["address"], city=load_profile(DEFAULT_PROFILE))
    assert krefeld._key("Von-der-Leyen-Platz 1") in krefeld._public and not address._public & krefeld._public


def test_output_guard_allows_the_citys_numbers_and_hosts(tmp_path):
    from guardrails.output_guard import PolicyOutputGuard
    from tests.fakes import RegexRedactor

    lindburg = load_profile(write(tmp_path, LINDBURG_TEXT))
    guard = PolicyOutputGuard(RegexRedactor(), city=lindburg)
    assert guard.allowed_hosts == ("lindburg.example",) and "0999940" in guard.allowed_prefixes
    assert guard._pii("Rufen Sie (09999) 40-2345 an.", "", set()) == []
    assert guard._pii("Rufen Sie 02151 86-2345 an.", "", set()) == ["PHONE_NUMBER"]
    krefeld = PolicyOutputGuard(RegexRedactor(), city=load_profile(DEFAULT_PROFILE), allowed_hosts=["example.org"])
    assert krefeld.allowed_hosts == ("example.org",) and krefeld._pii("Rufen Sie 02151 86-2345 an.", "", set()) == []


def test_fact_check_places_come_from_the_configured_city(tmp_path, city):
    from assistant.fact_check import places, unsupported_facts

    assert "uerdingen" in places()
    city(load_profile(write(tmp_path, LINDBURG_TEXT)))
    assert set(places()) == {"lindburg-mitte", "auenfeld", "rabenau"}
    assert unsupported_facts("Das Bürgerbüro ist in Rabenau.", {1: "Das Bürgerbüro ist in Auenfeld."})


def test_the_citys_name_is_a_stop_term(tmp_path, city):
    from assistant.textunits import term_set

    assert "krefeld" not in term_set("Hundesteuer in Krefeld") and "hundesteuer" in term_set("Hundesteuer in Krefeld")
    city(load_profile(write(tmp_path, LINDBURG_TEXT)))
    assert "lindburg" not in term_set("Hundesteuer in Lindburg") and "krefeld" in term_set("Hundesteuer in Krefeld")


def test_an_address_of_any_town_answers_where_to_go():
    from assistant.intents import ANSWER_CUES, fold

    cue = ANSWER_CUES["zustaendig"]
    for text in ("Rathaus, Von-der-Leyen-Platz 1, 47798 Krefeld", "Marktplatz 1, 99999 Lindburg", "53094 Bonn"):
        assert cue.search(fold(text)), text
    for text in ("Es gibt 10000 Euro Zuschuss.", "Die Stadt hat 12000 Einwohner."):
        assert not cue.search(fold(text)), text


def test_system_prompt_names_the_configured_city(tmp_path, city):
    from assistant.llm.prompts import system_prompt

    assert "der Stadt Krefeld" in system_prompt()
    city(load_profile(write(tmp_path, LINDBURG_TEXT)))
    assert "der Stadt Lindburg" in system_prompt() and "Krefeld" not in system_prompt()


def test_settings_select_the_profile_and_derive_from_it(monkeypatch, tmp_path):
    from assistant.settings import Settings

    path = write(tmp_path, LINDBURG_TEXT)
    monkeypatch.setenv("BA_CITY__PROFILE", str(path))
    s = Settings()
    assert s.city.profile == path and s.api.model_name is None and s.guardrails.allowed_link_hosts is None
