"""A minimal keep-alive HTTP/1.1 client for `evals.load_chat`: one connection per simulated person.

Why the load script carries its own client instead of httpx is told in `evals.load_chat`'s docstring. This module
also fixes what both of its clients share: the endpoint, the timeout, what a post returns (`Post`) and when a chat
reply counts as usable (`judge_reply`).
"""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from typing import AsyncIterator, Awaitable, Callable
from urllib.parse import urlparse

CHAT_PATH = "/api/v1/chat"
REQUEST_TIMEOUT_S = 30.0

Post = Callable[[dict], Awaitable[str | None]]  # sends one chat request; None, or the kind of error


def judge_reply(status: int, body: bytes) -> str | None:
    """None for a usable reply, else the error kind: a 200 must carry a JSON object with an "answer"."""
    if status != 200:
        return f"HTTP {status}"
    try:
        reply = json.loads(body)
    except ValueError:  # not JSON, or not UTF-8
        return "BadBody"
    return None if isinstance(reply, dict) and "answer" in reply else "BadBody"


class RawConnection:
    """One simulated person's keep-alive HTTP/1.1 connection: hand-written request, minimal response parsing.

    It speaks just enough HTTP/1.1 for one JSON POST: a body by Content-Length or chunked (or, with neither, up
    to the server's close), and a new connection for the next request when the server answers
    `Connection: close`, hangs up while idle, or a request failed halfway (the connection's state is unknown).
    """

    def __init__(self, url: str, timeout_s: float = REQUEST_TIMEOUT_S) -> None:
        u = urlparse(url)
        if u.scheme != "http" or not u.hostname:
            raise ValueError(f"the raw client needs an http://host[:port] URL, got {url!r}")
        self.host, self.port, self.timeout_s = u.hostname, u.port or 80, timeout_s
        self._head = (f"POST {u.path.rstrip('/')}{CHAT_PATH} HTTP/1.1\r\nHost: {u.netloc}\r\n"
                      "Content-Type: application/json\r\nContent-Length: ").encode()
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, payload: dict) -> str | None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        try:
            async with asyncio.timeout(self.timeout_s):
                status, reply = await self._exchange(b"%s%d\r\n\r\n%s" % (self._head, len(body), body))
        except TimeoutError:  # before OSError: TimeoutError is one
            kind = "Timeout"
        except asyncio.IncompleteReadError:  # the server closed the connection before the reply was complete
            kind = "IncompleteRead"
        except OSError as exc:  # ConnectionRefusedError, ConnectionResetError, BrokenPipeError, ...
            kind = type(exc).__name__
        except (ValueError, asyncio.LimitOverrunError):  # status line, header or chunk size not HTTP/1.1
            kind = "BadResponse"
        else:
            return judge_reply(status, reply)
        self.close()
        return kind

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        if self._streams is None or self._streams[0].at_eof():  # first request, or the server hung up while idle
            self.close()
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        writer.write(request)
        await writer.drain()
        status, headers, keep_alive = _parse_head(await reader.readuntil(b"\r\n\r\n"))
        if "chunked" in headers.get("transfer-encoding", ""):
            reply = await _read_chunked(reader)
        elif "content-length" in headers:
            reply = await reader.readexactly(int(headers["content-length"]))
        elif status in (204, 304):
            reply = b""
        else:  # no length given: the body ends where the server closes the connection
            reply, keep_alive = await reader.read(), False
        if not keep_alive:
            self.close()
        return status, reply


def _parse_head(head: bytes) -> tuple[int, dict[str, str], bool]:
    """Status, headers (names and values lower-cased) and whether the connection stays open."""
    status_line, *lines = head.decode("latin-1").split("\r\n")
    version, status = status_line.split(" ", 2)[:2]
    if not version.startswith("HTTP/1."):
        raise ValueError(f"expected an HTTP/1.x status line, got {status_line!r}")
    headers = {}
    for line in lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
    connection = headers.get("connection", "")
    keep_alive = "keep-alive" in connection if version == "HTTP/1.0" else "close" not in connection
    return int(status), headers, keep_alive


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16):  # size [;extension]
        parts.append((await reader.readexactly(size + 2))[:-2])
    while await reader.readuntil(b"\r\n") != b"\r\n":  # trailer fields up to the empty line
        pass
    return b"".join(parts)


@asynccontextmanager
async def raw_posts(url: str, clients: int, timeout_s: float) -> AsyncIterator[list[Post]]:
    """One `RawConnection` per simulated client, all closed on exit."""
    connections = [RawConnection(url, timeout_s) for _ in range(clients)]
    try:
        yield [c.post for c in connections]
    finally:
        for c in connections:
            c.close()
