"""The web pages and the widget with the city's texts filled in: name, numbers and website from the city profile.

The templates (`api/templates/`) say `{{official_name}}`, `{{assistant_name}}`, `{{contact_items}}` …; each is
filled in when a page is first served, escaped for where it stands (HTML text and attributes, or a JavaScript
string), so a profile cannot inject markup or script. An unknown placeholder is a programming error and raises
KeyError, never reaches a citizen as "{{...}}".
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from corpus.city import CityProfile

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_INDENT = "        "


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _js(text: str) -> str:
    """Inside a double-quoted JavaScript string: JSON's escapes, and no '<' that could end a script element."""
    return json.dumps(text, ensure_ascii=False)[1:-1].replace("<", "\\u003c")


def _tel(number: str) -> str:
    from corpus.city import tel_uri

    return f'<a href="{_e(tel_uri(number))}">{_e(number)}</a>'


def _link(url: str) -> str:
    shown = re.sub(r"^https?://", "", url).rstrip("/")
    return f'<a href="{_e(url)}" rel="noopener noreferrer" target="_blank">{_e(shown)}</a>'


def contact_items(city: "CityProfile") -> str:
    """The hand-off list of the chat page: the citizens' service, the central line, further contacts, 115, the
    website; the city's own numbers first, 115 only as the nationwide line after them."""
    items = []
    lines = ([city.service] if city.service else []) + list(city.contacts)
    for contact in lines[:1]:
        items.append(_contact(contact))
    items.append(f"Zentrale der {_e(city.display_name)}: {_tel(city.phone)}")
    items.extend(_contact(c) for c in lines[1:])
    items.append(f'Behördennummer 115 (bundesweit): {_tel("115")}')
    sites = [u for u in (city.website, city.service_portal) if u]
    if sites:
        items.append("Im Internet: " + " und ".join(_link(u) for u in sites))
    return "\n".join(f"{_INDENT}<li>{item}</li>" for item in items)


def _contact(contact) -> str:
    purpose = f" – {_e(contact.purpose)}" if contact.purpose else ""
    return f"{_e(contact.list_label)}: {_tel(contact.phone)}{purpose}"


def emergency_links(city: "CityProfile") -> str:
    return ", ".join(f"{_e(label)} {_tel(number)}" for label, number in city.emergency.items())


def _texts(city: "CityProfile") -> dict[str, str]:
    v = city.values()
    return {"city": city.name, "official_name": city.display_name, "assistant_name": v["assistant_name"],
            "widget_label": f"Fragen an die {city.display_name}", "phone": city.phone}


def page_values(city: "CityProfile", kind: str) -> dict[str, str]:
    """Placeholder values for a template of `kind` ("html" or "js"), escaped for it."""
    escape: Callable[[str], str] = _e if kind == "html" else _js
    values = {k: escape(v) for k, v in _texts(city).items()}
    if kind == "html":
        values.update(contact_items=contact_items(city), emergency_links=emergency_links(city))
    return values


def render_template(name: str, city: "CityProfile") -> str:
    """The template `name` (index.html, staff.html, widget.js) with `city` filled in."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    values = page_values(city, "js" if name.endswith(".js") else "html")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
