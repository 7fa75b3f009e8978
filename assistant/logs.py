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
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")


def setup_logging(level: str | int = "INFO") -> None:
    """Idempotent: a second call changes the level only."""
    from guardrails.pii.log_filter import install
    from guardrails.pii.shapes import ShapeRedactor

    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else getattr(logging, str(level).upper(), logging.INFO))
    for name in UVICORN_LOGGERS:
        logging.getLogger(name).handlers = []  # through the root handler (uvicorn drops the access log when off)
    install(ShapeRedactor(), rebind=False)  # a filter already bound to the full redactor keeps it
