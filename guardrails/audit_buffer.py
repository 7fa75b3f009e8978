"""A bounded, ordered buffer in front of an audit store that can be away (PostgreSQL behind the network).

Answering a citizen never waits for the database: `write` puts the record in a queue and returns; one thread writes
the queue in batches, oldest first. While the store is unreachable the records stay queued, in order, and the thread
retries with a growing pause (0.5 s up to 5 s); once the store answers again everything queued is written, and the
log says so. The queue is bounded (`max_records`): a record that finds it full is dropped and counted, never the
ones already waiting, so what reaches the database is an unbroken prefix of what happened, plus the log line and
counter that say how many records came after it and were lost. Every record carries an id, so a batch written twice
(connection lost after the commit) is stored once.

Listeners (the API's Prometheus metrics) learn the queue length and every drop: `ba_audit_buffered`,
`ba_audit_dropped_total`.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from itertools import islice
from typing import Any, Callable, Protocol

from corpus.errors import BackendUnavailable

log = logging.getLogger(__name__)

Record = tuple[str, dict[str, Any]]  # (record id, audit entry)


class BatchWriter(Protocol):
    name: str

    def write(self, records: list[Record]) -> None:
        """Store all records or raise; `BackendUnavailable` means: try the same batch again later."""
        ...

    def close(self) -> None:
        """Release connections; a later `write` opens them again."""
        ...


class BufferedAuditSink:
    """Implements `AuditSink` (guardrails/audit.py) in front of a `BatchWriter`."""

    def __init__(self, writer: BatchWriter, max_records: int = 10_000, batch_size: int = 200,
                 retry_s: float = 0.5, max_retry_s: float = 5.0) -> None:
        if max_records <= 0:
            raise ValueError(f"max_records must be > 0, got {max_records}")
        self.writer, self.max_records, self.batch_size = writer, max_records, batch_size
        self.retry_s, self.max_retry_s = retry_s, max_retry_s
        self.dropped = 0
        self._queue: deque[Record] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._failing = False
        self._listeners: list[tuple[Callable[[int], None], Callable[[], None]]] = []

    def listen(self, on_buffered: Callable[[int], None], on_dropped: Callable[[], None]) -> None:
        """Call `on_buffered(queue length)` whenever it changes and `on_dropped()` for every dropped record."""
        self._listeners.append((on_buffered, on_dropped))
        on_buffered(self.buffered)

    @property
    def buffered(self) -> int:
        return len(self._queue)

    def write(self, entry: dict[str, Any]) -> None:
        with self._cond:
            full = len(self._queue) >= self.max_records
            if full:
                self.dropped += 1
            else:
                self._queue.append((uuid.uuid4().hex, entry))
                self._start()
                self._cond.notify_all()
            queued, dropped = len(self._queue), self.dropped
        if full:
            if dropped == 1 or dropped % 1000 == 0:
                log.error("audit log: buffer full (%d records waiting for %s); records are dropped (%d so far)",
                          queued, self.writer.name, dropped)
            self._emit(queued, dropped=True)
        else:
            self._emit(queued)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until every queued record is written; False if some are still waiting after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._queue:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout_s: float = 5.0) -> None:
        """Write what is queued (for at most `timeout_s`), then stop the writer thread; a later `write` restarts
        it. Records still queued are reported, and stay queued for that later start."""
        if not self.flush(timeout_s):
            log.error("audit log: %d records not written at shutdown (%s unreachable)", self.buffered,
                      self.writer.name)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)
        with self._cond:
            self._stopping = False
        close = getattr(self.writer, "close", None)
        if close is not None:
            close()

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        pause = self.retry_s
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                batch = list(islice(self._queue, self.batch_size))
            try:
                self.writer.write(batch)
            except BackendUnavailable as exc:
                if not self._failing:
                    self._failing = True
                    log.error("audit log: %s; keeping records in memory (%d waiting, at most %d) and retrying",
                              exc, self.buffered, self.max_records)
                with self._cond:
                    self._cond.wait_for(lambda: self._stopping, timeout=pause)
                pause = min(pause * 2, self.max_retry_s)
                continue
            except Exception:  # a batch the store refuses for good would block every later record
                log.exception("audit log: %s refused a batch of %d records; they are dropped", self.writer.name,
                              len(batch))
                self.dropped += len(batch)
                for _ in batch:
                    self._emit(self.buffered, dropped=True)
            if self._failing:
                self._failing = False
                log.info("audit log: %s reachable again; writing the %d records that waited", self.writer.name,
                         self.buffered)
            with self._cond:
                for _ in batch:
                    self._queue.popleft()  # only this thread removes, so the batch is still at the front
                queued = len(self._queue)
                self._cond.notify_all()
            pause = self.retry_s
            self._emit(queued)

    def _emit(self, queued: int, dropped: bool = False) -> None:
        for on_buffered, on_dropped in self._listeners:
            on_buffered(queued)
            if dropped:
                on_dropped()
