"""Input limits: a per-client token bucket (429), a body size cap (413), JSON-only bodies (415), message cleaning.

The middleware works on raw ASGI so that an oversized body is refused before any of it is parsed, and the
bucket is checked before the assistant spends a millisecond on the request. It only guards the API prefixes;
pages, static files and probes are never limited.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import OrderedDict
from typing import Callable, Protocol, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.client_address import TrustedProxies
from api.errors import ApiError, error_response, request_id_of

BODY_METHODS = {"POST", "PUT", "PATCH"}
# C0/C1 controls except tab and newline, and the bidi overrides that can disguise text (Trojan Source).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class RateLimiter(Protocol):
    async def acquire(self, key: str) -> tuple[bool, float]:
        """(allowed, seconds until the next request of `key` would be allowed) for one request of `key`."""
        ...


class TokenBucketLimiter:
    """In-process token buckets per client key: `burst` requests at once, refilled at `per_minute`.

    One process only: N workers or replicas allow N times the limit; `RedisRateLimiter` (api/ratelimit_redis.py)
    keeps one bucket per client for all of them. `per_minute <= 0` switches limiting off (load tests on loopback).
    """

    def __init__(self, per_minute: int, burst: int, max_clients: int = 50_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute > 0 and burst <= 0:
            raise ValueError(f"burst must be > 0 when rate limiting is on, got {burst}")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, last refill)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def allow(self, key: str) -> tuple[bool, float]:
        """(allowed, seconds until the next token) for one request of `key`."""
        if not self.enabled:
            return True, 0.0
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return allowed, 0.0 if allowed else (1.0 - tokens) / self.rate

    async def acquire(self, key: str) -> tuple[bool, float]:
        return self.allow(key)


class RequestLimitsMiddleware:
    """Rate limit, content type and body size for requests under `prefixes`; everything else passes through."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter, max_body_bytes: int,
                 prefixes: Sequence[str] = ("/api/", "/v1/"), on_limited: Callable[[], None] | None = None,
                 proxies: TrustedProxies | None = None) -> None:
        self.app = app
        self.limiter = limiter
        self.max_body_bytes = max_body_bytes
        self.prefixes = tuple(prefixes)
        self.on_limited = on_limited
        self.proxies = proxies or TrustedProxies()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes) or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        allowed, retry_after = await self.limiter.acquire(self.proxies.client(scope))
        if not allowed:
            if self.on_limited:
                self.on_limited()
            await self._refuse(scope, send, ApiError(429, "rate_limited", "error_rate_limited",
                                                     headers={"Retry-After": str(max(1, round(retry_after)))}))
            return
        if scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not _is_json(headers.get("content-type", "")):
            await self._refuse(scope, send, ApiError(415, "unsupported_media_type", "error_media_type"))
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._refuse(scope, send, ApiError(413, "too_large", "error_too_large"))
            return
        body = await _read_body(receive, self.max_body_bytes)
        if body is None:
            await self._refuse(scope, send, ApiError(413, "too_large", "error_too_large"))
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(self, scope: Scope, send: Send, err: ApiError) -> None:
        response = error_response(err.status, err.code, err.text, request_id_of(scope), err.headers)
        await response(scope, _no_receive, send)


def clean_text(text: str, limit: int) -> str:
    """NFC-normalised text without control characters or lone surrogates; 400 when empty, 413 when too long."""
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise ApiError(400, "empty_message", "error_empty")
    if len(text) > limit:
        raise ApiError(413, "message_too_long", "error_too_long", limit=limit)
    return text


def optional_text(text: str | None, limit: int) -> str | None:
    """Like `clean_text` for optional fields: empty becomes None, too long is cut (a comment is not a question)."""
    if text is None:
        return None
    text = _CONTROL.sub("", unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))).strip()
    return text[:limit] or None


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it grows past `limit` (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        msg = await receive()
        if msg["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = msg.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not msg.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as streaming responses expect

    return replay


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
