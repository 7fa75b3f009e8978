-- The audit log of every answered turn (guardrails/audit.py): what was decided, never what was said.
-- record_id is drawn by the replica that answered; a batch it writes again after a lost commit adds nothing.
CREATE TABLE audit_records (
    id BIGSERIAL PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    ts TIMESTAMPTZ NOT NULL,
    session TEXT,
    rule TEXT,
    action TEXT,
    backend TEXT,
    mode TEXT,
    latency_ms DOUBLE PRECISION,
    fallback_reason TEXT,
    redactions JSONB NOT NULL DEFAULT '{}',
    extra JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_records_ts ON audit_records (ts);
CREATE INDEX audit_records_session ON audit_records (session);
