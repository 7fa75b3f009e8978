"""Wiring of the API's own stores from Settings: the rate limiter and the feedback store.

One machine keeps them in process and in a SQLite file (`make run` needs no server); several replicas move them to
Redis and PostgreSQL with one setting each (deploy/README.md). The assistant's stores (sessions, audit log) are wired
in assistant/build.py.
"""

from __future__ import annotations

from typing import Callable

from api.feedback_store import FeedbackStore, SqliteFeedbackStore
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


def build_feedback_store(settings: Settings) -> FeedbackStore:
    if settings.api.feedback_backend == "postgres":
        from api.feedback_postgres import PostgresFeedbackStore
        from assistant.postgres import PostgresDatabase

        pg = settings.postgres
        return PostgresFeedbackStore(PostgresDatabase(pg.url, pg.pool_min, pg.pool_max, pg.connect_timeout_s,
                                                      migrate=pg.migrate_on_start, name="ba-feedback"))
    return SqliteFeedbackStore(settings.api.feedback_db)
