"""International Bank Account Numbers (ISO 13616).

Legal basis: an account number belongs to a natural person and enables payments in their name
(Art. 4 Nr. 1 DSGVO). Format: country code, two check digits, BBAN (German: 8-digit Bankleitzahl + 10-digit
account = 22 chars), printed in groups of four. Check: mod 97 == 1 after moving the first four chars to the
end. Fictitious example: DE89 3704 0044 0532 0130 00 (the standard test IBAN).
Written with spaces, no-break spaces, hyphens ("DE89-3704-0044-0532-0130-00") or nothing between the groups, in any
case ("nl91abna0417164300"); a foreign one counts only with a valid check sum.
"""

from __future__ import annotations

import re

from guardrails.pii.checksums import iban_is_valid
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule


_SEP = r"[ \t\u00a0\u202f-]"  # between the groups of four


class IbanRecognizer(GermanPatternRecognizer):
    ENTITY = "IBAN"
    RULES = (
        # DE + 20 digits is distinctive enough that a mistyped check sum still marks an account number
        Rule("german", r"\bDE\d{2}(?:" + _SEP + r"?\d{4}){4}" + _SEP + r"?\d{2}\b", 0.5, strict=False),
        Rule("foreign", r"\b(?!DE)[A-Z]{2}\d{2}(?:" + _SEP + r"?[A-Z0-9]{4}){2,7}(?:" + _SEP + r"?[A-Z0-9]{1,3})?\b",
             0.5),
    )
    CONTEXT = ("iban", "konto", "bankverbindung", "überweisung", "lastschrift")

    def validate_result(self, value: str) -> bool | None:
        return iban_is_valid(value)
