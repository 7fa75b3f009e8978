"""Krankenversichertennummer (KVNR), the lifelong part printed on the electronic health card.

Legal basis: § 290 SGB V. Format: one capital letter + 8 digits + check digit (10 chars). Check: the letter
becomes its two-digit alphabet position (A=01), the ten digits are weighted 1 2 1 2 ..., the cross sums of
the products are added, modulo 10. Fictitious example: A123456780.
A valid checksum alone is right one time in ten for random codes, so the score without a context word
("Versichertennummer", "Krankenkasse", "Gesundheitskarte") stays moderate.
"""

from __future__ import annotations

from guardrails.pii.checksums import is_valid_health_insurance_number
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class HealthInsuranceRecognizer(GermanPatternRecognizer):
    ENTITY = "HEALTH_INSURANCE"
    RULES = (Rule("kvnr", r"\b[A-Z][ \t]?\d{3}[ \t]?\d{3}[ \t]?\d{3}\b", 0.6),)
    CONTEXT = ("versicherten", "krankenkasse", "krankenversicherung", "kvnr", "gesundheitskarte", "egk",
               "kasse", "aok", "tk")

    def validate_result(self, value: str) -> bool | None:
        return None if is_valid_health_insurance_number(value) else False
