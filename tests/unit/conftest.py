"""Fixtures shared by the unit tests."""

import pytest


@pytest.fixture(scope="session")
def redactor():
    """The real German PII redactor, loaded once for every test that asks for it."""
    from guardrails.pii import PresidioRedactor

    r = PresidioRedactor()
    r.load()
    return r
