"""Wiring: the only place (with the CLI and api/deps.py) that reads Settings and turns them into components."""

from __future__ import annotations

from assistant.settings import Settings
from retrieval.hybrid import HybridRetriever


def build_retriever(settings: Settings, rebuild: bool = False) -> HybridRetriever:
    """The hybrid retriever over the index directory of the settings, built or rebuilt when needed."""
    from retrieval.builder import load_or_build
    from retrieval.embedders import make_embedder

    r = settings.retrieval
    embedder = (make_embedder(r.embedder, r.embedder_model, runtime=r.embedder_runtime, cache_dir=r.model_cache)
                if r.dense else None)
    return load_or_build(
        r.index_path, settings.corpus.path, embedder=embedder, chunk_max_chars=settings.corpus.chunk_max_chars,
        hnsw_threshold=r.hnsw_threshold, rebuild=rebuild, fusion=r.fusion, rrf_k=r.rrf_k,
        dense_weight=r.dense_weight, min_confidence=r.min_confidence, lexical=r.lexical)
