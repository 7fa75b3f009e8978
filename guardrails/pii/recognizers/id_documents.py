"""Serial numbers of the German ID card (Personalausweis) and passport (Reisepass).

Legal basis: § 5 PAuswG / § 4 PassG; the document number identifies the holder. Format: nine characters from
the alphabet 0-9 C F G H J K L M N P R T V W X Y Z (no vowels, no B D Q S); the ID card's first character is
the authority letter (L M N P R T V W X Y), the passport's is C (F for a provisional passport). The machine
readable zone appends an ICAO 9303 check digit (weights 7-3-1), often typed along ("L01X00T471"); MRZ fillers
("<<") may follow. Fictitious examples: ID card L01X00T47 + 1, T22000129 + 3; passport C01X00T47 + 8.
Without a check digit the nine characters only count next to a context word ("Ausweisnummer", "Pass").
Any document, German or foreign, is also found through its name (guardrails/pii/data/identifier_cues.yaml, in the
languages of Krefeld's residents: "Reisepass", "pasaport", "паспорт", "kimlik", "dowód osobisty", "DNI"), followed by
at most a few connecting marks or words ("(", ":", "Nr.", "numarası", "номер", "ist") and a token shaped like a
document number: one to three capitals, a space or hyphen and 5-10 digits ("FE 482913", "GK 7391045"), or 6-14
letters and digits with at least five digits ("U45829173", "18AB12345", "12345678Z", "IDBEL590330101"). Formats
differ by country and no check digit is known for most, so the cue decides; "Reisepass kostet 70 Euro" has no such
token. Fictitious examples: "Reisepass (FE 482913)", "Pasaport numarası: U12345678", "Kimlik no 12345678901".
"""

from __future__ import annotations

from guardrails.pii.checksums import compact, is_valid_document_number
from guardrails.pii.cues import cue_regex
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_REST = "[0-9CFGHJKLMNPRTVWXYZ]"


# What may stand between a document's name and its number: brackets, colons, "Nr.", "number", "numarası", "ist", ...
_CONNECTOR = (r"(?:[(:#=–-]|(?:nr|no|nro|núm|n[°º])\.?(?![\w])|(?:number|numer|numara(?:sı|m)?|номер|numéro|numero"
              r"|nummer|ist|lautet|is|est|es|è|jest)(?![\w]))")
_DOCUMENT_NUMBER = (r"(?-i:[A-Z]{1,3})[ \t-]\d{5,10}(?-i:[A-Z]{0,2})"
                    r"|(?=(?:[A-Za-z]{0,6}\d){5})[A-Za-z0-9]{6,14}")


def _after_cue(kind: str) -> Rule:
    """A document number right after the document's name (in any listed language); a mistyped German serial is
    still the citizen's, so a failed check digit keeps the rule's score."""
    return Rule("after_cue", cue_regex(kind) + r"(?:[ \t\u00a0]{0,3}" + _CONNECTOR + r"){0,4}[ \t\u00a0]{0,3}"
                r"(?P<v>" + _DOCUMENT_NUMBER + r")(?![\w/-]|[.,]\d)", 0.85, strict=False)


def _rules(first: str) -> tuple[Rule, ...]:
    body = rf"\b{first}(?=[A-Z]{{0,9}}\d){_REST}{{8}}"  # a digit among the ten characters
    return (Rule("with_check_digit", body + r"[ \t]?\d(?:<{1,30}|\b)", 0.5),
            Rule("serial_only", body + r"\b", 0.3))


class IdCardRecognizer(GermanPatternRecognizer):
    ENTITY = "ID_CARD"
    FIRST = "LMNPRTVWXY"
    RULES = _rules("[LMNPRTVWXY]") + (_after_cue("id_card"),)
    CONTEXT = ("ausweis", "perso", "id-karte", "idkarte", "dokumentennummer", "seriennummer")

    def validate_result(self, value: str) -> bool | None:
        if len(compact(value).rstrip("<")) == 9:
            return None
        return is_valid_document_number(value, self.FIRST)


class PassportRecognizer(IdCardRecognizer):
    ENTITY = "PASSPORT"
    FIRST = "CF"
    RULES = _rules("[CF]") + (_after_cue("passport"),)
    CONTEXT = ("pass", "reisepass", "passnummer", "dokumentennummer")
