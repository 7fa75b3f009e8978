"""A small psycopg 3 connection pool to PostgreSQL that never blocks start-up and names the server when it is away.

The pool opens without waiting for the server, so a replica starts (and answers citizens) while the database is
down; it connects in the background and again after the server restarted. Connections are checked before use, so
one broken by a database restart is replaced instead of failing a request. Every failure to reach the server comes
out of `connection()` as `BackendUnavailable`, whose message names the server (never its password) and the setting
to check. The schema migrations (assistant/migrate.py) run once per process before the first use.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Any, Iterator

from assistant.server_url import safe_url
from corpus.errors import BackendUnavailable

log = logging.getLogger(__name__)
# While the server is down the pool logs a multi-line warning for every reconnection attempt; the feedback router
# and the audit writer say it once each, with the server and the setting to check.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)


class PostgresDatabase:
    def __init__(self, url: str, min_size: int = 1, max_size: int = 4, timeout_s: float = 3.0,
                 migrate: bool = True, name: str = "buergerassistent") -> None:
        if max_size < max(1, min_size):
            raise ValueError(f"max_size must be >= max(1, min_size), got {max_size} (min_size {min_size})")
        self.url, self.min_size, self.max_size, self.timeout_s = url, min_size, max_size, timeout_s
        self.migrate, self.name = migrate, name
        self.where = safe_url(url)
        self._pool: Any = None
        self._schema_ready = not migrate
        self._schema_lock = threading.Lock()
        self._pool_lock = threading.Lock()

    def open(self) -> None:
        """Start the pool and apply the migrations; an unreachable server is logged (they run on first use)."""
        try:
            self.ensure_schema()
        except BackendUnavailable as exc:
            log.error("%s; the API starts anyway, the schema is checked again on first use", exc)

    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        from assistant.migrate import migrate

        with self._schema_lock:
            if self._schema_ready:
                return
            with self._connection() as conn:
                applied = migrate(conn)
            self._schema_ready = True
        log.info("PostgreSQL at %s: %s", self.where,
                 f"applied migrations {', '.join(applied)}" if applied else "schema up to date")

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """A pooled connection inside a transaction (committed at the end of the block, rolled back on error)."""
        self.ensure_schema()
        with self._connection() as conn:
            yield conn

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self._get_pool().connection(timeout=self.timeout_s) as conn:
                yield conn
        except (PoolTimeout, psycopg.OperationalError) as exc:
            raise BackendUnavailable(f"PostgreSQL at {self.where} unreachable ({type(exc).__name__}); check "
                                     f"BA_POSTGRES__URL and that the database runs") from exc

    def _get_pool(self) -> Any:
        with self._pool_lock:
            if self._pool is None:
                from psycopg_pool import ConnectionPool

                self._pool = ConnectionPool(
                    self.url, min_size=self.min_size, max_size=self.max_size, timeout=self.timeout_s,
                    name=self.name, open=False, check=ConnectionPool.check_connection,
                    kwargs={"connect_timeout": max(1, round(self.timeout_s)), "application_name": self.name})
                self._pool.open(wait=False)
        return self._pool

    def close(self) -> None:
        """Close the pool; a later `connection()` opens a new one."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
