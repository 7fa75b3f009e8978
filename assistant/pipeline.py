"""The one module that knows the order of the stages: guard → retrieve → gate → generate → check → answer."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping, Sequence

from assistant.checks import check_grounding
from assistant.followup import TurnRetriever, has_own_topic, is_followup, prefer_variant, resolve
from assistant.messages import message
from assistant.protocols import Generator
from assistant.readability import readability
from assistant.sessions import Session, SessionStore, new_session_id, remember
from assistant.stream_guard import StreamGuard
from assistant.textunits import stream_tokens
from corpus.errors import AssistantError, SessionExpired
from corpus.schema import Document
from corpus.types import Answer, Checked, Draft, Outcome, Passage, Question, Retrieval, Verdict
from guardrails.normalize import visible
from guardrails.pii.placeholders import for_search
from guardrails.protocols import InputGuard, OutputGuard
from retrieval.protocols import Retriever

log = logging.getLogger(__name__)

ACTIONS = {Outcome.REFUSE: "refuse", Outcome.REFERRAL: "referral", Outcome.HANDOFF: "handoff"}


class PassThroughInputGuard:
    """Input guard that lets everything through unchanged; only for tests and explicitly disabled guardrails."""

    def check(self, question: Question) -> Checked:
        return Checked(text=question.text)


@dataclass
class Event:
    """A streaming event: `token` (data: str); `replace` (data: None): the tokens so far are not the answer, the
    tokens after it are (what was sent passed every check, see assistant/stream_guard.py); `done` (data: Answer)."""

    kind: str
    data: Any


@dataclass
class Assistant:
    input_guard: InputGuard
    retriever: Retriever
    generator: Generator
    fallback: Generator
    documents: Mapping[str, Document]
    sessions: SessionStore
    output_guard: OutputGuard | None = None
    audit: Any = None
    notice: str | None = None
    top_k: int = 5
    min_support: float = 0.6
    topic_switch_confidence: float = 0.5
    topic_switch: Any = None  # the fitted decision of assistant/topic_switch.py; None = the word-list rules

    # -- public -------------------------------------------------------------------------------------------
    def answer(self, text: str, session_id: str | None = None, history: Sequence[str] = ()) -> Answer:
        """Answer one message; `history` lets stateless callers (OpenAI endpoint) pass earlier user messages."""
        final: Answer | None = None
        for event in self._run(text, session_id, history, stream=False):
            if event.kind == "done":
                final = event.data
        assert final is not None
        return final

    def stream(self, text: str, session_id: str | None = None, history: Sequence[str] = ()) -> Iterator[Event]:
        """Like `answer`, but yields `token` events while the answer is written, then one `done` event."""
        return self._run(text, session_id, history, stream=True)

    # -- the flow -----------------------------------------------------------------------------------------
    def _run(self, text: str, session_id: str | None, history: Sequence[str], stream: bool) -> Iterator[Event]:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        text = visible(text)  # what a reader sees; nothing hidden reaches the classifier, redactor or prompt
        session = self._session(session_id, history)
        first_turn = session.turns == 0

        t = time.perf_counter()
        checked = self.input_guard.check(Question(text=text, session_id=session.id, topic=session.topic,
                                                  history=list(session.history)))
        timings["guard_ms"] = _ms(t)
        if checked.outcome is not Outcome.PASS and not getattr(checked, "allow_answer", False):
            answer = self._policy_answer(checked, session)
            yield from self._finish(answer, session, checked, None, first_turn, started, timings, stream)
            return

        asked = for_search(checked.text)  # without placeholders and the words that introduce them
        if not session.topic and is_followup(asked) and not has_own_topic(asked):
            # "Und was kostet das?" with nothing said before: ask, do not guess a topic
            answer = self._no_information(checked, session, Retrieval(checked.text, [], False))
            answer.text = message("answered.clarify_topic")
            yield from self._finish(answer, session, checked, None, first_turn, started, timings, stream)
            return

        t = time.perf_counter()
        try:
            gen_question, retrieval = self._retrieve(asked, checked, session)
        except Exception:  # the search is down: hand over to people, never fail the turn
            log.exception("retrieval failed; answering with the hand-off")
            answer = (self._policy_answer(checked, session) if checked.outcome is not Outcome.PASS
                      else self._no_information(checked, session, None))
            yield from self._finish(answer, session, checked, None, first_turn, started, timings, stream)
            return
        timings["retrieval_ms"] = _ms(t)
        if not retrieval.confident or not retrieval.passages:
            answer = (self._policy_answer(checked, session) if checked.outcome is not Outcome.PASS
                      else self._no_information(checked, session, retrieval))
            yield from self._finish(answer, session, checked, retrieval, first_turn, started, timings, stream)
            return

        t = time.perf_counter()
        passages = retrieval.passages
        sent = ""
        if stream and checked.outcome is not Outcome.PASS and checked.reply:  # the referral leads the answer
            sent = f"{checked.reply}\n\n"
            yield from (Event("token", token) for token in stream_tokens(sent))
        draft, fallback_reason, streamed = yield from self._generate(gen_question, passages, stream)
        sent += streamed
        timings["generation_ms"] = _ms(t)

        t = time.perf_counter()
        verdict = self._check(draft)
        if not verdict.ok and draft.mode != "extractive":
            fallback_reason = "checks failed: " + "; ".join(verdict.reasons)
            log.warning("LLM answer rejected (%s); using the extractive answer", fallback_reason)
            draft = self.fallback.generate(gen_question, passages)
            verdict = self._check(draft)
        timings["checks_ms"] = _ms(t)

        answer = Answer(text=draft.text, sources=draft.sources, action="answer", rule=None, mode=draft.mode,
                        redactions=checked.redactions, session_id=session.id,
                        topic=draft.sources[0].doc_id if draft.sources else None)
        if checked.outcome is not Outcome.PASS and checked.reply:
            answer.text = f"{checked.reply}\n\n{answer.text}"
            answer.action, answer.rule = ACTIONS[checked.outcome], checked.rule
        answer.meta.update({"backend": draft.backend, "fallback_reason": fallback_reason,
                            "confidence": round(retrieval.confidence, 3), "intents": draft.meta.get("intents"),
                            "unsupported": verdict.unsupported, "checks_ok": verdict.ok})
        yield from self._finish(answer, session, checked, retrieval, first_turn, started, timings, stream, sent)

    def _session(self, session_id: str | None, history: Sequence[str]) -> Session:
        if session_id:
            try:
                session = self.sessions.get(session_id)
            except Exception:  # a broken store must not keep a citizen from an answer (or an emergency reply)
                log.exception("session store failed; this turn starts a new conversation")
                return Session(id=new_session_id())
            if session is None:
                raise SessionExpired(f"session {session_id[:8]}… is unknown or expired; start a new one")
            return session
        session = Session(id=new_session_id())
        for earlier in history:  # stateless callers: replay earlier (already redacted upstream) user turns
            checked = self.input_guard.check(Question(text=visible(earlier), session_id=session.id))
            try:
                r = self.retriever.retrieve(self._resolve(for_search(checked.text), session)[0], top_k=1)
            except Exception:  # an earlier turn's topic is a convenience; this turn must still be answered
                log.exception("retrieval failed while replaying the history; the turn goes on without its topic")
                r = Retrieval(checked.text, [], False)
            top = r.passages[0] if r.confident and r.passages else None
            remember(session, checked.text, top.doc_id if top else None, top.title if top else None)
        return session

    def _retrieve(self, asked: str, checked: Checked, session: Session) -> tuple[str, Retrieval]:
        """(question for the generator, passages): a follow-up is condensed with the session's topic first."""
        turn = TurnRetriever(self.retriever, self.top_k)  # resolving may already have searched the same query
        query, gen_question = resolve(asked, session, turn, self.topic_switch_confidence, self.topic_switch)
        if gen_question == asked:
            gen_question = checked.text  # the generator reads the whole (redacted) message
        retrieval = turn.retrieve(query, top_k=self.top_k)
        if query != asked:
            retrieval = prefer_variant(asked, session, retrieval)
        return gen_question, retrieval

    def _resolve(self, text: str, session: Session) -> tuple[str, str]:
        """(retrieval query, question for the generator): follow-ups are condensed with the session's topic."""
        return resolve(text, session, self.retriever, self.topic_switch_confidence, self.topic_switch)

    def _generate(self, question: str, passages: Sequence[Passage], stream: bool):
        """Run the configured generator; any backend failure degrades to the extractive composer. Streamed, only
        text that passed the checks is yielded (assistant/stream_guard.py); returns (draft, reason, streamed)."""
        fallback_reason, guard = None, None
        try:
            if stream and hasattr(self.generator, "stream") and self.generator is not self.fallback:
                guard = StreamGuard(*self._public(passages), output_guard=self.output_guard,
                                    min_support=self.min_support)
                tokens = self.generator.stream(question, passages)
                try:
                    for unit in guard.run(tokens):
                        yield from (Event("token", token) for token in stream_tokens(unit))
                finally:
                    getattr(tokens, "close", lambda: None)()  # stops the model (and its HTTP stream) on a failure
                draft = Draft(text=guard.text.strip(), sources=list(passages), mode="llm",
                              backend=self.generator.name, meta={"streamed": True})
                if guard.failure:
                    fallback_reason = "checks failed: " + "; ".join(guard.failure)
                    log.warning("streamed LLM answer stopped (%s); using the extractive answer", fallback_reason)
                    draft = self.fallback.generate(question, passages)
            else:
                draft = self.generator.generate(question, passages)
                if draft.mode == "llm":
                    draft = replace(draft, text=visible(draft.text))  # what the checks read is what is shown
        except AssistantError as exc:
            fallback_reason = f"backend error: {type(exc).__name__}"
            log.warning("generator %s failed (%s); using the extractive answer", self.generator.name, exc)
            draft = self.fallback.generate(question, passages)
        except Exception as exc:  # a broken backend must never reach the citizen as a stack trace
            fallback_reason = f"backend error: {type(exc).__name__}"
            log.exception("generator %s crashed; using the extractive answer", self.generator.name)
            draft = self.fallback.generate(question, passages)
        if not draft.text.strip():
            fallback_reason = "empty answer"
            draft = self.fallback.generate(question, passages)
        return draft, fallback_reason, guard.text if guard else ""

    def _check(self, draft: Draft) -> Verdict:
        support, public = self._public(draft.sources)
        grounding = check_grounding(draft.text, support, min_support=self.min_support)
        reasons = grounding.reasons()
        ok = grounding.ok
        if self.output_guard is not None:
            guard = self.output_guard.check(draft, public)
            ok = ok and guard.ok
            reasons += guard.reasons
        return Verdict(ok=ok, reasons=reasons, unsupported=grounding.unsupported)

    def _public(self, sources: Sequence[Passage]) -> tuple[dict[int, str], list[Passage]]:
        """({citation number: text grounding compares with}, the sources carrying the text the output guard treats
        as public, i.e. quotable): the whole cited documents, not only the retrieved chunks."""
        support = {n: self._support_text(p) for n, p in enumerate(sources, start=1)}
        return support, [replace(p, text=support[n]) for n, p in enumerate(sources, start=1)]

    def _support_text(self, passage: Passage) -> str:
        doc = self.documents.get(passage.doc_id)
        if doc is None:
            return passage.text or passage.snippet
        fields = [doc.title, doc.summary, doc.responsible or "", doc.contact.office if doc.contact else "",
                  *doc.documents, *doc.fees, *doc.deadlines, doc.processing_time or ""]
        return "\n".join([*fields, doc.body])

    def _policy_answer(self, checked: Checked, session: Session) -> Answer:
        return Answer(text=checked.reply or message("no_information"), action=ACTIONS.get(checked.outcome, "refuse"),
                      rule=checked.rule, redactions=checked.redactions, session_id=session.id,
                      mode="extractive", meta={"backend": "policy"})

    def _no_information(self, checked: Checked, session: Session, retrieval: Retrieval | None) -> Answer:
        """The hand-off to people; `retrieval` None: the search itself failed."""
        if retrieval is None:
            return Answer(text=message("no_information.unavailable"), action="handoff", rule="no_information",
                          redactions=checked.redactions, session_id=session.id, meta={"backend": "unavailable"})
        return Answer(text=message("no_information"), action="handoff", rule="no_information",
                      redactions=checked.redactions, session_id=session.id, mode="extractive",
                      meta={"backend": "gate", "confidence": round(retrieval.confidence, 3)})

    def _finish(self, answer: Answer, session: Session, checked: Checked, retrieval: Retrieval | None,
                first_turn: bool, started: float, timings: dict[str, float], stream: bool,
                sent: str = "") -> Iterator[Event]:
        if first_turn and self.notice:
            answer.notice = self.notice
        remember(session, checked.text, answer.topic, answer.sources[0].title if answer.sources else None)
        _survive(self.sessions.put, session, what="session store")
        answer.meta.update(timings)
        answer.meta["latency_ms"] = _ms(started)
        answer.meta["readability"] = readability(answer.text) if answer.action == "answer" else {}
        if stream:
            sent = sent.rstrip()
            rest = answer.text[len(sent):]
            if not answer.text.startswith(sent):  # the checks stopped the LLM answer, or the fallback replaced it
                answer.meta["replaced_stream"] = True
                yield Event("replace", None)
                rest = answer.text
            yield from (Event("token", token) for token in stream_tokens(rest))
        if self.audit is not None:
            _survive(self.audit.record, session_id=session.id, rule=answer.rule, action=answer.action,
                     redactions=[r.type for r in answer.redactions], backend=answer.meta.get("backend"),
                     mode=answer.mode, latency_ms=answer.meta["latency_ms"],
                     fallback_reason=answer.meta.get("fallback_reason"), what="audit log")
        yield Event("done", answer)


def _ms(t: float) -> float:
    return round((time.perf_counter() - t) * 1000, 2)


def _survive(call: Any, *args: Any, what: str, **kwargs: Any) -> None:
    """Storing a session or an audit record must not take the answer with it (an emergency reply above all)."""
    try:
        call(*args, **kwargs)
    except Exception:
        log.exception("%s failed; the answer is still given", what)
