"""The eval runner: the registry of suites (evals/suites.py) run in one Context (evals/context.py), yielding the
report data.

A suite is `callable(context) -> dict` of metrics.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from typing import Any, Sequence

from evals.context import DEFAULT_FILES, Context
from evals.suites import SUITES

__all__ = ["ALL_SUITES", "DEFAULT_FILES", "FAST_SUITES", "Context", "run_eval", "suites"]

log = logging.getLogger(__name__)


def suites() -> dict[str, Any]:
    """The registry, in run order (latency last: it summarises the timings the other suites recorded)."""
    return dict(SUITES)


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

