"""Wiring: the only place (with the CLI and api/deps.py) that reads Settings and turns them into components."""

from __future__ import annotations

from typing import Any

from assistant.settings import Settings
from retrieval.hybrid import HybridRetriever


def build_embedder(settings: Settings) -> Any | None:
    """The configured embedder (not loaded yet), or None when dense retrieval is off."""
    from retrieval.embedders import make_embedder

    r = settings.retrieval
    if not r.dense:
        return None
    return make_embedder(r.embedder, r.embedder_model, runtime=r.embedder_runtime, cache_dir=r.model_cache,
                         threads=r.embedder_threads)


def retriever_options(settings: Settings, embedder: Any | None) -> dict[str, Any]:
    """Fusion and confidence-gate arguments of the hybrid retriever: the gate's coefficients and threshold are the
    ones fitted for this embedder (retrieval/data/confidence.json) unless the settings name a threshold."""
    from retrieval.confidence import gate_for

    r = settings.retrieval
    coefficients, fitted_threshold = gate_for(getattr(embedder, "name", None) if embedder is not None else None)
    min_confidence = r.min_confidence if r.min_confidence is not None else (fitted_threshold or 0.12)
    return dict(fusion=r.fusion, rrf_k=r.rrf_k, dense_weight=r.dense_weight, min_confidence=min_confidence,
                lexical=r.lexical, confidence_coefficients=coefficients)


def build_retriever(settings: Settings, rebuild: bool = False, progress: bool | None = None) -> HybridRetriever:
    """The hybrid retriever over the index directory of the settings, built or rebuilt when needed."""
    from guardrails.pii import names
    from retrieval import compounds, lemma_cache
    from retrieval.builder import load_or_build

    r = settings.retrieval
    compounds.use_cache_dir(r.model_cache)  # the German compound tables, memory-mapped from the second start on
    names.use_cache_dir(r.model_cache)  # the person recognizer's name lists, read back from the second start on
    lemma_cache.use_cache_dir(r.model_cache)  # simplemma's German and English dictionaries, decoded once
    embedder = build_embedder(settings)
    return load_or_build(
        r.index_path, settings.corpus.path, embedder=embedder, chunk_max_chars=settings.corpus.chunk_max_chars,
        hnsw_threshold=r.hnsw_threshold, rebuild=rebuild, embedding_cache=r.embedding_cache, progress=progress,
        **retriever_options(settings, embedder))
