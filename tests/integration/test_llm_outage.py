"""A misbehaving model server (real HTTP on loopback) behind a real served app: eight concurrent chats, streamed and
not, all answer within the configured deadline + 1 s; the circuit breaker then opens, /readyz says degraded and
/metrics counts it; a client that leaves drops its model connection at once; a healed server closes the circuit."""

from __future__ import annotations

import json
import re
import socket
import threading
import time

import httpx
import pytest

from api.app import create_app
from api.server import uvicorn_options
from assistant.llm.generator import LLMGenerator
from assistant.settings import LLMSettings, Settings
from tests.fakes import make_test_assistant
from tests.integration.fake_llm_server import FakeLLMServer
from tests.integration.live_server import live_server

pytestmark = pytest.mark.integration

FIRST_TOKEN_S, DEADLINE_S, K = 1.0, 2.0, 3
QUESTION = "Was kostet ein Personalausweis?"


def serve(fake: FakeLLMServer, tmp_path, open_s: float = 60.0, **api):
    llm = LLMSettings(backend="openai", base_url=fake.base_url, model="fake", first_token_timeout_s=FIRST_TOKEN_S,
                      timeout_s=DEADLINE_S, breaker_failures=K, breaker_open_s=open_s)
    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0, **api},
                        llm=llm.model_dump())
    app = create_app(settings, make_test_assistant(generator=LLMGenerator.from_settings(llm)))
    return live_server(app, **uvicorn_options(settings.api))


def ask(url: str, stream: bool, client: httpx.Client | None = None) -> dict:
    """One chat, read to its end; the final chat response."""
    client = client or httpx.Client(timeout=30)
    with client:
        if not stream:
            r = client.post(f"{url}/api/v1/chat", json={"message": QUESTION})
            assert r.status_code == 200, r.text
            return r.json()
        with client.stream("POST", f"{url}/api/v1/chat", json={"message": QUESTION, "stream": True}) as r:
            lines = [line for line in r.iter_lines() if line.startswith("data:")]
        return json.loads(lines[-1][5:])


def concurrently(url: str, n: int = 8) -> list[tuple[float, dict]]:
    """n chats at once, half of them streamed: (seconds until fully answered, response) each. The clients are made
    beforehand: eight httpx clients made at once take about a second of CPU on two cores."""
    results: list = [None] * n
    clients = [httpx.Client(timeout=30) for _ in range(n)]
    start = threading.Barrier(n)

    def one(i: int) -> None:
        start.wait()
        t = time.monotonic()
        body = ask(url, stream=i % 2 == 1, client=clients[i])
        results[i] = (time.monotonic() - t, body)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.parametrize("mode", ["hang", "keepalive", "slow", "error"])
def test_eight_concurrent_chats_answer_within_the_deadline_and_the_breaker_opens(mode, tmp_path):
    with FakeLLMServer(mode) as fake, serve(fake, tmp_path) as url:
        results = concurrently(url)
        for seconds, body in results:
            assert seconds < DEADLINE_S + 1.0, (mode, [round(s, 2) for s, _ in results])
            assert body["mode"] == "extractive" and "46,00 Euro" in body["answer"]
        assert fake.requests <= 8
        calls = fake.requests

        after = ask(url, stream=False)  # circuit open: no model call, extractive at full speed
        assert after["meta"]["fallback_reason"] == "backend error: CircuitOpen"
        assert fake.requests == calls
        ready = httpx.get(f"{url}/readyz").json()
        assert ready["ready"] is True and ready["degraded"] is True and ready["llm"]["circuit"] == "open"
        metrics = httpx.get(f"{url}/metrics").text
        assert "ba_llm_circuit_state 2.0" in metrics and "ba_llm_circuit_opened_total 1.0" in metrics
        skipped = re.search(r'ba_llm_calls_total\{outcome="circuit_open"\} (\d+)', metrics)
        assert skipped and int(skipped.group(1)) >= 1  # fast errors open it while the eight are still coming
        # abandoned calls let go of the server: at once where it sent something, at the read timeout where not
        assert fake.wait_idle(FIRST_TOKEN_S + 2.0)


def test_a_client_that_leaves_drops_the_model_connection_and_frees_its_slot(tmp_path):
    fake = FakeLLMServer("keepalive")
    llm = LLMSettings(backend="openai", base_url=fake.base_url, first_token_timeout_s=30, timeout_s=30)
    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0,
                             "pipeline_concurrency": 1}, llm=llm.model_dump())
    app = create_app(settings, make_test_assistant(generator=LLMGenerator.from_settings(llm)))
    with fake, live_server(app, **uvicorn_options(settings.api)) as url:
        for stream in (True, False):
            body = json.dumps({"message": QUESTION, "stream": stream}).encode()
            port = int(url.rsplit(":", 1)[1])
            citizen = socket.create_connection(("127.0.0.1", port))
            citizen.sendall(b"POST /api/v1/chat HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            end = time.monotonic() + 5
            while fake.open_connections == 0 and time.monotonic() < end:
                time.sleep(0.02)
            assert fake.open_connections == 1  # the model call is under way, the server sends only comments
            left = time.monotonic()
            citizen.close()  # the citizen closes the page
            assert fake.wait_idle(2.0), "the model connection outlived the client"
            assert time.monotonic() - left < 2.0
            t = time.monotonic()
            assert httpx.post(f"{url}/api/v1/chat", json={"message": "Wie wird das Wetter?"}).status_code == 200
            assert time.monotonic() - t < 2.0  # the one compute slot is free again


def test_a_healed_server_closes_the_circuit_after_one_trial(tmp_path):
    with FakeLLMServer("error") as fake, serve(fake, tmp_path, open_s=1.0) as url:
        for _ in range(K):
            assert ask(url, stream=False)["mode"] == "extractive"
        assert httpx.get(f"{url}/readyz").json()["llm"]["circuit"] == "open"
        fake.mode = "ok"
        time.sleep(1.1)
        healed = ask(url, stream=True)
        assert healed["mode"] == "llm" and "46,00 Euro" in healed["answer"], healed
        ready = httpx.get(f"{url}/readyz").json()
        assert ready["degraded"] is False and ready["llm"]["circuit"] == "closed"
