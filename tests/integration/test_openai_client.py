"""The OpenAI-compatible endpoint through the official `openai` client against a real uvicorn server."""

from __future__ import annotations

import httpx
import openai
import pytest

from api.app import create_app
from assistant.settings import Settings
from tests.fakes import make_test_assistant
from tests.integration.live_server import live_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    settings = Settings(api={"feedback_db": tmp_path_factory.mktemp("api") / "feedback.sqlite3",
                             "rate_limit_per_minute": 0})
    with live_server(create_app(settings, make_test_assistant())) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url):
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="not-needed", max_retries=0, timeout=20)


def test_models_list(client):
    assert [m.id for m in client.models.list().data] == ["buergerassistent-krefeld"]


def test_completion_without_stream(client):
    completion = client.chat.completions.create(
        model="buergerassistent-krefeld",
        messages=[{"role": "user", "content": "Was kostet ein Personalausweis?"}])
    content = completion.choices[0].message.content
    assert completion.choices[0].finish_reason == "stop" and completion.choices[0].message.role == "assistant"
    assert "46,00 Euro" in content and "[1]" in content
    assert "Quellen:\n[1] Personalausweis beantragen – https://service.krefeld.de/personalausweis-beantragen" in content


def test_completion_with_stream_and_history(client):
    stream = client.chat.completions.create(
        model="buergerassistent-krefeld", stream=True,
        messages=[{"role": "user", "content": "Ich habe einen Welpen bekommen."},
                  {"role": "assistant", "content": "Schön!"},
                  {"role": "user", "content": "Und was kostet das?"}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert len(chunks) > 5
    assert "120,00 Euro" in text and "Hund anmelden und Hundesteuer" in text
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_bad_request_surfaces_as_openai_error_with_german_message(client):
    with pytest.raises(openai.BadRequestError) as e:
        client.chat.completions.create(model="x", messages=[{"role": "user", "content": "   "}])
    assert "Bitte schreiben Sie eine Frage." in str(e.value)


def test_chat_sse_over_real_http(base_url):
    frames = []
    with httpx.stream("POST", f"{base_url}/api/v1/chat", json={"message": "Was kostet ein Perso?", "stream": True},
                      timeout=20) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        frames = [line for line in r.iter_lines() if line.startswith("event:")]
    assert frames[-1] == "event: done" and frames.count("event: token") > 3
