"""Rentenversicherungsnummer / Sozialversicherungsnummer.

Legal basis: § 147 SGB VI and § 2 VKVV; the number is assigned for life and encodes the birth date.
Format (12 chars): area number of the pension insurer (2 digits), birth date DDMMYY (6), first letter of the
birth name, serial number (2 digits; 00-49 male, 50-99 female), check digit. Check (DRV): the letter becomes
its two-digit alphabet position, the twelve digits are weighted 2 1 2 5 7 1 2 1 2 1 2 1, the cross sums of
the products are added, modulo 10. Usually written "15 070649 C 103". Fictitious example: 15070649C103.
"""

from __future__ import annotations

from guardrails.pii.checksums import is_valid_pension_number
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class SocialSecurityRecognizer(GermanPatternRecognizer):
    ENTITY = "SOCIAL_SECURITY"
    RULES = (Rule("rvnr", r"\b\d{2}[ \t]?\d{6}[ \t]?[A-Z][ \t]?\d{2}[ \t]?\d\b", 0.5),)
    CONTEXT = ("rentenversicherung", "sozialversicherung", "versicherungsnummer", "rvnr", "svnr", "rente")

    def validate_result(self, value: str) -> bool | None:
        return is_valid_pension_number(value)
