"""How a pipeline thread waits for something outside the process (a model server's next token): the caller decides.

The API computes answers on a few compute slots. A thread that only waits for a model lends its slot to another
request meanwhile (`idle`), and learns when the citizen has gone (`cancelled`, `on_cancel`), so the model call is
abandoned at once instead of holding a thread and a connection until its deadline. The CLI and the evals set
nothing: the default waiter waits plainly and is never cancelled.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import Callable, Iterator, Protocol


class Waiter(Protocol):
    def cancelled(self) -> bool:
        """True once the caller no longer wants the result."""

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` (from any thread) when cancelled, at once if already; returns an unsubscribe function."""

    def idle(self) -> AbstractContextManager[None]:
        """Wrap a blocking wait that uses no CPU, so the caller can let other work run meanwhile."""


class PlainWaiter:
    """Never cancelled; waiting changes nothing."""

    def cancelled(self) -> bool:
        return False

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        return lambda: None

    def idle(self) -> AbstractContextManager[None]:
        return nullcontext()


_CURRENT: ContextVar[Waiter] = ContextVar("waiter", default=PlainWaiter())


def current() -> Waiter:
    """The waiter of the code running now (set by `waiting_with`), else a plain one."""
    return _CURRENT.get()


@contextmanager
def waiting_with(waiter: Waiter) -> Iterator[Waiter]:
    token = _CURRENT.set(waiter)
    try:
        yield waiter
    finally:
        _CURRENT.reset(token)
