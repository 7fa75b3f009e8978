"""Wiring of the API's own stores from Settings: the rate limiter.

One machine keeps them in process and in a SQLite file (`make run` needs no server); several replicas move them to
Redis with one setting (deploy/README.md). The assistant's stores (sessions) are wired
in assistant/build.py.
"""

from __future__ import annotations

from typing import Callable

from api.limits import RateLimiter, TokenBucketLimiter
from assistant.settings import Settings


def build_rate_limiter(settings: Settings, on_error: Callable[[], None] | None = None) -> RateLimiter:
    api = settings.api
    if api.rate_limit_backend == "redis":
        from api.ratelimit_redis import RedisRateLimiter

        r = settings.redis
        return RedisRateLimiter.from_url(r.url, api.rate_limit_per_minute, api.rate_limit_burst,
                                         timeout_s=r.timeout_s, prefix=r.key_prefix, on_error=on_error)
    return TokenBucketLimiter(api.rate_limit_per_minute, api.rate_limit_burst)

