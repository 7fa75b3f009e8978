"""The load script's lean HTTP/1.1 client against a tiny asyncio server on loopback: counts, error kinds, reconnects.

Each test runs the load for a fraction of a second with two clients against a server that answers in a fixed way,
in the same event loop, so no assistant and no thread is involved.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest

from evals.load_chat import _require_loopback, cpu_seconds, main, run_async, run_load
from evals.raw_http import RawConnection

QUESTIONS = ["Was kostet ein Personalausweis?", "Wo melde ich Sperrmüll an? Öffnungszeiten"]
ANSWER = json.dumps({"answer": "Ein Personalausweis kostet 46,00 Euro [1].", "sources": []},
                    ensure_ascii=False).encode()


def _response(body: bytes = ANSWER, status: str = "200 OK", extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
            ).encode() + body


def _chunked(body: bytes) -> bytes:
    # Chunks cut inside the multi-byte "ö", one with an extension, then a trailer field: all must be joined.
    cut = [body[:7], body[7:len(body) // 2], body[len(body) // 2:]]
    chunks = b"".join(b"%x%s\r\n%s\r\n" % (len(c), b";ext=1" if i == 1 else b"", c) for i, c in enumerate(cut))
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunks + b"0\r\nX-Trailer: yes\r\n\r\n")


class FixedServer:
    """Answers every POST with `reply` (bytes), closing the connection afterwards when `close` is set."""

    def __init__(self, reply: bytes | None, close: bool = False) -> None:
        self.reply, self.close = reply, close
        self.connections = 0
        self.requests: list[tuple[bytes, bytes]] = []  # (head, body) as received

    async def __aenter__(self) -> str:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc) -> None:
        self._server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                self.requests.append((head, await reader.readexactly(length)))
                if self.reply is None:  # never answer: the client's timeout must end the request
                    await asyncio.sleep(3600)
                writer.write(self.reply)
                await writer.drain()
                if self.close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client hung up
        finally:
            writer.close()


def _load(server: FixedServer, client: str = "raw", duration: float = 0.4, warmup: float = 0.0, think: float = 0.0,
          **kw) -> dict:
    async def scenario() -> dict:
        async with server as url:
            return await run_load(url, QUESTIONS, clients=2, duration=duration, think=think, warmup=warmup,
                                  client=client, **kw)
    return run_async(scenario())


@pytest.mark.parametrize("client", ["raw", "httpx"])
def test_counts_every_request_without_errors_on_a_content_length_reply(client):
    server = FixedServer(_response())
    r = _load(server, client)
    assert r["client"] == client and r["event_loop"] == "uvloop"
    assert r["errors"] == 0 and r["error_kinds"] == {}
    assert r["requests"] > 10
    assert r["requests"] == len(server.requests)  # warmup 0: every request sent is a measured one
    assert server.connections == 2  # keep-alive: one connection per simulated client
    assert r["p50_ms"] is not None and r["p50_ms"] <= r["max_ms"]


def test_runs_on_asyncio_default_loop_too():  # the fallback when uvloop is not installed
    async def scenario() -> dict:
        async with FixedServer(_response(extra="Connection: close\r\n"), close=True) as url:
            return await run_load(url, QUESTIONS, clients=2, duration=0.3, think=0.0, warmup=0.0)
    r = asyncio.run(scenario())
    assert r["event_loop"] == "asyncio" and r["requests"] > 10 and r["error_kinds"] == {}


def test_raw_request_is_utf8_json_with_matching_content_length():
    server = FixedServer(_response())
    _load(server, duration=0.1)
    head, body = server.requests[0]
    assert head.startswith(b"POST /api/v1/chat HTTP/1.1\r\n")
    assert b"\r\nContent-Type: application/json\r\n" in head
    assert f"\r\nContent-Length: {len(body)}\r\n".encode() in head
    assert b"\r\nHost: 127.0.0.1:" in head
    sent = {json.loads(b)["message"] for _, b in server.requests}
    assert sent == set(QUESTIONS)
    assert "Öffnungszeiten".encode() in b"".join(b for _, b in server.requests)  # not \\u00d6 escapes


def test_joins_a_chunked_reply():
    server = FixedServer(_chunked(ANSWER))
    r = _load(server)
    assert r["requests"] > 10 and r["error_kinds"] == {}
    assert server.connections == 2


@pytest.mark.parametrize("reply, kind", [
    (_response(b'{"detail": "Interner Fehler"}', status="500 Internal Server Error"), "HTTP 500"),
    (_response(b'{"detail": "ok"}'), "BadBody"),  # 200 without an "answer"
    (_response(b"<html>Gateway</html>"), "BadBody"),  # 200 that is not JSON
    (_response(b'["answer"]'), "BadBody"),  # JSON, but not an object
])
def test_counts_error_kind_per_request(reply, kind):
    server = FixedServer(reply)
    r = _load(server)
    assert r["requests"] > 10
    assert r["error_kinds"] == {kind: r["requests"]} and r["errors"] == r["requests"]
    assert server.connections == 2  # an HTTP error reply does not cost the connection


def test_reconnects_after_connection_close():
    server = FixedServer(_response(extra="Connection: close\r\n"), close=True)
    r = _load(server)
    assert r["requests"] > 10 and r["error_kinds"] == {}
    assert server.connections == len(server.requests) == r["requests"]  # a new connection for every request


def test_reconnects_when_the_server_hung_up_while_idle():
    server = FixedServer(_response(), close=True)  # closes after the reply without saying so, as on keep-alive timeout
    r = _load(server, duration=0.5, think=0.05)
    assert r["requests"] >= 4 and r["error_kinds"] == {}
    assert server.connections == r["requests"]


def test_counts_a_reply_cut_off_midway_and_reconnects():
    server = FixedServer(_response()[:-10], close=True)  # Content-Length promises 10 bytes more than sent
    r = _load(server)
    assert r["requests"] > 10
    assert r["error_kinds"] == {"IncompleteRead": r["requests"]}
    assert server.connections == r["requests"]


def test_counts_a_request_without_reply_as_timeout():
    server = FixedServer(None)
    r = _load(server, duration=0.1, timeout_s=0.3)
    assert r["error_kinds"] == {"Timeout": 2} and r["requests"] == 2  # one per client, then the time is up
    assert 250 <= r["max_ms"] < 1000  # uvloop's clock is cached per loop turn: the timeout may end a little early


def test_counts_a_refused_connection():
    async def scenario() -> dict:
        async with FixedServer(_response()) as url:
            pass  # closed again: nothing listens on the port any more
        return await run_load(url, QUESTIONS, clients=1, duration=0.1, think=0.0, warmup=0.0)
    r = run_async(scenario())
    assert r["requests"] > 0 and r["error_kinds"] == {"ConnectionRefusedError": r["requests"]}


def test_reports_cpu_per_request_for_the_measured_window():
    r = _load(FixedServer(_response()), server_pid=os.getpid())  # "server" = this process: it serves in-process
    assert r["client_cpu_s"] > 0 and r["client_cpu_ms_per_request"] > 0
    assert r["client_cpu_ms_per_request"] == pytest.approx(r["client_cpu_s"] * 1000 / r["requests"], abs=0.01,
                                                           rel=0.1)  # client_cpu_s is rounded to 0.01 s
    assert r["server_cpu_ms_per_request"] is not None and r["server_cpu_ms_per_request"] >= 0
    assert _load(FixedServer(_response()), duration=0.1)["server_cpu_ms_per_request"] is None  # no pid, no figure


def test_warmup_requests_are_not_measured():
    server = FixedServer(_response())
    r = _load(server, duration=0.2, warmup=0.2)
    assert r["errors"] == 0 and 0 < r["requests"] < len(server.requests)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_cpu_seconds_reads_proc_stat_like_process_time():
    end = time.process_time() + 0.2
    while time.process_time() < end:  # burn a little CPU so that clock ticks show
        pass
    assert cpu_seconds(os.getpid()) == pytest.approx(time.process_time(), abs=0.1)
    assert cpu_seconds(2**22 + 12345) is None  # no such process


@pytest.mark.parametrize("url", ["http://example.org:8000", "http://10.0.0.5", "http://127.0.0.1.nip.io"])
def test_require_loopback_refuses_other_hosts(url):
    with pytest.raises(SystemExit, match="must point at loopback"):
        _require_loopback(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"])
def test_require_loopback_accepts_loopback(url):
    _require_loopback(url)  # returns without exiting


def test_raw_client_refuses_https():
    with pytest.raises(ValueError, match="http://host"):
        RawConnection("https://127.0.0.1:8443")


def test_main_refuses_a_remote_url():
    with pytest.raises(SystemExit, match="must point at loopback"):
        main(["--url", "http://example.org", "--clients", "1", "--duration", "1"])
