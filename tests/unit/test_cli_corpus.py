"""`buergerassistent corpus check|import` through the real CLI entry point."""

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app

DATA = Path(__file__).resolve().parent.parent / "data" / "corpus"
runner = CliRunner()


def test_corpus_check_on_test_corpus_json():
    result = runner.invoke(app, ["corpus", "check", "--path", str(DATA), "--json"])
    report = json.loads(result.stdout)
    assert report["documents_per_kind"] == {"service": 2}
    assert report["schema_errors"] == []
    assert "wohngeld" in report["catalogue_ids_missing"]
    assert result.exit_code == 1  # the test corpus does not cover the catalogue


def test_corpus_import_writes_markdown(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Fundbüro\n\nFundsachen geben Sie im Rathaus ab.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["corpus", "import", str(src), "--out", str(out),
                                 "--source-url", "https://www.krefeld.de/fund"])
    assert result.exit_code == 0, result.output
    assert (out / "fundbuero.md").read_text(encoding="utf-8").startswith("---\nid: fundbuero")
