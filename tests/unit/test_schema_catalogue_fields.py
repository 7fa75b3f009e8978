"""Schema additions for imported catalogues: LeiKa key, source id and format, URN sources, no HTML anywhere."""

import pytest

from corpus.loader import Problem, load_corpus, parse_document

DOC = """---
id: dldb-120686
title: Wohnung anmelden
kind: service
summary: Wer umzieht, meldet die neue Wohnung an.
stand: "2025-03-01"
sources: ["{source}"]
leika: "{leika}"
source_id: "120686"
source_format: dldb
---
# Wohnung anmelden

## Überblick

{body}
"""


def parse(**kw):
    values = {"source": "urn:dldb:120686", "leika": "99115001001000", "body": "Text."} | kw
    return parse_document(DOC.format(**values), "x.md")


def test_catalogue_fields_and_urn_source():
    doc, problems = parse()
    assert problems == []
    assert (doc.leika, doc.source_id, doc.source_format) == ("99115001001000", "120686", "dldb")
    assert doc.sources == ["urn:dldb:120686"] and doc.url is None


def test_url_is_the_first_web_source():
    doc, _ = parse(source='urn:dldb:1", "https://service.example.org/dienstleistung/1/')
    assert doc.url == "https://service.example.org/dienstleistung/1/"


@pytest.mark.parametrize("leika", ["9911500100100", "99115001001000x", "Personalausweis"])
def test_leika_must_have_14_digits(leika):
    doc, problems = parse(leika=leika)
    assert doc is None and problems[0].field == "leika" and "14-digit" in problems[0].reason


@pytest.mark.parametrize("source", ["urn:", "ftp://example.org/x", "dldb-120686"])
def test_sources_are_urls_or_urns(source):
    doc, problems = parse(source=source)
    assert doc is None and problems[0].field.startswith("sources")


@pytest.mark.parametrize("field, text", [
    ("body", "Bringen Sie <b>den Ausweis</b> mit."),
    ("body", "Gebühr: 10&nbsp;Euro"),
    ("body", "Text <!-- Redaktion: prüfen -->"),
    ("summary", "Wer umzieht, <br> meldet sich an."),
    ("title", "Wohnung <i>anmelden</i>"),
])
def test_markup_is_refused_with_field_and_reason(field, text):
    source = DOC.format(source="urn:dldb:1", leika="99115001001000", body="Text.")
    if field == "body":
        source = source.replace("Text.", text)
    elif field == "summary":
        source = source.replace("Wer umzieht, meldet die neue Wohnung an.", f'"{text}"')
    else:
        source = source.replace("title: Wohnung anmelden", f"title: {text}")
    doc, problems = parse_document(source, "x.md")
    assert doc is None
    assert problems[0].field == field and "HTML markup" in problems[0].reason
    assert len(problems[0].reason) < 200  # the whole body is not repeated in the reason


def test_markup_in_list_fields_is_refused():
    source = DOC.format(source="urn:dldb:1", leika="99115001001000", body="Text.").replace(
        "source_format: dldb", "source_format: dldb\nfees: ['10 &euro;']")
    doc, problems = parse_document(source, "x.md")
    assert doc is None and problems[0].field.startswith("fees")


def test_text_that_only_looks_like_markup_loads():
    doc, problems = parse(body="Kinder < 6 Jahre zahlen nichts. Tragen Sie <Name des Kindes> ein. AT&T; "
                               "Siehe <https://www.example.org/>.")
    assert problems == [] and doc is not None


def test_problem_names_the_record():
    assert str(Problem("export.json", "name", "required field is missing", record="120686")) == \
        "export.json [120686]: name: required field is missing"
    assert str(Problem("a.md", "id", "x")) == "a.md: id: x"


def test_shipped_corpus_has_no_markup():
    from pathlib import Path

    result = load_corpus(Path(__file__).resolve().parents[2] / "corpus")
    assert not [p for p in result.problems if "HTML markup" in p.reason]
