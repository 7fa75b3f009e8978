"""Kfz-Kennzeichen (German vehicle registration plates).

Legal basis: § 8 FZV; through the vehicle register a plate identifies the keeper (personal data per
BGH/EuGH case law). Format: district code (1-3 letters, umlauts allowed), 1-2 letters, 1-4 digits, total at
most 8 characters, optional E (electric) or H (historic); written "KR-AB 123", "KR AB 1234", "D-X 12E".
Fictitious examples: KR-AB 123, KR-Q 4711E. The hyphenated form is distinctive; the form with spaces only
("KR AB 123") looks like norms ("DIN EN 1234") and counts next to a context word.
"""

from __future__ import annotations

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

_NOT_DISTRICTS = r"(?!(?:DIN|ISO|EN|SGB|BGB|StVO|GG|EU|VO|NR|ABS|ART|UST|GMBH|AG|EG)\b)"


class LicensePlateRecognizer(GermanPatternRecognizer):
    ENTITY = "LICENSE_PLATE"
    RULES = (
        Rule("hyphen", r"\b" + _NOT_DISTRICTS + r"[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ \t]?[1-9]\d{0,3}[EH]?\b", 0.6, flags=0),
        Rule("spaces", r"\b" + _NOT_DISTRICTS + r"[A-ZÄÖÜ]{1,3} [A-Z]{1,2} [1-9]\d{0,3}[EH]?\b", 0.3, flags=0),
        Rule("lower_case", r"\b[a-zäöü]{1,3}-[a-z]{1,2}[ \t]?[1-9]\d{0,3}[eh]?\b", 0.3, flags=0),
    )
    CONTEXT = ("kennzeichen", "nummernschild", "kfz", "auto", "fahrzeug", "pkw", "wagen", "motorrad", "parkt",
               "zulassung", "abgeschleppt", "knöllchen", "strafzettel")
