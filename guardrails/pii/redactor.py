"""`PresidioRedactor`: German personal data -> typed, numbered placeholders (<PERSON_1>, <IBAN_1>).

The redacted text is what retrieval, generation, session storage and logs see; the original text is never
kept by this class. The same value gets the same placeholder within one call, so "Frau Vogel ... Frau
Vogel" stays readable as "<PERSON_1> ... <PERSON_1>". Overlapping findings are resolved by score, then by
length (the full address wins over its postcode).
"""

from __future__ import annotations

import re
import threading
from typing import Any, Sequence

from corpus.types import Redaction

DEFAULT_THRESHOLD = 0.5


class PresidioRedactor:
    """Redactor on a Presidio `AnalyzerEngine` with our German recognizers; the analyzer loads lazily."""

    def __init__(self, recognizers: Sequence[str] | None = None, score_threshold: float = DEFAULT_THRESHOLD,
                 public_numbers: Sequence[str] | None = None, public_addresses: Sequence[str] | None = None
                 ) -> None:
        if not 0.0 <= score_threshold <= 1.0:
            raise ValueError(f"score_threshold must be within [0, 1], got {score_threshold}")
        self.recognizers = tuple(recognizers) if recognizers is not None else None
        self.score_threshold = score_threshold
        self._options: dict[str, Any] = {
            "public_numbers": tuple(public_numbers) if public_numbers is not None else None,
            "public_addresses": tuple(public_addresses) if public_addresses is not None else None}
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
        results = self._analyzer.analyze(text=text, language="de", score_threshold=self.score_threshold)
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


def _normalise(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value.casefold())
