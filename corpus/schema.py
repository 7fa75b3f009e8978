"""Pydantic schema of a corpus document (the contract in docs/architecture.md: Markdown body + YAML front matter)."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corpus.html import find_markup

STAND_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://\S+$")
# RFC 8141: urn:<NID>:<NSS>. A catalogue entry without a web page is cited by a stable URN ("urn:dldb:120686").
URN_RE = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", re.IGNORECASE)
LEIKA_RE = re.compile(r"^\d{14}$")


class OnlineInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    available: Literal["ja", "nein", "teilweise"] = "nein"
    url: str | None = None
    note: str | None = None

    @field_validator("available", mode="before")
    @classmethod
    def _bool_to_word(cls, v: object) -> object:
        if v is True:
            return "ja"
        if v is False:
            return "nein"
        return v


class Contact(BaseModel):
    model_config = ConfigDict(extra="allow")
    office: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    hours: str | None = None


class Document(BaseModel):
    """One corpus document. Unknown front-matter keys are kept in `extra` rather than rejected."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str = Field(min_length=1)
    kind: Literal["service", "strategy", "info"]
    summary: str = Field(min_length=1)
    stand: str
    sources: list[str] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    responsible: str | None = None
    documents: list[str] = Field(default_factory=list)
    fees: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list)
    processing_time: str | None = None
    online: OnlineInfo | None = None
    legal_basis: list[str] = Field(default_factory=list)
    contact: Contact | None = None
    related: list[str] = Field(default_factory=list)
    handlungsfeld: str | None = None
    teilthema: str | None = None
    leika: str | None = None
    source_id: str | None = None
    source_format: str | None = None
    body: str
    path: str | None = None

    @field_validator("id")
    @classmethod
    def _id_format(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError(f"id must be lower-case words joined by '-', got {v!r}")
        return v

    @field_validator("stand", mode="before")
    @classmethod
    def _stand_format(cls, v: object) -> str:
        if isinstance(v, date):
            return v.isoformat()
        s = str(v).strip()
        m = STAND_RE.match(s)
        if not m:
            raise ValueError(f"stand must be YYYY-MM or YYYY-MM-DD, got {s!r}")
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"stand has month {month}, must be 01..12")
        if m.group(3):
            date.fromisoformat(s)  # raises on 2025-02-31
        return s

    @field_validator("sources")
    @classmethod
    def _urls(cls, v: list[str]) -> list[str]:
        bad = [u for u in v if not (URL_RE.match(str(u)) or URN_RE.match(str(u)))]
        if bad:
            raise ValueError(f"sources must be http(s) URLs (or a URN such as 'urn:dldb:120686'), got {bad[0]!r}")
        return v

    @field_validator("leika", mode="before")
    @classmethod
    def _leika_key(cls, v: object) -> object:
        if v is None:
            return None
        s = str(v).strip().replace(" ", "")
        if not LEIKA_RE.match(s):
            raise ValueError(f"leika must be the 14-digit key of the Leistungskatalog, got {str(v)!r}")
        return s

    @field_validator("source_id", mode="before")
    @classmethod
    def _source_id_text(cls, v: object) -> object:
        return None if v is None else str(v).strip() or None

    @field_validator("title", "summary", "body", "responsible", "processing_time")
    @classmethod
    def _no_markup(cls, v: str | None) -> str | None:
        if v:
            _refuse_markup(v)
        return v

    @field_validator("keywords", "documents", "fees", "deadlines", "legal_basis")
    @classmethod
    def _no_markup_in_items(cls, v: list[str]) -> list[str]:
        for item in v:
            _refuse_markup(item)
        return v

    @field_validator("keywords", "documents", "fees", "deadlines", "legal_basis", "related", mode="before")
    @classmethod
    def _str_list(cls, v: object) -> object:
        if v is None:
            return []
        if isinstance(v, list):
            return [_flatten(x) for x in v]
        return v

    @field_validator("body")
    @classmethod
    def _body_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("body is empty; a document needs text below its front matter")
        return v

    @property
    def url(self) -> str | None:
        """The first web page among the sources; None when the document is cited only by a URN."""
        return next((u for u in self.sources if URL_RE.match(u)), None)

    def stand_date(self) -> date:
        m = STAND_RE.match(self.stand)
        assert m
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))


def _refuse_markup(text: str) -> None:
    """HTML never reaches a citizen: importers convert it (corpus.html), so markup left here is an upstream error."""
    found = find_markup(text)
    if found:
        raise ValueError(f"contains HTML markup {found!r}; write Markdown, or import the text with "
                         "`buergerassistent corpus import`, which converts HTML")


def _flatten(x: object) -> str:
    """Turn a mapping item such as {what: ..., amount: ...} into one readable line."""
    if isinstance(x, dict):
        return ": ".join(str(v) for v in x.values() if v not in (None, ""))
    return str(x)
