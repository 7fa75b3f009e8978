"""Span metrics of the PII eval and the generated data set (valid check digits, spans, sizes)."""

import json
from pathlib import Path

import pytest

from evals.pii_dataset import generate
from evals.pii_metrics import Counts, Tally, covered, percentile
from guardrails.pii.checksums import (iban_is_valid, is_valid_document_number, is_valid_health_insurance_number,
                                      is_valid_pension_number, is_valid_tax_id)

DATA = Path(__file__).resolve().parents[2] / "evals" / "data" / "pii_test.jsonl"


def test_counts_f2_weights_recall():
    c = Counts(gold=10, found=5, predicted=5, correct=5)
    assert c.precision == 1.0 and c.recall == 0.5
    assert c.f2 == pytest.approx(5 * 0.5 / (4 + 0.5))


def test_covered_ignores_spaces_and_punctuation():
    text = "Tel. 0171 2345678."
    gold = {"type": "PHONE", "start": 5, "end": 17}
    assert covered(text, gold, [{"start": 5, "end": 9}, {"start": 10, "end": 17}])
    assert not covered(text, gold, [{"start": 5, "end": 9}])


def test_tally_counts_type_mismatch_as_miss_and_false_positive():
    t = Tally()
    t.add("Anna Vogel", [{"type": "PERSON", "start": 0, "end": 10}], [{"type": "ADDRESS", "start": 0, "end": 10}])
    assert t.per_type["PERSON"].recall == 0.0
    assert t.per_type["ADDRESS"].precision == 0.0


def test_percentile():
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert percentile([], 95) == 0.0


def test_generator_is_seeded():
    assert generate(seed=1, n=20) == generate(seed=1, n=20)


def test_committed_set_sizes_and_valid_identifiers():
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    assert sum(r["style"] != "lookalike" for r in rows) >= 500
    assert sum(r["style"] == "lookalike" and not r["entities"] for r in rows) >= 50
    validators = {"IBAN": iban_is_valid, "TAX_ID": is_valid_tax_id, "SOCIAL_SECURITY": is_valid_pension_number,
                  "HEALTH_INSURANCE": is_valid_health_insurance_number,
                  "PASSPORT": lambda v: is_valid_document_number(v, "CF")}
    for row in rows:
        for e in row["entities"]:
            value = row["text"][e["start"]:e["end"]]
            assert value == value.strip() and value
            if e["type"] in validators:
                assert validators[e["type"]](value), (e["type"], value)
