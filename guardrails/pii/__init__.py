"""German PII detection and redaction on Presidio (see README.md in this folder)."""

from guardrails.pii.redactor import PresidioRedactor

__all__ = ["PresidioRedactor"]
