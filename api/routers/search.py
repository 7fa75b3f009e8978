"""`POST /api/v1/search` for call-centre staff: ranked passages with sections, and the answer the chat would give."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import AssistantDep, MetricsDep, SettingsDep, StaffKey, in_pipeline_pool
from api.limits import clean_text
from api.schemas import SearchRequest

router = APIRouter(prefix="/api/v1", tags=["Suche (Mitarbeitende)"])


@router.post("/search", dependencies=[StaffKey], summary="Im Wissensbestand suchen", responses={
    401: {"description": "Zugangsschlüssel fehlt oder ist falsch (`X-API-Key`)"}})
async def search(body: SearchRequest, request: Request, assistant: AssistantDep, settings: SettingsDep,
                 metrics: MetricsDep) -> dict[str, Any]:
    """Rangliste der passenden Dokumente mit Abschnitt, Ausschnitt und Link, wie `buergerassistent search`.
    Filter: `kind` (`service`, `strategy`) und `id_prefix`. Mit `answer: true` (Standard) zusätzlich die Antwort,
    die eine Bürgerin im Chat bekäme – zum Vorlesen oder Kopieren."""
    query = clean_text(body.query, settings.api.max_message_chars)
    retrieval = await in_pipeline_pool(request, assistant.retriever.retrieve, query, top_k=body.k,
                                       filters=body.filters.as_dict() if body.filters else None)
    results = [{"id": p.doc_id, "title": p.title, "score": round(float(p.score), 4), "section": p.section,
                "snippet": p.snippet, "url": p.url, "kind": p.kind, "passage": p.text or p.snippet}
               for p in retrieval.passages]
    response: dict[str, Any] = {"query": query, "results": results, "confident": retrieval.confident}
    if body.answer:
        answer = await in_pipeline_pool(request, assistant.answer, query)
        metrics.observe_answer(answer)
        response["answer"] = answer.to_response()
    return response
