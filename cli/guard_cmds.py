"""Commands: redact (German PII -> typed placeholders)."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from cli.common import emit_json, read_lines


def _text_of(line: str) -> str:
    """A JSONL line may be a JSON string, an object with "text", or plain text."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return line
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    return line


def register(app: typer.Typer) -> None:
    @app.command("redact")
    def _redact(
        text: Optional[str] = typer.Argument(None, help="Text to redact; read from stdin when omitted."),
        jsonl: bool = typer.Option(False, "--jsonl", help="One text per stdin line, one JSON object per line."),
    ) -> None:
        """Replace personal data with placeholders; writes {"text", "entities": [{"type", "start", "end"}]}."""
        from guardrails.pii import PresidioRedactor

        redactor = PresidioRedactor()
        redactor.load()

        def emit(value: str) -> None:
            redacted, found = redactor.redact(value)
            emit_json({"text": redacted,
                       "entities": [{"type": r.type, "start": r.start, "end": r.end} for r in found]})

        if jsonl:
            if text is not None:
                emit(text)
            for line in read_lines():
                emit(_text_of(line))
            return
        emit(text if text is not None else sys.stdin.read())
