"""Wiring: turn Settings into a ready Assistant (index, guardrails, answer backend, sessions, audit).

With `assistant.wiring` (retrieval) and `api/deps.py`, the only code that reads Settings. Heavy parts load here, once,
not at import time; a configured LLM backend that cannot be loaded is logged and the extractive composer answers,
so a broken model path never takes the citizen service down. The city profile (`BA_CITY__PROFILE`) is loaded first
and made the process's city, so every text and check built afterwards names and knows this city.
"""

from __future__ import annotations

import logging

from assistant.extractive import ExtractiveComposer
from assistant.pipeline import Assistant
from assistant.protocols import Generator
from assistant.sessions import InMemorySessionStore
from assistant.settings import Settings
from assistant.wiring import build_retriever
from corpus.city import CityProfile, load_profile, use_profile
from corpus.errors import AssistantError

log = logging.getLogger(__name__)


def configure_city(settings: Settings) -> CityProfile:
    """Load the city profile the settings name (default: Krefeld's) and make it the process's city; a broken file
    raises ConfigurationError naming the file and the field."""
    return use_profile(load_profile(settings.city.profile))


def build_generator(settings: Settings, fallback: Generator) -> Generator:
    """The configured answer backend; 'extractive' is the composer itself."""
    if settings.llm.backend == "extractive":
        return fallback
    from assistant.llm.generator import LLMGenerator

    try:
        return LLMGenerator.from_settings(settings.llm)
    except AssistantError as exc:
        log.error("LLM backend %r could not be loaded (%s); answering with the extractive composer",
                  settings.llm.backend, exc)
        return fallback


def build_guardrails(settings: Settings, embedder=None, city: CityProfile | None = None):
    """(input guard, output guard, AI notice) from the policy file and the German PII recognizers; `embedder` gives
    the policy model the messages' meaning (guardrails/policy_model.py); `city` (default: the configured one) fills
    in the texts and says which numbers, addresses, places and links are the city's."""
    from guardrails.classifier import PolicyClassifier
    from guardrails.input_guard import PolicyInputGuard
    from guardrails.output_guard import PolicyOutputGuard
    from guardrails.pii.redactor import PresidioRedactor
    from guardrails.policy import load_policy

    from assistant.llm.prompts import system_prompt
    from assistant.messages import rendered_texts
    from corpus.city import current_profile

    city = city or current_profile()
    policy = load_policy(settings.guardrails.policy_path, city=city)
    redactor = PresidioRedactor(city=city)
    redactor.load()
    from guardrails.pii.log_filter import install

    install(redactor)  # even a mistaken log line cannot carry personal data
    classifier = PolicyClassifier(policy, embedder=embedder).load()
    input_guard = PolicyInputGuard(redactor=redactor, classifier=classifier, policy=policy)
    if not settings.guardrails.enabled:
        log.warning("guardrails policy disabled by settings; personal data is still redacted and emergencies and "
                    "crises are still handed over")
        return SafetyOnlyInputGuard(input_guard), None, policy.disclosure_notice
    output_guard = PolicyOutputGuard(redactor=redactor, system_prompt=system_prompt(city), templates=rendered_texts(city),
                                     allowed_hosts=settings.guardrails.allowed_link_hosts, city=city)
    return input_guard, output_guard, policy.disclosure_notice


class SafetyOnlyInputGuard:
    """Input guard used when the policy is switched off: redaction still happens, and so do the emergency and crisis
    hand-overs (112/110, Telefonseelsorge): danger to a person's life is no setting ("Der Mensch steht im
    Mittelpunkt"). Refusals and referrals of the other rules do not apply."""

    ALWAYS = frozenset({"emergency", "crisis"})

    def __init__(self, guard) -> None:
        self.guard = guard
        self.redactor = guard.redactor

    def check(self, question):
        from corpus.types import Checked

        checked = self.guard.check(question)
        if checked.rule in self.ALWAYS:
            return checked
        return Checked(text=checked.text, redactions=checked.redactions)


def build_session_store(settings: Settings):
    """In-memory sessions for one process; the shared SQLite file when asked for or when several workers serve;
    Redis when several replicas serve (`BA_SESSION__BACKEND=redis`)."""
    s = settings.session
    if s.backend == "redis":
        from assistant.session_redis import RedisSessionStore

        r = settings.redis
        return RedisSessionStore.from_url(r.url, ttl_s=s.ttl_s, prefix=r.key_prefix, timeout_s=r.timeout_s)
    if s.backend == "sqlite" or settings.api.workers > 1:
        from assistant.session_sqlite import SqliteSessionStore

        return SqliteSessionStore(s.path, s.ttl_s, s.max_sessions)
    return InMemorySessionStore(s.ttl_s, s.max_sessions)


def build_audit_log(settings: Settings):
    """The audit log: a JSON-lines file (default), PostgreSQL behind a bounded buffer, or none (`audit_log` unset)."""
    g = settings.guardrails
    if g.audit_backend == "postgres":
        from assistant.postgres import PostgresDatabase
        from guardrails.audit import AuditLog
        from guardrails.audit_buffer import BufferedAuditSink
        from guardrails.audit_postgres import PostgresAuditWriter

        pg = settings.postgres
        db = PostgresDatabase(pg.url, min_size=1, max_size=1, timeout_s=pg.connect_timeout_s,
                              migrate=pg.migrate_on_start, name="ba-audit")  # one writer thread, one connection
        return AuditLog(BufferedAuditSink(PostgresAuditWriter(db), max_records=g.audit_buffer_max), salt=g.audit_salt)
    if g.audit_log:
        from guardrails.audit import AuditLog

        return AuditLog(g.audit_log, salt=g.audit_salt)
    return None


def build_composer(settings: Settings, retriever) -> ExtractiveComposer:
    """The extractive composer; with an embedder and scorer weights fitted for it, sentences are chosen by the
    fitted scorer, otherwise by the intent rules (with a log line saying why)."""
    documents = retriever.documents  # the documents the index was built from; no second read of the corpus
    embedder = getattr(retriever, "embedder", None)
    if not settings.answers.scorer or embedder is None:
        return ExtractiveComposer(documents)
    from assistant.answer_scorer import AnswerScorer
    from assistant.sentence_vectors import SentenceVectors

    scorer = AnswerScorer.load(settings.answers.scorer_weights)
    fitted_for = scorer.meta.get("embedder")
    if fitted_for and fitted_for != getattr(embedder, "model", None):
        log.warning("answer scorer weights were fitted for embedder %r, this one is %r; choosing sentences by the "
                    "intent rules (refit: python -m evals.fit_answer_scorer)", fitted_for, getattr(embedder, "model", None))
        return ExtractiveComposer(documents)
    return ExtractiveComposer(documents, scorer=scorer,
                              vectors=SentenceVectors(embedder, settings.retrieval.embedding_cache))


def build_topic_switch(settings: Settings, retriever):
    """The fitted topic-continuation decision, when the retriever has the embedder it was fitted with."""
    embedder = getattr(retriever, "embedder", None)
    if not settings.answers.topic_switch or embedder is None:
        return None
    from assistant.topic_switch import TopicSwitch

    model = TopicSwitch.load()
    fitted_for = model.meta.get("embedder")
    if fitted_for and fitted_for != getattr(embedder, "model", None):
        log.warning("topic switch weights were fitted for embedder %r, this one is %r; follow-ups are decided by "
                    "the word-list rules (refit: python -m evals.fit_topic_switch)", fitted_for,
                    getattr(embedder, "model", None))
        return None
    return model


def build_assistant(settings: Settings, *, rebuild_index: bool = False) -> Assistant:
    city = configure_city(settings)
    retriever = build_retriever(settings, rebuild=rebuild_index)
    documents = retriever.documents
    composer = build_composer(settings, retriever)
    generator = build_generator(settings, composer)
    input_guard, output_guard, notice = build_guardrails(settings, getattr(retriever, "embedder", None), city)
    audit = build_audit_log(settings)
    topic_switch = build_topic_switch(settings, retriever)
    log.info("assistant ready for %s: %d documents, retrieval=%s (embedder %s), answer backend=%s, sentences chosen by %s, "
             "follow-ups decided by %s", city.display_name, len(documents),
             "hybrid" if settings.retrieval.dense and settings.retrieval.lexical else
             ("dense" if settings.retrieval.dense else "bm25"), getattr(retriever.embedder, "model", None),
             generator.name, "the fitted scorer" if composer.scorer is not None else "the intent rules",
             "the fitted model" if topic_switch is not None else "the word-list rules")
    return Assistant(input_guard=input_guard, retriever=retriever, generator=generator, topic_switch=topic_switch,
                     fallback=composer, documents=documents, output_guard=output_guard,
                     sessions=build_session_store(settings),
                     audit=audit, notice=notice, top_k=settings.retrieval.top_k)
