-- Citizens' thumbs up/down (POST /api/v1/feedback), as the SQLite store keeps them (api/feedback_store.py):
-- a hash of the session id, never the id; the comment only after redaction.
CREATE TABLE feedback (
    id BIGSERIAL PRIMARY KEY,
    ts TIMESTAMPTZ NOT NULL DEFAULT now(),
    session_hash TEXT NOT NULL,
    rating SMALLINT NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT
);
CREATE INDEX feedback_ts ON feedback (ts);
