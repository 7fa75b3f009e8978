"""Gate a run against `evals/thresholds.yaml`: every metric path has a minimum (or a maximum) it must keep.

Metric paths are the flattened keys of the report's `results`, e.g. `retrieval.configured.recall@5` or
`pii.recall`. Only suites that ran are checked; a threshold whose metric is missing from a suite that ran (or
failed) is itself a failure, so a broken suite never passes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


@dataclass(frozen=True)
class Failure:
    metric: str
    value: float | None
    bound: float
    kind: str  # "min" | "max"

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.metric}: missing (threshold {self.kind} {self.bound})"
        op = ">=" if self.kind == "min" else "<="
        return f"{self.metric}: {self.value:.4g}, must be {op} {self.bound:g}"


def flatten(value: Any, prefix: str = "") -> dict[str, float]:
    """Numeric leaves of nested dicts as {"a.b.c": x}; lists (misses, raw distributions) and booleans are left out."""
    out: dict[str, float] = {}
    if isinstance(value, Mapping):
        for key, child in value.items():
            out.update(flatten(child, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out[prefix] = float(value)
    return out


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> dict[str, dict[str, float]]:
    """`{"min": {metric: bound}, "max": {metric: bound}}` from the YAML file; unknown top-level keys are refused."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    unknown = set(raw) - {"min", "max"}
    if unknown:
        raise ValueError(f"{path}: top-level keys must be 'min' and/or 'max', got {sorted(unknown)}")
    return {kind: {str(k): float(v) for k, v in (raw.get(kind) or {}).items()} for kind in ("min", "max")}


def check(report: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]]) -> list[Failure]:
    """The thresholds the report breaks, in file order; empty means the run passes."""
    metrics = flatten(report.get("results", {}))
    ran = set(report.get("results", {})) | set(report.get("errors", {}))
    failures = []
    for kind in ("min", "max"):
        for metric, bound in thresholds.get(kind, {}).items():
            if metric.split(".", 1)[0] not in ran:
                continue
            value = metrics.get(metric)
            if value is None or (kind == "min" and value < bound) or (kind == "max" and value > bound):
                failures.append(Failure(metric, value, bound, kind))
    return failures


def checked_metrics(report: Mapping[str, Any], thresholds: Mapping[str, Mapping[str, float]]) -> int:
    """How many thresholds applied to this run (for the summary line)."""
    ran = set(report.get("results", {})) | set(report.get("errors", {}))
    return sum(1 for kind in ("min", "max") for m in thresholds.get(kind, {}) if m.split(".", 1)[0] in ran)
