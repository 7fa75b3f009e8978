"""Process logging: every handler of a process (root, uvicorn's loggers, the last resort) redacts personal data;
the pattern redactor holds until the full one is bound, and a second set-up never downgrades it."""

import io
import logging

import pytest

from assistant.logs import OWN_HANDLER, UVICORN_LOGGERS, setup_logging
from guardrails.pii.log_filter import PiiLogFilter, install
from guardrails.pii.shapes import ShapeRedactor
from tests.fakes import RegexRedactor

LINE = "upstream failure: IBAN DE89 3704 0044 0532 0130 00, mail anna.vogel@example.org, Handy 0171 2345678"


@pytest.mark.parametrize("text, expected", [
    (LINE, "upstream failure: IBAN <IBAN_1>, mail <EMAIL_1>, Handy <PHONE_1>"),
    ("+49 (0)171 2345678 und 01712345678", "<PHONE_1> und <PHONE_2>"),
    ('127.0.0.1:54321 - "GET /api/v1/chat HTTP/1.1" 200', '127.0.0.1:54321 - "GET /api/v1/chat HTTP/1.1" 200'),
    ("Child process [1234567] died; latency_ms=1234.5 at 2026-01-01", None),
])
def test_shape_redactor_takes_identifiers_with_a_fixed_shape_only(text, expected):
    assert ShapeRedactor().redact(text)[0] == (text if expected is None else expected)


@pytest.fixture()
def fresh_logging():
    """This test process's logging as it was, restored afterwards (the tests change the root and uvicorn loggers).
    During the test no handler carries a PII filter from earlier tests, and uvicorn's loggers are as another test's
    in-process uvicorn (its own dictConfig) may have left them: not propagating."""
    root = logging.getLogger()
    loggers = [root, *(lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger))]
    handlers = {id(h): h for lg in loggers for h in lg.handlers}
    handlers[id(logging.lastResort)] = logging.lastResort
    saved_filters = {key: list(h.filters) for key, h in handlers.items()}
    for h in handlers.values():
        h.filters = [f for f in h.filters if not isinstance(f, PiiLogFilter)]
    saved = (list(root.handlers), root.level,
             {name: (list(logging.getLogger(name).handlers), logging.getLogger(name).propagate,
                     logging.getLogger(name).level) for name in UVICORN_LOGGERS})
    root.handlers = []
    for name in UVICORN_LOGGERS:  # an in-process uvicorn of another test may have set its --log-level here
        logging.getLogger(name).setLevel(logging.NOTSET)
    logging.getLogger("uvicorn").propagate = False  # what uvicorn's default logging config does
    yield
    root.handlers, root.level = saved[0], saved[1]
    for name, (uv_handlers, propagate, level) in saved[2].items():
        uv = logging.getLogger(name)
        uv.handlers, uv.propagate = uv_handlers, propagate
        uv.setLevel(level)
    for key, h in handlers.items():
        h.filters = saved_filters[key]


def captured() -> io.StringIO:
    stream = io.StringIO()
    [own] = [h for h in logging.getLogger().handlers if getattr(h, OWN_HANDLER, False)]
    own.setStream(stream)
    return stream


def test_every_record_of_the_process_is_redacted_also_uvicorns(fresh_logging):
    logging.getLogger("uvicorn.error").addHandler(logging.StreamHandler(io.StringIO()))  # as uvicorn's own config
    setup_logging("INFO")
    out = captured()
    assert logging.getLogger("uvicorn.error").handlers == []  # through the root handler, where the filter is
    logging.getLogger("assistant.pipeline").warning("generator failed (%s)", LINE)
    logging.getLogger("uvicorn.error").error("Exception in ASGI application", exc_info=ValueError(LINE))
    logging.getLogger("uvicorn.access").info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET",
                                             "/api/v1/services/anna.vogel@example.org", "1.1", 404)
    text = out.getvalue()
    assert "generator failed" in text and "ValueError" in text and "GET /api/v1/services/<EMAIL_1>" in text
    assert "anna.vogel" not in text and "DE89" not in text and "2345678" not in text


def test_a_logger_without_handlers_reaches_the_last_resort_redacted(fresh_logging, capsys):
    setup_logging("INFO")
    lonely = logging.getLogger("test.lonely")
    lonely.propagate = False
    try:
        lonely.warning("mail %s", "anna.vogel@example.org")
    finally:
        lonely.propagate = True
    assert "<EMAIL_1>" in capsys.readouterr().err


def test_the_full_redactor_is_bound_and_a_later_set_up_keeps_it(fresh_logging):
    class Full(RegexRedactor):
        def redact(self, text):
            return super().redact(text.replace("Anna Vogel", "<PERSON_1>"))

    setup_logging("INFO")
    install(Full())  # what assistant.build does once the guardrails are loaded
    setup_logging("DEBUG")  # e.g. a worker calling set-up again: must not fall back to patterns only
    out = captured()
    logging.getLogger("x").warning("Anna Vogel wrote")
    assert "<PERSON_1> wrote" in out.getvalue()
    [own] = [h for h in logging.getLogger().handlers if getattr(h, OWN_HANDLER, False)]
    filters = [f for f in own.filters if isinstance(f, PiiLogFilter)]
    assert len(filters) == 1 and isinstance(filters[0].redactor, Full)
    assert logging.getLogger().level == logging.DEBUG
