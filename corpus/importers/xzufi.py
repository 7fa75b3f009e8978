"""XZuFi 2.x XML, the XÖV standard in which Zuständigkeitsfinder and the PVOG exchange service descriptions.

A message (root in the namespace `http://xoev.de/schemata/xzufi/2_x_x`) carries `schreibe` blocks with `leistung`,
`organisationseinheit`, `onlinedienst` and `zustaendigkeit...` objects, and `loesche` blocks naming objects to
withdraw; they apply in document order. A `leistung` has `id`, `referenzLeiKa/code`, `modulText` blocks (text in
`inhalt` per `languageCode`, kind in `leikaTextmodul/code`, mapped by leika_textmodules.yaml), `modulKosten`,
`modulFrist`, `modulBearbeitungsdauer`, `modulFachlicheFreigabe/fachlichFreigegebenAm`, `modulBegriffImKontext`
and `modulUrsprungsportal`. The office comes from the `organisationseinheit` whose `zustaendigkeit/leistungID`
names the service (address `anschrift`, `kommunikation` channels, opening hours). XÖV code values (`code`,
`name`) are unqualified, the rest is in the XZuFi namespace. Parsed with defusedxml and DTDs forbidden: exports
never need one, and entity expansion ("billion laughs") and external entities are refused outright.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from corpus.html import html_to_line
from corpus.importers.catalogue import CatalogueImport, parse_date
from corpus.importers.leika import apply_module, target_for
from corpus.importers.reading import decode, input_files
from corpus.importers.service import ServiceRecord, channel_kind, doc_id, lines_of, office_entry
from corpus.loader import Problem

NS_PREFIX = "http://xoev.de/schemata/xzufi/"
_OBJECTS = ("leistung", "organisationseinheit", "onlinedienst")
_UNIT_REFS = ("uebergeordnetesObjektID", "organisationseinheitID", "organisationseinheitId")
_HOURS = ("oeffnungszeiten", "sprechzeiten", "servicezeiten", "erreichbarkeit", "oeffnungszeitenstrukturiert")


def import_xzufi(paths: list[Path], today: date | None = None) -> CatalogueImport:
    result = CatalogueImport("xzufi", today=today or date.today())
    files, problems = input_files(paths, (".xml",))
    for p in problems:
        result.fail_file(p)
    services: dict[str, tuple[Element, str, int]] = {}
    offices: dict[str, list[Element]] = {}
    units: dict[str, Element] = {}
    links: list[tuple[str, str]] = []  # (leistungID, organisationseinheit id) from separate zustaendigkeit objects
    online: dict[str, str] = {}
    for path in files:
        root = _parse(path, result)
        if root is None:
            continue
        for n, (op, el) in enumerate(_operations(root), start=1):
            if op == "loesche":
                for ident in _deleted_ids(el):
                    services.pop(ident, None)
                    result.withdrawn[_doc_id(ident)] = f"loesche in {path}"
            elif _local(el) == "leistung":
                ident = _text(_child(el, "id"))
                if not ident:
                    result.reject(str(path), f"#{n}", "leistung/id", "leistung has no id")
                    continue
                result.withdrawn.pop(_doc_id(ident), None)
                services[ident] = (el, str(path), n)
            elif _local(el) == "organisationseinheit":
                units[_text(_child(el, "id"))] = el
                for sid in [_text(z) for z in el.iter() if _local(z) == "leistungID"]:
                    offices.setdefault(sid, []).append(el)
            elif _local(el).startswith("zustaendigkeit"):
                unit = next((_text(x) for x in el.iter() if _local(x) in _UNIT_REFS and _text(x)), "")
                links.extend((_text(x), unit) for x in el.iter() if _local(x) == "leistungID" and unit)
            elif _local(el) == "onlinedienst":
                link = next((_text(x) for x in el.iter() if _local(x) in ("link", "uri")
                             and _text(x).startswith(("http://", "https://"))), "")
                for sid in [_text(z) for z in el.iter() if _local(z) == "leistungID"]:
                    online.setdefault(sid, link)
    for sid, unit in links:
        if unit in units and units[unit] not in offices.get(sid, []):
            offices.setdefault(sid, []).append(units[unit])
    for ident, (el, file, n) in services.items():
        rec = _service(el, ident, file, result)
        if rec is not None:
            _offices(rec, offices.get(ident, []))
            if online.get(ident) and not rec.online_url:
                rec.online_url = online[ident]
                rec.add("Online", f"Online erledigen: {online[ident]}", markdown=True)
            result.add(rec)
    return result


def _doc_id(ident: str) -> str:
    return doc_id("xzufi", ident)


def _parse(path: Path, result: CatalogueImport) -> Element | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.fail_file(Problem(str(path), "file", f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        try:
            root = SafeET.fromstring(data, forbid_dtd=True)
        except ParseError:
            text, note = decode(data)  # declared UTF-8 but written as Windows-1252, or a BOM the parser rejects
            if not note:
                raise
            root = SafeET.fromstring(_strip_declaration(text), forbid_dtd=True)
            result.notes.append(f"{path}: encoding: {note}")
    except DefusedXmlException as exc:
        result.fail_file(Problem(str(path), "file", f"refused: the XML declares a DTD or entities "
                                                    f"({type(exc).__name__}); XZuFi needs neither"))
        return None
    except ParseError as exc:
        line, col = exc.position
        result.fail_file(Problem(str(path), "file", f"invalid XML at line {line}, column {col}: "
                                                    f"{str(exc).split(':')[0]}"))
        return None
    if not _ns(root).startswith(NS_PREFIX):
        result.fail_file(Problem(str(path), "file", f"not an XZuFi document: root element {root.tag!r}, expected "
                                                    f"the namespace {NS_PREFIX}2_x_x"))
        return None
    return root


def _strip_declaration(text: str) -> str:
    text = text.lstrip("\ufeff")
    return text[text.index("?>") + 2:] if text.startswith("<?xml") and "?>" in text else text


def _operations(root: Element) -> list[tuple[str, Element]]:
    """('schreibe'|'loesche', element) in document order. A document without schreibe/loesche blocks (a bare
    <leistung>, or objects listed under some other root) is read as writing every object in it."""
    ops: list[tuple[str, Element]] = []
    for el in root.iter():
        name = _local(el)
        if name == "schreibe":
            ops.extend(("schreibe", obj) for obj in el)
        elif name == "loesche":
            ops.append(("loesche", el))
    if not ops:
        ops = [("schreibe", el) for el in root.iter()
               if _local(el) in _OBJECTS or _local(el).startswith("zustaendigkeit")]
    return ops


def _deleted_ids(el: Element) -> list[str]:
    """Ids a `loesche` block names: its `leistungID`/`id` elements, or those of a nested leistung."""
    kinds = " ".join(_text(x).lower() for x in el.iter() if _local(x) in ("klasse", "objektklasse", "typ"))
    if kinds and "leistung" not in kinds:
        return []  # deletes an office or an online service, not a service description
    return [_text(x) for x in el.iter() if _local(x) in ("leistungID", "id", "objektID") and _text(x)]


def _service(el: Element, ident: str, file: str, result: CatalogueImport) -> ServiceRecord | None:
    rec = ServiceRecord("xzufi", ident, file)
    rec.leika = next((_text(_child(r, "code")) for r in _children(el, "referenzLeiKa")), None)
    titles: dict[str, str] = {}
    texts = sorted(_children(el, "modulText"), key=lambda m: _int(_text(_child(m, "positionDarstellung"))))
    for module in texts:
        code_el = _child(module, "leikaTextmodul")
        target = target_for(_text(_child(code_el, "code")), _text(_child(code_el, "name")))
        content = _inner(_pick_language(_children(module, "inhalt")))
        links = [(_text(_child(x, "titel")), _text(_child(x, "uri")))
                 for x in _children(module, "weiterfuehrenderLink")]
        apply_module(rec, target, content, links, titles)
    _modules(el, rec)
    rec.title = titles.get("title2") or titles.get("title") or ""
    if not html_to_line(rec.title):
        result.reject(file, ident, "modulText[Leistungsbezeichnung]", "leistung has no name", ident)
        return None
    return rec


def _modules(el: Element, rec: ServiceRecord) -> None:
    """The structured modules: fees, deadlines, processing time, release date, keywords, origin portal."""
    for module in _children(el, "modulKosten"):
        rec.add("Kosten", _inner(_pick_language(_children(module, "beschreibung"))))
        for item in _children(module, "kosten"):
            desc = html_to_line(_inner(_pick_language(_children(item, "beschreibung"))))
            amount = next((_text(x) for x in item.iter() if _local(x).startswith("betrag") and _text(x)), "")
            line = ": ".join(p for p in (desc, f"{amount} Euro" if amount else "") if p)
            if line:
                rec.fees.append(line)
                rec.add("Kosten", f"- {line}", markdown=True)
    for name, section in (("modulFrist", "Fristen"), ("modulBearbeitungsdauer", "Bearbeitungszeit")):
        for module in _children(el, name):
            md = rec.add(section, _inner(_pick_language(_children(module, "beschreibung"))))
            if section == "Fristen":
                rec.deadlines.extend(lines_of(md))
            elif md and not rec.processing_time:
                rec.processing_time = lines_of(md)[0]
    freigabe = [_text(x) for m in _children(el, "modulFachlicheFreigabe") for x in m.iter()
                if _local(x) == "fachlichFreigegebenAm"]
    changed = [_text(x) for x in el.iter() if _local(x) == "geaendertDatumZeit"]
    rec.stand = rec.stand or next((parse_date(d) for d in freigabe + changed if parse_date(d)), None)
    rec.keywords = [html_to_line(_text(x)) for m in _children(el, "modulBegriffImKontext") for x in m.iter()
                    if _local(x) == "begriff" and _text(x)]
    rec.url = next((_text(x) for m in _children(el, "modulUrsprungsportal") for x in m.iter()
                    if _local(x) == "uri" and _text(x).startswith("http")), None)


def _offices(rec: ServiceRecord, units: list[Element]) -> None:
    lines = []
    for unit in units[:10]:
        name_el = _child(unit, "name")
        name = html_to_line(_text(_child(name_el, "name")) or _text(name_el))
        address = next((a for a in _children(unit, "anschrift") if _text(_child(a, "strasse"))), None)
        street = " ".join(p for p in (_text(_child(address, "strasse")), _text(_child(address, "hausnummer"))) if p)
        town = " ".join(p for p in (_text(_child(address, "postleitzahl")), _text(_child(address, "ort"))) if p)
        reach: dict[str, str] = {}
        for k in _children(unit, "kommunikation"):
            kanal = _child(k, "kanal")
            value = _text(_child(k, "kennung"))
            kind = channel_kind(f"{_text(_child(kanal, 'name'))} {_text(_child(kanal, 'code'))}", value)
            if kind and kind != "fax":
                reach.setdefault(kind, value)
        hours = "; ".join(html_to_line(" ".join(t.strip() for t in x.itertext() if t.strip()))
                          for x in unit if _local(x).lower() in _HOURS)
        line, contact = office_entry(name, street=street, town=town, phone=reach.get("phone", ""),
                                     email=reach.get("email", ""), url=reach.get("url", ""), hours=hours)
        lines.append(line)
        rec.contact = rec.contact or contact
    rec.add("Zuständig", "\n".join(lines), markdown=True)
    rec.responsible = rec.contact.get("office")


# ---- element helpers: XZuFi elements are namespaced, XÖV code values (code, name) are not ----
def _ns(el: Element) -> str:
    return el.tag[1:].split("}", 1)[0] if el.tag.startswith("{") else ""


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _children(el: Element | None, name: str) -> list[Element]:
    if el is None:
        return []
    return [c for c in el if _local(c) == name and (not _ns(c) or _ns(c).startswith(NS_PREFIX))]


def _child(el: Element | None, name: str) -> Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _text(el: Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _inner(el: Element | None) -> str:
    """Text of an element; XHTML written as child elements (instead of escaped text) is kept as markup."""
    if el is None:
        return ""
    if len(el) == 0:
        return el.text or ""
    for child in el.iter():
        child.tag = _local(child)  # <xhtml:p> becomes <p>, which corpus.html knows
    return (el.text or "") + "".join(tostring(c, encoding="unicode") for c in el)


def _pick_language(elements: list[Element]) -> Element | None:
    """The German one of several language versions (`languageCode` de, de-DE), else one without a code."""
    for el in elements:
        code = (el.get("languageCode") or el.get("{http://www.w3.org/XML/1998/namespace}lang") or "").lower()
        if code.startswith("de"):
            return el
    return next((el for el in elements if not el.get("languageCode")), elements[0] if elements else None)


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 10_000
