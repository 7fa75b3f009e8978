"""One rate limit for every worker and replica: a token bucket per client in Redis, updated by one Lua script.

The script reads the bucket, refills it for the time passed, takes a token if there is one and writes it back, all
inside Redis (a script runs atomically), so two replicas answering the same client at the same moment cannot both
take the last token. Time is Redis' own clock (TIME): replicas whose clocks drift still refill alike. A bucket
expires once it would be full again, so Redis holds only the clients of the last few minutes.

While Redis is unreachable the limiter lets requests through, with one English log line a minute and a metric: a
missing rate limit for a while harms citizens less than a service that refuses everyone.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from typing import Any, Callable

log = logging.getLogger(__name__)

# KEYS[1] bucket; ARGV[1] tokens per millisecond, ARGV[2] burst. Returns {allowed (0/1), milliseconds to wait}.
TOKEN_BUCKET = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
if now > ts then
  tokens = math.min(burst, tokens + (now - ts) * rate)
  ts = now
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
local wait = 0
if allowed == 0 then
  wait = math.ceil((1 - tokens) / rate)
end
return {allowed, wait}
"""


class RedisRateLimiter:
    """Implements `RateLimiter` (api/limits.py) over Redis; `client_factory` returns a `redis.asyncio` client.

    A client is bound to the event loop it was first used on, so one is made per loop (uvicorn has one per
    process; tests may run several apps one after the other).
    """

    def __init__(self, per_minute: int, burst: int, client_factory: Callable[[], Any], prefix: str = "ba:",
                 on_error: Callable[[], None] | None = None, log_every_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute > 0 and burst <= 0:
            raise ValueError(f"burst must be > 0 when rate limiting is on, got {burst}")
        self.per_minute, self.burst = per_minute, burst
        self.prefix = prefix + "ratelimit:"
        self._factory = client_factory
        self._on_error = on_error
        self._log_every_s, self._clock = log_every_s, clock
        self._last_log = -math.inf
        self._loop: asyncio.AbstractEventLoop | None = None
        self._script: Any = None

    @classmethod
    def from_url(cls, url: str, per_minute: int, burst: int, timeout_s: float = 1.0, **kwargs: Any) -> "RedisRateLimiter":
        def client() -> Any:
            import redis.asyncio

            return redis.asyncio.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)

        return cls(per_minute, burst, client, **kwargs)

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    async def acquire(self, key: str) -> tuple[bool, float]:
        if not self.enabled:
            return True, 0.0
        try:
            allowed, wait_ms = await self._bucket()(keys=[self.prefix + key],
                                                     args=[repr(self.per_minute / 60_000.0), self.burst])
        except Exception as exc:  # redis.RedisError, OSError: fail open, see the module docstring
            self._unavailable(exc)
            return True, 0.0
        return bool(int(allowed)), int(wait_ms) / 1000.0

    def _bucket(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._script is None or self._loop is not loop:
            self._script = self._factory().register_script(TOKEN_BUCKET)
            self._loop = loop
        return self._script

    def _unavailable(self, exc: BaseException) -> None:
        if self._on_error is not None:
            self._on_error()
        now = self._clock()
        if now - self._last_log >= self._log_every_s:
            self._last_log = now
            log.warning("rate limit: Redis unreachable (%s); letting requests through until it answers again",
                        type(exc).__name__)
