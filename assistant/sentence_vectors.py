"""Vectors of the documents' sentences and of questions, for choosing the sentences an answer quotes.

The composer compares the question with every sentence and list item of the retrieved document. A document's
sentences are embedded once (passage role) and kept in memory; with an embedding cache file they also survive
restarts, so only sentences of new or changed documents are ever embedded again. Questions use the query role and
a small LRU, since one turn asks about the same text in several stages.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from retrieval.embedders import query_vectors
from retrieval.embedding_cache import EmbeddingCache, embed_cached


class SentenceVectors:
    """Passage vectors of sentences (memory + optional SQLite cache) and query vectors of questions (LRU)."""

    def __init__(self, embedder: Any, cache_path: Path | None = None, max_questions: int = 256) -> None:
        self.embedder = embedder
        self._cache = EmbeddingCache(cache_path) if cache_path is not None else None
        self._known: dict[str, np.ndarray] = {}
        self._questions: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max_questions = max_questions
        self._lock = threading.Lock()

    def passages(self, texts: Sequence[str], progress: bool | None = False) -> np.ndarray:
        """One L2-normalised row per text; texts not seen before are embedded together in one batch."""
        texts = list(texts)
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            vecs, _ = embed_cached(self.embedder, missing, self._cache, progress=progress,
                                   desc="embedding sentences")
            with self._lock:
                self._known.update(zip(missing, vecs))
        if not texts:
            return np.zeros((0, int(self.embedder.dimension)), dtype=np.float32)
        with self._lock:
            return np.vstack([self._known[t] for t in texts])

    def question(self, text: str) -> np.ndarray:
        with self._lock:
            vec = self._questions.get(text)
            if vec is not None:
                self._questions.move_to_end(text)
                return vec
        vec = query_vectors(self.embedder, [text])[0]
        with self._lock:
            self._questions[text] = vec
            while len(self._questions) > self._max_questions:
                self._questions.popitem(last=False)
        return vec
