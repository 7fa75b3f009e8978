"""`buergerassistent ask QUESTION [--json]` and `ask --jsonl` (one question or {"session", "message"} per line)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from cli.common import emit_json, read_lines


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask(question: Optional[str] = typer.Argument(None, help="The question, in German."),
            as_json: bool = typer.Option(False, "--json", help="Print the chat response object."),
            jsonl: bool = typer.Option(False, "--jsonl", help="Read questions from stdin, one per line."),
            session: Optional[str] = typer.Option(None, help="Continue this session id.")) -> None:
        """Answer a question the way the chat does (guardrails, retrieval, answer, checks)."""
        from assistant.build import build_assistant
        from assistant.messages import message
        from assistant.settings import get_settings
        from corpus.errors import InputError

        if not jsonl and not question:
            typer.echo("Give a QUESTION or use --jsonl with questions on stdin.", err=True)
            raise typer.Exit(code=2)
        assistant = build_assistant(get_settings())
        if not jsonl:
            answer = assistant.answer(question, session_id=session)
            if as_json:
                emit_json(answer.to_response())
            else:
                _print_human(answer)
            return
        sessions: dict[str, str] = {}  # caller's session label -> our session id
        for line in read_lines():
            label, text = None, line
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                    label, text = obj.get("session"), str(obj.get("message", ""))
                except json.JSONDecodeError:
                    emit_json({"error": {"code": "bad_json", "message": message("error_bad_json")}})
                    continue
            try:
                answer = assistant.answer(text, session_id=sessions.get(label) if label else None)
            except InputError as exc:
                emit_json({"error": {"code": type(exc).__name__, "message": message("error_validation",
                                                                                     detail=type(exc).__name__)}})
                continue
            if label:
                sessions[label] = answer.session_id
            emit_json(answer.to_response())


def _print_human(answer) -> None:
    if answer.notice:
        typer.echo(f"({answer.notice})\n")
    typer.echo(answer.text)
    for n, s in enumerate(answer.sources, start=1):
        typer.echo(f"[{n}] {s.title} — {s.section}: {s.url}")
    typer.echo(f"\n[{answer.action}{'/' + answer.rule if answer.rule else ''} · {answer.mode} · "
               f"session {answer.session_id}]")
