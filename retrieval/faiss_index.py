"""Dense vectors in FAISS: exact inner product (flat) for a city's corpus, HNSW above a size threshold."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

# faiss logs every CPU-feature probe at INFO; keep the command line readable.
logging.getLogger("faiss.loader").setLevel(logging.WARNING)


class FaissIndex:
    """Inner-product search over L2-normalised vectors (so scores are cosines)."""

    def __init__(self, index: object) -> None:
        self._index = index

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    @property
    def kind(self) -> str:
        return "hnsw" if "HNSW" in type(self._index).__name__ else "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, hnsw_threshold: int = 50_000, hnsw_m: int = 32) -> "FaissIndex":
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if len(vectors) > hnsw_threshold:
            index = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 96
        else:
            index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        return cls(index)

    def vectors(self, ids: "list[int] | np.ndarray") -> np.ndarray:
        """The stored vectors of some rows (flat and HNSW indexes keep them uncompressed)."""
        return np.vstack([self._index.reconstruct(int(i)) for i in ids]) if len(ids) else np.zeros((0, self.dimension),
                                                                                                   dtype=np.float32)

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(chunk indices, cosines) of the k nearest vectors; `allowed` (chunk indices) restricts the search."""
        import faiss

        if self.size == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            params = (faiss.SearchParametersHNSW(sel=selector, efSearch=max(96, k)) if self.kind == "hnsw"
                      else faiss.SearchParameters(sel=selector))
        scores, ids = self._index.search(query, min(k, self.size), params=params)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "FaissIndex":
        import faiss

        return cls(faiss.read_index(str(path)))
