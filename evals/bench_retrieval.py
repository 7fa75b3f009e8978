"""Retrieval benchmark: build time, warm query latency (p50/p95) and peak memory, shipped and scaled corpus.

The scaled corpus reaches N chunks by recombining sentences of the real chunks into synthetic documents (realistic
German vocabulary and lengths). Their vectors are real chunk vectors plus noise, re-normalised: embedding 100 000
chunks with MiniLM on a 2-core machine takes tens of minutes and says nothing about query latency, so the dense build
time at that scale is extrapolated from the measured embedding throughput and printed as such. Queries are real dev
questions, embedded by the real model at query time.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings
from corpus.types import Chunk
from evals.retrieval_eval import load_dev
from retrieval.analysis import GermanAnalyzer
from retrieval.bm25 import Bm25Index
from retrieval.faiss_index import FaissIndex
from retrieval.hybrid import HybridRetriever
from retrieval.indexing import lexical_text


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _latencies(retriever: HybridRetriever, queries: list[str]) -> tuple[float, float]:
    retriever.warm_up()
    for q in queries[:10]:
        retriever.retrieve(q)
    times = []
    for q in queries:
        started = time.perf_counter()
        retriever.retrieve(q, top_k=5)
        times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def _embedding_ms(embedder, queries: list[str]) -> tuple[float, float]:
    """Median wall and mean CPU milliseconds to embed one query (tokenizer + model): the largest CPU cost of an
    answer, and the one number that tells the embedder runtimes apart."""
    for q in queries[:10]:
        embedder.embed([q])
    times, cpu = [], time.process_time()
    for q in queries:
        started = time.perf_counter()
        embedder.embed([q])
        times.append((time.perf_counter() - started) * 1000)
    return float(np.median(times)), (time.process_time() - cpu) * 1000 / max(len(queries), 1)


def _scaled(base: HybridRetriever, n: int, seed: int = 7) -> tuple[list[Chunk], np.ndarray]:
    rng = random.Random(seed)
    sentences = [s for c in base.chunks for s in c.text.split(". ") if len(s) > 20]
    base_vecs = np.vstack([base.dense._index.reconstruct(i) for i in range(base.dense.size)])
    chunks, vecs = list(base.chunks), [base_vecs]
    noise = np.random.default_rng(seed)
    extra = n - len(chunks)
    for i in range(extra):
        src = base.chunks[i % len(base.chunks)]
        text = ". ".join(rng.sample(sentences, k=min(4, len(sentences))))
        chunks.append(Chunk(doc_id=f"synth-{i // 8}", chunk_id=f"synth-{i // 8}#{i % 8}", title=src.title,
                            section=src.section, text=text, kind="info", url=src.url))
    if extra > 0:
        picks = base_vecs[np.arange(extra) % len(base_vecs)]
        v = picks + noise.normal(0, 0.08, picks.shape).astype(np.float32)
        vecs.append(v / np.linalg.norm(v, axis=1, keepdims=True))
    return chunks, np.vstack(vecs).astype(np.float32)


def bench(settings: Settings, scaled_chunks: int = 100_000, n_queries: int = 200) -> str:
    from retrieval.builder import load_or_build
    from retrieval.embedders import make_embedder

    r = settings.retrieval
    queries = [d["query"] for d in load_dev(settings.eval.data_dir / "retrieval_dev.jsonl")][:n_queries]
    args: dict[str, Any] = dict(fusion=r.fusion, rrf_k=r.rrf_k, dense_weight=r.dense_weight,
                                min_confidence=r.min_confidence)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        embedder = make_embedder(r.embedder, r.embedder_model, runtime=r.embedder_runtime, cache_dir=r.model_cache)
        embedder.embed(["warm"])  # model load is not index build time
        started = time.perf_counter()
        base = load_or_build(Path(tmp) / "index", settings.corpus.path, embedder=embedder,
                             chunk_max_chars=settings.corpus.chunk_max_chars, hnsw_threshold=r.hnsw_threshold,
                             rebuild=True, **args)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        base = load_or_build(Path(tmp) / "index", settings.corpus.path, embedder=embedder,
                             chunk_max_chars=settings.corpus.chunk_max_chars, hnsw_threshold=r.hnsw_threshold,
                             **args)
        load_s = time.perf_counter() - started
    p50, p95 = _latencies(base, queries)
    embed_ms, embed_cpu = _embedding_ms(embedder, queries)
    emb_started = time.perf_counter()
    embedder.embed([c.text for c in base.chunks[:128]])
    per_chunk = (time.perf_counter() - emb_started) / 128
    lines.append(f"{'corpus':<28} {'chunks':>7} {'build s':>8} {'load s':>7} {'p50 ms':>7} {'p95 ms':>7} "
                 f"{'peak MB':>8}")
    lines.append(f"{'shipped':<28} {len(base.chunks):>7} {build_s:8.1f} {load_s:7.3f} {p50:7.1f} {p95:7.1f} "
                 f"{_peak_mb():8.0f}")
    if scaled_chunks > len(base.chunks):
        chunks, vectors = _scaled(base, scaled_chunks)
        analyzer = GermanAnalyzer()
        t0 = time.perf_counter()
        bm25 = Bm25Index.build([analyzer.analyze(lexical_text(c)) for c in chunks])
        t_bm25 = time.perf_counter() - t0
        t0 = time.perf_counter()
        dense = FaissIndex.build(vectors, r.hnsw_threshold)
        t_faiss = time.perf_counter() - t0
        scaled = HybridRetriever(list(base.documents.values()), chunks, bm25, dense, embedder, analyzer, **args)
        s50, s95 = _latencies(scaled, queries)
        label = f"synthetic ({dense.kind})"
        lines.append(f"{label:<28} {len(chunks):>7} {t_bm25 + t_faiss:8.1f} {'-':>7} {s50:7.1f} {s95:7.1f} "
                     f"{_peak_mb():8.0f}")
        lines.append(f"  scaled build: BM25 analysis+index {t_bm25:.1f} s, FAISS {t_faiss:.1f} s; embedding "
                     f"{len(chunks)} chunks would add ~{per_chunk * len(chunks) / 60:.0f} min at the measured "
                     f"{1 / per_chunk:.0f} chunks/s (vectors synthesised, see module docstring)")
    lines.append(f"  query embedding ({getattr(embedder, 'active_runtime', embedder.name)}): median {embed_ms:.2f} ms, "
                 f"{embed_cpu:.2f} ms CPU per query")
    lines.append(f"  queries: {len(queries)} dev questions, warm, one process, top_k=5, fusion={r.fusion}; "
                 f"load average {Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else '?'}")
    return "\n".join(lines)
