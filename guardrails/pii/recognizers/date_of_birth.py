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

from guardrails.pii.cues import cue_regex, load_date_words, load_months
from guardrails.pii.recognizers.base import GermanPatternRecognizer, Rule

MONTHS = load_months()  # guardrails/pii/data/months.yaml: German, English, French, Spanish, Italian, Dutch, ...
_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?:\.|st|nd|rd|th)?"


def parse_date(value: str) -> dt.date | None:
    """The date of any shape the patterns find: 12.03.1985, 1.3.85, 12/05/1990, 12-05-1990, 1985-03-12,
    12. März 1985, 14 January 2025, 12 de mayo de 1990, January 14, 2025."""
    v = re.sub(r"\s+", " ", value.lower()).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})\. ?(\d{1,2})\. ?(\d{2}|\d{4})|(\d{1,2})([/-])(\d{1,2})\5(\d{4})", v):
        day, month, year = (int(g) for g in ((m.group(1), m.group(2), m.group(3)) if m.group(1)
                                           else (m.group(4), m.group(6), m.group(7))))
    elif m := re.fullmatch(r"(\d{1,2})(?:\.|st|nd|rd|th)? ?(?:de )?([^\W\d_]+)\.?,? ?(?:de )?(\d{2}|\d{4})", v):
        day, month, year = int(m.group(1)), MONTHS.get(m.group(2), 0), int(m.group(3))
    elif m := re.fullmatch(r"([^\W\d_]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", v):
        day, month, year = int(m.group(2)), MONTHS.get(m.group(1), 0), int(m.group(3))
    else:
        return None
    if year < 100:
        year += 1900 if year > dt.date.today().year % 100 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NUMERIC = _DAY + r"\.[ \t]?(?:0?[1-9]|1[0-2])\.[ \t]?(?:19|20)?\d{2}(?![\d.]\d)"
_SLASHED = _DAY + r"(?P<sep>[/-])(?:0?[1-9]|1[0-2])(?P=sep)(?:19|20)\d{2}(?![/-]?\d)"
_NAMED = (_DAY + _ORDINAL + r"[ \t]{0,2}(?:de[ \t])?(?:" + _MONTH + r")\.?,?[ \t]{1,5}(?:de[ \t])?(?:19|20)\d{2}\b"
          r"|(?:" + _MONTH + r")\.?[ \t]{1,3}" + _DAY + r"(?:st|nd|rd|th)?,?[ \t]{1,3}(?:19|20)\d{2}\b")
_ISO = r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
_DATE = r"(?<![\d./-])(?:" + _NAMED + "|" + _NUMERIC + "|" + _SLASHED + "|" + _ISO + ")"
# The birth cues of every language (guardrails/pii/data/identifier_cues.yaml: "geboren", "born", "née", "urodzona",
# "дата народження", "sinh ngày") and the genealogical "*" after a word on the same line.
_CUE = r"(?:" + cue_regex("birth") + r"|(?<=[^\s*])[ \t]{0,5}\*)"
_DATE_WORDS = load_date_words()  # guardrails/pii/data/date_words.yaml
_CUTOFF = re.compile(r"\b(?:" + "|".join(map(re.escape, _DATE_WORDS["cutoffs"])) + r")[ \t]{0,5}$", re.IGNORECASE)
# The longest cut-off word, its spaces and the boundary before it: only that much before a date is read.
_CUTOFF_WINDOW = max(map(len, _DATE_WORDS["cutoffs"])) + 8
_FILLER = (r"(?:[ \t]{0,5}(?::|-|–|\(|" + "|".join(map(re.escape, _DATE_WORDS["fillers"])) + r")"
           r"(?![^\W\d_])){0,4}[ \t]{0,5}")


class DateOfBirthRecognizer(GermanPatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule("after_cue", _CUE + _FILLER + r"(?P<v>" + _DATE + ")", 0.85),
        Rule("before_geboren", r"(?P<v>" + _DATE + r"),?(?:[ \t]{1,5}[A-Za-zÄÖÜäöüß]{1,40}){0,5}?[ \t]{1,5}geboren\b", 0.85),
        Rule("numeric", r"(?<![\d.])" + _NUMERIC, 0.2),
        Rule("slashed", r"(?<![\d./-])" + _SLASHED, 0.2),
        Rule("month_name", r"(?<![\d.])(?:" + _NAMED + ")", 0.2),
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
