"""`POST /api/v1/chat`: one answer as JSON, or Server-Sent Events (`token` events, then `done`).

An LLM answer streams only in units that passed the output checks (assistant/stream_guard.py). When a later unit
fails, the stream stops there, a `replace` event tells the client to clear what it showed, and the tokens after it
and the `done` event carry the extractive answer. A client that ignores `replace` still shows only checked text,
and `done` always carries the final answer.
"""

from __future__ import annotations

from typing import Iterator

from fastapi import APIRouter, Request

from api.deps import AssistantDep, MetricsDep, SettingsDep, in_pipeline_pool
from api.errors import request_id_of
from api.limits import clean_text
from api.metrics import Metrics
from api.schemas import ChatRequest, ChatResponse
from api.sse import error_frame, frame, guarded, primed, sse_response
from assistant.pipeline import Event

router = APIRouter(prefix="/api/v1", tags=["Chat"])

ERRORS = {400: {"description": "Leere Nachricht oder kein gültiges JSON"},
          404: {"description": "Gespräch unbekannt oder abgelaufen (`session_not_found`): ohne session_id neu "
                               "beginnen"},
          413: {"description": "Nachricht oder Anfrage zu lang"}, 415: {"description": "Kein JSON"},
          422: {"description": "Felder fehlen oder sind ungültig"}, 429: {"description": "Zu viele Anfragen"}}


@router.post("/chat", response_model=ChatResponse, responses={
    200: {"description": "Die Antwort mit Quellen; mit `stream` als `text/event-stream`.",
          "content": {"text/event-stream": {"example": 'event: token\ndata: "Ein "\n\nevent: done\n'
                                                       'data: {"answer": "Ein Personalausweis …"}\n\n'}}},
    **ERRORS}, summary="Eine Frage stellen")
async def chat(body: ChatRequest, request: Request, assistant: AssistantDep, settings: SettingsDep,
               metrics: MetricsDep):
    """Beantwortet eine Frage mit Quellenangaben [n]. Die erste Antwort eines Gesprächs trägt den KI-Hinweis
    (`notice`). Mit `stream: true` oder `Accept: text/event-stream` kommen `token`-Ereignisse und zum Schluss
    ein `done`-Ereignis mit der vollständigen Antwort. Ein `replace`-Ereignis heißt: Der bisher gezeigte Text wird
    durch die folgenden `token`-Ereignisse ersetzt (eine Antwort des Sprachmodells hat die Prüfung nicht bestanden)."""
    text = clean_text(body.message, settings.api.max_message_chars)
    accept = request.headers.get("accept", "")
    if not (body.stream or "text/event-stream" in accept):
        answer = await in_pipeline_pool(request, assistant.answer, text, session_id=body.session_id)
        metrics.observe_answer(answer)
        return answer.to_response()
    events = await in_pipeline_pool(request, primed, assistant.stream(text, session_id=body.session_id))
    request_id = request_id_of(request)
    return sse_response(request, guarded(_frames(events, metrics), lambda: error_frame(request_id), request_id))


def _frames(events: Iterator[Event], metrics: Metrics) -> Iterator[str]:
    for event in events:
        if event.kind == "token":
            yield frame("token", event.data)
        elif event.kind == "replace":  # the tokens shown so far are not the answer; the ones that follow are
            yield frame("replace", {})
        elif event.kind == "done":
            metrics.observe_answer(event.data)
            yield frame("done", event.data.to_response())
