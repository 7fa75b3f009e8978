"""A circuit breaker for the language model: skip a failing model for a while instead of waiting for it every time.

After `failures` consecutive failures or timeouts the circuit opens for `open_s` seconds: every answer is extractive
at once, and the model gets no traffic. Then it is half-open: one trial call goes through while every other answer
stays extractive; a trial that succeeds closes the circuit, one that fails opens it again. A call that ends without
a verdict (the citizen left) lets the next call be the trial. `failures=0` switches the breaker off.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    """Thread-safe; `on_change(state)` is called on every transition (metrics)."""

    def __init__(self, failures: int = 3, open_s: float = 30.0, clock: Callable[[], float] = time.monotonic,
                 on_change: Callable[[str], None] | None = None) -> None:
        if failures < 0:
            raise ValueError(f"failures must be >= 0 (0 switches the breaker off), got {failures}")
        if open_s <= 0:
            raise ValueError(f"open_s must be > 0, got {open_s}")
        self.failures, self.open_s = failures, open_s
        self.on_change = on_change
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._consecutive = 0
        self._opened_at = 0.0
        self._trial = False  # half-open: the one trial call is under way

    @property
    def state(self) -> str:
        """closed, open or half_open (an open circuit whose time is up reports half_open)."""
        with self._lock:
            if self._state == OPEN and self._clock() - self._opened_at >= self.open_s:
                return HALF_OPEN
            return self._state

    def allow(self) -> bool:
        """May a call go to the model now? In half-open state only the one trial may."""
        with self._lock:
            if self._state == OPEN and self._clock() - self._opened_at >= self.open_s:
                self._move(HALF_OPEN)
            if self._state == CLOSED:
                return True
            if self._state == HALF_OPEN and not self._trial:
                self._trial = True
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._consecutive = 0
            self._trial = False
            if self._state != CLOSED:
                self._move(CLOSED)

    def failure(self) -> None:
        with self._lock:
            self._consecutive += 1
            self._trial = False
            if self.failures and (self._state == HALF_OPEN or
                                  (self._state == CLOSED and self._consecutive >= self.failures)):
                self._opened_at = self._clock()
                self._move(OPEN)

    def release(self) -> None:
        """A call ended without a verdict (abandoned by its caller): the next call may be the trial."""
        with self._lock:
            self._trial = False

    def snapshot(self) -> dict[str, Any]:
        """For /readyz: state, consecutive failures and, when open, seconds until the next trial."""
        state = self.state
        with self._lock:
            retry = max(0.0, self.open_s - (self._clock() - self._opened_at)) if state == OPEN else 0.0
            return {"circuit": state, "consecutive_failures": self._consecutive, "retry_in_s": round(retry, 1)}

    def _move(self, state: str) -> None:
        self._state = state
        if self.on_change is not None:
            self.on_change(state)
