"""Commands: index search (placeholders until issue #3 lands)."""

from __future__ import annotations

import typer

from assistant.cli.common import not_available


def register(app: typer.Typer) -> None:
    @app.command("index", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _index() -> None:
        """Not available yet (issue #3)."""
        not_available("index", 3)

    @app.command("search", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _search() -> None:
        """Not available yet (issue #3)."""
        not_available("search", 3)

