"""A session store in one SQLite file, shared by the worker processes of one machine.

`buergerassistent serve` with several workers (`BA_API__WORKERS=2`) needs it: a citizen's follow-up may reach
another process than the first question did. Only what `Session` holds is stored, i.e. redacted questions, the
topic's document id and title, and counters; never raw input. Expiry uses wall-clock time (shared by the
processes); expired and surplus sessions are pruned now and then on write. Several machines would use a Redis
store with the same two methods.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from assistant.sessions import Session

PRUNE_EVERY = 200  # writes between prunes


class SqliteSessionStore:
    """Implements `SessionStore` over a WAL-mode SQLite database (one connection per thread)."""

    def __init__(self, path: Path, ttl_s: float = 1800, max_sessions: int = 10_000,
                 clock: Callable[[], float] = time.time) -> None:
        if ttl_s <= 0:
            raise ValueError(f"ttl_s must be > 0, got {ttl_s}")
        self.path = Path(path)
        self.ttl_s, self.max_sessions, self.clock = ttl_s, max_sessions, clock
        self._local = threading.local()
        self._writes = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                         "updated REAL NOT NULL)")
            conn.execute("CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated)")

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=10.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # a lost session on power failure is acceptable
            self._local.conn = conn
        return conn

    def get(self, session_id: str) -> Session | None:
        row = self._connect().execute("SELECT data, updated FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None or self.clock() - row[1] > self.ttl_s:
            return None
        fields = json.loads(row[0])
        return Session(**{**fields, "updated": row[1]})

    def put(self, session: Session) -> None:
        session.updated = self.clock()
        data = json.dumps({k: v for k, v in asdict(session).items() if k != "updated"}, ensure_ascii=False)
        conn = self._connect()
        conn.execute("INSERT INTO sessions (id, data, updated) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                     "data = excluded.data, updated = excluded.updated", (session.id, data, session.updated))
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self.prune()

    def prune(self) -> None:
        """Drop expired sessions, then the least recently used beyond `max_sessions`."""
        conn = self._connect()
        conn.execute("DELETE FROM sessions WHERE updated < ?", (self.clock() - self.ttl_s,))
        conn.execute("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY updated DESC "
                     "LIMIT -1 OFFSET ?)", (self.max_sessions,))

    def __len__(self) -> int:
        return self._connect().execute("SELECT COUNT(*) FROM sessions WHERE updated >= ?",
                                       (self.clock() - self.ttl_s,)).fetchone()[0]
