"""Section-aware chunking: a chunk never straddles two `##` sections; title and section travel with it."""

from __future__ import annotations

import re

from corpus.schema import Document
from corpus.types import Chunk

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def split_sections(body: str) -> list[tuple[str, str]]:
    """Split a Markdown body into (section name, text) at `##` headings. Text before the first `##` is 'Überblick'.

    Deeper headings (`###`) stay inside their section; the `#` title line is dropped (the title travels anyway).
    """
    sections: list[tuple[str, list[str]]] = [("Überblick", [])]
    for line in body.splitlines():
        m = _HEADING.match(line)
        if m and len(m.group(1)) == 2:
            sections.append((m.group(2).strip(), []))
        elif m and len(m.group(1)) == 1:
            continue
        else:
            sections[-1][1].append(line)
    out = []
    for name, lines in sections:
        text = "\n".join(lines).strip()
        if text:
            out.append((name, text))
    return out


def _split_long(text: str, max_chars: int) -> list[str]:
    """Split at paragraph, then sentence boundaries so each piece stays under max_chars where possible."""
    if len(text) <= max_chars:
        return [text]
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    pieces: list[str] = []
    for para in paras:
        if len(para) <= max_chars:
            pieces.append(para)
            continue
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9-])|\n(?=\s*(?:[-*]|\d+\.)\s)", para)
        pieces.extend(s.strip() for s in sentences if s and s.strip())
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) + 2 > max_chars:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}\n\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def chunk_document(doc: Document, max_chars: int = 900) -> list[Chunk]:
    """Chunks of one document; section text longer than max_chars is split inside the section only."""
    chunks: list[Chunk] = []
    for s_idx, (section, text) in enumerate(split_sections(doc.body)):
        for p_idx, piece in enumerate(_split_long(text, max_chars)):
            chunks.append(Chunk(
                doc_id=doc.id, chunk_id=f"{doc.id}#{s_idx}.{p_idx}", title=doc.title, section=section,
                text=piece, kind=doc.kind, url=doc.url, keywords=tuple(doc.keywords),
            ))
    return chunks


def chunk_corpus(docs: list[Document], max_chars: int = 900) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, max_chars)]
