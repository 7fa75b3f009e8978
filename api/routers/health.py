"""Probes and metrics: `/healthz` (process alive), `/readyz` (index and guardrails loaded; degraded LLM), `/metrics`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from api.deps import MetricsDep
from assistant.pipeline import PassThroughInputGuard

router = APIRouter(tags=["Betrieb"])


@router.get("/healthz", summary="Lebt der Prozess?")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Sind Index und Schutzregeln geladen?",
            responses={503: {"description": "Startet noch oder Laden fehlgeschlagen"}})
async def readyz(request: Request, metrics: MetricsDep) -> JSONResponse:
    """200 when citizens can be answered. With a language model that fails or was not loaded the service still
    answers (extractively): 200 with `"degraded": true` and the model's state under `llm`."""
    state = request.app.state
    status = readiness(state.assistant, state.settings.guardrails.enabled, state.build_error,
                       state.settings.llm.backend)
    metrics.ready.set(1 if status["ready"] else 0)
    return JSONResponse(status, status_code=200 if status["ready"] else 503)


@router.get("/metrics", summary="Prometheus-Metriken", response_class=Response)
async def prometheus(request: Request, metrics: MetricsDep) -> Response:
    metrics.refresh_llm(getattr(request.app.state.assistant, "generator", None))
    return Response(metrics.render(), media_type=metrics.content_type)


def readiness(assistant: Any, guardrails_enabled: bool, build_error: str | None,
              configured_backend: str = "extractive") -> dict[str, Any]:
    if assistant is None:
        return {"ready": False, "status": "failed" if build_error else "starting", "reason": build_error}
    guard = assistant.input_guard
    guard_loaded = not isinstance(guard, PassThroughInputGuard)
    ready = guard_loaded or not guardrails_enabled
    llm = llm_health(assistant.generator, configured_backend)
    return {"ready": ready, "status": "ready" if ready else "guardrails_missing",
            "degraded": llm["state"] != "ok",
            "documents": len(assistant.documents), "generator": getattr(assistant.generator, "name", "unknown"),
            "retriever": type(assistant.retriever).__name__,
            "guardrails": type(guard).__name__ if guard_loaded else "disabled", "llm": llm}


def llm_health(generator: Any, configured_backend: str) -> dict[str, Any]:
    """The language model's state: ok, degraded (circuit open or half-open) or not_loaded (answering extractively
    because the configured backend could not be loaded at start)."""
    health = getattr(generator, "health", None)
    if callable(health):
        return health()
    if configured_backend != "extractive":
        return {"backend": configured_backend, "state": "not_loaded"}
    return {"backend": "extractive", "state": "ok"}
