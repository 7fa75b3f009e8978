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
from retrieval.embedders import forget_queries, query_vectors
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
    if retriever.embedder is not None:
        forget_queries(retriever.embedder)  # every timed search encodes its query, as a new question does
    retriever._memo.clear()
    for q in queries:
        started = time.perf_counter()
        retriever.retrieve(q, top_k=5)
        times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def _embedding_ms(embedder, queries: list[str]) -> tuple[float, float]:
    """Median wall and mean CPU milliseconds to embed one query (tokenizer + model, query role): the largest CPU
    cost of an answer, and the one number that tells the embedders apart."""
    for q in queries[:10]:
        query_vectors(embedder, [q])
    forget_queries(embedder)  # time the encoding, not the memo
    times, cpu = [], time.process_time()
    for q in queries:
        started = time.perf_counter()
        query_vectors(embedder, [q])
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


def bench(settings: Settings, scaled_chunks: int = 100_000, n_queries: int = 200,
          embedders: list[str] | None = None) -> str:
    """One block of numbers per embedder (default: the configured one), side by side in one run."""
    names = embedders or [settings.retrieval.embedder]
    blocks = []
    for name in names:
        s = settings.model_copy(deep=True)
        s.retrieval.embedder = name
        blocks.append(f"== embedder {name}\n" + _bench_one(s, scaled_chunks, n_queries))
    return "\n\n".join(blocks)


def _bench_one(settings: Settings, scaled_chunks: int, n_queries: int) -> str:
    from assistant.wiring import build_embedder, retriever_options
    from retrieval.builder import load_or_build

    r = settings.retrieval
    queries = [d["query"] for d in load_dev(settings.eval.data_dir / "retrieval_dev.jsonl")][:n_queries]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        embedder = build_embedder(settings)
        args: dict[str, Any] = retriever_options(settings, embedder)
        embedder.embed(["warm"])  # model load is not index build time
        cache = Path(tmp) / "cache.sqlite3"
        timings = {}
        for label, rebuild in (("cold", True), ("warm", True), ("load", False)):
            started = time.perf_counter()
            base = load_or_build(Path(tmp) / "index", settings.corpus.path, embedder=embedder,
                                 chunk_max_chars=settings.corpus.chunk_max_chars, hnsw_threshold=r.hnsw_threshold,
                                 rebuild=rebuild, embedding_cache=cache, progress=False, **args)
            timings[label] = time.perf_counter() - started
    p50, p95 = _latencies(base, queries)
    embed_ms, embed_cpu = _embedding_ms(embedder, queries)
    sample = [c.text for c in base.chunks[:256]]
    emb_started = time.perf_counter()
    for i in range(0, len(sample), 32):
        embedder.embed(sample[i:i + 32])
    per_chunk = (time.perf_counter() - emb_started) / len(sample)
    lines.append(f"{'corpus':<28} {'chunks':>7} {'cold s':>7} {'warm s':>7} {'load s':>7} {'p50 ms':>7} "
                 f"{'p95 ms':>7} {'peak MB':>8}")
    lines.append(f"{'shipped':<28} {len(base.chunks):>7} {timings['cold']:7.1f} {timings['warm']:7.1f} "
                 f"{timings['load']:7.3f} {p50:7.1f} {p95:7.1f} {_peak_mb():8.0f}")
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
        lines.append(f"{label:<28} {len(chunks):>7} {t_bm25 + t_faiss:7.1f} {'-':>7} {'-':>7} {s50:7.1f} {s95:7.1f} "
                     f"{_peak_mb():8.0f}")
        lines.append(f"  scaled build: BM25 analysis+index {t_bm25:.1f} s, FAISS {t_faiss:.1f} s; embedding "
                     f"{len(chunks)} chunks would add ~{per_chunk * len(chunks) / 60:.0f} min (vectors synthesised, "
                     "see module docstring)")
    lines.append(f"  passage embedding: {1 / per_chunk:.1f} chunks/s (batches of 32, {embedder.name}, "
                 f"{getattr(embedder, 'threads', '?')} thread(s))")
    lines.append(f"  query embedding: median {embed_ms:.2f} ms, {embed_cpu:.2f} ms CPU per query")
    lines.append(f"  queries: {len(queries)} dev questions, warm, one process, top_k=5, fusion={r.fusion}; "
                 f"load average {Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else '?'}")
    return "\n".join(lines)
