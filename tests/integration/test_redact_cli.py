"""`buergerassistent redact` through the real CLI entry point with the real German analyzer."""

import json

import pytest
from typer.testing import CliRunner

from cli import app

pytestmark = [pytest.mark.integration, pytest.mark.slow]
runner = CliRunner()


def test_redact_argument_writes_text_and_entities():
    text = "Ich heiße Anna Vogel, IBAN DE89 3704 0044 0532 0130 00"
    result = runner.invoke(app, ["redact", text])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["text"] == "Ich heiße <PERSON_1>, IBAN <IBAN_1>"
    assert [(e["type"], text[e["start"]:e["end"]]) for e in out["entities"]] == [
        ("PERSON", "Anna Vogel"), ("IBAN", "DE89 3704 0044 0532 0130 00")]
    assert set(out["entities"][0]) == {"type", "start", "end"}


def test_redact_jsonl_reads_one_text_per_line():
    stdin = "Frau Vogel hat angerufen\n" + json.dumps({"text": "Tel. 0171 2345678"}) + "\nDie Stadt: 02151 86-0\n"
    result = runner.invoke(app, ["redact", "--jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["Frau <PERSON_1> hat angerufen", "Tel. <PHONE_1>",
                                                "Die Stadt: 02151 86-0"]
    assert lines[1]["entities"] == [{"type": "PHONE", "start": 5, "end": 17}]


def test_redact_reads_stdin_without_argument():
    result = runner.invoke(app, ["redact"], input="Herr Koch, KR-AB 123")
    assert json.loads(result.stdout)["text"] == "Herr <PERSON_1>, <LICENSE_PLATE_1>"
