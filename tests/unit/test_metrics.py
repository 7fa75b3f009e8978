import math

import pytest

from evals.metrics import mean, ndcg_at_k, recall_at_k, reciprocal_rank


def test_recall_single_relevant():
    assert recall_at_k(["a", "b", "c"], ["b"], 1) == 0.0
    assert recall_at_k(["a", "b", "c"], ["b"], 2) == 1.0


def test_recall_several_relevant_is_capped_by_k():
    assert recall_at_k(["a", "x"], ["a", "b"], 1) == 1.0
    assert recall_at_k(["a", "x", "b"], ["a", "b"], 2) == 0.5
    assert recall_at_k(["a", "x", "b"], ["a", "b"], 3) == 1.0


def test_recall_edge_cases():
    assert recall_at_k([], ["a"], 5) == 0.0
    assert recall_at_k(["a"], [], 5) == 0.0


def test_reciprocal_rank():
    assert reciprocal_rank(["a", "b", "c"], ["c"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "b"], ["a", "b"]) == 1.0
    assert reciprocal_rank(["a"], ["z"]) == 0.0


def test_ndcg():
    assert ndcg_at_k(["a", "b"], ["a"]) == 1.0
    assert ndcg_at_k(["x", "a"], ["a"]) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(["x"] * 10 + ["a"], ["a"], 10) == 0.0
    assert ndcg_at_k(["b", "a"], ["a", "b"]) == 1.0


def test_mean():
    assert mean([]) == 0.0
    assert mean([1, 0, 1, 0]) == 0.5
