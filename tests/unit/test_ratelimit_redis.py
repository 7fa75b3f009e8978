"""RedisRateLimiter: one token bucket per client for every replica, atomic under concurrency, open when Redis is away.

Two limiter objects on one fake Redis server stand for two replicas; the Lua script runs in fakeredis' Lua.
"""

from __future__ import annotations

import asyncio

import fakeredis
import pytest

from api.ratelimit_redis import RedisRateLimiter


def replicas(n: int, per_minute: int = 60, burst: int = 5, server: fakeredis.FakeServer | None = None):
    server = server or fakeredis.FakeServer()
    return [RedisRateLimiter(per_minute, burst, lambda: fakeredis.FakeAsyncRedis(server=server)) for _ in range(n)]


def test_the_burst_holds_across_replicas_taking_turns():
    a, b = replicas(2, per_minute=1, burst=5)

    async def run():
        return [(await (a if i % 2 else b).acquire("10.0.0.7"))[0] for i in range(8)]

    assert asyncio.run(run()) == [True] * 5 + [False] * 3  # a per-process bucket would have allowed 8


def test_concurrent_requests_cannot_both_take_the_last_token():
    limiters = replicas(4, per_minute=1, burst=7)

    async def run():
        return await asyncio.gather(*(limiters[i % 4].acquire("10.0.0.8") for i in range(40)))

    results = asyncio.run(run())
    assert sum(allowed for allowed, _ in results) == 7
    waits = [wait for allowed, wait in results if not allowed]
    assert all(50 < w <= 61 for w in waits)  # one token a minute


def test_clients_have_their_own_buckets_and_tokens_come_back():
    (limiter,) = replicas(1, per_minute=6_000, burst=1)  # one token every 10 ms

    async def run():
        first = [await limiter.acquire("a"), await limiter.acquire("a"), await limiter.acquire("b")]
        await asyncio.sleep(0.03)
        return first, await limiter.acquire("a")

    (a1, a2, b1), later = asyncio.run(run())
    assert a1[0] and not a2[0] and b1[0] and later[0]
    assert 0 < a2[1] <= 0.011


def test_buckets_expire_once_full_again():
    server = fakeredis.FakeServer()
    (limiter,) = replicas(1, per_minute=60, burst=5, server=server)
    asyncio.run(limiter.acquire("10.0.0.9"))
    ttl = fakeredis.FakeRedis(server=server).pttl("ba:ratelimit:10.0.0.9")
    assert 1_000 < ttl <= 2_000  # one token to refill at one per second, plus a second


def test_unreachable_redis_lets_requests_through_and_reports_it(caplog):
    errors = []
    limiter = RedisRateLimiter.from_url("redis://127.0.0.1:1/0", per_minute=1, burst=1, timeout_s=0.2,
                                        on_error=lambda: errors.append(1))

    async def run():
        return [await limiter.acquire("10.0.0.1") for _ in range(3)]

    assert asyncio.run(run()) == [(True, 0.0)] * 3
    assert len(errors) == 3
    assert caplog.text.count("rate limit: Redis unreachable") == 1  # one line a minute, not one per request


def test_off_and_invalid_settings():
    assert asyncio.run(RedisRateLimiter(0, 0, lambda: None).acquire("x")) == (True, 0.0)
    with pytest.raises(ValueError, match="burst must be > 0"):
        RedisRateLimiter(60, 0, lambda: None)
