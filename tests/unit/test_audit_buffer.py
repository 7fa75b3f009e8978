"""BufferedAuditSink: records wait in order while the store is away, are written once it is back, and a full buffer
drops (and counts) the newest instead of blocking an answer."""

from __future__ import annotations

import threading

from corpus.errors import BackendUnavailable
from guardrails.audit import AuditLog
from guardrails.audit_buffer import BufferedAuditSink


class FlakyWriter:
    """A BatchWriter fake: raises BackendUnavailable while `down` is set, else keeps what it was given."""

    name = "FakeDB"

    def __init__(self, down: bool = False) -> None:
        self.down = threading.Event()
        if down:
            self.down.set()
        self.rows: list[tuple[str, dict]] = []
        self.attempts = 0
        self.closed = False

    def write(self, records):
        self.attempts += 1
        if self.down.is_set():
            raise BackendUnavailable("FakeDB unreachable (ConnectionRefused)")
        self.rows.extend(records)

    def close(self):
        self.closed = True


def test_records_are_written_in_order_with_distinct_ids():
    writer = FlakyWriter()
    log = AuditLog(BufferedAuditSink(writer, batch_size=3), salt="s")
    for i in range(10):
        log.record(session_id="s1", rule=None, action="answer", latency_ms=float(i))
    assert log.sink.flush(5)
    assert [e["latency_ms"] for _, e in writer.rows] == [float(i) for i in range(10)]
    assert len({rid for rid, _ in writer.rows}) == 10


def test_an_outage_keeps_records_in_order_and_they_follow_once_the_store_is_back(caplog):
    caplog.set_level("INFO")
    writer = FlakyWriter(down=True)
    sink = BufferedAuditSink(writer, retry_s=0.01, max_retry_s=0.02)
    seen = []
    sink.listen(seen.append, lambda: None)
    for i in range(5):
        sink.write({"n": i})
    assert not sink.flush(0.2) and sink.buffered == 5 and writer.attempts > 1 and writer.rows == []
    assert "FakeDB unreachable" in caplog.text and caplog.text.count("keeping records in memory") == 1
    writer.down.clear()
    assert sink.flush(5)
    assert [e["n"] for _, e in writer.rows] == [0, 1, 2, 3, 4]
    assert "reachable again; writing the 5 records that waited" in caplog.text
    assert seen[-1] == 0 and max(seen) == 5


def test_a_full_buffer_drops_the_newest_and_counts_them():
    writer = FlakyWriter(down=True)
    sink = BufferedAuditSink(writer, max_records=3, retry_s=0.01, max_retry_s=0.02)
    drops = []
    sink.listen(lambda n: None, lambda: drops.append(1))
    for i in range(5):
        sink.write({"n": i})
    assert sink.buffered == 3 and sink.dropped == 2 and len(drops) == 2
    writer.down.clear()
    assert sink.flush(5)
    assert [e["n"] for _, e in writer.rows] == [0, 1, 2]  # an unbroken prefix of what happened


def test_a_batch_the_store_refuses_for_good_is_dropped_not_retried_forever():
    class Refusing(FlakyWriter):
        def write(self, records):
            if any(e.get("bad") for _, e in records):
                raise ValueError("value out of range")
            super().write(records)

    writer = Refusing()
    sink = BufferedAuditSink(writer, batch_size=1)
    sink.write({"bad": True})
    sink.write({"n": 1})
    assert sink.flush(5)
    assert [e for _, e in writer.rows] == [{"n": 1}] and sink.dropped == 1


def test_close_writes_what_waits_and_a_later_record_starts_again():
    writer = FlakyWriter()
    sink = BufferedAuditSink(writer)
    sink.write({"n": 1})
    sink.close()
    assert [e["n"] for _, e in writer.rows] == [1] and writer.closed
    sink.write({"n": 2})
    assert sink.flush(5) and [e["n"] for _, e in writer.rows] == [1, 2]


def test_close_during_an_outage_reports_what_is_left(caplog):
    writer = FlakyWriter(down=True)
    sink = BufferedAuditSink(writer, retry_s=0.01, max_retry_s=0.02)
    sink.write({"n": 1})
    sink.close(timeout_s=0.1)
    assert "audit log: 1 records not written at shutdown (FakeDB unreachable)" in caplog.text
