"""`buergerassistent serve [--host 127.0.0.1] [--port 8000]`: API and web pages with uvicorn.

The index is built (first run) or loaded and the guardrails and answer backend are loaded *before* the port
opens, so the first citizen never waits for a model, and the log says exactly what answers. uvicorn does not
configure logging (`log_config=None`): its loggers, the access log included, go through the root handler that
assistant/logs.py set up with the PII filter, in this process and in every worker.
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
        from api.server import uvicorn_options
        from assistant.build import build_assistant
        from assistant.settings import default_workers, get_settings

        settings = get_settings()
        host = host or settings.api.host
        port = port or settings.api.port
        if not settings.api.staff_api_key:
            key = secrets.token_urlsafe(18)
            settings = settings.model_copy(update={"api": settings.api.model_copy(update={"staff_api_key": key})})
            typer.echo(f"BA_API__STAFF_API_KEY is not set; staff key for this run only: {key}", err=True)
        _log_configuration(settings)
        workers = settings.api.workers or default_workers()
        if workers > 1:
            settings = settings.model_copy(update={"api": settings.api.model_copy(update={"workers": workers})})
            _serve_workers(settings, host, port, rebuild_index)
            return
        assistant = build_assistant(settings, rebuild_index=rebuild_index)
        log.info("in use: %s", describe(assistant))
        app = create_app(settings, assistant)
        log.info("serving on http://%s:%d  (chat /, staff /staff, API docs /docs)", host, port)
        uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), log_config=None,
                    **{**uvicorn_options(settings.api), "access_log": settings.api.access_log},
                    **proxy_options(settings))


def _serve_workers(settings, host: str, port: int, rebuild_index: bool) -> None:
    """Several uvicorn worker processes on one socket (`BA_API__WORKERS`, by default one per CPU), each with its
    own assistant.

    The index is built or checked here once, so the workers only load it; what the workers must share comes to
    them through their environment: the staff key of this run, one audit salt (the same session hashes in every
    worker), the session file and the directory for their metrics.
    """
    import os
    import shutil

    import uvicorn

    from api.server import uvicorn_options
    from assistant.wiring import build_retriever

    build_retriever(settings, rebuild=rebuild_index)  # workers then load a current index; none rebuilds it
    metrics_dir = settings.api.metrics_dir
    shutil.rmtree(metrics_dir, ignore_errors=True)  # values of an earlier run's workers would be added up
    metrics_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update({
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "BA_API__STAFF_API_KEY": settings.api.staff_api_key or "",
        "BA_GUARDRAILS__AUDIT_SALT": settings.guardrails.audit_salt or secrets.token_hex(16),
        "BA_SESSION__BACKEND": "redis" if settings.session.backend == "redis" else "sqlite",
        "BA_API__WORKERS": str(settings.api.workers),
    })
    log.info("serving on http://%s:%d with %d workers", host, port, settings.api.workers)
    # uvicorn pings each worker every 0.5 s and kills one that does not answer within timeout_worker_healthcheck
    # (default 5 s). A worker loading its index and models on a busy machine missed that (load average 18 on 2
    # cores: every worker was killed while loading and restarted, over and over); 60 s still replaces a hung one.
    uvicorn.run("api.app:create_worker_app", factory=True, workers=settings.api.workers, host=host, port=port,
                log_level=settings.log_level.lower(), log_config=None,
                timeout_worker_healthcheck=settings.api.worker_healthcheck_s,
                **{**uvicorn_options(settings.api), "access_log": settings.api.access_log}, **proxy_options(settings))


def proxy_options(settings) -> dict:
    """uvicorn believes X-Forwarded-For/-Proto from the same proxies as the rate limit (`BA_API__TRUSTED_PROXIES`),
    and from none by default; left alone it would trust 127.0.0.1 (or $FORWARDED_ALLOW_IPS), so on a shared host
    any local process could claim to be any client."""
    trusted = settings.api.trusted_proxies
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": ",".join(trusted) if trusted else ""}


def _log_configuration(settings) -> None:
    llm, r = settings.llm, settings.retrieval
    where = {"llamacpp": f"model_path={llm.model_path}", "transformers": f"model_path={llm.model_path}",
             "openai": f"base_url={llm.base_url} model={llm.model}"}.get(llm.backend, "no model")
    log.info("answer backend: %s (%s); fallback: extractive composer", llm.backend, where)
    model = (f" model={r.embedder_model} runtime={r.embedder_runtime}"  # the model settings of sentence-transformers
             if r.embedder == "sentence-transformers" else "")  # the package embedders carry their model
    log.info("retrieval: lexical=%s dense=%s embedder=%s%s index=%s", r.lexical, r.dense, r.embedder, model,
             r.index_path)
    log.info("corpus: %s; guardrails: %s", settings.corpus.path,
             "on" if settings.guardrails.enabled else "policy off (redaction only)")
    log.info("stores: %s", describe_stores(settings))


def describe_stores(settings) -> str:
    """Where sessions, the rate limit, feedback and the audit log live, servers named without passwords."""
    from assistant.server_url import safe_url

    api, g = settings.api, settings.guardrails
    redis = safe_url(settings.redis.url) if settings.redis.url else None
    pg = safe_url(settings.postgres.url) if settings.postgres.url else None
    workers = api.workers or 1
    sessions = {"redis": f"redis {redis}", "memory": "in process"}.get(settings.session.backend,
                                                                       f"sqlite {settings.session.path}")
    if settings.session.backend == "memory" and workers > 1:
        sessions = f"sqlite {settings.session.path}"
    limit = f"redis {redis}" if api.rate_limit_backend == "redis" else "in process (per worker)"
    feedback = f"postgres {pg}" if api.feedback_backend == "postgres" else f"sqlite {api.feedback_db}"
    audit = f"postgres {pg}" if g.audit_backend == "postgres" else (f"file {g.audit_log}" if g.audit_log else "off")
    proxies = ", ".join(api.trusted_proxies) or "none"
    return (f"sessions={sessions}; rate limit={limit}; feedback={feedback}; audit={audit}; "
            f"trusted proxies={proxies}")
