"""A fake OpenAI-compatible LLM server on loopback: streams a fixed answer as SSE chunks the way vLLM and the
llama.cpp server do (chunked transfer, one `data:` event per token, `[DONE]`), or fails with a given HTTP error.

Only for tests: no model, real HTTP, so the backend's client, its streaming and its error handling run for real.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLLMServer:
    """`reply`: the answer to stream, cut into `token_chars`-character tokens, `delay_s` apart. `error`: (status,
    message) to fail every completion with instead. `requests` records the JSON bodies received; `aborted` is set
    when a client hung up before the stream ended (the answer was stopped)."""

    def __init__(self, reply: str = "", token_chars: int = 4, delay_s: float = 0.005,
                 error: tuple[int, str] | None = None) -> None:
        self.reply, self.token_chars, self.delay_s, self.error = reply, token_chars, delay_s, error
        self.requests: list[dict[str, Any]] = []
        self.aborted = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-llm", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def tokens(self) -> list[str]:
        return [self.reply[i:i + self.token_chars] for i in range(0, len(self.reply), self.token_chars)]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # /v1/models
                self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(body)
                if fake.error:
                    status, text = fake.error
                    self._json(status, {"error": {"message": text, "type": "server_error", "code": status}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    self._event({"role": "assistant", "content": ""}, None)
                    for token in fake.tokens():
                        self._event({"content": token}, None)
                        time.sleep(fake.delay_s)
                    self._event({}, "stop")
                    self._chunk("data: [DONE]\n\n")
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    fake.aborted.set()

            def _event(self, delta: dict[str, Any], finish: str | None) -> None:
                chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                         "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                self._chunk(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n")

            def _chunk(self, text: str) -> None:
                data = text.encode("utf-8")
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _json(self, status: int, obj: dict[str, Any]) -> None:
                data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
