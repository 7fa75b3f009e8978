"""The eval runner: a registry of suites, the context they run in, and one run that yields the report data.

A suite is `callable(context) -> dict` of metrics. The context hides where the assistant lives: in this process
(`build_assistant(settings)`) or behind a running deployment (`--url`, via the HTTP API contract), so the same
suites judge both. Dataset paths default to `evals/data/` and can be replaced per suite (`--data pii=my.jsonl`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from assistant.settings import Settings
from evals.datasets import read_jsonl
from evals.http_client import bind_session

log = logging.getLogger(__name__)

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


def suites() -> dict[str, Callable[[Context], dict[str, Any]]]:
    """The registry, in run order (latency last: it summarises the timings the other suites recorded)."""
    from evals import suites as s

    return {"retrieval": s.retrieval_suite, "answers": s.answers_suite, "multiturn": s.multiturn_suite,
            "pii": s.pii_suite, "policy": s.policy_suite, "latency": s.latency_suite}


ALL_SUITES = ("retrieval", "answers", "multiturn", "pii", "policy", "latency")
# What CI runs with --check: the deterministic suites, retrieval with the configured method only. Latency only
# summarises the timings the others already recorded, so it costs nothing extra.
FAST_SUITES = ALL_SUITES


def run_eval(ctx: Context, names: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the named suites (all by default) and return the report data: meta, configuration, results, errors.

    A suite that fails is recorded under `errors` (the run goes on), so `--check` reports its metrics missing.
    """
    from evals.environment import describe_configuration

    registry = suites()
    chosen = list(names or (FAST_SUITES if ctx.fast else ALL_SUITES))
    unknown = [n for n in chosen if n not in registry]
    if unknown:
        raise ValueError(f"unknown suite(s) {unknown}; valid: {sorted(registry)}")
    chosen = [n for n in registry if n in chosen]  # registry order
    started, started_at = time.perf_counter(), datetime.now(timezone.utc)
    results: dict[str, Any] = {}
    errors: dict[str, str] = {}
    durations: dict[str, float] = {}
    for name in chosen:
        t = time.perf_counter()
        try:
            results[name] = registry[name](ctx)
        except Exception as exc:  # noqa: BLE001 - one broken suite must not hide the others' numbers
            log.exception("suite %s failed", name)
            errors[name] = f"{type(exc).__name__}: {exc}"
        durations[name] = round(time.perf_counter() - t, 2)
    return {
        "meta": {
            "timestamp": started_at.isoformat(timespec="seconds"),
            "target": ctx.target, "suites": chosen, "fast": ctx.fast, "limit": ctx.limit,
            "datasets": {n: str(ctx.dataset(n)) for n in chosen},
            "duration_s": round(time.perf_counter() - started, 2), "suite_durations_s": durations,
        },
        "config": describe_configuration(ctx),
        "results": results,
        "errors": errors,
    }

