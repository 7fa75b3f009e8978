"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterator

import typer


def not_available(what: str, issue: int) -> None:
    """Exit non-zero for a command whose implementation has not landed yet."""
    typer.echo(f"'{what}' is not available yet: it lands with issue #{issue}.", err=True)
    raise typer.Exit(code=2)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def read_lines() -> Iterator[str]:
    for line in sys.stdin:
        line = line.strip()
        if line:
            yield line
