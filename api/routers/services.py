"""`GET /api/v1/services/{id}`: one corpus document as stored (front matter fields and body)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import AssistantDep
from api.errors import ApiError

router = APIRouter(prefix="/api/v1", tags=["Leistungen"])


@router.get("/services", summary="Alle Dokumente auflisten")
async def list_services(assistant: AssistantDep) -> dict[str, Any]:
    """Id, Titel, Art und Link aller Dokumente, nach Titel sortiert."""
    docs = sorted(assistant.documents.values(), key=lambda d: d.title.lower())
    return {"services": [{"id": d.id, "title": d.title, "kind": d.kind, "url": d.url} for d in docs]}


@router.get("/services/{doc_id}", summary="Ein Dokument abrufen",
            responses={404: {"description": "Unbekannte Id"}})
async def get_service(doc_id: str, assistant: AssistantDep) -> dict[str, Any]:
    """Das Dokument mit allen Feldern (Kosten, Unterlagen, Fristen, Zuständigkeit, Quellen, Stand) und Text."""
    doc = assistant.documents.get(doc_id)
    if doc is None:
        raise ApiError(404, "not_found", "error_not_found")
    return {**doc.model_dump(mode="json", exclude={"path"}), "url": doc.url}
