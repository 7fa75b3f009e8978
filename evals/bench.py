"""Benchmarks: throughput, latency percentiles and peak memory of retrieval, answers and the HTTP API.

`--baseline` runs the same dev questions through what a developer would otherwise pick: LangChain's stock FAISS
vector store over the same chunks, embedded by `HuggingFaceEmbeddings` with the same local sentence-transformers
model (offline: a local path and `local_files_only`). Quality (recall@5, MRR) and latency then sit side by side,
and the gain is a ratio from one run.
"""

from __future__ import annotations

import resource
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from evals.answers_eval import percentile

BASELINE_CANDIDATES = 20  # chunks fetched from the stock store; their first occurrences give its doc ranking


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def current_rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()
    return round(pages * resource.getpagesize() / 2**20, 1)


def measure(call: Callable[[Any], Any], items: Sequence[Any], concurrency: int = 1, warmup: int = 2,
            progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """Run `call` on every item (after `warmup` untimed calls); latency percentiles, throughput, peak RSS."""
    for item in items[:warmup]:
        call(item)
    latencies: list[float] = []

    def timed(item: Any) -> Any:
        t = time.perf_counter()
        out = call(item)
        latencies.append((time.perf_counter() - t) * 1000)
        return out

    started = time.perf_counter()
    if concurrency <= 1:
        outputs = [timed(item) for item in progress(items)]
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            outputs = list(progress(pool.map(timed, items)))
    wall = time.perf_counter() - started
    return {
        "n": len(items), "concurrency": concurrency, "wall_s": round(wall, 3),
        "throughput_per_s": round(len(items) / wall, 2) if wall else None,
        "p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2),
        "p99_ms": round(percentile(latencies, 99), 2), "mean_ms": round(sum(latencies) / max(1, len(latencies)), 2),
        "peak_rss_mb": peak_rss_mb(), "_outputs": outputs,
    }


def bench_retrieval(retriever: Any, rows: Sequence[dict[str, Any]], top_k: int = 10,
                    progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """The project's retriever on the retrieval dev questions: speed and recall@5/MRR of the same run."""
    result = measure(lambda row: [p.doc_id for p in retriever.retrieve(row["query"], top_k=top_k).passages],
                     list(rows), progress=progress)
    result.update(ranking_quality(result.pop("_outputs"), rows))
    return result


def bench_answer(assistant: Any, questions: Sequence[str],
                 progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """Whole answers in process (guardrails, retrieval, generation, checks), one fresh session each."""
    result = measure(lambda q: assistant.answer(q).meta, list(questions), progress=progress)
    metas = result.pop("_outputs")
    result["fallbacks"] = sum(1 for m in metas if m.get("fallback_reason"))
    return result


def bench_api(chat: Callable[[str], dict[str, Any]], questions: Sequence[str], concurrency: int = 4,
              progress: Callable[[Iterable], Iterable] = lambda x: x) -> dict[str, Any]:
    """`POST /api/v1/chat` through a real HTTP server, `concurrency` clients at once."""
    result = measure(chat, list(questions), concurrency=concurrency, progress=progress)
    result.pop("_outputs")
    return result


def ranking_quality(rankings: Sequence[Sequence[str]], rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    """recall@5 and MRR of doc-id rankings against each row's `expected` ids."""
    from evals.metrics import mean, recall_at_k, reciprocal_rank

    pairs = list(zip(rankings, (r["expected"] for r in rows)))
    return {"recall@5": round(mean(recall_at_k(r, e, 5) for r, e in pairs), 4),
            "mrr": round(mean(reciprocal_rank(r, e) for r, e in pairs), 4)}


class LangChainFaissBaseline:
    """The stock LangChain FAISS vector store over the same chunk texts and the same local embedding model."""

    def __init__(self, texts: Sequence[str], doc_ids: Sequence[str], model_dir: Path) -> None:
        if len(texts) != len(doc_ids):
            raise ValueError(f"texts and doc_ids must align, got {len(texts)} and {len(doc_ids)}")
        self.texts, self.doc_ids = list(texts), list(doc_ids)
        self.model_dir = Path(model_dir)
        self.store = None
        self.build_s = 0.0
        self.rss_growth_mb = 0.0

    def build(self) -> "LangChainFaissBaseline":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # langchain_community announces its own deprecation on import
            from langchain_community.embeddings import HuggingFaceEmbeddings
            from langchain_community.vectorstores import FAISS

            before, t = current_rss_mb(), time.perf_counter()
            embeddings = HuggingFaceEmbeddings(model_name=str(self.model_dir),
                                               model_kwargs={"device": "cpu", "local_files_only": True})
            self.store = FAISS.from_texts(self.texts, embeddings, metadatas=[{"id": i} for i in self.doc_ids])
            self.build_s = round(time.perf_counter() - t, 2)
            self.rss_growth_mb = round(current_rss_mb() - before, 1)
        return self

    def ranking(self, query: str, k: int = 10) -> list[str]:
        """Doc ids in order of their first chunk among the store's top chunks (kind to the baseline)."""
        docs = self.store.as_retriever(search_kwargs={"k": BASELINE_CANDIDATES}).invoke(query)
        return list(dict.fromkeys(d.metadata["id"] for d in docs))[:k]


def side_by_side(ours: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """Ratios ours/baseline for quality (higher is better) and baseline/ours for latency (speed-up)."""
    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a and b else None

    return {
        "recall@5_ratio": ratio(ours["recall@5"], baseline["recall@5"]),
        "mrr_ratio": ratio(ours["mrr"], baseline["mrr"]),
        "p50_speedup": ratio(baseline["p50_ms"], ours["p50_ms"]),
        "p95_speedup": ratio(baseline["p95_ms"], ours["p95_ms"]),
        "throughput_ratio": ratio(ours["throughput_per_s"], baseline["throughput_per_s"]),
    }
