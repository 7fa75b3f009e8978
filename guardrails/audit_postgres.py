"""Audit records in PostgreSQL (table `audit_records`, assistant/migrations/0002_audit_records.sql).

One row per answered turn with the same fields as the JSON lines: the contract fields in columns (so staff can
query them), the redaction counts and any further fields as JSONB. Records come in batches from the buffer
(guardrails/audit_buffer.py); `record_id` is unique, so a batch written again after a lost commit adds nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from guardrails.audit import KNOWN_FIELDS
from guardrails.audit_buffer import Record

INSERT = """INSERT INTO audit_records (record_id, ts, session, rule, action, backend, mode, latency_ms,
                                      fallback_reason, redactions, extra)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (record_id) DO NOTHING"""
COLUMNS = ("ts", "session", "redactions", *KNOWN_FIELDS)


class PostgresAuditWriter:
    """Implements `BatchWriter`; `db` is an `assistant.postgres.PostgresDatabase` (a pool whose `connection()`
    raises `BackendUnavailable` while the server is unreachable)."""

    name = "PostgreSQL"

    def __init__(self, db: Any) -> None:
        self.db = db

    def write(self, records: list[Record]) -> None:
        from psycopg.types.json import Jsonb

        rows = []
        for record_id, entry in records:
            extra = {k: v for k, v in entry.items() if k not in COLUMNS}
            latency = entry.get("latency_ms")
            rows.append((record_id, datetime.fromisoformat(entry["ts"]), entry.get("session"), entry.get("rule"),
                         entry.get("action"), entry.get("backend"), entry.get("mode"),
                         float(latency) if latency is not None else None, entry.get("fallback_reason"),
                         Jsonb(entry.get("redactions") or {}), Jsonb(extra)))
        with self.db.connection() as conn, conn.cursor() as cur:
            cur.executemany(INSERT, rows)

    def close(self) -> None:
        self.db.close()
