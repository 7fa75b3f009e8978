"""SQL migrations for PostgreSQL: numbered files in assistant/migrations/, each applied once, in order.

`NNNN_name.sql` files are applied in the order of their numbers and recorded in `schema_migrations` with a checksum.
All pending ones run in one transaction under an advisory lock, so replicas that start together apply them once
(the others wait, then find nothing to do), and a failing migration leaves the schema as it was. A migration that
was changed after it was applied is refused: add a new one instead. Run at start-up (`BA_POSTGRES__MIGRATE_ON_START`)
or by `buergerassistent db migrate`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ConfigurationError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = 4_242_001  # pg_advisory_xact_lock key of this project's migrations
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `directory`, by version; a file named otherwise or a version used twice is an error."""
    found: dict[str, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise ConfigurationError(f"migration file names must look like 0003_add_column.sql, got {path.name}")
        if m.group(1) in found:
            raise ConfigurationError(f"migration version {m.group(1)} is used twice: {found[m.group(1)].name}, "
                                     f"{path.name}")
        found[m.group(1)] = Migration(m.group(1), path.name, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def migrate(conn: Any, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the pending migrations over a psycopg connection; returns the names applied (empty: up to date)."""
    migrations = load_migrations() if migrations is None else migrations
    applied: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, "
                     "checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        done = dict(conn.execute("SELECT version, checksum FROM schema_migrations").fetchall())
        for m in migrations:
            if m.version in done:
                if done[m.version] != m.checksum:
                    raise ConfigurationError(f"migration {m.name} was changed after it was applied (checksum "
                                             f"differs); restore it and add a new migration for the change")
                continue
            conn.execute(m.sql)
            conn.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                         (m.version, m.name, m.checksum))
            applied.append(m.name)
    return applied
