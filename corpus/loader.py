"""Load the Markdown + YAML front matter corpus; a broken file is reported (file, field, reason), the rest loads."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from corpus.schema import Document

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One reason a file (or one record of an export file) could not be loaded."""

    file: str
    field: str
    reason: str
    record: str | None = None  # the record's id in a catalogue export, or "#n" when it has none

    def __str__(self) -> str:
        where = f"{self.file} [{self.record}]" if self.record else self.file
        return f"{where}: {self.field}: {self.reason}"


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (yaml, body); raises ValueError when the text does not start with a `---` block."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        raise ValueError("file must start with '---' and a YAML front matter block")
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError("front matter is not closed by a '---' line")
    return text[3:end].strip("\n"), text[end + 4:].lstrip("\n")


def parse_document(text: str, source: str) -> tuple[Document | None, list[Problem]]:
    """Parse and validate one document's text; never raises for bad content."""
    try:
        raw_yaml, body = split_front_matter(text)
    except ValueError as exc:
        return None, [Problem(source, "front_matter", str(exc))]
    try:
        meta = yaml.safe_load(raw_yaml) or {}
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        return None, [Problem(source, "front_matter", f"broken YAML: {reason}")]
    if not isinstance(meta, dict):
        return None, [Problem(source, "front_matter", f"must be a mapping, got {type(meta).__name__}")]
    return validate(meta, body, source)


def validate(meta: dict[str, Any], body: str, source: str) -> tuple[Document | None, list[Problem]]:
    try:
        doc = Document(**{**meta, "body": body, "path": source})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "document"
            problems.append(Problem(source, loc, _reason(err)))
        return None, problems
    return doc, []


def _reason(err: dict[str, Any]) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    msg = err["msg"].removeprefix("Value error, ")
    if "input" in err and err["type"] not in ("missing",) and not isinstance(err["input"], (dict, list)):
        shown = repr(err["input"])
        if len(shown) > 60:  # a whole body or summary would drown the reason
            return msg
        return f"{msg} (got {shown})" if shown not in msg else msg
    return msg


def iter_files(root: Path) -> Iterable[Path]:
    return sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md")


def load_corpus(root: Path) -> LoadResult:
    """Load every `*.md` under `root` (README.md excepted). Duplicate ids: the first file wins, later ones are reported."""
    result = LoadResult()
    seen: dict[str, str] = {}
    for path in iter_files(root):
        rel = str(path.relative_to(root))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.problems.append(Problem(rel, "file", f"cannot read: {exc}"))
            continue
        doc, problems = parse_document(text, rel)
        result.problems.extend(problems)
        if doc is None:
            continue
        if doc.id in seen:
            result.problems.append(Problem(rel, "id", f"duplicate id {doc.id!r}, already used by {seen[doc.id]}"))
            continue
        seen[doc.id] = rel
        result.documents.append(doc)
    for p in result.problems:
        log.warning("corpus problem: %s", p)
    return result


def corpus_hash(root: Path) -> str:
    """Content hash of every corpus file (path + bytes), for the index manifest."""
    h = hashlib.sha256()
    for path in iter_files(root):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def load_catalogue(path: Path | None = None) -> dict[str, list[str]]:
    """The ids the shipped corpus must cover: {"services": [...], "strategy": [...]}."""
    path = path or Path(__file__).with_name("catalogue.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"services": [e["id"] for e in data["services"]], "strategy": list(data["strategy"])}
