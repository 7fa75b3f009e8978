"""Catalogue importers on small samples of each format: fields, sections, summaries, and no markup anywhere."""

import re
from datetime import date
from pathlib import Path

import pytest

from corpus.html import find_markup
from corpus.importers import import_catalogue, to_markdown
from corpus.loader import parse_document

DATA = Path(__file__).resolve().parent.parent / "data" / "importers"
TODAY = date(2025, 6, 1)
SAMPLES = {"dldb": "dldb", "xzufi": "xzufi", "pvog": "pvog", "zufi-nrw": "zufi_nrw"}


@pytest.fixture(scope="module")
def imported():
    return {fmt: import_catalogue([DATA / folder], fmt, today=TODAY) for fmt, folder in SAMPLES.items()}


def docs(imported, fmt):
    return {d.id: d for d in imported[fmt].documents}


def field(doc, path):
    value = doc
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else getattr(value, part)
    return value


FIELDS = [
    ("dldb", "dldb-100001", "title", "Wohnsitz anmelden"),
    ("dldb", "dldb-100001", "summary", "Wer in eine Wohnung in Musterstadt einzieht, meldet sich innerhalb von zwei "
                                       "Wochen beim Bürgerbüro an."),
    ("dldb", "dldb-100001", "leika", "99123012000000"),
    ("dldb", "dldb-100001", "stand", "2025-04-14"),
    ("dldb", "dldb-100001", "sources", ["https://service.musterstadt.example/dienstleistung/100001/"]),
    ("dldb", "dldb-100001", "keywords", ["Anmeldung", "Ummeldung", "Umzug", "Wohnsitz", "neue Wohnung"]),
    ("dldb", "dldb-100001", "documents", ["Personalausweis oder Reisepass", "Wohnungsgeberbestätigung"]),
    ("dldb", "dldb-100001", "fees", ["Anmeldung: gebührenfrei", "Meldebestätigung: 0,00 €"]),
    ("dldb", "dldb-100001", "deadlines", ["Innerhalb von zwei Wochen nach dem Einzug."]),
    ("dldb", "dldb-100001", "processing_time", "sofort"),
    ("dldb", "dldb-100001", "online.url", "https://online.musterstadt.example/anmeldung"),
    ("dldb", "dldb-100001", "legal_basis", ["§ 17 Bundesmeldegesetz (BMG)"]),
    ("dldb", "dldb-100001", "responsible", "Bürgerbüro Mitte"),
    ("dldb", "dldb-100001", "contact.address", "Beispielstraße 12, 12345 Musterstadt"),
    ("dldb", "dldb-100001", "contact.hours", "Mo 8.00-16.00 Uhr; Di 8.00-18.00 Uhr; Do 8.00-16.00 Uhr; "
                                             "Fr 8.00-12.00 Uhr"),
    ("dldb", "dldb-100001", "source_id", "100001"),
    ("dldb", "dldb-100002", "source_id", "100002"),  # a numeric id in the export
    ("dldb", "dldb-100002", "stand", "2025-03-14"),  # German date
    ("dldb", "dldb-100002", "sources", ["urn:dldb:100002"]),
    ("dldb", "dldb-100002", "keywords", ["Hundesteuer", "Steuermarke", "Hundemarke"]),
    ("dldb", "dldb-100002", "contact.phone", "01234 56-100"),
    ("dldb", "dldb-100003", "stand", "2025-06-01"),  # no date in the export: the import's
    ("xzufi", "xzufi-m1000-lb-5001", "title", "Sperrmüll abholen lassen"),  # Leistungsbezeichnung II
    ("xzufi", "xzufi-m1000-lb-5001", "summary", "Sperrmüll können Sie zur Abholung anmelden. Die Stadtreinigung "
                                                "holt ihn vor Ihrem Haus ab."),
    ("xzufi", "xzufi-m1000-lb-5001", "leika", "99051011000000"),
    ("xzufi", "xzufi-m1000-lb-5001", "stand", "2025-02-17"),  # fachlich freigegeben am
    ("xzufi", "xzufi-m1000-lb-5001", "sources", ["https://service.musterstadt.example/leistung/5001"]),
    ("xzufi", "xzufi-m1000-lb-5001", "keywords", ["Sperrgut", "Möbel entsorgen"]),
    ("xzufi", "xzufi-m1000-lb-5001", "fees", ["jede weitere Abholung: 30,00 Euro"]),
    ("xzufi", "xzufi-m1000-lb-5001", "deadlines", ["Anmeldung spätestens eine Woche vor dem Wunschtermin."]),
    ("xzufi", "xzufi-m1000-lb-5001", "processing_time", "Abholung innerhalb von drei Wochen."),
    ("xzufi", "xzufi-m1000-lb-5001", "legal_basis", ["Abfallsatzung der Stadt Musterstadt, § 12"]),
    ("xzufi", "xzufi-m1000-lb-5001", "contact.office", "Stadtreinigung Musterstadt"),
    ("xzufi", "xzufi-m1000-lb-5001", "contact.email", "sperrmuell@musterstadt.example"),
    ("xzufi", "xzufi-m1000-lb-5001", "contact.hours", "Mo bis Fr 7 bis 15 Uhr"),
    ("xzufi", "xzufi-m1000-lb-5002", "title", "Baumfällung genehmigen lassen"),  # module named, not coded
    ("xzufi", "xzufi-m1000-lb-5002", "online.url", "https://online.musterstadt.example/baumfaellung"),
    ("xzufi", "xzufi-m1000-lb-5002", "stand", "2024-11-05"),  # geaendertDatumZeit
    ("xzufi", "xzufi-m1000-lb-5002", "sources", ["urn:xzufi:M1000.LB.5002"]),
    ("pvog", "pvog-m1000-lb-7001", "title", "Gewerbe anmelden"),
    ("pvog", "pvog-m1000-lb-7001", "leika", "99050012104000"),
    ("pvog", "pvog-m1000-lb-7001", "stand", "2024-12-03"),
    ("pvog", "pvog-m1000-lb-7001", "documents", ["Personalausweis", "bei Handwerk: Handwerkskarte"]),
    ("pvog", "pvog-m1000-lb-7001", "online.url", "https://online.musterstadt.example/gewerbe"),
    ("pvog", "pvog-m1000-lb-7001", "contact.address", "Marktplatz 5, 12345 Musterstadt"),
    ("pvog", "pvog-m1000-lb-7003", "title", "Führungszeugnis beantragen"),  # XZuFi as JSON
    ("pvog", "pvog-m1000-lb-7003", "fees", ["Führungszeugnis: 13,00 Euro"]),
    ("pvog", "pvog-m1000-lb-7003", "keywords", ["polizeiliches Führungszeugnis"]),
    ("zufi-nrw", "zufi-nrw-99102012017000", "title", "Personalausweis beantragen"),
    ("zufi-nrw", "zufi-nrw-99102012017000", "leika", "99102012017000"),
    ("zufi-nrw", "zufi-nrw-99102012017000", "stand", "2024-11-12"),
    ("zufi-nrw", "zufi-nrw-99102012017000", "keywords", ["Perso", "Ausweis", "ID-Karte"]),
    ("zufi-nrw", "zufi-nrw-99102012017000", "processing_time", "In Musterstadt etwa drei Wochen."),  # local text
    ("zufi-nrw", "zufi-nrw-99102012017000", "documents", ["ein biometrisches Foto", "der bisherige Ausweis"]),
    ("zufi-nrw", "zufi-nrw-99102012017000", "fees", ["ab 24 Jahren: 37,00 Euro", "unter 24 Jahren: 22,80 Euro"]),
    ("zufi-nrw", "zufi-nrw-99102012017000", "online.url", "https://online.musterstadt.example/ausweis-termin"),
    ("zufi-nrw", "zufi-nrw-99102012017000", "contact.phone", "01234 56-789"),
    ("zufi-nrw", "zufi-nrw-99102012017000", "source_format", "zufi-nrw"),
]


@pytest.mark.parametrize("fmt, doc_id, path, expected", FIELDS, ids=[f"{f[1]}:{f[2]}" for f in FIELDS])
def test_field_mapping(imported, fmt, doc_id, path, expected):
    assert field(docs(imported, fmt)[doc_id], path) == expected


SECTIONS = [
    ("dldb", "dldb-100001", ["Überblick", "Voraussetzungen", "Unterlagen", "Kosten", "Fristen", "Bearbeitungszeit",
                             "Online", "Zuständig", "Hinweise", "Rechtsgrundlagen", "Formulare",
                             "Weitere Informationen"]),
    ("dldb", "dldb-100003", ["Überblick"]),
    ("xzufi", "xzufi-m1000-lb-5001", ["Überblick", "Voraussetzungen", "Ablauf", "Unterlagen", "Kosten", "Fristen",
                                      "Bearbeitungszeit", "Zuständig", "Hinweise", "Rechtsgrundlagen", "Formulare"]),
    ("xzufi", "xzufi-m1000-lb-5002", ["Überblick", "Kosten", "Online"]),
    ("pvog", "pvog-m1000-lb-7001", ["Überblick", "Ablauf", "Unterlagen", "Kosten", "Online", "Zuständig",
                                    "Rechtsgrundlagen", "Formulare"]),
    ("zufi-nrw", "zufi-nrw-99102012017000", ["Überblick", "Voraussetzungen", "Ablauf", "Unterlagen", "Kosten",
                                             "Fristen", "Bearbeitungszeit", "Online", "Zuständig", "Hinweise",
                                             "Rechtsgrundlagen", "Formulare"]),
]


@pytest.mark.parametrize("fmt, doc_id, sections", SECTIONS, ids=[s[1] for s in SECTIONS])
def test_sections_in_corpus_order(imported, fmt, doc_id, sections):
    body = docs(imported, fmt)[doc_id].body
    assert [ln[3:] for ln in body.splitlines() if ln.startswith("## ")] == sections


@pytest.mark.parametrize("needle", [
    "- Kinder durch ihre Eltern\n  - bis 16 Jahre",  # nested list from the description
    "- Wohnungsgeberbestätigung (https://www.musterstadt.example/formulare/wohnungsgeber.pdf)",
    "Termin vereinbaren: https://termine.musterstadt.example/buergerbuero",
    "- Bürgerbüro Mitte, Beispielstraße 12, 12345 Musterstadt\n  Telefon: 01234 56-789",
])
def test_dldb_body_details(imported, needle):
    assert needle in docs(imported, "dldb")["dldb-100001"].body


def test_xzufi_details(imported):
    sperr = docs(imported, "xzufi")["xzufi-m1000-lb-5001"]
    assert "1. Termin online oder telefonisch buchen." in sperr.body
    assert "Collection of bulky waste" not in sperr.body and "Redaktion Musterstadt" not in sperr.body
    assert "- Anmeldung Sperrmüll (PDF) (https://www.musterstadt.example/formulare/sperrmuell.pdf)" in sperr.body
    assert "01234 56-399" not in sperr.body  # fax numbers are not offered to citizens
    baum = docs(imported, "xzufi")["xzufi-m1000-lb-5002"]
    assert "- Stammumfang ab 80 cm" in baum.body  # XHTML given as elements, not escaped text
    assert imported["xzufi"].withdrawn == {"xzufi-m1000-lb-5009": f"loesche in {DATA / 'xzufi' / 'leistungen.xml'}"}


def test_english_locale_is_skipped_with_a_note(imported):
    assert docs(imported, "dldb")["dldb-100001"].title == "Wohnsitz anmelden"
    assert any("another locale" in n for n in imported["dldb"].notes)


@pytest.mark.parametrize("fmt, record, source_field", [
    ("xzufi", "M1000.LB.5003", "modulText[Leistungsbezeichnung]"),
    ("pvog", "M1000.LB.7002", "title"),
    ("zufi-nrw", "#2", "schluessel"),
])
def test_bad_record_is_one_problem_line_and_the_rest_imports(imported, fmt, record, source_field):
    problems = imported[fmt].problems
    assert [(p.record, p.field) for p in problems] == [(record, source_field)]
    assert str(problems[0]).count("\n") == 0 and record in str(problems[0])
    assert imported[fmt].documents


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("fmt", SAMPLES)
def test_no_tag_or_entity_left_anywhere(imported, fmt):
    for doc in imported[fmt].documents:
        for text in _strings(doc.model_dump()):
            assert find_markup(text) is None, (doc.id, text)


@pytest.mark.parametrize("fmt", SAMPLES)
def test_written_files_load_back_unchanged(imported, fmt):
    for doc in imported[fmt].documents:
        again, problems = parse_document(to_markdown(doc), f"{doc.id}.md")
        assert problems == []
        assert again.model_dump(exclude={"body", "path"}) == doc.model_dump(exclude={"body", "path"})


@pytest.mark.parametrize("fmt", SAMPLES)
def test_ids_come_from_the_source_id_only(imported, fmt):
    prefix = {"zufi-nrw": "zufi-nrw-"}.get(fmt, f"{fmt}-")
    for doc in imported[fmt].documents:
        assert doc.id.startswith(prefix) and doc.source_format == fmt
        words = [w for w in re.split(r"[^a-z0-9]+", doc.source_id.lower()) if w]
        assert doc.id == prefix + "-".join(words)
