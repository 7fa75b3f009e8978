"""Every importer on a real small file made here: HTML, PDF, plain text, JSON and CSV with a field mapping."""

import json
from pathlib import Path

from corpus.importers import import_file, import_records, slugify, to_markdown
from corpus.loader import parse_document


def make_pdf(path: Path, lines: list[str], title: str | None = None) -> None:
    """A minimal but real PDF (one page, Helvetica text lines), written byte by byte."""
    content = "BT /F1 12 Tf 50 780 Td 16 TL " + " ".join(
        "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for ln in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objs.append(f"<< /Title ({title}) >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    info = f" /Info {len(objs)} 0 R" if title else ""
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def test_html_import_keeps_sections_lists_and_canonical_url(tmp_path):
    f = tmp_path / "sperrmuell.html"
    f.write_text("""<html><head><title>Sperrmüll | Stadt</title>
<link rel="canonical" href="https://www.krefeld.de/sperrmuell">
<meta name="description" content="Sperrmüll holt die GSAK ab."></head>
<body><nav>Menü</nav><main><h1>Sperrmüll anmelden</h1><p>Große Möbel holt die GSAK ab.</p>
<h2>Ablauf</h2><ol><li>Termin online buchen.</li><li>Möbel an die Straße stellen.</li></ol>
<h2>Kosten</h2><p>Die Abholung ist kostenlos.</p><script>alert(1)</script></main></body></html>""",
                 encoding="utf-8")
    result = import_file(f)
    assert result.problems == []
    doc = result.documents[0]
    assert doc.id == "sperrmuell-anmelden" and doc.title == "Sperrmüll anmelden"
    assert doc.sources == ["https://www.krefeld.de/sperrmuell"]
    assert doc.summary == "Sperrmüll holt die GSAK ab."
    assert "## Ablauf" in doc.body and "1. Termin online buchen." in doc.body
    assert "alert" not in doc.body and "Menü" not in doc.body


def test_pdf_import_reads_text_title_and_headings(tmp_path):
    f = tmp_path / "satzung.pdf"
    make_pdf(f, ["Baumschutzsatzung", "Geschuetzte Baeume", "Baeume ab 80 cm Stammumfang sind geschuetzt.",
                 "Antrag", "Der Antrag ist schriftlich zu stellen."], title="Baumschutz in Krefeld")
    result = import_file(f, source_url="https://www.krefeld.de/baumschutz")
    assert result.problems == []
    doc = result.documents[0]
    assert doc.title == "Baumschutz in Krefeld"
    assert "80 cm Stammumfang" in doc.body
    assert "## Antrag" in doc.body


def test_broken_pdf_is_a_problem_not_a_crash(tmp_path):
    f = tmp_path / "kaputt.pdf"
    f.write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = import_file(f, source_url="https://example.org/x")
    assert result.documents == [] and result.problems


def test_text_import_without_source_reports_missing_sources(tmp_path):
    f = tmp_path / "info.txt"
    f.write_text("Wertstoffhof\n\nDer Wertstoffhof nimmt Elektroschrott an.\n", encoding="utf-8")
    result = import_file(f)
    assert result.documents == []
    assert result.problems[0].field == "sources"
    ok = import_file(f, source_url="https://www.gsak.de")
    assert ok.documents[0].title == "Wertstoffhof" and "Elektroschrott" in ok.documents[0].body


MAPPING = {"id": "lid", "title": "name", "summary": "kurz", "stand": "stand", "sources": "url",
           "keywords": "stichworte", "fees": "gebuehren", "sections": {"Ablauf": "verfahren", "Kosten": "kosten"}}


def test_json_records_with_mapping_and_one_bad_record(tmp_path):
    f = tmp_path / "export.json"
    f.write_text(json.dumps({"records": [
        {"lid": "hund", "name": "Hundesteuer", "kurz": "Steuer für Hunde.", "stand": "2025-03",
         "url": "https://www.krefeld.de/hund", "stichworte": "Hund; Hundemarke", "gebuehren": "120 Euro",
         "verfahren": "Formular ausfüllen.", "kosten": "120 Euro im Jahr."},
        {"lid": "ohne-url", "name": "Ohne Quelle", "kurz": "x", "stand": "2025-03", "verfahren": "y"},
    ]}), encoding="utf-8")
    result = import_records(f, MAPPING)
    assert [d.id for d in result.documents] == ["hund"]
    assert result.documents[0].keywords == ["Hund", "Hundemarke"]
    assert "## Kosten\n\n120 Euro im Jahr." in result.documents[0].body
    assert result.problems[0].file.endswith("#2") and result.problems[0].field == "sources"


def test_csv_records_semicolon_export(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("lid;name;kurz;stand;url;stichworte;gebuehren;verfahren;kosten\n"
                 "fund;Fundbüro;Fundsachen abgeben.;2025-01;https://www.krefeld.de/fund;Fundsache, verloren;"
                 "keine;Im Rathaus abgeben.;Kostenlos.\n", encoding="utf-8")
    result = import_records(f, {**MAPPING, "separator": ","})
    assert result.problems == []
    assert result.documents[0].keywords == ["Fundsache", "verloren"]


def test_round_trip_through_markdown(tmp_path):
    f = tmp_path / "info.txt"
    f.write_text("Wertstoffhof\n\n## Öffnungszeiten\n\nMontag bis Freitag.\n", encoding="utf-8")
    doc = import_file(f, source_url="https://www.gsak.de").documents[0]
    again, problems = parse_document(to_markdown(doc), "x.md")
    assert problems == [] and again.id == doc.id and "## Öffnungszeiten" in again.body


def test_slugify_german():
    assert slugify("Straßenverkehr & Führerschein") == "strassenverkehr-fuehrerschein"
