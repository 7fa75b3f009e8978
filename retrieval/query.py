"""Query-side German analysis: separable verbs.

Citizens write "Mein Ausweis läuft nächsten Monat ab" for "Personalausweis abgelaufen" and "Ich mache meinen Laden
zu" for "Geschäft schließen". In a main clause the particle of a separable verb stands at the end ("läuft ... ab",
"zieh ... um", "melde mich ... ab"); alone, "laufen" or "machen" says nothing. When a clause ends in a particle and
particle + the lemma of one of its words is a verb simplemma knows ("ablaufen", "zumachen", "umziehen"), that verb
replaces the bare one.

Earlier rounds also kept word lists here (deictic time, question fillers, light words, moving to the city). With the
multilingual dense side they no longer changed retrieval on the dev or held-out questions (evals.retrieval_tiers),
so they were deleted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma

# Particles of separable verbs that end a main clause ("Ich melde mich ab", "Wann macht das Amt auf?").
PARTICLES = frozenset("ab an auf aus bei ein fest fort her hin los mit nach um vor weg zu zurück zusammen".split())

_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"\n]+|\s[-–]\s")
_TOKEN = re.compile(r"[0-9a-zäöüß]+(?:-[0-9a-zäöüß]+)*")


def clauses(text: str) -> list[list[str]]:
    """Lower-cased word tokens per clause (stopwords kept: particles and determiners matter here)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [toks for part in _CLAUSE_BREAK.split(text) if (toks := _TOKEN.findall(part))]


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower()


@lru_cache(maxsize=100_000)
def _known_verb(word: str) -> bool:
    return simplemma.is_known(word, lang="de")


def separable_verb(clause: list[str]) -> tuple[int, str] | None:
    """(position of the finite verb, joined infinitive) when the clause ends in a separable particle."""
    if len(clause) < 2 or clause[-1] not in PARTICLES:
        return None
    particle = clause[-1]
    for i, word in enumerate(clause[:-1]):
        lemma = _lemma(word)
        if not lemma.endswith(("en", "ern", "eln")) or lemma.startswith(particle):
            continue
        joined = particle + lemma
        if _known_verb(joined):
            return i, joined
    return None


def story_words(clause: list[str]) -> list[str]:
    """The clause's words with a separable verb joined ("melde ... ab" -> "abmelden")."""
    words = list(clause)
    joined = separable_verb(words)
    if joined is not None:
        i, verb = joined
        words[i] = verb
        words.pop()  # the particle now lives in the verb
    return words
