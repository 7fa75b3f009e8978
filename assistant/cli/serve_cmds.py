"""Commands: serve (placeholders until issue #6 lands)."""

from __future__ import annotations

import typer

from assistant.cli.common import not_available


def register(app: typer.Typer) -> None:
    @app.command("serve", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _serve() -> None:
        """Not available yet (issue #6)."""
        not_available("serve", 6)

