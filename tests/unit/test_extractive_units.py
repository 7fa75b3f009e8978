"""Units the composer picks from: sentences that keep dates and abbreviations, list items that keep their intro."""

from assistant.textunits import Unit, segments, split_sentences, units


def test_ordinal_dates_and_abbreviations_do_not_end_a_sentence():
    text = "Der Betrag gilt seit dem 1. Januar 2025. Nach § 81 Abs. 4 AufenthG gilt er weiter. Das sind z. B. Hunde."
    assert split_sentences(text) == ["Der Betrag gilt seit dem 1. Januar 2025.", "Nach § 81 Abs. 4 AufenthG gilt er weiter.",
                                     "Das sind z. B. Hunde."]


def test_a_number_at_the_end_of_a_sentence_still_ends_it():
    assert split_sentences("Es sind 2. Dann geht es.") == ["Es sind 2.", "Dann geht es."]


def test_list_directly_under_prose_is_split_into_items_with_their_intro():
    text = "Der Antrag ist kostenlos. Der Betrag ist im Monat:\n- für Kinder von 0 bis 5 Jahren: 227,00 Euro,\n- für 6 bis 11: 299,00 Euro."
    assert units(text) == [("Der Antrag ist kostenlos.", False), ("Der Betrag ist im Monat:", False),
                           ("für Kinder von 0 bis 5 Jahren: 227,00 Euro,", True), ("für 6 bis 11: 299,00 Euro.", True)]
    assert segments(text)[2].lead == "Der Betrag ist im Monat:"


def test_items_keep_an_intro_without_full_stop_and_nested_items_their_parent():
    text = ("**Ummelden** müssen Sie, wenn\n\n- Sie den Betrieb verlegen,\n- Sie die Tätigkeit wechseln.\n\n"
            "Zum Widerspruch:\n\n- Sie können widersprechen, dass die Stadt Daten weitergibt an:\n  - Parteien vor Wahlen,\n"
            "  - Adressbuchverlage.")
    us = segments(text)
    assert us[1] == Unit("Sie den Betrieb verlegen,", True, "**Ummelden** müssen Sie, wenn")
    assert us[5] == Unit("Parteien vor Wahlen,", True, "Sie können widersprechen, dass die Stadt Daten weitergibt an:")


def test_an_item_after_a_finished_sentence_has_no_intro():
    assert segments("Das ist alles.\n\n- Ein Punkt.")[1].lead == ""
