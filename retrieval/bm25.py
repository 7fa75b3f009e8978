"""BM25 over analysed chunk texts (bm25s), persisted as .npy arrays + JSON without pickle."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

log = logging.getLogger(__name__)


class Bm25Index:
    """A bm25s index over pre-analysed token lists; `search` takes analysed query terms."""

    def __init__(self, model: object, vocabulary: dict[str, int], size: int) -> None:
        self._model = model
        self.vocabulary = vocabulary  # term -> document frequency (chunks containing it)
        self.size = size

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> "Bm25Index":
        import bm25s

        model = bm25s.BM25(k1=k1, b=b)
        model.index([list(t) or ["\u2205"] for t in token_lists], show_progress=False)
        df: dict[str, int] = {}
        for tokens in token_lists:
            for t in set(tokens):
                df[t] = df.get(t, 0) + 1
        return cls(model, df, len(token_lists))

    def search(self, terms: Sequence[str] | Mapping[str, float], k: int, mask: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """(chunk indices, scores) of the best k chunks with a positive score; `mask` (0/1 per chunk) filters.

        `terms` is a list (every term weighs 1) or {term: weight}: a chunk's score is the weighted sum of the
        terms' BM25 contributions, so a query can count its incidental words ("nächsten Monat") for less.
        """
        weights = terms if isinstance(terms, Mapping) else dict.fromkeys(terms, 1.0)
        known = {t: w for t, w in weights.items() if t in self.vocabulary and w > 0}
        if not known or self.size == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores = self._weighted_scores(known)
        if mask is not None:
            scores = scores * mask
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        keep = scores[top] > 0
        return top[keep].astype(np.int64), scores[top][keep].astype(np.float32)

    def postings(self) -> dict[str, np.ndarray]:
        """{term: indices of the chunks containing it} (read from the score matrix, no copy of the corpus)."""
        index, vocab = self._model.scores, self._model.vocab_dict
        indices, indptr = index["indices"], index["indptr"]
        return {t: indices[indptr[tid]:indptr[tid + 1]] for t, tid in vocab.items() if t in self.vocabulary}

    def _weighted_scores(self, weights: Mapping[str, float]) -> np.ndarray:
        # bm25s stores each term's precomputed per-chunk scores as one column of a sparse matrix; summing the
        # columns ourselves (what its get_scores does) lets each term carry a weight.
        index = self._model.scores
        vocab = self._model.vocab_dict
        data, indices, indptr = index["data"], index["indices"], index["indptr"]
        scores = np.zeros(self.size, dtype=np.float32)
        for t, w in weights.items():
            tid = vocab.get(t)
            if tid is None:
                continue
            start, end = indptr[tid], indptr[tid + 1]
            np.add.at(scores, indices[start:end], w * data[start:end])
        return scores

    def save(self, directory: Path) -> None:
        import json

        self._model.save(str(directory), allow_pickle=False, show_progress=False)
        (directory / "df.json").write_text(json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, size: int) -> "Bm25Index":
        import json

        import bm25s

        model = bm25s.BM25.load(str(directory), allow_pickle=False, load_corpus=False, show_progress=False)
        df = json.loads((directory / "df.json").read_text(encoding="utf-8"))
        return cls(model, df, size)
