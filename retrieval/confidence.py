"""Calibrated confidence that the top document answers the query, from signals of both retrievers.

Signals: query coverage (share of query terms the index knows after typo correction: nonsense and foreign
questions score low), whether BM25 and dense agree on the top document, the dense cosine of the best chunk, the
BM25 margin of the top document over the second, and the fused margin. A logistic function maps them to 0..1; the
coefficients were fitted once on the development set plus off-topic queries (see `buergerassistent eval
retrieval`, which reports the separation) and are kept here as constants, not refitted at run time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Signals:
    coverage: float = 0.0       # known query terms / query terms, 0..1
    agree: float = 0.0          # 1 when BM25 and dense rank the same document first
    dense_top: float = 0.0      # cosine of the best dense chunk
    bm25_margin: float = 0.0    # 1 - second / first BM25 document score, 0..1
    bm25_top: float = 0.0       # best BM25 document score
    fused_margin: float = 0.0   # 1 - second / first fused score, 0..1

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.__dict__.items()}


# (intercept, weights per signal); fitted with `evals/retrieval_eval.py --fit-confidence`.
COEFFICIENTS: dict[str, float] = {
    "intercept": -4.0, "coverage": 1.05, "agree": 1.08, "dense_top": 0.81, "bm25_margin": 3.89,
    "bm25_top": 0.093, "fused_margin": 2.59,
}


def confidence(signals: Signals, coefficients: dict[str, float] | None = None) -> float:
    c = coefficients or COEFFICIENTS
    z = c["intercept"] + sum(c[name] * value for name, value in signals.__dict__.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
