"""Broken exports: one clear line per problem, never a traceback, and whatever is good still imports."""

import json
import time
from datetime import date
from pathlib import Path

import pytest

from corpus.html import find_markup
from corpus.importers import import_catalogue

BROKEN = Path(__file__).resolve().parent.parent / "data" / "importers" / "broken"
TODAY = date(2025, 6, 1)


def run(fmt, *paths):
    return import_catalogue([Path(p) for p in paths], fmt, today=TODAY)


@pytest.mark.parametrize("fmt, name, reason", [
    ("dldb", "invalid.json", "invalid JSON at line 1, column"),
    ("dldb", "not_a_list.json", "no list of services"),
    ("pvog", "invalid.json", "invalid JSON"),
    ("zufi-nrw", "not_a_list.json", "no services"),
    ("xzufi", "invalid.xml", "invalid XML at line 6, column 4: mismatched tag"),
    ("xzufi", "entities.xml", "refused: the XML declares a DTD or entities"),
    ("xzufi", "not_xzufi.xml", "not an XZuFi document"),
    ("dldb", "does-not-exist.json", "no such file or directory"),
])
def test_unreadable_file_is_one_problem_and_blocks_withdrawals(fmt, name, reason):
    result = run(fmt, BROKEN / name)
    assert len(result.problems) == 1 and reason in result.problems[0].reason
    assert result.problems[0].field == "file" and result.documents == []
    assert result.complete is False  # services missing now are not taken as withdrawn


DLDB_RECORDS = [
    ("#1", "id", "record has no id"),
    ("9002", "name", "record has no name"),
    ("9003", "id", "duplicate id '9003'"),
    ("9004", "description", "no text a citizen could be shown"),
    ("#7", "record", "expected an object, got str"),
]


def test_bad_dldb_records_one_line_each():
    result = run("dldb", BROKEN / "dldb_records.json")
    assert [(p.record, p.field) for p in result.problems] == [(r, f) for r, f, _ in DLDB_RECORDS]
    for problem, (_, _, reason) in zip(result.problems, DLDB_RECORDS):
        assert reason in problem.reason and "\n" not in str(problem)
    ids = [d.id for d in result.documents]
    assert ids == ["dldb-9003", "dldb-9005", "dldb-9006"]  # the first of the duplicates wins
    assert result.kept == {"dldb-9002", "dldb-9004"}  # broken now: their previous files stay
    nulls = result.documents[2]
    assert nulls.documents == ["Ausweis"] and nulls.legal_basis == ["Satzung der Stadt"]
    assert any("leika: '12345' is not a 14-digit LeiKa key" in n for n in result.notes)


@pytest.mark.parametrize("fmt, name, title, text", [
    ("dldb", "dldb_cp1252.json", "Gebühren für Straßenfeste",
     "Für „Feste“ auf öffentlichen Straßen zahlen Sie 25 €"),
    ("xzufi", "xzufi_cp1252.xml", "Straßenfest anmelden", "Die Gebühr beträgt 25 €."),
])
def test_windows_1252_is_detected_decoded_and_noted(fmt, name, title, text):
    result = run(fmt, BROKEN / name)
    doc = result.documents[0]
    assert doc.title == title and text in doc.body
    assert result.notes == [f"{BROKEN / name}: encoding: not UTF-8 (byte {_first_bad_byte(BROKEN / name)}); "
                            "decoded as Windows-1252"]


def _first_bad_byte(path):
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start


def test_byte_order_mark_is_fine():
    result = run("dldb", BROKEN / "dldb_bom.json")
    assert result.problems == [] and result.notes == []
    assert result.documents[0].title == "Führungszeugnis"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_other_unicode_encodings_with_bom(tmp_path, encoding):
    f = tmp_path / "export.json"
    f.write_bytes(json.dumps([{"id": 1, "name": "Fundsache abgeben", "description": "Im Fundbüro."}],
                             ensure_ascii=False).encode(encoding))
    assert run("dldb", f).documents[0].title == "Fundsache abgeben"


def test_five_megabyte_html_field(tmp_path):
    block = ("<h2>Teil</h2><p>Sie <b>brauchen</b> einen Antrag &ndash; <a href='https://www.musterstadt.example/a'>"
             "Formular</a>.</p><ul><li>Punkt<ol><li>Unterpunkt</li></ol></li></ul><table><tr><td>Gebühr</td>"
             "<td>10&nbsp;&euro;</td></tr></table><script>alert(1)</script>")
    big = block * (5_000_000 // len(block) + 1)
    f = tmp_path / "gross.json"
    f.write_text(json.dumps([{"id": "1", "name": "Sehr langer Text", "description": big}]), encoding="utf-8")
    start = time.process_time()
    result = run("dldb", f)
    elapsed = time.process_time() - start
    assert result.problems == [] and elapsed < 10.0, f"{elapsed:.1f} s"
    body = result.documents[0].body
    assert find_markup(body) is None and "alert" not in body
    assert "- Punkt\n  1. Unterpunkt" in body and "Gebühr | 10 €" in body


def test_nested_lists_and_tables_in_fields(tmp_path):
    f = tmp_path / "export.json"
    f.write_text(json.dumps([{
        "id": "2", "name": "Kita-Beitrag",
        "description": "<p>Der Beitrag richtet sich nach dem Einkommen.</p>",
        "fees": "<table><thead><tr><th>Einkommen</th><th>Beitrag</th></tr></thead><tbody><tr><td>bis 25.000 "
                "&euro;</td><td>0 &euro;</td></tr><tr><td>&uuml;ber 25.000 &euro;</td><td>80 &euro;</td></tr>"
                "</tbody></table>",
        "requirements": [{"name": "Nachweise", "description": "<ul><li>Lohn<ul><li>12 Monate</li></ul></li>"
                                                              "<li>Steuerbescheid</li></ul>"}],
    }]), encoding="utf-8")
    doc = run("dldb", f).documents[0]
    assert "Einkommen | Beitrag\nbis 25.000 € | 0 €\nüber 25.000 € | 80 €" in doc.body
    assert doc.fees == ["Einkommen | Beitrag", "bis 25.000 € | 0 €", "über 25.000 € | 80 €"]
    assert "- Nachweise\n  - Lohn\n    - 12 Monate\n  - Steuerbescheid" in doc.body


def test_empty_directory_is_reported(tmp_path):
    result = run("xzufi", tmp_path)
    assert result.problems[0].reason == "directory holds no .xml files" and result.complete is False


def test_xzufi_without_schreibe_blocks_and_with_separate_zustaendigkeit(tmp_path):
    (tmp_path / "liste.xml").write_text("""<?xml version="1.0"?>
<x:leistungen xmlns:x="http://xoev.de/schemata/xzufi/2_3_0">
 <x:leistung><x:id>A1</x:id>
  <x:modulText><x:inhalt>Altkleider abgeben</x:inhalt><x:leikaTextmodul><code>03</code></x:leikaTextmodul></x:modulText>
  <x:modulText><x:inhalt>Container stehen an jedem Wertstoffhof.</x:inhalt>
   <x:leikaTextmodul><code>04</code></x:leikaTextmodul></x:modulText>
 </x:leistung>
 <x:organisationseinheit><x:id>OE1</x:id><x:name><x:name>Wertstoffhof Nord</x:name></x:name></x:organisationseinheit>
 <x:zustaendigkeitOrganisationseinheit><x:leistungID>A1</x:leistungID>
  <x:uebergeordnetesObjektID>OE1</x:uebergeordnetesObjektID></x:zustaendigkeitOrganisationseinheit>
</x:leistungen>""", encoding="utf-8")
    doc = run("xzufi", tmp_path).documents[0]
    assert (doc.id, doc.title, doc.responsible) == ("xzufi-a1", "Altkleider abgeben", "Wertstoffhof Nord")
