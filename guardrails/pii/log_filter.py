"""`PiiLogFilter`: a logging filter that redacts every record before any handler writes it.

Attach it to the handlers (not only to a logger: filters on a logger do not see records propagated from
child loggers), so that even a mistaken `log.info("user said %s", text)` cannot write personal data.
The message is formatted with its args, redacted, and stored back without args; exception text is
formatted and redacted too.
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

    def filter(self, record: logging.LogRecord) -> bool:
        # The redactor's own libraries may log while it runs; those records pass unredacted-by-recursion
        # only because they never carry the input text (Presidio logs decisions only when asked to).
        if getattr(self._busy, "active", False):
            return True
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
        finally:
            self._busy.active = False
        return True


def install(redactor: Redactor, logger: logging.Logger | None = None) -> PiiLogFilter:
    """Add one filter to every handler of `logger` (default: the root logger); returns the filter."""
    target = logger or logging.getLogger()
    log_filter = PiiLogFilter(redactor)
    for handler in target.handlers:
        handler.addFilter(log_filter)
    return log_filter
