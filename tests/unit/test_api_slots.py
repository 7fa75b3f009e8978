"""ComputeSlots: first come first served on the event loop, threads taking their slot back go first, cancelled
waiters leave the queue (and pass on a slot granted to them in the same instant)."""

from __future__ import annotations

import threading

import anyio
import pytest

from api.slots import ComputeSlots

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


async def test_waiters_get_slots_in_order():
    slots, order = ComputeSlots(1), []
    await slots.acquire()

    async def want(name):
        await slots.acquire()
        order.append(name)

    async with anyio.create_task_group() as tg:
        for name in "abc":
            tg.start_soon(want, name)
            await anyio.sleep(0.01)  # queue them in this order
        for _ in "abc":
            await anyio.sleep(0.01)
            slots.release()
    assert order == ["a", "b", "c"]


async def test_a_thread_taking_its_slot_back_goes_before_new_requests():
    slots, order = ComputeSlots(1), []
    await slots.acquire()

    async def request():
        await slots.acquire()
        order.append("request")
        slots.release()

    def thread():
        slots.acquire_blocking()
        order.append("thread")
        slots.release()

    async with anyio.create_task_group() as tg:
        tg.start_soon(request)
        await anyio.sleep(0.01)
        worker = threading.Thread(target=thread)
        worker.start()
        while not slots._urgent:  # the thread is queued (after the request)
            await anyio.sleep(0.005)
        slots.release()
    worker.join(5)
    assert order == ["thread", "request"] and slots.free == 1


async def test_a_cancelled_waiter_leaves_the_queue():
    slots = ComputeSlots(1)
    await slots.acquire()
    with anyio.move_on_after(0.05):
        await slots.acquire()
    assert not slots._waiting
    slots.release()
    assert slots.free == 1


async def test_a_slot_granted_to_a_waiter_cancelled_at_that_moment_is_passed_on():
    slots = ComputeSlots(1)
    await slots.acquire()
    got = []

    async def cancelled_waiter(scope_box):
        with anyio.CancelScope() as scope:
            scope_box.append(scope)
            await slots.acquire()
            got.append("cancelled one")

    async def next_waiter():
        await slots.acquire()
        got.append("next")

    box = []
    async with anyio.create_task_group() as tg:
        tg.start_soon(cancelled_waiter, box)
        await anyio.sleep(0.01)
        tg.start_soon(next_waiter)
        await anyio.sleep(0.01)
        slots.release()  # granted to the first waiter ...
        box[0].cancel()  # ... which is cancelled before it runs
    assert got == ["next"] and slots.free == 0


def test_size_must_be_positive():
    with pytest.raises(ValueError, match="size must be >= 1, got 0"):
        ComputeSlots(0)
