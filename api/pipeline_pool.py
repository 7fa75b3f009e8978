"""Running the blocking pipeline for a request: compute slots, a bounded set of threads, and the citizen leaving.

Every piece of pipeline work (a whole answer, or one step of a streamed one) runs in a worker thread while it holds
one of `api.pipeline_concurrency` compute slots (api.slots). While the thread only waits for a language model it
lends its slot to another request, so a hanging model never queues answers that need no model, or the extractive
fallbacks of other requests, behind it. At most `api.pipeline_threads` requests are inside the pipeline at once
(computing, waiting for a slot or for a model); a thread ticket is always taken before a slot, so a thread that wants
its slot back can never wait for a request that waits for a thread.

When the client disconnects, the request's scope is cancelled: a model call it waits for is abandoned at once, the
rest of its work is the cheap extractive answer, and its thread and slot are free again.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from typing import Any, AsyncIterator, Callable, Iterator, TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from api.slots import ComputeSlots
from assistant.waiting import waiting_with

T = TypeVar("T")
_END = object()


class PipelinePool:
    """The app's compute slots and thread tickets (built in the lifespan: anyio's limiters need an event loop)."""

    def __init__(self, concurrency: int, threads: int) -> None:
        self.slots = ComputeSlots(max(1, concurrency))
        threads = max(threads, concurrency)
        self.tickets = anyio.CapacityLimiter(threads)
        self._threads = anyio.CapacityLimiter(threads)  # never contended: the tickets bound it

    async def run(self, scope: "RequestScope", fn: Callable[..., T], *args: Any, urgent: bool = False) -> T:
        async with self.tickets:
            await self.slots.acquire(urgent=urgent)
            entered = threading.Event()

            def in_thread() -> T:
                entered.set()
                scope.holding = True
                try:
                    with waiting_with(scope):
                        return fn(*args)
                finally:
                    scope.holding = False
                    self.slots.release()

            try:
                return await anyio.to_thread.run_sync(in_thread, limiter=self._threads)
            finally:
                if not entered.is_set():  # cancelled before the thread began: the slot was never used
                    self.slots.release()


class RequestScope:
    """One request's side of assistant.waiting.Waiter: lends its slot while idle, cancelled when the client left."""

    def __init__(self, slots: ComputeSlots) -> None:
        self.slots = slots
        self.holding = False  # set by the thread that runs this request's work
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            if self._cancelled.is_set():
                return
            self._cancelled.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        with self._lock:
            if not self._cancelled.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    @contextmanager
    def idle(self) -> Iterator[None]:
        if not self.holding:
            yield
            return
        self.holding = False
        self.slots.release()
        try:
            yield
        finally:
            self.slots.acquire_blocking()
            self.holding = True


def pool_of(request: Request) -> PipelinePool:
    state = request.app.state
    pool = getattr(state, "pipeline_pool", None)
    if pool is None:  # an app used without its lifespan (some tests): build it on first use
        api = state.settings.api
        pool = state.pipeline_pool = PipelinePool(api.pipeline_concurrency, api.pipeline_threads)
    return pool


def scope_of(request: Request) -> RequestScope:
    """The request's scope, one per request (kept in the ASGI scope's state)."""
    state = request.scope.setdefault("state", {})
    scope = state.get("pipeline_scope")
    if scope is None:
        scope = state["pipeline_scope"] = RequestScope(pool_of(request).slots)
    return scope


async def run_in_pool(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` in the pipeline pool; a disconnect meanwhile cancels the request's scope."""
    scope = scope_of(request)
    result: list[Any] = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(_cancel_on_disconnect, request.receive, scope)
        try:  # outcomes leave the task group as they are, not wrapped in an ExceptionGroup
            result.append(await pool_of(request).run(scope, functools.partial(fn, *args, **kwargs)))
        except Exception as exc:
            result.append(_Raised(exc))
        finally:
            tg.cancel_scope.cancel()
    if isinstance(result[0], _Raised):
        raise result[0].exc
    return result[0]


class _Raised:
    def __init__(self, exc: Exception) -> None:
        self.exc = exc


async def iterate_in_pool(request: Request, items: Iterator[T]) -> AsyncIterator[T]:
    """The items of a blocking iterator, each computed in the pipeline pool; closing stops and closes `items`."""
    pool, scope = pool_of(request), scope_of(request)
    try:
        while True:
            item = await pool.run(scope, next, items, _END, urgent=True)
            if item is _END:
                return
            yield item
    finally:
        scope.cancel()  # an unfinished stream: abandon the model call at once
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_close, items)


class PoolStreamingResponse(StreamingResponse):
    """Streams `iterate_in_pool(...)`; a disconnect cancels the request's scope at once, even while a step waits for
    a model (cancelling the task alone would only take effect after that step's thread returned)."""

    def __init__(self, request: Request, items: Iterator[str], **kwargs: Any) -> None:
        super().__init__(iterate_in_pool(request, items), **kwargs)
        self.pipeline_scope = scope_of(request)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as tg:
                async def stream() -> None:
                    await self.stream_response(send)
                    tg.cancel_scope.cancel()

                tg.start_soon(stream)
                await _cancel_on_disconnect(receive, self.pipeline_scope)
                tg.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await self.body_iterator.aclose()


async def _cancel_on_disconnect(receive: Receive, scope: RequestScope) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            scope.cancel()
            return


def _close(items: Iterator[Any]) -> None:
    close = getattr(items, "close", None)
    if close is not None:
        close()
