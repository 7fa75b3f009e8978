"""`buergerassistent search --json/--jsonl` and `index` on the shipped corpus with the hash embedder (no model)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli import app
from assistant.settings import get_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.setenv("BA_RETRIEVAL__INDEX_PATH", str(tmp_path / "index"))
    monkeypatch.setenv("BA_RETRIEVAL__EMBEDDER", "hash")
    monkeypatch.setenv("BA_RETRIEVAL__EMBEDDER_MODEL", "char-ngrams-256")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_index_then_search_json(cli_env):
    out = cli_env.invoke(app, ["index"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout.strip().splitlines()[-1])["documents"] > 0
    out = cli_env.invoke(app, ["search", "Sperrmüll anmelden", "--json", "--k", "3"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["query"] == "Sperrmüll anmelden" and len(data["results"]) == 3
    assert set(data["results"][0]) == {"id", "title", "score", "section", "snippet", "url"}
    assert data["results"][0]["id"] == "sperrmuell"


def test_search_jsonl_one_line_per_query(cli_env):
    out = cli_env.invoke(app, ["search", "--jsonl", "--k", "2", "--kind", "strategy"],
                         input="Leitbild Smart City\n\nKI in der Verwaltung\n")
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.stdout.strip().splitlines() if line.startswith("{")]
    assert [line["query"] for line in lines] == ["Leitbild Smart City", "KI in der Verwaltung"]
    assert all(r["id"].startswith("strategie-") for line in lines for r in line["results"])


def test_search_needs_query_or_jsonl(cli_env):
    assert cli_env.invoke(app, ["search"]).exit_code == 2
