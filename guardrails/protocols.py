"""One small interface per guardrail role."""

from __future__ import annotations

from typing import Protocol, Sequence

from corpus.types import Checked, Draft, Passage, Question, Redaction, Verdict


class Redactor(Protocol):
    """Replaces personal data with typed placeholders (<PERSON_1>); returns the text and what was replaced."""

    def redact(self, text: str) -> tuple[str, list[Redaction]]: ...


class InputGuard(Protocol):
    """Redacts the question and applies the policy; a non-PASS outcome carries its canned German reply."""

    def check(self, question: Question) -> Checked: ...


class OutputGuard(Protocol):
    """Checks a draft answer (grounding, citations, PII, prompt leaks) before it reaches the citizen."""

    def check(self, draft: Draft, passages: Sequence[Passage]) -> Verdict: ...
