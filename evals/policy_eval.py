"""Policy eval: how often the input classifier picks the right rule, and how often it stops harmless questions.

Run: `python -m evals.policy_eval [path]` (default evals/data/policy_dev.jsonl). Each line is
{"message", "expected_rule": rule name or null, "category"}. Prints a table and returns the metrics:
accuracy (right rule, null counting as a class), per-rule precision/recall, the confusion matrix, the benign
refusal rate (benign messages that got any rule), the benign blocked rate (benign messages whose rule stops the
answer, i.e. allow_answer is false) and the misclassified messages.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from guardrails.classifier import Classification, PolicyClassifier
from evals.datasets import read_jsonl
from guardrails.policy import load_policy

DEFAULT_PATH = Path(__file__).parent / "data" / "policy_dev.jsonl"
NONE = "(none)"


def load_cases(path: Path) -> list[dict[str, Any]]:
    return read_jsonl(path, required=("message", "expected_rule"))


def score(expected: Iterable[str | None], predicted: Iterable[str | None],
          blocked: Iterable[bool] | None = None) -> dict[str, Any]:
    """Accuracy, per-label precision/recall, confusion matrix and benign rates over aligned label lists."""
    exp = [e or NONE for e in expected]
    pred = [p or NONE for p in predicted]
    if len(exp) != len(pred):
        raise ValueError(f"expected and predicted differ in length: {len(exp)} != {len(pred)}")
    blocked_list = list(blocked) if blocked is not None else [p != NONE for p in pred]
    labels = sorted(set(exp) | set(pred))
    confusion = {e: {p: 0 for p in labels} for e in labels}
    for e, p in zip(exp, pred):
        confusion[e][p] += 1
    per_label = {}
    for label in labels:
        tp = confusion[label][label]
        predicted_n = sum(confusion[e][label] for e in labels)
        actual_n = sum(confusion[label].values())
        per_label[label] = {"precision": tp / predicted_n if predicted_n else 0.0,
                            "recall": tp / actual_n if actual_n else 0.0, "support": actual_n}
    benign = [i for i, e in enumerate(exp) if e == NONE]
    return {
        "n": len(exp),
        "accuracy": sum(e == p for e, p in zip(exp, pred)) / len(exp) if exp else 0.0,
        "per_label": per_label,
        "confusion": confusion,
        "benign_n": len(benign),
        "benign_refusal_rate": sum(pred[i] != NONE for i in benign) / len(benign) if benign else 0.0,
        "benign_blocked_rate": sum(blocked_list[i] for i in benign) / len(benign) if benign else 0.0,
    }


def run_policy_eval(path: Path = DEFAULT_PATH, classify: Callable[[str], Classification] | None = None,
                    verbose: bool = True) -> dict[str, Any]:
    if classify is None:
        classify = PolicyClassifier(load_policy()).load().classify
    cases = load_cases(path)
    started = time.perf_counter()
    results = [classify(c["message"]) for c in cases]
    elapsed_ms = (time.perf_counter() - started) * 1000
    metrics = score([c["expected_rule"] for c in cases], [r.rule for r in results],
                    [r.rule is not None and not r.allow_answer for r in results])
    metrics["ms_per_message"] = elapsed_ms / len(cases) if cases else 0.0
    metrics["per_category"] = _per_category(cases, results)
    metrics["misclassified"] = [
        {"message": c["message"], "category": c.get("category"), "expected": c["expected_rule"],
         "predicted": r.rule, "reasons": list(r.reasons)}
        for c, r in zip(cases, results) if c["expected_rule"] != r.rule]
    if verbose:
        print_report(metrics, path)
    return metrics


def _per_category(cases: list[dict[str, Any]], results: list[Classification]) -> dict[str, dict[str, float]]:
    total, right = Counter(), Counter()
    for c, r in zip(cases, results):
        cat = c.get("category") or (c["expected_rule"] or NONE)
        total[cat] += 1
        right[cat] += c["expected_rule"] == r.rule
    return {cat: {"n": total[cat], "accuracy": right[cat] / total[cat]} for cat in sorted(total)}


def print_report(m: dict[str, Any], path: Path) -> None:
    print(f"policy eval on {path} ({m['n']} messages, {m['benign_n']} benign)")
    print(f"{'rule':22}{'precision':>10}{'recall':>8}{'n':>5}")
    for label, v in m["per_label"].items():
        print(f"{label:22}{v['precision']:>10.3f}{v['recall']:>8.3f}{v['support']:>5}")
    print(f"\n{'category':28}{'accuracy':>9}{'n':>5}")
    for cat, v in m["per_category"].items():
        print(f"{cat:28}{v['accuracy']:>9.3f}{v['n']:>5}")
    labels = list(m["confusion"])
    print("\nconfusion (rows expected, columns predicted):")
    print(" " * 22 + "".join(f"{lab[:7]:>8}" for lab in labels))
    for e in labels:
        print(f"{e:22}" + "".join(f"{m['confusion'][e][p]:>8}" for p in labels))
    print(f"\naccuracy {m['accuracy']:.3f}  benign refused {m['benign_refusal_rate']:.3f}  "
          f"benign blocked {m['benign_blocked_rate']:.3f}  {m['ms_per_message']:.2f} ms/message")
    for x in m["misclassified"]:
        print(f"  MISS expected={x['expected']} predicted={x['predicted']}: {x['message'][:90]!r} {x['reasons'][:1]}")


if __name__ == "__main__":
    run_policy_eval(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH)
