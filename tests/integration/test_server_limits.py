"""The served app against slow and oversized requests on raw sockets: huge never-ending headers, headers trickled
byte by byte, idle connections and bodies shorter than their Content-Length are cut within their bounds, and the
server's memory does not grow with what the clients send."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from api.app import create_app
from api.server import uvicorn_options
from assistant.settings import Settings
from tests.fakes import make_test_assistant
from tests.integration.live_server import live_server

pytestmark = pytest.mark.integration

HEAD_S, BODY_S, MARGIN_S = 1.0, 1.0, 2.0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = Settings(api={"feedback_db": tmp_path_factory.mktemp("api") / "f.sqlite3", "rate_limit_per_minute": 0,
                             "header_timeout_s": HEAD_S, "body_timeout_s": BODY_S, "max_header_bytes": 16_384})
    with live_server(create_app(settings, make_test_assistant()), **uvicorn_options(settings.api)) as url:
        yield url, int(url.rsplit(":", 1)[1])


def rss_mb() -> float:
    """Resident memory of this process (the server runs in a thread of it)."""
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """(did the server close the connection within `seconds`, what it sent before)."""
    sock.settimeout(0.1)
    got, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except ConnectionResetError:
            return True, got
        if not chunk:
            return True, got
        got += chunk
    return False, got


def test_ten_connections_with_huge_unfinished_headers_are_refused_and_memory_stays_flat(server):
    _, port = server
    before = rss_mb()
    outcomes = []

    def flood() -> None:
        sock = socket.create_connection(("127.0.0.1", port))
        sent = 0
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Junk: ")
            junk = b"a" * 65536
            while sent < 30 * 1024 * 1024:  # 30 MB each, 300 MB in all, if the server took it
                sock.sendall(junk)
                sent += len(junk)
        except OSError:
            pass  # the server closed the connection
        outcomes.append((sent, closed_within(sock, MARGIN_S)))
        sock.close()

    threads = [threading.Thread(target=flood) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(outcomes) == 10
    for sent, (closed, reply) in outcomes:
        # refused after 16 kB; what the client got rid of before it noticed sat in the kernel's socket buffers
        assert sent < 16 * 1024 * 1024, sent
        assert closed and (reply == b"" or reply.startswith(b"HTTP/1.1 400"))
    assert rss_mb() - before < 50  # was +3.1 GB with 300 MB of headers


def test_headers_trickled_byte_by_byte_are_cut_at_the_head_deadline(server):
    _, port = server
    sock = socket.create_connection(("127.0.0.1", port))
    started = time.monotonic()
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n")
    closed = False
    try:
        while time.monotonic() - started < HEAD_S + MARGIN_S + 1:
            sock.sendall(b"X")  # one byte every 0.1 s keeps the connection busy, never finishes the head
            time.sleep(0.1)
    except OSError:
        closed = True
    if not closed:
        closed, _ = closed_within(sock, 0.5)
    sock.close()
    assert closed and time.monotonic() - started < HEAD_S + MARGIN_S + 1.5


def test_an_idle_connection_is_closed_at_the_head_deadline(server):
    _, port = server
    sock = socket.create_connection(("127.0.0.1", port))
    started = time.monotonic()
    closed, got = closed_within(sock, HEAD_S + MARGIN_S)
    sock.close()
    assert closed and got == b"" and time.monotonic() - started < HEAD_S + MARGIN_S


def test_a_kept_alive_connection_still_serves_and_its_next_head_has_a_deadline(server):
    _, port = server
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
    sock.settimeout(5)
    assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    time.sleep(HEAD_S + 0.5)  # idle between requests: the keep-alive time applies, not the head deadline
    started = time.monotonic()
    sock.sendall(b"GET /healthz HTTP/1.1\r\n")  # then the next head starts and never ends
    closed, _ = closed_within(sock, HEAD_S + MARGIN_S)
    sock.close()
    assert closed and time.monotonic() - started < HEAD_S + MARGIN_S


def test_a_body_shorter_than_its_content_length_is_answered_408_at_the_deadline(server):
    url, port = server
    sock = socket.create_connection(("127.0.0.1", port))
    started = time.monotonic()
    sock.sendall(b"POST /api/v1/chat HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 200\r\n\r\n" + b'{"message": "Was kostet')
    closed, reply = closed_within(sock, BODY_S + MARGIN_S)
    sock.close()
    assert reply.startswith(b"HTTP/1.1 408") and b"request_timeout" in reply
    assert "nicht vollständig angekommen" in reply.decode("utf-8", "replace")
    assert closed and time.monotonic() - started < BODY_S + MARGIN_S
    assert httpx.post(f"{url}/api/v1/chat", json={"message": "Was kostet ein Perso?"}).status_code == 200


def test_a_normal_request_with_a_big_but_allowed_header_is_served(server):
    url, _ = server
    r = httpx.get(f"{url}/healthz", headers={"X-Note": "a" * 8000})
    assert r.status_code == 200
