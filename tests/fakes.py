"""Shared fakes that implement the real protocols, for tests that should not load models.

Only ADD to this module: other test modules import these names.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import replace
from typing import Any, Iterator, Sequence

import numpy as np
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from corpus.types import Chunk, Passage, Retrieval


class HashEmbedder:
    """Embedder protocol without a model: each distinct text maps to a seeded random unit vector.

    Same text -> same vector (seed = sha256 of the text), different texts -> near-orthogonal vectors, so a query
    equal to a chunk text finds exactly that chunk. `calls` records every batch for assertions.
    """

    def __init__(self, dimension: int = 32, name: str = "fake-hash") -> None:
        self.dimension = dimension
        self.name = name
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        self.calls.append(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
            out[i] = vec / np.linalg.norm(vec)
        return out


class StaticRetriever:
    """Retriever protocol returning fixed passages (at most top_k), whatever the query; records `calls`.

    `chunks` maps doc ids to their chunks for `chunks_for`; `confidence` is reported on every Retrieval.
    """

    def __init__(self, passages: Sequence[Passage] = (), confidence: float = 0.9, min_confidence: float = 0.35,
                 chunks: dict[str, list[Chunk]] | None = None) -> None:
        self.passages = list(passages)
        self.confidence = confidence
        self.min_confidence = min_confidence
        self.chunks = chunks or {}
        self.calls: list[tuple[str, int, dict[str, Any] | None]] = []

    def retrieve(self, query: str, top_k: int = 5, filters: dict[str, Any] | None = None) -> Retrieval:
        self.calls.append((query, top_k, filters))
        passages = [replace(p, confidence=self.confidence) for p in self.passages[:top_k]]
        return Retrieval(query=query, passages=passages, confident=bool(passages) and
                         self.confidence >= self.min_confidence, confidence=self.confidence if passages else 0.0)

    def chunks_for(self, doc_id: str) -> list[Chunk]:
        return list(self.chunks.get(doc_id, []))


class FakeChatModel(BaseChatModel):
    """A langchain chat model with queued replies; `history` records the message lists it actually received.

    A queued exception is raised instead of a reply (to test fallbacks). Streaming yields the reply in
    whitespace-preserving pieces, so the joined stream equals the reply.
    """

    replies: list[Any] = Field(default_factory=list)
    history: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake-queued"

    def _next_reply(self, messages: list[BaseMessage]) -> str:
        self.history.append(list(messages))
        if not self.replies:
            raise IndexError("FakeChatModel has no queued reply left; queue one per expected call")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._next_reply(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        for piece in re.findall(r"\S+\s*|\s+", self._next_reply(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


class StallingChatModel(BaseChatModel):
    """A chat model that stalls: it holds every answer until `release` is set (`hold=True`, a hanging model), and
    writes `reply` one piece every `delay_s` seconds (a slow one). `started` and `ended` count calls begun and
    finished (closed early included), so a test can see that an abandoned call really stopped.
    """

    reply: str = "Der Personalausweis kostet 46,00 Euro [1]."
    delay_s: float = 0.0
    hold: bool = True
    release: Any = Field(default_factory=threading.Event)
    started: int = 0
    ended: int = 0

    @property
    def _llm_type(self) -> str:
        return "fake-stalling"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        self.started += 1
        try:
            if self.hold:
                self.release.wait()
            for piece in re.findall(r"\S+\s*|\s+", self.reply):
                if self.delay_s:
                    time.sleep(self.delay_s)
                yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        finally:
            self.ended += 1


# -- API and browser tests: a real Assistant over tests/data/corpus without any index or model -----------------

TEST_CORPUS = __import__("pathlib").Path(__file__).resolve().parent / "data" / "corpus"


class KeywordRetriever:
    """Retriever protocol without an index: a document matches when the query names its title or a keyword.

    Its passage is the section sharing most words with the query (so snippets and sections are real); filters
    `kind` and `id_prefix` behave as the real retriever's. `queries` records every query.
    """

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.queries: list[str] = []

    def retrieve(self, query: str, top_k: int = 5, filters: dict[str, Any] | None = None) -> Retrieval:
        from corpus.chunking import split_sections

        self.queries.append(query)
        q = query.lower()
        stems = {w[:5] for w in re.findall(r"\w{4,}", q)}  # crude German stemming: "kosten" finds "kostet"
        filters = filters or {}
        hits = []
        for doc in self.documents.values():
            if filters.get("kind") and doc.kind != filters["kind"]:
                continue
            if filters.get("id_prefix") and not doc.id.startswith(filters["id_prefix"]):
                continue
            score = sum(1 for k in [*doc.keywords, doc.title] if k.lower() in q)
            if score:
                sections = split_sections(doc.body)
                name, text = max(sections, key=lambda s: sum(st in f"{s[0]} {s[1]}".lower() for st in stems))
                hits.append((score, doc, name, text))
        hits.sort(key=lambda h: -h[0])
        passages = [Passage(doc_id=d.id, title=d.title, section=name, snippet=text[:200], score=float(score),
                            kind=d.kind, url=d.url, confidence=0.9, chunk_id=f"{d.id}#{name}", text=text)
                    for score, d, name, text in hits[:top_k]]
        return Retrieval(query=query, passages=passages, confident=bool(passages),
                         confidence=0.9 if passages else 0.05)


class RegexRedactor:
    """Redactor protocol for tests: e-mail addresses and phone-like digit runs become typed placeholders."""

    PATTERNS = (("EMAIL_ADDRESS", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
                ("PHONE_NUMBER", re.compile(r"\+?\d[\d /-]{6,}\d")))

    def redact(self, text: str) -> tuple[str, list[Any]]:
        from corpus.types import Redaction

        found = []
        for kind, pattern in self.PATTERNS:
            for m in pattern.finditer(text):
                found.append(Redaction(type=kind, start=m.start(), end=m.end(), placeholder=f"<{kind}>"))
        for r in sorted(found, key=lambda r: -r.start):
            text = text[:r.start] + r.placeholder + text[r.end:]
        return text, sorted(found, key=lambda r: r.start)


class RedactingInputGuard:
    """InputGuard protocol that only redacts (no policy); exposes `.redactor` like the real guard."""

    def __init__(self, redactor: Any | None = None) -> None:
        self.redactor = redactor or RegexRedactor()

    def check(self, question: Any) -> Any:
        from corpus.types import Checked

        text, redactions = self.redactor.redact(question.text)
        return Checked(text=text, redactions=redactions)


def make_test_assistant(input_guard: Any | None = None, generator: Any | None = None) -> Any:
    """A real Assistant (extractive composer, sessions, checks) over tests/data/corpus with the keyword retriever."""
    from assistant.extractive import ExtractiveComposer
    from assistant.pipeline import Assistant
    from assistant.sessions import InMemorySessionStore
    from corpus.loader import load_corpus

    docs = load_corpus(TEST_CORPUS).by_id()
    composer = ExtractiveComposer(docs)
    return Assistant(input_guard=input_guard or RedactingInputGuard(), retriever=KeywordRetriever(docs),
                     generator=generator or composer, fallback=composer, documents=docs,
                     sessions=InMemorySessionStore(ttl_s=600),
                     notice="Hinweis: Sie chatten mit einem KI-Assistenten der Stadt Krefeld.")


# -- eval reports: a results dict shaped like `buergerassistent eval` writes, for report and browser tests ---------

def sample_eval_report(recall5: float = 0.97, fallback: float = 0.0, p50: float = 40.0) -> dict[str, Any]:
    """Every suite with a chart: retrieval methods and styles, readability, PII per type, policy, latency."""
    method = {"n": 4, "recall@1": 0.9, "recall@5": recall5, "recall@10": 1.0, "mrr": 0.93, "ndcg@10": 0.95}
    return {
        "meta": {"timestamp": "2026-01-01T00:00:00+00:00", "target": "in-process", "suites": ["retrieval"],
                 "duration_s": 1.0, "datasets": {"retrieval": "evals/data/retrieval_dev.jsonl"}},
        "config": {"backend": "extractive", "corpus_hash": "abc123", "versions": {"faiss-cpu": "1.8"}},
        "results": {
            "retrieval": {"n": 4, "configured_method": "hybrid",
                          "configured": {**method, "per_style": {"typo": {**method, "n": 2}},
                                         "misses": [{"query": "perso", "expected": ["a"], "got": ["b"]}]},
                          "dense": {**method, "recall@5": 0.8}},
            "answers": {"n": 3, "fact_coverage": 0.9, "fallback_rate": fallback, "unsupported_sentences": 0,
                        "readability": {"lix": [40.0, 45.5, 38.2], "wstf": [8.0, 9.1, 7.5],
                                        "flesch_amstad": [55.0, 60.1, 48.0]}},
            "pii": {"overall": {"precision": 0.99, "recall": 0.98, "f2": 0.98},
                    "per_type": {"IBAN": {"precision": 1.0, "recall": 1.0, "f2": 1.0},
                                 "PERSON": {"precision": 0.95, "recall": 0.92, "f2": 0.93}},
                    "pipeline": {"leaks_n": 0}, "leaks": []},
            "policy": {"accuracy": 0.95, "benign_refusal_rate": 0.02,
                       "confusion": {"(none)": {"(none)": 9, "emergency": 1}, "emergency": {"emergency": 5}}},
            "latency": {"turns": 3, "stages": {"retrieval_ms": {"n": 3, "p50_ms": p50, "p95_ms": 60.0},
                                               "latency_ms": {"n": 3, "p50_ms": 50.0, "p95_ms": 80.0}}},
        },
        "errors": {},
    }
