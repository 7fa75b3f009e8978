"""A deadline for reading a request body: a body shorter than its Content-Length is not waited for for ever.

The HTTP server hands the app the body as it arrives and waits as long as the client keeps the connection open.
This middleware gives the whole body `api.body_timeout_s` from the moment the app first asks for it; when that
passes, the request is answered 408 with a German message and `Connection: close`, and whatever the app still
wanted to read or send for it is dropped.
"""

from __future__ import annotations

import logging
import time

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response, request_id_of
from assistant.messages import message

log = logging.getLogger(__name__)


class BodyTimedOut(Exception):
    """The client did not send the rest of the body in time."""


class BodyDeadlineMiddleware:
    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        self.app, self.timeout_s = app, timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline: float | None = None
        body_done = False
        started = False
        timed_out = False

        async def timed_receive() -> Message:
            nonlocal deadline, body_done
            if body_done:
                return await receive()
            deadline = deadline or time.monotonic() + self.timeout_s
            with anyio.move_on_after(max(0.0, deadline - time.monotonic())):
                msg = await receive()
                if msg["type"] != "http.request" or not msg.get("more_body", False):
                    body_done = True
                return msg
            raise BodyTimedOut

        async def guarded_send(msg: Message) -> None:
            nonlocal started
            if timed_out:
                return  # the 408 has been sent
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, timed_receive, guarded_send)
        except BodyTimedOut:
            timed_out = True
            log.info("request body not complete within %.1f s (request %s)", self.timeout_s, request_id_of(scope))
            if not started:
                response = error_response(408, "request_timeout", message("error_request_timeout"),
                                          request_id_of(scope), headers={"Connection": "close"})
                await response(scope, _disconnected, send)


async def _disconnected() -> Message:
    return {"type": "http.disconnect"}
