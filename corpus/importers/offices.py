"""Offices in JSON exports (DLDB locations, NRW Organisationseinheiten, PVOG organisation units) as contact data.

The formats name the same things differently: `anschrift`/`address`/`location`, `strasse`/`street`,
`postleitzahl`/`plz`/`zipCode`/`postal_code`, `kommunikation` (a list of `kanal` + `kennung`) or `contact`
(a mapping `phone`, `email`, `webinfo`), opening hours as text, a list or a mapping of weekdays. One reader for all.
"""

from __future__ import annotations

from typing import Any

from corpus.html import html_to_line
from corpus.importers.reading import first, text_of
from corpus.importers.service import channel_kind, office_entry

_NAME = ("name", "bezeichnung", "title", "titel", "organisationseinheit")
_ADDRESS = ("anschrift", "address", "adresse", "location", "hausanschrift", "besucheranschrift")
_STREET = ("strasse", "street", "straße")
_HOUSE = ("hausnummer", "house_number", "houseNumber", "housenumber")
_ZIP = ("postleitzahl", "plz", "postal_code", "postalCode", "zipCode", "zip")
_CITY = ("ort", "city", "town", "gemeinde")
_CHANNELS = ("kommunikation", "communicationSystems", "communications", "communication", "contact", "kontakt",
             "erreichbarkeit")
_HOURS = ("oeffnungszeiten", "opening_times", "openingHours", "openingTimes", "sprechzeiten", "servicezeiten")
_DAYS = (("monday", "Mo"), ("tuesday", "Di"), ("wednesday", "Mi"), ("thursday", "Do"), ("friday", "Fr"),
         ("saturday", "Sa"), ("sunday", "So"), ("montag", "Mo"), ("dienstag", "Di"), ("mittwoch", "Mi"),
         ("donnerstag", "Do"), ("freitag", "Fr"), ("samstag", "Sa"), ("sonntag", "So"), ("special", "Außerdem"))


def office_from(unit: dict, *, url: str = "", note: str = "") -> tuple[str, dict[str, str]] | None:
    """(Zuständig list entry, contact mapping) of one office record, or None when it names no office."""
    name = _name(first(unit, *_NAME))
    address = _address(first(unit, *_ADDRESS) or unit)
    street = " ".join(p for p in (text_of(first(address, *_STREET)), text_of(first(address, *_HOUSE))) if p)
    town = " ".join(p for p in (text_of(first(address, *_ZIP)), text_of(first(address, *_CITY))) if p)
    if not (name or street or town):
        return None
    reach = channels(first(unit, *_CHANNELS))
    return office_entry(name, street=street, town=town, phone=reach.get("phone", ""), email=reach.get("email", ""),
                        url=reach.get("url", "") or url, hours=hours(first(unit, *_HOURS)), note=note)


def channels(value: Any) -> dict[str, str]:
    """{'phone', 'email', 'url'} from a list of channel entries or a mapping of channel names to values."""
    found: dict[str, str] = {}
    if isinstance(value, dict):
        items = [(key, val) for key, val in value.items() if not isinstance(val, (dict, list))]
    elif isinstance(value, list):
        items = [(_name(first(v, "kanal", "type", "channel", "typ", "art")), text_of(first(
            v, "kennung", "value", "identifier", "uri", "wert", "adresse"))) for v in value if isinstance(v, dict)]
    else:
        items = []
    for channel, raw in items:
        val = text_of(raw)
        kind = channel_kind(str(channel), val) if val else None
        if kind and kind != "fax":
            found.setdefault(kind, val)
    return found


def hours(value: Any) -> str:
    """Opening hours as one line: 'Mo 8-16 Uhr; Di 8-18 Uhr'."""
    if isinstance(value, dict):
        low = {str(k).lower(): v for k, v in value.items()}
        parts = [f"{label} {html_to_line(low[key])}" for key, label in _DAYS if html_to_line(low.get(key))]
        return "; ".join(parts) or html_to_line(first(value, "beschreibung", "description", "text"))
    if isinstance(value, list):
        return "; ".join(h for h in (hours(v) for v in value) if h)
    return html_to_line(value) if isinstance(value, (str, int, float)) else ""


def _address(value: Any) -> dict:
    if isinstance(value, list):
        return next((a for a in value if isinstance(a, dict) and first(a, *_STREET)), {})
    return value if isinstance(value, dict) else {}


def _name(value: Any) -> str:
    """A name that may be a string, {name: ...}, {text: ...}, {key, name} or a list of language versions."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict) and str(v.get("languageCode", v.get(
            "_languageCode", "de"))).startswith("de")), value[0] if value else None)
    if isinstance(value, dict):
        value = first(value, "name", "text", "value", "title", "bezeichnung", "key", "code")
        return _name(value) if isinstance(value, (dict, list)) else html_to_line(value)
    return html_to_line(value) if value is not None else ""
