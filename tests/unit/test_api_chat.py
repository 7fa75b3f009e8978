"""Chat API against a real Assistant over the test corpus: JSON, SSE parsing, sessions, bad input, escaping."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.fakes import make_test_assistant


def parse_sse(text: str) -> list[tuple[str, object]]:
    """(event, decoded JSON data) per frame of a text/event-stream body."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        events.append((name, json.loads("\n".join(data))))
    return events


@pytest.fixture()
def client(tmp_path):
    settings = Settings(api={"feedback_db": tmp_path / "feedback.sqlite3", "rate_limit_per_minute": 0,
                             "max_message_chars": 500, "max_body_bytes": 4096})
    with TestClient(create_app(settings, make_test_assistant()), raise_server_exceptions=False) as c:
        yield c


def test_chat_json_answer_with_sources_notice_and_session(client):
    r = client.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"})
    assert r.status_code == 200
    body = r.json()
    assert "46,00 Euro" in body["answer"] and "[1]" in body["answer"]
    assert body["sources"][0]["id"] == "personalausweis-beantragen"
    assert body["sources"][0]["url"] == "https://service.krefeld.de/personalausweis-beantragen"
    assert body["guardrail"] == {"action": "answer", "rule": None}
    assert body["mode"] == "extractive" and body["notice"]
    follow = client.post("/api/v1/chat", json={"message": "Was kostet die Hundesteuer?",
                                               "session_id": body["session_id"]}).json()
    assert follow["session_id"] == body["session_id"] and follow["notice"] is None
    assert "120,00 Euro" in follow["answer"]


def test_chat_redactions_are_reported_by_type_only(client):
    body = client.post("/api/v1/chat", json={"message": "Was kostet ein Perso? Ich bin max@example.org"}).json()
    assert body["redactions"] == [{"type": "EMAIL_ADDRESS"}]
    assert "max@example.org" not in json.dumps(body)


@pytest.mark.parametrize("how", ["flag", "accept"])
def test_chat_streams_tokens_then_done(client, how):
    kwargs = ({"json": {"message": "Was kostet ein Perso?", "stream": True}} if how == "flag" else
              {"json": {"message": "Was kostet ein Perso?"}, "headers": {"Accept": "text/event-stream"}})
    with client.stream("POST", "/api/v1/chat", **kwargs) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(r.read().decode("utf-8"))
    kinds = [k for k, _ in events]
    assert kinds[-1] == "done" and set(kinds[:-1]) == {"token"} and len(kinds) > 3
    done = events[-1][1]
    assert "".join(d for k, d in events if k == "token") == done["answer"]
    assert done["sources"][0]["id"] == "personalausweis-beantragen" and done["notice"]


def test_stream_with_unknown_session_is_a_json_404_not_a_broken_stream(client):
    r = client.post("/api/v1/chat", json={"message": "Perso?", "session_id": "unknown-session-1", "stream": True})
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "session_not_found" and "neues Gespräch" in err["message"] and err["request_id"]


def test_unknown_session_404_then_server_keeps_serving(client):
    r = client.post("/api/v1/chat", json={"message": "Was kostet ein Perso?", "session_id": "abcdefghijk"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "session_not_found"
    assert client.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).status_code == 200


BAD_INPUTS = [
    ("empty", {"json": {"message": ""}}, 400, "empty_message", "Bitte schreiben Sie eine Frage."),
    ("blank", {"json": {"message": " \n\t "}}, 400, "empty_message", "Bitte schreiben Sie eine Frage."),
    ("controls only", {"json": {"message": "\u0000\u0007\u202e"}}, 400, "empty_message", "Frage"),
    ("too long message", {"json": {"message": "Perso " * 100}}, 413, "message_too_long", "höchstens 500 Zeichen"),
    ("100 kB body", {"json": {"message": "x" * 100_000}}, 413, "too_large", "zu groß"),
    ("invalid JSON", {"content": b'{"message": "Perso', "headers": {"Content-Type": "application/json"}}, 400,
     "bad_json", "gültiges JSON"),
    ("invalid UTF-8", {"content": b'{"message": "\xff\xfe"}', "headers": {"Content-Type": "application/json"}},
     400, "bad_json", "gültiges JSON"),
    ("wrong content type", {"content": b"message=Perso", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
     415, "unsupported_media_type", "application/json"),
    ("no content type", {"content": b'{"message": "Perso"}'}, 415, "unsupported_media_type", "JSON"),
    ("missing field", {"json": {"text": "Perso"}}, 422, "validation_error", "„message“ fehlt"),
    ("wrong type", {"json": {"message": ["Perso"]}}, 422, "validation_error", "„message“ hat das falsche Format"),
    ("not an object", {"json": ["Perso"]}, 422, "validation_error", "JSON-Objekt"),
    ("bad session id", {"json": {"message": "Perso", "session_id": "<script>"}}, 422, "validation_error",
     "„session_id“"),
]


@pytest.mark.parametrize("name,kwargs,status,code,text", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_clear_german_4xx(client, name, kwargs, status, code, text):
    r = client.post("/api/v1/chat", **kwargs)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and text in err["message"]
    assert "Traceback" not in r.text and "pydantic" not in r.text.lower()
    assert client.post("/api/v1/chat", json={"message": "Was kostet ein Perso?"}).status_code == 200


@pytest.mark.parametrize("message", [
    "Was kostet ein Perso? 🙂👍🏽 \u200b\u200d",
    "Perso\u0301 kosten – «Ausweis» ﷺ 𝔓𝔢𝔯𝔰𝔬",
    "Perso kosten \ud800 lone surrogate",
    "Ｐｅｒｓｏ kosten und Perso kosten",
    "Perso \u202eüberschrieben\u202c kosten",
])
def test_unicode_edge_cases_are_answered(client, message):
    raw = json.dumps({"message": message})  # ensure_ascii keeps lone surrogates as \\ud800 escapes
    r = client.post("/api/v1/chat", content=raw.encode("ascii"), headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["answer"]


def test_html_in_the_message_is_never_echoed_as_markup(client):
    r = client.post("/api/v1/chat", json={"message": "<script>alert(1)</script> <img src=x onerror=alert(2)>"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert "<script>" not in r.json()["answer"]


def test_method_not_allowed_and_unknown_path_are_german_json(client):
    r = client.get("/api/v1/chat")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"
    r = client.get("/api/v1/nichts")
    assert r.status_code == 404 and "nicht gefunden" in r.json()["error"]["message"]


def test_unexpected_error_is_generic_500_without_exception_text(tmp_path):
    class Exploding:
        def answer(self, *a, **k):
            raise RuntimeError("secret path /srv/models/x.gguf")

    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3"})
    with TestClient(create_app(settings, Exploding()), raise_server_exceptions=False) as c:
        r = c.post("/api/v1/chat", json={"message": "Perso?"})
    assert r.status_code == 500
    err = r.json()["error"]
    assert err["code"] == "internal_error" and "Fehler" in err["message"] and "02151 86-0" in err["message"]
    assert "secret" not in r.text and "RuntimeError" not in r.text


def test_error_mid_stream_ends_with_an_error_event(tmp_path):
    from assistant.pipeline import Event

    class BreaksWhileStreaming:
        def stream(self, *a, **k):
            yield Event("token", "Der ")
            raise RuntimeError("index file vanished: /var/index/x")

    settings = Settings(api={"feedback_db": tmp_path / "f.sqlite3"})
    with TestClient(create_app(settings, BreaksWhileStreaming()), raise_server_exceptions=False) as c:
        r = c.post("/api/v1/chat", json={"message": "Perso?", "stream": True})
    events = parse_sse(r.text)
    assert events[0] == ("token", "Der ")
    assert events[-1][0] == "error" and events[-1][1]["error"]["code"] == "internal_error"
    assert "vanished" not in r.text
