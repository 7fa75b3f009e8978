"""Check-digit validators of German identifiers: valid and invalid numbers (fictitious)."""

import pytest

from guardrails.pii.checksums import (health_insurance_check_digit, iban_check_digits, iban_is_valid,
                                      icao_check_digit, is_valid_document_number, is_valid_health_insurance_number,
                                      is_valid_pension_number, is_valid_tax_id, pension_check_digit,
                                      tax_id_check_digit, tax_id_digits_ok)


@pytest.mark.parametrize("value, valid", [
    ("DE89 3704 0044 0532 0130 00", True), ("DE89370400440532013000", True), ("de89 3704 0044 0532 0130 00", True),
    ("DE88 3704 0044 0532 0130 00", False), ("DE89 3704 0044 0532 0130 0", False),
    ("NL91 ABNA 0417 1643 00", True), ("GB82 WEST 1234 5698 7654 32", True), ("GB82 WEST 1234 5698 7654 33", False),
])
def test_iban(value, valid):
    assert iban_is_valid(value) is valid


def test_iban_check_digits_round_trip():
    assert iban_check_digits("DE", "370400440532013000") == "89"


@pytest.mark.parametrize("value, valid", [
    ("86095742719", True), ("86 095 742 719", True),
    ("86095742718", False),           # wrong check digit
    ("06095742719", False),           # leading zero
    ("12345678903", False),           # every digit once: the repetition rule is broken
    ("1234567890", False),            # ten digits
])
def test_tax_id(value, valid):
    assert is_valid_tax_id(value) is valid


@pytest.mark.parametrize("first_ten, ok", [
    ("8609574271", True),    # 7 twice
    ("1123456789", True),    # 1 twice, adjacent
    ("1121345678", True),    # 1 three times, not in a row
    ("1112345678", False),   # three in a row
    ("1122345678", False),   # two digits repeated
    ("1234567890", False),   # no repetition
])
def test_tax_id_repetition_rule(first_ten, ok):
    assert tax_id_digits_ok(first_ten) is ok


def test_tax_id_check_digit_known_example():
    assert tax_id_check_digit("8609574271") == 9


@pytest.mark.parametrize("serial, check", [("T22000129", 3), ("L01X00T47", 1), ("C01X00T47", 8)])
def test_icao_check_digit(serial, check):
    assert icao_check_digit(serial) == check


@pytest.mark.parametrize("value, first, valid", [
    ("L01X00T471", "LMNPRTVWXY", True), ("l01x00t471", "LMNPRTVWXY", True), ("T220001293", "LMNPRTVWXY", True),
    ("L01X00T472", "LMNPRTVWXY", False), ("L01A00T471", "LMNPRTVWXY", False),  # A is not in the alphabet
    ("C01X00T478", "CF", True), ("C01X00T471", "CF", False), ("L01X00T471", "CF", False),
])
def test_document_numbers(value, first, valid):
    assert is_valid_document_number(value, first) is valid


@pytest.mark.parametrize("value, valid", [
    ("15070649C103", True), ("15 070649 C 103", True), ("15070649c103", True),
    ("15070649C104", False), ("15370649C103", False),  # day 37 does not exist
    ("15071349C103", False),                             # month 13
])
def test_pension_number(value, valid):
    assert is_valid_pension_number(value) is valid


def test_pension_check_digit_weights_letter_position():
    assert pension_check_digit("15070649C10") == 3


@pytest.mark.parametrize("value, valid", [
    ("A123456780", True), ("a123456780", True), ("A123456781", False), ("1234567890", False), ("A12345678", False),
])
def test_health_insurance_number(value, valid):
    assert is_valid_health_insurance_number(value) is valid


def test_health_insurance_check_digit():
    assert health_insurance_check_digit("A12345678") == 0
