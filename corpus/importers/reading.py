"""Reading export files: which files a path stands for, their encoding, and JSON that may be broken.

Exports come from old systems as well as new ones: UTF-8 with or without a byte order mark, UTF-16 from Windows
tools, and Windows-1252 ("ANSI", a superset of the printable Latin-1) from older German municipal software. A file
that is not valid UTF-8 is decoded as Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined) and
a note says so, because umlauts decoded wrongly would otherwise go unnoticed.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from corpus.loader import Problem

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of an export file and, when it was not UTF-8, a note naming the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        return data.decode("cp1252"), f"not UTF-8 ({where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not UTF-8 ({where}); decoded as Latin-1"


def input_files(paths: list[Path], suffixes: tuple[str, ...]) -> tuple[list[Path], list[Problem]]:
    """The export files a command line names: files as given, directories searched recursively for `suffixes`."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(Problem(str(path), "file", f"directory holds no {'/'.join(suffixes)} files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), "file", "no such file or directory"))
    return files, problems


def read_json(path: Path, notes: list[str]) -> tuple[Any, Problem | None]:
    """Parsed JSON of a file, or a problem naming the line and column where it breaks."""
    try:
        text, note = decode(path.read_bytes())
    except OSError as exc:
        return None, Problem(str(path), "file", f"cannot read: {exc.strerror or exc}")
    if note:
        notes.append(f"{path}: encoding: {note}")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, Problem(str(path), "file", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")


def record_list(data: Any, keys: tuple[str, ...]) -> list[Any] | None:
    """The list of records in an export: the document itself, or the first list under one of `keys`."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), list):
                return data[key]
    return None


def text_of(value: Any) -> str:
    """A scalar as text: numbers as written ("120686", not "120686.0"), None as ""."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def first(record: dict, *keys: str) -> Any:
    """The first of `keys` that the record has with a non-empty value."""
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None
