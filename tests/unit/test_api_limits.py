"""Rate limit, body cap, security headers, CORS and the token bucket itself."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.limits import TokenBucketLimiter, clean_text
from api.errors import ApiError
from assistant.settings import Settings
from tests.fakes import make_test_assistant


def make_client(tmp_path, **api):
    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", **api})
    return TestClient(create_app(settings, make_test_assistant()), raise_server_exceptions=False)


def test_token_bucket_burst_then_refill():
    now = [0.0]
    bucket = TokenBucketLimiter(per_minute=60, burst=3, clock=lambda: now[0])
    assert [bucket.allow("a")[0] for _ in range(4)] == [True, True, True, False]
    assert bucket.allow("b")[0] is True  # per client
    allowed, retry = bucket.allow("a")
    assert not allowed and 0 < retry <= 1.0
    now[0] = 1.0
    assert bucket.allow("a")[0] is True and bucket.allow("a")[0] is False


def test_token_bucket_off_and_bounded():
    assert TokenBucketLimiter(0, 0).allow("x") == (True, 0.0)
    bucket = TokenBucketLimiter(60, 1, max_clients=2)
    for ip in ("1", "2", "3"):
        bucket.allow(ip)
    assert len(bucket._buckets) == 2
    with pytest.raises(ValueError, match="burst must be > 0"):
        TokenBucketLimiter(60, 0)


def test_rate_limit_gives_429_with_retry_after_and_keeps_serving_pages(tmp_path):
    with make_client(tmp_path, rate_limit_per_minute=1, rate_limit_burst=2) as c:  # refill: 1 per minute
        codes = [c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        r = c.post("/api/v1/chat", json={"message": "Perso?"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        err = r.json()["error"]
        assert err["code"] == "rate_limited" and "warten" in err["message"]
        assert c.get("/").status_code == 200 and c.get("/healthz").status_code == 200
        assert "ba_rate_limited_total 2.0" in c.get("/metrics").text


def test_chunked_body_over_the_cap_is_413(tmp_path):
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    with make_client(tmp_path, max_body_bytes=4000) as c:
        r = c.post("/api/v1/chat", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_security_headers_and_request_id(tmp_path):
    with make_client(tmp_path) as c:
        r = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}, headers={"X-Request-ID": "abc12345-x"})
        assert r.headers["x-request-id"] == "abc12345-x"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert r.headers["cache-control"] == "no-store"
        csp = c.get("/").headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "unsafe-inline" not in csp
        err = c.post("/api/v1/chat", json={}, headers={"X-Request-ID": "<bad id>"})
        rid = err.headers["x-request-id"]
        assert rid != "<bad id>" and err.json()["error"]["request_id"] == rid


def test_cors_allows_the_city_origin_only(tmp_path):
    with make_client(tmp_path, cors_origins=["https://www.krefeld.de"]) as c:
        pre = c.options("/api/v1/chat", headers={"Origin": "https://www.krefeld.de",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == "https://www.krefeld.de"
        r = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"},
                   headers={"Origin": "https://www.krefeld.de"})
        assert r.headers["access-control-allow-origin"] == "https://www.krefeld.de"
        other = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"},
                       headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        assert "https://www.krefeld.de" in c.get("/").headers["content-security-policy"]


def test_no_cors_headers_by_default(tmp_path):
    with make_client(tmp_path) as c:
        r = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}, headers={"Origin": "https://x.example"})
        assert "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize("raw,expected", [
    ("  Perso\u0000 kosten \u202e ", "Perso kosten"),
    ("Cafe\u0301", "Café"),
    ("a\ud800b", "a\ufffdb"),
    ("Zeile 1\nZeile 2", "Zeile 1\nZeile 2"),
])
def test_clean_text(raw, expected):
    assert clean_text(raw, 100) == expected


def test_clean_text_limits():
    with pytest.raises(ApiError) as e:
        clean_text("\u200b" * 0 + "   ", 10)
    assert e.value.status == 400
    with pytest.raises(ApiError) as e:
        clean_text("x" * 11, 10)
    assert e.value.status == 413 and "10 Zeichen" in e.value.text


def test_pipeline_concurrency_bounds_parallel_answers(tmp_path):
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    real = make_test_assistant()
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def answer(self, *args, **kwargs):
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            time.sleep(0.05)
            with lock:
                state["now"] -= 1
            return real.answer(*args, **kwargs)

    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0,
                             "pipeline_concurrency": 2})
    with TestClient(create_app(settings, Counting())) as c, ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(lambda _: c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).status_code,
                              range(6)))
    assert codes == [200] * 6 and state["max"] == 2
