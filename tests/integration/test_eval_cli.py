"""`buergerassistent eval --fast --check` on the real default configuration passes; dense-only retrieval (a
degraded configuration) against the shipped hybrid thresholds fails. Subsets via --limit keep it short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from assistant.settings import get_settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LIMIT = "60"  # rows per dataset, spread evenly over each file


@pytest.fixture
def fresh_settings():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["eval", *args, "--no-progress"], env=env, catch_exceptions=False)


def test_eval_fast_check_passes_on_the_default_configuration(tmp_path: Path, fresh_settings) -> None:
    result = _run(["--fast", "--check", "--limit", LIMIT, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "threshold check: passed" in result.output
    (run_dir,) = tmp_path.iterdir()
    assert {p.name for p in run_dir.iterdir()} == {"report.json", "report.md", "report.html"}
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert set(report["results"]) == {"retrieval", "answers", "multiturn", "pii", "policy", "latency"}
    assert report["errors"] == {} and report["check"]["passed"] and report["check"]["checked"] >= 15
    assert report["config"]["retrieval_methods"] == "hybrid" and report["config"]["corpus_hash"]
    assert report["results"]["retrieval"]["configured_method"] == "hybrid"
    assert report["results"]["pii"]["pipeline"]["leaks_n"] == 0


def test_eval_check_fails_on_dense_only_retrieval(tmp_path: Path, fresh_settings) -> None:
    result = _run(["--fast", "--check", "--suite", "retrieval", "--limit", LIMIT, "--out", str(tmp_path)],
                  env={"BA_RETRIEVAL__LEXICAL": "false"})
    assert result.exit_code == 1, result.output
    assert "FAIL retrieval.configured.mrr" in result.output  # dense alone ranks ~0.86, the hybrid ~0.95
    (run_dir,) = tmp_path.iterdir()
    report = json.loads((run_dir / "report.json").read_text(encoding="utf-8"))
    assert report["results"]["retrieval"]["configured_method"] == "dense"
    assert not report["check"]["passed"]


def test_compare_renders_the_regression_between_the_two_runs(tmp_path: Path) -> None:
    """Two stored reports (hybrid vs dense-only numbers) -> table with the regression, compare.html written."""
    a, b = tmp_path / "A", tmp_path / "B"
    for path, recall in ((a, 0.97), (b, 0.78)):
        path.mkdir()
        path.joinpath("report.json").write_text(json.dumps({"results": {"retrieval": {"configured": {
            "recall@5": recall}}}}), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--compare", str(a), str(b), "--check"])
    assert result.exit_code == 1, result.output
    assert "retrieval.configured.recall@5" in result.output and "REGRESSION" in result.output
    assert (b / "compare.html").is_file() and (b / "compare.md").is_file()
