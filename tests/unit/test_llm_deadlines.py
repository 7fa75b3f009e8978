"""Deadlines, cancellation and the circuit breaker of LLMGenerator over stalling fake models (no server, no model).

The only timings asserted are the deadlines under test, with a generous margin for a busy 2-core machine.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest

from assistant.llm.breaker import CircuitBreaker
from assistant.llm.generator import LLMGenerator
from assistant.waiting import waiting_with
from corpus.errors import BackendTimeout, Cancelled, CircuitOpen
from tests.contracts.generator_contract import QUESTION, sample_passages
from tests.fakes import StallingChatModel

MARGIN_S = 2.0  # scheduling slack on a loaded 2-core machine; the deadlines themselves are the behaviour
LONG = " ".join(["Wort"] * 40) + " [1]."


def gen_for(model, **kwargs) -> LLMGenerator:
    kwargs.setdefault("timeout_s", 30)
    return LLMGenerator(model, backend="fake", **kwargs)


def wait_until(predicate, timeout_s: float = 5.0) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


class RecordingWaiter:
    """A Waiter as the API provides one: counts idle periods, can be cancelled from another thread."""

    def __init__(self) -> None:
        self.idle_entered = self.idle_left = 0
        self._cancelled = False
        self._callbacks = []

    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True
        for callback in self._callbacks:
            callback()

    def on_cancel(self, callback):
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback)

    @contextmanager
    def idle(self):
        self.idle_entered += 1
        try:
            yield
        finally:
            self.idle_left += 1


def test_a_hanging_model_is_cut_at_the_first_token_deadline():
    model = StallingChatModel()
    gen = gen_for(model, first_token_timeout_s=0.2)
    started = time.monotonic()
    with pytest.raises(BackendTimeout, match="sent no token within first_token_timeout_s=0.2"):
        gen.generate(QUESTION, sample_passages())
    assert time.monotonic() - started < 0.2 + MARGIN_S
    model.release.set()  # the abandoned call stops at its first chunk instead of writing the whole answer
    assert wait_until(lambda: model.ended == 1)


def test_a_slow_model_is_cut_at_the_total_deadline_and_stops_generating():
    model = StallingChatModel(reply=LONG, hold=False, delay_s=0.05)
    gen = gen_for(model, timeout_s=0.4)
    pieces = []
    started = time.monotonic()
    with pytest.raises(BackendTimeout, match="exceeded timeout_s=0.4"):
        for piece in gen.stream(QUESTION, sample_passages()):
            pieces.append(piece)
    assert time.monotonic() - started < 0.4 + MARGIN_S
    assert 0 < len(pieces) < 41
    assert wait_until(lambda: model.ended == 1, timeout_s=1.0)  # well before the 2 s the whole reply would take


def test_the_breaker_skips_the_model_after_k_failures_and_reports_degraded():
    model = StallingChatModel()
    seen = []
    gen = gen_for(model, first_token_timeout_s=0.05, breaker=CircuitBreaker(failures=2, open_s=60))
    gen.subscribe(lambda kind, value: seen.append((kind, value)))
    for _ in range(2):
        with pytest.raises(BackendTimeout):
            gen.generate(QUESTION, sample_passages())
    started = time.monotonic()
    with pytest.raises(CircuitOpen, match="skipped for llm.breaker_open_s=60"):
        gen.generate(QUESTION, sample_passages())
    assert time.monotonic() - started < MARGIN_S
    assert wait_until(lambda: model.started == 2)  # the third answer never reached the model
    assert gen.health() | {"retry_in_s": 0} == {"backend": "fake", "state": "degraded", "circuit": "open",
                                                "consecutive_failures": 2, "retry_in_s": 0}
    assert seen == [("call", "timeout"), ("circuit", "open"), ("call", "timeout"), ("call", "circuit_open")]
    model.release.set()


def test_a_cancelled_caller_stops_waiting_at_once_and_does_not_count_as_failure():
    model = StallingChatModel()
    gen = gen_for(model, first_token_timeout_s=30, breaker=CircuitBreaker(failures=1, open_s=60))
    waiter = RecordingWaiter()
    threading.Timer(0.1, waiter.cancel).start()
    started = time.monotonic()
    with waiting_with(waiter), pytest.raises(Cancelled):
        gen.generate(QUESTION, sample_passages())
    assert time.monotonic() - started < 0.1 + MARGIN_S
    assert gen.breaker.state == "closed" and gen.health()["state"] == "ok"
    assert waiter.idle_entered == waiter.idle_left >= 1  # the wait lent the caller's compute slot
    model.release.set()
    assert wait_until(lambda: model.ended == 1)


def test_a_successful_answer_waits_idle_and_closes_the_breaker():
    model = StallingChatModel(reply="Er kostet 46,00 Euro [1].", hold=False, delay_s=0.02)
    gen = gen_for(model, breaker=CircuitBreaker(failures=3, open_s=60))
    gen.breaker.failure()
    waiter = RecordingWaiter()
    with waiting_with(waiter):
        draft = gen.generate(QUESTION, sample_passages())
    assert draft.text == "Er kostet 46,00 Euro [1]." and draft.meta["first_token_ms"] >= 0
    assert waiter.idle_entered == waiter.idle_left >= 1
    assert gen.breaker.snapshot()["consecutive_failures"] == 0


def test_first_token_deadline_must_be_positive_and_is_capped_by_the_total():
    with pytest.raises(ValueError, match="first_token_timeout_s must be > 0, got 0"):
        gen_for(StallingChatModel(), first_token_timeout_s=0)
    assert gen_for(StallingChatModel(), timeout_s=5, first_token_timeout_s=15).first_token_timeout_s == 5
