"""Probes and metrics: `/healthz` (process alive), `/readyz` (index and guardrails loaded), `/metrics`."""

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
    state = request.app.state
    status = readiness(state.assistant, state.settings.guardrails.enabled, state.build_error)
    metrics.ready.set(1 if status["ready"] else 0)
    return JSONResponse(status, status_code=200 if status["ready"] else 503)


@router.get("/metrics", summary="Prometheus-Metriken", response_class=Response)
async def prometheus(metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type=metrics.content_type)


def readiness(assistant: Any, guardrails_enabled: bool, build_error: str | None) -> dict[str, Any]:
    if assistant is None:
        return {"ready": False, "status": "failed" if build_error else "starting", "reason": build_error}
    guard = assistant.input_guard
    guard_loaded = not isinstance(guard, PassThroughInputGuard)
    ready = guard_loaded or not guardrails_enabled
    return {"ready": ready, "status": "ready" if ready else "guardrails_missing",
            "documents": len(assistant.documents), "generator": getattr(assistant.generator, "name", "unknown"),
            "retriever": type(assistant.retriever).__name__,
            "guardrails": type(guard).__name__ if guard_loaded else "disabled"}
