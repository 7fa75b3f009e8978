"""Schema and loader: precise messages for broken files, and the rest still loads."""

from pathlib import Path

import pytest

from corpus.chunking import chunk_document, split_sections
from corpus.loader import corpus_hash, load_corpus, parse_document

DATA = Path(__file__).resolve().parent.parent / "data" / "corpus"

GOOD = """---
id: {id}
title: Testdienst
kind: service
summary: Ein Dienst für Tests.
stand: "2025-01"
sources: ["https://www.krefeld.de/test"]
---
# Testdienst

## Überblick

Text.
"""


def write(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("text, field, reason", [
    (GOOD.replace("id: {id}\n", ""), "id", "required field is missing"),
    (GOOD.replace('stand: "2025-01"', 'stand: "Januar 2025"'), "stand", "YYYY-MM or YYYY-MM-DD"),
    (GOOD.replace('stand: "2025-01"', 'stand: "2025-13"'), "stand", "month 13"),
    (GOOD.replace("kind: service", "kind: recipe"), "kind", "'service', 'strategy' or 'info'"),
    (GOOD.replace("summary: Ein Dienst für Tests.", "summary: [unclosed"), "front_matter", "broken YAML"),
    (GOOD.split("# Testdienst")[0], "body", "body is empty"),
    (GOOD.replace('["https://www.krefeld.de/test"]', '["krefeld.de"]'), "sources", "http(s) URLs"),
    ("no front matter here", "front_matter", "must start with '---'"),
])
def test_schema_error_is_precise_and_others_still_load(tmp_path, text, field, reason):
    write(tmp_path, "bad.md", text.replace("{id}", "bad"))
    write(tmp_path, "good.md", GOOD.replace("{id}", "good"))
    result = load_corpus(tmp_path)
    assert [d.id for d in result.documents] == ["good"]
    assert len(result.problems) >= 1
    problem = result.problems[0]
    assert problem.file == "bad.md"
    assert problem.field.startswith(field)
    assert reason in problem.reason


def test_duplicate_id_reported_first_file_wins(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("{id}", "same"))
    write(tmp_path, "b.md", GOOD.replace("{id}", "same"))
    result = load_corpus(tmp_path)
    assert [d.path for d in result.documents] == ["a.md"]
    assert result.problems[0].file == "b.md" and "duplicate id 'same'" in result.problems[0].reason


def test_bad_id_format(tmp_path):
    write(tmp_path, "x.md", GOOD.replace("{id}", "Bad_ID"))
    result = load_corpus(tmp_path)
    assert result.documents == []
    assert result.problems[0].field == "id" and "lower-case" in result.problems[0].reason


def test_readme_is_not_a_document(tmp_path):
    write(tmp_path, "README.md", "# not a document")
    write(tmp_path, "good.md", GOOD.replace("{id}", "good"))
    assert [d.id for d in load_corpus(tmp_path).documents] == ["good"]
    assert load_corpus(tmp_path).problems == []


def test_test_corpus_loads_with_fields():
    result = load_corpus(DATA)
    assert result.problems == []
    docs = result.by_id()
    assert docs["hundesteuer"].online.available == "ja"
    assert docs["personalausweis-beantragen"].fees[0].endswith("46,00 Euro")


def test_mapping_fee_items_are_flattened():
    text = GOOD.replace("{id}", "x").replace("kind: service", 'kind: service\nfees: [{what: "Ausweis", amount: "46,00 Euro"}]')
    doc, problems = parse_document(text, "x.md")
    assert problems == [] and doc.fees == ["Ausweis: 46,00 Euro"]


def test_corpus_hash_changes_with_content(tmp_path):
    write(tmp_path, "a.md", GOOD.replace("{id}", "a"))
    h1 = corpus_hash(tmp_path)
    write(tmp_path, "a.md", GOOD.replace("{id}", "a").replace("Text.", "Anderer Text."))
    assert corpus_hash(tmp_path) != h1


def test_chunks_never_straddle_sections():
    doc = load_corpus(DATA).by_id()["personalausweis-beantragen"]
    chunks = chunk_document(doc, max_chars=60)
    assert {c.section for c in chunks} == {"Überblick", "Unterlagen", "Kosten"}
    sections = dict(split_sections(doc.body))
    for c in chunks:
        assert c.title == "Personalausweis beantragen"
        assert c.text in sections[c.section]
    assert len([c for c in chunks if c.section == "Kosten"]) == 2  # long section split at sentence boundary
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_text_before_first_section_is_overview():
    assert split_sections("# T\n\nEinleitung.\n\n## Kosten\n\n5 Euro")[0] == ("Überblick", "Einleitung.")
