"""Prometheus metrics with one registry per app (tests build many apps; the global registry would collide).

Requests and latency per route template (never the raw path: ids in paths would explode the label set),
answers per guardrail action and rule, redactions per entity type, backend fallbacks per reason.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corpus.types import Answer

CIRCUIT_STATES = {"closed": 0, "half_open": 1, "open": 2}
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


class Metrics:
    """The app's metrics. With `multiprocess_dir` (several `serve` workers, PROMETHEUS_MULTIPROC_DIR set for them
    by `serve`), every worker writes its values there and `render` adds up all workers' values."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        self.multiprocess_dir = multiprocess_dir
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("ba_http_requests", "HTTP requests by method, route template and status.",
                                ["method", "route", "status"], registry=r)
        self.latency = Histogram("ba_http_request_duration_seconds", "Time until the response was fully sent.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=r)
        self.answers = Counter("ba_answers", "Answers by guardrail action and answer mode.", ["action", "mode"],
                               registry=r)
        self.guardrail = Counter("ba_guardrail_actions", "Guardrail decisions by action and policy rule.",
                                 ["action", "rule"], registry=r)
        self.redactions = Counter("ba_redactions", "Personal data redacted from questions, by entity type.",
                                  ["type"], registry=r)
        self.fallbacks = Counter("ba_backend_fallbacks", "Answers that fell back to the extractive composer.",
                                 ["backend", "reason"], registry=r)
        self.answer_latency = Histogram("ba_answer_duration_seconds", "Pipeline time per answer.", ["mode"],
                                        buckets=LATENCY_BUCKETS, registry=r)
        self.rate_limited = Counter("ba_rate_limited", "Requests refused by the per-client rate limit.",
                                    registry=r)
        self.feedback = Counter("ba_feedback", "Feedback received, by rating.", ["rating"], registry=r)
        self.store_unavailable = Counter("ba_store_unavailable", "Requests that found a shared store (Redis, "
                                         "PostgreSQL) unreachable, by store.", ["store"], registry=r)
        self.audit_buffered = Gauge("ba_audit_buffered", "Audit records waiting in memory for the database.",
                                    registry=r, multiprocess_mode="livesum")
        self.audit_dropped = Counter("ba_audit_dropped", "Audit records dropped because the buffer was full.",
                                     registry=r)
        self.llm_calls = Counter("ba_llm_calls", "Language model calls by outcome: ok, timeout, error, cancelled "
                                 "(the client left), circuit_open (skipped by the breaker).", ["outcome"], registry=r)
        self.llm_circuit = Gauge("ba_llm_circuit_state", "The language model's circuit breaker: 0 closed, "
                                 "1 half-open, 2 open (extractive answers only).", registry=r,
                                 multiprocess_mode="max")  # several workers: the worst of them
        self.llm_circuit_opened = Counter("ba_llm_circuit_opened", "Times the circuit breaker opened.", registry=r)
        self.ready = Gauge("ba_ready", "1 when the index and guardrails are loaded.", registry=r,
                           multiprocess_mode="livemin")  # several workers: 1 only when every live one is

    def observe_answer(self, answer: Answer) -> None:
        self.answers.labels(answer.action, answer.mode).inc()
        self.guardrail.labels(answer.action, answer.rule or "none").inc()
        for r in answer.redactions:
            self.redactions.labels(r.type).inc()
        reason = answer.meta.get("fallback_reason")
        if reason:
            label = str(reason).split(":", 1)[0].strip().replace(" ", "_")[:40]
            self.fallbacks.labels(str(answer.meta.get("backend") or "unknown"), label).inc()
        if "latency_ms" in answer.meta:
            self.answer_latency.labels(answer.mode).observe(float(answer.meta["latency_ms"]) / 1000)

    def watch_llm(self, generator: Any) -> None:
        """Count the calls and circuit changes of an LLM generator (nothing for the extractive composer)."""
        if callable(getattr(generator, "subscribe", None)):
            generator.subscribe(self.observe_llm)
        self.refresh_llm(generator)

    def observe_llm(self, kind: str, value: str) -> None:
        if kind == "call":
            self.llm_calls.labels(value).inc()
        elif kind == "circuit":
            self.llm_circuit.set(CIRCUIT_STATES.get(value, 0))
            if value == "open":
                self.llm_circuit_opened.inc()

    def refresh_llm(self, generator: Any) -> None:
        """Set the circuit gauge from the generator (an open circuit turns half-open by time alone)."""
        health = getattr(generator, "health", None)
        if callable(health):
            self.llm_circuit.set(CIRCUIT_STATES.get(health().get("circuit"), 0))

    def render(self) -> bytes:
        if self.multiprocess_dir is None:
            return generate_latest(self.registry)
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=str(self.multiprocess_dir))
        return generate_latest(registry)


class MetricsMiddleware:
    """Counts every HTTP request and times it until its last body byte (so SSE streams are timed whole)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def counting_send(msg: Message) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
            await send(msg)

        try:
            await self.app(scope, receive, counting_send)
        finally:
            route = _route_template(scope)
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - started)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    return path or "unmatched"
