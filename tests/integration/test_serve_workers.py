"""`buergerassistent serve` with two worker processes: one socket, shared sessions, metrics of all workers.

A real `serve` subprocess on a free loopback port over the shipped corpus, with the hashing embedder (no model
to load) and every file it writes in a temporary directory.
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

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("workers")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BA_API__WORKERS": "2", "BA_API__STAFF_API_KEY": "staff-key-for-the-test",
           "BA_API__RATE_LIMIT_PER_MINUTE": "0", "BA_RETRIEVAL__EMBEDDER": "hash",
           "BA_RETRIEVAL__EMBEDDER_MODEL": "char-ngrams-256", "BA_RETRIEVAL__INDEX_PATH": str(tmp / "index"),
           "BA_SESSION__PATH": str(tmp / "sessions.sqlite3"), "BA_API__METRICS_DIR": str(tmp / "metrics"),
           "BA_API__FEEDBACK_DB": str(tmp / "feedback.sqlite3"), "BA_GUARDRAILS__AUDIT_LOG": str(tmp / "audit.jsonl")}
    log = open(tmp / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "serve", "--host",
                             "127.0.0.1", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    try:
        while True:
            assert proc.poll() is None, (tmp / "serve.log").read_text()
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, (tmp / "serve.log").read_text()
            time.sleep(0.5)
        yield url, tmp
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _workers_up(tmp) -> int:
    return len(re.findall(r"Application startup complete", (tmp / "serve.log").read_text()))


def test_both_workers_serve_and_a_conversation_survives_whichever_answers(server):
    url, tmp = server
    deadline = time.monotonic() + 120
    while _workers_up(tmp) < 2:  # the second worker may still be loading; requests meanwhile go to the first
        assert time.monotonic() < deadline, (tmp / "serve.log").read_text()
        time.sleep(0.5)
    with httpx.Client(base_url=url, timeout=30) as http:  # fresh connections spread over both workers
        first = http.post("/api/v1/chat", json={"message": "Ich habe einen Hund. Muss ich den anmelden?"}).json()
        session = first["session_id"]
        topics = []
        for _ in range(8):
            with httpx.Client(base_url=url, timeout=30) as fresh:
                r = fresh.post("/api/v1/chat", json={"message": "Was kostet das?", "session_id": session})
            assert r.status_code == 200, r.text  # never "session unknown" because another worker answers
            topics.append(r.json()["sources"][0]["id"])
        assert set(topics) == {first["sources"][0]["id"]} == {"hundesteuer"}


def test_metrics_add_up_every_workers_answers(server):
    url, _ = server
    with httpx.Client(base_url=url, timeout=30) as http:
        before = _answers(http.get("/metrics").text)
        for _ in range(6):
            with httpx.Client(base_url=url, timeout=30) as fresh:
                assert fresh.post("/api/v1/chat", json={"message": "Hundesteuer"}).status_code == 200
        assert _answers(http.get("/metrics").text) == before + 6
        assert re.search(r"^ba_ready 1\.0$", http.get("/metrics").text, re.M)


def _answers(text: str) -> float:
    return sum(float(v) for v in re.findall(r'^ba_answers_total\{[^}]*\} ([0-9.e+]+)$', text, re.M))
