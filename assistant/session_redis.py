"""A session store in Redis, shared by every replica behind the load balancer.

A citizen's follow-up may reach another replica than the first question did; with the session in Redis it finds the
same topic there. One key per session (`<prefix>session:<id>`) holding the JSON of `Session`, i.e. redacted
questions, the topic's document id and title, and counters; never raw input. Redis expires a key `ttl_s` after its
last write (each answered turn writes it), so no pruning is needed here; `max_sessions` is Redis' own job
(`maxmemory` with `maxmemory-policy volatile-lru`, see deploy/README.md).

An unreachable Redis raises `BackendUnavailable`: the API answers 503 with a German message, and the log names the
server (without its password) and the setting to check.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Any, Callable

from assistant.server_url import safe_url
from assistant.sessions import Session
from corpus.errors import BackendUnavailable


class RedisSessionStore:
    """Implements `SessionStore` over a synchronous `redis.Redis` client (thread-safe: it pools connections)."""

    def __init__(self, client: Any, ttl_s: float = 1800, prefix: str = "ba:", where: str = "Redis",
                 clock: Callable[[], float] = time.time) -> None:
        if ttl_s <= 0:
            raise ValueError(f"ttl_s must be > 0, got {ttl_s}")
        self.client, self.ttl_s, self.clock = client, ttl_s, clock
        self.prefix = prefix + "session:"
        self.where = where

    @classmethod
    def from_url(cls, url: str, ttl_s: float = 1800, prefix: str = "ba:", timeout_s: float = 1.0) -> "RedisSessionStore":
        import redis

        client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                      health_check_interval=30)
        return cls(client, ttl_s=ttl_s, prefix=prefix, where=safe_url(url))

    def get(self, session_id: str) -> Session | None:
        raw = self._call(self.client.get, self.prefix + session_id)
        if raw is None:
            return None
        fields = json.loads(raw)
        return Session(**{k: v for k, v in fields.items() if k in Session.__dataclass_fields__})

    def put(self, session: Session) -> None:
        session.updated = self.clock()
        data = json.dumps(asdict(session), ensure_ascii=False)
        self._call(self.client.set, self.prefix + session.id, data, px=int(self.ttl_s * 1000))

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        from redis.exceptions import ConnectionError, TimeoutError

        try:
            return fn(*args, **kwargs)
        except (ConnectionError, TimeoutError, OSError) as exc:
            raise BackendUnavailable(f"session store: Redis at {self.where} unreachable ({type(exc).__name__}); "
                                     f"check BA_REDIS__URL and that Redis runs") from exc

