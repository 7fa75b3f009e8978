"""Case numbers (Aktenzeichen, Kassenzeichen, Vorgangs-, Antrags-, Kunden- and Bescheidnummern).

Legal basis: a file reference of the city points to exactly one citizen's case (Art. 4 Nr. 1 DSGVO).
Formats vary by office ("32-1234/2024", "61.2-0815/23", "3 K 123/24", "2024-000123", "OA 2024/7781-B",
"BS-2026-0041177"), so only what follows a cue word (and "ist", "lautet", ":" after it) is reported, and it must
contain a digit; an upper-case office code may stand before it, separated by a space. Law citations ("§ 14
GewO", "Art. 6 DSGVO") have no cue and are never matched. The cue makes the match certain, so it scores above
a telephone number that the digits inside it may look like ("...-0041177" is no Swiss number).
Fictitious examples: "Aktenzeichen 32-1234/2024", "Kassenzeichen: 4711.0815.23".
"""

from __future__ import annotations

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_CUES = (r"aktenzeichen|az\.?|gz\.?|geschäftszeichen|gesch\.-z\.|kassenzeichen|vorgangsnummer|vorgangs-nr\.?"
         r"|vorgang|antragsnummer|antrags-nr\.?|bescheidnummer|bescheid-nr\.?|fallnummer|ticketnummer"
         r"|ticket-nr\.?|kundennummer|kunden-nr\.?|referenznummer|buchungsnummer|bg-nummer|mitgliedsnummer"
         r"|bearbeitungsnummer|ihr zeichen|unser zeichen|vertragsnummer|vertrags-nr\.?|rechnungsnummer|rechnungs-nr\.?"
         r"|personalnummer|matrikelnummer|mandatsreferenz|zählernummer|zaehlernummer|auftragsnummer")
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9./\-]{0,40}"


class CaseNumberRecognizer(GermanPatternRecognizer):
    ENTITY = "CASE_NUMBER"
    RULES = (
        Rule("after_cue", r"\b(?:" + _CUES + r")\s{0,5}(?:nr\.?|nummer)?(?:\s{0,5}(?:ist|lautet|war|:|#|-|–|=)){0,4}\s{0,5}"
             r"(?P<v>(?:\d{1,3} [A-Z][A-Za-z]{0,3} \d{1,6}/\d{2,4})"
             r"|(?:(?-i:[A-ZÄÖÜ]{1,4})[ \t](?=[A-Za-z./\-]{0,40}\d))?"
             r"(?=[A-Za-z0-9./\-]{4})(?=[A-Za-z./\-]{0,40}\d)" + _TOKEN + r"(?<![./\-]))", 0.95),
    )
    CONTEXT = ()
