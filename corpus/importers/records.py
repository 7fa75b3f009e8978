"""JSON or CSV exports of any shape, mapped onto the corpus fields by a mapping file (`corpus import --mapping`).

Values may carry HTML (most CMS exports do): every text field goes through corpus.html, so what is written is
Markdown without a tag or entity.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from corpus.html import html_to_line, html_to_markdown
from corpus.importers.files import _summary, slugify
from corpus.loader import LoadResult, Problem, validate

_LIST_FIELDS = ("keywords", "documents", "fees", "deadlines", "legal_basis", "related", "sources")
_NOT_TEXT = ("id", "kind", "stand", "sources", "related")  # identifiers, dates and URLs are left as they are


def import_records(path: Path, mapping: dict[str, Any], *, kind: str = "service") -> LoadResult:
    """JSON (a list, or an object with the list under mapping['records']) or CSV rows -> documents.

    `mapping` maps our front-matter fields to the export's column names ({"id": "leistung_id", "title": "name"}),
    and `sections` maps body section names to columns ({"Ablauf": "verfahren", "Kosten": "gebuehren_text"}).
    List fields accept lists or strings separated by `mapping['separator']` (default ';').
    """
    result = LoadResult()
    rows = _read_rows(path, mapping, result)
    sep = mapping.get("separator", ";")
    sections: dict[str, str] = mapping.get("sections", {})
    fields = {k: v for k, v in mapping.items() if k not in ("sections", "separator", "records")}
    for n, row in enumerate(rows, start=1):
        source = f"{path}#{n}"
        meta: dict[str, Any] = {"kind": kind}
        for ours, theirs in fields.items():
            value = row.get(theirs)
            if value in (None, ""):
                continue
            if ours in _LIST_FIELDS and isinstance(value, str):
                value = [v.strip() for v in value.split(sep) if v.strip()]
            if ours not in _NOT_TEXT:
                value = _clean(value)
            meta[ours] = value
        if "id" not in meta and meta.get("title"):
            meta["id"] = slugify(str(meta["title"]))
        if isinstance(meta.get("stand"), (int, float)):
            meta["stand"] = str(meta["stand"])
        texts = {name: html_to_markdown(row[col]) for name, col in sections.items() if isinstance(row.get(col), str)}
        parts = [f"## {name}\n\n{text}" for name, text in texts.items() if text]
        body = "\n\n".join(parts)
        if body and "summary" not in meta:
            meta["summary"] = _summary(body.split("\n", 2)[-1])
        doc, problems = validate(meta, body, source)
        result.problems.extend(problems)
        if doc:
            result.documents.append(doc)
    return result


def _read_rows(path: Path, mapping: dict[str, Any], result: LoadResult) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    if path.suffix.lower() == ".csv":
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return list(csv.DictReader(text.splitlines(), dialect=dialect))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(str(path), "file", f"invalid JSON: {exc}"))
        return []
    if isinstance(data, dict):
        data = data.get(mapping.get("records", "records"), [])
    if not isinstance(data, list):
        result.problems.append(Problem(str(path), "records", "expected a list of objects"))
        return []
    return [r for r in data if isinstance(r, dict)]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return html_to_line(value)
    if isinstance(value, list):
        return [html_to_line(v) if isinstance(v, str) else v for v in value]
    return value
