"""Calibrated confidence that the top document answers the query, from signals of both retrievers.

Signals: query coverage (share of query terms the index knows after typo correction: nonsense and foreign
questions score low), whether BM25 and dense agree on the top document, the dense cosine of the best chunk, the
BM25 margin of the top document over the second, and the fused margin. A logistic function maps them to 0..1. The
coefficients depend on the embedder (its cosines live in different ranges) and the fusion; they are fitted on the
development questions plus off-topic ones by `python -m evals.fit_confidence` and stored per embedder in
`retrieval/data/confidence.json` (data, not code), never refitted at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.errors import ConfigurationError


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


DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "confidence.json"


@lru_cache(maxsize=8)
def _stored(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"confidence coefficients {path} cannot be read ({exc}); refit them with "
                                 "`python -m evals.fit_confidence`") from exc


def gate_for(embedder: str | None, path: Path | None = None) -> tuple[dict[str, float], float | None]:
    """(fitted intercept and weight per signal, fitted threshold or None) for an embedder's name; BM25-only
    retrieval has its own entry ("none")."""
    stored = _stored(Path(path or DEFAULT_PATH))
    entry = stored["by_embedder"].get(embedder or "none") or stored["by_embedder"].get("fallback")
    if entry is None:
        raise ConfigurationError(f"no confidence coefficients for embedder {embedder!r} in {path or DEFAULT_PATH}; "
                                 "fit them with `python -m evals.fit_confidence`")
    return entry["coefficients"], entry.get("min_confidence")


COEFFICIENTS: dict[str, float] = {  # used only where no coefficients are passed (unit tests of the mechanism)
    "intercept": -4.0, "coverage": 1.05, "agree": 1.08, "dense_top": 0.81, "bm25_margin": 3.89,
    "bm25_top": 0.093, "fused_margin": 2.59,
}


def confidence(signals: Signals, coefficients: dict[str, float] | None = None) -> float:
    c = coefficients or COEFFICIENTS
    z = c["intercept"] + sum(c[name] * value for name, value in signals.__dict__.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
