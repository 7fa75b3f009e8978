"""PVOG JSON: service descriptions as the Portalverbund-Onlinegateway hands them out.

Two shapes are read. The Bereitstelldienst serialises XZuFi as JSON: `id` ({`text`, `_schemeAgencyID`} or a
string), `referenzLeiKa` {`code`}, `modulText` [{`inhalt` [{`text`, `_languageCode`}], `leikaTextmodul` {`code`},
`weiterfuehrenderLink` [{`uri`, `titel`}]}], `modulKosten`, `modulFrist`, `modulBearbeitungsdauer`,
`modulFachlicheFreigabe`, `modulBegriffImKontext`, `modulUrsprungsportal`, `versionsinformation`. The Suchdienst
answers with camelCase objects: `id`, `title`, `leikaKey` (or `leistungsschluessel`), `lastUpdate`, `textBlocks`
[{`type` {`key`, `name`} or a name, `text`, `links`}], `keywords`/`synonyms`, `onlineServices` [{`title`, `url`}],
`forms`, `organisationUnits` [{`title`, `location`, `communicationSystems`, `openingHours`}], `url`. Text blocks of
both shapes are sorted into sections by leika_textmodules.yaml. A file holds one description, a list, or a list
under "leistungen", "services", "items", "content" or "data".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from corpus.html import html_to_line
from corpus.importers.catalogue import CatalogueImport, import_json_records, parse_date
from corpus.importers.leika import apply_module, target_for
from corpus.importers.offices import office_from
from corpus.importers.reading import first, text_of
from corpus.importers.service import ServiceRecord

_LIST_KEYS = ("leistungen", "services", "items", "content", "data", "results", "leistung")
_BLOCKS = ("textBlocks", "textbloecke", "texts", "texte", "textModules", "modules")
_UNITS = ("organisationUnits", "organisationseinheiten", "organizationalUnits", "authorities", "zustaendigeStellen")


def import_pvog(paths: list[Path], today: date | None = None) -> CatalogueImport:
    return import_json_records("pvog", paths, today, _LIST_KEYS, lambda data: "id" in data,
                               "no service description: expected an object with 'id', a list, or a list under "
                               "'leistungen' or 'items'", _service)


def _service(raw: dict, n: int, file: str, result: CatalogueImport) -> None:
    ident = _id(raw.get("id"))
    if not ident:
        result.reject(file, f"#{n}", "id", "service description has no id")
        return
    rec = ServiceRecord("pvog", ident, file)
    titles: dict[str, str] = {}
    for block in sorted(_blocks(raw), key=lambda b: b[0]):
        _, code, name, content, links = block
        apply_module(rec, target_for(code, name), content, links, titles)
    rec.title = text_of(first(raw, "title", "name", "leistungsbezeichnung")) or titles.get("title2") or \
        titles.get("title") or ""
    if not html_to_line(rec.title):
        result.reject(file, ident, "title", "service description has no name", ident)
        return
    leika = first(raw, "leikaKey", "leistungsschluessel", "leikaId", "referenzLeiKa", "leikaKeys")
    rec.leika = text_of(_code(leika[0] if isinstance(leika, list) and leika else leika)) or None
    rec.stand = rec.stand or next((parse_date(v) for v in _dates(raw) if parse_date(v)), None)
    rec.keywords += [html_to_line(_lang_text(k)) for k in _as_list(first(raw, "keywords", "synonyms", "synonyme"))]
    rec.keywords += [html_to_line(_lang_text(x.get("begriff"))) for x in _as_list(
        (raw.get("modulBegriffImKontext") or {}).get("begriffImKontext")) if isinstance(x, dict)]
    rec.url = text_of(first(raw, "url", "detailUrl", "portalUrl")) or next(
        (text_of(p.get("uri")) for p in _as_list(raw.get("modulUrsprungsportal")) if isinstance(p, dict)), None)
    _structured(raw, rec)
    _links(raw, rec)
    _units(raw, rec)
    result.add(rec)


def _blocks(raw: dict) -> list[tuple[int, str, str, str, list[tuple[str, str]]]]:
    """(position, code, name, HTML, links) of every text block of either shape."""
    out = []
    for m in _as_list(raw.get("modulText")):
        if isinstance(m, dict):
            kind = m.get("leikaTextmodul") if isinstance(m.get("leikaTextmodul"), dict) else {}
            out.append((_int(m.get("positionDarstellung")), text_of(kind.get("code")), text_of(kind.get("name")),
                        _lang_text(m.get("inhalt")), _link_pairs(m.get("weiterfuehrenderLink"))))
    for b in _as_list(first(raw, *_BLOCKS)):
        if isinstance(b, dict):
            kind = first(b, "type", "typ", "key", "name", "title", "label")
            code = text_of(kind.get("code")) if isinstance(kind, dict) else ""
            name = text_of(first(kind, "name", "key", "title")) if isinstance(kind, dict) else text_of(kind)
            out.append((_int(first(b, "position", "order")), code, name,
                        _lang_text(first(b, "text", "content", "value", "inhalt", "description")),
                        _link_pairs(first(b, "links", "externalLinks", "weiterfuehrenderLink"))))
    return out


def _structured(raw: dict, rec: ServiceRecord) -> None:
    """The XZuFi-JSON modules for fees, deadlines and processing time."""
    kosten = raw.get("modulKosten") if isinstance(raw.get("modulKosten"), dict) else {}
    rec.add("Kosten", _lang_text(kosten.get("beschreibung")))
    for item in _as_list(kosten.get("kosten")):
        if isinstance(item, dict):
            desc = html_to_line(_lang_text(item.get("beschreibung")))
            amount = next((text_of(v) for k, v in item.items() if k.startswith("betrag") and text_of(v)), "")
            line = ": ".join(p for p in (desc, f"{amount} Euro" if amount else "") if p)
            if line:
                rec.fees.append(line)
                rec.add("Kosten", f"- {line}", markdown=True)
    for key, section in (("modulFrist", "Fristen"), ("modulBearbeitungsdauer", "Bearbeitungszeit")):
        module = raw.get(key) if isinstance(raw.get(key), dict) else {}
        md = rec.add(section, _lang_text(module.get("beschreibung")))
        if md and section == "Fristen":
            rec.deadlines.append(md)
        elif md:
            rec.processing_time = rec.processing_time or md


def _links(raw: dict, rec: ServiceRecord) -> None:
    services = _link_pairs(first(raw, "onlineServices", "onlineDienste", "onlineServiceLinks"))
    if services and not rec.online_url:
        rec.online_url = next((u for _, u in services if u.startswith("http")), None)
        rec.online_note = services[0][0] or None
    rec.add("Online", "\n".join(f"- {t or u}: {u}" for t, u in services if u.startswith("http")), markdown=True)
    forms = _link_pairs(first(raw, "forms", "formulare"))
    rec.add("Formulare", "\n".join(f"- {t} ({u})" if t and u else f"- {t or u}" for t, u in forms), markdown=True)


def _units(raw: dict, rec: ServiceRecord) -> None:
    lines = []
    for unit in _as_list(first(raw, *_UNITS))[:10]:
        office = office_from(unit) if isinstance(unit, dict) else None
        if office:
            lines.append(office[0])
            rec.contact = rec.contact or office[1]
    rec.add("Zuständig", "\n".join(lines), markdown=True)
    rec.responsible = rec.responsible or rec.contact.get("office")


def _dates(raw: dict) -> list[Any]:
    freigabe = raw.get("modulFachlicheFreigabe") if isinstance(raw.get("modulFachlicheFreigabe"), dict) else {}
    version = raw.get("versionsinformation") if isinstance(raw.get("versionsinformation"), dict) else {}
    return [freigabe.get("fachlichFreigegebenAm"), raw.get("fachlichFreigegebenAm"), raw.get("lastUpdate"),
            raw.get("lastModified"), version.get("geaendertDatumZeit")]


def _id(value: Any) -> str:
    if isinstance(value, dict):
        return text_of(first(value, "text", "value", "id", "#text"))
    return text_of(value)


def _code(value: Any) -> Any:
    return first(value, "code", "text", "value") if isinstance(value, dict) else value


def _lang_text(value: Any) -> str:
    """Text of a value that may be a string, {text, _languageCode} or a list of language versions (German wins)."""
    if isinstance(value, list):
        items = [v for v in value if v not in (None, "")]
        german = [v for v in items if isinstance(v, dict) and str(
            v.get("_languageCode") or v.get("languageCode") or "de").lower().startswith("de")]
        value = (german or items or [None])[0]
    if isinstance(value, dict):
        return text_of(first(value, "text", "value", "content", "#text", "name"))
    return value if isinstance(value, str) else text_of(value)


def _link_pairs(value: Any) -> list[tuple[str, str]]:
    pairs = []
    for item in _as_list(value):
        if isinstance(item, dict):
            title = html_to_line(_lang_text(first(item, "titel", "title", "name", "bezeichnung", "label")))
            url = text_of(first(item, "uri", "url", "link", "href"))
            if title or url:
                pairs.append((title, url))
        elif isinstance(item, str) and item.strip():
            pairs.append(("", item.strip()))
    return pairs


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    return [value] if value not in (None, "", {}) else []


def _int(value: Any) -> int:
    text = text_of(value)
    return int(text) if text.isdigit() else 10_000
