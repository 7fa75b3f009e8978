"""First-name and surname lists for the person recognizer, read at run time from the `faker` package.

Source and licence (NOTICE): the person providers of Faker (https://github.com/joke2k/faker, MIT License,
Copyright (c) 2012 Daniele Faraglia) for the locales below: German names plus the largest groups of
Krefeld's residents with a migration history (Turkish, Polish, Italian, Dutch, Croatian, Ukrainian and
Russian, Arabic-speaking, ...). Nothing is copied into this repository; the lists are imported from the
installed package.

Citizens type names as their keyboard allows, so every name is also kept without diacritics ("Yıldız" ->
"yildiz", "Wiśniewska" -> "wisniewska"). Cyrillic lists (uk_UA, ru_RU, bg_BG) are transliterated with the
tables of Faker's own internet providers ("Олена" -> "olena"); Faker's Arabic and Greek lists are in their
own script, so Arabic names come from the Latin-script locales fr_DZ, en_PK and ha_NG. Polish female
surnames are derived from the male ones ("Kowalski" -> "kowalska").
"""

from __future__ import annotations

import importlib
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from guardrails.pii.cues import load_name_parts

NAME_LOCALES = ("de_DE", "de_AT", "de_CH", "tr_TR", "pl_PL", "it_IT", "nl_NL", "hr_HR", "es_ES", "fr_FR",
                "en_US", "en_GB", "pt_PT", "el_GR", "ar_AA", "fr_DZ", "en_PK", "ha_NG", "uk_UA", "ru_RU", "bg_BG")

# First names that are ordinary words or months; they still count after a strong cue ("ich heiße August").
AMBIGUOUS_FIRST_NAMES = frozenset({"august", "mai", "april", "juni", "juli", "will", "wolf", "rose", "bill",
                                   "ben", "art", "an", "del", "de", "la", "sonne", "engel", "gerade", "mark",
                                   "ende", "bello", "sani", "hier", "dank", "alle", "ganz", "man", "hat", "tag",
                                   "bis", "wir", "sie", "er", "es", "um", "am", "im", "in", "so", "da", "nur"})
# Particles inside names ("de la Fuente", "van der Berg") are not names themselves.
PARTICLE_WORDS = frozenset({"de", "di", "da", "del", "della", "dos", "das", "do", "du", "des", "van", "von", "der",
                            "den", "ter", "ten", "le", "la", "el", "al", "bin", "ben", "ibn", "abu", "the"})
# Arabic surnames are often written with the article or a kinship word joined by a hyphen ("Al-Masri").
SURNAME_PREFIXES = tuple(sorted(load_name_parts()["surname_prefixes"]))  # guardrails/pii/data/name_parts.yaml
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ʹ": ""})


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
        w = fold(word)
        if w in self.first:
            return True
        parts = w.split("-")
        return len(parts) > 1 and all(p in self.first for p in parts)

    def is_last(self, word: str) -> bool:
        """A listed surname, a double surname of listed parts, or an Arabic prefixed one ("El-Sayed")."""
        w = fold(word)
        if w in self.last:
            return True
        if w.startswith(SURNAME_PREFIXES):
            return len(w.split("-", 1)[1]) >= 2
        parts = w.split("-")
        return len(parts) > 1 and all(p in self.last or p in self.first for p in parts)

    def is_name(self, word: str) -> bool:
        return self.is_first(word) or self.is_last(word)


def _words(values: Iterable[str], table: dict[int, str] | None = None) -> set[str]:
    out = set()
    for value in values:
        for part in value.split():  # "Abdul Karim": each capitalised part is a name, "de la" are not
            if not part[:1].isupper():
                continue
            v = part.lower().translate(table) if table else part.lower()
            if len(v) > 1 and v.replace("-", "").replace("'", "").isalpha() and not v.endswith("-"):
                out.update((v, fold(v)))
    return out


def _values(provider: type, kind: str) -> list[str]:
    """Every list of the provider whose attribute names the kind ("first_names_female", "male_last_names")."""
    values: list[str] = []
    for attr in dir(provider):
        if kind in attr and not attr.startswith("_"):
            value = getattr(provider, attr)
            if isinstance(value, (tuple, list, set, frozenset, dict)):
                values.extend(v for v in value if isinstance(v, str))
    return values


def _transliteration(locale: str) -> dict[int, str] | None:
    try:
        replacements = importlib.import_module(f"faker.providers.internet.{locale}").Provider.replacements
    except (ModuleNotFoundError, AttributeError):
        return None
    return str.maketrans({src.lower(): dst.lower() for src, dst in replacements if len(src) == 1})


def load_name_lists(locales: Iterable[str] = NAME_LOCALES) -> NameLists:
    """Lower-cased first names and surnames of the given Faker locales (unknown locales are skipped)."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        firsts, lasts = _values(provider, "first_names"), _values(provider, "last_names")
        table = None
        if any(not v.isascii() and unicodedata.name(v[0], "").startswith("CYRILLIC") for v in firsts[:5]):
            table = _transliteration(locale)
            if table is None:
                continue
        first |= _words(firsts, table)
        last |= _words(lasts, table)
        if locale == "pl_PL":
            last |= {v[:-1] + "a" for v in _words(lasts) if v.endswith(("ski", "cki", "dzki"))}
    return NameLists(first=frozenset(first - AMBIGUOUS_FIRST_NAMES - PARTICLE_WORDS),
                     last=frozenset(last - PARTICLE_WORDS))
