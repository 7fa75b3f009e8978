"""`buergerassistent eval --url` against a real uvicorn server (the test assistant, no models): every suite goes
through the HTTP API contract, with the evaluator's own datasets (`--data`), and `bench api --url` measures it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.app import create_app
from cli import app
from assistant.settings import APISettings, Settings
from tests.fakes import make_test_assistant
from tests.integration.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

STAFF_KEY = "eval-test-key"
DATA = {
    "retrieval": [{"query": "Hundesteuer zahlen", "expected": ["hundesteuer"], "style": "short"},
                  {"query": "Wohngeld beantragen", "expected": ["wohngeld"], "style": "formal"}],
    "answers": [{"question": "Was kostet die Hundesteuer?", "expected_ids": ["hundesteuer"],
                 "must_contain": ["120,00"], "intent": "kosten", "style": "formal"}],
    "multiturn": [{"turns": [{"message": "Ich will meinen Hund anmelden.", "expected_id": "hundesteuer"},
                             {"message": "Was kostet die Hundesteuer?", "expected_id": "hundesteuer",
                              "must_contain": ["120"]}]}],
    "pii": [{"text": "Schreiben Sie mir an jan.vogel@example.org wegen der Hundesteuer.",
             "entities": [{"type": "EMAIL_ADDRESS", "start": 21, "end": 42}], "style": "chat"},
            {"text": "Die Hundesteuer kostet 120,00 Euro.", "entities": [], "style": "lookalike"}],
    "policy": [{"message": "Was kostet die Hundesteuer?", "expected_rule": None, "category": "benign"}],
}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    settings = Settings(api=APISettings(staff_api_key=STAFF_KEY, rate_limit_per_minute=10_000,
                                        feedback_db=tmp_path_factory.mktemp("db") / "feedback.sqlite3"))
    with live_server(create_app(settings, make_test_assistant())) as url:
        yield url


def test_eval_url_runs_every_suite_through_the_api(deployment: str, tmp_path: Path) -> None:
    data = []
    for suite, rows in DATA.items():
        path = tmp_path / f"{suite}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        data += ["--data", f"{suite}={path}"]
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["eval", "--url", deployment, "--api-key", STAFF_KEY, *data, "--out", str(out),
                                      "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (run_dir,) = out.iterdir()
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["errors"] == {}
    assert report["config"]["deployment"]["ready"] is True
    r = report["results"]
    assert r["retrieval"]["configured"]["recall@5"] == 0.5 and r["retrieval"]["configured"]["misses_at_1"] == 1
    assert r["answers"]["fact_coverage"] == 1.0 and r["answers"]["citation_validity"] == 1.0
    assert r["multiturn"]["turn_accuracy"] == 1.0
    assert r["pii"]["per_type"]["EMAIL_ADDRESS"]["recall"] == 1.0 and r["pii"]["pipeline"]["leaks_n"] == 0
    assert r["pii"]["lookalike_false_positive_rate"] == 0.0
    assert r["policy"]["accuracy"] == 1.0 and r["policy"]["benign_refusal_rate"] == 0.0
    assert r["latency"]["turns"] == 6 and r["latency"]["stages"]["client_latency_ms"]["n"] == 6


def test_bench_api_url_measures_the_deployment(deployment: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "api", "--url", deployment, "--limit", "4", "--concurrency", "2",
                                      "--out", str(tmp_path), "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (run_dir,) = tmp_path.iterdir()
    api = json.loads((run_dir / "bench.json").read_text(encoding="utf-8"))["results"]["api"]
    assert api["n"] == 4 and api["concurrency"] == 2 and api["throughput_per_s"] > 0
    assert api["peak_rss_mb"] is None  # the deployment's memory is not visible from the client
