"""Fit the retrieval confidence gate for the configured embedder and fusion; report how it separates, per tier.

    python -m evals.fit_confidence              # fit on dev, report dev/held-out, write retrieval/data/confidence.json
    python -m evals.fit_confidence --dry-run

Positives: development questions whose top document is right; negatives: development questions whose top document
is wrong, plus questions the corpus cannot answer (off-topic lines of the retrieval eval and the out_of_scope
training messages of the policy classifier). Logistic regression on the gate's signals (retrieval/confidence.py).
The threshold `min_confidence` is then chosen as the highest value that still lets 98% of the right dev answers
through, and printed with what it does on held-out questions (right answers kept, wrong ones and off-topic stopped).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from evals.datasets import read_jsonl
from evals.retrieval_eval import OFF_TOPIC
from evals.retrieval_tiers import tier_questions
from retrieval.confidence import DEFAULT_PATH, Signals, confidence

ROOT = Path(__file__).resolve().parent.parent
KEEP_RIGHT = 0.98


def off_topic() -> list[str]:
    rows = [r["message"] for p in sorted((ROOT / "guardrails" / "data" / "policy_train").glob("*.jsonl"))
            for r in read_jsonl(p) if r.get("rule") == "out_of_scope"]
    return OFF_TOPIC + rows[::3]  # a third of them: enough to place the off-topic cloud


def signals_and_labels(retriever, questions) -> tuple[np.ndarray, np.ndarray]:
    x, y = [], []
    for query, expected in questions:
        top = retriever.retrieve(query, top_k=1).passages
        x.append(list(retriever.explain(query).__dict__.values()))
        y.append(1.0 if top and top[0].doc_id in expected else 0.0)
    return np.array(x), np.array(y)


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)
    names = list(Signals().__dict__)
    return {"intercept": round(float(m.intercept_[0]), 4), **{n: round(float(w), 4) for n, w in zip(names, m.coef_[0])}}


def rates(conf: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    passed = conf >= threshold
    return {"right_kept": round(float(passed[y == 1].mean()), 3) if (y == 1).any() else None,
            "wrong_stopped": round(float((~passed[y == 0]).mean()), 3) if (y == 0).any() else None}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    from assistant.settings import get_settings
    from assistant.wiring import build_retriever

    settings = get_settings()
    retriever = build_retriever(settings)
    name = getattr(retriever.embedder, "name", None) if retriever.use_dense else None
    x_dev, y_dev = signals_and_labels(retriever, tier_questions("dev"))
    off = off_topic()
    x_off, _ = signals_and_labels(retriever, [(q, ["-"]) for q in off])
    x = np.vstack([x_dev, x_off])
    y = np.concatenate([y_dev, np.zeros(len(off))])
    coef = fit(x, y)
    conf = lambda xs: np.array([confidence(Signals(*row), coef) for row in xs])  # noqa: E731
    right = np.sort(conf(x_dev)[y_dev == 1])
    threshold = round(float(right[int((1 - KEEP_RIGHT) * len(right))]), 3)
    print(f"embedder {name}, fusion {retriever.fusion} (dense weight {retriever.dense_weight}); "
          f"{len(y_dev)} dev questions, {len(off)} off-topic")
    print("coefficients:", json.dumps(coef))
    print(f"min_confidence {threshold}: dev {rates(conf(x_dev), y_dev, threshold)}, off-topic stopped "
          f"{float(np.mean(conf(x_off) < threshold)):.3f}")
    x_h, y_h = signals_and_labels(retriever, tier_questions("heldout"))
    print(f"held-out: {rates(conf(x_h), y_h, threshold)} (n={len(y_h)}, right top-1 {y_h.mean():.3f})")
    if not args.dry_run:
        stored = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
        stored["by_embedder"][name or "none"] = {
            "coefficients": coef, "min_confidence": threshold,
            "fitted": f"evals.fit_confidence on {len(y_dev)} dev + {len(off)} off-topic questions, fusion "
                      f"{retriever.fusion} dense weight {retriever.dense_weight}"}
        DEFAULT_PATH.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {DEFAULT_PATH}; set retrieval.min_confidence to {threshold} for this embedder")


if __name__ == "__main__":
    main()
