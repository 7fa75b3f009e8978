"""Serial numbers of the German ID card (Personalausweis) and passport (Reisepass).

Legal basis: § 5 PAuswG / § 4 PassG; the document number identifies the holder. Format: nine characters from
the alphabet 0-9 C F G H J K L M N P R T V W X Y Z (no vowels, no B D Q S); the ID card's first character is
the authority letter (L M N P R T V W X Y), the passport's is C (F for a provisional passport). The machine
readable zone appends an ICAO 9303 check digit (weights 7-3-1), often typed along ("L01X00T471"); MRZ fillers
("<<") may follow. Fictitious examples: ID card L01X00T47 + 1, T22000129 + 3; passport C01X00T47 + 8.
Without a check digit the nine characters only count next to a context word ("Ausweisnummer", "Pass").
Foreign passports have other formats (Poland "GK 7391045", Turkey "U45829173", 9 digits in the USA): right
after "Reisepass"/"Passnummer", one to three capital letters and 5-9 digits, or 6-9 digits, are a passport
number too. Fictitious examples: "Reisepass GK 7391045", "Passnummer U45829173".
"""

from __future__ import annotations

from guardrails.pii.checksums import compact, is_valid_document_number
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_REST = "[0-9CFGHJKLMNPRTVWXYZ]"


def _rules(first: str) -> tuple[Rule, ...]:
    body = rf"\b{first}(?=[A-Z]{{0,9}}\d){_REST}{{8}}"  # a digit among the ten characters
    return (Rule("with_check_digit", body + r"[ \t]?\d(?:<{1,30}|\b)", 0.5),
            Rule("serial_only", body + r"\b", 0.3))


class IdCardRecognizer(GermanPatternRecognizer):
    ENTITY = "ID_CARD"
    FIRST = "LMNPRTVWXY"
    RULES = _rules("[LMNPRTVWXY]")
    CONTEXT = ("ausweis", "perso", "id-karte", "idkarte", "dokumentennummer", "seriennummer")

    def validate_result(self, value: str) -> bool | None:
        if len(compact(value).rstrip("<")) == 9:
            return None
        return is_valid_document_number(value, self.FIRST)


_PASS_CUE = r"\b(?:kinder)?(?:reise)?pass(?:nummer|nr\.?|-nr\.?|-nummer)?(?:\s{0,5}(?:ist|lautet|:|nr\.?|#|-)){0,4}\s{0,5}"


class PassportRecognizer(IdCardRecognizer):
    ENTITY = "PASSPORT"
    FIRST = "CF"
    RULES = _rules("[CF]") + (
        Rule("foreign_after_cue", _PASS_CUE + r"(?P<v>(?-i:[A-Z]{1,3})[ \t]?\d{5,9}|\d{6,9})(?![\w/-]|[.,]\d)", 0.85,
             strict=False),)
    CONTEXT = ("pass", "reisepass", "passnummer", "dokumentennummer")
