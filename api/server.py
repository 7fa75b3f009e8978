"""How uvicorn serves the app: the HTTP/1.1 parser, bounded request heads and idle connections.

uvicorn picks httptools when it is installed; it buffers a request's headers without any bound, and neither parser
limits how long a client may take to send them: ten connections trickling 300 MB of never-ending headers grew the
process by 3.1 GB, and a connection that sends nothing stays open for ever. So `serve` runs h11 with a bound on an
unfinished request head (`api.max_header_bytes`: a longer one is answered 400 and the connection closed) and with
`GuardedH11Protocol`, which closes a connection whose request head is not complete `api.header_timeout_s` after the
connection opened (or after the first byte of the next request on a kept-alive connection). The body has its own
deadline in the app (api/body_deadline.py).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from assistant.settings import APISettings

log = logging.getLogger(__name__)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head."""

    def __init__(self, *args: Any, header_timeout_s: float = 10.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout_s = header_timeout_s
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._head_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()  # the head is complete (or the connection failed)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            log.info("closing a connection whose request head took longer than %.1f s", self.header_timeout_s)
            self.transport.close()


def uvicorn_options(api: APISettings) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` / `uvicorn.Config` shared by every way the app is served.

    The protocol is passed as a partial of a module-level class, so the worker processes of `serve` (spawned, their
    configuration pickled) get the same one.
    """
    return {"http": functools.partial(GuardedH11Protocol, header_timeout_s=api.header_timeout_s),
            "h11_max_incomplete_event_size": api.max_header_bytes,
            "timeout_keep_alive": api.keep_alive_s, "server_header": False, "access_log": False}
