"""Light typo tolerance on the index vocabulary: symmetric-delete lookup (edit distance 1, incl. transpositions).

A query term the index has never seen ("verlohr", "personalausweiss") is replaced by vocabulary terms one edit away,
or, for unknown compounds ("sperrmullabhol"), split into two known terms (the second may carry a typo), or, for a long
word with a garbled ending ("meldebescheinignug"), cut back to the known stem it starts with. Known terms are left alone: a correctly
spelt rare word must not be "corrected" into a frequent one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Container, Iterable

MIN_TYPO_LEN = 5
MIN_SPLIT_PART = 4
MIN_PREFIX_WORD, MIN_PREFIX_STEM, MAX_ENDING = 10, 8, 6


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class TypoCorrector:
    """Maps unknown terms to known ones; built lazily from the vocabulary and its document frequencies."""

    def __init__(self, vocabulary: dict[str, int], max_candidates: int = 2) -> None:
        self.df = vocabulary
        self.max_candidates = max_candidates
        self._index: dict[str, set[str]] | None = None

    def _build(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for word in self.df:
            if len(word) >= MIN_TYPO_LEN - 1 and word.isalpha():
                index[word].add(word)
                for d in _deletes(word):
                    index[d].add(word)
        return index

    def candidates(self, word: str) -> list[str]:
        """Known terms one edit away, most frequent first; [] for known or short terms."""
        if word in self.df or len(word) < MIN_TYPO_LEN or not word.isalpha():
            return []
        if self._index is None:
            self._index = self._build()
        found: set[str] = set(self._index.get(word, ()))
        for d in _deletes(word):
            found |= self._index.get(d, set())
            if d in self.df and len(d) >= MIN_TYPO_LEN - 1:
                found.add(d)
        found.discard(word)
        # Typos rarely hit the first letter; requiring it keeps foreign words from becoming German ones.
        found = {w for w in found if w[0] == word[0]}
        return sorted(found, key=lambda w: (-self.df[w], w))[: self.max_candidates]

    def split(self, word: str, correct_right: bool = False) -> list[str]:
        """Two known terms that concatenate to an unknown word, the most balanced split first; with `correct_right`
        the second part may carry a typo ("schwerbehindertenausweiss": schwerbehindert + ausweis)."""
        if word in self.df or len(word) < 2 * MIN_SPLIT_PART:
            return []
        best: list[str] = []
        for i in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            left, right = word[:i], word[i:]
            for lf in (left, left[:-1] if left.endswith("s") else left):
                if lf not in self.df or len(lf) < MIN_SPLIT_PART:
                    continue
                if right in self.df:
                    best = [lf, right]
                elif correct_right and (fixed := self.candidates(right)):
                    best = [lf, fixed[0]]
        return best

    def stem_prefix(self, word: str) -> list[str]:
        """A long known term that an unknown long word starts with, the rest a garbled ending of at most
        MAX_ENDING letters ("meldebescheinignug" -> meldebescheinig). Endings are where stems and typos meet."""
        if word in self.df or len(word) < MIN_PREFIX_WORD:
            return []
        for cut in range(len(word) - 1, len(word) - MAX_ENDING - 1, -1):
            if cut >= MIN_PREFIX_STEM and word[:cut] in self.df:
                return [word[:cut]]
        return []

    def correct(self, terms: Iterable[str], spelled: Container[str] = ()) -> list[str]:
        """Terms with unknown ones replaced by corrections (or kept when nothing fits), deduplicated.

        Terms in `spelled` come from correctly spelt words the index happens not to contain ("Mount", "Kurs"):
        they are only split into known parts, never edited into a different word ("mount" -> "monat").
        """
        out: list[str] = []
        for t in terms:
            if t in self.df:
                out.append(t)
                continue
            fixed = (self.candidates(t) if t not in spelled else []) or self.split(t) or (
                (self.split(t, correct_right=True) or self.stem_prefix(t)) if t not in spelled else [])
            out.extend(fixed or [t])
        return list(dict.fromkeys(out))

    def correct_weighted(self, weights: dict[str, float], spelled: Container[str] = ()) -> dict[str, float]:
        """`correct` for {term: weight}: a correction carries the weight of the term it replaces."""
        out: dict[str, float] = {}
        for t, w in weights.items():
            for fixed in self.correct([t], spelled):
                out[fixed] = max(w, out.get(fixed, 0.0))
        return out
