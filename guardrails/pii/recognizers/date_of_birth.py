"""Dates of birth: a date next to a birth cue ("geboren", "geb.", "Geburtsdatum", "*").

Legal basis: with a name or an address the birth date singles out a person (Art. 4 Nr. 1 DSGVO).
Formats: 12.03.1985, 1.3.85, 12. März 1985, 12.3.1985, 1985-03-12. A date alone is an appointment, a
deadline or an opening day, so the pattern's score stays below the threshold unless a context word is
near. Right after a cue ("geb 1.1.1985", "Geburtstag ist der 9.11.1979", "Lena Hoffmann * 14.07.1992") or
before "geboren" in the same clause a date counts by itself. The genealogical "*" counts only after a word on
the same line (a "*" opening a line is a bullet). Dates after today are never birth dates, and after "ab",
"vor", "bis", "nach dem" a date is a cut-off ("ab 1. April 2025 geboren"), which decides answers.
A birth year alone ("Jahrgang 1958", "vor 1953 geboren") is shared by thousands and decides answers too (the
deadline to exchange a driving licence, age limits), so it stays.
Fictitious examples: "geboren am 12. März 1985", "geb 1.1.1985", "am 23.06.1961 in Danzig geboren".
"""

from __future__ import annotations

import datetime as dt
import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

MONTHS = {"januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "mär": 3, "maerz": 3,
          "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
          "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
          "dezember": 12, "dez": 12}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


def parse_date(value: str) -> dt.date | None:
    v = value.lower().replace(" ", "")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2}|[a-zä]+)\.?(\d{2}|\d{4})", v)
        if not m:
            return None
        day, year = int(m.group(1)), int(m.group(3))
        month = int(m.group(2)) if m.group(2).isdigit() else MONTHS.get(m.group(2), 0)
        if year < 100:
            year += 1900 if year > dt.date.today().year % 100 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NUMERIC = r"(?:0?[1-9]|[12]\d|3[01])\.[ \t]?(?:0?[1-9]|1[0-2])\.[ \t]?(?:19|20)?\d{2}(?![\d.]\d)"
_NAMED = r"(?:0?[1-9]|[12]\d|3[01])\.[ \t]?(?:" + _MONTH + r")\.?[ \t]{1,5}(?:19|20)\d{2}\b"
_ISO = r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
_DATE = r"(?<![\d.])(?:" + _NAMED + "|" + _NUMERIC + "|" + _ISO + ")"
_CUE = (r"(?:\bgeb\b\.?|\bgeboren\b|\bgeburtsdatum\b|\bgeburtstag\b|\bgeb\.-datum\b"
        r"|(?<=[^\s*])[ \t]{0,5}\*)")
_CUTOFF = re.compile(r"\b(?:ab|vor|nach|seit|bis|zwischen|dem)[ \t]{0,5}$", re.IGNORECASE)
_CUTOFF_WINDOW = 16  # the longest cut-off word and its spaces: only that much before a date is read
_FILLER = r"(?:[ \t]{0,5}(?:ist|war|:|-|–|am|den|der|vom|im|jahr|jahre)){0,4}[ \t]{0,5}"


class DateOfBirthRecognizer(GermanPatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule("after_cue", _CUE + _FILLER + r"(?P<v>" + _DATE + ")", 0.85),
        Rule("before_geboren", r"(?P<v>" + _DATE + r"),?(?:[ \t]{1,5}[A-Za-zÄÖÜäöüß]{1,40}){0,5}?[ \t]{1,5}geboren\b", 0.85),
        Rule("numeric", r"(?<![\d.])" + _NUMERIC, 0.2),
        Rule("month_name", r"(?<![\d.])" + _NAMED, 0.2),
        Rule("iso", r"\b" + _ISO, 0.2),
    )
    CONTEXT = ("geboren", "geb.", "geburt", "jahrgang", "*", "birthday")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Pattern matches, minus dates that are a cut-off ("ab 1. April 2025 geboren", "vor dem 2.1.1960"):
        those decide answers and belong to no one."""
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if _CUTOFF.search(text, max(0, r.start - _CUTOFF_WINDOW), r.start) is None]

    def validate_result(self, value: str) -> bool | None:
        date = parse_date(value)
        if date is None or date > dt.date.today() or date.year < 1900:
            return False
        return None
