"""Retrieval evaluation: BM25-only, dense-only and hybrid side by side on the development set.

Prints recall@1, recall@5, MRR and nDCG@10 per method, the hybrid per-style breakdown, the hybrid misses, and the
confidence separation between correct top-1 answers, wrong ones and off-topic questions. Writes a JSON report.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from evals.datasets import read_jsonl
from evals.metrics import mean, ndcg_at_k, recall_at_k, reciprocal_rank

# Questions the corpus cannot answer: confidence must stay low for these.
OFF_TOPIC = [
    "Wie wird das Wetter morgen?", "asdfgh", "Who won the football match yesterday?",
    "Was ist die Hauptstadt von Frankreich?", "Erzähl mir einen Witz", "qwertz uiop",
    "Wie backe ich einen Käsekuchen?", "Which Bundesliga team is the best?", "Bitcoin Kurs heute",
    "Wer wird Weltmeister 2030?", "Wie repariere ich meinen Fahrradschlauch?", "lol",
    "What is the meaning of life?", "Rezept für Lasagne", "Wie hoch ist der Mount Everest?",
]
METHODS = {"bm25": (True, False), "dense": (False, True), "hybrid": (True, True)}


@dataclass
class MethodResult:
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self, rows: list[dict[str, Any]] | None = None) -> dict[str, float]:
        rows = self.rows if rows is None else rows
        return {
            "recall@1": mean(recall_at_k(r["ranked"], r["expected"], 1) for r in rows),
            "recall@5": mean(recall_at_k(r["ranked"], r["expected"], 5) for r in rows),
            "mrr": mean(reciprocal_rank(r["ranked"], r["expected"]) for r in rows),
            "ndcg@10": mean(ndcg_at_k(r["ranked"], r["expected"], 10) for r in rows),
            "n": len(rows),
        }


def load_dev(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, required=("query", "expected"))


def run(retriever: Any, dev: list[dict[str, Any]]) -> dict[str, MethodResult]:
    results = {}
    for name, (lexical, dense) in METHODS.items():
        view = retriever.with_methods(lexical=lexical, dense=dense)
        res = MethodResult(name)
        for item in dev:
            started = time.perf_counter()
            out = view.retrieve(item["query"], top_k=10)
            res.rows.append({**item, "ranked": [p.doc_id for p in out.passages], "confidence": out.confidence,
                             "ms": (time.perf_counter() - started) * 1000})
        results[name] = res
    return results


def separation(retriever: Any, hybrid: MethodResult) -> dict[str, Any]:
    right = [r["confidence"] for r in hybrid.rows if r["ranked"][:1] and r["ranked"][0] in r["expected"]]
    wrong = [r["confidence"] for r in hybrid.rows if not (r["ranked"][:1] and r["ranked"][0] in r["expected"])]
    off = [retriever.retrieve(q, top_k=5).confidence for q in OFF_TOPIC]
    thr = retriever.min_confidence

    def stats(v: list[float]) -> dict[str, float]:
        return {"n": len(v), "mean": round(mean(v), 3), "median": round(float(np.median(v)), 3) if v else 0.0,
                "above_threshold": round(mean(x >= thr for x in v), 3)}
    return {"threshold": thr, "correct_top1": stats(right), "wrong_top1": stats(wrong), "off_topic": stats(off),
            "off_topic_max": round(max(off), 3) if off else 0.0}


def fit_confidence(retriever: Any, hybrid: MethodResult, steps: int = 3000) -> dict[str, float]:
    """Logistic regression (plain gradient descent) of top-1 correctness on the confidence signals."""
    feats, labels = [], []
    for r in hybrid.rows:
        feats.append(retriever.explain(r["query"]).__dict__)
        labels.append(1.0 if r["ranked"][:1] and r["ranked"][0] in r["expected"] else 0.0)
    for q in OFF_TOPIC:
        feats.append(retriever.explain(q).__dict__)
        labels.append(0.0)
    names = list(feats[0])
    x = np.array([[f[n] for n in names] for f in feats])
    y = np.array(labels)
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    weights = np.where(y == 0, (y == 1).sum() / max(1, (y == 0).sum()), 1.0)  # balance the classes
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x1 @ w))
        w -= 0.1 * (x1.T @ ((p - y) * weights) / len(y) + 1e-3 * w)
    return {"intercept": round(float(w[0]), 3), **{n: round(float(v), 3) for n, v in zip(names, w[1:])}}


def report(results: dict[str, MethodResult], sep: dict[str, Any], max_misses: int = 60) -> str:
    lines = [f"{'method':<8} {'R@1':>6} {'R@5':>6} {'MRR':>6} {'nDCG@10':>8} {'p50 ms':>7} {'p95 ms':>7}"]
    for name, res in results.items():
        m = res.metrics()
        ms = [r["ms"] for r in res.rows]
        lines.append(f"{name:<8} {m['recall@1']:6.3f} {m['recall@5']:6.3f} {m['mrr']:6.3f} {m['ndcg@10']:8.3f} "
                     f"{np.percentile(ms, 50):7.1f} {np.percentile(ms, 95):7.1f}")
    lines.append(f"\nper style (n; R@1 / R@5 / MRR for bm25 | dense | hybrid):")
    for style in sorted({r["style"] for r in results["hybrid"].rows}):
        cells = []
        for name, res in results.items():
            m = res.metrics([r for r in res.rows if r["style"] == style])
            cells.append(f"{m['recall@1']:.2f}/{m['recall@5']:.2f}/{m['mrr']:.2f}")
        n = sum(r["style"] == style for r in results["hybrid"].rows)
        lines.append(f"  {style:<11} {n:>3}  " + " | ".join(cells))
    misses = [r for r in results["hybrid"].rows if not (r["ranked"][:1] and r["ranked"][0] in r["expected"])]
    lines.append(f"\nhybrid misses at rank 1 ({len(misses)}; '*' = not in top 5):")
    for r in misses[:max_misses]:
        star = "*" if recall_at_k(r["ranked"], r["expected"], 5) == 0 else " "
        lines.append(f" {star} [{r['style']}] {r['query'][:70]!r} expected {r['expected']} got {r['ranked'][:3]}")
    lines.append("\nconfidence separation (threshold %.2f):" % sep["threshold"])
    for key in ("correct_top1", "wrong_top1", "off_topic"):
        s = sep[key]
        lines.append(f"  {key:<13} n={s['n']:<4} mean={s['mean']:.3f} median={s['median']:.3f} "
                     f"share>=threshold={s['above_threshold']:.3f}")
    lines.append(f"  off-topic max confidence: {sep['off_topic_max']:.3f}")
    return "\n".join(lines)


def evaluate(retriever: Any, dev_path: Path, reports_dir: Path | None = None, settings: dict | None = None,
             fit: bool = False) -> tuple[str, dict[str, Any]]:
    dev = load_dev(dev_path)
    retriever.warm_up()
    results = run(retriever, dev)
    sep = separation(retriever, results["hybrid"])
    text = report(results, sep)
    data = {"dev_set": str(dev_path), "settings": settings or {}, "separation": sep,
            "methods": {n: r.metrics() for n, r in results.items()},
            "misses": [{k: r[k] for k in ("query", "style", "expected")} | {"got": r["ranked"][:5]}
                       for r in results["hybrid"].rows if not (r["ranked"][:1] and r["ranked"][0] in r["expected"])]}
    if fit:
        data["fitted_confidence"] = fit_confidence(retriever, results["hybrid"])
        text += "\nfitted confidence coefficients: " + json.dumps(data["fitted_confidence"])
    if reports_dir is not None:
        reports_dir.mkdir(parents=True, exist_ok=True)
        path = reports_dir / f"retrieval-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        text += f"\nreport written to {path}"
    return text, data
