"""`buergerassistent serve [--host 127.0.0.1] [--port 8000]`: API and web pages with uvicorn.

The index is built (first run) or loaded and the guardrails and answer backend are loaded *before* the port
opens, so the first citizen never waits for a model, and the log says exactly what answers.
"""

from __future__ import annotations

import logging
import secrets
from typing import Optional

import typer

log = logging.getLogger("buergerassistent.serve")


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(host: Optional[str] = typer.Option(None, help="Interface to bind (default: settings, 127.0.0.1)."),
              port: Optional[int] = typer.Option(None, help="Port (default: settings, 8000)."),
              rebuild_index: bool = typer.Option(False, "--rebuild-index", help="Rebuild the index first.")) -> None:
        """Serve the chat page (/), the staff page (/staff), the API (/api/v1, /v1/chat/completions, /docs)."""
        import uvicorn

        from api.app import create_app, describe
        from assistant.build import build_assistant
        from assistant.settings import get_settings

        settings = get_settings()
        host = host or settings.api.host
        port = port or settings.api.port
        if not settings.api.staff_api_key:
            key = secrets.token_urlsafe(18)
            settings = settings.model_copy(update={"api": settings.api.model_copy(update={"staff_api_key": key})})
            typer.echo(f"BA_API__STAFF_API_KEY is not set; staff key for this run only: {key}", err=True)
        _log_configuration(settings)
        assistant = build_assistant(settings, rebuild_index=rebuild_index)
        log.info("in use: %s", describe(assistant))
        app = create_app(settings, assistant)
        log.info("serving on http://%s:%d  (chat /, staff /staff, API docs /docs)", host, port)
        uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), access_log=False,
                    server_header=False)


def _log_configuration(settings) -> None:
    llm, r = settings.llm, settings.retrieval
    where = {"llamacpp": f"model_path={llm.model_path}", "transformers": f"model_path={llm.model_path}",
             "openai": f"base_url={llm.base_url} model={llm.model}"}.get(llm.backend, "no model")
    log.info("answer backend: %s (%s); fallback: extractive composer", llm.backend, where)
    log.info("retrieval: lexical=%s dense=%s embedder=%s model=%s runtime=%s index=%s", r.lexical, r.dense,
             r.embedder, r.embedder_model, r.embedder_runtime, r.index_path)
    log.info("corpus: %s; guardrails: %s; feedback db: %s", settings.corpus.path,
             "on" if settings.guardrails.enabled else "policy off (redaction only)", settings.api.feedback_db)
