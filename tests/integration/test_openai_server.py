"""The OpenAI-compatible backend against a real server on loopback: llama-cpp-python's server with SmolLM2.

Also: a server that is down gives BackendUnavailable at once (one connection attempt, no retries), and the
pipeline answers extractively instead of failing the request.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.llm.generator import LLMGenerator
from assistant.llm.models import smollm2_gguf_path
from assistant.llm.prompts import build_messages
from assistant.settings import LLMSettings
from corpus.errors import BackendUnavailable
from tests.integration.pipeline_support import QUESTION, assistant_with, passages

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MAX_TOKENS = 32


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`python -m llama_cpp.server` on a free loopback port; yields its base URL, stops it afterwards."""
    port = free_port()
    log_path = Path(tmp_path_factory.mktemp("server")) / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_gguf_path()),
                                 "--model_alias", "smollm2", "--host", "127.0.0.1", "--port", str(port),
                                 "--n_ctx", "2048", "--n_threads", "1"], stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}:\n{log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer /v1/models:\n{log_path.read_text()[-2000:]}")
            time.sleep(0.25)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def settings(base_url: str, **overrides) -> LLMSettings:
    values = dict(backend="openai", base_url=base_url, model="smollm2", max_tokens=MAX_TOKENS, temperature=0.0,
                  timeout_s=60, first_token_timeout_s=60, context_tokens=2048)
    return LLMSettings(**{**values, **overrides})


@pytest.fixture(scope="module")
def generator(server) -> LLMGenerator:
    return LLMGenerator.from_settings(settings(server))


def test_generate_through_the_server(generator):
    draft = generator.generate(QUESTION, passages())
    assert draft.text.strip() and draft.mode == "llm" and draft.backend == "openai"
    assert draft.sources == passages() and draft.meta["prompt_tokens"] > 0


def test_stream_through_the_server(generator):
    pieces = list(generator.stream(QUESTION, passages()))
    assert len(pieces) > 1 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip()


def test_server_honours_max_tokens(generator):
    reply = generator.chat_model.model_copy(update={"streaming": False}).invoke(build_messages(QUESTION,
                                                                                               passages()))
    assert 0 < reply.response_metadata["token_usage"]["completion_tokens"] <= MAX_TOKENS


def test_server_down_is_unavailable():
    down = LLMGenerator.from_settings(settings(f"http://127.0.0.1:{free_port()}/v1"))
    with pytest.raises(BackendUnavailable, match="backend 'openai' failed: .*Connection"):
        down.generate(QUESTION, passages())


def test_broken_server_is_tried_once_not_retried():
    """A listener that hangs up on every connection: the client gives up after the first attempt."""
    connections: list[socket.socket] = []
    stop = threading.Event()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.1)

        def hang_up() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                connections.append(conn)
                conn.close()

        thread = threading.Thread(target=hang_up, daemon=True)
        thread.start()
        broken = LLMGenerator.from_settings(settings(f"http://127.0.0.1:{listener.getsockname()[1]}/v1"))
        try:
            with pytest.raises(BackendUnavailable, match="backend 'openai' failed"):
                broken.generate(QUESTION, passages())
        finally:
            stop.set()
            thread.join(5)
    assert len(connections) == 1


def test_pipeline_answers_extractively_when_the_server_is_down():
    down = LLMGenerator.from_settings(settings(f"http://127.0.0.1:{free_port()}/v1"))
    answer = assistant_with(down).answer(QUESTION)
    assert answer.mode == "extractive" and answer.action == "answer"
    assert answer.meta["fallback_reason"] == "backend error: BackendUnavailable"
    assert "46,00 Euro" in answer.text and "[1]" in answer.text
    events = list(assistant_with(down).stream(QUESTION))
    assert events[-1].kind == "done" and events[-1].data.mode == "extractive"
    assert "46,00 Euro" in "".join(e.data for e in events if e.kind == "token")
