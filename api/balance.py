"""Evens out keep-alive connections between the worker processes of one `serve` (several workers only).

The workers share one listening socket, and the kernel hands a burst of new connections to whichever worker wakes
first; a keep-alive connection then stays with that worker. Measured with 50 clients and 2 workers: splits of 29/21
and 31/19 (counted with `ss`), and a run whose throughput and uniform latency looked like one worker holding them all;
the fuller worker's clients wait longer while the other worker's core idles.

Each worker counts the connections it served in the last `window_s` seconds (distinct client address and port) and
writes that number to a small file of its own in a shared directory. A worker holding more than its fair share
(all workers' connections / workers, plus `slack`) answers one request with `Connection: close`: that client's next
connection goes to whichever worker accepts first, usually the less busy one waiting in accept. At most one
connection is closed per `interval_s`, so the workers converge instead of trading connections back and forth.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

STALE_S = 5.0  # a worker whose file is older than this has stopped


class ConnectionBalancer:
    def __init__(self, directory: Path, window_s: float = 2.0, interval_s: float = 0.5, slack: int = 1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.directory = Path(directory)
        self.window_s, self.interval_s, self.slack = window_s, interval_s, slack
        self._clock = clock
        self._file = self.directory / f"{os.getpid()}.count"
        self._seen: dict[tuple, float] = {}
        self._next_update = 0.0
        self._over = False

    def should_close(self, client: tuple | None) -> bool:
        """Record a request of `client`; True when this is the connection to hand back."""
        if client is None:
            return False
        now = self._clock()
        self._seen[client] = now
        if now < self._next_update:
            return False
        self._next_update = now + self.interval_s
        self._seen = {c: t for c, t in self._seen.items() if now - t <= self.window_s}
        mine = len(self._seen)
        others = self._publish_and_read(mine)
        fair = math.ceil((mine + sum(others)) / (len(others) + 1))
        if others and mine > fair + self.slack:
            del self._seen[client]  # it comes back on a new connection, perhaps to this worker again
            return True
        return False

    def _publish_and_read(self, mine: int) -> list[int]:
        """Write this worker's count, read the other live workers' counts. Best effort: a file problem means no
        balancing for this interval, never a failed request."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = self._file.with_suffix(".tmp")
            tmp.write_text(str(mine), encoding="ascii")
            os.replace(tmp, self._file)
            wall = time.time()
            counts = []
            for path in self.directory.glob("*.count"):
                if path == self._file:
                    continue
                try:
                    if wall - path.stat().st_mtime <= STALE_S:
                        counts.append(int(path.read_text(encoding="ascii") or 0))
                except (OSError, ValueError):
                    continue
            return counts
        except OSError:
            return []


class BalancingMiddleware:
    """Adds `Connection: close` to the response when the balancer hands this connection back."""

    def __init__(self, app: ASGIApp, balancer: ConnectionBalancer) -> None:
        self.app = app
        self.balancer = balancer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.balancer.should_close(_connection(scope)):
            await self.app(scope, receive, send)
            return

        async def closing_send(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = [(k, v) for k, v in msg.get("headers", []) if k.lower() != b"connection"]
                msg = {**msg, "headers": [*headers, (b"connection", b"close")]}
            await send(msg)

        await self.app(scope, receive, closing_send)


def _connection(scope: Scope) -> tuple | None:
    client = scope.get("client")
    return tuple(client) if client else None
