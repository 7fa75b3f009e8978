"""The pipeline pool with a stalling model: a waiting model call lends its compute slot, and a client that leaves
(streamed or not) abandons the model call at once. The app is called as ASGI, so a disconnect can be sent."""

from __future__ import annotations

import json
import threading
import time

import anyio
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.llm.generator import LLMGenerator
from assistant.settings import Settings
from tests.fakes import StallingChatModel, make_test_assistant

MARGIN_S = 2.0


@pytest.fixture
def anyio_backend():
    return "asyncio"


def stalling_app(tmp_path, **api):
    model = StallingChatModel()
    generator = LLMGenerator(model, backend="fake", timeout_s=30, first_token_timeout_s=20)
    seen = []
    generator.subscribe(lambda kind, value: seen.append((kind, value, time.monotonic())))
    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0, **api})
    return create_app(settings, make_test_assistant(generator=generator)), model, seen


def chat_scope(body: bytes) -> dict:
    return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
            "method": "POST", "scheme": "http", "path": "/api/v1/chat", "raw_path": b"/api/v1/chat",
            "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
            "headers": [(b"host", b"test"), (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode())]}


@pytest.mark.anyio
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
async def test_a_client_that_leaves_abandons_the_model_call_at_once(tmp_path, stream):
    app, model, seen = stalling_app(tmp_path)
    body = json.dumps({"message": "Was kostet ein Perso?", "stream": stream}).encode()
    sent, delivered, left = [], False, []

    async def receive():
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await anyio.sleep(0.3)  # the citizen closes the page while the model says nothing
        left.append(time.monotonic())
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    with anyio.fail_after(15):
        await app(chat_scope(body), receive, send)
    [(kind, outcome, abandoned_at)] = seen
    assert outcome == "cancelled"  # not a timeout, so not counted against the model by the breaker
    assert abandoned_at - left[0] < MARGIN_S  # at once, not at the 20 s first-token deadline
    model.release.set()


def test_a_waiting_model_call_lends_its_slot_to_answers_without_a_model(tmp_path):
    app, model, _ = stalling_app(tmp_path, pipeline_concurrency=1)
    finished = []
    with TestClient(app) as client:
        def ask_the_model():
            client.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"})
            finished.append("model")

        waiting = threading.Thread(target=ask_the_model)
        waiting.start()
        assert _wait(lambda: model.started == 1)  # holds the only compute slot ... or lends it
        r = client.post("/api/v1/chat", json={"message": "Wie wird das Wetter morgen?"})  # no model needed
        finished.append("gate")
        assert r.status_code == 200 and r.json()["guardrail"]["rule"] == "no_information"
        model.release.set()
        waiting.join(10)
    assert finished == ["gate", "model"]


def _wait(predicate, timeout_s: float = 5.0) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and not predicate():
        time.sleep(0.01)
    return predicate()
