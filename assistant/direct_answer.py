""""Ja." or "Nein." in front of a yes/no answer, when the quoted sentence itself settles the question.

"Muss ich mein Auto selbst abmelden?" asks with a verb ("muss") about a matter ("Auto abmelden"). When the sentence the
composer quotes first carries the same verb (any form: "Sie müssen …") and shares the matter's words, it states the
answer: without negation it says yes, with "nicht"/"kein…" it says no. Anything weaker is left to the citizen to read:
a sentence with a condition or a restriction ("nur", "wenn", "erst", "außer") answers "it depends", and a question
that is itself negated ("Muss ich nicht …?") is ambiguous in German. Never invented: the prefix is only a reading of
the quoted sentence, which stands right after it with its citation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.intents import fold, is_yes_no
from assistant.textunits import term_set

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_NEGATION = re.compile(r"\b(nicht|nichts|kein|keine|keinen|keinem|keiner|keines|nie|niemals|niemand|weder)\b")
# The sentence answers "it depends" or narrows the answer: no plain yes or no then.
_HEDGE = re.compile(r"\b(nur|erst|wenn|falls|sofern|soweit|ausser|ausnahme\w*|bis auf|lediglich|grundsaetzlich|"
                    r"in der regel|meist|teilweise|unter umstaenden|je nach|ob)\b")
# Verbs a yes/no question opens with that carry its meaning in the answer sentence too.
_ASKING_VERBS = frozenset("muessen koennen duerfen brauchen sollen geben bekommen erhalten gelten reichen "
                          "kosten dauern".split())


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    import simplemma

    return fold(simplemma.lemmatize(word.lower(), lang="de"))


def _asking_verb(question: str) -> str | None:
    """The lemma of the verb a yes/no question opens with, when it is one that answers carry ("Muss ich ...")."""
    first_ask = re.split(r"(?<=[.!?])\s+", question.strip())
    asking = next((s for s in reversed(first_ask) if s.rstrip().endswith("?")), first_ask[-1] if first_ask else "")
    words = _WORD.findall(asking)
    if not words:
        return None
    lemma = _lemma(words[0])
    return lemma if lemma in _ASKING_VERBS else None


def yes_or_no(question: str, sentence: str) -> str | None:
    """"Ja" or "Nein" when `sentence` plainly answers the yes/no `question`; None when it does not settle it."""
    if not is_yes_no(question):
        return None
    verb = _asking_verb(question)
    if verb is None or _NEGATION.search(fold(question)):
        return None
    folded = fold(sentence)
    if _HEDGE.search(folded):
        return None
    if not any(_lemma(w) == verb for w in _WORD.findall(sentence)):
        return None
    matter = term_set(question) - term_set(verb)
    if not matter & term_set(sentence):
        return None
    return "Nein" if _NEGATION.search(folded) else "Ja"
