"""Compute slots: at most `size` pipeline threads compute at once; the rest wait their turn, in order.

A request waits for a slot on the event loop (an asyncio future: no thread is held). A pipeline thread that waits
for a language model gives its slot back meanwhile (assistant.waiting) and takes one again afterwards; such threads,
and the steps of answers already streaming, go before new requests: finishing what has started frees memory,
threads and connections soonest, and keeps streamed answers flowing under load.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from dataclasses import dataclass, field


@dataclass(eq=False)
class _Ticket:
    future: asyncio.Future | None = None  # a request waiting on the event loop
    loop: asyncio.AbstractEventLoop | None = None
    event: threading.Event | None = None  # a thread waiting in `acquire_blocking`
    granted: bool = field(default=False)


class ComputeSlots:
    """A FIFO semaphore shared by the event loop and threads; `urgent` waiters go before the others."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"size must be >= 1, got {size}")
        self.size = size
        self._free = size
        self._lock = threading.Lock()
        self._urgent: deque[_Ticket] = deque()
        self._waiting: deque[_Ticket] = deque()

    @property
    def free(self) -> int:
        return self._free

    async def acquire(self, urgent: bool = False) -> None:
        """Wait on the event loop for a slot; cancelling the wait leaves the queue (or passes a slot just granted on)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._free:
                self._free -= 1
                return
            ticket = _Ticket(future=loop.create_future(), loop=loop)
            (self._urgent if urgent else self._waiting).append(ticket)
        try:
            await ticket.future
        except BaseException:
            with self._lock:
                if ticket.granted:
                    self._release_locked()
                else:
                    (self._urgent if urgent else self._waiting).remove(ticket)
            raise

    def acquire_blocking(self) -> None:
        """Wait in this (worker) thread for a slot, ahead of the requests that have not started yet."""
        with self._lock:
            if self._free:
                self._free -= 1
                return
            ticket = _Ticket(event=threading.Event())
            self._urgent.append(ticket)
        ticket.event.wait()

    def release(self) -> None:
        """Give a slot back (from any thread): to the next waiter, or free."""
        with self._lock:
            self._release_locked()

    def _release_locked(self) -> None:
        while self._urgent or self._waiting:
            ticket = (self._urgent or self._waiting).popleft()
            ticket.granted = True
            if ticket.event is not None:
                ticket.event.set()
                return
            try:
                ticket.loop.call_soon_threadsafe(_grant, ticket.future)
                return
            except RuntimeError:  # its event loop has closed: nobody waits there any more
                continue
        self._free += 1


def _grant(future: asyncio.Future) -> None:
    if not future.done():  # a cancelled waiter hands the slot on itself (see `acquire`)
        future.set_result(None)
