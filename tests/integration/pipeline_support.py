"""The answer pipeline around a real LLM generator, on the tiny test corpus, for the LLM integration tests."""

from __future__ import annotations

from pathlib import Path

from assistant.extractive import ExtractiveComposer
from assistant.pipeline import Assistant, PassThroughInputGuard
from assistant.sessions import InMemorySessionStore
from corpus.chunking import chunk_document
from corpus.loader import load_corpus
from corpus.types import Passage
from tests.fakes import StaticRetriever

DOCS = load_corpus(Path(__file__).resolve().parent.parent / "data" / "corpus").by_id()
QUESTION = "Was kostet ein Personalausweis?"


def passages(doc_id: str = "personalausweis-beantragen", section: str = "Kosten") -> list[Passage]:
    """The chunk of `section` of a test document as a retrieved passage."""
    chunk = next(c for c in chunk_document(DOCS[doc_id]) if c.section == section)
    return [Passage(doc_id=chunk.doc_id, title=chunk.title, section=chunk.section, snippet=chunk.text[:200],
                    score=1.0, url=chunk.url, confidence=0.9, chunk_id=chunk.chunk_id, text=chunk.text)]


def assistant_with(generator) -> Assistant:
    composer = ExtractiveComposer(DOCS)
    return Assistant(input_guard=PassThroughInputGuard(), retriever=StaticRetriever(passages()),
                     generator=generator, fallback=composer, documents=DOCS,
                     sessions=InMemorySessionStore(ttl_s=60))
