"""Input classifier: which policy rule, if any, a citizen's message triggers.

Two layers over the normalised message (guardrails/normalize.py). First the trigger patterns (guardrails/patterns.py),
high-precision boosters, also applied to text decoded from base64/hex chunks and, for injections only, to the rot13
reading of the message; several matching rules resolve by `PRIORITY` (danger to people first). When no pattern
matches, the learned model decides (guardrails/policy_model.py: logistic regression over character n-grams and the
multilingual sentence embedding, with per-rule thresholds fitted by cross-validation). A message that asks about a
city service (guardrails/patterns.py `SERVICE_REQUEST`) is never out_of_scope, whichever layer says so. The model
loads in `load()`, never at import.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from corpus.errors import ConfigurationError
from guardrails.policy_model import PolicyModel, embedding_text
from retrieval.embedders import query_vectors
from guardrails.normalize import decode_payloads, fold, rot13, variants
from guardrails.patterns import RULE_PATTERNS, asks_for_procedure, asks_for_service, matches, prefilter
from guardrails.policy import PRIORITY, Policy

DEFAULT_EXEMPLARS_PATH = Path(__file__).with_name("exemplars.yaml")
BENIGN = "benign"
# Rules the similarity layer may only give when the message does not plainly ask how to apply or register: it sees
# that "Wie beantrage ich Wohngeld? Ich verdiene 1.400 Euro" looks like "Reicht mein Einkommen für Wohngeld?".
SIMILARITY_YIELDS_TO_PROCEDURE = frozenset({"individual_decision", "individual_advice"})


@dataclass(frozen=True)
class Classification:
    """The rule a message triggers (None: a normal question), the policy's action, a 0..1 score and why."""

    rule: str | None
    action: str  # "answer" | "handoff" | "refuse" | "referral"
    score: float
    reasons: tuple[str, ...] = ()
    allow_answer: bool = True


class PolicyClassifier:
    """Rules first, exemplar similarity second; see the module docstring."""

    def __init__(self, policy: Policy, exemplars_path: Path | None = None, threshold: float = 0.5,
                 margin: float = 0.08, ngram_range: tuple[int, int] = (3, 5), *, model_path: Path | None = None,
                 embedder: Any | None = None, use_model: bool = True) -> None:
        """`use_model` False keeps the former exemplar-similarity layer (for comparison); `embedder` gives the
        model's joint head the message's meaning (without it, or with another embedder than the model was fitted
        with, the n-gram head decides alone)."""
        if not 0 < threshold < 1:
            raise ConfigurationError(f"similarity threshold must be in (0, 1), got {threshold}")
        if margin < 0:
            raise ConfigurationError(f"similarity margin must be >= 0, got {margin}")
        self.policy = policy
        self.exemplars_path = Path(exemplars_path) if exemplars_path else DEFAULT_EXEMPLARS_PATH
        self.threshold = threshold
        self.margin = margin
        self.ngram_range = ngram_range
        self._vectorizer = None
        self._matrix = None
        self._labels: np.ndarray | None = None
        self._analyze = None
        self._label_rows: dict[str, np.ndarray] = {}
        self.model_path, self.embedder, self.use_model = model_path, embedder, use_model
        self.model: PolicyModel | None = None

    def load(self) -> PolicyClassifier:
        """Read the exemplars and fit the vectorizer (a few milliseconds; call once at start-up)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        exemplars = load_exemplars(self.exemplars_path)
        texts = [variants(t)[-1] for _, t in exemplars]
        self._labels = np.array([label for label, _ in exemplars])
        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range, sublinear_tf=True,
                                           min_df=1)
        self._matrix = self._vectorizer.fit_transform(texts)
        self._analyze = self._vectorizer.build_analyzer()
        self._label_rows = {label: np.flatnonzero(self._labels == label) for label in set(self._labels)}
        for pattern in RULE_PATTERNS.values():
            prefilter(pattern)  # parse the rules now rather than on the first message
        if self.use_model:
            self.model = PolicyModel.load(self.model_path)
            fitted_for = self.model.meta.get("embedder")
            if self.embedder is not None and fitted_for != getattr(self.embedder, "model", None):
                self.embedder = None  # the joint head's embedding weights belong to another model
        return self

    @property
    def loaded(self) -> bool:
        return self._vectorizer is not None

    def classify(self, text: str) -> Classification:
        if not self.loaded:
            self.load()
        forms = [(form, "") for form in variants(text)]
        for encoding, decoded in decode_payloads(text):
            forms += [(form, f"decoded {encoding}") for form in variants(decoded)]
        hits = self._pattern_hits(forms)
        rot = rot13(fold(text))
        hits += [("injection", f"rot13: {m}") for m in matches("injection", rot)]
        # A question about a city service is in scope even when it names a phone, a football or a recipe.
        service = any(asks_for_service(form) for form, _ in forms)
        if service:
            hits = [(r, why) for r, why in hits if r != "out_of_scope"]
        if hits:
            rule = min((r for r, _ in hits), key=PRIORITY.index)
            return self._result(rule, 1.0, tuple(f"pattern {r}: {why}" for r, why in hits if r == rule))
        if self.model is not None:
            rule, score, reason = self._learned(text, forms)
        else:
            rule, score, reason = max((self._similar(form, note) for form, note in forms), key=lambda s: s[1])
        if rule == "out_of_scope" and service:
            rule, reason = None, f"{reason}; asks about a city service"
        elif rule in SIMILARITY_YIELDS_TO_PROCEDURE and any(asks_for_procedure(form) for form, _ in forms):
            rule, reason = None, f"{reason}; asks for the procedure"
        if rule is None:
            return Classification(rule=None, action="answer", score=round(score, 3), reasons=(reason,))
        return self._result(rule, score, (reason,))

    def _learned(self, text: str, forms: list[tuple[str, str]]) -> tuple[str | None, float, str]:
        """The model's decision over the message (its de-obfuscated folded form, and its meaning where an embedder
        is set) and over any decoded payload (n-grams only); the most urgent rule decided wins."""
        vector = query_vectors(self.embedder, [embedding_text(text)])[0] if self.embedder is not None else None
        readings = [(variants(text)[-1], vector, self.model.head_for(vector), "")]
        readings += [(form, None, "text", note + " ") for form, note in forms if note]
        decided: list[tuple[str | None, float, str]] = []
        for folded, vec, head, note in readings:
            probs = self.model.probabilities(folded, vec, head)
            rule = self.model.decide(probs, head)
            top = int(np.argmax(probs))
            score = float(probs[self.model.classes.index(rule)]) if rule else float(probs[top])
            decided.append((rule, score, f"{note}model ({head}): {self.model.classes[top]} {probs[top]:.2f}"))
        rules = [d for d in decided if d[0] is not None]
        if not rules:
            return max(decided, key=lambda d: d[1])
        return min(rules, key=lambda d: PRIORITY.index(d[0]))

    def _pattern_hits(self, forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
        hits = []
        for rule in RULE_PATTERNS:
            for form, note in forms:
                hits += [(rule, f"{note}: {m}" if note else m) for m in matches(rule, form)]
        return hits

    def _similar(self, form: str, note: str) -> tuple[str | None, float, str]:
        """Nearest exemplar per label; a rule only when above threshold and `margin` ahead of benign."""
        sims = self._matrix @ self._vector(form)
        best_per_label = {label: float(sims[rows].max()) for label, rows in self._label_rows.items()}
        benign = best_per_label.pop(BENIGN, 0.0)
        label, score = max(best_per_label.items(), key=lambda kv: kv[1], default=(None, 0.0))
        prefix = f"{note} " if note else ""
        if label is not None and score >= self.threshold and score - benign >= self.margin:
            return label, score, f"{prefix}similar to {label} exemplars ({score:.2f} vs benign {benign:.2f})"
        return None, max(score, benign), f"{prefix}nearest {label} {score:.2f}, benign {benign:.2f}"

    def _vector(self, form: str) -> np.ndarray:
        """`self._vectorizer.transform([form])` as a dense row: the same numbers (1 + log tf, times idf, l2 norm summed
        in index order like scikit-learn's `inplace_csr_row_normalize_l2`), without the input validation and sparse
        bookkeeping that made up ~85% of the classifier's time on one short message."""
        vocabulary = self._vectorizer.vocabulary_
        counts: dict[int, int] = {}
        for feature in self._analyze(form):
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        indices = np.array(sorted(counts), dtype=np.int32)
        weights = np.array([counts[i] for i in sorted(counts)], dtype=np.float64)
        np.log(weights, weights)
        weights += 1.0
        weights *= self._vectorizer.idf_[indices]
        square_sum = 0.0
        for w in weights.tolist():
            square_sum += w * w
        if square_sum != 0.0:
            weights /= math.sqrt(square_sum)
        row = np.zeros(len(vocabulary))
        row[indices] = weights
        return row

    def _result(self, rule: str, score: float, reasons: tuple[str, ...]) -> Classification:
        policy_rule = self.policy.rule(rule)
        return Classification(rule=rule, action=policy_rule.action, score=round(score, 3), reasons=reasons,
                              allow_answer=policy_rule.allow_answer)


def load_exemplars(path: Path) -> list[tuple[str, str]]:
    """(label, text) pairs; labels are the classifier's rule names or `benign`."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"exemplars file {path} cannot be read: {exc}") from exc
    valid = set(RULE_PATTERNS) | {BENIGN}
    if not isinstance(raw, dict) or set(raw) - valid:
        raise ConfigurationError(f"exemplars file {path}: top-level keys must be among {sorted(valid)}, "
                                 f"got {sorted(raw) if isinstance(raw, dict) else type(raw).__name__}")
    missing = valid - set(raw)
    if missing:
        raise ConfigurationError(f"exemplars file {path}: every label needs exemplars; missing {sorted(missing)}")
    pairs = []
    for label, texts in raw.items():
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise ConfigurationError(f"exemplars file {path}: {label!r} must be a list of non-empty strings")
        pairs += [(label, t) for t in texts]
    return pairs
