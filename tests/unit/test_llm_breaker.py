"""CircuitBreaker: closed -> open after K consecutive failures -> half-open after T s with one trial -> closed/open."""

from __future__ import annotations

import pytest

from assistant.llm.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(failures=3, open_s=30.0):
    clock, changes = Clock(), []
    return CircuitBreaker(failures, open_s, clock=clock, on_change=changes.append), clock, changes


def test_opens_after_k_consecutive_failures_only():
    breaker, _, changes = make(failures=3)
    for _ in range(2):
        assert breaker.allow()
        breaker.failure()
    breaker.success()  # a success in between starts the count again
    for _ in range(2):
        breaker.failure()
    assert breaker.state == CLOSED and breaker.allow()
    breaker.failure()
    assert breaker.state == OPEN and not breaker.allow() and changes == [OPEN]


def test_half_open_lets_exactly_one_trial_through_then_closes_on_success():
    breaker, clock, changes = make(failures=1, open_s=30)
    breaker.failure()
    clock.now += 29.9
    assert not breaker.allow() and breaker.snapshot() == {"circuit": OPEN, "consecutive_failures": 1,
                                                           "retry_in_s": 0.1}
    clock.now += 0.1
    assert breaker.state == HALF_OPEN
    assert breaker.allow()  # the trial
    assert not breaker.allow() and not breaker.allow()  # everyone else: extractive meanwhile
    breaker.success()
    assert breaker.state == CLOSED and breaker.allow() and changes == [OPEN, HALF_OPEN, CLOSED]


def test_a_failed_trial_opens_again_for_the_full_time():
    breaker, clock, _ = make(failures=2, open_s=10)
    breaker.failure(), breaker.failure()
    clock.now += 10
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == OPEN
    clock.now += 9
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_a_trial_without_verdict_lets_the_next_call_try():
    breaker, clock, _ = make(failures=1, open_s=5)
    breaker.failure()
    clock.now += 5
    assert breaker.allow() and not breaker.allow()
    breaker.release()  # the citizen left during the trial
    assert breaker.allow()


def test_zero_failures_switches_it_off():
    breaker, _, _ = make(failures=0)
    for _ in range(100):
        breaker.failure()
    assert breaker.state == CLOSED and breaker.allow()


@pytest.mark.parametrize("kwargs,text", [({"failures": -1}, "failures must be >= 0"),
                                         ({"open_s": 0}, "open_s must be > 0, got 0")])
def test_invalid_settings_name_the_rule(kwargs, text):
    with pytest.raises(ValueError, match=text):
        CircuitBreaker(**kwargs)
