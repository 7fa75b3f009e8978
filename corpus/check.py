"""`corpus check`: what the corpus holds, what is missing, and what is stale."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from corpus.loader import LoadResult, Problem, load_catalogue, load_corpus

SERVICE_FIELDS = ("keywords", "responsible", "documents", "fees", "deadlines", "processing_time", "online",
                  "legal_basis", "contact", "related")


@dataclass
class CheckReport:
    per_kind: dict[str, int]
    problems: list[Problem]
    not_in_catalogue: list[str]
    catalogue_missing: list[str]
    stale: list[tuple[str, str]]
    missing_fields: dict[str, list[str]] = field(default_factory=dict)
    catalogue_services: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.catalogue_missing

    def as_dict(self) -> dict:
        return {
            "documents_per_kind": self.per_kind,
            "schema_errors": [str(p) for p in self.problems],
            "ids_not_in_catalogue": self.not_in_catalogue,
            "catalogue_ids_missing": self.catalogue_missing,
            "stale": [{"id": i, "stand": s} for i, s in self.stale],
            "missing_fields": self.missing_fields,
        }


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def check_corpus(root: Path, *, stale_after_months: int = 18, today: date | None = None,
                 result: LoadResult | None = None) -> CheckReport:
    today = today or date.today()
    result = result or load_corpus(root)
    catalogue = load_catalogue()
    known = set(catalogue["services"]) | set(catalogue["strategy"])
    ids = {d.id for d in result.documents}
    missing_fields: dict[str, list[str]] = {}
    for d in result.documents:
        if d.kind != "service":
            continue
        missing = [f for f in SERVICE_FIELDS if getattr(d, f) in (None, [], "")]
        if missing:
            missing_fields[d.id] = missing
    return CheckReport(
        per_kind=dict(Counter(d.kind for d in result.documents)),
        problems=result.problems,
        not_in_catalogue=sorted(ids - known),
        catalogue_missing=sorted(known - ids),
        stale=sorted((d.id, d.stand) for d in result.documents
                     if months_between(d.stand_date(), today) > stale_after_months),
        missing_fields=missing_fields,
        catalogue_services=len([i for i in catalogue["services"] if i in ids]),
    )
