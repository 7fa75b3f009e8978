"""Case numbers (Aktenzeichen, Kassenzeichen, Vorgangs-, Antrags-, Kunden- and Bescheidnummern).

Legal basis: a file reference of the city points to exactly one citizen's case (Art. 4 Nr. 1 DSGVO).
Formats vary by office ("32-1234/2024", "61.2-0815/23", "3 K 123/24", "2024-000123", "OA 2024/7781-B",
"BS-2026-0041177"), so only what follows a cue word (and "ist", "lautet", ":" after it) is reported, and it must
contain a digit; an upper-case office code may stand before it, separated by a space. Law citations ("§ 14
GewO", "Art. 6 DSGVO") have no cue and are never matched. The cue makes the match certain, so it scores above
a telephone number that the digits inside it may look like ("...-0041177" is no Swiss number).
The cues (Aktenzeichen, Az., GZ, Geschäftszeichen, Kassenzeichen, Vorgangsnummer, Bescheid-Nr., OWi, ...) are data:
guardrails/pii/data/identifier_cues.yaml. The number is any token of letters and digits joined by ". / -" with a
digit in it, at most 41 characters, or digit groups separated by single spaces ("2024 000 123").
Fictitious examples: "Aktenzeichen 32-1234/2024", "Kassenzeichen: 4711.0815.23", "OWi 701.123456.7".
"""

from __future__ import annotations

from guardrails.pii.cues import cue_regex
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_TOKEN = r"[A-Za-z0-9][A-Za-z0-9./\-]{0,40}"


class CaseNumberRecognizer(GermanPatternRecognizer):
    ENTITY = "CASE_NUMBER"
    RULES = (
        Rule("after_cue", cue_regex("case_number") + r"(?:\s{0,5}(?:nr\.?|nummer))?"
             r"(?:\s{0,5}(?:ist|lautet|war|:|#|-|–|=)){0,4}\s{0,5}"
             r"(?P<v>(?:\d{1,3} [A-Z][A-Za-z]{0,3} \d{1,6}/\d{2,4})"
             r"|\d{1,6}(?:[ \t\u00a0]\d{2,6}){1,4}(?![\w./-])"
             r"|(?:(?-i:[A-ZÄÖÜ]{1,4})[ \t](?=[A-Za-z./\-]{0,40}\d))?"
             r"(?=[A-Za-z0-9./\-]{4})(?=[A-Za-z./\-]{0,40}\d)" + _TOKEN + r"(?<![./\-]))", 0.95),
    )
    CONTEXT = ()
