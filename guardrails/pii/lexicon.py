"""German common words, to tell a name from an ordinary word where neither a cue nor a name list decides.

The dictionary is simplemma's German one (derived from Wiktionary; already a dependency of retrieval, and
simplemma keeps one copy per process, so the two share it). It knows inflected forms ("brauche" -> brauchen),
nouns and many first names; what it does not know, and is no compound of two words it knows
("Wohngeldantrag" = Wohngeld + Antrag), is a foreign word or a name: "Kowalczyk", "Svitlana", "Puhakka".
The places of the city (its name, districts, neighbours and region, from the city profile, corpus/city.py) are
places, not names: the dictionary lacks most of them and they follow the same prepositions as names ("nach Oppum",
"in Hüls").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

LANGUAGE = "de"
# Citizens write in English too, and an English word is unknown to the German dictionary: without the English one
# "Belgian citizen here" would read as a name. English names that the dictionary knows ("Webb") are in the name lists.
SECOND_LANGUAGE = "en"
MIN_COMPOUND_PART = 4
# The longest German words in use have about 60 letters; a longer run is no word (and trying every split point of
# it costs the square of its length), so it is taken for unknown at once.
MAX_WORD = 64

class GermanLexicon:
    """`is_word`: a German word or a compound of two; `is_plain_word`: a word whose lemma is not a noun or
    name (verbs, adjectives, adverbs: "fragen", "gute"); `is_place`: one of `places` (lower case; default: the
    configured city's, `CityProfile.place_words`). The dictionary loads in `load()` (about 4 s, once per process);
    the constructor is cheap."""

    def __init__(self, places: Iterable[str] | None = None) -> None:
        self._simplemma = None
        self._places = frozenset(p.lower() for p in places) if places is not None else None

    def load(self) -> None:
        if self._places is None:
            from corpus.city import current_profile

            self._places = current_profile().place_words()
        if self._simplemma is None:
            import simplemma

            simplemma.is_known("Haus", lang=LANGUAGE)  # reads the dictionary now, not in the first request
            simplemma.is_known("house", lang=SECOND_LANGUAGE)
            self._simplemma = simplemma

    def is_place(self, word: str) -> bool:
        """A place or its adjective ("Hülser Burg", "Uerdinger Straße", "Elfrather Mühle")."""
        if self._places is None:
            self.load()
        places, w = self._places, word.lower()
        return w in places or (w.endswith("er") and (w[:-2] in places or w[:-2] + "en" in places))

    def is_word(self, word: str) -> bool:
        return _is_word(self._module(), word)

    def is_plain_word(self, word: str) -> bool:
        return _is_plain_word(self._module(), word)

    def is_english(self, word: str) -> bool:
        """A word of the English dictionary ("citizen", "Belgian", "regards")."""
        return _is_english(self._module(), word)

    def _module(self):
        if self._simplemma is None:
            self.load()
        return self._simplemma


def _known(simplemma, word: str) -> bool:
    return simplemma.is_known(word, lang=LANGUAGE)


@lru_cache(maxsize=50_000)
def _is_word(simplemma, word: str) -> bool:
    if len(word) > MAX_WORD:
        return False
    w = word.strip("'")
    if _known(simplemma, w) or (w[:1].islower() and _known(simplemma, w.capitalize())):
        return True
    if "-" in w:  # "Online-Termin", "Kfz-Zulassung": a hyphenated compound of words
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(_known(simplemma, p) or _known(simplemma, p.capitalize()) for p in parts)
    return _is_compound(simplemma, w.lower())


def _is_compound(simplemma, low: str) -> bool:
    if len(low) < 2 * MIN_COMPOUND_PART - 1:
        return False
    for k in range(MIN_COMPOUND_PART, len(low) - MIN_COMPOUND_PART + 1):
        head, tail = low[:k], low[k:]
        if not _known(simplemma, tail.capitalize()):
            continue
        for h in (head, head[:-1] if head.endswith("s") else None, head[:-2] if head.endswith("en") else None):
            if h and len(h) >= 3 and (_known(simplemma, h.capitalize()) or _known(simplemma, h)):
                return True
    return False


@lru_cache(maxsize=50_000)
def _is_english(simplemma, word: str) -> bool:
    if len(word) > MAX_WORD:
        return False
    return simplemma.is_known(word, lang=SECOND_LANGUAGE) or simplemma.is_known(word.lower(), lang=SECOND_LANGUAGE)


@lru_cache(maxsize=50_000)
def _is_plain_word(simplemma, word: str) -> bool:
    if len(word) > MAX_WORD:
        return False
    low = word.lower()
    if not _known(simplemma, low):
        return False
    return simplemma.lemmatize(low, lang=LANGUAGE)[:1].islower()
