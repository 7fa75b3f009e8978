"""Build the hybrid index from a corpus directory, or load it when the stored one still fits."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from corpus.errors import CorpusError
from corpus.loader import corpus_hash, load_corpus
from corpus.schema import Document
from retrieval.analysis import ANALYSIS_VERSION, GermanAnalyzer
from retrieval.bm25 import Bm25Index
from retrieval.embedding_cache import EmbeddingCache, embed_cached
from retrieval.faiss_index import FaissIndex
from retrieval.hybrid import HybridRetriever
from retrieval.indexing import IndexContents, dense_text, index_chunks, lexical_text
from retrieval.persistence import IndexMismatch, load_index, save_index

log = logging.getLogger(__name__)


def fingerprint(corpus_dir: Path, *, chunk_max_chars: int, embedder: Any | None, hnsw_threshold: int) -> dict:
    """Everything that shapes the index; the manifest stores it and a difference means rebuild."""
    return {
        "corpus_hash": corpus_hash(Path(corpus_dir)),
        "analysis_version": ANALYSIS_VERSION,
        "chunk_max_chars": chunk_max_chars,
        "embedder": getattr(embedder, "name", None),
        "model": str(getattr(embedder, "model", "")) if embedder is not None else None,
        "hnsw_threshold": hnsw_threshold if embedder is not None else None,
    }


def build_contents(documents: list[Document], chunk_max_chars: int, analyzer: GermanAnalyzer,
                   embedder: Any | None, batch_size: int = 32, cache: EmbeddingCache | None = None,
                   progress: bool | None = None) -> IndexContents:
    """Chunks, their analysed tokens and (with an embedder) their vectors; only chunks the cache lacks are
    embedded."""
    chunks = index_chunks(documents, chunk_max_chars)
    by_id = {d.id: d for d in documents}
    tokens = [analyzer.analyze(lexical_text(c, by_id.get(c.doc_id))) for c in chunks]
    vectors = None
    if embedder is not None and chunks:
        vectors, computed = embed_cached(embedder, [dense_text(c) for c in chunks], cache, batch_size=batch_size,
                                         progress=progress, desc="embedding chunks")
        log.info("embedded %d of %d chunks (%d from the cache)", computed, len(chunks), len(chunks) - computed)
    return IndexContents(documents, chunks, tokens, vectors)


def load_or_build(index_dir: Path, corpus_dir: Path, *, embedder: Any | None, chunk_max_chars: int = 900,
                  hnsw_threshold: int = 50_000, rebuild: bool = False, embedding_cache: Path | None = None,
                  progress: bool | None = None, **retriever_args: Any) -> HybridRetriever:
    """The retriever over a verified stored index, rebuilding (with a log line saying why) when needed.

    `embedding_cache`: a SQLite file of vectors by (embedder, chunk text hash); a rebuild then embeds only new and
    changed chunks. None embeds everything (tests, one-off builds).
    """
    index_dir, corpus_dir = Path(index_dir), Path(corpus_dir)
    if hasattr(embedder, "load"):
        embedder.load()  # its name in the fingerprint is then the runtime that really runs (after any fallback)
    fp = fingerprint(corpus_dir, chunk_max_chars=chunk_max_chars, embedder=embedder, hnsw_threshold=hnsw_threshold)
    analyzer = GermanAnalyzer()
    if not rebuild:
        try:
            stored = load_index(index_dir, fp)
            return HybridRetriever(stored.documents, stored.chunks, stored.bm25, stored.dense, embedder, analyzer,
                                   **retriever_args)
        except IndexMismatch as exc:
            log.warning("index at %s cannot be used (%s); rebuilding", index_dir, exc)
    else:
        log.info("rebuilding index at %s on request", index_dir)
    started = time.perf_counter()
    loaded = load_corpus(corpus_dir)
    if not loaded.documents:
        raise CorpusError(f"no loadable documents under {corpus_dir}; check BA_CORPUS__PATH "
                          f"({len(loaded.problems)} problems reported)")
    cache = EmbeddingCache(embedding_cache) if embedding_cache is not None and embedder is not None else None
    try:
        contents = build_contents(loaded.documents, chunk_max_chars, analyzer, embedder, cache=cache,
                                  progress=progress)
    finally:
        if cache is not None:
            cache.close()
    bm25 = Bm25Index.build(contents.tokens)
    dense = FaissIndex.build(contents.vectors, hnsw_threshold) if contents.vectors is not None else None
    seconds = time.perf_counter() - started
    manifest = save_index(index_dir, fingerprint={**fp, "dimension": dense.dimension if dense else None},
                          documents=contents.documents, chunks=contents.chunks, bm25=bm25, dense=dense,
                          build_seconds=seconds)
    log.info("index built at %s: %d documents, %d chunks in %.1f s", index_dir,
             manifest["counts"]["documents"], manifest["counts"]["chunks"], seconds)
    return HybridRetriever(contents.documents, contents.chunks, bm25, dense, embedder, analyzer, **retriever_args)
