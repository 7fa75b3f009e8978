"""Steuerliche Identifikationsnummer (Steuer-ID, IdNr) and Steuernummer.

Legal basis: § 139b AO; the IdNr is assigned to every person registered in Germany for life and is a
unique personal identifier. Format: 11 digits, first digit not 0; in the first ten digits exactly one digit
occurs twice or three times (three times never in a row); the 11th digit is the ISO/IEC 7064 MOD 11,10 check
digit. Written as 12345678903 or "12 345 678 903". Fictitious example: 86 095 742 719.
The Steuernummer (tax number of the Finanzamt, e.g. 133/8150/8159) has no nationwide check digit and is
only recognised after its cue word.
"""

from __future__ import annotations

from guardrails.pii.checksums import is_valid_tax_id
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


class TaxIdRecognizer(GermanPatternRecognizer):
    ENTITY = "TAX_ID"
    RULES = (
        Rule("idnr", r"(?<![\d+/.,])[1-9](?:[ .]?\d){10}(?!\d|[,./]\d)", 0.6),
        # after its name an 11-digit number is the IdNr even with a wrong check digit (a typo is still theirs)
        Rule("idnr_named", r"\b(?:steuer-?id(?:entifikationsnummer)?|steuerliche[n]? identifikationsnummer|"
             r"identifikationsnummer|idnr|id-nr\.?)\s{0,5}(?:ist|lautet|lautet:|:|=)?\s{0,5}(?P<v>\d(?:[ .]?\d){10})(?!\d)", 0.85,
             strict=False),
        Rule("steuernummer", r"\b(?:steuernummer|steuer-nr\.?|st\.?-?nr\.?)\s{0,5}(?:ist|lautet|:)?\s{0,5}"
             r"(?P<v>\d{2,3}/\d{3,4}/\d{4,5}|\d{10,13})\b", 0.8),
    )
    CONTEXT = ("steuer", "identifikationsnummer", "idnr", "finanzamt", "tin")

    def validate_result(self, value: str) -> bool | None:
        if "/" in value:
            return None  # a Steuernummer (found through its cue word); the IdNr is never written with "/"
        return is_valid_tax_id(value) or False
