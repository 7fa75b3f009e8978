"""The hybrid retriever with BM25 and a fake embedder: ranking, filters, odd queries, adapters."""

from __future__ import annotations

import pytest

from corpus.errors import InputError
from retrieval.builder import load_or_build
from tests.contracts.retriever_contract import RetrieverContract
from tests.fakes import HashEmbedder
from tests.unit.retrieval_helpers import make_corpus


@pytest.fixture(scope="module")
def hybrid(tmp_path_factory):
    root = tmp_path_factory.mktemp("retrieval")
    return load_or_build(root / "index", make_corpus(root / "corpus"), embedder=HashEmbedder(),
                         chunk_max_chars=400, fusion="weighted", dense_weight=0.2)


class TestHybridContract(RetrieverContract):
    @pytest.fixture
    def retriever(self, hybrid):
        return hybrid


class TestBm25OnlyContract(RetrieverContract):
    @pytest.fixture
    def retriever(self, hybrid):
        return hybrid.with_methods(lexical=True, dense=False)


@pytest.mark.parametrize("query, expected", [
    ("mein Sofa muss weg", "sperrmuell"),
    ("Anwohnerparken", "bewohnerparkausweis"),
    ("perso abgelaufen", "personalausweis-beantragen"),
    ("personalausweiss", "personalausweis-beantragen"),  # typo
    ("Hundesteur", "hundesteuer"),  # typo
    ("hundemarke", "hundesteuer"),
    ("Sperrmuell abholung", "sperrmuell"),  # umlaut variant
    ("I have a dog", "hundesteuer"),  # English
])
def test_citizen_queries_find_the_document(hybrid, query, expected):
    assert hybrid.retrieve(query, top_k=3).passages[0].doc_id == expected


def test_id_prefix_filter(hybrid):
    result = hybrid.retrieve("Bus und Fahrrad", top_k=5, filters={"id_prefix": "strategie-"})
    assert [p.doc_id for p in result.passages] == ["strategie-mobilitaet"]


def test_kind_filter_accepts_several_kinds(hybrid):
    result = hybrid.retrieve("Verkehr", top_k=10, filters={"kind": ["strategy", "info"]})
    assert result.passages and {p.kind for p in result.passages} <= {"strategy", "info"}


def test_unknown_filter_key_is_an_input_error(hybrid):
    with pytest.raises(InputError, match="unknown key"):
        hybrid.retrieve("Hund", filters={"colour": "blue"})


def test_top_k_must_be_positive(hybrid):
    with pytest.raises(InputError, match="top_k must be > 0"):
        hybrid.retrieve("Hund", top_k=0)


def test_very_long_query_does_not_crash_and_finds_the_need(hybrid):
    story = ("Also, das ist eine lange Geschichte. " * 200) + " Wir haben jetzt einen Hund und fragen uns wegen der Steuer."
    result = hybrid.retrieve(story, top_k=3)
    assert result.passages  # truncated to MAX_QUERY_CHARS, still answered
    assert len(result.query) == len(story)


@pytest.mark.parametrize("query", ["asdfgh", "Who won the football match yesterday?", "Wie wird das Wetter morgen?",
                                   "😀😀😀", "SELECT * FROM users;", "ж" * 50])
def test_off_topic_queries_are_not_confident(hybrid, query):
    result = hybrid.retrieve(query)
    assert not result.confident and result.confidence < hybrid.min_confidence


def test_known_query_is_confident(hybrid):
    assert hybrid.retrieve("Hundesteuer für den Hund anmelden").confident


def test_snippet_is_a_real_chunk_with_its_section(hybrid):
    p = hybrid.retrieve("Was kostet die Hundesteuer?", top_k=1).passages[0]
    chunk_ids = {c.chunk_id for c in hybrid.chunks_for("hundesteuer")}
    assert p.chunk_id in chunk_ids or p.chunk_id.endswith("#profile")
    assert p.snippet in p.text or p.snippet.rstrip(" …") in " ".join(p.text.split())


def test_chunks_for_and_document(hybrid):
    chunks = hybrid.chunks_for("hundesteuer")
    assert [c.section for c in chunks][:1] == ["Überblick"]
    assert all(not c.chunk_id.endswith("#profile") for c in chunks)
    assert hybrid.document("hundesteuer").title == "Hund anmelden und Hundesteuer"
    assert hybrid.chunks_for("nope") == [] and hybrid.document("nope") is None


def test_langchain_adapter_returns_documents(hybrid):
    from retrieval.langchain import LangChainRetriever

    lc = LangChainRetriever(retriever=hybrid, top_k=2, filters={"kind": "service"})
    docs = lc.invoke("Sperrmüll anmelden")
    assert docs and docs[0].metadata["id"] == "sperrmuell"
    assert docs[0].page_content and {"title", "section", "score", "confidence", "url"} <= set(docs[0].metadata)


def test_topic_overlap_counts_the_questions_topic_words_found_in_a_document(hybrid):
    # "Sofa" is in the Sperrmüll document, not in the dog tax document; aspect words and numbers do not count
    assert hybrid.topic_overlap("mein Sofa muss weg", "sperrmuell") == 1.0
    assert hybrid.topic_overlap("mein Sofa muss weg", "hundesteuer") == 0.0
    assert hybrid.topic_overlap("Wie lange dauert das? 2025", "hundesteuer") is None
    assert hybrid.topic_overlap("mein Sofa", "no-such-document") is None
