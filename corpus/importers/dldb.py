"""DLDB JSON: the Dienstleistungsdatenbank export of Berlin (service.berlin.de), also used by Munich.

A services file is a JSON list, or an object with the list under "data" (the Berlin API wraps it with `created`,
`datacount`, `hash`), "services" or "dienstleistungen". A service has `id`, `name`, `description` (HTML), `fees`,
`meta` {`url`, `locale`, `lastupdate` (ISO 8601), `keywords` (comma-separated or a list)}, `leika`, `locations`
[{`location` (id), `url`, `hint`, `appointment`}], and may have `requirements`, `prerequisites`, `forms`, `legal`,
`links`, `publications` (lists of {`name`, `description`, `link`}), `process_time`, `responsibility`,
`onlineprocessing` {`description`, `link`}, `appointment` {`link`}, `hint`, `authorities`. Locations usually come
in a file of their own (records with `address`, `contact`, `opening_times`, `services`); when such a file is among
the inputs it supplies the offices' addresses. Unknown fields, null values and numeric ids are taken in stride;
records in another locale than German (Berlin also exports `services_en.json`) are skipped with a note.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from corpus.html import html_to_line, html_to_markdown
from corpus.importers.catalogue import CatalogueImport, parse_date
from corpus.importers.reading import first, input_files, read_json, text_of
from corpus.importers.offices import office_from
from corpus.importers.service import ServiceRecord, lines_of, summarize
from corpus.loader import Problem

_LIST_KEYS = ("data", "services", "dienstleistungen", "leistungen", "items", "records")
_NOT_SERVICES = ("authorit", "topic", "setting", "borough", "behoerde", "themen")
_SHOWN_LOCATIONS = 10


def import_dldb(paths: list[Path], today: date | None = None) -> CatalogueImport:
    result = CatalogueImport("dldb", today=today or date.today())
    files, problems = input_files(paths, (".json",))
    for p in problems:
        result.fail_file(p)
    records: list[tuple[str, int, Any]] = []
    locations: dict[str, dict] = {}
    for path in files:
        if path.stem.lower().startswith(_NOT_SERVICES):
            result.notes.append(f"{path}: authorities, topics or settings (by the file name), not services; skipped")
            continue
        data, problem = read_json(path, result.notes)
        if problem:
            result.fail_file(problem)
            continue
        services, places = _split(data)
        if services is None and places is None:
            result.fail_file(Problem(str(path), "file", "no list of services: expected a JSON list or an object "
                                                        "with the list under 'data' or 'services'"))
            continue
        if places:
            locations.update({text_of(r.get("id")): r for r in places})
            result.notes.append(f"{path}: {len(places)} locations (used for the offices' addresses)")
        records.extend((str(path), n, raw) for n, raw in enumerate(services or [], start=1))
    skipped: dict[str, int] = {}
    for file, n, raw in _merge(records):
        if not isinstance(raw, dict):
            result.reject(file, f"#{n}", "record", f"expected an object, got {type(raw).__name__}")
        elif not _is_german(raw):
            skipped[file] = skipped.get(file, 0) + 1
        else:
            _service(raw, n, file, locations, result)
    for file, count in skipped.items():
        result.notes.append(f"{file}: skipped {count} records in another locale than German")
    return result


def _split(data: Any) -> tuple[list | None, list[dict] | None]:
    """(service records, location records) of one file; None where the file has no such list."""
    if isinstance(data, dict):
        places = next((_unwrap(data[k]) for k in ("locations", "standorte") if _unwrap(data.get(k)) is not None),
                      None)
        services = next((_unwrap(data[k]) for k in _LIST_KEYS if _unwrap(data.get(k)) is not None), None)
        if services is None and places is None and "id" in data and "name" in data:
            services = [data]  # one service on its own
    else:
        services, places = _unwrap(data), None
    objects = [r for r in services or [] if isinstance(r, dict)]
    if objects and all(_is_location(r) for r in objects):  # a locations file without a telling key
        return None, (places or []) + objects
    return services, [r for r in places or [] if isinstance(r, dict)] if places is not None else None


def _unwrap(value: Any) -> list | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        return value["data"]
    return None


def _merge(records: list[tuple[str, int, Any]]) -> list[tuple[str, int, Any]]:
    """One record per id across files: an export directory may carry a service twice (Munich's locations file
    repeats the services with their locations filled in); later files fill what earlier ones left empty. Within
    one file a repeated id stays a duplicate, reported as such."""
    merged: list[tuple[str, int, Any]] = []
    first: dict[str, int] = {}
    for file, n, raw in records:
        sid = text_of(raw.get("id")) if isinstance(raw, dict) else ""
        at = first.get(sid)
        if sid and at is not None and merged[at][0] != file:
            f0, n0, r0 = merged[at]
            merged[at] = (f0, n0, {**r0, **{k: v for k, v in raw.items() if _empty(r0.get(k)) and not _empty(v)}})
            continue
        if sid and at is None:
            first[sid] = len(merged)
        merged.append((file, n, raw))
    return merged


def _empty(value: Any) -> bool:
    return value in (None, "", [], {}, False)


def _is_location(r: dict) -> bool:
    return isinstance(r.get("address"), dict) and not any(k in r for k in ("description", "leika", "fees",
                                                                           "requirements", "locations"))


def _is_german(r: dict) -> bool:
    locale = text_of((r.get("meta") or {}).get("locale") if isinstance(r.get("meta"), dict) else None).lower()
    return not locale or locale.startswith("de")


def _service(raw: dict, n: int, file: str, locations: dict[str, dict], result: CatalogueImport) -> None:
    source_id = text_of(raw.get("id"))
    name = raw.get("name") if isinstance(raw.get("name"), str) else text_of(raw.get("name"))
    if not source_id:
        result.reject(file, f"#{n}", "id", "record has no id; without it the service cannot be kept stable "
                                           "across imports")
        return
    if not (name or "").strip():
        result.reject(file, source_id, "name", "record has no name", source_id)
        return
    meta = raw.get("meta") if isinstance(raw.get("meta"), dict) else {}
    url = text_of(first(meta, "url") or raw.get("url")).replace("{serviceId}", source_id)
    rec = ServiceRecord("dldb", source_id, file, title=name, leika=text_of(raw.get("leika")) or None,
                        url=url or None,
                        stand=parse_date(first(meta, "lastupdate", "last_update") or raw.get("lastupdate")))
    rec.keywords = _keywords(first(meta, "keywords") or raw.get("keywords"))
    rec.add("Überblick", first(raw, "description", "beschreibung"))
    rec.add("Voraussetzungen", _items(raw.get("prerequisites")), markdown=True)
    rec.add("Ablauf", first(raw, "process", "procedure", "verfahren", "ablauf"))
    rec.add("Unterlagen", _items(raw.get("requirements")), markdown=True)
    rec.documents = [_name(i) for i in _as_list(raw.get("requirements"))]
    fees = rec.add("Kosten", raw.get("fees"))
    rec.fees = lines_of(fees)
    deadlines = rec.add("Fristen", first(raw, "deadlines", "deadline", "fristen"))
    rec.deadlines = lines_of(deadlines)
    rec.processing_time = rec.add("Bearbeitungszeit", raw.get("process_time")) or None
    _online(raw, rec)
    _responsibility(raw, rec, locations)
    rec.add("Hinweise", raw.get("hint"))
    rec.add("Rechtsgrundlagen", _items(raw.get("legal")), markdown=True)
    rec.legal_basis = [_name(i) for i in _as_list(raw.get("legal"))]
    rec.add("Formulare", _items(raw.get("forms")), markdown=True)
    rec.add("Weitere Informationen", _items(_as_list(raw.get("links")) + _as_list(raw.get("publications"))),
            markdown=True)
    result.add(rec)


def _online(raw: dict, rec: ServiceRecord) -> None:
    online = raw.get("onlineprocessing") if isinstance(raw.get("onlineprocessing"), dict) else {}
    link = _absolute(online.get("link"))
    text = rec.add("Online", online.get("description"))
    if link:
        rec.add("Online", f"Online erledigen: {link}", markdown=True)
        rec.online_url, rec.online_note = link, text or None


def _responsibility(raw: dict, rec: ServiceRecord, locations: dict[str, dict]) -> None:
    said = rec.add("Zuständig", raw.get("responsibility"))
    appointment = raw.get("appointment") if isinstance(raw.get("appointment"), dict) else {}
    booking = _absolute(appointment.get("link"), base=rec.url)
    if booking:
        booking = booking.replace("{serviceId}", rec.source_id)
        rec.add("Zuständig", f"Termin vereinbaren: {booking}", markdown=True)
    lines, contact = [], {}
    refs = [r for r in _as_list(raw.get("locations")) if isinstance(r, dict)]
    for ref in refs[:_SHOWN_LOCATIONS]:
        loc = {**locations.get(text_of(ref.get("location") or ref.get("id")), {}), **ref}
        meta = loc.get("meta") if isinstance(loc.get("meta"), dict) else {}
        page = (_absolute(loc.get("url") or meta.get("url"), base=rec.url) or "").replace("{serviceId}", rec.source_id)
        office = office_from(loc, url=page.replace("{locationId}", text_of(loc.get("id") or loc.get("location"))),
                             note=html_to_line(loc.get("hint")))
        if office:
            lines.append(office[0])
            if not contact and office[1].get("office"):
                contact = office[1]
    if len(refs) > _SHOWN_LOCATIONS:
        lines.append(f"- und {len(refs) - _SHOWN_LOCATIONS} weitere Standorte")
    rec.add("Zuständig", "\n".join(lines), markdown=True)
    rec.contact = contact
    authorities = [a.get("name") for a in _as_list(raw.get("authorities")) if isinstance(a, dict)]
    rec.responsible = contact.get("office") or next((a for a in authorities if a), None) or \
        (summarize(said, limit=200) if said else None)


def _items(value: Any) -> str:
    """A DLDB list of {name, description, link} (or of strings) as a Markdown list."""
    out = []
    for item in _as_list(value):
        name = _name(item)
        if not name:
            continue
        link = _absolute(item.get("link") or item.get("url")) if isinstance(item, dict) else None
        out.append(f"- {name}" + (f" ({link})" if link and link not in name else ""))
        desc = html_to_markdown(item.get("description")) if isinstance(item, dict) and \
            isinstance(item.get("description"), str) else ""
        if desc and desc != name:
            out.extend("  " + ln if ln else "" for ln in desc.splitlines())
    return "\n".join(out)


def _name(item: Any) -> str:
    if isinstance(item, dict):
        return html_to_line(first(item, "name", "title", "label", "description"))
    return html_to_line(item) if isinstance(item, (str, int, float)) else ""


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.replace(";", ",").split(",") if k.strip()]
    return [text_of(k) for k in _as_list(value) if text_of(k)]


def _as_list(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and value:
        return list(value.values()) if all(isinstance(v, dict) for v in value.values()) else [value]
    return []


def _absolute(link: Any, base: str | None = None) -> str | None:
    """An absolute http(s) link, relative ones resolved against the service's page (Berlin writes
    '/terminvereinbarung/...'), else None."""
    text = text_of(link).replace("&amp;", "&")
    if text and base and not text.lower().startswith(("http://", "https://")) and text.startswith("/"):
        text = urljoin(base, text)
    return text if text.lower().startswith(("http://", "https://")) else None
