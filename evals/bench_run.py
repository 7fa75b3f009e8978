"""`buergerassistent bench`: run the chosen benchmarks (retrieval, answer, api) and render them as a table.

Peak RSS is the process peak so far (ru_maxrss), so parts run in the order retrieval → baseline → answer → api and
each part's number includes what the earlier parts loaded; the baseline's own footprint is its RSS growth.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

from evals import bench
from evals.environment import describe_configuration
from evals.runner import Context

PARTS = ("retrieval", "answer", "api")


def run(ctx: Context, parts: Sequence[str], baseline: bool = False, concurrency: int = 4) -> dict[str, Any]:
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown bench part(s) {sorted(unknown)}; valid: {list(PARTS)}")
    parts = [p for p in PARTS if p in (parts or PARTS)]
    if baseline and "retrieval" not in parts:
        parts.insert(0, "retrieval")
    results: dict[str, Any] = {"meta": {"timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                        "target": ctx.target, "parts": parts, "limit": ctx.limit},
                               "config": describe_configuration(ctx), "results": {}}
    out = results["results"]
    questions = [row["question"] for row in ctx.rows("answers")]
    if "retrieval" in parts:
        rows = ctx.rows("retrieval")
        retriever = _retriever(ctx, parts)
        out["retrieval"] = _bench_retrieval(ctx, retriever, rows)
        if baseline:
            out["baseline"] = _bench_baseline(ctx, retriever, rows)
            out["retrieval_vs_baseline"] = bench.side_by_side(out["retrieval"], out["baseline"])
    if "answer" in parts:
        if ctx.url:
            out["answer"] = bench.bench_api(ctx.client.ask, questions, concurrency=1,
                                            progress=lambda it: ctx.progress(it, "answer"))
        else:
            out["answer"] = bench.bench_answer(ctx.assistant, questions,
                                               progress=lambda it: ctx.progress(it, "answer"))
    if "api" in parts:
        with _api_url(ctx) as url:
            from evals.http_client import HttpAssistantClient

            client = HttpAssistantClient(url, api_key=ctx.api_key)
            out["api"] = bench.bench_api(client.ask, questions, concurrency=concurrency,
                                         progress=lambda it: ctx.progress(it, "api"))
            out["api"]["url"] = url
            client.close()
    if ctx.url:  # the deployment's memory is not visible from here; ru_maxrss would be the client's
        for part in out.values():
            if "p50_ms" in part:
                part["peak_rss_mb"] = None
    return results


def _retriever(ctx: Context, parts: Sequence[str]) -> Any:
    if ctx.url:
        return None
    if ctx._assistant is not None or "answer" in parts or "api" in parts:
        return ctx.assistant.retriever
    from assistant.wiring import build_retriever

    return build_retriever(ctx.settings)  # retrieval alone: no guardrail models in memory


def _bench_retrieval(ctx: Context, retriever: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    progress = lambda it: ctx.progress(it, "retrieval")  # noqa: E731
    if retriever is None:
        result = bench.measure(lambda row: [r["id"] for r in ctx.client.search(row["query"], k=10)], rows,
                               progress=progress)
        result.update(bench.ranking_quality(result.pop("_outputs"), rows))
        return result
    if hasattr(retriever, "warm_up"):
        retriever.warm_up()
    return bench.bench_retrieval(retriever, rows, progress=progress)


def _bench_baseline(ctx: Context, retriever: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The stock LangChain FAISS store over the same chunk texts the dense index embeds."""
    from retrieval.embedders import resolve_model_dir
    from retrieval.indexing import dense_text

    if retriever is None or not hasattr(retriever, "chunks"):
        raise ValueError("--baseline needs the in-process retriever (its chunks); it cannot run against --url")
    chunks = retriever.chunks
    base = bench.LangChainFaissBaseline([dense_text(c) for c in chunks], [c.doc_id for c in chunks],
                                        resolve_model_dir(ctx.settings.retrieval.embedder_model)).build()
    result = bench.measure(lambda row: base.ranking(row["query"]), rows,
                           progress=lambda it: ctx.progress(it, "baseline"))
    result.update(bench.ranking_quality(result.pop("_outputs"), rows))
    result.update({"what": "langchain_community FAISS + HuggingFaceEmbeddings (same model, same chunk texts)",
                   "chunks": len(chunks), "build_s": base.build_s, "rss_growth_mb": base.rss_growth_mb})
    return result


@contextmanager
def _api_url(ctx: Context) -> Iterator[str]:
    """The deployment (--url), or this process's assistant served by uvicorn on a free local port."""
    if ctx.url:
        yield ctx.url
        return
    import uvicorn

    from api.app import create_app
    from api.server import uvicorn_options

    # The bench measures the service, not its rate limiter.
    api = ctx.settings.api.model_copy(update={"rate_limit_per_minute": 10**9, "rate_limit_burst": 10**9})
    app = create_app(ctx.settings.model_copy(update={"api": api}), ctx.assistant)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound here and handed to uvicorn: no race for the port
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", **uvicorn_options(api)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="bench-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server for the bench did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def render(results: dict[str, Any]) -> str:
    """One line per part: n, throughput, p50/p95/p99, peak RSS, and recall@5/MRR where measured."""
    lines = [f"{'part':<10} {'n':>5} {'q/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'peak MB':>8} "
             f"{'R@5':>6} {'MRR':>6}"]
    for name, r in results["results"].items():
        if "p50_ms" not in r:
            continue
        quality = f"{r['recall@5']:>6.3f} {r['mrr']:>6.3f}" if "mrr" in r else f"{'':>6} {'':>6}"
        peak = f"{r['peak_rss_mb']:>8.0f}" if r.get("peak_rss_mb") is not None else f"{'–':>8}"
        lines.append(f"{name:<10} {r['n']:>5} {r['throughput_per_s'] or 0:>8.1f} {r['p50_ms']:>8.1f} "
                     f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {peak} {quality}")
    ratios = results["results"].get("retrieval_vs_baseline")
    if ratios:
        base = results["results"]["baseline"]
        lines.append(f"\nbaseline: {base['what']}; index build {base['build_s']} s, "
                     f"RSS growth {base['rss_growth_mb']} MB")
        lines.append("ours / baseline: " + ", ".join(f"{k} {v}" for k, v in ratios.items()))
    return "\n".join(lines)
