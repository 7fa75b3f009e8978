"""Query-side German analysis: join separable verbs and tell a question's need from the story around it.

Citizens write "Mein Ausweis läuft nächsten Monat ab" for "Personalausweis abgelaufen" and "Ich mache meinen Laden
zu" for "Geschäft schließen". Two things are lost on word-by-word analysis:

- Separable verbs. In a main clause the particle stands at the end ("läuft ... ab", "zieh ... um", "melde mich ...
  ab"); alone, "laufen" or "machen" says nothing. When a clause ends in a particle and particle + the lemma of one of
  its words is a verb simplemma knows ("ablaufen", "zumachen", "umziehen"), that verb replaces the bare one.
- Incidental words. Deictic time ("nächsten Monat", "letzte Woche", "gestern") dates the story, not the need; it
  is dropped. Words every question can carry ("Amt", "erledigen", "machen", "Krefeld") keep a small weight, so
  they separate ties without outvoting the one word that names the service.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma

# Particles of separable verbs that end a main clause ("Ich melde mich ab", "Wann macht das Amt auf?").
PARTICLES = frozenset("ab an auf aus bei ein fest fort her hin los mit nach um vor weg zu zurück zusammen".split())

# A determiner that turns the next time unit into a date of the story: "nächsten Monat", "letzte Woche".
TIME_DETERMINERS = frozenset("""
nächste nächsten nächster nächstes nächstem letzte letzten letzter letztes letztem vorige vorigen voriger vorigem
vergangene vergangenen vergangener vergangenem kommende kommenden kommender kommendem übernächste übernächsten
übernächstem vorletzte vorletzten vorletztem diese diesen dieser dieses diesem
next last this coming past
""".split())
TIME_UNITS = frozenset("""
tag tage tagen woche wochen wochenende monat monate monaten jahr jahre jahren jahres quartal stunde stunden minute
minuten day days week weeks weekend month months year years hour hours
""".split())
# Deictic time adverbs: when something happens to the citizen, never what it is ("seit" dates the story too:
# "seit letztem Monat abgelaufen", "since two days").
TIME_ADVERBS = frozenset("""
gestern vorgestern morgen übermorgen demnächst bald neulich kürzlich vorhin gerade grade eben mittlerweile inzwischen
seit seitdem yesterday today tomorrow soon recently since already
""".split())

# Words of spoken questions that official texts hardly use: on a small corpus they get a high IDF and match by
# accident ("wann", "erst", "bestimmt", "selben"). They carry no topic, so they are dropped.
QUESTION_FILLERS = frozenset("""
wann warum wieso weshalb wozu woher wohin womit wofür wobei worum erst mehr selbe selben selber selbst bestimmt
endlich genau ungefähr irgendwie irgendein irgendeine irgendeinen irgendwo irgendwas trotzdem leider ganz ganze
ganzen gar sogar total echt wirklich überhaupt vielleicht okay ok egal krass blöd super eigentlich grundsätzlich
""".split())

# Words any citizen question may carry: generic verbs of getting and doing and the name of the city. They keep
# this weight instead of 1.
LIGHT_WEIGHT = 0.5
LIGHT_WORDS = frozenset("""
machen tun brauchen benötigen bekommen kriegen gehen kommen wissen sagen geben sehen passieren klappen krefeld
stadt city
""".split())

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


def story_words(clause: list[str]) -> list[tuple[str, float]]:
    """The clause's words with their weights: separable verbs joined, deictic time dropped, light words damped."""
    words = list(clause)
    joined = separable_verb(words)
    if joined is not None:
        i, verb = joined
        words[i] = verb
        words.pop()  # the particle now lives in the verb
    out: list[tuple[str, float]] = []
    skip_next = False
    for i, w in enumerate(words):
        if skip_next:
            skip_next = False
            continue
        if w in TIME_DETERMINERS and i + 1 < len(words) and words[i + 1] in TIME_UNITS:
            skip_next = True
            continue
        if w in TIME_ADVERBS or w in QUESTION_FILLERS:
            continue
        out.append((w, LIGHT_WEIGHT if w in LIGHT_WORDS or _lemma(w) in LIGHT_WORDS else 1.0))
    return out


CITY = "krefeld"
# Forms of moving house; "Umzug nach Krefeld" counts too.
_MOVING = re.compile(r"(um|zu|her|hin)?(zieh\w*|zog\w*|gezogen|umzug|zuzug)$")


def moves_into_city(clause: list[str]) -> bool:
    """Whether the clause tells of moving to the city ("nach Krefeld gezogen", "ziehe aus Köln nach Krefeld"):
    that asks for the Anmeldung. Moving away ("von Krefeld nach Köln") or within the city does not."""
    into = any(a == "nach" and b == CITY for a, b in zip(clause, clause[1:]))
    away = any(a in ("von", "aus") and b == CITY for a, b in zip(clause, clause[1:]))
    return into and not away and any(_MOVING.match(w) for w in clause)
