"""Session memory behind a small interface: the current topic for follow-ups, turn count for the AI notice.

Only redacted text is ever stored. The default store is an in-memory LRU with a time-to-live; a shared store
(e.g. Redis) for several replicas implements the same two methods.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Protocol


@dataclass
class Session:
    id: str
    topic: str | None = None  # document id of the last answered topic
    topic_title: str | None = None
    turns: int = 0
    history: list[str] = field(default_factory=list)  # redacted questions, newest last
    updated: float = 0.0


class SessionStore(Protocol):
    def get(self, session_id: str) -> Session | None: ...

    def put(self, session: Session) -> None: ...


class InMemorySessionStore:
    """Thread-safe LRU with TTL; expired sessions are dropped on access."""

    def __init__(self, ttl_s: float = 1800, max_sessions: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if ttl_s <= 0:
            raise ValueError(f"ttl_s must be > 0, got {ttl_s}")
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self.clock = clock
        self._data: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str) -> Session | None:
        with self._lock:
            s = self._data.get(session_id)
            if s is None:
                return None
            if self.clock() - s.updated > self.ttl_s:
                del self._data[session_id]
                return None
            self._data.move_to_end(session_id)
            return s

    def put(self, session: Session) -> None:
        with self._lock:
            session.updated = self.clock()
            self._data[session.id] = session
            self._data.move_to_end(session.id)
            while len(self._data) > self.max_sessions:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def new_session_id() -> str:
    return secrets.token_urlsafe(16)


MAX_HISTORY = 6


def remember(session: Session, question: str, topic: str | None, topic_title: str | None) -> None:
    session.turns += 1
    session.history = (session.history + [question])[-MAX_HISTORY:]
    if topic:
        session.topic, session.topic_title = topic, topic_title
