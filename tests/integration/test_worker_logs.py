"""No personal data in the server's log, whichever process writes it: a real `buergerassistent serve` with two
worker processes (and with one), an OpenAI-compatible LLM server on loopback that fails with a citizen's name, IBAN
and e-mail address in its error message, and the access log switched on. The assertions read the server's output.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.integration.fake_streaming_llm import FakeLLMServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

UPSTREAM_ERROR = ("upstream failure for Anna Vogel, IBAN DE89 3704 0044 0532 0130 00, anna.vogel@example.org "
                  "in request 7")
SECRETS = ["Anna Vogel", "Vogel", "DE89 3704", "0532 0130", "anna.vogel", "example.org"]
LOGGED = re.compile(r"\[(\d+)\] assistant\.pipeline: generator openai failed")


@pytest.fixture(scope="module", params=[2, 1], ids=["2 workers", "1 worker"])
def server(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"logs{request.param}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with FakeLLMServer(error=(500, UPSTREAM_ERROR)) as llm:
        env = {**os.environ, "BA_API__WORKERS": str(request.param), "BA_API__STAFF_API_KEY": "staff-key",
               "BA_API__RATE_LIMIT_PER_MINUTE": "0", "BA_API__ACCESS_LOG": "true", "BA_RETRIEVAL__EMBEDDER": "hash",
               "BA_RETRIEVAL__EMBEDDER_MODEL": "char-ngrams-256", "BA_RETRIEVAL__INDEX_PATH": str(tmp / "index"),
               "BA_SESSION__PATH": str(tmp / "sessions.sqlite3"), "BA_API__METRICS_DIR": str(tmp / "metrics"),
               "BA_API__CONNECTIONS_DIR": str(tmp / "connections"),
               "BA_API__FEEDBACK_DB": str(tmp / "feedback.sqlite3"), "BA_GUARDRAILS__AUDIT_LOG": str(tmp / "audit.jsonl"),
               "BA_LLM__BACKEND": "openai", "BA_LLM__BASE_URL": llm.base_url, "BA_LLM__MODEL": "fake",
               "BA_LLM__TIMEOUT_S": "10"}
        log_path = tmp / "serve.log"
        with log_path.open("w") as log:
            proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "serve",
                                     "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300
            while len(re.findall(r"Application startup complete", log_path.read_text())) < request.param:
                assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.5)
            yield url, log_path, proc.pid, request.param, llm
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_upstream_errors_and_access_lines_are_redacted_in_every_process(server):
    url, log_path, parent_pid, workers, llm = server
    deadline = time.monotonic() + 120
    pids: set[str] = set()
    while len(pids) < workers:  # fresh connections until every worker has answered at least once
        with httpx.Client(base_url=url, timeout=30) as http:
            r = http.post("/api/v1/chat", json={"message": "Was kostet ein Personalausweis?", "stream": True})
            assert r.status_code == 200 and "Anna" not in r.text  # the extractive answer, without the error
            assert http.get("/api/v1/services/anna.vogel@example.org").status_code == 404
        time.sleep(0.3)  # the log line is written after the response
        pids = set(LOGGED.findall(log_path.read_text()))
        assert time.monotonic() < deadline, log_path.read_text()[-3000:]
    text = log_path.read_text()
    assert llm.requests, "the LLM server was never asked"
    if workers > 1:
        assert str(parent_pid) not in pids  # the lines come from the worker processes
    assert re.search(r"uvicorn\.access: .*\"GET /api/v1/services/\S+ HTTP/1\.1\" 404", text), text[-3000:]
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} reached the log of the server with {workers} worker(s)"
