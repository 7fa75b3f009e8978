"""From documents to index contents: chunks (plus one profile chunk per document) and the texts each index sees.

The profile chunk carries title, summary, keywords and strategy field: it is the boosted keyword field through which
a query word that matches a document's `keywords` ("Sperrmüll Sofa", "Anwohnerparken") pulls that document up.
Body chunks carry title and section in front of their text, so BM25 and the embedder see what the chunk is about.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corpus.chunking import chunk_corpus
from corpus.schema import Document
from corpus.types import Chunk

PROFILE_SECTION = "Zusammenfassung"
PROFILE_SUFFIX = "#profile"


def profile_chunk(doc: Document) -> Chunk:
    return Chunk(doc_id=doc.id, chunk_id=doc.id + PROFILE_SUFFIX, title=doc.title, section=PROFILE_SECTION,
                 text=doc.summary, kind=doc.kind, url=doc.url, keywords=tuple(doc.keywords))


def is_profile(chunk: Chunk) -> bool:
    return chunk.chunk_id.endswith(PROFILE_SUFFIX)


def index_chunks(docs: list[Document], max_chars: int) -> list[Chunk]:
    """Every document's profile chunk followed by its body chunks."""
    by_doc: dict[str, list[Chunk]] = {}
    for c in chunk_corpus(docs, max_chars):
        by_doc.setdefault(c.doc_id, []).append(c)
    return [c for d in docs for c in (profile_chunk(d), *by_doc.get(d.id, []))]


def lexical_text(chunk: Chunk, doc: Document | None = None) -> str:
    if is_profile(chunk):
        extra = " ".join(x for x in ((doc.handlungsfeld or "", doc.teilthema or "") if doc else ()) if x)
        # Title and keywords twice: the keyword field is boosted over body text.
        keywords = " ; ".join(chunk.keywords)
        return f"{chunk.title} {chunk.title} {keywords} {keywords} {extra} {chunk.text}"
    return f"{chunk.title} {chunk.section} {chunk.text}"


def dense_text(chunk: Chunk) -> str:
    if is_profile(chunk):
        return f"{chunk.title}. {chunk.text} {', '.join(chunk.keywords)}"
    return f"{chunk.title} – {chunk.section}: {chunk.text}"


@dataclass
class IndexContents:
    """What gets indexed and persisted: documents, chunks, analysed token lists and (optionally) vectors."""

    documents: list[Document]
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: np.ndarray | None
