"""`POST /api/v1/feedback` (citizens' thumbs) and `GET /api/v1/feedback` (staff export)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Query, Request

from api.deps import AssistantDep, FeedbackStoreDep, MetricsDep, SettingsDep, StaffKey
from api.errors import ApiError, request_id_of
from api.limits import optional_text
from api.schemas import FeedbackRequest
from corpus.errors import BackendUnavailable, SessionExpired

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["Rückmeldungen"])


@router.post("/feedback", status_code=201, summary="Rückmeldung zu einer Antwort", responses={
    404: {"description": "Gespräch unbekannt oder abgelaufen (`session_not_found`)"},
    503: {"description": "Die Datenbank ist gerade nicht erreichbar; die Rückmeldung wurde nicht gespeichert"}})
def add_feedback(body: FeedbackRequest, request: Request, store: FeedbackStoreDep, settings: SettingsDep,
                 metrics: MetricsDep, assistant: AssistantDep) -> dict[str, Any]:
    """Speichert Daumen hoch/runter zu einem bestehenden Gespräch. Ein Kommentar wird vorher um persönliche Daten
    bereinigt; geht das nicht, wird er verworfen. Gespeichert werden Zeit, ein Hash der Gesprächs-Id, Bewertung und
    bereinigter Kommentar."""
    if assistant.sessions.get(body.session_id) is None:  # feedback only for conversations that took place
        raise SessionExpired("feedback for a session the store does not know")
    comment = _redacted(optional_text(body.comment, settings.api.max_feedback_chars), request)
    rating = 1 if body.rating == "up" else -1
    try:
        row_id = store.add(body.session_id, rating, comment)
    except BackendUnavailable as exc:  # the citizen is told it was not stored; nothing is dropped silently
        log.error("feedback not stored (request %s): %s; answered 503", request_id_of(request), exc)
        metrics.store_unavailable.labels("feedback").inc()
        raise ApiError(503, "feedback_unavailable", "error_feedback_unavailable", headers={"Retry-After": "60"})
    metrics.feedback.labels(body.rating).inc()
    return {"stored": True, "id": row_id, "comment_stored": comment is not None}


@router.get("/feedback", dependencies=[StaffKey], summary="Rückmeldungen exportieren (Mitarbeitende)")
def export_feedback(store: FeedbackStoreDep, limit: int = Query(100, ge=1, le=10_000)) -> dict[str, Any]:
    """Die neuesten Rückmeldungen (ohne personenbezogene Daten) und die Summen je Bewertung."""
    return {"summary": store.summary(), "feedback": [r.as_dict() for r in store.recent(limit)]}


def _redacted(comment: str | None, request: Request) -> str | None:
    """The comment with personal data replaced, or None when no redactor is loaded or it fails."""
    if comment is None:
        return None
    assistant = request.app.state.assistant
    redactor = getattr(getattr(assistant, "input_guard", None), "redactor", None)
    if redactor is None:
        log.info("feedback comment dropped: no redactor loaded")
        return None
    try:
        text, _ = redactor.redact(comment)
    except Exception as exc:  # data minimisation beats keeping a comment
        log.warning("feedback comment dropped: redactor failed with %s", type(exc).__name__)
        return None
    return text
