"""NRW Zuständigkeitsfinder JSON (the Landesredaktion's service texts plus the municipality's local details).

A record carries `leistungStammtext` with snake_case fields: `schluessel` (the 14-digit LeiKa key, which is also
the record's id), `bezeichnung`, `bezeichnung2`, `kurztext`, `teaser`, `volltext`, `erforderliche_unterlagen`,
`voraussetzungen`, `kosten`, `bearbeitungsdauer`, `verfahrensablauf`, `fristen`, `formulare`, `hinweise`,
`besondere_merkmale`, `rechtsgrundlage` and `rechtsgrundlageLinks` [{`uri`, `titel`}], `weiterfuehrende_
informationen`, `urlOnlineDienst`, `ansprechpunkt`, `synonyme`, `fachlich_freigegeben_am`. The municipality's own
version (`leistung`, camelCase: `leistungsbezeichnung`, `erforderlicheUnterlagen`, `begriffeImKontext`,
`letzteAktualisierung`, ...) overrides the Stammtext field by field where it has text. Offices come as
`organisationseinheiten` (or `zustaendigeStellen`, ...) with `name`, `anschrift` [{`strasse`, `hausnummer`,
`postleitzahl`, `ort`}] and `kommunikation` [{`kanal`, `kennung`}]. Field names are compared without case and
underscores, so both spellings work. A file holds a list, a list under "leistungen"/"data", or one record.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from corpus.html import html_to_line
from corpus.importers.catalogue import CatalogueImport, import_json_records, parse_date
from corpus.importers.offices import office_from
from corpus.importers.reading import text_of
from corpus.importers.service import ServiceRecord, lines_of

_LIST_KEYS = ("leistungen", "data", "items", "services", "ergebnisse", "results")
_UNITS = ("organisationseinheiten", "organisationen", "zustaendigestellen", "stellen", "behoerden",
          "ansprechpartner", "organisationseinheit")
# normalised field -> body section; the list field it also fills, if any
_SECTIONS = (("volltext", "Überblick", None), ("voraussetzungen", "Voraussetzungen", None),
             ("verfahrensablauf", "Ablauf", None), ("erforderlicheunterlagen", "Unterlagen", "documents"),
             ("kosten", "Kosten", "fees"), ("fristen", "Fristen", "deadlines"),
             ("bearbeitungsdauer", "Bearbeitungszeit", None), ("ansprechpunkt", "Zuständig", None),
             ("hinweise", "Hinweise", None), ("besonderemerkmale", "Hinweise", None),
             ("rechtsgrundlage", "Rechtsgrundlagen", "legal_basis"), ("formulare", "Formulare", None),
             ("weiterfuehrendeinformationen", "Weitere Informationen", None))


def import_zufi_nrw(paths: list[Path], today: date | None = None) -> CatalogueImport:
    return import_json_records("zufi-nrw", paths, today, _LIST_KEYS,
                               lambda data: "leistungStammtext" in data or "schluessel" in data,
                               "no services: expected a list of records with 'leistungStammtext', or that list "
                               "under 'leistungen'", _service)


def _norm(d: Any) -> dict[str, Any]:
    return {re.sub(r"[^a-z0-9]", "", str(k).lower()): v for k, v in d.items()} if isinstance(d, dict) else {}


def _filled(v: Any) -> bool:
    return v not in (None, "", [], {}) and not (isinstance(v, str) and not html_to_line(v))


def _service(raw: dict, n: int, file: str, result: CatalogueImport) -> None:
    record = _norm(raw)
    fields = _norm(raw.get("leistungStammtext")) or record
    local = _norm(raw.get("leistung")) if isinstance(raw.get("leistung"), dict) else {}
    if "leistungsbezeichnung" in record:
        local = {**record, **local}
    for key, value in local.items():  # the municipality's own text wins over the Landesredaktion's
        key = {"leistungsbezeichnung": "bezeichnung", "leistungsbezeichnung2": "bezeichnung2",
               "begriffeimkontext": "synonyme"}.get(key, key)
        if _filled(value):
            fields[key] = value
    ident = text_of(fields.get("schluessel")) or text_of(record.get("id")) or text_of(record.get("kennung"))
    if not ident:
        result.reject(file, f"#{n}", "schluessel", "record has no schluessel (nor id)")
        return
    title = html_to_line(fields.get("bezeichnung2")) or html_to_line(fields.get("bezeichnung"))
    if not title:
        result.reject(file, ident, "bezeichnung", "record has no bezeichnung", ident)
        return
    rec = ServiceRecord("zufi-nrw", ident, file, title=title,
                        leika=ident if re.fullmatch(r"\d{14}", ident) else None,
                        teaser=fields.get("kurztext") or fields.get("teaser") or "",
                        url=text_of(fields.get("url") or record.get("url")) or None)
    rec.stand = next((parse_date(fields.get(k)) for k in ("fachlichfreigegebenam", "letzteaktualisierung", "datum")
                      if parse_date(fields.get(k))), None)
    for key, section, list_field in _SECTIONS:
        md = rec.add(section, _html(fields.get(key)))
        if list_field and md:
            getattr(rec, list_field).extend(lines_of(md))
    links = [(html_to_line(x.get("titel") or x.get("title")), text_of(x.get("uri") or x.get("url")))
             for x in _as_list(fields.get("rechtsgrundlagelinks")) if isinstance(x, dict)]
    rec.add("Rechtsgrundlagen", "\n".join(f"- {t or u} ({u})" if t else f"- {u}" for t, u in links if u),
            markdown=True)
    processing = rec.sections.get("Bearbeitungszeit")
    rec.processing_time = lines_of(processing[0])[0] if processing else None
    online = text_of(fields.get("urlonlinedienst"))
    if online.startswith(("http://", "https://")):
        rec.online_url = online
        rec.add("Online", f"Online erledigen: {online}", markdown=True)
    rec.keywords = _keywords(fields.get("synonyme"))
    _units(record, rec)
    result.add(rec)


def _units(record: dict, rec: ServiceRecord) -> None:
    units = next((_as_list(record[k]) for k in _UNITS if _filled(record.get(k))), [])
    lines = []
    for unit in units[:10]:
        office = office_from(unit) if isinstance(unit, dict) else None
        if office:
            lines.append(office[0])
            rec.contact = rec.contact or office[1]
    rec.add("Zuständig", "\n".join(lines), markdown=True)
    rec.responsible = rec.contact.get("office")


def _html(value: Any) -> str:
    """A text field, or a list of entries ({name, url} or strings) as an HTML list."""
    if isinstance(value, list):
        items = []
        for v in value:
            if isinstance(v, dict):
                name = text_of(v.get("name") or v.get("titel") or v.get("title") or v.get("bezeichnung"))
                url = text_of(v.get("url") or v.get("uri") or v.get("link"))
                items.append(f"<li>{name} ({url})</li>" if name and url else f"<li>{name or url}</li>")
            elif text_of(v):
                items.append(f"<li>{v}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else ""
    return value if isinstance(value, str) else text_of(value)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in re.split(r"[,;\n]", value) if k.strip()]
    return [html_to_line(v.get("begriff") if isinstance(v, dict) else v) for v in _as_list(value)]


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict) and value else []
