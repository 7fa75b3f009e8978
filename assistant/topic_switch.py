"""Whether a turn in a conversation stays with its topic or moves to another matter: a fitted logistic decision.

A follow-up is searched either alone ("Wo melde ich Sperrmüll an?") or condensed with the topic's title in front
("Personalausweis beantragen: Was kostet das?"). Which reading is right is decided from what both searches found
and from meaning: how close the turn is to the topic's document and to the best other document (dense cosines of
the multilingual embedder), how confident each search is and whether it lands on the topic, how many of the turn's
topic words occur in the topic's document, and the shape of the turn (a new-topic marker, pronouns pointing back,
words of its own). The weights are fitted on training conversations (`python -m evals.fit_topic_switch`, data in
`assistant/data/multiturn_train.jsonl` plus the development conversations) and stored in
`assistant/data/topic_switch.json`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.fitted import read_weights

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "data" / "topic_switch.json"

FEATURES = (
    "alone_confidence", "alone_on_topic", "condensed_confidence", "condensed_on_topic", "dense_topic",
    "dense_other", "dense_margin", "topic_overlap", "new_topic_marker", "is_followup", "own_topic", "refers_back",
    "words",
)


@dataclass(frozen=True)
class TurnView:
    """What the decision reads of one turn; see FEATURES."""

    alone_confidence: float
    alone_on_topic: bool
    condensed_confidence: float
    condensed_on_topic: bool
    dense_topic: float
    dense_other: float
    topic_overlap: float
    new_topic_marker: bool
    is_followup: bool
    own_topic: bool
    refers_back: bool
    words: int

    def row(self) -> np.ndarray:
        return np.array([self.alone_confidence, float(self.alone_on_topic), self.condensed_confidence,
                         float(self.condensed_on_topic), self.dense_topic, self.dense_other,
                         self.dense_topic - self.dense_other, self.topic_overlap, float(self.new_topic_marker),
                         float(self.is_followup), float(self.own_topic), float(self.refers_back),
                         math.log1p(self.words)], dtype=np.float64)


class TopicSwitch:
    """P(the turn leaves its topic); `switches` compares it with the fitted threshold."""

    def __init__(self, coef: np.ndarray, intercept: float, mean: np.ndarray, scale: np.ndarray,
                 threshold: float = 0.5, meta: dict | None = None) -> None:
        self.coef, self.intercept = np.asarray(coef, dtype=np.float64), float(intercept)
        self.mean, self.scale = np.asarray(mean, dtype=np.float64), np.asarray(scale, dtype=np.float64)
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path | None = None) -> "TopicSwitch":
        raw = read_weights(Path(path or DEFAULT_WEIGHTS), FEATURES, "topic switch", "python -m evals.fit_topic_switch")
        return cls(raw["coef"], raw["intercept"], raw["mean"], raw["scale"], raw.get("threshold", 0.5),
                   raw.get("meta"))

    def probability(self, view: TurnView) -> float:
        z = float(((view.row() - self.mean) / self.scale) @ self.coef + self.intercept)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def switches(self, view: TurnView) -> bool:
        return self.probability(view) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "mean": [round(float(m), 6) for m in self.mean],
                "scale": [round(float(s), 6) for s in self.scale], "threshold": self.threshold, "meta": self.meta}


def turn_view(text: str, topic: str, topic_title: str | None, retriever: Any, alone: Any, condensed: Any
              ) -> TurnView:
    """Features of a turn from the two searches (`alone`, `condensed`: Retrieval) and the retriever's dense side."""
    from assistant.followup import has_own_topic, is_followup, new_topic_marker, refers_back

    top_alone = alone.passages[0].doc_id if alone.passages else None
    top_condensed = condensed.passages[0].doc_id if condensed.passages else None
    dense = getattr(retriever, "dense_doc_scores", None)
    scores = dense(text, topic) if dense is not None else {}
    on_topic = scores.get(topic, 0.0)
    other = max((s for d, s in scores.items() if d != topic), default=0.0)
    overlap = getattr(retriever, "topic_overlap", None)
    share = overlap(text, topic) if overlap is not None else None
    return TurnView(
        alone_confidence=float(alone.confidence), alone_on_topic=top_alone == topic,
        condensed_confidence=float(condensed.confidence), condensed_on_topic=top_condensed == topic,
        dense_topic=float(on_topic), dense_other=float(other), topic_overlap=1.0 if share is None else float(share),
        new_topic_marker=new_topic_marker(text), is_followup=is_followup(text), own_topic=has_own_topic(text),
        refers_back=refers_back(text), words=len(text.split()))
