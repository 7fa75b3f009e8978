"""Commands: eval bench (placeholders until issue #7 lands)."""

from __future__ import annotations

import typer

from assistant.cli.common import not_available


def register(app: typer.Typer) -> None:
    @app.command("eval", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _eval() -> None:
        """Not available yet (issue #7)."""
        not_available("eval", 7)

    @app.command("bench", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _bench() -> None:
        """Not available yet (issue #7)."""
        not_available("bench", 7)

