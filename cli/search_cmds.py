"""`buergerassistent index [--rebuild]` and `search QUERY [--k N] [--json] [--kind ...]` / `search --jsonl`."""

from __future__ import annotations

from typing import Optional

import typer

from cli.common import emit_json, read_lines


def _results(retrieval) -> list[dict]:
    return [{"id": p.doc_id, "title": p.title, "score": p.score, "section": p.section, "snippet": p.snippet,
             "url": p.url} for p in retrieval.passages]


def register(app: typer.Typer) -> None:
    @app.command("index")
    def index(rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild even if the index is current.")) -> None:
        """Build the search index, or reuse it when corpus and settings are unchanged."""
        import json
        import time

        from assistant.settings import get_settings
        from assistant.wiring import build_retriever
        from retrieval.persistence import read_manifest

        import os

        from assistant.build import build_composer

        settings = get_settings()
        # An index build is a batch job: the embedder may use every core (a served query uses embedder_threads).
        settings = settings.model_copy(deep=True)
        settings.retrieval.embedder_threads = max(settings.retrieval.embedder_threads, os.cpu_count() or 1)
        started = time.perf_counter()
        retriever = build_retriever(settings, rebuild=rebuild, progress=None)
        sentences = build_composer(settings, retriever).warm_up(progress=None)
        manifest = read_manifest(settings.retrieval.index_path)
        typer.echo(json.dumps({"index": str(settings.retrieval.index_path), "documents": len(retriever.documents),
                               "chunks": len(retriever.chunks), "sentences": sentences,
                               "created_at": manifest["created_at"],
                               "seconds": round(time.perf_counter() - started, 2)}, ensure_ascii=False))

    @app.command("search")
    def search(query: Optional[str] = typer.Argument(None, help="The question; omit with --jsonl."),
               k: int = typer.Option(5, "--k", min=1, max=50, help="Number of documents."),
               as_json: bool = typer.Option(False, "--json", help="One JSON object."),
               jsonl: bool = typer.Option(False, "--jsonl", help="Read one query per line from stdin."),
               kind: Optional[list[str]] = typer.Option(None, "--kind", help="Only this kind (repeatable)."),
               id_prefix: Optional[str] = typer.Option(None, "--id-prefix", help="Only ids with this prefix.")
               ) -> None:
        """Search the corpus: ranked documents with section, snippet and score."""
        from assistant.settings import get_settings
        from assistant.wiring import build_retriever

        if jsonl == bool(query):
            typer.echo("give a QUERY, or --jsonl with queries on stdin (not both)", err=True)
            raise typer.Exit(code=2)
        filters = {key: v for key, v in (("kind", kind), ("id_prefix", id_prefix)) if v} or None
        retriever = build_retriever(get_settings())
        if jsonl:
            for line in read_lines():
                emit_json({"query": line, "results": _results(retriever.retrieve(line, top_k=k, filters=filters))})
            return
        result = retriever.retrieve(query, top_k=k, filters=filters)
        if as_json:
            emit_json({"query": query, "results": _results(result)})
            return
        typer.echo(f"confidence {result.confidence:.2f} ({'confident' if result.confident else 'not confident'})")
        for i, p in enumerate(result.passages, 1):
            typer.echo(f"{i}. {p.title} [{p.doc_id}] score {p.score:.4f} – {p.section}\n   {p.snippet}")
