"""`buergerassistent db migrate`: apply the SQL migrations to the PostgreSQL database at BA_POSTGRES__URL.

Replicas apply them at start-up too (BA_POSTGRES__MIGRATE_ON_START); a deployment that prefers one explicit step
runs this once before starting them (deploy/compose.yaml does) and switches that off.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    db = typer.Typer(help="PostgreSQL for feedback and the audit log (several replicas).", no_args_is_help=True)
    app.add_typer(db, name="db")

    @db.command("migrate")
    def migrate_cmd(url: str = typer.Option(None, help="Database URL (default: BA_POSTGRES__URL).")) -> None:
        """Apply the pending migrations (assistant/migrations/*.sql), each once, in one transaction."""
        from assistant.migrate import migrate
        from assistant.postgres import PostgresDatabase
        from assistant.settings import get_settings

        pg = get_settings().postgres
        url = url or pg.url
        if not url:
            typer.echo("BA_POSTGRES__URL is not set (e.g. postgresql://ba@127.0.0.1:5432/ba); nothing to migrate.",
                       err=True)
            raise typer.Exit(code=2)
        database = PostgresDatabase(url, min_size=0, max_size=1, timeout_s=pg.connect_timeout_s, migrate=False,
                                    name="ba-migrate")
        try:
            with database.connection() as conn:
                applied = migrate(conn)
        finally:
            database.close()
        typer.echo(f"applied: {', '.join(applied)}" if applied else "schema up to date")
