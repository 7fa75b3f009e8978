"""Follow-up questions ("Und was kostet das?", "Geht das auch online?", "Und für mein Kind?").

A follow-up names no topic of its own, so it is condensed with the session's topic before retrieval: the topic's
title is put in front of the question. A question that brings its own topic is left alone.
"""

from __future__ import annotations

import re

from assistant.intents import fold
from assistant.textunits import terms

_OPENERS = re.compile(r"^(und|aber|also|ok|okay|gut|danke|noch|what about|and)\b|^(was|wie) (ist|sieht'?s?) (es )?mit\b")
_ANAPHORA = re.compile(r"\b(das|es|dies|den|die|der)\s*[?.!]*$|\b(dafuer|dazu|dabei|damit|dort|hierfuer|davon)\b|"
                       r"\b(geht|kostet|dauert|gilt|klappt|funktioniert|brauche ich|kann ich|muss ich) (das|es|dies)\b")
# Words that carry no topic of their own: intents, people, and filler. A question made of these is a follow-up.
_GENERIC_WORDS = """kosten kostet kosten gebühr gebühren preis teuer online internet digital unterlagen
dokumente papiere mitbringen brauchen brauche frist fristen lange dauer dauert wann wo wer zuständig adresse
öffnungszeiten geöffnet termin kind kinder sohn tochter baby mann frau partner partnerin eltern oma opa mutter
vater ehemann ehefrau enkel jugendliche rentner student studentin ausland deutschland auch genau nochmal
bekommen machen beantragen geht gehen kann können muss möglich schnell sofort express welche nötig
dafür dazu dabei damit davon darüber hierfür dort da dies diese dieser dieses jetzt eigentlich denn gilt gelten
schneller lange zeit viel wieviel"""
_GENERIC = {fold(w) for w in _GENERIC_WORDS.split()} | {t for t in terms(_GENERIC_WORDS) if not t.endswith("*")}


def _topic_words(question: str) -> set[str]:
    """Words of the question that could name a topic (neither stopword, nor generic, nor a number)."""
    out = set()
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", question):
        lemmas = {t for t in terms(word) if not t.endswith("*")}
        if lemmas and fold(word) not in _GENERIC and not (lemmas & _GENERIC):
            out.add(fold(word))
    return out


def has_own_topic(question: str) -> bool:
    return bool(_topic_words(question))


def is_followup(question: str) -> bool:
    q = fold(question.strip())
    own_topic = _topic_words(question)
    if not own_topic:
        return True
    if len(own_topic) <= 1 and (_OPENERS.search(q) or _ANAPHORA.search(q)):
        return True
    return False


def refers_back(question: str) -> bool:
    """The question's last sentence opens like a follow-up or points back ("Ich fliege schon in fünf Tagen.
    Und der vorläufige?", "Und gibt es das auch rückwirkend?"), even if the question names things of its own."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", question.strip()) if s]
    last = fold(sentences[-1]) if sentences else ""
    return bool(_OPENERS.search(last) or _ANAPHORA.search(last))


def variant_terms(question: str) -> set[str]:
    """Index terms of a follow-up's words (with compound parts), to find the variant of a topic it asks for:
    "Und für mein Kind?" after the Personalausweis means the document about ID cards for children."""
    from retrieval.analysis import GermanAnalyzer

    return set(GermanAnalyzer(colloquial={}).analyze(question)) - _TITLE_VERB_TERMS


# Verbs of service titles ("Personalausweis beantragen", "Reisepass beantragen"): sharing one relates nothing.
_TITLE_VERBS = "beantragen anmelden abmelden ummelden melden anzeigen ändern bestellen verlängern zulassen"


def _title_verb_terms() -> set[str]:
    from retrieval.analysis import GermanAnalyzer

    return set(GermanAnalyzer(colloquial={}).analyze(_TITLE_VERBS))


_TITLE_VERB_TERMS = _title_verb_terms()


def condense(question: str, topic_title: str | None) -> str:
    """The retrieval query for a follow-up: the topic's title in front of the question."""
    if not topic_title:
        return question
    return f"{topic_title}: {question}"
