"""An OpenAI-compatible chat server on loopback that misbehaves on purpose, over real HTTP, for outage tests.

Modes (`server.mode`, switchable while it runs):
- `hang`: accepts the connection, reads the request, never answers.
- `keepalive`: sends the 200 head of an event stream, then only SSE comments (`: ping`) every 0.2 s.
- `slow`: streams a long answer, one word every `delay_s` seconds.
- `error`: answers HTTP 500 with an OpenAI-style error.
- `ok`: streams a short grounded answer at once.
`requests` counts the chat requests received; `open_connections` those not yet closed by either side.
"""

from __future__ import annotations

import json
import socket
import threading
import time

OK_REPLY = "Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1]."


class FakeLLMServer:
    def __init__(self, mode: str = "ok", delay_s: float = 0.4) -> None:
        self.mode, self.delay_s = mode, delay_s
        self.requests = 0
        self.open_connections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/v1"
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> "FakeLLMServer":
        accept = threading.Thread(target=self._accept, name="fake-llm-accept", daemon=True)
        accept.start()
        self._threads.append(accept)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def wait_idle(self, timeout_s: float) -> bool:
        """True once no connection is open (the clients dropped theirs), within `timeout_s`."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if self.open_connections == 0:
                return True
            time.sleep(0.02)
        return self.open_connections == 0

    # -- serving ------------------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), name="fake-llm-conn", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self.open_connections += 1
        try:
            conn.settimeout(0.1)
            if self._read_request(conn) is None:
                return
            with self._lock:
                self.requests += 1
            getattr(self, "_" + self.mode)(conn)
        except OSError:  # the client went away
            pass
        finally:
            conn.close()
            with self._lock:
                self.open_connections -= 1

    def _read_request(self, conn: socket.socket) -> bytes | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self._recv(conn)
            if not chunk:
                return None
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            chunk = self._recv(conn)
            if not chunk:
                return None
            body += chunk
        return body

    def _recv(self, conn: socket.socket) -> bytes:
        while not self._stop.is_set():
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue
        return b""

    def _hang(self, conn: socket.socket) -> None:
        while self._recv(conn):  # until the client closes (b"") or the server stops
            pass

    def _keepalive(self, conn: socket.socket) -> None:
        conn.sendall(_stream_head())
        while not self._stop.wait(0.2):
            conn.sendall(b": ping\n\n")

    def _slow(self, conn: socket.socket) -> None:
        conn.sendall(_stream_head())
        for _ in range(200):
            if self._stop.wait(self.delay_s):
                return
            conn.sendall(_chunk("Wort "))

    def _ok(self, conn: socket.socket) -> None:
        conn.sendall(_stream_head())
        for word in OK_REPLY.split(" "):
            conn.sendall(_chunk(word + " "))
        conn.sendall(_chunk(None) + b"data: [DONE]\n\n")

    def _error(self, conn: socket.socket) -> None:
        body = json.dumps({"error": {"message": "model crashed", "type": "server_error"}}).encode()
        conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)


def _stream_head() -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"


def _chunk(content: str | None) -> bytes:
    delta = {"content": content} if content is not None else {}
    obj = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
           "choices": [{"index": 0, "delta": delta, "finish_reason": None if content is not None else "stop"}]}
    return b"data: " + json.dumps(obj).encode() + b"\n\n"
