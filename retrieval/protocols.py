"""One small interface per retrieval role."""

from __future__ import annotations

from typing import Any, Protocol, Sequence

import numpy as np

from corpus.types import Retrieval


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passages (documents, chunks, sentences)."""
        ...


class QueryEmbedder(Embedder, Protocol):
    """An embedder trained with roles (e5): questions are embedded differently from the passages they find."""

    def embed_query(self, texts: Sequence[str]) -> np.ndarray: ...


class Retriever(Protocol):
    """Ranked documents for a query, with a calibrated confidence the answer stage can gate on."""

    def retrieve(self, query: str, top_k: int = 5, filters: dict[str, Any] | None = None) -> Retrieval: ...
