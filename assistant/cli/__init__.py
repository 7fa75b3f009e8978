"""`buergerassistent`: the command line of the design (index, search, ask, redact, serve, db, eval, bench, corpus).

Each command group lives in its own module and registers itself here; heavy libraries are imported inside the
commands so `--help` stays fast.
"""

from __future__ import annotations

import logging

import typer

from assistant.cli import answer_cmds, corpus_cmds, db_cmds, eval_cmds, guard_cmds, search_cmds, serve_cmds

app = typer.Typer(help="Bürgerassistent Krefeld: KI-Assistent für die Bürgerservices der Stadt Krefeld.",
                  no_args_is_help=True, add_completion=False)

for module in (corpus_cmds, search_cmds, answer_cmds, guard_cmds, serve_cmds, db_cmds, eval_cmds):
    module.register(app)


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging.")) -> None:
    from assistant.settings import get_settings

    level = logging.DEBUG if verbose else getattr(logging, get_settings().log_level.upper(), logging.INFO)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def main() -> None:
    app()
