"""ConnectionBalancer: a worker over its fair share of connections hands one back with `Connection: close`."""

from __future__ import annotations

import os
import time

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.balance import BalancingMiddleware, ConnectionBalancer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def other_worker(directory, count: int, name: str = "999999", age_s: float = 0.0) -> None:
    path = directory / f"{name}.count"
    path.write_text(str(count))
    if age_s:
        old = time.time() - age_s
        os.utime(path, (old, old))


def serve(balancer: ConnectionBalancer, clock: Clock, clients: list[tuple]) -> list[bool]:
    """One request per client, 0.6 s apart (past the update interval), as the middleware would record them."""
    closed = []
    for client in clients:
        clock.now += 0.6
        closed.append(balancer.should_close(client))
    return closed


def test_a_worker_with_too_many_connections_hands_one_back(tmp_path):
    clock = Clock()
    balancer = ConnectionBalancer(tmp_path, window_s=10, interval_s=0.5, slack=1, clock=clock)
    other_worker(tmp_path, 2)
    clients = [("127.0.0.1", port) for port in range(40000, 40008)]
    closed = serve(balancer, clock, clients)
    # 6 of 8 connections: over the fair share (4) + slack (1), so the 6th is handed back
    assert closed[:5] == [False] * 5 and closed[5] is True
    assert (tmp_path / f"{os.getpid()}.count").read_text() == "6"  # as published before the hand-back
    assert balancer.should_close(("127.0.0.1", 40005)) is False  # within the interval: one hand-back at a time


def test_balanced_workers_and_a_lone_worker_keep_their_connections(tmp_path):
    clock = Clock()
    balancer = ConnectionBalancer(tmp_path, window_s=10, clock=clock)
    other_worker(tmp_path, 8)
    assert not any(serve(balancer, clock, [("127.0.0.1", p) for p in range(40000, 40009)]))

    alone = ConnectionBalancer(tmp_path / "alone", window_s=10, clock=clock)
    assert not any(serve(alone, clock, [("127.0.0.1", p) for p in range(41000, 41030)]))


def test_stopped_workers_and_idle_connections_do_not_count(tmp_path):
    clock = Clock()
    balancer = ConnectionBalancer(tmp_path, window_s=2, clock=clock)
    other_worker(tmp_path, 0, name="stale", age_s=60)  # its worker died a minute ago
    assert not any(serve(balancer, clock, [("127.0.0.1", p) for p in range(40000, 40010)]))
    # connections silent for longer than the window are gone: 10 clients 0.6 s apart leave ~4 in the window
    assert int((tmp_path / f"{os.getpid()}.count").read_text()) <= 4


def test_the_middleware_closes_only_the_chosen_connection(tmp_path):
    class Decide:
        def __init__(self) -> None:
            self.answers = iter([False, True])

        def should_close(self, client) -> bool:
            return next(self.answers)

    app = FastAPI()

    @app.get("/ping")
    async def ping() -> dict:
        return {"ok": True}

    wrapped = TestClient(BalancingMiddleware(app, balancer=Decide()))
    first, second = wrapped.get("/ping"), wrapped.get("/ping")
    assert first.json() == {"ok": True} and first.headers.get("connection") != "close"
    assert second.json() == {"ok": True} and second.headers["connection"] == "close"
