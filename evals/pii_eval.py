"""PII evaluation: precision, recall and F2 per type and overall, false positives on look-alikes, analyzer
start-up time and p95 redaction latency. Prints a table; `run_pii_eval(path)` returns the numbers.

Run: python -m evals.pii_eval [--data evals/data/pii_test.jsonl] [--json]
Targets (issue #5): recall >= 0.98 on structured identifiers, >= 0.90 on PERSON and ADDRESS, <= 3 % of
look-alikes with any redaction, start-up <= 3 s, p95 <= 20 ms per message.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from evals.datasets import read_jsonl
from evals.pii_metrics import Tally, percentile

DATA = Path(__file__).resolve().parent / "data" / "pii_test.jsonl"
STRUCTURED = {"EMAIL", "PHONE", "IBAN", "TAX_ID", "ID_CARD", "PASSPORT", "SOCIAL_SECURITY", "HEALTH_INSURANCE",
              "LICENSE_PLATE", "DATE_OF_BIRTH", "CASE_NUMBER"}
NAMES_AND_ADDRESSES = {"PERSON", "ADDRESS"}


def run_pii_eval(path: Path | str = DATA, redactor=None) -> dict:
    rows = read_jsonl(path, required=("text", "entities"))
    t0 = time.perf_counter()
    # Presidio imports torch and transformers at import time; the app imports them anyway for its embedder,
    # so the import is reported apart from the analyzer's own start-up.
    import presidio_analyzer  # noqa: F401
    import spacy  # noqa: F401

    if redactor is None:
        from guardrails.pii import PresidioRedactor
        redactor = PresidioRedactor()
    t1 = time.perf_counter()
    redactor.load()
    t2 = time.perf_counter()

    tally, by_source = Tally(), defaultdict(Tally)
    latencies, lookalike_hits, misses = [], [], []
    for row in rows:
        start = time.perf_counter()
        _, found = redactor.redact(row["text"])
        latencies.append((time.perf_counter() - start) * 1000)
        predicted = [{"type": r.type, "start": r.start, "end": r.end} for r in found]
        if row["style"] == "lookalike":
            if predicted:
                lookalike_hits.append({"text": row["text"], "found": predicted})
            continue
        tally.add(row["text"], row["entities"], predicted)
        by_source[row.get("name_source", "")].add(row["text"], [g for g in row["entities"] if g["type"] == "PERSON"],
                                                  [p for p in predicted if p["type"] == "PERSON"])
        for g in row["entities"]:
            if not any(p["type"] == g["type"] and p["start"] <= g["start"] and p["end"] >= g["end"] for p in predicted):
                misses.append({"type": g["type"], "value": row["text"][g["start"]:g["end"]], "text": row["text"]})
    n_look = sum(r["style"] == "lookalike" for r in rows)
    report = {
        "data": str(path), "sentences": len(rows) - n_look, "lookalikes": n_look,
        "per_type": {t: _row(c) for t, c in sorted(tally.per_type.items())},
        "structured": _row(tally.total(STRUCTURED)),
        "names_and_addresses": _row(tally.total(NAMES_AND_ADDRESSES)),
        "overall": _row(tally.total()),
        "person_recall_by_name_source": {s: round(t.total().recall, 4) for s, t in sorted(by_source.items())},
        "lookalike_false_positive_rate": round(len(lookalike_hits) / n_look, 4) if n_look else 0.0,
        "lookalike_false_positives": lookalike_hits,
        "import_s": round(t1 - t0, 3), "startup_s": round(t2 - t1, 3),
        "latency_ms_p50": round(percentile(latencies, 50), 2), "latency_ms_p95": round(percentile(latencies, 95), 2),
        "misses": misses[:40],
    }
    return report


def _row(c) -> dict:
    return {"gold": c.gold, "predicted": c.predicted, "precision": round(c.precision, 4),
            "recall": round(c.recall, 4), "f2": round(c.f2, 4)}


def print_table(report: dict) -> None:
    print(f"{'type':<18}{'gold':>6}{'pred':>6}{'prec':>8}{'recall':>8}{'F2':>8}")
    rows = list(report["per_type"].items()) + [("= structured", report["structured"]),
                                                ("= person+address", report["names_and_addresses"]),
                                                ("= overall", report["overall"])]
    for name, r in rows:
        print(f"{name:<18}{r['gold']:>6}{r['predicted']:>6}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f2']:>8.3f}")
    print(f"person recall by name source: {report['person_recall_by_name_source']}")
    print(f"look-alikes with a redaction: {len(report['lookalike_false_positives'])}/{report['lookalikes']}"
          f" = {report['lookalike_false_positive_rate']:.1%}")
    print(f"imports {report['import_s']:.2f} s, analyzer start-up {report['startup_s']:.2f} s, "
          f"redaction p50 {report['latency_ms_p50']:.1f} ms, p95 {report['latency_ms_p95']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed entities and look-alike hits")
    args = parser.parse_args()
    report = run_pii_eval(args.data)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print_table(report)
    if args.misses:
        for m in report["misses"]:
            print(f"MISS {m['type']:<16} {m['value']!r:<40} | {m['text']!r}")
        for h in report["lookalike_false_positives"]:
            print(f"FP   {h['found']} | {h['text']!r}")


if __name__ == "__main__":
    main()
