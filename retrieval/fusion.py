"""Fusion of BM25 and dense rankings at document level: reciprocal rank fusion or weighted normalised scores."""

from __future__ import annotations

from typing import Mapping, Sequence


def best_per_doc(doc_ids: Sequence[str], chunk_indices: Sequence[int], scores: Sequence[float]
                 ) -> dict[str, tuple[float, int]]:
    """Collapse a chunk ranking to {doc_id: (best score, best chunk index)}, keeping rank order of first hits."""
    out: dict[str, tuple[float, int]] = {}
    for idx, score in zip(chunk_indices, scores):
        doc = doc_ids[int(idx)]
        if doc not in out or score > out[doc][0]:
            out[doc] = (float(score), int(idx))
    return dict(sorted(out.items(), key=lambda kv: -kv[1][0]))


def rrf(rankings: Mapping[str, Sequence[str]], k: int = 60, weights: Mapping[str, float] | None = None
        ) -> dict[str, float]:
    """Reciprocal rank fusion: sum over rankings of weight / (k + rank), ranks from 1; best first."""
    fused: dict[str, float] = {}
    for name, ranking in rankings.items():
        w = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, doc in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + w / (k + rank)
    return dict(sorted(fused.items(), key=lambda kv: -kv[1]))


def weighted(scores: Mapping[str, Mapping[str, float]], weights: Mapping[str, float], floor_rank: int = 30
             ) -> dict[str, float]:
    """Weighted sum of min-max normalised scores; best first.

    Each method's best document scores 1 and its document at `floor_rank` (or its last one) scores 0, so BM25's
    open-ended scores and the dense model's compressed cosines (often all within 0.3..0.6) become comparable.
    """
    fused: dict[str, float] = {}
    for name, per_doc in scores.items():
        if not per_doc:
            continue
        ordered = sorted(per_doc.values(), reverse=True)
        top, floor = ordered[0], ordered[min(floor_rank, len(ordered)) - 1]
        if len(ordered) == 1 or top <= floor:
            floor = 0.0 if top > 0 else top - 1.0
        for doc, s in per_doc.items():
            fused[doc] = fused.get(doc, 0.0) + weights.get(name, 1.0) * max(s - floor, 0.0) / (top - floor)
    return dict(sorted(fused.items(), key=lambda kv: -kv[1]))
