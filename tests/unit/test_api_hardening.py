"""Body deadline (408), no Host reflection in redirects, feedback only for real sessions, /readyz and /metrics
with a degraded language model, and the uvicorn options `serve` uses."""

from __future__ import annotations

import functools
import time

import anyio
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.server import GuardedH11Protocol, uvicorn_options
from assistant.llm.breaker import CircuitBreaker
from assistant.llm.generator import LLMGenerator
from assistant.settings import APISettings, Settings
from tests.fakes import StallingChatModel, make_test_assistant
from tests.unit.test_api_pipeline_pool import chat_scope

MARGIN_S = 2.0


@pytest.fixture
def anyio_backend():
    return "asyncio"


def settings_for(tmp_path, llm=None, **api):
    return Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0, **api},
                    llm=llm or {})


@pytest.mark.anyio
async def test_a_body_shorter_than_its_content_length_gets_408_at_the_deadline(tmp_path):
    app = create_app(settings_for(tmp_path, body_timeout_s=0.3), make_test_assistant())
    scope = chat_scope(b'{"message": "Was kostet ein Perso?"}')
    sent, calls = [], 0

    async def receive():
        nonlocal calls
        calls += 1
        if calls == 1:
            return {"type": "http.request", "body": b'{"message": "Was ', "more_body": True}
        await anyio.sleep_forever()  # the client never sends the rest

    async def send(message):
        sent.append(message)

    started = time.monotonic()
    with anyio.fail_after(10):
        await app(scope, receive, send)
    assert time.monotonic() - started < 0.3 + MARGIN_S
    start = sent[0]
    headers = dict(start["headers"])
    assert start["status"] == 408 and headers[b"connection"] == b"close"
    body = b"".join(m.get("body", b"") for m in sent[1:]).decode()
    assert '"code":"request_timeout"' in body and "nicht vollständig angekommen" in body


def test_trailing_slash_is_not_redirected_to_the_host_header(tmp_path):
    with TestClient(create_app(settings_for(tmp_path), make_test_assistant())) as c:
        r = c.get("/api/v1/services/", headers={"Host": "evil.example"}, follow_redirects=False)
        assert r.status_code == 404 and "location" not in r.headers and "evil" not in r.text
        r = c.get("/staff/", headers={"Host": "evil.example"}, follow_redirects=False)
        assert r.status_code == 404 and "location" not in r.headers
        assert c.get("/api/v1/services").status_code == 200


def test_feedback_for_a_session_that_never_existed_is_404_in_german(tmp_path):
    with TestClient(create_app(settings_for(tmp_path), make_test_assistant())) as c:
        r = c.post("/api/v1/feedback", json={"session_id": "never-issued-123", "rating": "up"})
        assert r.status_code == 404
        err = r.json()["error"]
        assert err["code"] == "session_not_found" and "Gespräch" in err["message"]
        sid = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).json()["session_id"]
        assert c.post("/api/v1/feedback", json={"session_id": sid, "rating": "up"}).status_code == 201


def test_readyz_stays_200_but_says_degraded_while_the_circuit_is_open(tmp_path):
    model = StallingChatModel()
    generator = LLMGenerator(model, backend="openai", first_token_timeout_s=0.05,
                             breaker=CircuitBreaker(failures=1, open_s=60))
    with TestClient(create_app(settings_for(tmp_path), make_test_assistant(generator=generator))) as c:
        ready = c.get("/readyz")
        assert ready.status_code == 200 and ready.json()["degraded"] is False
        assert ready.json()["llm"]["circuit"] == "closed"
        first = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).json()
        assert first["mode"] == "extractive" and first["meta"]["fallback_reason"] == "backend error: BackendTimeout"
        second = c.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).json()
        assert second["meta"]["fallback_reason"] == "backend error: CircuitOpen" and model.started == 1
        ready = c.get("/readyz")
        body = ready.json()
        assert ready.status_code == 200 and body["ready"] is True and body["degraded"] is True
        assert body["llm"]["backend"] == "openai" and body["llm"]["state"] == "degraded"
        assert body["llm"]["circuit"] == "open" and 0 < body["llm"]["retry_in_s"] <= 60
        text = c.get("/metrics").text
    model.release.set()
    assert 'ba_llm_calls_total{outcome="timeout"} 1.0' in text
    assert 'ba_llm_calls_total{outcome="circuit_open"} 1.0' in text
    assert "ba_llm_circuit_state 2.0" in text and "ba_llm_circuit_opened_total 1.0" in text
    assert 'ba_backend_fallbacks_total{backend="extractive",reason="backend_error"} 2.0' in text


def test_readyz_says_degraded_when_the_configured_model_was_not_loaded(tmp_path):
    settings = settings_for(tmp_path, llm={"backend": "openai", "base_url": "http://127.0.0.1:9/v1"})
    with TestClient(create_app(settings, make_test_assistant())) as c:  # build fell back to the composer
        body = c.get("/readyz").json()
    assert body["ready"] is True and body["degraded"] is True
    assert body["llm"] == {"backend": "openai", "state": "not_loaded"}


def test_serve_runs_h11_with_bounded_heads_and_a_head_deadline():
    options = uvicorn_options(APISettings(max_header_bytes=8192, header_timeout_s=4, keep_alive_s=65))
    protocol = options["http"]
    assert isinstance(protocol, functools.partial) and protocol.func is GuardedH11Protocol
    assert protocol.keywords == {"header_timeout_s": 4}
    assert options["h11_max_incomplete_event_size"] == 8192 and options["timeout_keep_alive"] == 65
