"""`ShapeRedactor`: identifiers with a fixed shape (e-mail address, IBAN, phone-like digit runs) by pattern alone.

For log records in a process that has no `PresidioRedactor` (yet): the supervisor of several `serve` workers, which
never receives a citizen's message, and every process until its guardrails are loaded. It loads nothing and costs
microseconds, and it cannot see names or addresses, so processes that handle messages bind their log filter to the
full redactor before the first request (guardrails.pii.log_filter.install).
"""

from __future__ import annotations

import re

from corpus.types import Redaction

_SHAPES = (
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}", re.IGNORECASE)),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?:[ \t]?[A-Z0-9]{4}){3,7}(?:[ \t]?[A-Z0-9]{1,3})?\b")),
    ("PHONE", re.compile(r"(?<![\w.:])(?:\+\d|0)(?:[ \t/()-]{0,2}\d){6,}(?![\w.:])")),  # German: 0… or +…
)


class ShapeRedactor:
    """Redactor protocol over `_SHAPES`; placeholders are typed and numbered like PresidioRedactor's."""

    def redact(self, text: str) -> tuple[str, list[Redaction]]:
        found: list[Redaction] = []
        for kind, pattern in _SHAPES:
            for m in pattern.finditer(text):
                if all(m.end() <= r.start or m.start() >= r.end for r in found):
                    found.append(Redaction(type=kind, start=m.start(), end=m.end()))
        counts: dict[str, int] = {}
        for r in sorted(found, key=lambda r: r.start):
            counts[r.type] = counts.get(r.type, 0) + 1
            r.placeholder = f"<{r.type}_{counts[r.type]}>"
        for r in sorted(found, key=lambda r: -r.start):
            text = text[:r.start] + r.placeholder + text[r.end:]
        return text, sorted(found, key=lambda r: r.start)
