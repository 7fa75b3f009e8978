"""Commands: ask (placeholders until issue #4 lands)."""

from __future__ import annotations

import typer

from assistant.cli.common import not_available


def register(app: typer.Typer) -> None:
    @app.command("ask", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _ask() -> None:
        """Not available yet (issue #4)."""
        not_available("ask", 4)

