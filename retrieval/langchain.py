"""LangChain adapter: any Retriever (the hybrid one by default) as a langchain-core `BaseRetriever`."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class LangChainRetriever(BaseRetriever):
    """Returns one LangChain Document per retrieved document: best-chunk text plus id, title, section, scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any
    top_k: int = 5
    filters: dict[str, Any] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun
                                ) -> list[LCDocument]:
        result = self.retriever.retrieve(query, top_k=self.top_k, filters=self.filters)
        return [LCDocument(page_content=p.text or p.snippet, metadata={
            "id": p.doc_id, "title": p.title, "section": p.section, "url": p.url, "kind": p.kind,
            "score": p.score, "confidence": p.confidence, "chunk_id": p.chunk_id, "confident": result.confident,
        }) for p in result.passages]
