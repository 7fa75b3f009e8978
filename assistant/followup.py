"""Follow-up questions ("Und was kostet das?", "Geht das auch online?", "Und für mein Kind?").

A follow-up names no topic of its own, so it is condensed with the session's topic before retrieval: the topic's
title is put in front of the question. A question that brings its own topic is left alone, unless it points back
("... Und der vorläufige?") and its own words find nothing clearly. A follow-up that names a variant of the topic
("Und für mein Kind?") goes to the variant's document when the retrieval found one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from assistant.intents import detect_intents, fold
from assistant.sessions import Session
from assistant.textunits import terms
from corpus.types import Retrieval
from retrieval.protocols import Retriever

if TYPE_CHECKING:
    from assistant.topic_switch import TopicSwitch

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


@cache
def _generic() -> frozenset[str]:
    """The generic words folded and as index terms; built on first use (the analysis loads its dictionaries)."""
    return frozenset({fold(w) for w in _GENERIC_WORDS.split()} | {t for t in terms(_GENERIC_WORDS) if not t.endswith("*")})


def _topic_words(question: str) -> set[str]:
    """Words of the question that could name a topic (neither stopword, nor generic, nor a number)."""
    out = set()
    generic = _generic()
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]+", question):
        lemmas = {t for t in terms(word) if not t.endswith("*")}
        if lemmas and fold(word) not in generic and not (lemmas & generic):
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
    analyzer, title_verbs, child = _variant_vocabulary()
    found = set(analyzer.analyze(question)) - title_verbs
    if found & child:  # "meine Tochter", "unser Baby": the variant documents say "Kinder"
        found |= child
    return found


# Verbs of service titles ("Personalausweis beantragen", "Reisepass beantragen"): sharing one relates nothing.
_TITLE_VERBS = "beantragen anmelden abmelden ummelden melden anzeigen ändern bestellen verlängern zulassen"


# Words for a child in a follow-up, all standing for the "Kind" of a variant title ("Ausweis für Kinder").
_CHILD_WORDS = "Kind Kinder Sohn Tochter Baby Säugling Kleinkind Kleine Kleiner Enkel Enkelin Jugendliche"


@cache
def _variant_vocabulary():
    """(analyzer, terms of the title verbs, terms of the child words), built on first use, not at import: the German
    analysis loads its dictionaries and compound tables then."""
    from retrieval.analysis import GermanAnalyzer

    analyzer = GermanAnalyzer(colloquial={})
    return analyzer, frozenset(analyzer.analyze(_TITLE_VERBS)), frozenset(analyzer.analyze(_CHILD_WORDS))


def condense(question: str, topic_title: str | None) -> str:
    """The retrieval query for a follow-up: the topic's title in front of the question."""
    if not topic_title:
        return question
    return f"{topic_title}: {question}"


def resolve(text: str, session: Session, retriever: Retriever, switch_confidence: float,
            switch: "TopicSwitch | None" = None) -> tuple[str, str]:
    """(retrieval query, question for the generator) for `text` in `session`.

    With `switch` (the fitted decision of assistant/topic_switch.py), the turn is searched both alone and condensed
    with the topic, and the model decides from both searches and the dense similarities which reading holds.
    Without it, the rules below decide:

    In a conversation the citizen usually goes on about the same matter, so the topic is kept unless the question
    clearly brings a new one: it says so ("Andere Frage: ..."), or it alone finds its service with at least
    `switch_confidence` ("Und der Reisepass?", "Wo melde ich Sperrmüll an?"), or it finds one with some
    confidence while its topic words do not occur in the topic's document. Everything else ("Wie lange dauert
    die Herstellung?", "Zahlungsfrist?", "How much is the tax per year?") is asked about the topic: its title is
    put in front of the question.
    """
    if not session.topic:
        return text, text
    if switch is not None:
        return _decide(text, session, retriever, switch)
    if new_topic_marker(text):
        return text, text
    gen_question = _generator_question(text, session)
    if not has_own_topic(text):
        return condense(text, session.topic_title), gen_question
    standalone = retriever.retrieve(text, top_k=1)
    if standalone.confident and standalone.confidence >= switch_confidence:
        return text, gen_question
    if standalone.confident and not is_followup(text) and not refers_back(text) \
            and not _fits_topic(text, session.topic, retriever):
        return text, gen_question
    return condense(text, session.topic_title), gen_question


def _generator_question(text: str, session: Session) -> str:
    """"Und für mein Kind?" keeps the earlier ask ("Was kostet das?"), not its other details ("Bin 40.")."""
    if is_followup(text) and not detect_intents(text) and session.history:
        earlier = [s for s in re.split(r"(?<=[.!?])\s+", session.history[-1]) if detect_intents(s)]
        return f"{' '.join(earlier) or session.history[-1]} {text}"
    return text


def _decide(text: str, session: Session, retriever: Retriever, switch: "TopicSwitch") -> tuple[str, str]:
    from assistant.topic_switch import turn_view

    condensed_query = condense(text, session.topic_title)
    alone = retriever.retrieve(text, top_k=5)
    condensed = prefer_variant(text, session, retriever.retrieve(condensed_query, top_k=5))
    view = turn_view(text, session.topic, session.topic_title, retriever, alone, condensed)
    if switch.switches(view):
        return text, text
    return condensed_query, _generator_question(text, session)


_NEW_TOPIC = re.compile(r"^\W*(andere|neue|weitere|noch eine (ganz )?andere|ganz andere) (frage|sache)\b|"
                        r"^\W*(anderes|neues) thema\b|^\W*(themawechsel|etwas anderes|was anderes|ganz was anderes)\b|"
                        r"^\W*(other|another|different|new) (question|topic)\b")


def new_topic_marker(question: str) -> bool:
    """The citizen says a new matter begins ("Andere Frage: ...", "Neues Thema", "Other question: ...")."""
    return bool(_NEW_TOPIC.search(fold(question.strip())))


def _fits_topic(text: str, topic: str, retriever: Retriever) -> bool:
    """Whether most of the question's topic words occur in the topic's document (True when the retriever cannot
    tell: staying with the topic is the safer reading of an unclear question in a conversation)."""
    overlap = getattr(retriever, "topic_overlap", None)
    share = overlap(text, topic) if overlap is not None else None
    return share is None or share >= 0.5


def prefer_variant(text: str, session: Session, retrieval: Retrieval) -> Retrieval:
    """A condensed follow-up that names a variant of the topic ("Und für mein Kind?") goes to the document whose
    title has both a word of the follow-up and a word of the topic ("Ausweis für Kinder" after "Personalausweis
    beantragen"), if the retrieval found one; the topic's own document stays first otherwise."""
    asked = variant_terms(text)
    topic = variant_terms(session.topic_title or "")
    if not asked or not topic or not retrieval.passages or asked & variant_terms(retrieval.passages[0].title):
        return retrieval
    top = retrieval.passages[0]
    for p in retrieval.passages[1:]:
        title = variant_terms(p.title)
        if p.doc_id != session.topic and title & asked and title & topic:
            # The variant takes the top place with the top's score and confidence, the topic's document the
            # variant's: the follow-up decided between them, so the composer must not ask "which one?" again.
            first = replace(p, score=top.score, confidence=top.confidence)
            second = replace(top, score=p.score, confidence=p.confidence)
            rest = [q for q in retrieval.passages[1:] if q.doc_id != p.doc_id]
            return replace(retrieval, passages=[first, second, *rest])
    return retrieval


class TurnRetriever:
    """The retriever for one turn: a query searched twice (once alone to decide on a follow-up, then as the
    turn's query) is searched once; other attributes (`topic_overlap`) are the retriever's own."""

    def __init__(self, retriever: Retriever, top_k: int) -> None:
        self._retriever, self._top_k = retriever, top_k
        self._found: dict[str, Retrieval] = {}

    def retrieve(self, query: str, top_k: int = 5, filters: dict[str, Any] | None = None) -> Retrieval:
        if filters or top_k > self._top_k:
            return self._retriever.retrieve(query, top_k=top_k, filters=filters)
        if query not in self._found:
            self._found[query] = self._retriever.retrieve(query, top_k=self._top_k)
        found = self._found[query]
        return replace(found, passages=found.passages[:top_k])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._retriever, name)
