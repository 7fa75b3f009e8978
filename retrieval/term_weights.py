"""Topical weight of index terms: words that name what documents are about versus words about an aspect of any one.

"Wie lange dauert die Beglaubigung?" has one word for the service and two for the aspect asked about. On a corpus
of service pages "dauert" and "lange" are rarer than "Beglaubigung" is inside its own page, so BM25 gives them
the higher IDF and the page that happens to say "dauert etwa 6 Wochen" wins. Such aspect words (duration,
deadline, phone, requirements, "bringen Sie mit") share a trait the corpus shows: they appear in the bodies of many
documents but almost never in what a document is about (its profile: title, keywords, summary). Topic words
("Personalausweis", "Abmeldung", "Fundbüro") occur mostly inside documents whose profile names them.

`concentration(t)` is the share of the chunks containing t that belong to a document whose profile contains t,
smoothed towards 0.5 for rare terms (one body mention says little). A query term keeps its weight when that share
is at least `FULL_AT`; below, its weight falls linearly to `FLOOR`. The aspect word still picks the right section
inside the document; it no longer picks the document.
"""

from __future__ import annotations

from typing import Collection, Mapping, Sequence

import numpy as np

FULL_AT = 0.4   # concentration from which a term counts fully
FLOOR = 0.3     # weight factor of a term that no profile ever names
PRIOR = 0.5     # smoothing: a term seen in few chunks is assumed half topical
PRIOR_CHUNKS = 2.0
# Number words and months: analysed by the retriever's analyzer into `quantity_terms`, weighted like digits.
QUANTITY_WORDS = """eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig
sechzig siebzig achtzig neunzig hundert tausend januar februar märz april mai juni juli august september oktober
november dezember"""


def concentrations(term_chunks: Mapping[str, np.ndarray], chunk_doc: Sequence[int], is_profile: np.ndarray
                   ) -> dict[str, float]:
    """{term: smoothed share of its chunks that lie in a document whose profile contains it}."""
    chunk_doc = np.asarray(chunk_doc)
    out: dict[str, float] = {}
    for term, chunks in term_chunks.items():
        if len(chunks) == 0:
            continue
        docs = chunk_doc[chunks]
        named = np.unique(docs[is_profile[chunks]])
        inside = int(np.isin(docs, named).sum()) if len(named) else 0
        out[term] = (inside + PRIOR * PRIOR_CHUNKS) / (len(chunks) + PRIOR_CHUNKS)
    return out


def factor(concentration: float, full_at: float = FULL_AT, floor: float = FLOOR) -> float:
    """Weight factor of a query term with this concentration: 1 from `full_at` on, down to `floor` at 0."""
    if concentration >= full_at:
        return 1.0
    return floor + (1.0 - floor) * concentration / full_at


class TopicWeights:
    """Per-term weight factors for queries, computed once from the BM25 index and the chunks' profile flags."""

    def __init__(self, factors: dict[str, float]) -> None:
        self.factors = factors

    @classmethod
    def from_postings(cls, term_chunks: Mapping[str, np.ndarray], chunk_doc: Sequence[int], is_profile: np.ndarray,
                      full_at: float = FULL_AT, floor: float = FLOOR, quantity_terms: Collection[str] = ()
                      ) -> "TopicWeights":
        conc = concentrations(term_chunks, chunk_doc, is_profile)
        # A number in a question is an age, a year, a date, an amount ("Personalausweis mit 19", "seit 2012", "wird
        # im Juli sechs"): it may pick the section, never the document, even where a profile happens to name it
        # ("19. Januar 2013").
        return cls({t: f for t, c in conc.items()
                    if (f := floor if t.isdigit() or t in quantity_terms else factor(c, full_at, floor)) < 1.0})

    def apply(self, weights: Mapping[str, float]) -> dict[str, float]:
        """The query's {term: weight} with aspect words damped (unknown terms unchanged)."""
        return {t: w * self.factors.get(t, 1.0) for t, w in weights.items()}
