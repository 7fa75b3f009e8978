"""The shipped corpus: every catalogue id present, no schema errors, strategy texts split as the catalogue says."""

from datetime import date

from assistant.settings import Settings
from corpus.check import check_corpus, months_between
from corpus.chunking import chunk_corpus
from corpus.loader import load_catalogue, load_corpus

SETTINGS = Settings()


def test_corpus_check_reports_full_catalogue_and_no_errors():
    report = check_corpus(SETTINGS.corpus.path)
    assert [str(p) for p in report.problems] == []
    assert report.catalogue_missing == []
    assert report.catalogue_services == 62
    assert report.per_kind.get("service", 0) >= 62
    assert report.per_kind.get("strategy", 0) >= 24


def test_every_service_names_sources_keywords_and_sections():
    result = load_corpus(SETTINGS.corpus.path)
    services = [d for d in result.documents if d.kind == "service"]
    for doc in services:
        assert doc.path == f"services/{doc.id}.md"
        assert len(doc.keywords) >= 8, doc.id
        assert "## " in doc.body, doc.id
    related_ids = {d.id for d in result.documents}
    dangling = {(d.id, r) for d in result.documents for r in d.related if r not in related_ids}
    assert dangling == set()


def test_strategy_ids_match_catalogue():
    result = load_corpus(SETTINGS.corpus.path)
    strategy = {d.id for d in result.documents if d.kind == "strategy"}
    assert set(load_catalogue()["strategy"]) <= strategy


def test_chunks_of_shipped_corpus_are_bounded():
    docs = load_corpus(SETTINGS.corpus.path).documents
    chunks = chunk_corpus(docs, SETTINGS.corpus.chunk_max_chars)
    assert len(chunks) > len(docs)
    assert max(len(c.text) for c in chunks) < 3 * SETTINGS.corpus.chunk_max_chars


def test_stale_months():
    assert months_between(date(2024, 1, 1), date(2025, 8, 1)) == 19
