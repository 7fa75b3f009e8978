"""Beyond one machine, against the real servers: two API replicas (`serve`, one worker each) sharing Redis (sessions,
rate limit) and PostgreSQL (feedback, audit log), HAProxy in front with deploy/haproxy.cfg. Every service is started
here on loopback, on free ports, in temporary directories, and stopped afterwards.

The test clients speak from their own loopback addresses (127.0.0.20, 127.0.1.5, ...): HAProxy names that address
in X-Forwarded-For and the replicas trust HAProxy's 127.0.0.1 only, so each test has its own rate-limit bucket, and
the buckets prove that the forwarded address, not the proxy's, is what counts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
import pytest

from api.feedback_store import session_hash as feedback_hash
from guardrails.audit import AuditLog
from tests.integration.services import Postgres, free_port, haproxy, postgres_server, redis_server, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BURST = 20  # requests per client address; refilled at one a minute, i.e. not during the test
SALT = "scale-out-test-salt"
FIRST = "Ich habe einen Hund. Muss ich den anmelden?"
FOLLOW_UP = "Was kostet das?"


@dataclass
class Cluster:
    url: str  # HAProxy
    replicas: list[str]
    procs: list[subprocess.Popen]
    pg: Postgres
    tmp: Path
    logs: list[Path] = field(default_factory=list)

    def client(self, source: str, url: str | None = None) -> httpx.Client:
        """A client whose connections come from `source`, a loopback address of its own."""
        return httpx.Client(base_url=url or self.url, timeout=30,
                            transport=httpx.HTTPTransport(local_address=source, retries=0))

    def metric(self, replica: int, name: str) -> float:
        text = httpx.get(self.replicas[replica] + "/metrics", timeout=10).text
        return sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? ([0-9.e+-]+)$", text, re.M))

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.pg.url, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-4000:]}" for p in self.logs if p.exists())


def _run_cli(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    out = open(log, "w")
    return subprocess.Popen([sys.executable, "-c", "from cli import main; main()", *args], env=env,
                            cwd=cwd, stdout=out, stderr=subprocess.STDOUT)


def _ready(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    with redis_server(tmp) as redis_url, postgres_server() as pg:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               "BA_CORPUS__PATH": str(ROOT / "tests" / "data" / "corpus"), "BA_RETRIEVAL__EMBEDDER": "hash",
               "BA_RETRIEVAL__EMBEDDER_MODEL": "char-ngrams-256", "BA_RETRIEVAL__INDEX_PATH": str(tmp / "index"),
               "BA_API__WORKERS": "1", "BA_API__STAFF_API_KEY": "staff-key-for-the-test",
               "BA_SESSION__BACKEND": "redis", "BA_API__RATE_LIMIT_BACKEND": "redis", "BA_REDIS__URL": redis_url,
               "BA_API__RATE_LIMIT_PER_MINUTE": "1", "BA_API__RATE_LIMIT_BURST": str(BURST),
               "BA_API__TRUSTED_PROXIES": '["127.0.0.1"]',
               "BA_API__FEEDBACK_BACKEND": "postgres", "BA_GUARDRAILS__AUDIT_BACKEND": "postgres",
               "BA_POSTGRES__URL": pg.url, "BA_POSTGRES__CONNECT_TIMEOUT_S": "1", "BA_GUARDRAILS__AUDIT_SALT": SALT,
               "BA_API__FEEDBACK_DB": str(tmp / "unused.sqlite3"), "BA_GUARDRAILS__AUDIT_LOG": str(tmp / "unused.jsonl")}
        index = _run_cli(["index"], env, tmp, tmp / "index.log")
        assert index.wait(300) == 0, (tmp / "index.log").read_text()  # built once; both replicas load it
        ports = [free_port(), free_port()]
        replicas = [f"http://127.0.0.1:{p}" for p in ports]
        logs = [tmp / f"replica{i + 1}.log" for i in range(2)]
        procs = [_run_cli(["serve", "--host", "127.0.0.1", "--port", str(p)], env, tmp, log)
                 for p, log in zip(ports, logs)]
        c = Cluster(url="", replicas=replicas, procs=procs, pg=pg, tmp=tmp, logs=[*logs, tmp / "haproxy.log"])
        try:
            for url, proc in zip(replicas, procs):
                wait_until(lambda: proc.poll() is not None or _ready(url), 600, "replica", None)
                assert proc.poll() is None, c.log_tail()
            lb_port = free_port()
            lb_env = {"HAPROXY_BIND": f"127.0.0.1:{lb_port}", "API1_ADDR": f"127.0.0.1:{ports[0]}",
                      "API2_ADDR": f"127.0.0.1:{ports[1]}", "CHECK_INTER": "500ms"}
            with haproxy(ROOT / "deploy" / "haproxy.cfg", lb_env, lb_port, tmp):
                c.url = f"http://127.0.0.1:{lb_port}"
                time.sleep(1.5)  # the first health checks (rise 2 at 500 ms) see both replicas up
                yield c
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs:
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_a_conversation_continues_on_the_other_replica(cluster):
    with cluster.client("127.0.0.20", cluster.replicas[0]) as one, \
            cluster.client("127.0.0.20", cluster.replicas[1]) as two:
        first = one.post("/api/v1/chat", json={"message": FIRST})
        assert first.status_code == 200, first.text
        session = first.json()["session_id"]
        assert first.json()["sources"][0]["id"] == "hundesteuer" and first.json()["notice"]
        for client in (two, one, two):  # every turn on the replica that did not answer the last one
            r = client.post("/api/v1/chat", json={"message": FOLLOW_UP, "session_id": session})
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["session_id"] == session and body["notice"] is None  # the AI notice once per conversation
            assert body["sources"][0]["id"] == "hundesteuer"  # the follow-up resolved with the stored topic


def test_feedback_through_either_replica_lands_in_postgres(cluster):
    ids = []
    for n, replica in enumerate(cluster.replicas):
        with cluster.client("127.0.0.21", replica) as c:
            session = c.post("/api/v1/chat", json={"message": FIRST}).json()["session_id"]
            r = c.post("/api/v1/feedback", json={"session_id": session, "rating": "up" if n else "down",
                                                 "comment": f"Antwort von Replik {n + 1} war hilfreich"})
            assert r.status_code == 201, r.text
            ids.append((session, r.json()["id"]))
    for (session, row_id), rating in zip(ids, (-1, 1)):
        rows = cluster.sql("SELECT id, rating, comment FROM feedback WHERE session_hash = %s", feedback_hash(session))
        assert [(r[0], r[1]) for r in rows] == [(row_id, rating)] and "hilfreich" in rows[0][2]


def test_one_rate_limit_across_both_replicas(cluster):
    before = [cluster.metric(i, "ba_rate_limited_total") for i in range(2)]
    with cluster.client("127.0.0.22") as c:
        codes = [c.get("/api/v1/services/hundesteuer").status_code for _ in range(BURST + 6)]
    assert codes == [200] * BURST + [429] * 6  # two in-process buckets would have allowed 2 x BURST
    refused = [cluster.metric(i, "ba_rate_limited_total") - before[i] for i in range(2)]
    assert sum(refused) == 6 and min(refused) > 0, refused  # counted once, by whichever replica refused


def test_a_forged_forwarded_header_buys_no_bucket(cluster):
    with cluster.client("127.0.0.23", cluster.replicas[0]) as direct:  # not a trusted proxy: header ignored
        codes = [direct.get("/api/v1/services", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
                 for i in range(BURST + 2)]
    assert codes == [200] * BURST + [429] * 2
    with cluster.client("127.0.0.24") as via_haproxy:  # HAProxy replaces the header with the real address
        codes = [via_haproxy.get("/api/v1/services", headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
                 for i in range(BURST + 2)]
    assert codes == [200] * BURST + [429] * 2


def test_postgres_outage_feedback_is_refused_in_german_and_audit_records_follow(cluster):
    audit = AuditLog(cluster.tmp / "never-written.jsonl", salt=SALT)
    cluster.pg.stop()
    try:
        with cluster.client("127.0.0.25") as c:
            session = c.post("/api/v1/chat", json={"message": FIRST}).json()["session_id"]
            r = c.post("/api/v1/feedback", json={"session_id": session, "rating": "up"})
            assert r.status_code == 503, r.text
            assert r.json()["error"]["message"].startswith("Ihre Rückmeldung konnte gerade nicht gespeichert werden")
            turns = 1
            for _ in range(5):
                r = c.post("/api/v1/chat", json={"message": FOLLOW_UP, "session_id": session})
                assert r.status_code == 200, r.text  # answering does not need the database
                turns += 1
        wait_until(lambda: sum(cluster.metric(i, "ba_audit_buffered") for i in range(2)) >= turns, 20,
                   "buffered audit records")
    finally:
        cluster.pg.start()
    wait_until(lambda: sum(cluster.metric(i, "ba_audit_buffered") for i in range(2)) == 0, 60,
               "audit records flushed after PostgreSQL came back")
    rows = cluster.sql("SELECT action FROM audit_records WHERE session = %s", audit.session_hash(session))
    assert len(rows) == turns and {r[0] for r in rows} == {"answer"}
    assert sum(cluster.metric(i, "ba_audit_dropped_total") for i in range(2)) == 0
    logs = "".join(p.read_text(errors="replace") for p in cluster.logs[:2])
    assert "feedback not stored" in logs and "PostgreSQL at postgresql://127.0.0.1" in logs
    assert "audit log: PostgreSQL reachable again" in logs
    with cluster.client("127.0.0.25") as c:  # and feedback is taken again
        assert c.post("/api/v1/feedback", json={"session_id": session, "rating": "up"}).status_code == 201


@dataclass
class Call:
    started: float
    ended: float
    status: int | str
    body: dict | None


def _conversation(cluster: Cluster, source: str, turns: int, calls: list[Call], stop: threading.Event) -> list[dict]:
    """One citizen: a first question, then follow-ups and a look at the document; every call recorded."""
    answers = []
    session = None
    with cluster.client(source) as c:
        for turn in range(turns):
            if stop.is_set():
                break
            started = time.monotonic()
            try:
                if turn % 3 == 2:
                    r = c.get("/api/v1/services/hundesteuer")
                else:
                    r = c.post("/api/v1/chat", json={"message": FOLLOW_UP if session else FIRST,
                                                     "session_id": session})
                status, body = r.status_code, (r.json() if r.headers.get("content-type", "").startswith(
                    "application/json") else None)
            except httpx.HTTPError as exc:
                status, body = f"{type(exc).__name__}: {exc}", None
            calls.append(Call(started, time.monotonic(), status, body))
            if status == 200 and body and "session_id" in body:
                session = body["session_id"]
                answers.append(body)
    return answers


def test_killing_a_replica_mid_load_loses_no_conversation_and_fails_no_request(cluster):
    calls: list[Call] = []
    stop = threading.Event()
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(_conversation, cluster, f"127.0.1.{k}", 12, calls, stop) for k in range(1, 9)]
        wait_until(lambda: len(calls) >= 16, 60, "load before the kill")
        killed_at = time.monotonic()
        cluster.procs[1].kill()  # SIGKILL: no graceful shutdown, requests in flight die with it
        conversations = [f.result(timeout=180) for f in futures]
    assert cluster.procs[1].wait(10) == -9
    # The one failure no proxy can retry: the replica died after its response had begun (headers passed on, body
    # lost). Every other request, in flight on the dead replica or sent after, must have been answered.
    begun = [c for c in calls if "complete message body" in str(c.status) and c.started < killed_at < c.ended]
    failed = [c for c in calls if c.status != 200 and c not in begun]
    assert not failed, (f"{len(failed)} of {len(calls)} failed: {[(c.status, c.body) for c in failed]}; "
                        f"in flight at the kill: {sum(c.started < killed_at < c.ended for c in failed)}")
    assert len(begun) <= 2, begun
    assert sum(c.started > killed_at for c in calls) >= 16  # the load went on after the kill
    for answers in conversations:
        assert len(answers) >= 8 - len(begun)  # 8 chat turns of 12 calls, all in one session
        assert len({a["session_id"] for a in answers}) == 1
        assert all(a["sources"][0]["id"] == "hundesteuer" for a in answers)
        assert [a["notice"] is not None for a in answers] == [True] + [False] * (len(answers) - 1)
    assert _ready(cluster.replicas[0]) and not _ready(cluster.replicas[1])
