"""Single files a city has lying around: HTML pages, PDFs (pypdf) and plain text, one document each.

Each importer returns validated `Document`s plus `Problem`s and never raises for bad content.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from corpus.html import html_to_markdown
from corpus.loader import LoadResult, Problem, validate


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
    """HTML: title from <h1> or <title>; the page's main part through corpus.html (<h2> becomes `##`)."""
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
    if h1 is not None:
        h1.decompose()  # the title travels in the front matter
    body = html_to_markdown(str(root), min_heading=2)
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


IMPORTERS = {"text": import_text, "html": import_html, "pdf": import_pdf}


def import_file(path: Path, fmt: str | None = None, **kwargs: Any) -> LoadResult:
    """Pick the importer by `fmt` or the file suffix (.txt/.html/.htm/.pdf)."""
    fmt = fmt or {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(
        path.suffix.lower(), "")
    if fmt not in IMPORTERS:
        return LoadResult(problems=[Problem(str(path), "format",
                                            f"unknown format {fmt!r}; valid: text, html, pdf, a catalogue format "
                                            "(xzufi, pvog, zufi-nrw, dldb), or json/csv with --mapping")])
    return IMPORTERS[fmt](path, **kwargs)
