"""Importers: a city's own files (HTML, PDF, text), JSON/CSV with a field mapping, and the federal catalogue formats.

Every importer returns validated `Document`s plus `Problem`s and never raises for bad content; `to_markdown`
writes a document in the native corpus format, which is how `buergerassistent corpus import` stores imports.
The catalogue formats (DLDB, XZuFi, PVOG, NRW Zuständigkeitsfinder) go through `import_catalogue` and are
synchronised into a directory by `corpus.importers.sync`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from corpus.importers.catalogue import CatalogueImport
from corpus.importers.dldb import import_dldb
from corpus.importers.files import IMPORTERS, import_file, import_html, import_pdf, import_text, slugify
from corpus.importers.markdown import to_markdown
from corpus.importers.pvog import import_pvog
from corpus.importers.records import import_records
from corpus.importers.xzufi import import_xzufi
from corpus.importers.zufi_nrw import import_zufi_nrw

CATALOGUE_FORMATS: dict[str, Callable[[list[Path], date | None], CatalogueImport]] = {
    "xzufi": import_xzufi, "pvog": import_pvog, "zufi-nrw": import_zufi_nrw, "dldb": import_dldb,
}


def import_catalogue(paths: list[Path], fmt: str, today: date | None = None) -> CatalogueImport:
    """Import the export file(s) or directories in `paths` as catalogue format `fmt` (a key of CATALOGUE_FORMATS)."""
    if fmt not in CATALOGUE_FORMATS:
        raise ValueError(f"unknown catalogue format {fmt!r}; valid: {', '.join(CATALOGUE_FORMATS)}")
    return CATALOGUE_FORMATS[fmt](paths, today)


__all__ = ["CATALOGUE_FORMATS", "CatalogueImport", "IMPORTERS", "import_catalogue", "import_file", "import_html",
           "import_pdf", "import_records", "import_text", "slugify", "to_markdown"]
