"""One streamed model call with deadlines that hold whatever the model or its server does.

The model is driven on a worker thread of the generator's pool (its size is how many calls the model takes at
once: 1 for an in-process model). The tokens come back through a queue, and the caller waits for each with a
timeout: the first token must arrive by `first_token_by` (this includes waiting for a free worker and the
connection), the answer must be complete by `finish_by`. When a deadline passes or the caller is cancelled, the
caller stops waiting at once and the call is cancelled: a queued call never starts, a running one stops at its next
chunk (the HTTP transport in assistant.llm.http checks on every received byte run, keep-alive comments included,
and shuts the socket down), and an in-process model stops generating at its next token.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from typing import Any, Callable, Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langsmith.run_helpers import tracing_context

from assistant import waiting
from corpus.errors import BackendTimeout, BackendUnavailable, Cancelled

_TOKEN, _END, _ERROR, _CANCELLED = "token", "end", "error", "cancelled"
_CURRENT: ContextVar["ModelCall | None"] = ContextVar("model_call", default=None)


def current_call() -> "ModelCall | None":
    """The call the running worker thread serves (for the HTTP transport), if any."""
    return _CURRENT.get()


class ModelCall:
    """Start with `start(pool)`, read with `tokens()`; `cancel()` may come from any thread, any number of times."""

    def __init__(self, chat_model: BaseChatModel, messages: list[BaseMessage], *, name: str, started: float,
                 first_token_timeout_s: float, timeout_s: float, clock: Callable[[], float]) -> None:
        self.chat_model, self.messages, self.name = chat_model, messages, name
        self.first_token_timeout_s, self.timeout_s = min(first_token_timeout_s, timeout_s), timeout_s
        self.first_token_by, self.finish_by = started + self.first_token_timeout_s, started + timeout_s
        self._clock = clock
        self._queue: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._on_cancel: list[Callable[[], None]] = []
        self._future: Future | None = None
        self._started = threading.Event()

    # -- the caller's side --------------------------------------------------------------------------------
    def start(self, pool: ThreadPoolExecutor) -> None:
        self._future = pool.submit(self._produce)

    def tokens(self) -> Iterator[str]:
        """The answer's pieces as they come; raises BackendTimeout, Cancelled or BackendUnavailable."""
        waiter = waiting.current()
        unsubscribe = waiter.on_cancel(lambda: self._queue.put((_CANCELLED, None)))
        got_first = False
        try:
            while True:
                kind, value = self._next(waiter, self.finish_by if got_first else self.first_token_by, got_first)
                if kind == _END:
                    return
                if kind == _CANCELLED:
                    raise Cancelled(f"the caller stopped waiting for backend {self.name!r}")
                if kind == _ERROR:
                    raise BackendUnavailable(f"backend {self.name!r} failed: {type(value).__name__}: "
                                             f"{str(value)[:200]}") from value
                if self._clock() > self.finish_by:
                    raise self._timeout(got_first)
                got_first = True
                yield value
        finally:
            unsubscribe()
            self.cancel()

    def cancel(self) -> None:
        """Stop the call: a queued one never starts, a running one ends at its next chunk or socket read."""
        with self._lock:
            if self._cancelled.is_set():
                return
            self._cancelled.set()
            callbacks, self._on_cancel = self._on_cancel, []
        if self._future is not None:
            self._future.cancel()
        for callback in callbacks:
            try:
                callback()
            except OSError:  # the socket is already gone
                pass

    # -- the worker's side --------------------------------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run `callback` when the call is cancelled (at once if it already is); returns an unsubscribe function."""
        with self._lock:
            if not self._cancelled.is_set():
                self._on_cancel.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._on_cancel:
                self._on_cancel.remove(callback)

    def _produce(self) -> None:
        self._started.set()
        token = _CURRENT.set(self)
        try:
            # LangSmith tracing (LANGSMITH_TRACING=true) would copy the prompt to a tracing service: off for the call.
            with tracing_context(enabled=False):
                chunks = self.chat_model.stream(self.messages)
                try:
                    for chunk in chunks:
                        if self._cancelled.is_set():
                            break
                        if chunk.text:
                            self._queue.put((_TOKEN, chunk.text))
                finally:
                    chunks.close()  # stops llama.cpp / transformers generation and closes the HTTP stream
            self._queue.put((_END, None))
        except BaseException as exc:  # handed to the caller's thread, raised there
            self._queue.put((_ERROR, exc))
        finally:
            _CURRENT.reset(token)

    # -- helpers ------------------------------------------------------------------------------------------
    def _next(self, waiter: waiting.Waiter, by: float, got_first: bool) -> tuple[str, Any]:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            pass
        remaining = by - self._clock()
        if remaining <= 0:
            raise self._timeout(got_first)
        with waiter.idle():  # waiting uses no CPU: the caller may let other answers compute meanwhile
            try:
                return self._queue.get(timeout=remaining)
            except queue.Empty:
                raise self._timeout(got_first) from None

    def _timeout(self, got_first: bool) -> BackendTimeout:
        if got_first:
            return BackendTimeout(f"backend {self.name!r} exceeded timeout_s={self.timeout_s} while answering; "
                                  "raise llm.timeout_s or lower llm.max_tokens")
        if not self._started.is_set():
            return BackendTimeout(f"backend {self.name!r} was busy with other answers for longer than "
                                  f"first_token_timeout_s={self.first_token_timeout_s}; raise llm.max_concurrency "
                                  "if the server can take more")
        return BackendTimeout(f"backend {self.name!r} sent no token within first_token_timeout_s="
                              f"{self.first_token_timeout_s}; check that the model server answers")
