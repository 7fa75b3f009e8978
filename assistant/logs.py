"""Logging of one process: one stderr handler on the root logger, uvicorn's loggers through it, personal data
redacted from every record.

Called at the start of every process that logs: the command line (`cli`) and each worker of `serve`
(`api.app.create_worker_app`), which uvicorn starts as a fresh interpreter. uvicorn is told not to configure logging
itself (`log_config=None`), so its server, error and access loggers have no handlers of their own and reach the
root handler, where the PII filter sits. Until the guardrails load the German redactor and bind the filter to it
(assistant.build), fixed-shape identifiers are redacted by pattern (guardrails.pii.shapes).
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"  # several workers write one log
OWN_HANDLER = "_buergerassistent_handler"  # marks the handler set-up added, so a second set-up finds it
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


def setup_logging(level: str | int = "INFO") -> None:
    """Idempotent: a second call changes the level only."""
    from guardrails.pii.log_filter import install
    from guardrails.pii.shapes import ShapeRedactor

    root = logging.getLogger()
    if not any(getattr(h, OWN_HANDLER, False) for h in root.handlers):  # others' handlers (a test runner's) stay
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        setattr(handler, OWN_HANDLER, True)
        root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else getattr(logging, str(level).upper(), logging.INFO))
    for name in UVICORN_LOGGERS:
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers = []  # through the root handler (uvicorn drops the access log when off) ...
        uvicorn_logger.propagate = True  # ... also after uvicorn's own dictConfig ran in this process
        uvicorn_logger.disabled = False
    install(ShapeRedactor(), rebind=False)  # a filter already bound to the full redactor keeps it
