"""First-name and surname lists for the person recognizer: Faker's person providers, read at run time, and the
project's own additions; which locales and which additions is data (`guardrails/pii/data/names.yaml`).

Source and licence (NOTICE): the person providers of Faker (https://github.com/joke2k/faker, MIT License,
Copyright (c) 2012 Daniele Faraglia) for the locales listed in the data file: German names plus the groups of
Krefeld's residents with a migration history and the origins of newcomers (Turkish, Polish, Italian, Dutch, Balkan,
Ukrainian and Russian, Arabic-speaking, Persian, West and East African, South and East Asian, ...). Nothing of Faker
is copied into this repository; the lists are imported from the installed package. The data file adds names, by
origin, that Faker lists thinly or only in another script (Vietnamese, Arabic and Persian names in Latin letters,
Kurdish, Albanian, Eritrean, Somali, ...), written for this project.

Citizens type names as their keyboard allows, so every name is also kept without diacritics ("Yıldız" ->
"yildiz", "Wiśniewska" -> "wisniewska"). Cyrillic lists (uk_UA, ru_RU, bg_BG, ...) are transliterated with the
tables of Faker's own internet providers ("Олена" -> "olena"), Greek ones with ELOT 743 ("Γιώργος" -> "giorgos",
"Παπαδόπουλος" -> "papadopoulos"); romanized lists are read where a locale has them (zh_CN "Wei", ja_JP "Akira").
Names in a script without capitals (Arabic, Persian, Hebrew, Georgian, ...) are kept as written, also without the
Arabic article ("الأحمد" -> "أحمد"). Polish female surnames are derived from the male ones ("Kowalski" -> "kowalska").
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from corpus.errors import ConfigurationError
from guardrails.pii.cues import load_name_parts

log = logging.getLogger(__name__)

NAME_DATA = Path(__file__).resolve().parent / "data" / "names.yaml"
NAME_PARTS_DATA = Path(__file__).resolve().parent / "data" / "name_parts.yaml"
_cache_dir: Path | None = None
NAME_DATA_KEYS = ("faker_locales", "ambiguous_first_names", "not_names", "extra_first_names", "extra_last_names")
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_])){0,39}")
# Arabic surnames are often written with the article or a kinship word joined by a hyphen ("Al-Masri").
SURNAME_PREFIXES = tuple(sorted(load_name_parts()["surname_prefixes"]))  # guardrails/pii/data/name_parts.yaml
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ʹ": ""})
# ELOT 743 for the Greek lists, digraphs first: "Παπαδόπουλος" -> "papadopoulos", "Αικατερίνη" -> "aikaterini".
_GREEK_PAIRS = (("ου", "ou"), ("ού", "ou"), ("αι", "ai"), ("αί", "ai"), ("ει", "ei"), ("εί", "ei"), ("οι", "oi"),
                ("οί", "oi"), ("γγ", "ng"), ("γκ", "gk"), ("μπ", "b"), ("ντ", "nt"), ("θ", "th"), ("χ", "ch"),
                ("ψ", "ps"))
_GREEK = str.maketrans({"α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "ι": "i", "κ": "k",
                        "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s",
                        "τ": "t", "υ": "y", "φ": "f", "ω": "o"})
_ARABIC_ARTICLE = "ال"


def fold(word: str) -> str:
    """Lower case without diacritics: what a German keyboard makes of a foreign name."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]
    last: frozenset[str]

    def is_first(self, word: str) -> bool:
        """A listed first name; a hyphenated one ("Anna-Lena") when every part is."""
        w = _without_article(fold(word))
        if w in self.first:
            return True
        parts = w.split("-")
        return len(parts) > 1 and all(p in self.first for p in parts)

    def is_last(self, word: str) -> bool:
        """A listed surname, a double surname of listed parts, or an Arabic prefixed one ("El-Sayed", "الأحمد")."""
        w = _without_article(fold(word))
        if w in self.last:
            return True
        if w.startswith(SURNAME_PREFIXES):
            return len(w.split("-", 1)[1]) >= 2
        parts = w.split("-")
        return len(parts) > 1 and all(p in self.last or p in self.first for p in parts)

    def is_name(self, word: str) -> bool:
        return self.is_first(word) or self.is_last(word)


def _without_article(word: str) -> str:
    return word[len(_ARABIC_ARTICLE):] if word.startswith(_ARABIC_ARTICLE) and len(word) > 4 else word


def caseless(c: str) -> bool:
    """A letter of a script without capitals (Arabic, Hebrew, Georgian, ...): every word of it may be a name."""
    return c.isalpha() and c.lower() == c.upper()


def _words(values: Iterable[str], table: dict[int, str] | None = None, greek: bool = False) -> set[str]:
    out = set()
    for value in values:
        for part in value.split():  # "Abdul Karim": each capitalised part is a name, "de la" are not
            if not (part[:1].isupper() or caseless(part[:1])):
                continue
            v = part.lower()
            if greek:
                v = _greek_to_latin(v)
            elif table:
                v = v.translate(table)
            if len(v) > 1 and v.replace("-", "").replace("'", "").isalpha() and not v.endswith("-"):
                out.update((v, fold(v)))
                if v.startswith(_ARABIC_ARTICLE) and len(v) > 4:
                    out.add(v[len(_ARABIC_ARTICLE):])
    return out


def _greek_to_latin(word: str) -> str:
    w = unicodedata.normalize("NFC", word)
    for src, dst in _GREEK_PAIRS:
        w = w.replace(src, dst)
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return w.translate(_GREEK)


def _values(provider: type, kind: str) -> list[str]:
    """Every list of the provider whose attribute names the kind ("first_names_female", "first_romanized_names",
    "unisex_last_names", "last_name_pairs"); of a tuple of spellings ("明美", "アケミ", "Akemi") every one."""
    values: list[str] = []
    for attr in dir(provider):
        if re.search(rf"(?:^|_){kind}_", attr) and "name" in attr and "kana" not in attr and "format" not in attr:
            value = getattr(provider, attr)
            if isinstance(value, (tuple, list, set, frozenset, dict)):
                for v in value:
                    values.extend([v] if isinstance(v, str) else [p for p in v if isinstance(p, str)]
                                  if isinstance(v, tuple) else [])
    return values


def _transliteration(locale: str) -> dict[int, str] | None:
    try:
        replacements = importlib.import_module(f"faker.providers.internet.{locale}").Provider.replacements
    except (ModuleNotFoundError, AttributeError):
        return None
    return str.maketrans({src.lower(): dst.lower() for src, dst in replacements if len(src) == 1})


@lru_cache(maxsize=4)
def load_name_data(path: Path = NAME_DATA) -> dict:
    """The data file, checked: locales, lower-case name words, no duplicates within a list."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"name data file {path} cannot be read: {exc}") from exc
    if not isinstance(raw, dict) or set(raw) != set(NAME_DATA_KEYS):
        got = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise ConfigurationError(f"{path}: keys must be exactly {list(NAME_DATA_KEYS)}, got {got}")
    out: dict = {"faker_locales": _checked(raw["faker_locales"], f"{path}: faker_locales", re.compile(r"[a-z]{2}(?:_[A-Z]{2})?"))}
    for key in ("ambiguous_first_names", "not_names"):
        out[key] = frozenset(_checked(raw[key], f"{path}: {key}", _NAME_WORD))
    for key in ("extra_first_names", "extra_last_names"):
        if not isinstance(raw[key], dict) or not raw[key]:
            raise ConfigurationError(f"{path}: {key} must map origins to lists of names")
        out[key] = {origin: _checked(names, f"{path}: {key}.{origin}", _NAME_WORD) for origin, names in raw[key].items()}
    return out


def _checked(words: object, where: str, shape: re.Pattern[str]) -> tuple[str, ...]:
    if not isinstance(words, list) or not words:
        raise ConfigurationError(f"{where}: expected a non-empty list")
    bad = [w for w in words if not isinstance(w, str) or not shape.fullmatch(w)
           or (shape is _NAME_WORD and w != w.lower())]
    if bad:
        raise ConfigurationError(f"{where}: entries must match {shape.pattern!r} (names in lower case), got {bad[:5]}")
    duplicates = sorted({w for w in words if words.count(w) > 1})
    if duplicates:
        raise ConfigurationError(f"{where}: duplicate entries {duplicates}")
    return tuple(words)


def use_cache_dir(path: Path | None) -> None:
    """Where the built lists are kept between starts (the wiring passes the model cache of the settings)."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def load_name_lists(locales: Iterable[str] | None = None, path: Path = NAME_DATA) -> NameLists:
    """Lower-cased first names and surnames of the Faker locales (those of the data file by default; unknown ones are
    skipped) and of the data file's own lists.

    Building them reads ~150 Faker lists (~2 s of CPU); with a cache directory the result is written there once,
    keyed by the data files, the locales and Faker's version, and read back in a fraction of that."""
    cached = _cache_file(locales, path)
    if cached is not None and cached.is_file():
        try:
            first, last = cached.read_text(encoding="utf-8").split("\n\x00\n")
            return NameLists(first=frozenset(first.split("\n")) - {""}, last=frozenset(last.split("\n")) - {""})
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            log.warning("name list cache %s unreadable (%s); building the lists again", cached, type(exc).__name__)
    lists = _build_name_lists(locales, path)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text("\n".join(sorted(lists.first)) + "\n\x00\n" + "\n".join(sorted(lists.last)), encoding="utf-8")
            os.replace(tmp, cached)  # several workers may write at once: each file is whole or absent
        except OSError as exc:
            log.warning("name list cache %s not written (%s)", cached, type(exc).__name__)
    return lists


def _cache_file(locales: Iterable[str] | None, path: Path) -> Path | None:
    if _cache_dir is None:
        return None
    try:
        from importlib.metadata import version

        key = hashlib.sha256()
        for part in (Path(path).read_bytes(), NAME_PARTS_DATA.read_bytes(), version("faker").encode(),
                     repr(None if locales is None else sorted(locales)).encode(),
                     Path(__file__).read_bytes()):  # the mechanism too: a changed builder builds again
            key.update(part)
            key.update(b"\x00")
    except Exception:  # no metadata or an unreadable file: build without a cache
        return None
    return _cache_dir / f"names-{key.hexdigest()[:16]}.txt"


def _build_name_lists(locales: Iterable[str] | None, path: Path) -> NameLists:
    data = load_name_data(path)
    first: set[str] = set()
    last: set[str] = set()
    for locale in data["faker_locales"] if locales is None else locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        firsts, lasts = _values(provider, "first"), _values(provider, "last")
        table, greek = None, locale == "el_GR"
        if any(not v.isascii() and unicodedata.name(v[0], "").startswith("CYRILLIC") for v in firsts[:5]):
            table = _transliteration(locale)
            if table is None:
                continue
        first |= _words(firsts, table, greek)
        last |= _words(lasts, table, greek)
        if greek:  # the Greek script as well
            first |= _words(firsts)
            last |= _words(lasts)
        if locale == "pl_PL":
            last |= {v[:-1] + "a" for v in _words(lasts) if v.endswith(("ski", "cki", "dzki"))}
    for names in data["extra_first_names"].values():
        first |= {w for n in names for w in (n, fold(n))}
    for names in data["extra_last_names"].values():
        last |= {w for n in names for w in (n, fold(n))}
    ambiguous, not_names = data["ambiguous_first_names"], data["not_names"]
    short_words = {w for w in ambiguous if len(w) <= 2}
    return NameLists(first=frozenset(first - ambiguous - not_names),
                     last=frozenset(last - not_names - short_words))
