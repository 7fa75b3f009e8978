"""`buergerassistent`: the command line (index, search, ask, redact, serve, db, eval, bench, corpus).

The top layer (docs/architecture.md): it may import `api`, `evals`, `assistant` and the packages below; nothing
imports it. Each command group lives in its own module and registers itself here; each command imports what it
needs inside, so `--help` stays fast and `search` never loads the guardrails.
"""

from __future__ import annotations

import logging

import typer

from cli import answer_cmds, corpus_cmds, db_cmds, eval_cmds, guard_cmds, search_cmds, serve_cmds

app = typer.Typer(help="Bürgerassistent: KI-Assistent für die Bürgerservices einer Stadt (Stadtprofil: "
                       "BA_CITY__PROFILE, Standard: Krefeld).",
                  no_args_is_help=True, add_completion=False)

for module in (corpus_cmds, search_cmds, answer_cmds, guard_cmds, serve_cmds, db_cmds, eval_cmds):
    module.register(app)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging.")) -> None:
    from assistant.logs import setup_logging
    from assistant.settings import get_settings
    from corpus.city import select_profile

    settings = get_settings()
    setup_logging(logging.DEBUG if verbose else settings.log_level)
    select_profile(settings.city.profile)  # read when a command first needs the city (texts, PII, checks)


def main() -> None:
    app()
