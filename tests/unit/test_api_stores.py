"""The API when a shared store is away: feedback refused with a German 503 (never dropped silently), sessions
unreachable give 503, a buffering audit sink reports to /metrics; and the stores chosen by settings."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.app import create_app
from api.feedback_postgres import PostgresFeedbackStore
from api.feedback_store import SqliteFeedbackStore
from api.limits import TokenBucketLimiter
from api.ratelimit_redis import RedisRateLimiter
from api.stores import build_feedback_store, build_rate_limiter
from assistant.settings import Settings
from corpus.errors import BackendUnavailable
from guardrails.audit import AuditLog
from guardrails.audit_buffer import BufferedAuditSink
from tests.fakes import make_test_assistant
from tests.unit.test_audit_buffer import FlakyWriter


class UnreachableFeedbackStore:
    """FeedbackStore whose database is down."""

    def open(self):
        pass

    def close(self):
        pass

    def add(self, session_id, rating, comment):
        raise BackendUnavailable("PostgreSQL at postgresql://db:5432/ba unreachable (PoolTimeout); check BA_POSTGRES__URL")

    def recent(self, limit=100):
        raise BackendUnavailable("PostgreSQL at postgresql://db:5432/ba unreachable (PoolTimeout)")

    def summary(self):
        raise BackendUnavailable("PostgreSQL at postgresql://db:5432/ba unreachable (PoolTimeout)")


class UnreachableSessions:
    def get(self, session_id):
        raise BackendUnavailable("session store: Redis at redis://redis:6379/0 unreachable (ConnectionError)")

    put = get


def settings_for(tmp_path, **api):
    return Settings(api={"feedback_db": tmp_path / "f.sqlite3", "rate_limit_per_minute": 0,
                         "staff_api_key": "staff-secret", **api})


def test_feedback_while_the_database_is_down_is_a_german_503_and_logged(tmp_path, caplog):
    app = create_app(settings_for(tmp_path), make_test_assistant())
    app.state.feedback_store = UnreachableFeedbackStore()
    with TestClient(app, raise_server_exceptions=False) as c:
        session = c.post("/api/v1/chat", json={"message": "Was kostet ein Personalausweis?"}).json()["session_id"]
        r = c.post("/api/v1/feedback", json={"session_id": session, "rating": "up", "comment": "Danke"})
        assert r.status_code == 503 and r.headers["retry-after"] == "60"
        err = r.json()["error"]
        assert err["code"] == "feedback_unavailable"
        assert err["message"].startswith("Ihre Rückmeldung konnte gerade nicht gespeichert werden")
        assert "PostgreSQL" not in r.text and "db:5432" not in r.text
        assert "feedback not stored" in caplog.text and "PostgreSQL at postgresql://db:5432/ba unreachable" in caplog.text
        assert 'ba_store_unavailable_total{store="feedback"} 1.0' in c.get("/metrics").text
        export = c.get("/api/v1/feedback", headers={"X-API-Key": "staff-secret"})
        assert export.status_code == 503 and export.json()["error"]["code"] == "unavailable"


def test_unreachable_sessions_still_get_the_answer_and_never_a_500(tmp_path, caplog):
    """A new conversation is answered without its memory (logged); the citizen never sees the store's error."""
    assistant = make_test_assistant()
    assistant.sessions = UnreachableSessions()
    with TestClient(create_app(settings_for(tmp_path), assistant), raise_server_exceptions=False) as c:
        r = c.post("/api/v1/chat", json={"message": "Was kostet ein Personalausweis?"})
        assert r.status_code == 200 and r.json()["answer"]
        assert "Redis" not in r.text and "6379" not in r.text
    assert "session store failed" in caplog.text


def test_audit_buffer_and_drops_show_in_metrics(tmp_path):
    writer = FlakyWriter(down=True)
    assistant = make_test_assistant()
    assistant.audit = AuditLog(BufferedAuditSink(writer, max_records=2, retry_s=0.01, max_retry_s=0.02), salt="s")
    with TestClient(create_app(settings_for(tmp_path), assistant)) as c:
        for _ in range(3):
            assert c.post("/api/v1/chat", json={"message": "Was kostet ein Personalausweis?"}).status_code == 200
        text = c.get("/metrics").text
        assert re.search(r"^ba_audit_buffered 2\.0$", text, re.M)
        assert re.search(r"^ba_audit_dropped_total 1\.0$", text, re.M)
        writer.down.clear()
        assert assistant.audit.sink.flush(5)
        assert re.search(r"^ba_audit_buffered 0\.0$", c.get("/metrics").text, re.M)
    assert len(writer.rows) == 2


def test_stores_follow_the_settings(tmp_path):
    local = settings_for(tmp_path, rate_limit_per_minute=60)
    assert isinstance(build_rate_limiter(local), TokenBucketLimiter)
    assert isinstance(build_feedback_store(local), SqliteFeedbackStore)
    shared = Settings(api={"rate_limit_backend": "redis", "feedback_backend": "postgres"},
                      redis={"url": "redis://127.0.0.1:6390/0"}, postgres={"url": "postgresql://ba@127.0.0.1/ba"})
    assert isinstance(build_rate_limiter(shared), RedisRateLimiter)
    assert isinstance(build_feedback_store(shared), PostgresFeedbackStore)


def test_an_eval_run_writes_no_audit_records_and_no_shared_sessions():
    from assistant.build import build_audit_log
    from evals.cli import eval_settings

    deployed = Settings(session={"backend": "redis"}, guardrails={"audit_backend": "postgres"},
                        redis={"url": "redis://redis:6379/0"}, postgres={"url": "postgresql://ba@db/ba"})
    settings = eval_settings(deployed)
    assert build_audit_log(settings) is None and settings.session.backend == "memory"
