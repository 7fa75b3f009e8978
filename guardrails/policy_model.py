"""A learned policy classifier: multinomial logistic regression over character n-grams and a sentence embedding.

Two views of a message complement each other. Character n-grams (TF-IDF within word boundaries, over the folded,
de-obfuscated text) see spelling: typos, compounds, leetspeak, the words of an injection in any script. The
multilingual sentence embedding (e5, query role) sees meaning: a poisoning told as a story without the word
"Notfall", discrimination asked as a polite favour, an opinion asked for without a party's name, the same request in
Turkish or Ukrainian. Both feed one linear model per rule; its weights, the n-gram vocabulary and the per-rule
decision thresholds are fitted by `python -m evals.fit_policy_model` on the training messages in
`guardrails/data/policy_train/` (cross-validated) and stored in `guardrails/data/policy_model.npz`.

The file holds two heads: `joint` (n-grams + embedding) for a deployment with the embedder it was fitted with, and
`text` (n-grams alone) for one without (tests, the hashing embedder). Decisions are made in `decide`: a rule wins
when its probability reaches its threshold; emergency and crisis are checked first (a missed emergency is the worst
error, a false alarm costs one sentence with 112).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from corpus.errors import ConfigurationError

DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "policy_model.npz"
BENIGN = "benign"
SAFETY_FIRST = ("emergency", "crisis")
NGRAM_RANGE = (2, 5)


def embedding_text(message: str) -> str:
    """The message as the embedder reads it: NFKC, invisible and format characters (zero-width, tags, variation
    selectors, soft hyphen) dropped, whitespace collapsed. Case and umlauts stay: the model knows them."""
    text = unicodedata.normalize("NFKC", message)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and not 0xFE00 <= ord(ch) <= 0xFE0F)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def char_analyzer():
    """The n-gram analyzer the vocabulary was built with (scikit-learn's char_wb; no fitting needed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=False).build_analyzer()


@dataclass
class Head:
    """One fitted linear model: weights over the n-gram vocabulary and (joint head) the embedding."""

    coef_text: np.ndarray          # classes x vocabulary
    coef_emb: np.ndarray | None    # classes x embedding dimension, or None
    intercept: np.ndarray          # classes
    thresholds: np.ndarray         # classes (benign's is unused)
    emb_scale: float = 1.0


class PolicyModel:
    """Probabilities per class for a message, and the rule they decide (None: answer normally)."""

    def __init__(self, classes: Sequence[str], vocabulary: Sequence[str], idf: np.ndarray, heads: dict[str, Head],
                 meta: dict | None = None) -> None:
        self.classes = list(classes)
        if BENIGN not in self.classes:
            raise ConfigurationError(f"policy model classes must include {BENIGN!r}, got {self.classes}")
        self.index = {g: i for i, g in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.heads = heads
        self.meta = meta or {}

    # -- persistence ----------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "PolicyModel":
        path = Path(path or DEFAULT_MODEL)
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                heads = {}
                for name in ("joint", "text"):
                    if f"{name}_coef_text" not in z:
                        continue
                    emb = z[f"{name}_coef_emb"].astype(np.float64) if f"{name}_coef_emb" in z else None
                    heads[name] = Head(z[f"{name}_coef_text"].astype(np.float64), emb,
                                       z[f"{name}_intercept"].astype(np.float64),
                                       z[f"{name}_thresholds"].astype(np.float64),
                                       float(z[f"{name}_emb_scale"]) if f"{name}_emb_scale" in z else 1.0)
                return cls([str(c) for c in z["classes"]], [str(v) for v in z["vocabulary"]], z["idf"], heads, meta)
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigurationError(f"policy model {path} cannot be read ({exc}); refit it with "
                                     "`python -m evals.fit_policy_model`") from exc

    def save(self, path: Path) -> None:
        vocabulary = sorted(self.index, key=self.index.get)
        arrays = {"classes": np.array(self.classes), "vocabulary": np.array(vocabulary),
                  "idf": self.idf.astype(np.float32), "meta": np.array(json.dumps(self.meta, ensure_ascii=False))}
        for name, h in self.heads.items():
            arrays[f"{name}_coef_text"] = h.coef_text.astype(np.float16)
            arrays[f"{name}_intercept"] = h.intercept.astype(np.float32)
            arrays[f"{name}_thresholds"] = h.thresholds.astype(np.float32)
            arrays[f"{name}_emb_scale"] = np.array(h.emb_scale, dtype=np.float32)
            if h.coef_emb is not None:
                arrays[f"{name}_coef_emb"] = h.coef_emb.astype(np.float32)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)

    # -- inference ------------------------------------------------------------------------------------------
    def ngram_row(self, folded: str) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary indices, weights) of a folded text: sublinear TF times IDF, L2-normalised, as in fitting."""
        counts: dict[int, int] = {}
        for gram in char_analyzer()(folded):
            i = self.index.get(gram)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        w = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[idx]
        return idx, w / np.linalg.norm(w)

    def probabilities(self, folded: str, vector: np.ndarray | None = None, head: str | None = None) -> np.ndarray:
        h = self.heads[head or ("joint" if vector is not None and "joint" in self.heads else "text")]
        idx, w = self.ngram_row(folded)
        z = h.intercept + h.coef_text[:, idx] @ w
        if h.coef_emb is not None:
            if vector is None:
                raise ConfigurationError("the joint policy head needs the message's embedding")
            z = z + h.emb_scale * (h.coef_emb @ np.asarray(vector, dtype=np.float64))
        z = z - z.max()
        p = np.exp(z)
        return p / p.sum()

    def head_for(self, vector: np.ndarray | None) -> str:
        return "joint" if vector is not None and "joint" in self.heads else "text"

    def decide(self, probs: np.ndarray, head: str) -> str | None:
        return decide(self.classes, probs, self.heads[head].thresholds)


def decide(classes: Sequence[str], probs: np.ndarray, thresholds: np.ndarray) -> str | None:
    """The rule whose probability reaches its threshold: emergency and crisis first, else the most probable one."""
    above = [i for i, c in enumerate(classes) if c != BENIGN and probs[i] >= thresholds[i]]
    if not above:
        return None
    for rule in SAFETY_FIRST:
        if rule in classes and classes.index(rule) in above:
            return rule
    return classes[max(above, key=lambda i: probs[i])]
