"""Fit the decision whether a conversation turn leaves its topic (assistant/topic_switch.py); report per tier.

    python -m evals.fit_topic_switch              # fit, report, write assistant/data/topic_switch.json
    python -m evals.fit_topic_switch --dry-run
    python -m evals.fit_topic_switch --tier blind # also report the frozen blind conversations (never choose on them)

Every later turn of a conversation is searched alone and condensed with the previous turn's expected document as
topic. A turn teaches the decision only when exactly one of the two readings finds its expected document first:
"switch" when the turn alone does, "stay" when the condensed one does. Fitted on the training conversations
(assistant/data/multiturn_train.jsonl) and the dev conversations, 5-fold cross-validated by conversation; reported:
the share of such turns decided right (cross-validated, held-out, blind) and, for comparison, the share the
former word-list rule (`followup.resolve` without the model) decides right.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from assistant.followup import condense, prefer_variant, resolve
from assistant.sessions import Session
from assistant.topic_switch import DEFAULT_WEIGHTS, FEATURES, TopicSwitch, turn_view
from evals.datasets import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "evals" / "data"
TRAIN = [ROOT / "assistant" / "data" / "multiturn_train.jsonl", DATA / "multiturn_dev.jsonl"]
HELDOUT = [DATA / "multiturn_holdout.jsonl", DATA / "multiturn_blind.jsonl"]
BLIND = [DATA / "multiturn_blind2.jsonl"]


def examples(paths, retriever) -> list[dict]:
    """One row per later turn: features, the label (1 switch, 0 stay, None no lesson) and the old rule's choice."""
    out = []
    for conv_no, row in enumerate(r for p in paths if p.is_file() for r in read_jsonl(p)):
        turns = row["turns"]
        for prev, turn in zip(turns, turns[1:]):
            topic = prev["expected_id"]
            doc = retriever.document(topic)
            if doc is None:
                continue
            text = turn["message"]
            session = Session(id="fit", topic=topic, topic_title=doc.title, history=[prev["message"]], turns=1)
            alone = retriever.retrieve(text, top_k=5)
            condensed = prefer_variant(text, session, retriever.retrieve(condense(text, doc.title), top_k=5))
            top_a = alone.passages[0].doc_id if alone.confident and alone.passages else None
            top_c = condensed.passages[0].doc_id if condensed.passages else None
            right_a, right_c = top_a == turn["expected_id"], top_c == turn["expected_id"]
            label = 1 if right_a and not right_c else 0 if right_c and not right_a else None
            old_query, _ = resolve(text, session, retriever, 0.5, switch=None)
            out.append({"conv": conv_no, "x": turn_view(text, topic, doc.title, retriever, alone, condensed).row(),
                        "label": label, "old_switch": old_query == text})
    return out


def fit(rows: list[dict]) -> TopicSwitch:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([r["x"] for r in rows])
    y = np.array([r["label"] for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    m = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return TopicSwitch(m.coef_[0], m.intercept_[0], mean, scale)


def accuracy(model: TopicSwitch | None, rows: list[dict]) -> dict[str, float]:
    taught = [r for r in rows if r["label"] is not None]
    if not taught:
        return {"n": 0}
    from assistant.topic_switch import TopicSwitch as _T  # noqa: F401

    def decide(r):
        if model is None:
            return r["old_switch"]
        z = float(((r["x"] - model.mean) / model.scale) @ model.coef + model.intercept)
        return 1 / (1 + np.exp(-z)) >= model.threshold

    right = [decide(r) == bool(r["label"]) for r in taught]
    return {"n": len(taught), "right": round(float(np.mean(right)), 3)}


def cross_validate(rows: list[dict], folds: int = 5) -> dict[str, float]:
    taught = [r for r in rows if r["label"] is not None]
    convs = sorted({r["conv"] for r in taught})
    right = []
    for k in range(folds):
        test_convs = set(convs[k::folds])
        train = [r for r in taught if r["conv"] not in test_convs]
        test = [r for r in taught if r["conv"] in test_convs]
        m = fit(train)
        right += [accuracy(m, [r])["right"] for r in test]
    return {"n": len(right), "right": round(float(np.mean(right)), 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--tier", action="append", default=[])
    args = ap.parse_args(argv)
    from assistant.settings import get_settings
    from assistant.wiring import build_retriever

    retriever = build_retriever(get_settings())
    train = examples(TRAIN, retriever)
    taught = [r for r in train if r["label"] is not None]
    print(f"train: {len(train)} later turns, {len(taught)} that teach ({sum(r['label'] for r in taught)} switch)")
    print("cross-validated:", cross_validate(train), "| former rule on the same turns:", accuracy(None, train))
    model = fit(taught)
    tiers = {"heldout": HELDOUT} | ({"blind": BLIND} if "blind" in args.tier else {})
    for name, paths in tiers.items():
        rows = examples(paths, retriever)
        print(f"{name}: model {accuracy(model, rows)} | former rule {accuracy(None, rows)}")
    print("weights:", ", ".join(f"{f} {c:+.2f}" for f, c in zip(FEATURES, model.coef)))
    if not args.dry_run:
        model.meta = {"fitted_on": [str(p.relative_to(ROOT)) for p in TRAIN], "turns": len(taught),
                      "embedder": getattr(retriever.embedder, "model", None), "cv": cross_validate(train)}
        DEFAULT_WEIGHTS.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"written to {DEFAULT_WEIGHTS}")


if __name__ == "__main__":
    main()
