"""The shared stores against real servers: redis-server and PostgreSQL (initdb + pg_ctl), each on loopback in a
temporary directory. Migrations apply once and refuse an edited file; feedback and audit rows land in PostgreSQL;
an audit batch written twice is stored once; sessions and the Lua token bucket work on a real Redis."""

from __future__ import annotations

import asyncio

import pytest
from typer.testing import CliRunner

from api.feedback_postgres import PostgresFeedbackStore
from api.ratelimit_redis import RedisRateLimiter
from assistant.migrate import Migration, load_migrations, migrate
from assistant.postgres import PostgresDatabase
from assistant.session_redis import RedisSessionStore
from assistant.sessions import Session, remember
from corpus.errors import BackendUnavailable, ConfigurationError
from guardrails.audit import AuditLog
from guardrails.audit_buffer import BufferedAuditSink
from guardrails.audit_postgres import PostgresAuditWriter
from tests.integration.services import postgres_server, redis_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pg():
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def test_migrations_apply_once_in_order_and_refuse_an_edited_file(pg, tmp_path):
    db = PostgresDatabase(pg.url, migrate=False)
    try:
        with db.connection() as conn:
            first = migrate(conn)
        with db.connection() as conn:
            assert migrate(conn) == []
            assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == \
                [m.version for m in load_migrations()]
        assert first in ([m.name for m in load_migrations()], [])  # [] when another test migrated first
        edited = [Migration(m.version, m.name, m.sql + "\n-- edited") for m in load_migrations()]
        with db.connection() as conn, pytest.raises(ConfigurationError, match="was changed after it was applied"):
            migrate(conn, edited)
    finally:
        db.close()
    (tmp_path / "1_bad.sql").write_text("SELECT 1;")
    with pytest.raises(ConfigurationError, match="must look like 0003_add_column.sql, got 1_bad.sql"):
        load_migrations(tmp_path)


def test_db_migrate_command(pg, monkeypatch):
    from cli import app
    from assistant.settings import get_settings

    monkeypatch.setenv("BA_POSTGRES__URL", pg.url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["db", "migrate"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "schema up to date" in result.output or "applied: 0001_feedback.sql" in result.output


def test_feedback_in_postgres(pg):
    store = PostgresFeedbackStore(PostgresDatabase(pg.url, timeout_s=2))
    store.open()
    try:
        before = store.summary()
        row = store.add("session-1", 1, "Hat geholfen")
        store.add("session-1", -1, None)
        assert store.summary() == {"up": before["up"] + 1, "down": before["down"] + 1}
        latest = store.recent(2)
        assert [r.id for r in latest][1] == row and latest[0].rating == -1 and latest[1].comment == "Hat geholfen"
        assert latest[0].session_hash == latest[1].session_hash != "session-1"
        assert latest[0].ts.endswith("+00:00")
        with pytest.raises(ValueError, match="rating must be -1 or 1, got 0"):
            store.add("s", 0, None)
    finally:
        store.close()


def test_audit_records_in_postgres_and_a_batch_written_twice_is_stored_once(pg):
    db = PostgresDatabase(pg.url, max_size=1, timeout_s=2)
    writer = PostgresAuditWriter(db)
    log = AuditLog(BufferedAuditSink(writer), salt="s")
    try:
        entry = log.record(session_id="abc", rule="emergency", action="handoff", backend="policy", mode="extractive",
                           latency_ms=3.5, redactions=["PERSON", "PERSON"], intents=["notfall"])
        assert log.sink.flush(10)
        writer.write([("fixed-id", entry), ("fixed-id", entry)])
        writer.write([("fixed-id", entry)])
        with db.connection() as conn:
            rows = conn.execute("SELECT session, rule, action, latency_ms, redactions, extra FROM audit_records "
                                "WHERE session = %s ORDER BY id", (entry["session"],)).fetchall()
        assert len(rows) == 2  # the buffered record and "fixed-id" once
        assert rows[0][1:] == ("emergency", "handoff", 3.5, {"PERSON": 2}, {"intents": ["notfall"]})
    finally:
        log.close()


def test_unreachable_postgres_is_backend_unavailable_without_the_password():
    db = PostgresDatabase("postgresql://ba:geheim@127.0.0.1:1/ba", timeout_s=1)
    try:
        with pytest.raises(BackendUnavailable, match=r"PostgreSQL at postgresql://127\.0\.0\.1:1/ba unreachable") as e:
            with db.connection():
                pass
        assert "geheim" not in str(e.value)
    finally:
        db.close()


def test_sessions_and_the_rate_limit_on_a_real_redis(redis_url):
    first, second = RedisSessionStore.from_url(redis_url, ttl_s=30), RedisSessionStore.from_url(redis_url, ttl_s=30)
    session = Session(id="real-1")
    remember(session, "Ich habe einen Hund.", "hundesteuer", "Hund anmelden und Hundesteuer")
    first.put(session)
    assert second.get("real-1").topic == "hundesteuer"
    assert 29_000 < first.client.pttl("ba:session:real-1") <= 30_000

    limiters = [RedisRateLimiter.from_url(redis_url, per_minute=1, burst=4) for _ in range(2)]

    async def run():
        return await asyncio.gather(*(limiters[i % 2].acquire("192.0.2.1") for i in range(10)))

    assert sum(allowed for allowed, _ in asyncio.run(run())) == 4
