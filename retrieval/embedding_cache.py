"""Embeddings kept by (embedder, text hash), so a changed corpus embeds only its new and changed chunks.

The index is rebuilt whenever the corpus changes (BM25 statistics depend on every document), but embedding is the
expensive part: tens of milliseconds per chunk on two cores. With this cache, adding or changing one document
embeds only that document's chunks; a removed document's chunks simply are not asked for again. The cache is one
SQLite file beside the index (it survives index rebuilds), vectors are stored as float32 bytes exactly as the
embedder returned them, so a vector from the cache equals a freshly computed one.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    embedder TEXT NOT NULL,
    text_hash BLOB NOT NULL,
    vector BLOB NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (embedder, text_hash)
) WITHOUT ROWID
"""


def embedder_key(embedder: Any, role: str = "passage") -> str:
    """Name, model and dimension of an embedder and the role its vectors were made for."""
    return f"{getattr(embedder, 'name', type(embedder).__name__)}|{getattr(embedder, 'model', '')}|" \
           f"{getattr(embedder, 'dimension', '')}|{role}"


def text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Float32 vectors by (embedder key, SHA-256 of the text) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)
        return self._db

    def get(self, key: str, texts: Sequence[str], dimension: int) -> tuple[np.ndarray, list[int]]:
        """(vectors with the cached rows filled in, indices of the texts that are not cached)."""
        out = np.zeros((len(texts), dimension), dtype=np.float32)
        hashes = [text_hash(t) for t in texts]
        found: dict[bytes, bytes] = {}
        with self._lock:
            db = self._conn()
            unique = list(dict.fromkeys(hashes))
            for i in range(0, len(unique), 500):
                part = unique[i:i + 500]
                rows = db.execute(
                    f"SELECT text_hash, vector FROM vectors WHERE embedder = ? AND text_hash IN "
                    f"({','.join('?' * len(part))})", [key, *part]).fetchall()
                found.update(rows)
        missing = []
        for i, h in enumerate(hashes):
            blob = found.get(h)
            if blob is not None and len(blob) == 4 * dimension:
                out[i] = np.frombuffer(blob, dtype=np.float32)
            else:
                missing.append(i)
        return out, missing

    def put(self, key: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        now = time.time()
        rows = [(key, text_hash(t), np.ascontiguousarray(v, dtype=np.float32).tobytes(), now)
                for t, v in zip(texts, vectors)]
        with self._lock:
            db = self._conn()
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
            db.commit()

    def count(self, key: str | None = None) -> int:
        with self._lock:
            db = self._conn()
            if key is None:
                return db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
            return db.execute("SELECT COUNT(*) FROM vectors WHERE embedder = ?", (key,)).fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def embed_cached(embedder: Any, texts: Sequence[str], cache: EmbeddingCache | None, *, batch_size: int = 32,
                 progress: bool | None = None, desc: str = "embedding", role: str = "passage"
                 ) -> tuple[np.ndarray, int]:
    """Vectors for `texts` in `role` ("passage" or "query"), computing only those the cache lacks;
    (vectors, how many were computed).

    `progress`: None shows a bar when stderr is a terminal (tqdm's own rule), True always, False never.
    """
    from retrieval.embedders import query_vectors

    texts = list(texts)
    dimension = int(embedder.dimension)
    key = embedder_key(embedder, role)
    embed = (lambda batch: query_vectors(embedder, batch)) if role == "query" else embedder.embed
    if cache is not None:
        vectors, missing = cache.get(key, texts, dimension)
    else:
        vectors, missing = np.zeros((len(texts), dimension), dtype=np.float32), list(range(len(texts)))
    if missing:
        from tqdm import tqdm

        bar = tqdm(total=len(missing), desc=desc, unit="text", disable=None if progress is None else not progress,
                   leave=False)
        try:
            for start in range(0, len(missing), batch_size):
                part = missing[start:start + batch_size]
                batch = [texts[i] for i in part]
                got = np.asarray(embed(batch), dtype=np.float32)
                vectors[part] = got
                if cache is not None:
                    cache.put(key, batch, got)
                bar.update(len(part))
        finally:
            bar.close()
    return vectors, len(missing)
