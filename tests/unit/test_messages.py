"""The fixed German texts a citizen reads: plain, and naming the city's numbers before the nationwide 115."""

import pytest

from assistant.messages import message
from assistant.readability import readability

HANDOFF_TEXTS = ["no_information", "no_information.unavailable", "handoff", "error_internal"]


@pytest.mark.parametrize("key", HANDOFF_TEXTS)
def test_hand_off_texts_name_the_city_numbers_before_115(key):
    text = message(key)
    assert "02151 86-1610" in text and "02151 86-0" in text and "115" in text
    assert text.index("02151 86-1610") < text.index("02151 86-0") < text.index("115")


@pytest.mark.parametrize("key", [*HANDOFF_TEXTS, "answered.clarify_topic", "answered.ambiguous_question"])
def test_fixed_texts_read_plainly(key):
    # Wiener Sachtextformel: 4 is very easy, 8 the target for the city's answers, 15 is a legal text.
    assert readability(message(key))["wiener_sachtextformel"] <= 6


def test_no_information_keeps_its_promise_words():
    assert message("no_information").startswith("Dazu habe ich keine verlässliche Information.")


def test_contact_line_says_where_to_turn():
    assert message("answered.contact", responsible="Standesamt Krefeld") == "Wenden Sie sich an: Standesamt Krefeld."


def test_a_second_city_profile_changes_every_hand_off(tmp_path):
    from corpus.city import current_profile, load_profile, use_profile

    path = tmp_path / "city.yaml"
    path.write_text("name: Musterstadt\nregion_key: '099990000000'\nphone: '0999 1234-0'\n", encoding="utf-8")
    before = current_profile()
    try:
        use_profile(load_profile(path))
        for key in HANDOFF_TEXTS:
            text = message(key)
            assert "0999 1234-0" in text and "02151" not in text and "Krefeld" not in text
    finally:
        use_profile(before)
