"""Commands: redact (placeholders until issue #5 lands)."""

from __future__ import annotations

import typer

from assistant.cli.common import not_available


def register(app: typer.Typer) -> None:
    @app.command("redact", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _redact() -> None:
        """Not available yet (issue #5)."""
        not_available("redact", 5)

