"""`buergerassistent serve`: builds the assistant first, logs what is in use, hands the app to uvicorn."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient
from typer.testing import CliRunner

import assistant.build
import uvicorn
from cli import app as cli
from assistant.settings import get_settings
from tests.fakes import make_test_assistant


def test_serve_builds_before_listening_and_generates_a_staff_key(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("BA_API__FEEDBACK_DB", str(tmp_path / "f.sqlite3"))
    monkeypatch.setenv("BA_API__WORKERS", "1")
    monkeypatch.delenv("BA_API__STAFF_API_KEY", raising=False)
    get_settings.cache_clear()
    built, served = [], {}
    monkeypatch.setattr(assistant.build, "build_assistant",
                        lambda settings, rebuild_index=False: built.append(settings) or make_test_assistant())
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    caplog.set_level(logging.INFO)
    try:
        result = CliRunner().invoke(cli, ["serve", "--host", "127.0.0.1", "--port", "8123"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert served["timeout_keep_alive"] == 65  # longer than clients keep idle connections (httpx: 5 s)
    assert served["proxy_headers"] is False  # uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1
    assert served["log_config"] is None and served["access_log"] is False  # logging stays ours, with the PII filter
    key = built[0].api.staff_api_key
    assert key and len(key) >= 20 and key in result.output
    assert "answer backend: extractive" in caplog.text and "'documents': 2" in caplog.text
    with TestClient(served["app"]) as c:
        assert c.get("/readyz").status_code == 200
        assert c.post("/api/v1/search", json={"query": "Perso"}, headers={"X-API-Key": key}).status_code == 200


def test_serve_starts_one_worker_per_cpu_by_default(monkeypatch, tmp_path):
    import os

    import assistant.settings
    import assistant.wiring

    monkeypatch.setattr(os, "environ", dict(os.environ))  # serve hands settings to its workers via the environment

    for name in ("BA_API__WORKERS", "BA_SESSION__BACKEND", "PROMETHEUS_MULTIPROC_DIR", "BA_GUARDRAILS__AUDIT_SALT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BA_API__STAFF_API_KEY", "staff-key")
    monkeypatch.setenv("BA_API__METRICS_DIR", str(tmp_path / "metrics"))
    monkeypatch.setattr(assistant.settings, "default_workers", lambda limit=4: 3)
    monkeypatch.setattr(assistant.wiring, "build_retriever", lambda settings, rebuild=False: None)
    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve", "--port", "8124"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert served["app"] == "api.app:create_worker_app" and served["workers"] == 3
    assert served["log_config"] is None  # each worker sets up its own logging with the PII filter
    assert served["timeout_worker_healthcheck"] == 60  # a loading worker is not killed as hung after 5 s
    assert served["timeout_keep_alive"] == 65
    assert os.environ["BA_API__WORKERS"] == "3" and os.environ["BA_SESSION__BACKEND"] == "sqlite"


def test_default_workers_follow_affinity_and_limit(monkeypatch):
    import os

    from assistant.settings import default_workers

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5, 6, 7}, raising=False)
    assert 1 <= default_workers(limit=4) <= 4 and default_workers(limit=1) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert default_workers() == 1


def test_uvicorn_trusts_the_same_proxies_as_the_rate_limit_and_the_log_names_the_stores():
    from cli.serve_cmds import describe_stores, proxy_options
    from assistant.settings import Settings

    assert proxy_options(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    shared = Settings(api={"trusted_proxies": ["10.0.0.0/8", "192.168.1.5"], "rate_limit_backend": "redis",
                           "feedback_backend": "postgres"}, session={"backend": "redis"},
                      guardrails={"audit_backend": "postgres"}, redis={"url": "redis://:pw@redis:6379/0"},
                      postgres={"url": "postgresql://ba:secret@db:5432/ba"})
    assert proxy_options(shared) == {"proxy_headers": True, "forwarded_allow_ips": "10.0.0.0/8,192.168.1.5/32"}
    line = describe_stores(shared)
    assert line == ("sessions=redis redis://redis:6379/0; rate limit=redis redis://redis:6379/0; "
                    "feedback=postgres postgresql://db:5432/ba; audit=postgres postgresql://db:5432/ba; "
                    "trusted proxies=10.0.0.0/8, 192.168.1.5/32")
