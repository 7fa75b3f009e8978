"""Metric functions of the policy eval, on hand-made labels."""

import json

import pytest

from evals.policy_eval import NONE, run_policy_eval, score
from guardrails.classifier import Classification


def test_score_accuracy_precision_recall_and_benign_rates():
    expected = ["crisis", "crisis", None, None, "injection"]
    predicted = ["crisis", None, None, "out_of_scope", "injection"]
    m = score(expected, predicted, blocked=[True, False, False, False, True])
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["per_label"]["crisis"] == {"precision": 1.0, "recall": 0.5, "support": 2}
    assert m["per_label"][NONE]["precision"] == pytest.approx(0.5)
    assert m["confusion"][NONE]["out_of_scope"] == 1
    assert m["benign_refusal_rate"] == pytest.approx(0.5)
    assert m["benign_blocked_rate"] == 0.0


def test_score_rejects_misaligned_lists():
    with pytest.raises(ValueError, match="differ in length"):
        score(["crisis"], [])


def test_run_policy_eval_reports_misclassified_with_fake_classifier(tmp_path):
    path = tmp_path / "dev.jsonl"
    rows = [{"message": "es brennt", "expected_rule": "emergency", "category": "emergency"},
            {"message": "Wie beantrage ich einen Pass?", "expected_rule": None, "category": "benign"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")

    def classify(text):
        return Classification(rule="out_of_scope", action="referral", score=1.0, allow_answer=False)

    m = run_policy_eval(path, classify=classify, verbose=False)
    assert m["accuracy"] == 0.0 and m["benign_refusal_rate"] == 1.0 and m["benign_blocked_rate"] == 1.0
    assert [x["expected"] for x in m["misclassified"]] == ["emergency", None]
    assert m["per_category"]["benign"] == {"n": 1, "accuracy": 0.0}
