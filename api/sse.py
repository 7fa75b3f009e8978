"""Server-Sent Events framing for the pipeline's event stream.

The pipeline's `stream()` is a lazy generator: an unknown session id only raises when it is first advanced.
`primed()` advances it once *before* the response starts, so that error still becomes a clean 404 JSON; a
failure after the first byte can only be reported in-band, as an `error` event with a German message.
"""

from __future__ import annotations

import json
import logging
from itertools import chain
from typing import Any, Callable, Iterable, Iterator

from starlette.requests import Request
from starlette.responses import StreamingResponse

from api.pipeline_pool import PoolStreamingResponse
from assistant.messages import message
from assistant.pipeline import Event

log = logging.getLogger(__name__)

SSE_HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}


def frame(event: str | None, data: Any) -> str:
    payload = data if isinstance(data, str) and event is None else json.dumps(data, ensure_ascii=False)
    lines = "".join(f"data: {line}\n" for line in payload.split("\n"))
    return (f"event: {event}\n" if event else "") + lines + "\n"


def primed(events: Iterator[Event]) -> Iterator[Event]:
    """The same events, with the first one already computed (raising here, not mid-response)."""
    first = next(events)
    return chain([first], events)


def guarded(frames: Iterable[str], on_error: Callable[[], str], request_id: str | None) -> Iterator[str]:
    """Yield frames; an exception after the stream started ends it with one error frame, never a trace."""
    try:
        yield from frames
    except Exception as exc:
        log.error("stream failed with %s (request %s)", type(exc).__name__, request_id, exc_info=exc)
        yield on_error()


def error_frame(request_id: str | None) -> str:
    return frame("error", {"error": {"code": "internal_error", "message": message("error_internal"),
                                     "request_id": request_id}})


def sse_response(request: Request, frames: Iterator[str]) -> StreamingResponse:
    """Each frame computed in the pipeline pool; the client leaving abandons the answer (api.pipeline_pool)."""
    return PoolStreamingResponse(request, frames, media_type="text/event-stream", headers=SSE_HEADERS)
