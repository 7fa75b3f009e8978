"""Helpers for the PII recognizer tables."""


def found(redactor, text):
    """(type, value) of every finding of `redactor` in `text`, in order."""
    return [(r.type, text[r.start:r.end]) for r in redactor.redact(text)[1]]
