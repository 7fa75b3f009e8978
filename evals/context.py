"""The context an eval suite runs in: settings, the assistant (in process) or a deployment's HTTP API, datasets.

The context hides where the assistant lives: in this process (`build_assistant(settings)`) or behind a running
deployment (`--url`, via the HTTP API contract), so the same suites judge both. Dataset paths default to
`evals/data/` and can be replaced per suite (`--data pii=my.jsonl`). Suites (evals/suites.py) import this module;
the runner (evals/runner.py) imports both, so nothing here imports back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from assistant.settings import Settings
from evals.datasets import read_jsonl
from evals.http_client import bind_session

DEFAULT_FILES = {
    "retrieval": "retrieval_dev.jsonl",
    "answers": "answers_dev.jsonl",
    "multiturn": "multiturn_dev.jsonl",
    "pii": "pii_test.jsonl",
    "policy": "policy_dev.jsonl",
    "latency": "answers_dev.jsonl",
}


@dataclass
class Context:
    """What a suite needs: settings, the assistant (in process) or HTTP client (`url`), datasets, progress."""

    settings: Settings
    data: dict[str, Path] = field(default_factory=dict)
    url: str | None = None
    api_key: str | None = None  # staff key of the deployment, for /api/v1/search
    limit: int | None = None
    fast: bool = False
    show_progress: bool = True
    assistant_factory: Callable[[Settings], Any] | None = None
    client_factory: Callable[[str], Any] | None = None
    stage_timings: list[dict[str, float]] = field(default_factory=list)
    _assistant: Any = None
    _client: Any = None

    @property
    def target(self) -> str:
        return self.url or "in-process"

    def dataset(self, suite: str) -> Path:
        if suite in self.data:
            return Path(self.data[suite])
        return Path(self.settings.eval.data_dir) / DEFAULT_FILES[suite]

    def rows(self, suite: str) -> list[dict[str, Any]]:
        """The suite's dataset; with `limit`, that many rows spread evenly over the file.

        Dev sets are grouped by topic or category, so the first N rows would test one category only.
        """
        rows = read_jsonl(self.dataset(suite))
        if not self.limit or self.limit >= len(rows):
            return rows
        return [rows[i * len(rows) // self.limit] for i in range(self.limit)]

    def progress(self, items: Iterable, desc: str) -> Iterable:
        if not self.show_progress:
            return items
        from tqdm import tqdm

        return tqdm(items, desc=f"{desc:<10}", unit="q", leave=True, dynamic_ncols=True)

    @property
    def assistant(self) -> Any:
        if self.url:
            raise RuntimeError("no in-process assistant when evaluating a deployment via --url")
        if self._assistant is None:
            factory = self.assistant_factory
            if factory is None:
                from assistant.build import build_assistant as factory
            self._assistant = factory(self.settings)
        return self._assistant

    @property
    def client(self) -> Any:
        if self._client is None:
            if not self.url:
                raise RuntimeError("no HTTP client without --url")
            if self.client_factory is not None:
                self._client = self.client_factory(self.url)
            else:
                from evals.http_client import HttpAssistantClient

                self._client = HttpAssistantClient(self.url, api_key=self.api_key)
        return self._client

    def ask(self, message: str, session_id: str | None = None) -> dict[str, Any]:
        """One chat turn, as the chat response dict of the HTTP contract; stage timings are recorded."""
        if self.url:
            response = self.client.chat(message, session_id)
        else:
            response = self.assistant.answer(message, session_id=session_id).to_response()
        self._record(response)
        return response

    def new_conversation(self) -> Callable[[str], dict[str, Any]]:
        return bind_session(self.ask)

    def _record(self, response: Mapping[str, Any]) -> None:
        meta = response.get("meta") or {}
        timings = {k: float(v) for k, v in meta.items() if k.endswith("_ms") and isinstance(v, (int, float))}
        if timings:
            timings["_action"] = response.get("guardrail", {}).get("action")  # type: ignore[assignment]
            self.stage_timings.append(timings)
