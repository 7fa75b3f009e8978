"""Citizen feedback: one row per thumbs up/down, without raw personal data; in SQLite on one machine.

A row holds the time, a hash of the session id (feedback of one conversation can be grouped, the session itself
cannot be resumed from it), the rating and the comment *after* redaction. GDPR data minimisation: a comment that
cannot be redacted is not stored at all. Several replicas share PostgreSQL instead (api/feedback_postgres.py), behind
the same `FeedbackStore` protocol.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    session_hash TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT
);
CREATE INDEX IF NOT EXISTS feedback_ts ON feedback (ts);
"""


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    ts: str
    session_hash: str
    rating: int
    comment: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ts": self.ts, "session_hash": self.session_hash,
                "rating": "up" if self.rating > 0 else "down", "comment": self.comment}


class FeedbackStore(Protocol):
    def open(self) -> None:
        """Prepare the store (schema); called once at app start."""
        ...

    def close(self) -> None: ...

    def add(self, session_id: str, rating: int, comment: str | None) -> int:
        """Store one redacted row and return its id; `BackendUnavailable` when the database cannot be reached."""
        ...

    def recent(self, limit: int = 100) -> list["FeedbackRow"]: ...

    def summary(self) -> dict[str, int]: ...


class SqliteFeedbackStore:
    """A real database file; the schema is created by `open()` (called at app start)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def open(self) -> None:
        if self._conn is not None:
            return
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        self._conn = conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def add(self, session_id: str, rating: int, comment: str | None) -> int:
        """Store one redacted feedback row and return its id."""
        if rating not in (-1, 1):
            raise ValueError(f"rating must be -1 or 1, got {rating}")
        ts = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            cur = self._connection().execute(
                "INSERT INTO feedback (ts, session_hash, rating, comment) VALUES (?, ?, ?, ?)",
                (ts, session_hash(session_id), rating, comment))
            return int(cur.lastrowid)

    def recent(self, limit: int = 100) -> list[FeedbackRow]:
        with self._lock:
            rows = self._connection().execute(
                "SELECT id, ts, session_hash, rating, comment FROM feedback ORDER BY id DESC LIMIT ?",
                (limit,)).fetchall()
        return [FeedbackRow(*row) for row in rows]

    def summary(self) -> dict[str, int]:
        with self._lock:
            rows = self._connection().execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating").fetchall()
        counts = dict(rows)
        return {"up": counts.get(1, 0), "down": counts.get(-1, 0)}

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("feedback store is not open; call open() first (the app does at start)")
        return self._conn


def session_hash(session_id: str) -> str:
    return hashlib.sha256(("feedback:" + session_id).encode("utf-8")).hexdigest()[:16]
