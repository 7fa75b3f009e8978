"""Importers: a city's own files (HTML, PDF, text), JSON/CSV with a field mapping, and the federal catalogue formats.

Every importer returns validated `Document`s plus `Problem`s and never raises for bad content; `to_markdown`
writes a document in the native corpus format, which is how `buergerassistent corpus import` stores imports.
"""

from corpus.importers.files import IMPORTERS, import_file, import_html, import_pdf, import_text, slugify
from corpus.importers.markdown import to_markdown
from corpus.importers.records import import_records

__all__ = ["IMPORTERS", "import_file", "import_html", "import_pdf", "import_records", "import_text", "slugify",
           "to_markdown"]
