"""The --mapping importer and the HTML page importer hand over Markdown only, whatever markup the export carries."""

import json

from corpus.html import find_markup
from corpus.importers import import_file, import_records

MAPPING = {"id": "lid", "title": "name", "summary": "kurz", "stand": "stand", "sources": "url",
           "fees": "gebuehren", "sections": {"Ablauf": "verfahren", "Kosten": "kosten"}}


def test_mapping_import_converts_html_in_every_text_field(tmp_path):
    f = tmp_path / "cms.json"
    f.write_text(json.dumps({"records": [{
        "lid": "sperrmuell", "name": "Sperrm&uuml;ll <b>anmelden</b>",
        "kurz": "<p>Die Abholung&nbsp;ist kostenlos.</p>",
        "stand": "2025-02", "url": "https://www.example.org/sperrmuell?a=1&b=2",
        "gebuehren": "<ul><li>keine</li></ul>",
        "verfahren": "<ol><li>Termin buchen</li><li>M&ouml;bel rausstellen<script>x()</script></li></ol>",
        "kosten": "<p>Kostenlos &ndash; bis 5&nbsp;m&sup3;.</p>"}]}), encoding="utf-8")
    result = import_records(f, MAPPING)
    assert result.problems == []
    doc = result.documents[0]
    assert doc.title == "Sperrmüll anmelden" and doc.summary == "Die Abholung ist kostenlos."
    assert doc.fees == ["keine"] and doc.sources == ["https://www.example.org/sperrmuell?a=1&b=2"]
    assert "## Ablauf\n\n1. Termin buchen\n2. Möbel rausstellen" in doc.body
    assert "## Kosten\n\nKostenlos – bis 5 m³." in doc.body
    for text in (doc.title, doc.summary, doc.body, *doc.fees):
        assert find_markup(text) is None


def test_html_page_import_keeps_nested_lists_and_drops_the_h1(tmp_path):
    f = tmp_path / "seite.html"
    f.write_text("<html><body><main><h1>Hund anmelden</h1><p>Hunde melden Sie an.</p><h2>Unterlagen</h2>"
                 "<ul><li>Nachweis<ul><li>Kaufvertrag</li></ul></li></ul></main></body></html>", encoding="utf-8")
    doc = import_file(f, source_url="https://www.example.org/hund").documents[0]
    assert doc.body.startswith("Hunde melden Sie an.")
    assert "## Unterlagen\n\n- Nachweis\n  - Kaufvertrag" in doc.body
