"""Fit the extractive composer's sentence scorer on the development questions, cross-validated; write its weights.

    python -m evals.fit_answer_scorer                 # fit on answers_dev, report CV and held-out, write the weights
    python -m evals.fit_answer_scorer --dry-run       # report only
    python -m evals.fit_answer_scorer --tier blind    # also report the frozen blind set (never fit or choose on it)

Training pairs: for each question with `must_contain` patterns, every sentence and list item of its expected document;
a unit is a positive when it matches one of the patterns (the fact the question asks for). Logistic regression with
balanced classes over `answer_scorer.FEATURES`; 5-fold cross-validation grouped by question. The selection thresholds
(`relative`, `floor`) are chosen by cross-validated fact coverage of the chosen units, with a small cost per quoted
unit so answers stay short. Reports, per tier: the share of questions whose chosen units contain every asked fact
(unit-level fact coverage; the end-to-end number is `buergerassistent eval -s answers`), the share whose top-ranked
unit is a positive, and the mean number of units quoted.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer_scorer import DEFAULT_WEIGHTS, FEATURES, AnswerScorer
from assistant.intents import detect_intents, is_yes_no
from assistant.scored_picks import doc_candidates
from assistant.textunits import question_age, question_terms, term_set
from evals.datasets import read_jsonl

DATA = Path(__file__).resolve().parent / "data"
TIER_FILES = {"dev": ["answers_dev.jsonl"], "heldout": ["answers_holdout.jsonl", "answers_blind.jsonl"],
              "blind": ["answers_blind2.jsonl"]}
GRID_RELATIVE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
GRID_FLOOR = (0.05, 0.1, 0.2, 0.3, 0.4)
UNIT_COST = 0.01


@dataclass
class Item:
    question: str
    patterns: list[re.Pattern[str]]
    x: np.ndarray
    shown: list[str]

    def covered(self, chosen: list[int]) -> bool:
        text = " ".join(self.shown[i] for i in chosen)
        return all(p.search(text) for p in self.patterns)

    def labels(self) -> np.ndarray:
        return np.array([any(p.search(s) for p in self.patterns) for s in self.shown], dtype=np.int64)


def build_items(files: list[str], retriever, vectors) -> list[Item]:
    from assistant.answer_scorer import features
    from assistant.extractive import Ask, ExtractiveComposer
    from assistant.scored_picks import question_view

    rules = ExtractiveComposer(retriever.documents)

    items = []
    for name in files:
        path = DATA / name
        if not path.is_file():
            continue
        for row in read_jsonl(path):
            patterns = [re.compile(p, re.I) for p in row.get("must_contain") or []]
            doc = next((retriever.document(d) for d in row.get("expected_ids", []) if retriever.document(d)), None)
            if not patterns or doc is None:
                continue
            cands = [c for c in doc_candidates(doc.body) if not c.text.rstrip().endswith(":") or c.is_item]
            if not cands:
                continue
            hit = retriever.retrieve(row["question"], top_k=1, filters={"ids": [doc.id]})
            if not hit.passages:
                continue
            passage = hit.passages[0]
            q = row["question"]
            intents = detect_intents(q)
            picked = rules._rule_picks(doc, passage, Ask.of(q, intents).without(term_set(doc.title)), 8, 4)
            view = question_view(vectors.question(q), frozenset(question_terms(q)) - term_set(doc.title),
                                 intents, is_yes_no(q), question_age(q), frozenset(p.text for p in picked))
            x = features(view, cands, vectors.passages([c.shown for c in cands]), passage.text or "")
            items.append(Item(q, patterns, x, [c.shown for c in cands]))
    return items


def fit(items: list[Item]) -> AnswerScorer:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([it.x for it in items])
    y = np.concatenate([it.labels() for it in items])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit((x - mean) / scale, y)
    return AnswerScorer(dict(zip(FEATURES, model.coef_[0])), float(model.intercept_[0]), mean, scale)


def measure(scorer: AnswerScorer, items: list[Item], limit: int = 4) -> dict[str, float]:
    covered = top = units = 0
    for it in items:
        probs = scorer.score(it.x)
        chosen = scorer.chosen(probs, limit)
        covered += it.covered(chosen)
        top += bool(it.labels()[int(np.argmax(probs))])
        units += len(chosen)
    n = max(1, len(items))
    return {"n": len(items), "fact_coverage": round(covered / n, 3), "top1_positive": round(top / n, 3),
            "units": round(units / n, 2)}


def choose_selection(train: list[Item], scorer: AnswerScorer) -> dict[str, float]:
    best, best_value = scorer.select, -1.0
    for rel in GRID_RELATIVE:
        for floor in GRID_FLOOR:
            scorer.select = {"relative": rel, "floor": floor}
            m = measure(scorer, train)
            value = m["fact_coverage"] - UNIT_COST * m["units"]
            if value > best_value:
                best, best_value = dict(scorer.select), value
    scorer.select = best
    return best


def cross_validate(items: list[Item], folds: int = 5, seed: int = 7) -> dict[str, float]:
    order = np.random.default_rng(seed).permutation(len(items))
    results = []
    for k in range(folds):
        test = [items[i] for i in order[k::folds]]
        train = [items[i] for j, i in enumerate(order) if j % folds != k]
        scorer = fit(train)
        choose_selection(train, scorer)
        results.append((len(test), measure(scorer, test)))
    n = sum(size for size, _ in results)
    return {key: round(sum(size * m[key] for size, m in results) / n, 3)
            for key in ("fact_coverage", "top1_positive", "units")} | {"n": n}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--tier", action="append", default=[], help="extra tiers to report: heldout, blind")
    ap.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    args = ap.parse_args(argv)
    from assistant.sentence_vectors import SentenceVectors
    from assistant.settings import get_settings
    from assistant.wiring import build_retriever

    settings = get_settings()
    retriever = build_retriever(settings)
    vectors = SentenceVectors(retriever.embedder, settings.retrieval.embedding_cache)
    dev = build_items(TIER_FILES["dev"], retriever, vectors)
    print(f"dev: {len(dev)} questions, {sum(len(it.shown) for it in dev)} candidate units, "
          f"{sum(int(it.labels().sum()) for it in dev)} positives")
    print("cross-validated (dev, 5 folds):", json.dumps(cross_validate(dev)))
    scorer = fit(dev)
    chosen = choose_selection(dev, scorer)
    print("fitted on all dev:", json.dumps(measure(scorer, dev)), "selection", chosen)
    for tier in ["heldout", *args.tier]:
        if tier != "heldout" or "heldout" not in args.tier[:0]:
            items = build_items(TIER_FILES[tier], retriever, vectors)
            print(f"{tier}:", json.dumps(measure(scorer, items)))
    print("weights:", ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, scorer.coef)))
    if not args.dry_run:
        scorer.meta = {"fitted_on": TIER_FILES["dev"], "questions": len(dev),
                       "embedder": getattr(retriever.embedder, "model", None), "cv": cross_validate(dev)}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(scorer.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"weights written to {args.out}")


if __name__ == "__main__":
    main()
