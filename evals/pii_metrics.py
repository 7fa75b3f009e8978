"""Span metrics of the PII evaluation (pure functions, unit-tested).

A gold entity counts as found when the predicted spans of the same type cover every letter and digit of it
(what matters for redaction is that nothing readable is left). A predicted span counts as correct when it
overlaps a gold span of the same type. F2 weights recall four times as much as precision: a missed
identifier leaks, an extra placeholder only costs readability.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0


@dataclass
class Tally:
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def add(self, text: str, gold: list[dict], predicted: list[dict]) -> None:
        for g in gold:
            c = self.per_type[g["type"]]
            c.gold += 1
            c.found += covered(text, g, [p for p in predicted if p["type"] == g["type"]])
        for p in predicted:
            c = self.per_type[p["type"]]
            c.predicted += 1
            c.correct += any(g["type"] == p["type"] and overlaps(g, p) for g in gold)

    def total(self, types: set[str] | None = None) -> Counts:
        out = Counts()
        for t, c in self.per_type.items():
            if types is None or t in types:
                out.gold += c.gold
                out.found += c.found
                out.predicted += c.predicted
                out.correct += c.correct
        return out


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def covered(text: str, gold: dict, spans: list[dict]) -> bool:
    """Every alphanumeric character of the gold span lies inside one of `spans`."""
    for i in range(gold["start"], gold["end"]):
        if text[i].isalnum() and not any(s["start"] <= i < s["end"] for s in spans):
            return False
    return True


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]
