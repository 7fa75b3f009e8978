"""PresidioRedactor: typed numbered placeholders, offsets in the input, cheap constructor; PiiLogFilter."""

import logging

import pytest

from corpus.errors import ConfigurationError
from guardrails.pii import PresidioRedactor
from guardrails.pii.log_filter import PiiLogFilter
from guardrails.pii.recognizers import RECOGNIZERS, create_recognizers
from tests.fakes import RegexRedactor


def test_constructor_is_cheap_and_load_is_separate():
    r = PresidioRedactor(recognizers=["email"])
    assert not r.loaded
    redacted, found = r.redact("an a.b@example.org")
    assert r.loaded
    assert redacted == "an <EMAIL_1>"
    assert [(f.type, f.start, f.end, f.placeholder) for f in found] == [("EMAIL", 3, 18, "<EMAIL_1>")]


def test_threshold_out_of_range_names_the_value():
    with pytest.raises(ValueError, match="got 1.5"):
        PresidioRedactor(score_threshold=1.5)


def test_unknown_recognizer_lists_valid_names():
    with pytest.raises(ConfigurationError, match="email"):
        create_recognizers(["emial"])


def test_every_entity_type_has_a_factory():
    assert set(RECOGNIZERS) == {"email", "phone", "iban", "tax_id", "id_card", "passport", "social_security",
                                "health_insurance", "license_plate", "address", "date_of_birth", "case_number",
                                "person"}


def test_placeholders_are_typed_numbered_and_stable(redactor):
    text = "Frau Vogel und Herr Koch: Frau Vogel zahlt von DE89 3704 0044 0532 0130 00."
    redacted, found = redactor.redact(text)
    assert redacted == "Frau <PERSON_1> und Herr <PERSON_2>: Frau <PERSON_1> zahlt von <IBAN_1>."
    assert [f.placeholder for f in found] == ["<PERSON_1>", "<PERSON_2>", "<PERSON_1>", "<IBAN_1>"]


def test_offsets_point_into_the_input(redactor):
    text = "Hallo, ich bin Anna Vogel, Tel. 0171 2345678."
    _, found = redactor.redact(text)
    assert [(f.type, text[f.start:f.end]) for f in found] == [("PERSON", "Anna Vogel"), ("PHONE", "0171 2345678")]


def test_full_address_wins_over_its_postcode(redactor):
    text = "Ich wohne Lindenweg 7, 47807 Krefeld."
    _, found = redactor.redact(text)
    assert [(f.type, text[f.start:f.end]) for f in found] == [("ADDRESS", "Lindenweg 7, 47807 Krefeld")]


def test_empty_text(redactor):
    assert redactor.redact("   ") == ("   ", [])


def test_log_filter_redacts_message_and_args():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    log = logging.getLogger("test_pii_log_filter")
    log.propagate = False
    handler = Keep()
    handler.addFilter(PiiLogFilter(RegexRedactor()))
    log.addHandler(handler)
    try:
        log.warning("citizen wrote %s", "bitte an anna@example.org")
        try:
            raise ValueError("bad mail anna@example.org")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    assert records[0] == "citizen wrote bitte an <EMAIL_ADDRESS>"
    assert "anna@example.org" not in records[1] and "<EMAIL_ADDRESS>" in records[1]
