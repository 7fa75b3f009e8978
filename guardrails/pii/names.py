"""First-name and surname lists for the person recognizer, read at run time from the `faker` package.

Source and licence (NOTICE): the person providers of Faker (https://github.com/joke2k/faker, MIT License,
Copyright (c) 2012 Daniele Faraglia) for the locales below: German names plus the largest groups of
Krefeld's residents with a migration history (Turkish, Polish, Italian, Dutch, Croatian, ...). Nothing is
copied into this repository; the lists are imported from the installed package.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Iterable

NAME_LOCALES = ("de_DE", "de_AT", "de_CH", "tr_TR", "pl_PL", "it_IT", "nl_NL", "hr_HR", "es_ES", "fr_FR",
                "en_US", "en_GB", "pt_PT", "el_GR", "ar_AA")

# First names that are ordinary words or months; they still count after a strong cue ("ich heiße August").
AMBIGUOUS_FIRST_NAMES = frozenset({"august", "mai", "april", "juni", "juli", "will", "wolf", "rose", "bill",
                                   "ben", "art", "an", "del", "de", "la", "sonne", "engel", "gerade", "mark",
                                   "ende"})


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]
    last: frozenset[str]

    def is_first(self, word: str) -> bool:
        return word.lower() in self.first

    def is_last(self, word: str) -> bool:
        return word.lower() in self.last

    def is_name(self, word: str) -> bool:
        w = word.lower()
        return w in self.first or w in self.last


def _words(values: Iterable[str]) -> set[str]:
    return {v.lower() for v in values if v.isalpha() or "-" in v}


def load_name_lists(locales: Iterable[str] = NAME_LOCALES) -> NameLists:
    """Lower-cased first names and surnames of the given Faker locales (unknown locales are skipped)."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first |= _words(getattr(provider, attr, ()))
        last |= _words(getattr(provider, "last_names", ()))
    return NameLists(first=frozenset(first - AMBIGUOUS_FIRST_NAMES), last=frozenset(last))
