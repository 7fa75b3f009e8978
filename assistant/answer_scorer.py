"""Which sentences of a document answer a question: a logistic scorer over features that carry to any catalogue.

Every sentence and list item of the retrieved document is a candidate. Its features: how close it is in meaning to
the question (the multilingual embedder, query role against passage role), how many of the question's own words it
shares, whether it contains what the question type asks for (an amount, a duration, an age, a deadline, a time, a
place: `intents.ANSWER_CUES` over the asked `intents`), whether it stands in the section the question asks about,
where it stands, whether it is a list item, whether it lies in the passage retrieval found, and whether the intent
rules would quote it. The weights are
fitted on the development questions (`python -m evals.fit_answer_scorer`, cross-validated by question) and stored
in `assistant/data/answer_scorer.json`; nothing here is tuned by hand. The hand-written intent rules are one feature
among these, not the selection itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.fitted import read_weights
from assistant.intents import ANSWER_CUES, SECTION_OF, fold
from assistant.textunits import age_fit, term_set
from corpus.errors import ConfigurationError

DEFAULT_WEIGHTS = Path(__file__).resolve().parent / "data" / "answer_scorer.json"

FEATURES = (
    "cosine", "cosine_gap", "cosine_rank", "shared_terms", "shared_share", "answer_cue", "asked_section",
    "no_intent", "overview", "first_in_section", "position", "is_item", "has_number", "age_fit", "in_passage",
    "yes_no_modal", "length", "rule_pick",
)

_NUMBER = re.compile(r"\d")
_MODAL = re.compile(r"\b(muss|muessen|kann|koennen|darf|duerfen|brauchen|nicht|kein\w*|nur|pflicht\w*|erforderlich)\b")


@dataclass(frozen=True)
class Candidate:
    """A sentence or list item of a document, where it stands, and the text it reads as when quoted alone."""

    text: str
    shown: str
    section: str
    index: int          # position in the document (0-based, over all units)
    section_index: int  # position in its section
    is_item: bool
    lead: str = ""


@dataclass(frozen=True)
class QuestionView:
    """What the scorer needs of a question: its vector, terms (without the document title's), intents, age."""

    vector: np.ndarray
    terms: frozenset[str]
    intents: tuple[str, ...]
    yes_no: bool
    age: int | None
    rule_picks: frozenset[str] = frozenset()  # what the intent rules would quote (the rule-based composer)


def features(q: QuestionView, cands: Sequence[Candidate], vectors: np.ndarray, passage_text: str = ""
             ) -> np.ndarray:
    """One row of FEATURES per candidate (vectors: their passage vectors, L2-normalised)."""
    if not cands:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    cos = vectors @ q.vector
    top = float(cos.max())
    order = np.argsort(-cos, kind="stable")
    rank = np.empty(len(cands), dtype=np.int64)
    rank[order] = np.arange(1, len(cands) + 1)
    wanted = {SECTION_OF.get(i, "") for i in q.intents} - {""}
    cues = [ANSWER_CUES[i] for i in q.intents if i in ANSWER_CUES]
    n_units = max(c.index for c in cands) + 1
    passage = fold(" ".join(passage_text.split()))
    rows = []
    for k, c in enumerate(cands):
        folded = fold(c.shown)
        shared = len(q.terms & term_set(c.shown))
        fit = age_fit(c.shown, q.age) if q.age is not None else None
        rows.append((
            float(cos[k]), float(cos[k]) - top, 1.0 / rank[k], min(shared, 5) / 5.0,
            shared / max(1, len(q.terms)), float(any(p.search(folded) for p in cues)), float(c.section in wanted),
            float(not q.intents), float(c.section == "Überblick"), float(c.section_index == 0), c.index / n_units,
            float(c.is_item), float(bool(_NUMBER.search(c.text))), float(fit or 0),
            float(bool(passage) and fold(" ".join(c.text.split())) in passage),
            float(q.yes_no and bool(_MODAL.search(folded))), math.log1p(len(c.text.split())) / 4.0,
            float(c.text in q.rule_picks or c.shown in q.rule_picks),
        ))
    return np.asarray(rows, dtype=np.float64)


class AnswerScorer:
    """Logistic model over FEATURES with the stored weights; `score` gives 0..1 per candidate."""

    def __init__(self, weights: dict[str, float], intercept: float, mean: Sequence[float], scale: Sequence[float],
                 select: dict[str, float] | None = None, meta: dict | None = None) -> None:
        missing = [f for f in FEATURES if f not in weights]
        if missing:
            raise ConfigurationError(f"answer scorer weights lack features {missing}; refit with "
                                     "`python -m evals.fit_answer_scorer`")
        self.coef = np.array([weights[f] for f in FEATURES], dtype=np.float64)
        self.intercept = float(intercept)
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        # Selection: every candidate within `relative` of the best one's probability and above `floor`.
        self.select = {"relative": 0.5, "floor": 0.15, **(select or {})}
        self.meta = meta or {}

    @classmethod
    def load(cls, path: Path | None = None) -> "AnswerScorer":
        raw = read_weights(Path(path or DEFAULT_WEIGHTS), FEATURES, "answer scorer",
                           "python -m evals.fit_answer_scorer")
        return cls(dict(zip(raw["features"], raw["coef"])), raw["intercept"], raw["mean"], raw["scale"],
                   raw.get("select"), raw.get("meta"))

    def score(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros(0)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def chosen(self, probs: np.ndarray, limit: int) -> list[int]:
        """Indices of the candidates to quote, best first: close to the best one and above the floor."""
        if len(probs) == 0:
            return []
        best = float(probs.max())
        order = [int(i) for i in np.argsort(-probs, kind="stable")]
        keep = [i for i in order if probs[i] >= max(self.select["floor"], best * self.select["relative"])]
        return keep[:limit] or order[:1]

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "coef": [round(float(c), 6) for c in self.coef],
                "intercept": round(self.intercept, 6), "mean": [round(float(m), 6) for m in self.mean],
                "scale": [round(float(s), 6) for s in self.scale], "select": self.select, "meta": self.meta}
