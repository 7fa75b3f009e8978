"""The result of importing one catalogue export, shared by the format importers and the sync into a directory."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

from corpus.importers.service import ServiceRecord, build_document, doc_id
from corpus.loader import Problem
from corpus.schema import Document

_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass
class CatalogueImport:
    """Documents of one export plus what the sync needs to know about the rest.

    `withdrawn` holds ids the export itself deletes (XZuFi `loesche`); `kept` ids whose record is broken this
    time, so their previous file must stay; `complete` is False when a file could not be read at all, so that
    services missing from the export are not taken as withdrawn.
    """

    fmt: str
    today: date = field(default_factory=date.today)
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    withdrawn: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    complete: bool = True
    _seen: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, rec: ServiceRecord) -> None:
        """Build and keep the document of one record; a broken or repeated record becomes one problem line."""
        ident = doc_id(rec.fmt, rec.source_id)
        if ident in self._seen:
            self.problems.append(Problem(rec.file, "id", f"duplicate id {rec.source_id!r}, already imported from "
                                                         f"{self._seen[ident]}; this record is skipped",
                                         rec.source_id))
            return
        self._seen[ident] = rec.file
        doc, problem, notes = build_document(rec, self.today)
        self.notes.extend(notes)
        if doc is None:
            self.problems.append(problem)
            self.kept.add(ident)
        else:
            self.documents.append(doc)

    def fail_file(self, problem: Problem) -> None:
        """A whole file could not be read: report it, and stop treating absent services as withdrawn."""
        self.problems.append(problem)
        self.complete = False

    def reject(self, file: str, record: str, source_field: str, reason: str, source_id: str | None = None) -> None:
        """A record the parser cannot use (no id, no name); its previous file, if any, stays."""
        self.problems.append(Problem(file, source_field, reason, record))
        if source_id:
            self.kept.add(doc_id(self.fmt, source_id))


def parse_date(value: object) -> str | None:
    """'2024-05-03T10:00:00+02:00', '2024-05-03', '03.05.2024', a Unix time -> '2024-05-03'; else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 10**8:
        return datetime.fromtimestamp(value / 1000 if value > 10**11 else value, tz=timezone.utc).date().isoformat()
    text = str(value or "")
    m = _DATE.match(text)
    if m:
        y, mo, d = m.groups()
    else:
        m = _GERMAN_DATE.match(text)
        if not m:
            return None
        d, mo, y = m.groups()
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def import_json_records(fmt: str, paths: list[Path], today: date | None, list_keys: tuple[str, ...],
                        single: Callable[[dict], bool], no_records: str,
                        service: Callable[[dict, int, str, "CatalogueImport"], None]) -> "CatalogueImport":
    """The file loop of a JSON catalogue export: each .json file read (a broken one is a problem line, the others
    still import), its records found as a list (or under one of `list_keys`, or the file itself when `single` says it
    is one record), and each record handed to `service`; a record that is no object is rejected."""
    from corpus.importers.reading import input_files, read_json, record_list

    result = CatalogueImport(fmt, today=today or date.today())
    files, problems = input_files(paths, (".json",))
    for p in problems:
        result.fail_file(p)
    for path in files:
        data, problem = read_json(path, result.notes)
        if problem:
            result.fail_file(problem)
            continue
        records = record_list(data, list_keys)
        if records is None and isinstance(data, dict) and single(data):
            records = [data]
        if records is None:
            result.fail_file(Problem(str(path), "file", no_records))
            continue
        for n, raw in enumerate(records, start=1):
            if isinstance(raw, dict):
                service(raw, n, str(path), result)
            else:
                result.reject(str(path), f"#{n}", "record", f"expected an object, got {type(raw).__name__}")
    return result
