"""The pipeline with fake stages: order of stages, gate, fallback on backend failure, sessions, notice, audit."""

from pathlib import Path

import pytest

from assistant.extractive import ExtractiveComposer
from assistant.pipeline import Assistant, PassThroughInputGuard
from assistant.sessions import InMemorySessionStore
from corpus.errors import BackendUnavailable, SessionExpired
from corpus.loader import load_corpus
from corpus.types import Checked, Draft, Outcome, Passage, Retrieval, Verdict

DOCS = load_corpus(Path(__file__).resolve().parent.parent / "data" / "corpus").by_id()


class KeywordRetriever:
    """Finds a test document when the query mentions one of its keywords; records every query it was given."""

    def __init__(self):
        self.queries: list[str] = []

    def retrieve(self, query, top_k=5, filters=None):
        self.queries.append(query)
        q = query.lower()
        hits = [d for d in DOCS.values() if any(k.lower() in q for k in d.keywords + [d.title])]
        passages = [Passage(doc_id=d.id, title=d.title, section="Überblick", snippet=d.summary, score=1.0 - i * 0.5,
                            url=d.url, confidence=0.9) for i, d in enumerate(hits[:top_k])]
        return Retrieval(query=query, passages=passages, confident=bool(passages),
                         confidence=0.9 if passages else 0.05)


class FailingGenerator:
    name = "broken-llm"

    def generate(self, question, passages):
        raise BackendUnavailable("server at http://127.0.0.1:9 refused the connection")

    def stream(self, question, passages):
        raise BackendUnavailable("server down")
        yield ""


class InventingGenerator:
    name = "inventing-llm"

    def generate(self, question, passages):
        return Draft(text="Der Personalausweis kostet 99,00 Euro und wird sofort per Drohne geliefert [1].",
                     sources=list(passages), mode="llm", backend=self.name)


class RefusingGuard:
    def check(self, question):
        return Checked(text=question.text, outcome=Outcome.HANDOFF, rule="emergency", reply="Rufen Sie 112 an.")


class Audit:
    def __init__(self):
        self.records = []

    def record(self, **fields):
        self.records.append(fields)


def make(generator=None, guard=None, audit=None, store=None):
    composer = ExtractiveComposer(DOCS)
    return Assistant(input_guard=guard or PassThroughInputGuard(), retriever=KeywordRetriever(),
                     generator=generator or composer, fallback=composer, documents=DOCS,
                     sessions=store if store is not None else InMemorySessionStore(ttl_s=60), audit=audit,
                     notice="Hinweis: Sie sprechen mit einem KI-Assistenten.")


def test_answer_cites_source_and_has_notice_on_first_turn_only():
    a = make()
    first = a.answer("Was kostet ein Perso?")
    assert "46,00 Euro" in first.text and "[1]" in first.text
    assert first.sources[0].doc_id == "personalausweis-beantragen"
    assert first.notice and first.mode == "extractive" and first.action == "answer"
    assert first.meta["readability"]["lix"] > 0
    second = a.answer("Was kostet die Hundesteuer?", session_id=first.session_id)
    assert second.notice is None
    assert "120,00 Euro" in second.text


def test_weak_retrieval_gives_no_information_and_handoff():
    answer = make().answer("Wie wird das Wetter morgen?")
    assert answer.rule == "no_information" and answer.action == "handoff"
    assert "keine verlässliche Information" in answer.text and "02151 86-0" in answer.text
    assert answer.sources == []


def test_policy_outcome_ends_the_turn_before_retrieval():
    a = make(guard=RefusingGuard())
    answer = a.answer("Mein Nachbar liegt bewusstlos im Flur")
    assert answer.action == "handoff" and answer.rule == "emergency" and answer.text == "Rufen Sie 112 an."
    assert a.retriever.queries == []


class SafetyFirstGuard:
    """An emergency rule as the policy has it: its reply comes first, a service question in the message may follow."""

    def check(self, question):
        return Checked(text=question.text, outcome=Outcome.HANDOFF, rule="emergency", reply="Rufen Sie 112 an.",
                       allow_answer=True)


def test_an_emergency_reply_leads_and_a_service_question_is_answered_after_it():
    answer = make(guard=SafetyFirstGuard()).answer("Mein Perso ist abgelaufen, was kostet ein Perso?")
    assert answer.text.startswith("Rufen Sie 112 an.\n\n") and "46,00 Euro" in answer.text
    assert answer.action == "handoff" and answer.rule == "emergency"
    assert answer.sources[0].doc_id == "personalausweis-beantragen"


def test_an_emergency_without_a_service_question_gets_the_reply_alone():
    answer = make(guard=SafetyFirstGuard()).answer("Mein Nachbar liegt bewusstlos im Flur und atmet nicht")
    assert answer.text == "Rufen Sie 112 an." and answer.action == "handoff" and answer.rule == "emergency"
    assert answer.sources == []


def test_backend_failure_degrades_to_extractive_with_reason():
    answer = make(generator=FailingGenerator()).answer("Was kostet ein Perso?")
    assert answer.mode == "extractive" and "46,00 Euro" in answer.text
    assert answer.meta["fallback_reason"] == "backend error: BackendUnavailable"


def test_streaming_backend_failure_degrades_too():
    events = list(make(generator=FailingGenerator()).stream("Was kostet ein Perso?"))
    done = events[-1].data
    assert events[-1].kind == "done" and done.mode == "extractive"
    assert "".join(e.data for e in events[:-1]) == done.text


def test_ungrounded_llm_answer_is_replaced():
    answer = make(generator=InventingGenerator()).answer("Was kostet ein Perso?")
    assert answer.mode == "extractive"
    assert "99,00" not in answer.text
    assert answer.meta["fallback_reason"].startswith("checks failed")


def test_follow_up_uses_session_topic():
    a = make()
    first = a.answer("Ich brauche einen neuen Perso")
    follow = a.answer("Und was kostet das?", session_id=first.session_id)
    assert follow.sources[0].doc_id == "personalausweis-beantragen"
    assert "46,00 Euro" in follow.text
    assert a.retriever.queries[-1].startswith("Personalausweis beantragen")


def test_unknown_session_is_an_input_error():
    with pytest.raises(SessionExpired):
        make().answer("Was kostet ein Perso?", session_id="nope")


def test_expired_session():
    now = [0.0]
    store = InMemorySessionStore(ttl_s=10, clock=lambda: now[0])
    a = make(store=store)
    sid = a.answer("Was kostet ein Perso?").session_id
    now[0] = 11
    with pytest.raises(SessionExpired):
        a.answer("Und online?", session_id=sid)


def test_stateless_history_resolves_follow_up():
    answer = make().answer("Und was kostet das?", history=["Ich habe einen Welpen, wie melde ich ihn an?"])
    assert answer.sources[0].doc_id == "hundesteuer"
    assert answer.notice is None


def test_audit_record_has_no_text():
    audit = Audit()
    make(audit=audit).answer("Was kostet ein Perso?")
    rec = audit.records[0]
    assert rec["action"] == "answer" and rec["mode"] == "extractive"
    assert not any(isinstance(v, str) and "Perso" in v for v in rec.values())


def test_output_guard_failure_on_llm_falls_back():
    class NoGuard:
        def check(self, draft, passages):
            return Verdict(ok=draft.mode == "extractive", reasons=["pii in answer"])

    class GoodLLM:
        name = "llm"

        def generate(self, question, passages):
            return Draft(text="Der Personalausweis kostet ab 24 Jahren 46,00 Euro [1].", sources=list(passages),
                         mode="llm", backend="llm")

    a = make(generator=GoodLLM())
    a.output_guard = NoGuard()
    answer = a.answer("Was kostet ein Perso?")
    assert answer.mode == "extractive" and "pii in answer" in answer.meta["fallback_reason"]


def test_referral_with_general_information_keeps_policy_reply():
    class DecisionGuard:
        def check(self, question):
            return Checked(text=question.text, outcome=Outcome.REFERRAL, rule="individual_decision",
                           reply="Über Ihren Antrag entscheidet die Stadt.", allow_answer=True)

    a = make(guard=DecisionGuard())
    with_info = a.answer("Bekomme ich die Hundesteuer erlassen?")
    assert with_info.action == "referral" and with_info.rule == "individual_decision"
    assert with_info.text.startswith("Über Ihren Antrag entscheidet die Stadt.") and with_info.sources
    without = a.answer("Bekomme ich das bewilligt?")
    assert without.action == "referral" and without.text == "Über Ihren Antrag entscheidet die Stadt."


def test_follow_up_without_any_topic_asks_which_topic():
    a = make()
    answer = a.answer("Und was kostet das?")
    assert "Zu welchem Thema ist Ihre Frage?" in answer.text and answer.sources == []
    assert a.retriever.queries == []


# -- follow-ups that name a variant of the topic, or point back after saying something new -----------------------

def _passage(doc_id, title, score, confidence=0.5):
    return Passage(doc_id=doc_id, title=title, section="Überblick", snippet="", score=score, confidence=confidence)


def test_follow_up_naming_a_variant_goes_to_the_variant_document():
    from assistant.followup import prefer_variant
    from assistant.sessions import Session

    session = Session(id="s", topic="personalausweis-beantragen", topic_title="Personalausweis beantragen")
    found = Retrieval("q", [_passage("personalausweis-beantragen", "Personalausweis beantragen", 1.0, 0.6),
                            _passage("kita-platz", "Kita-Platz für Kinder", 0.95, 0.57),
                            _passage("ausweisdokumente-kinder", "Ausweis für Kinder", 0.9, 0.54)], True, 0.6)
    chosen = prefer_variant("Und für mein Kind?", session, found)
    # the kita has a child but nothing of the topic; the children's ID document has both
    assert [p.doc_id for p in chosen.passages] == ["ausweisdokumente-kinder", "personalausweis-beantragen",
                                                   "kita-platz"]
    assert chosen.passages[0].score == 1.0 and chosen.passages[1].score == 0.9  # no "which one?" question
    # a follow-up without a variant word, or a top document that already has it, changes nothing
    assert prefer_variant("Und was kostet das?", session, found) is found
    assert prefer_variant("Und für mein Kind?", session, Retrieval("q", found.passages[2:], True, 0.6)).passages[
        0].doc_id == "ausweisdokumente-kinder"


def test_follow_up_keeps_the_earlier_ask_but_not_its_details():
    seen = []

    class Recording(ExtractiveComposer):
        def generate(self, question, passages):
            seen.append(question)
            return super().generate(question, passages)

    a = make(generator=Recording(DOCS))
    first = a.answer("Was kostet ein Personalausweis? Ich bin 40.")
    a.answer("Und für mein Kind?", session_id=first.session_id)
    assert seen[-1] == "Was kostet ein Personalausweis? Und für mein Kind?"


def test_question_that_refers_back_continues_the_topic_unless_it_clearly_finds_its_own():
    from assistant.followup import refers_back

    assert refers_back("Ich fliege schon in fünf Tagen nach Wien. Und der vorläufige?")
    assert refers_back("Und gibt es das auch für die letzten Monate?")
    assert not refers_back("Wie beantrage ich einen Schwerbehindertenausweis?")
    a = make()
    first = a.answer("Personalausweis beantragen")
    a.retriever.queries.clear()
    a.answer("Ich fliege schon in fünf Tagen nach Wien. Und der vorläufige?", session_id=first.session_id)
    assert a.retriever.queries[-1].startswith("Personalausweis beantragen: ")  # weak alone -> with the topic
    own = a.answer("Ich habe einen Hund. Und die Hundesteuer?", session_id=first.session_id)
    assert own.sources[0].doc_id == "hundesteuer"  # clearly its own topic
