"""Talks to a running deployment through the HTTP API contract, so every suite can judge it from outside.

Only the documented endpoints are used (`POST /api/v1/chat`, `POST /api/v1/search`, `GET /healthz`), so the same
evals run against any deployment of the assistant, whatever corpus or LLM it serves.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import httpx

from corpus.errors import BackendUnavailable


class HttpAssistantClient:
    """Chat and search against `base_url` (e.g. http://127.0.0.1:8000); adds client-side latency to `meta`."""

    def __init__(self, base_url: str, api_key: str | None = None, timeout_s: float = 60.0,
                 client: httpx.Client | None = None, max_rate_limit_waits: int = 30) -> None:
        self.base_url = base_url.rstrip("/")
        self.max_rate_limit_waits = max_rate_limit_waits
        headers = {"X-API-Key": api_key} if api_key else {}  # /api/v1/search is for staff and needs the key
        self._client = client or httpx.Client(base_url=self.base_url, timeout=timeout_s, headers=headers)

    def close(self) -> None:
        self._client.close()

    def health(self) -> dict[str, Any]:
        """What the deployment says about itself: `/readyz` (documents, generator, retriever, guardrails)."""
        try:
            response = self._client.get("/readyz")
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"cannot reach {self.base_url}/readyz: {exc}; is the server running?") from exc
        return response.json() if response.headers.get("content-type", "").startswith("application/json") \
            else {"status_code": response.status_code}

    def chat(self, message: str, session_id: str | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        response = self._post("/api/v1/chat", {"message": message, "session_id": session_id, "stream": False})
        elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        meta = response.setdefault("meta", {}) or {}
        response["meta"] = meta
        meta.setdefault("latency_ms", elapsed_ms)
        meta["client_latency_ms"] = elapsed_ms
        return response

    def search(self, query: str, k: int = 10) -> list[dict[str, Any]]:
        return list(self._post("/api/v1/search", {"query": query, "k": k}).get("results", []))

    def ask(self, message: str) -> dict[str, Any]:
        """One message in a fresh session."""
        return self.chat(message)

    def new_conversation(self) -> Callable[[str], dict[str, Any]]:
        """An `ask(message)` that keeps the session id the server hands out on the first turn."""
        return bind_session(self.chat)

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(self.max_rate_limit_waits + 1):
            try:
                response = self._client.post(path, json=body)
            except httpx.HTTPError as exc:
                raise BackendUnavailable(f"cannot reach {self.base_url}{path}: {exc}; is the server running?") \
                    from exc
            if response.status_code != 429 or attempt == self.max_rate_limit_waits:
                break
            # The deployment's rate limit applies to evaluators too: wait as told instead of failing the run.
            time.sleep(min(60.0, float(response.headers.get("Retry-After", "1") or 1)))
        return self._json(response, path)

    def _json(self, response: httpx.Response, path: str) -> dict[str, Any]:
        if response.status_code >= 400:
            raise BackendUnavailable(f"{self.base_url}{path} answered {response.status_code}: "
                                     f"{response.text[:300]}")
        return response.json()


def bind_session(chat: Callable[[str, str | None], dict[str, Any]]) -> Callable[[str], dict[str, Any]]:
    """Turn `chat(message, session_id)` into `ask(message)` that carries the session id from turn to turn."""
    state: dict[str, str | None] = {"session_id": None}

    def ask(message: str) -> dict[str, Any]:
        response = chat(message, state["session_id"])
        state["session_id"] = response.get("session_id") or state["session_id"]
        return response

    return ask
