"""Importers so a city can load its own material: HTML, PDF (pypdf), plain text, and JSON/CSV with a field mapping.

Each importer returns validated `Document`s plus `Problem`s (never raises for bad content); `to_markdown` writes a
document back in the native corpus format, which is how `buergerassistent corpus import` stores imports.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from corpus.loader import LoadResult, Problem, validate
from corpus.schema import Document

_LIST_FIELDS = ("keywords", "documents", "fees", "deadlines", "legal_basis", "related", "sources")


def slugify(text: str) -> str:
    """'Hund anmelden & Steuer' -> 'hund-anmelden-steuer' (ä->ae, ß->ss, punctuation dropped)."""
    t = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "dokument"


def _defaults(title: str, source_url: str | None, kind: str) -> dict[str, Any]:
    return {"id": slugify(title), "title": title, "kind": kind, "stand": date.today().strftime("%Y-%m"),
            "sources": [source_url] if source_url else []}


def _summary(body: str) -> str:
    for line in body.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line if len(line) <= 300 else line[:297].rsplit(" ", 1)[0] + " …"
    return ""


def _finish(meta: dict[str, Any], body: str, source: str) -> LoadResult:
    meta.setdefault("summary", _summary(body))
    doc, problems = validate(meta, body, source)
    return LoadResult(documents=[doc] if doc else [], problems=problems)


def import_text(path: Path, *, source_url: str | None = None, kind: str = "info",
                title: str | None = None) -> LoadResult:
    """Plain text: the first non-empty line is the title, blank-line paragraphs the body."""
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    lines = text.splitlines()
    first = lines[0].strip() if lines else ""
    title = title or first or path.stem
    body = "\n".join(lines[1:]).strip() if first == title else text
    return _finish(_defaults(title, source_url, kind), body, str(path))


def import_html(path: Path, *, source_url: str | None = None, kind: str = "info") -> LoadResult:
    """HTML: title from <h1> or <title>; <h2>/<h3> become `##`/`###`; paragraphs and lists become Markdown."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    h1 = soup.find("h1")
    title = (h1.get_text(" ", strip=True) if h1 else None) or (soup.title.get_text(strip=True) if soup.title
                                                                 else path.stem)
    canonical = soup.find("link", rel="canonical")
    url = source_url or (canonical.get("href") if canonical else None)
    root = soup.find("main") or soup.find("article") or soup.body or soup
    out: list[str] = []
    for el in root.find_all(["h2", "h3", "p", "li", "td"]):
        text = el.get_text(" ", strip=True)
        if not text:
            continue
        if el.name == "h2":
            out.append(f"\n## {text}\n")
        elif el.name == "h3":
            out.append(f"\n### {text}\n")
        elif el.name == "li":
            ordered = el.parent is not None and el.parent.name == "ol"
            out.append(f"{'1.' if ordered else '-'} {text}")
        elif el.name == "p" and el.find_parent("li") is None:
            out.append(f"\n{text}\n")
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    meta = _defaults(title, url, kind)
    desc = soup.find("meta", attrs={"name": "description"})
    if desc and desc.get("content"):
        meta["summary"] = desc["content"].strip()
    return _finish(meta, body, str(path))


def import_pdf(path: Path, *, source_url: str | None = None, kind: str = "info") -> LoadResult:
    """PDF via pypdf: title from metadata or the first line; short heading-like lines start `##` sections."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
    except Exception as exc:  # pypdf raises many types for broken files
        return LoadResult(problems=[Problem(str(path), "file", f"not a readable PDF: {exc}")])
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    lines = [ln.strip() for ln in "\n".join(pages).splitlines() if ln.strip()]
    meta_title = (reader.metadata.title if reader.metadata else None) or ""
    title = meta_title.strip() or (lines[0] if lines else path.stem)
    if lines and lines[0] == title:
        lines = lines[1:]
    out: list[str] = []
    for ln in lines:
        if _looks_like_heading(ln):
            out.append(f"\n## {ln}\n")
        else:
            out.append(ln)
    body = "\n".join(out).strip()
    return _finish(_defaults(title, source_url, kind), body, str(path))


def _looks_like_heading(line: str) -> bool:
    return (len(line) <= 60 and not line.endswith((".", ",", ":", ";")) and line[:1].isupper()
            and len(line.split()) <= 6 and not re.search(r"\d{2,}", line))


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
            meta[ours] = value
        if "id" not in meta and meta.get("title"):
            meta["id"] = slugify(str(meta["title"]))
        if isinstance(meta.get("stand"), (int, float)):
            meta["stand"] = str(meta["stand"])
        parts = [f"## {name}\n\n{row[col].strip()}" for name, col in sections.items()
                 if isinstance(row.get(col), str) and row[col].strip()]
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


IMPORTERS = {"text": import_text, "html": import_html, "pdf": import_pdf}


def import_file(path: Path, fmt: str | None = None, **kwargs: Any) -> LoadResult:
    """Pick the importer by `fmt` or the file suffix (.txt/.html/.htm/.pdf)."""
    fmt = fmt or {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(
        path.suffix.lower(), "")
    if fmt not in IMPORTERS:
        return LoadResult(problems=[Problem(str(path), "format",
                                            f"unknown format {fmt!r}; valid: {sorted(IMPORTERS)} or json/csv "
                                            "with --mapping")])
    return IMPORTERS[fmt](path, **kwargs)


def to_markdown(doc: Document) -> str:
    """Serialise a document in the native corpus format (YAML front matter + body)."""
    meta = doc.model_dump(exclude={"body", "path"}, exclude_none=True, exclude_defaults=False)
    meta = {k: v for k, v in meta.items() if v not in ([], {}, None)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=110)
    return f"---\n{front}---\n# {doc.title}\n\n{doc.body.strip()}\n"
