"""The FastAPI service: citizen chat, staff search, documents, feedback, probes, metrics, OpenAI-compatible chat.

`create_app(settings, assistant=None)` is the only constructor. Given an assistant it serves at once; without one
the lifespan builds it (index, guardrails, backend) in a background thread, and `/readyz` says 503 until it is
there, so an orchestrator never routes citizens to a half-loaded process.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api.body_deadline import BodyDeadlineMiddleware
from api.client_address import TrustedProxies
from api.errors import install_error_handlers
from api.headers import SecurityHeadersMiddleware
from api.limits import RequestLimitsMiddleware
from api.metrics import Metrics, MetricsMiddleware
from api.pipeline_pool import PipelinePool
from api.routers import chat, feedback, health, openai_compat, pages, search, services
from api.routers.pages import STATIC
from api.stores import build_feedback_store, build_rate_limiter
from assistant.pipeline import Assistant
from assistant.settings import Settings

log = logging.getLogger(__name__)

DESCRIPTION = """Der Bürgerassistent der {official_name} beantwortet Fragen zu Bürgerservices und zur Smart-City-Strategie
mit Quellenangaben. Persönliche Daten werden vor der Verarbeitung entfernt.

* **Chat** für Bürgerinnen und Bürger: `POST /api/v1/chat` (JSON oder Server-Sent Events).
* **Suche** für Mitarbeitende des Bürgerservice: `POST /api/v1/search` (Zugangsschlüssel im Header `X-API-Key`).
* **OpenAI-kompatibel**: `POST /v1/chat/completions` für Open WebUI und andere Chat-Oberflächen.

Fehler kommen als `{"error": {"code", "message", "request_id"}}` mit deutscher Meldung."""

TAGS = [{"name": "Chat", "description": "Fragen stellen, Antworten mit Quellen"},
        {"name": "Suche (Mitarbeitende)", "description": "Treffer mit Abschnitten; braucht den Zugangsschlüssel"},
        {"name": "Leistungen", "description": "Die Dokumente des Wissensbestands"},
        {"name": "Rückmeldungen", "description": "Daumen hoch/runter, Export für Mitarbeitende"},
        {"name": "OpenAI-kompatibel", "description": "Für Open WebUI und OpenAI-Clients"},
        {"name": "Betrieb", "description": "Health, Readiness, Prometheus-Metriken"}]


def create_app(settings: Settings, assistant: Assistant | None = None,
               build: Callable[[Settings], Assistant] | None = None, preload: bool = False) -> FastAPI:
    """The app for `settings`; `assistant` skips loading, `build` replaces `assistant.build.build_assistant`.

    Without an assistant it is built in the background while the probes answer, or, with `preload` (a worker
    of several sharing one socket), before the app takes its first request, so no citizen meets a loading worker.
    """
    from assistant.build import configure_city

    api = settings.api
    city = configure_city(settings)  # BA_CITY__PROFILE: every page, text and example names this city
    # redirect_slashes=False: Starlette's redirect from `/path/` to `/path` is built from the Host header, so any
    # client could make the service send its visitors elsewhere; paths are exact instead (a trailing slash is 404).
    app = FastAPI(title=f"Bürgerassistent {city.name} – API", version="1.0", description=city.render(DESCRIPTION),
                  openapi_tags=TAGS, lifespan=_lifespan(build, preload), redirect_slashes=False,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json" if api.docs_enabled else None)
    app.state.settings = settings
    app.state.city = city
    app.state.model_id = model_id(settings, city)
    app.state.pages = {}  # rendered on first request (api/city_pages.py)
    app.state.assistant = assistant
    app.state.build_error = None
    app.state.metrics = metrics = Metrics(api.metrics_dir if api.workers > 1 else None)
    app.state.feedback_store = build_feedback_store(settings)
    if assistant is not None:
        watch_audit(assistant, metrics)
        metrics.watch_llm(getattr(assistant, "generator", None))

    install_error_handlers(app)
    for module in (chat, search, services, feedback, openai_compat, health, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if api.docs_enabled:
        _install_docs(app)
        _city_examples(app, {**city.values(), "model_id": app.state.model_id})

    limiter = build_rate_limiter(settings, on_error=metrics.store_unavailable.labels("rate_limit").inc)
    app.add_middleware(RequestLimitsMiddleware, limiter=limiter, max_body_bytes=api.max_body_bytes,
                       on_limited=metrics.rate_limited.inc, proxies=TrustedProxies(api.trusted_proxies))
    app.add_middleware(BodyDeadlineMiddleware, timeout_s=api.body_timeout_s)
    if api.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=api.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "Accept", "X-API-Key", "Authorization", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "Retry-After"], max_age=600)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(SecurityHeadersMiddleware, frame_ancestors=api.cors_origins)
    return app


def model_id(settings: Settings, city: Any) -> str:
    """The model id the OpenAI-compatible endpoint reports: `api.model_name`, else "buergerassistent-<city>"."""
    return settings.api.model_name or f"buergerassistent-{city.slug}"


def _city_examples(app: FastAPI, values: dict[str, str]) -> None:
    """The OpenAPI examples (api/schemas.py) say {official_name}, {website}, {model_id}: filled in from the city
    profile when the schema is first built."""
    import json

    build_schema = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            text = json.dumps(build_schema(), ensure_ascii=False)
            for key, value in values.items():
                text = text.replace("{" + key + "}", json.dumps(value, ensure_ascii=False)[1:-1])
            app.openapi_schema = json.loads(text)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from the files shipped in the fastapi-offline package (MIT): no
    CDN, so both work offline and inside a city network without internet access."""
    from pathlib import Path

    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html

    app.mount(DOCS_ASSETS, StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"),
              name="docs-assets")
    openapi_url, title = app.openapi_url or "/openapi.json", f"{app.title} – Dokumentation"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> Any:
        return get_swagger_ui_html(openapi_url=openapi_url, title=title,
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> Any:
        return get_redoc_html(openapi_url=openapi_url, title=title, redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png", with_google_fonts=False)


DOCS_ASSETS = "/docs-assets"


def _lifespan(build: Callable[[Settings], Assistant] | None, preload: bool = False):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(app.state.feedback_store.open)  # PostgreSQL: migrations, a network call
        api = app.state.settings.api
        app.state.pipeline_pool = PipelinePool(api.pipeline_concurrency, api.pipeline_threads)
        if app.state.assistant is None and preload:
            await anyio.to_thread.run_sync(_load, app, build)
        elif app.state.assistant is None:
            threading.Thread(target=_load, args=(app, build), name="assistant-loader", daemon=True).start()
        else:
            await anyio.to_thread.run_sync(warm_up, app.state.assistant)
            log.info("assistant ready: %s", describe(app.state.assistant))
        try:
            yield
        finally:
            app.state.feedback_store.close()
            audit = getattr(app.state.assistant, "audit", None)
            if audit is not None:
                await anyio.to_thread.run_sync(audit.close)  # a buffering audit sink writes what waits

    return lifespan


def _load(app: FastAPI, build: Callable[[Settings], Assistant] | None) -> None:
    """Build the assistant off the event loop; the probes answer meanwhile."""
    try:
        if build is None:
            from assistant.build import build_assistant as build
        log.info("loading the index, guardrails and answer backend ...")
        assistant = build(app.state.settings)
        warm_up(assistant)
        watch_audit(assistant, app.state.metrics)
        app.state.metrics.watch_llm(assistant.generator)
        app.state.assistant = assistant
        app.state.metrics.ready.set(1)
        log.info("assistant ready: %s", describe(app.state.assistant))
    except Exception as exc:
        app.state.build_error = type(exc).__name__
        log.exception("could not load the assistant; /readyz stays 503")


def watch_audit(assistant: Assistant, metrics: Metrics) -> None:
    """Let a buffering audit sink (PostgreSQL) report its queue and drops to /metrics."""
    sink = getattr(getattr(assistant, "audit", None), "sink", None)
    if hasattr(sink, "listen"):
        sink.listen(metrics.audit_buffered.set, metrics.audit_dropped.inc)


def warm_up(assistant: Assistant) -> None:
    """Run one retrieval, one input check and one readability score so lazily loaded models (embedder, NER, the
    hyphenation dictionary: ~0.6 s) load before the first citizen arrives, not while fifty wait, and give the
    extractive composer the vectors of the sentences it may quote (read from the embedding cache that `index`
    filled). None of the calls touches sessions or the audit log."""
    from assistant.readability import readability
    from corpus.types import Question

    try:
        assistant.retriever.retrieve("Personalausweis beantragen", top_k=1)
        assistant.input_guard.check(Question(text="Wie beantrage ich einen Personalausweis?"))
        readability("Den Personalausweis beantragen Sie im Bürgerbüro. Bringen Sie ein biometrisches Foto mit.")
        composers = {id(p): p for p in (assistant.generator, getattr(assistant, "fallback", None))
                     if hasattr(p, "warm_up")}
        for composer in composers.values():  # the sentences the composer may quote, from the embedding cache
            composer.warm_up(progress=False)
    except Exception as exc:  # best effort: the first real request loads what is still missing
        log.warning("warm-up failed with %s; models load on the first request instead", type(exc).__name__)


def describe(assistant: Assistant) -> dict[str, Any]:
    """What is in use, for the start-up log: generator, retriever and its embedder, guardrails, documents."""
    def name(part: Any) -> str | None:
        return None if part is None else getattr(part, "name", None) or type(part).__name__

    retriever = getattr(assistant, "retriever", None)
    return {"generator": name(getattr(assistant, "generator", None)),
            "fallback": name(getattr(assistant, "fallback", None)),
            "retriever": type(retriever).__name__ if retriever is not None else None,
            "embedder": name(getattr(retriever, "embedder", None)),
            "guardrails": type(getattr(assistant, "input_guard", None)).__name__,
            "output_guard": type(getattr(assistant, "output_guard", None)).__name__,
            "documents": len(getattr(assistant, "documents", {}))}


def create_worker_app() -> FastAPI:
    """The app of one worker process of `buergerassistent serve` with `BA_API__WORKERS` > 1 (a uvicorn factory):
    settings from the environment `serve` passed on, logging with the PII filter set up, the assistant loaded (and
    the filter bound to its redactor) before the worker takes requests."""
    from assistant.logs import setup_logging
    from assistant.settings import get_settings

    settings = get_settings()
    setup_logging(settings.log_level)  # a fresh interpreter: nothing of the parent's logging set-up is here
    return create_app(settings, preload=True)
