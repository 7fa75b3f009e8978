"""OpenAI-compatible `POST /v1/chat/completions` and `GET /v1/models`, so Open WebUI or any OpenAI client connects.

Stateless like the OpenAI API: the earlier user messages of `messages` are the history, the last one is the
question. System messages are ignored on purpose: a client cannot replace the assistant's rules. Sources are
appended as a numbered list so chat front ends show them; the full chat response rides along as `buergerassistent`.

Streamed, a chunk never carries text that is later taken back: an OpenAI client keeps every chunk in its transcript.
The pipeline sends an LLM answer only in units that passed the output checks (assistant/stream_guard.py). When a
later unit fails, the answer so far stays (it passed every check) and the extractive answer follows it, introduced
by one German line; `buergerassistent.answer` holds that extractive answer and `meta.replaced_stream` is set. The
alternative, ending the stream there, would leave the citizen with half an answer.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Iterator

from fastapi import APIRouter, Request

from api.deps import AssistantDep, MetricsDep, SettingsDep, in_pipeline_pool
from api.errors import ApiError, request_id_of
from api.limits import clean_text
from api.metrics import Metrics
from api.schemas import OpenAIChatRequest
from api.sse import frame, guarded, primed, sse_response
from assistant.messages import message
from assistant.pipeline import Event
from corpus.types import Answer

router = APIRouter(prefix="/v1", tags=["OpenAI-kompatibel"])

MAX_HISTORY = 6


@router.get("/models", summary="Verfügbare Modelle (OpenAI-Format)")
async def models(request: Request) -> dict[str, Any]:
    # One model, named after the city's profile ("buergerassistent-<city>", owned by "stadt-<city>") unless
    # `api.model_name` names it.
    from corpus.city import slugify

    return {"object": "list", "data": [{"id": request.app.state.model_id, "object": "model", "created": 0,
                                        "owned_by": slugify(request.app.state.city.display_name)}]}


@router.post("/chat/completions", summary="Chat im OpenAI-Format (auch mit stream)")
async def chat_completions(body: OpenAIChatRequest, request: Request, assistant: AssistantDep,
                           settings: SettingsDep, metrics: MetricsDep):
    """Die letzte `user`-Nachricht ist die Frage, frühere `user`-Nachrichten sind der Verlauf für Rückfragen.
    Antwortet wie `/api/v1/chat`, mit angehängter Quellenliste."""
    limit = settings.api.max_message_chars
    last = body.messages[-1]
    if last.role != "user":
        raise ApiError(400, "no_user_message", "error_no_user_message")
    question = clean_text(last.text(), limit)
    history = [clean_text(m.text(), limit) for m in body.messages[:-1] if m.role == "user" and m.text().strip()]
    history = history[-MAX_HISTORY:]
    model = request.app.state.model_id
    completion_id = "chatcmpl-" + secrets.token_hex(12)
    if not body.stream:
        answer = await in_pipeline_pool(request, assistant.answer, question, history=history)
        metrics.observe_answer(answer)
        return _completion(completion_id, model, answer)
    events = await in_pipeline_pool(request, primed, assistant.stream(question, history=history))
    request_id = request_id_of(request)
    frames = _chunks(completion_id, model, events, metrics)
    return sse_response(request, guarded(frames, lambda: _error_chunk(completion_id, model), request_id))


def render(answer: Answer) -> str:
    """The answer as a chat front end shows it: notice, text, numbered sources."""
    parts = [f"_{answer.notice}_"] if answer.notice else []
    parts.append(answer.text)
    parts.extend(_source_lines(answer))
    return "\n\n".join(parts)


def _source_lines(answer: Answer) -> list[str]:
    if not answer.sources:
        return []
    lines = [f"[{n}] {p.title}" + (f" – {p.url}" if p.url else "") for n, p in enumerate(answer.sources, start=1)]
    return [message("sources_heading") + "\n" + "\n".join(lines)]


def _completion(completion_id: str, model: str, answer: Answer) -> dict[str, Any]:
    content = render(answer)
    return {"id": completion_id, "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "buergerassistent": answer.to_response()}


def _chunk(completion_id: str, model: str, delta: dict[str, Any], finish: str | None = None,
           extra: dict[str, Any] | None = None) -> str:
    obj = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
           "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **(extra or {})}
    return frame(None, obj)


def _chunks(completion_id: str, model: str, events: Iterator[Event], metrics: Metrics) -> Iterator[str]:
    yield _chunk(completion_id, model, {"role": "assistant", "content": ""})
    sent = False
    for event in events:
        if event.kind == "token":
            sent = sent or bool(event.data.strip())
            yield _chunk(completion_id, model, {"content": event.data})
        elif event.kind == "replace" and sent:  # what was sent stays: it passed every check (module docstring)
            yield _chunk(completion_id, model, {"content": "\n\n" + message("answer_continued") + "\n\n"})
        elif event.kind == "done":
            answer: Answer = event.data
            metrics.observe_answer(answer)
            tail = _tail(answer)
            if tail:
                yield _chunk(completion_id, model, {"content": tail})
            yield _chunk(completion_id, model, {}, finish="stop", extra={"buergerassistent": answer.to_response()})
    yield "data: [DONE]\n\n"


def _tail(answer: Answer) -> str:
    """What follows the streamed answer: the notice and the sources."""
    parts = []
    if answer.notice:
        parts.append(f"_{answer.notice}_")
    parts.extend(_source_lines(answer))
    return "\n\n" + "\n\n".join(parts) if parts else ""


def _error_chunk(completion_id: str, model: str) -> str:
    return (_chunk(completion_id, model, {"content": "\n\n" + message("error_internal")}, finish="stop")
            + "data: [DONE]\n\n")
