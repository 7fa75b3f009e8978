"""Streamed LLM answers pass the output checks before any token leaves the server, end to end.

A fake OpenAI-compatible LLM server (tests/integration/fake_streaming_llm.py) streams an answer whose first sentence is
fine and whose later sentences hold an e-mail address, a phone number and a line of the system prompt. The real
assistant (real German redactor, policy and output guard, the OpenAI backend's own client) runs under uvicorn on
loopback; the assertions are on the raw bytes a client receives from /api/v1/chat and /v1/chat/completions with
stream true, and on what the chat page in Chromium ever showed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.llm.generator import LLMGenerator
from assistant.llm.prompts import system_prompt
from assistant.messages import message, rendered_texts
from assistant.settings import LLMSettings, Settings
from guardrails.classifier import PolicyClassifier
from guardrails.input_guard import PolicyInputGuard
from guardrails.output_guard import PolicyOutputGuard
from guardrails.pii.redactor import PresidioRedactor
from guardrails.policy import load_policy
from tests.fakes import make_test_assistant
from tests.integration.fake_streaming_llm import FakeLLMServer
from tests.integration.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

GOOD = "Den Personalausweis beantragen Sie persönlich in einem Bürgerbüro [1]. "
MAIL = "Schreiben Sie vorher an erika.muster@gmail.com für einen Termin [1]. "
PHONE = "Oder rufen Sie Frau Muster unter 0171 2345678 an [1]. "
PROMPT = "Nutzen Sie nur die Informationen aus dem nummerierten Kontext. Erfinden Sie nichts. "
COST = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1]."
# Fragments that must not reach a client in any form (a token may carry part of an address).
SECRETS = ["erika", "muster@", "gmail", "0171", "2345678", "nummerierten", "Informationen aus dem", "Erfinden"]
QUESTION = "Was kostet ein Personalausweis?"


@pytest.fixture(scope="module")
def guards():
    redactor = PresidioRedactor()
    redactor.load()
    policy = load_policy()
    return (PolicyInputGuard(redactor, PolicyClassifier(policy).load(), policy),
            PolicyOutputGuard(redactor, system_prompt=system_prompt(), templates=rendered_texts(),
                              allowed_hosts=["krefeld.de"]))


@pytest.fixture()
def served(guards, tmp_path):
    """Yields (fake LLM server, assistant base URL); set `llm.reply` before asking."""
    with FakeLLMServer() as llm:
        generator = LLMGenerator.from_settings(LLMSettings(backend="openai", base_url=llm.base_url, model="fake",
                                                           timeout_s=20))
        assistant = make_test_assistant(input_guard=guards[0], generator=generator)
        assistant.output_guard = guards[1]
        settings = Settings(api={"feedback_db": tmp_path / "feedback.sqlite3", "rate_limit_per_minute": 0})
        with live_server(create_app(settings, assistant)) as url:
            yield llm, url


def raw_stream(url: str, path: str, body: dict) -> bytes:
    with httpx.Client(base_url=url, timeout=30) as http, http.stream("POST", path, json=body) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        return b"".join(r.iter_raw())


def events(raw: bytes) -> list[tuple[str, object]]:
    out = []
    for block in raw.decode("utf-8").split("\n\n"):
        if block.strip():
            lines = block.split("\n")
            name = next((line[6:].strip() for line in lines if line.startswith("event:")), "message")
            data = "\n".join(line[5:].removeprefix(" ") for line in lines if line.startswith("data:"))
            out.append((name, data if data == "[DONE]" else json.loads(data)))
    return out


def assert_no_secret(raw: bytes) -> None:
    text = raw.decode("utf-8")
    readable = text.encode().decode("unicode_escape", errors="ignore")  # also what \\uXXXX escapes would spell
    for secret in SECRETS:
        assert secret not in text and secret not in readable, f"{secret!r} reached the client"


REPLIES = {"mail first": GOOD + MAIL + PHONE + PROMPT + COST, "phone first": GOOD + PHONE + PROMPT + MAIL + COST,
           "prompt first": GOOD + PROMPT + MAIL + PHONE + COST}


@pytest.mark.parametrize("reply", REPLIES.values(), ids=REPLIES.keys())
def test_web_chat_stream_carries_only_checked_text(served, reply):
    llm, url = served
    llm.reply = reply
    raw = raw_stream(url, "/api/v1/chat", {"message": QUESTION, "stream": True})
    assert_no_secret(raw)
    seen = events(raw)
    names = [name for name, _ in seen]
    assert names.count("replace") == 1 and names[-1] == "done"
    cut = names.index("replace")
    streamed = "".join(data for name, data in seen[:cut] if name == "token")
    after = "".join(data for name, data in seen[cut:] if name == "token")
    done = seen[-1][1]
    assert streamed == GOOD  # the good sentence streamed before the model was stopped
    assert after == done["answer"] and "46,00 Euro" in done["answer"]
    assert done["mode"] == "extractive" and done["meta"]["replaced_stream"]
    assert llm.aborted.wait(5), "the model's stream was not stopped"


@pytest.mark.parametrize("reply", REPLIES.values(), ids=REPLIES.keys())
def test_openai_stream_never_sends_what_it_would_retract(served, reply):
    llm, url = served
    llm.reply = reply
    raw = raw_stream(url, "/v1/chat/completions", {"stream": True, "messages": [{"role": "user",
                                                                                  "content": QUESTION}]})
    assert_no_secret(raw)
    chunks = [data for _, data in events(raw)]
    assert chunks[-1] == "[DONE]"
    content = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks[:-1])
    final = chunks[-2]["buergerassistent"]
    assert content.startswith(GOOD + "\n\n" + message("answer_continued") + "\n\n" + final["answer"])
    assert final["mode"] == "extractive" and "46,00 Euro" in final["answer"]


def test_a_clean_answer_streams_unchanged(served):
    llm, url = served
    llm.reply = GOOD + COST
    seen = events(raw_stream(url, "/api/v1/chat", {"message": QUESTION, "stream": True}))
    assert "replace" not in [name for name, _ in seen]
    assert "".join(d for n, d in seen if n == "token") == seen[-1][1]["answer"] == GOOD + COST
    assert seen[-1][1]["mode"] == "llm"


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists() and os.environ.get("CI") != "true", reason="needs /usr/bin/chromium")
def test_the_chat_page_never_shows_rejected_text_and_ends_with_the_checked_answer(served):
    from playwright.sync_api import sync_playwright

    llm, url = served
    llm.reply = GOOD + MAIL + PHONE + PROMPT + COST
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url + "/")
        # Record every text the live answer ever showed, token by token.
        page.evaluate("""() => { window.__shown = []; new MutationObserver(() => {
            document.querySelectorAll('#log .msg-assistant').forEach(m => window.__shown.push(m.innerText)); })
            .observe(document.getElementById('log'), {subtree: true, childList: true, characterData: true}); }""")
        page.fill("#question", QUESTION)
        page.press("#question", "Enter")
        answer = page.locator(".msg-assistant .answer").last
        answer.wait_for(timeout=30_000)
        shown = page.evaluate("window.__shown")
        final = answer.inner_text()
        browser.close()
    assert any("Bürgerbüro" in s for s in shown)  # the checked first sentence was shown live
    for secret in SECRETS:
        assert not any(secret in s for s in shown), f"{secret!r} was shown"
    assert "46,00 Euro" in final and "Schreiben Sie vorher" not in final
