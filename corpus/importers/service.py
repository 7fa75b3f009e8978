"""From a catalogue entry of any format to a corpus document: one mapping of sections, fields and summary.

Every format parser fills a `ServiceRecord` with what its export has (texts may still be HTML); `build_document`
turns it into a validated `Document` the same way for all formats, so that the `##` sections come in the corpus'
order, the summary is the first plain sentences of the Kurztext (else of the overview), the id is derived only
from the source's own id, and the front matter fields are filled where the source has the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from corpus.html import html_to_line, html_to_markdown
from corpus.loader import Problem, validate
from corpus.schema import LEIKA_RE, Document

SECTION_ORDER = ("Überblick", "Voraussetzungen", "Ablauf", "Unterlagen", "Kosten", "Fristen", "Bearbeitungszeit",
                 "Online", "Zuständig", "Hinweise", "Rechtsgrundlagen", "Formulare", "Weitere Informationen")
ID_PREFIX = {"dldb": "dldb", "xzufi": "xzufi", "pvog": "pvog", "zufi-nrw": "zufi-nrw"}
_MAX_ITEM = 300
_MAX_LIST = 40


@dataclass
class ServiceRecord:
    """What one catalogue entry says, before it is a document. Text values may still be HTML."""

    fmt: str
    source_id: str
    file: str
    title: str = ""
    leika: str | None = None
    url: str | None = None
    teaser: str = ""  # Kurztext or Teaser: the summary comes from here when present
    sections: dict[str, list[str]] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    fees: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    processing_time: str | None = None
    online_url: str | None = None
    online_note: str | None = None
    responsible: str | None = None
    contact: dict[str, str] = field(default_factory=dict)
    stand: str | None = None

    def add(self, section: str, text: object, *, markdown: bool = False) -> str:
        """Add HTML (or, with `markdown`, ready Markdown) to a body section; returns the Markdown added."""
        md = (str(text).strip() if markdown else html_to_markdown(text)) if text is not None else ""
        if md:
            self.sections.setdefault(section, []).append(md)
        return md


def doc_id(fmt: str, source_id: str) -> str:
    """'dldb-120686', 'xzufi-l100042-lb-868': lower-case words joined by '-', from the source id alone."""
    slug = re.sub(r"[^a-z0-9]+", "-", source_id.lower()).strip("-")
    return f"{ID_PREFIX[fmt]}-{slug}" if slug else ""


def build_document(rec: ServiceRecord, today: date) -> tuple[Document | None, Problem | None, list[str]]:
    """The document for one record, or one problem line naming all that is wrong with it; plus notes."""
    notes: list[str] = []
    title = html_to_line(rec.title)
    if not rec.sections.get("Überblick") and rec.teaser:
        rec.add("Überblick", rec.teaser)  # a Kurztext is the overview when there is no Volltext
    body = "\n\n".join(f"## {name}\n\n" + "\n\n".join(rec.sections[name])
                       for name in SECTION_ORDER if rec.sections.get(name))
    if not body:
        return None, Problem(rec.file, "description", "no text a citizen could be shown (no description, "
                                                      "Volltext, Kurztext or other section)", rec.source_id), notes
    leika = re.sub(r"\s", "", rec.leika or "") or None
    if leika and not LEIKA_RE.match(leika):
        notes.append(f"{rec.file} [{rec.source_id}]: leika: {rec.leika!r} is not a 14-digit LeiKa key; left out")
        leika = None
    url = rec.url if rec.url and re.match(r"^https?://\S+$", rec.url) else None
    urn = f"urn:{ID_PREFIX[rec.fmt]}:" + re.sub(r"\s+", "-", rec.source_id)
    meta = {
        "id": doc_id(rec.fmt, rec.source_id), "title": title, "kind": "service",
        "summary": summarize(html_to_markdown(rec.teaser) or _first_section(rec)),
        "stand": rec.stand or today.isoformat(),
        "sources": [url or urn],
        "keywords": clean_list(rec.keywords), "responsible": _line(rec.responsible),
        "documents": clean_list(rec.documents), "fees": clean_list(rec.fees),
        "deadlines": clean_list(rec.deadlines), "processing_time": _line(rec.processing_time),
        "online": _online(rec), "legal_basis": clean_list(rec.legal_basis),
        "contact": {k: v for k, v in ((k, _line(v)) for k, v in rec.contact.items()) if v} or None,
        "leika": leika, "source_id": rec.source_id, "source_format": rec.fmt,
    }
    doc, problems = validate({k: v for k, v in meta.items() if v not in (None, [], "")}, body, rec.file)
    if doc is None:
        fields = ", ".join(dict.fromkeys(p.field for p in problems))
        reason = "; ".join(p.reason if len(problems) == 1 else f"{p.field}: {p.reason}" for p in problems)
        return None, Problem(rec.file, fields, reason, rec.source_id), notes
    return doc, None, notes


def summarize(markdown: str, limit: int = 300) -> str:
    """The first one or two plain sentences of the first prose paragraph, cut at a word near `limit`."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]
    prose = [p for p in paragraphs if not p.startswith("#") and not _LIST_ITEM.match(p)]
    if prose:
        plain = " ".join(ln.strip() for ln in prose[0].splitlines())
    else:  # only lists: their items, joined
        lines = [_LIST_ITEM.sub("", ln.strip()) for ln in markdown.splitlines()]
        plain = "; ".join(ln for ln in lines if ln and not ln.startswith("#"))
    sentences = split_sentences(plain)
    text = sentences[0] if sentences else plain
    if len(sentences) > 1 and len(text) < 90:
        text = f"{text} {sentences[1]}"
    if len(text) > limit:
        text = text[:limit - 2].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return text.strip()


_LIST_ITEM = re.compile(r"^(?:[-*]|\d+\.)\s+")
_ABBREVIATIONS = {"z", "b", "bzw", "ca", "nr", "abs", "s", "str", "usw", "ggf", "evtl", "inkl", "u", "a", "d",
                  "h", "vgl", "tel", "dr", "st", "gem", "lt", "mo", "di", "mi", "do", "fr", "sa", "so", "bspw",
                  "etc", "max", "min", "zzgl", "i", "v", "o", "e", "hr", "jan", "feb", "okt", "dez"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"(])")


def split_sentences(text: str) -> list[str]:
    """Sentences of German text; 'z. B.', 'Abs. 2', '1. Januar' do not end one."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()]
        word = re.split(r"[\s(]", before)[-1].rstrip(".!?").lower()
        if before.endswith(".") and (word in _ABBREVIATIONS or word.isdigit() or len(word) == 1):
            continue
        out.append(before.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def clean_list(items: list[str]) -> list[str]:
    """List entries as single plain lines, empty ones and repeats dropped, long ones cut."""
    seen: dict[str, None] = {}
    for item in items:
        line = _line(item)
        if line and line.lower() not in (k.lower() for k in seen):
            seen[line] = None
        if len(seen) >= _MAX_LIST:
            break
    return list(seen)


def lines_of(markdown: str) -> list[str]:
    """The lines of a text as list entries (fees, deadlines): markers stripped, headings and blanks dropped."""
    return [re.sub(r"^(?:[-*]|\d+\.)\s+", "", ln.strip()) for ln in markdown.splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def office_entry(name: str, *, street: str = "", town: str = "", phone: str = "", email: str = "", url: str = "",
                 hours: str = "", note: str = "") -> tuple[str, dict[str, str]]:
    """An office as a list entry of the Zuständig section and as the `contact` mapping of the front matter."""
    where = ", ".join(p for p in (street, town) if p)
    line = "- " + ", ".join(p for p in (name, where) if p)
    reach = "; ".join(p for p in (f"Telefon: {phone}" if phone else "", f"E-Mail: {email}" if email else "", url) if p)
    for extra in (reach, f"Öffnungszeiten: {hours}" if hours else "", note):
        if extra:
            line += f"\n  {extra}"
    fields = {"office": name, "address": where, "phone": phone, "email": email, "url": url, "hours": hours}
    return line, {k: v for k, v in fields.items() if v}


def channel_kind(channel: str, value: str) -> str | None:
    """'phone', 'fax', 'email' or 'url' for a communication entry, by its channel's name or else by its value."""
    c = channel.lower()
    for kind, words in (("fax", ("fax",)), ("email", ("mail",)), ("phone", ("telefon", "phone", "mobil", "tel")),
                        ("url", ("web", "internet", "url", "www", "homepage"))):
        if any(w in c for w in words):
            return kind
    v = value.strip().lower()
    if "@" in v:
        return "email"
    if v.startswith(("http://", "https://", "www.")):
        return "url"
    if re.fullmatch(r"[+0-9 ()/-]{5,}", v):
        return "phone"
    return None


def _line(value: object) -> str | None:
    line = html_to_line(value) if value is not None else ""
    if len(line) > _MAX_ITEM:
        line = line[:_MAX_ITEM - 2].rsplit(" ", 1)[0] + " …"
    return line or None


def _first_section(rec: ServiceRecord) -> str:
    name = next(n for n in SECTION_ORDER if rec.sections.get(n))
    return "\n\n".join(rec.sections[name])


def _online(rec: ServiceRecord) -> dict | None:
    if not rec.online_url:
        return None  # a description without a link does not say whether the service can be done online
    return {"available": "ja", "url": rec.online_url, "note": _line(rec.online_note)}
