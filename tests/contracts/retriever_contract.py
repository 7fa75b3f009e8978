"""RetrieverContract: the behaviour every Retriever implementation must show; subclass it and provide `retriever`.

The fixture `retriever` must return a retriever over a corpus that contains the document `expected_id`, answering
`known_query`, and at least one document of kind `service`.
"""

from __future__ import annotations

import pytest

from corpus.types import Retrieval


class RetrieverContract:
    known_query = "Hundesteuer für meinen Hund"
    expected_id = "hundesteuer"

    @pytest.fixture
    def retriever(self):  # pragma: no cover - subclasses override
        raise NotImplementedError

    def test_returns_a_retrieval_with_ranked_passages(self, retriever):
        result = retriever.retrieve(self.known_query, top_k=3)
        assert isinstance(result, Retrieval)
        assert 0 < len(result.passages) <= 3
        assert result.passages[0].doc_id == self.expected_id
        scores = [p.score for p in result.passages]
        assert scores == sorted(scores, reverse=True)

    def test_passages_are_documents_not_chunks(self, retriever):
        ids = [p.doc_id for p in retriever.retrieve(self.known_query, top_k=10).passages]
        assert len(ids) == len(set(ids))

    def test_passage_fields_are_filled(self, retriever):
        p = retriever.retrieve(self.known_query, top_k=1).passages[0]
        assert p.title and p.section and p.snippet and p.text and p.chunk_id
        assert len(p.snippet) <= 310
        assert 0.0 <= p.confidence <= 1.0

    def test_confidence_in_unit_interval_and_consistent(self, retriever):
        result = retriever.retrieve(self.known_query)
        assert 0.0 <= result.confidence <= 1.0
        assert result.confident == (result.confidence >= retriever.min_confidence)

    def test_empty_query_gives_no_passages(self, retriever):
        for q in ("", "   ", "\n"):
            result = retriever.retrieve(q)
            assert result.passages == [] and not result.confident

    def test_top_k_is_respected(self, retriever):
        assert len(retriever.retrieve(self.known_query, top_k=1).passages) == 1

    def test_kind_filter(self, retriever):
        result = retriever.retrieve(self.known_query, top_k=10, filters={"kind": "service"})
        assert result.passages and all(p.kind == "service" for p in result.passages)
        assert retriever.retrieve(self.known_query, filters={"kind": "no-such-kind"}).passages == []
