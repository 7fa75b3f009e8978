"""German analysis for lexical search: normalise, lemmatise, split compounds, fold spelling variants, stem.

Citizens write "Fuehrerschein", "Fuhrerschein" and "Führerschein", "Strasse" and "Straße", "Anwohnerparken" for
what the documents call "Bewohnerparkausweis". Each word therefore becomes several index terms:
the folded stem of its lemma (simplemma), and, for compounds (split with compound-split, accepted only when both
parts are known German words), the folded stems of the parts as well. Folding maps ä/ae -> a, ö/oe -> o, ü/ue -> u,
ß -> ss on both the document and the query side, so every variant meets in one term. Hyphenated words index the
joined word and each part.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Container

import simplemma
import Stemmer

from retrieval.compounds import split_points
from retrieval.glossary import english_glossary
from retrieval.query import clauses, story_words
from retrieval.stopwords import STOPWORDS

# Bump when the analysis changes: the index manifest records it and a mismatch triggers a rebuild.
ANALYSIS_VERSION = "de-10"

_WORD = re.compile(r"[0-9a-zäöüß]+(?:-[0-9a-zäöüß]+)*")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)")
_FUGEN = ("s", "es")
_STEMMER = Stemmer.Stemmer("german")
_STOP_FOLDED = frozenset(w.translate(_FOLD) for w in STOPWORDS)

MIN_COMPOUND_LEN = 9
COMPOUND_PART_WEIGHT = 0.5
MIN_PART_LEN = 4


def normalise(text: str) -> str:
    """NFKC, lower case, typographic dashes to '-', everything but letters/digits/hyphens to spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"[^0-9a-zäöüß\- ]+", " ", text)


def fold(word: str) -> str:
    """One spelling for umlaut and ß variants: 'führerschein', 'fuehrerschein', 'fuhrerschein' -> 'fuhrerschein'."""
    return _DIGRAPHS.sub(lambda m: m.group(1)[0], word.translate(_FOLD))


def words(text: str) -> list[str]:
    """Lower-cased words (hyphenated words kept whole) without stopwords."""
    return [w for w in _WORD.findall(normalise(text)) if w not in STOPWORDS and w.strip("-")]


@lru_cache(maxsize=200_000)
def _known(word: str) -> bool:
    return len(word) >= MIN_PART_LEN and simplemma.is_known(word, lang="de")


_PREFIXES = ("be", "ent", "er", "ge", "miss", "ver", "zer", "emp")


def _prefix_fragment(left: str) -> bool:
    """'Be|sch-einigung', 'Erle|digen': a short left part starting with an inseparable prefix is a verb or
    derived noun cut in the wrong place far more often than a real compound part."""
    return len(left) <= 5 and left.startswith(_PREFIXES)


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a German compound, recursively; () when the word is not a (confident) compound.

    compound-split proposes split points ranked by character n-gram statistics (retrieval/compounds.py loads its
    tables when first needed); a proposal is accepted only
    when both sides (the left one without a linking 's'/'es') are words simplemma knows, which rejects splits
    such as 'Ges|torben'.
    """
    if len(word) < MIN_COMPOUND_LEN or "-" in word:
        return ()
    for score, left, right in split_points(word)[:4]:
        left, right = left.lower(), right.lower()
        shortest = MIN_PART_LEN if score >= 0 else MIN_PART_LEN + 1
        if len(left) < shortest or len(right) < shortest or _prefix_fragment(left):
            continue
        stem = next((left[: -len(f)] for f in _FUGEN if left.endswith(f) and _known(left[: -len(f)])), left)
        if _known(stem) and _known(right):
            return (*(split_compound(stem) or (stem,)), *(split_compound(right) or (right,)))
    return ()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower()


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """Index term of one word: lemma, stemmed, folded ('Personalausweise' -> 'personalausweis')."""
    lemma = simplemma.lemmatize(word, lang="de").lower()
    if len(lemma) < 2 or not lemma.isalnum():
        lemma = word
    return fold(_STEMMER.stemWord(lemma))


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """All index terms of one word: itself, its hyphen parts, its compound parts (deduplicated, order kept)."""
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        out = [term("".join(parts))]
        for p in parts:
            out.extend(word_terms(p))
        return tuple(dict.fromkeys(t for t in out if t not in _STOP_FOLDED and len(t) > 1))
    out = [term(word)]
    lemma = simplemma.lemmatize(word, lang="de").lower()
    out.extend(term(p) for p in split_compound(lemma) or split_compound(word))
    return tuple(dict.fromkeys(t for t in out if len(t) > 1 or t.isdigit()))


@lru_cache(maxsize=200_000)
def english_only(word: str) -> bool:
    """An English word that is no German one ('since', 'myself'; not 'bus', 'team', 'online')."""
    return simplemma.is_known(word, lang="en") and not simplemma.is_known(word, lang="de")


@lru_cache(maxsize=200_000)
def dictionary_word(word: str) -> bool:
    """A correctly spelt German or English word (simplemma's dictionaries), which typo correction leaves alone."""
    return simplemma.is_known(word, lang="de") or simplemma.is_known(word, lang="en")


class GermanAnalyzer:
    """Turns German text into BM25 terms; the same analysis runs on documents and queries.

    `colloquial` maps everyday words to official ones (query side only), e.g. {"perso": ("personalausweis",)}; none by
    default: the hand-written map of earlier rounds cost held-out questions once the dense side understood German
    (R@1 0.940 with it, 0.962 without). `english` is the glossary of `retrieval/data/english_de.yaml`.
    """

    version = ANALYSIS_VERSION

    def __init__(self, colloquial: dict[str, tuple[str, ...]] | None = None,
                 english: dict[str, tuple[str, ...]] | None = None) -> None:
        self.colloquial = {fold(k): v for k, v in (colloquial or {}).items()}
        self.english = english_glossary() if english is None else english

    def analyze(self, text: str) -> list[str]:
        """Terms of a document text, with repetitions (term frequency matters to BM25)."""
        return [t for w in words(text) for t in word_terms(w)]

    def analyze_query(self, text: str) -> list[str]:
        """Distinct query terms (see `weigh_query`), without their weights."""
        return list(self.weigh_query(text))

    def spelled_terms(self, text: str) -> set[str]:
        """Whole-word terms of the query's correctly spelt dictionary words (typo correction leaves them alone)."""
        return {word_terms(w)[0] for clause in clauses(text) for w in clause
                if w not in STOPWORDS and w.strip("-") and "-" not in w and dictionary_word(w) and word_terms(w)}

    def weigh_query(self, text: str, vocabulary: Container[str] | None = None) -> dict[str, float]:
        """{term: weight} of a question, plus the German words for English ones of the glossary.

        Separable verbs are joined (see `retrieval.query`). English content words from the glossary are replaced by
        their German equivalents, so they neither match by accident nor get "typo-corrected" into German words. With
        the index `vocabulary`, other English words the index does not know ("myself", "days", "meaning") are dropped
        too: they would only count as unknown words of the query and be corrected into German ones.
        """
        weights: dict[str, float] = {}

        def add(terms: tuple[str, ...], weight: float) -> None:
            # A compound's parts stand in for the whole word; they must not count as two more words of the query.
            for i, t in enumerate(terms):
                w = weight if i == 0 else weight * COMPOUND_PART_WEIGHT
                weights[t] = max(w, weights.get(t, 0.0))

        for clause in clauses(text):
            for w in story_words(clause):
                if w in STOPWORDS or not w.strip("-"):
                    continue
                if w in self.english:
                    for german in self.english[w]:
                        for g in words(german):
                            add(word_terms(g), 1.0)
                    continue
                terms = word_terms(w)
                officials = self.colloquial.get(fold(w)) or self.colloquial.get(fold(lemma(w)), ())
                foreign = (vocabulary is not None and english_only(w) and not any(t in vocabulary for t in terms))
                if not foreign:
                    add(terms, 1.0)
                for official in officials:
                    for o in words(official):  # a glossary entry may be a phrase ("agentur für arbeit")
                        add(word_terms(o), 1.0)
        return weights
