"""Telephone numbers: German landline and mobile numbers in national (0...) and international (+49, 0049)
form, with the separators people type (spaces, "/", "-", "(0)").

Legal basis: a private telephone number identifies its holder (Art. 4 Nr. 1 DSGVO).
Format: trunk prefix 0 + area code (2-5 digits, mobile 15x/16x/17x) + subscriber number; 7-13 digits in the
national form. Fictitious examples: 0171 2345678, +49 (0)2151 123456, 02151/98765-43.
A number may be typed spaced digit by digit ("0 1 7 3 9 8 2 7 4 6 1", "0 2 1 5 1 - 4 4 5 5 6 6"). Separators are
what keyboards and copied text produce: spaces, tabs, no-break spaces, "/", "-", "." ("0171.2345678"). A number with
dots never starts like a date or a time ("01.02.2024", "08.00-12.30 Uhr"). Abroad the area or mobile prefix may have
a single digit ("+31 6 12345678", "+33 6 12 34 56 78"); country codes have one to three digits (+1, +48, +380).
The city's own numbers and public help lines are not personal data: the constructor takes digit prefixes of
public number blocks (the city's switchboard block, e.g. 02151 86-… for "02151 86-0") and whole public numbers
(Telefonseelsorge 0800 111 0 111 / 0800 111 0 222, Kinder- und Elterntelefon, 116 xxx), both from the city profile
(`CityProfile.public_number_blocks`, `public_number_digits`); short service numbers (115, 112, 110) never match.
"""

from __future__ import annotations

import re
from typing import Iterable

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_SPACE = r"[ \t\u00a0\u202f]"  # with the no-break spaces word processors and web forms put into numbers
_SEP = r"(?:" + _SPACE + r"?[/\-.–]" + _SPACE + r"?|" + _SPACE + ")"
_NOT_A_DATE = r"(?!\d{1,2}[.:]\d{2}(?!\d))"  # "01.02.2024", "08.00-12.30": a date or a time, not a number


def national_digits(value: str) -> str:
    """Digits in national form: +49 / 0049 and a bracketed (0) become a single leading 0."""
    v = re.sub(r"\s", "", value).replace("(0)", "")
    digits = re.sub(r"\D", "", v)
    if v.startswith("+49"):
        return "0" + digits[2:]
    if digits.startswith("0049"):
        return "0" + digits[4:]
    return digits


class PhoneRecognizer(GermanPatternRecognizer):
    ENTITY = "PHONE"
    RULES = (
        Rule("international", r"(?<![\w+/.-])(?:\+|00)[1-9]\d{0,2}" + _SEP + r"?(?:\(0\)" + _SEP
             + r"?)?\(?\d{1,5}\)?(?:" + _SEP + r"?\d{1,8}){1,4}(?![\w])", 0.7),
        Rule("national", r"(?<![\w+/.,-])" + _NOT_A_DATE + r"\(?0[1-9]\d{1,4}\)?(?:" + _SEP
             + r"?\d{1,8}){1,4}(?!\w|[,.]\d)", 0.6),
        # after its cue a number may be spaced digit by digit or in pairs: "Telefon: 0 21 51 / 12 34 56"
        Rule("named", r"\b(?:tel\.?|telefon|telefonnummer|handy|handynummer|mobil|mobilnummer|rufnummer|festnetz)\s{0,5}"
             r"(?:ist|lautet|:)?\s{0,5}(?P<v>" + _NOT_A_DATE + r"\+?\d(?:" + _SPACE + r"?[/\-.–]?" + _SPACE
             + r"?\d){6,16})(?![\d])", 0.8),
        Rule("spaced", r"(?<![\w+/.,-])(?:\+" + _SPACE + r"?4" + _SPACE + r"?9|0\d?)(?:" + _SEP + r"\d{1,2}){5,12}"
             r"(?!" + _SPACE + r"?\d)", 0.6),
    )
    CONTEXT = ("tel", "telefon", "handy", "mobil", "rufnummer", "nummer", "erreichbar", "anrufen", "fax")

    def __init__(self, public_prefixes: Iterable[str] = (), public_numbers: Iterable[str] = ()) -> None:
        self.public_prefixes = tuple(public_prefixes)
        self.public_numbers = frozenset(public_numbers)
        super().__init__()

    def validate_result(self, value: str) -> bool | None:
        digits = national_digits(value)
        compact = re.sub(r"\s", "", value)
        if compact.startswith(("+", "00")) and not compact.startswith(("+49", "0049")):
            return None if 7 <= len(digits) <= 15 else False
        if not 7 <= len(digits) <= 13 or digits.startswith("00"):
            return False
        if digits.startswith(self.public_prefixes) or digits in self.public_numbers:
            return False
        return None
