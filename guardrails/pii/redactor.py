"""`PresidioRedactor`: German personal data -> typed, numbered placeholders (<PERSON_1>, <IBAN_1>).

The redacted text is what retrieval, generation, session storage and logs see; the original text is never
kept by this class. The same value gets the same placeholder within one call, so "Frau Vogel ... Frau
Vogel" stays readable as "<PERSON_1> ... <PERSON_1>". Overlapping findings are resolved by score, then by
length (the full address wins over its postcode); overlapping names are first joined ("von der Heide" and "Heide,
Petra", found by two rules, are one name), so no part of a name is left readable.

One decision needs two findings: a date right after a full name that closes the phrase ("Jonas Becker, 03.07.1991,
Tel ...", "Maria Schulte (12.03.1985)") is that person's birth date. Alone a date is an appointment or a deadline and
scores below the threshold (guardrails/pii/recognizers/date_of_birth.py), so the analyzer is asked for findings down
to `LINK_FLOOR`, such a date is raised to `LINKED_SCORE`, and everything else below the threshold is dropped as before.
A date that the sentence goes on from ("Familie Yilmaz, 01.01.2000 eingezogen", "Anna Vogel, 12.03.2024 um 10 Uhr")
or that follows a surname alone ("Termin mit Herrn Koch, 12.03.2024,") stays: those are events and appointments.
"""

from __future__ import annotations

import copy
import re
import threading
from typing import TYPE_CHECKING, Any, Sequence

from corpus.types import Redaction

if TYPE_CHECKING:
    from corpus.city import CityProfile

DEFAULT_THRESHOLD = 0.5
LINK_FLOOR = 0.2  # the score of a bare date
LINKED_SCORE = 0.85
# Between a name and its birth date: a few spaces and at most one comma, bracket, slash or dash.
NAME_TO_DATE_MARKS = ",(/–-"
MAX_NAME_TO_DATE = 6
# After the date: the phrase ends (a comma, a bracket, a line, a full stop, the message) or the birth place follows.
_DATE_CLOSES = re.compile(r"[ \t]{0,3}(?:[,;)\]/|\n]|\.(?:\s|$)|$|in[ \t]{1,3}[A-ZÄÖÜ])")


class PresidioRedactor:
    """Redactor on a Presidio `AnalyzerEngine` with our German recognizers; the analyzer loads lazily.

    `city`: the city profile whose public numbers and office addresses are not personal data and whose name and
    places are no person's (default: the configured city, read when the analyzer loads); `public_numbers` (digit
    prefixes) and `public_addresses` override the profile's."""

    def __init__(self, recognizers: Sequence[str] | None = None, score_threshold: float = DEFAULT_THRESHOLD,
                 public_numbers: Sequence[str] | None = None, public_addresses: Sequence[str] | None = None,
                 city: "CityProfile | None" = None) -> None:
        if not 0.0 <= score_threshold <= 1.0:
            raise ValueError(f"score_threshold must be within [0, 1], got {score_threshold}")
        self.recognizers = tuple(recognizers) if recognizers is not None else None
        self.score_threshold = score_threshold
        self._options: dict[str, Any] = {
            "public_numbers": tuple(public_numbers) if public_numbers is not None else None,
            "public_addresses": tuple(public_addresses) if public_addresses is not None else None, "city": city}
        self._analyzer = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Build the analyzer (tokenizer, name lists, patterns); idempotent and thread-safe."""
        with self._lock:
            if self._analyzer is not None:
                return
            from guardrails.pii.analyzer import build_analyzer
            from guardrails.pii.recognizers import create_recognizers

            self._analyzer = build_analyzer(create_recognizers(self.recognizers, **self._options))

    @property
    def loaded(self) -> bool:
        return self._analyzer is not None

    def find(self, text: str) -> list[Redaction]:
        """Non-overlapping findings (type, start, end) in text order, without placeholders."""
        if self._analyzer is None:
            self.load()
        if not text.strip():
            return []
        results = self._analyzer.analyze(text=text, language="de",
                                         score_threshold=min(LINK_FLOOR, self.score_threshold))
        _link_dates_to_names(text, results, self.score_threshold)
        results = _join_overlaps([r for r in results if r.score >= self.score_threshold])
        chosen: list[Any] = []
        taken = bytearray(len(text))  # characters already redacted: the check costs a finding's length, not the
        for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start)):  # number of findings
            if not any(taken[r.start:r.end]):
                chosen.append(r)
                taken[r.start:r.end] = b"\x01" * (r.end - r.start)
        return [Redaction(type=r.entity_type, start=r.start, end=r.end) for r in sorted(chosen, key=lambda r: r.start)]

    def redact(self, text: str) -> tuple[str, list[Redaction]]:
        findings = self.find(text)
        numbers: dict[str, int] = {}
        seen: dict[tuple[str, str], str] = {}
        parts: list[str] = []
        last = 0
        for f in findings:
            key = (f.type, _normalise(text[f.start:f.end]))
            if key not in seen:
                numbers[f.type] = numbers.get(f.type, 0) + 1
                seen[key] = f"<{f.type}_{numbers[f.type]}>"
            f.placeholder = seen[key]
            parts.append(text[last:f.start])
            parts.append(f.placeholder)
            last = f.end
        parts.append(text[last:])
        return "".join(parts), findings


def _join_overlaps(results: list[Any]) -> list[Any]:
    """Names that overlap, joined into one spanning both, with the better score."""
    joined: list[Any] = []
    for r in sorted(results, key=lambda r: (r.entity_type, r.start, -r.end)):
        last = joined[-1] if joined else None
        if last is not None and r.entity_type == last.entity_type == "PERSON" and r.start < last.end:
            if r.end > last.end or r.score > last.score:
                joined[-1] = copy.copy(last)
                joined[-1].end, joined[-1].score = max(last.end, r.end), max(last.score, r.score)
            continue
        joined.append(r)
    return joined


def _link_dates_to_names(text: str, results: list[Any], threshold: float) -> None:
    """Raise a date that follows a name, with at most a few spaces and one of , ( / - between them, to a birth date."""
    name_ends = {r.end for r in results if r.entity_type == "PERSON" and r.score >= threshold
                 and len(text[r.start:r.end].split()) >= 2}  # a full name, not "Herrn Koch"
    if not name_ends:
        return
    for r in results:
        if r.entity_type != "DATE_OF_BIRTH" or r.score >= LINKED_SCORE or not _DATE_CLOSES.match(text, r.end):
            continue
        i, mark = r.start, False
        while i not in name_ends and i > 0 and r.start - i < MAX_NAME_TO_DATE:
            c = text[i - 1]
            if c in " \t":
                i -= 1
            elif c in NAME_TO_DATE_MARKS and not mark:
                i, mark = i - 1, True
            else:
                break
        if i in name_ends:
            r.score = LINKED_SCORE


def _normalise(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value.casefold())
