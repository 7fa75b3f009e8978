"""Fit the learned policy classifier (guardrails/policy_model.py) and report dev, cross-validated and held-out numbers.

    python -m evals.fit_policy_model                  # fit, report, write guardrails/data/policy_model.npz
    python -m evals.fit_policy_model --dry-run        # report only
    python -m evals.fit_policy_model --tier blind     # also report the frozen blind set (never fit or choose on it)

Training pool: the messages in guardrails/data/policy_train/*.jsonl, the exemplars (guardrails/exemplars.yaml), the
policy dev set, and the development retrieval/answer questions as benign service questions. Model choice (C, weight of
the embedding) and the per-rule thresholds are chosen on 5-fold out-of-fold probabilities of the pool; held-out sets
(policy_holdout, policy_blind) and the frozen blind set are only reported. Numbers printed are accuracy of the model
alone (no trigger patterns); the classifier in production adds the patterns as boosters (`evals.policy_eval`).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from evals.datasets import read_jsonl
from guardrails.normalize import variants
from guardrails.policy_model import BENIGN, DEFAULT_MODEL, NGRAM_RANGE, SAFETY_FIRST, Head, PolicyModel, decide
from guardrails.policy_model import embedding_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "evals" / "data"
TRAIN_DIR = ROOT / "guardrails" / "data" / "policy_train"
HELDOUT = ("policy_holdout.jsonl", "policy_blind.jsonl")
BLIND = ("policy_blind2.jsonl",)
C_GRID = (8.0, 32.0)
SCALE_GRID = (2.0,)
T_GRID = tuple(np.round(np.arange(0.15, 0.91, 0.05), 2))


def pool() -> list[tuple[str, str]]:
    """(message, label) pairs to fit on; label is a rule name or 'benign'."""
    out = []
    for path in sorted(TRAIN_DIR.glob("*.jsonl")):
        out += [(r["message"], r["rule"] or BENIGN) for r in read_jsonl(path, required=("message", "rule"))]
    raw = yaml.safe_load((ROOT / "guardrails" / "exemplars.yaml").read_text(encoding="utf-8"))
    out += [(t, label) for label, texts in raw.items() for t in texts]
    out += [(r["message"], r["expected_rule"] or BENIGN) for r in read_jsonl(DATA / "policy_dev.jsonl")]
    out += [(r["query"], BENIGN) for r in read_jsonl(DATA / "retrieval_dev.jsonl")]
    out += [(r["question"], BENIGN) for r in read_jsonl(DATA / "answers_dev.jsonl")]
    return list(dict.fromkeys(out))


def labelled(files: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(r["message"], r["expected_rule"] or BENIGN) for f in files if (DATA / f).is_file()
            for r in read_jsonl(DATA / f)]


def fold_text(message: str) -> str:
    return variants(message)[-1]


def vectorize(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    v = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, lowercase=False, sublinear_tf=True, min_df=2,
                        max_features=60_000, dtype=np.float64)
    return v, v.fit_transform([fold_text(t) for t in texts])


def design(x_text, emb: np.ndarray | None, scale: float):
    from scipy import sparse

    return x_text if emb is None else sparse.hstack([x_text, sparse.csr_matrix(emb * scale)]).tocsr()


def train(x, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)


def out_of_fold(texts, y, emb, c, scale, folds=5, seed=11) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    probs = np.zeros((len(texts), len(np.unique(y))))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y):
        v, xt = vectorize([texts[i] for i in tr])
        m = train(design(xt, None if emb is None else emb[tr], scale), y[tr], c)
        xe = v.transform([fold_text(texts[i]) for i in te])
        probs[te] = m.predict_proba(design(xe, None if emb is None else emb[te], scale))
    return probs


def objective(classes, probs, y, thresholds) -> float:
    pred = np.array([classes.index(decide(classes, p, thresholds) or BENIGN) for p in probs])
    recall = {c: float(np.mean(pred[y == i] == i)) for i, c in enumerate(classes) if (y == i).any()}
    benign_refused = float(np.mean(pred[y == classes.index(BENIGN)] != classes.index(BENIGN)))
    return float(np.mean(list(recall.values()))) + 0.5 * sum(recall.get(r, 0) for r in SAFETY_FIRST) \
        - benign_refused


def fit_thresholds(classes, probs, y) -> np.ndarray:
    t = np.full(len(classes), 0.5)
    for _ in range(3):
        for i, c in enumerate(classes):
            if c == BENIGN:
                continue
            best = max(T_GRID, key=lambda v: (objective(classes, probs, y, np.where(np.arange(len(t)) == i, v, t)),
                                              -abs(v - 0.5)))
            t[i] = best
    return t


def accuracy(classes, model: PolicyModel, head: str, rows, vectors) -> dict:
    pred, gold = [], []
    for (text, label), vec in zip(rows, vectors if vectors is not None else [None] * len(rows)):
        p = model.probabilities(fold_text(text), vec, head)
        pred.append(model.decide(p, head) or BENIGN)
        gold.append(label)
    pred, gold = np.array(pred), np.array(gold)
    per_rule = {c: round(float(np.mean(pred[gold == c] == c)), 3) for c in classes if (gold == c).any()}
    return {"n": len(rows), "accuracy": round(float(np.mean(pred == gold)), 3),
            "benign_refused": int(np.sum((gold == BENIGN) & (pred != BENIGN))), "recall": per_rule}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--tier", action="append", default=[], help="extra tier to report: blind")
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--no-embedder", action="store_true", help="fit the n-gram head only")
    args = ap.parse_args(argv)

    rows = pool()
    texts = [t for t, _ in rows]
    classes = sorted({label for _, label in rows})
    y = np.array([classes.index(label) for _, label in rows])
    print(f"pool: {len(rows)} messages;", dict(Counter(label for _, label in rows)))
    embedder = vectors = None
    if not args.no_embedder:
        from assistant.settings import get_settings
        from retrieval.embedders import make_embedder
        from retrieval.embedding_cache import EmbeddingCache, embed_cached

        r = get_settings().retrieval
        embedder = make_embedder(r.embedder, r.embedder_model, runtime=r.embedder_runtime, cache_dir=r.model_cache,
                                 threads=r.embedder_threads)
        cache = EmbeddingCache(r.embedding_cache)

        def vectors(items):
            return embed_cached(embedder, [embedding_text(t) for t in items], cache, role="query",
                                desc="embedding messages")[0]
        emb = vectors(texts)

    heads, report = {}, {}
    for head in (["text"] if args.no_embedder else ["joint", "text"]):
        best = None
        for c in C_GRID:
            for scale in (SCALE_GRID if head == "joint" else (0.0,)):
                probs = out_of_fold(texts, y, emb if head == "joint" else None, c, scale)
                t = fit_thresholds(classes, probs, y)
                value = objective(classes, probs, y, t)
                pred = np.array([classes.index(decide(classes, p, t) or BENIGN) for p in probs])
                print(f"  {head} C={c} scale={scale}: CV objective {value:.3f} accuracy {np.mean(pred == y):.3f}")
                if best is None or value > best[0]:
                    best = (value, c, scale, t, float(np.mean(pred == y)))
        _, c, scale, t, cv_acc = best
        v, xt = vectorize(texts)
        m = train(design(xt, emb if head == "joint" else None, scale), y, c)
        n_text = xt.shape[1]
        heads[head] = Head(m.coef_[:, :n_text], m.coef_[:, n_text:] if head == "joint" else None, m.intercept_, t,
                           scale if head == "joint" else 1.0)
        report[head] = {"C": c, "emb_scale": scale, "cv_accuracy": round(cv_acc, 3),
                        "thresholds": dict(zip(classes, np.round(t, 2).tolist()))}
    model = PolicyModel(classes, v.get_feature_names_out(), v.idf_, heads)
    tiers = {"dev": labelled(("policy_dev.jsonl",)), "heldout": labelled(HELDOUT)}
    if "blind" in args.tier:
        tiers["blind"] = labelled(BLIND)
    for head in heads:
        for tier, rows_t in tiers.items():
            vecs = vectors([t for t, _ in rows_t]) if head == "joint" else None
            report[head][tier] = accuracy(classes, model, head, rows_t, vecs)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if not args.dry_run:
        model.meta = {"embedder": getattr(embedder, "model", None), "classes": classes, "pool": len(rows),
                      "report": {h: {k: v for k, v in r.items() if k != "blind"} for h, r in report.items()}}
        model.save(args.out)
        print(f"model written to {args.out} ({args.out.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
