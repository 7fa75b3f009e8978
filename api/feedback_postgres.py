"""Citizen feedback in PostgreSQL (table `feedback`, assistant/migrations/0001_feedback.sql), shared by replicas.

The same rows as the SQLite store. While the database is unreachable `add` raises `BackendUnavailable`; the router
answers 503 with a German message, so the citizen sees the feedback was not taken, and nothing is dropped silently.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from api.feedback_store import FeedbackRow, session_hash


class PostgresFeedbackStore:
    """Implements `FeedbackStore`; `db` is an `assistant.postgres.PostgresDatabase`."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def open(self) -> None:
        self.db.open()

    def close(self) -> None:
        self.db.close()

    def add(self, session_id: str, rating: int, comment: str | None) -> int:
        if rating not in (-1, 1):
            raise ValueError(f"rating must be -1 or 1, got {rating}")
        with self.db.connection() as conn:
            (row_id,) = conn.execute("INSERT INTO feedback (session_hash, rating, comment) VALUES (%s, %s, %s) "
                                     "RETURNING id", (session_hash(session_id), rating, comment)).fetchone()
        return int(row_id)

    def recent(self, limit: int = 100) -> list[FeedbackRow]:
        with self.db.connection() as conn:
            rows = conn.execute("SELECT id, ts, session_hash, rating, comment FROM feedback ORDER BY id DESC "
                                "LIMIT %s", (limit,)).fetchall()
        return [FeedbackRow(r[0], r[1].astimezone(timezone.utc).isoformat(timespec="seconds"), r[2], r[3], r[4]) for r in rows]

    def summary(self) -> dict[str, int]:
        with self.db.connection() as conn:
            counts = dict(conn.execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating").fetchall())
        return {"up": counts.get(1, 0), "down": counts.get(-1, 0)}
