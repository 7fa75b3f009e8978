"""The HTTP client for OpenAI-compatible model servers: bounded connect and read times, and calls that can be cut.

httpx's read timeout only bounds the silence between two reads. A server that sends an SSE keep-alive comment
(`: ping`) every few seconds is never silent, and the OpenAI client skips those comments without returning to the
caller, so neither a read timeout nor a check between tokens would ever end such a call. The transport here checks
the current call (assistant.llm.calls) on every run of bytes the server sends and, when the call is cancelled,
shuts its socket down, which also wakes a read that is blocked on a slow server. Connections are not kept alive
between calls, so a socket shut down for one call can never be one another call reuses.

The OpenAI client is built on httpx (openai 1.x) or on its successor httpx2 (openai 3.x), whose classes are not
interchangeable: the client here uses whichever the installed openai package is built on.
"""

from __future__ import annotations

import importlib
import socket
from types import ModuleType
from typing import Iterator

from assistant.llm.calls import ModelCall, current_call


def _openai_httpx() -> ModuleType:
    import openai

    base = next(c for c in openai.DefaultHttpxClient.__mro__[1:] if c.__name__ == "Client")
    return importlib.import_module(base.__module__.split(".")[0])


httpx = _openai_httpx()


class CallCancelled(httpx.ReadError):
    """The model call this response belongs to was cancelled (deadline passed or the citizen left)."""


class CancellableTransport(httpx.BaseTransport):
    """Wraps a transport; responses of a call stop as soon as that call is cancelled."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        call = current_call()
        if call is not None and call.cancelled:
            raise CallCancelled("model call cancelled before the request was sent", request=request)
        response = self.inner.handle_request(request)
        if call is None:
            return response
        unsubscribe = call.on_cancel(lambda: _shutdown(response))
        response.stream = _CheckedStream(response.stream, call, request, unsubscribe)
        return response

    def close(self) -> None:
        self.inner.close()


class _CheckedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, call: ModelCall, request: httpx.Request, unsubscribe) -> None:
        self.inner, self.call, self.request, self.unsubscribe = inner, call, request, unsubscribe

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.inner:
            if self.call.cancelled:
                raise CallCancelled("model call cancelled while the server was sending", request=self.request)
            yield chunk

    def close(self) -> None:
        self.unsubscribe()
        self.inner.close()


def _shutdown(response: httpx.Response) -> None:
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        sock.shutdown(socket.SHUT_RDWR)


def model_http_client(connect_s: float, read_s: float) -> httpx.Client:
    """A client for one model server: `connect_s` to connect, `read_s` of silence at most, no kept-alive sockets."""
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
    return httpx.Client(transport=CancellableTransport(transport), timeout=model_timeout(connect_s, read_s))


def model_timeout(connect_s: float, read_s: float) -> httpx.Timeout:
    return httpx.Timeout(read_s, connect=connect_s, pool=connect_s)
