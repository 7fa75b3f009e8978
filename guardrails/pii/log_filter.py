"""`PiiLogFilter`: a logging filter that redacts every record before any handler writes it.

Attach it to the handlers (not only to a logger: filters on a logger do not see records propagated from
child loggers), so that even a mistaken `log.info("user said %s", text)` cannot write personal data.
The message is formatted with its args, redacted, and stored back without args; exception text is
formatted and redacted too.

Every process needs it: logging is configured per process, and `serve` with several workers runs each worker in a
fresh interpreter (uvicorn spawns them), whose records otherwise went to Python's last-resort handler unfiltered.
`install()` puts one filter on every handler of the process (the root's, every logger's, the last-resort one),
or binds the filters already there to a better redactor: assistant/logs.py installs a pattern-only redactor when a
process starts, and the guardrails bind the full German redactor once it is loaded.
"""

from __future__ import annotations

import logging
import threading

from guardrails.protocols import Redactor


class PiiLogFilter(logging.Filter):
    def __init__(self, redactor: Redactor, name: str = "") -> None:
        super().__init__(name)
        self.redactor = redactor
        self._busy = threading.local()

    def bind(self, redactor: Redactor) -> None:
        """Redact with `redactor` from now on (the full redactor, once a process has loaded it)."""
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        # The redactor's own libraries may log while it runs; those records pass unredacted-by-recursion
        # only because they never carry the input text (Presidio logs decisions only when asked to).
        if getattr(self._busy, "active", False) or getattr(record, "_pii_redacted", False):
            return True  # a record reaching several handlers is redacted once
        self._busy.active = True
        try:
            record.msg = self.redactor.redact(record.getMessage())[0]
            record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = self.redactor.redact(record.exc_text)[0]
                record.exc_info = None
            if record.stack_info:
                record.stack_info = self.redactor.redact(record.stack_info)[0]
            record._pii_redacted = True
        finally:
            self._busy.active = False
        return True


def install(redactor: Redactor, logger: logging.Logger | None = None, rebind: bool = True) -> PiiLogFilter:
    """Redact every record of this process with `redactor`: the filters already on its handlers are bound to it
    (unless `rebind` is false), and handlers without one get one. `logger` limits this to that logger's handlers."""
    handlers = logger.handlers if logger is not None else _all_handlers()
    existing = [f for h in handlers for f in h.filters if isinstance(f, PiiLogFilter)]
    log_filter = existing[0] if existing else PiiLogFilter(redactor)
    for f in existing if rebind else ():
        f.bind(redactor)
    for handler in handlers:
        if not any(isinstance(f, PiiLogFilter) for f in handler.filters):
            handler.addFilter(log_filter)
    return log_filter


def _all_handlers() -> list[logging.Handler]:
    """The root's handlers, every named logger's, and the last-resort handler (records of loggers without any)."""
    loggers = [logging.getLogger(), *(lg for lg in logging.Logger.manager.loggerDict.values()
                                      if isinstance(lg, logging.Logger))]
    handlers = {id(h): h for lg in loggers for h in lg.handlers}
    if logging.lastResort is not None:
        handlers[id(logging.lastResort)] = logging.lastResort
    return list(handlers.values())
