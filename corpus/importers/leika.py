"""LeiKa text modules: which part of a corpus document a module's text belongs to (data in leika_textmodules.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from corpus.html import html_to_line
from corpus.importers.catalogue import parse_date
from corpus.importers.service import ServiceRecord, lines_of

_TABLE = Path(__file__).with_name("leika_textmodules.yaml")
_LIST_FIELDS = {"Unterlagen": "documents", "Kosten": "fees", "Fristen": "deadlines", "Rechtsgrundlagen": "legal_basis"}


def normalise(name: str) -> str:
    """'Kosten (Gebühren, Auslagen, etc.)' -> 'kostengebuehrenauslagenetc'."""
    t = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^a-z0-9]", "", t)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], list[tuple[str, str]]]:
    data = yaml.safe_load(_TABLE.read_text(encoding="utf-8"))
    by_code: dict[str, str] = {}
    by_name: list[tuple[str, str]] = []
    for entry in data["modules"]:
        if "code" in entry:
            by_code[str(entry["code"]).zfill(2)] = entry["target"]
        by_name.extend((alias, entry["target"]) for alias in entry.get("names", []))
    by_name.sort(key=lambda item: len(item[0]), reverse=True)  # the longest alias wins
    return by_code, by_name


def target_for(code: str | None = None, name: str | None = None) -> str | None:
    """Section or role of a text module, by its name when it has one, else by its code; None if unknown."""
    by_code, by_name = _table()
    key = normalise(name or "")
    if key:
        for alias, target in by_name:
            if key.startswith(alias):
                return target
    code = (code or "").strip()
    if code.isdigit():
        return by_code.get(code.zfill(2))
    return None


def apply_module(rec: ServiceRecord, target: str | None, content: str, links: list[tuple[str, str]],
                 titles: dict[str, str]) -> None:
    """Put one text module's content where its target says; names go to `titles` ('title', 'title2')."""
    if target in (None, "ignore"):
        return
    if target in ("title", "title2"):
        titles.setdefault(target, content)
    elif target == "stand":
        rec.stand = rec.stand or parse_date(html_to_line(content))
    elif target in ("summary", "teaser"):
        if target == "summary" or not rec.teaser:
            rec.teaser = content
    else:
        md = rec.add(target, content)
        link_list = "\n".join(f"- {t or u} ({u})" if t and u.startswith("http") else f"- {t or u}"
                              for t, u in links if t or u)
        rec.add(target, link_list, markdown=True)
        if target in _LIST_FIELDS:
            getattr(rec, _LIST_FIELDS[target]).extend(lines_of(md))
        if target == "Bearbeitungszeit" and md:
            rec.processing_time = rec.processing_time or lines_of(md)[0]
        if target == "Online":
            rec.online_url = rec.online_url or next((u for _, u in links if u.startswith("http")), None)
