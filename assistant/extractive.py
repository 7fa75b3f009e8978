"""The default answer backend: a grounded, extractive composer that needs no model.

It reads what the question asks (Kosten, Unterlagen, ...), takes the matching section of the best document and the
sentences or list items that fit the question best, and puts them together: the direct answer first, then the
list, then where to go. Every sentence is a sentence of the cited document, so the answer cannot say anything the
sources do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

from assistant.intents import SECTION_OF, detect_intents
from assistant.messages import message
from assistant.textunits import stream_tokens, terms, units
from corpus.chunking import split_sections
from corpus.schema import Document
from corpus.types import Draft, Passage

LIST_INTENTS = {"unterlagen", "ablauf", "voraussetzungen"}


@dataclass(frozen=True)
class Pick:
    text: str
    is_item: bool


class ExtractiveComposer:
    """Generator that composes plain-German answers from document sections, each statement cited [n]."""

    name = "extractive"

    def __init__(self, documents: Mapping[str, Document], *, max_items: int = 8, max_sentences: int = 3,
                 ambiguity_ratio: float = 0.97, ambiguity_confidence: float = 0.6) -> None:
        self.documents = documents
        self.max_items = max_items
        self.max_sentences = max_sentences
        self.ambiguity_ratio = ambiguity_ratio
        self.ambiguity_confidence = ambiguity_confidence

    # -- Generator protocol -------------------------------------------------------------------------------
    def generate(self, question: str, passages: Sequence[Passage]) -> Draft:
        passages = [p for p in passages if p.doc_id in self.documents]
        if not passages:
            return Draft(text=message("no_information"), sources=[], mode="extractive", backend=self.name,
                         meta={"intents": [], "answered": False})
        intents = detect_intents(question)
        q_terms = terms(question)
        if self._ambiguous(passages):
            text = self._compose_alternatives(passages[:2], intents, q_terms)
            return Draft(text=text, sources=list(passages[:2]), mode="extractive", backend=self.name,
                         meta={"intents": intents, "ambiguous": True, "answered": True})
        text, answered = self._compose_one(passages[0], intents, q_terms, n=1)
        return Draft(text=text, sources=[passages[0]], mode="extractive", backend=self.name,
                     meta={"intents": intents, "ambiguous": False, "answered": answered})

    def stream(self, question: str, passages: Sequence[Passage]) -> Iterator[str]:
        draft = self.generate(question, passages)
        yield from stream_tokens(draft.text)

    # -- composition --------------------------------------------------------------------------------------
    def _ambiguous(self, passages: Sequence[Passage]) -> bool:
        """Two services fit about equally and retrieval itself is unsure which one is meant.

        Fused (RRF) scores of neighbours are always close, so closeness alone is no signal; only when the calibrated
        confidence of the top document is also low is the citizen asked which one is meant.
        """
        if len(passages) < 2:
            return False
        a, b = passages[0], passages[1]
        if a.kind != "service" or b.kind != "service" or a.score <= 0:
            return False
        return a.confidence < self.ambiguity_confidence and b.score / a.score >= self.ambiguity_ratio

    def _compose_alternatives(self, passages: Sequence[Passage], intents: list[str], q_terms: set[str]) -> str:
        parts = [message("answered.ambiguous_intro")]
        for n, p in enumerate(passages, start=1):
            doc = self.documents[p.doc_id]
            picks = self._picks(doc, p, intents, q_terms, limit_items=3, limit_sentences=1)
            body = " ".join(_cite(x.text, n) for x in picks[:2]) or _cite(doc.summary, n)
            parts.append(f"- **{doc.title}**: {body}")
        parts.append(message("answered.ambiguous_question"))
        return "\n".join(parts)

    def _compose_one(self, passage: Passage, intents: list[str], q_terms: set[str], n: int) -> tuple[str, bool]:
        doc = self.documents[passage.doc_id]
        picks = self._picks(doc, passage, intents, q_terms, self.max_items, self.max_sentences)
        answered = bool(picks)
        lines: list[str] = []
        if not picks:
            lines.append(message("answered.section_missing", title=doc.title))
            picks = self._picks(doc, passage, [], q_terms, 3, 2)
        # Document order: a paragraph for each run of sentences, a bullet for each list item.
        if picks and picks[0].is_item and not lines:
            lines.append(f"{doc.title}:")
        paragraph: list[str] = []
        for p in picks:
            if p.is_item:
                if paragraph:
                    lines.append(" ".join(paragraph))
                    paragraph = []
                lines.append(f"- {_cite(_tidy_item(p.text), n)}")
            else:
                paragraph.append(_cite(p.text, n))
        if paragraph:
            lines.append(" ".join(paragraph))
        where = self._where(doc, intents, n)
        if where:
            lines.append(where)
        return "\n".join(lines), answered

    def _picks(self, doc: Document, passage: Passage, intents: list[str], q_terms: set[str],
               limit_items: int, limit_sentences: int) -> list[Pick]:
        sections = dict(split_sections(doc.body))
        wanted = [SECTION_OF[i] for i in intents if SECTION_OF[i] in sections]
        wanted = list(dict.fromkeys(wanted))[:2]
        if not intents:
            best = passage.section if passage.section in sections else "Überblick"
            wanted = [best] if best == "Überblick" else ["Überblick", best]
        picks: list[Pick] = []
        for name in wanted:
            listy = any(i in LIST_INTENTS and SECTION_OF[i] == name for i in intents)
            picks.extend(self._select(sections[name], q_terms, limit_items, limit_sentences, keep_all_items=listy,
                                      lead=(name == "Überblick" and not intents)))
        picks = _dedupe(picks)
        # The question may name something specific ("Porto", "Kopie", "Firmenwagen") that another section
        # answers: add the sentences of the whole document that share most of the question's own words.
        extra = self._specific(sections, q_terms - terms(doc.title), {p.text for p in picks},
                               limit=2)
        return picks + extra

    def _specific(self, sections: dict[str, str], q_terms: set[str], taken: set[str], limit: int) -> list[Pick]:
        if not q_terms:
            return []
        scored = []
        for s_idx, text in enumerate(sections.values()):
            for u_idx, (u, is_item) in enumerate(units(text)):
                if u in taken or u.endswith(":"):
                    continue
                overlap = len(q_terms & terms(u))
                if overlap >= 1:
                    scored.append((overlap, -s_idx, -u_idx, u, is_item))
        scored.sort(reverse=True)
        best = scored[0][0] if scored else 0
        return [Pick(u, False) for overlap, *_, u, is_item in scored[:limit] if overlap >= max(1, best - 1)]

    def _select(self, text: str, q_terms: set[str], limit_items: int, limit_sentences: int, *,
                keep_all_items: bool, lead: bool) -> list[Pick]:
        us = units(text)
        if not us:
            return []
        scored = []
        for idx, (u, is_item) in enumerate(us):
            overlap = len(q_terms & terms(u))
            scored.append((overlap, -idx, idx, u, is_item))
        if keep_all_items and any(is_item for _, is_item in us):
            items = [(idx, u) for idx, (u, is_item) in enumerate(us) if is_item][:limit_items]
            intro = [(idx, u) for idx, (u, is_item) in enumerate(us) if not is_item and idx < items[0][0]][-1:]
            chosen = intro + items
        else:
            top = sorted(scored, reverse=True)[:limit_sentences]
            if lead and all(s[0] == 0 for s in top):
                top = scored[:limit_sentences]  # an overview reads best from its start
            chosen = [(s[2], s[3]) for s in top]
        chosen.sort()
        return [Pick(u, us[idx][1]) for idx, u in chosen]

    def _where(self, doc: Document, intents: list[str], n: int) -> str:
        if doc.kind != "service" or "zustaendig" in intents or "oeffnungszeiten" in intents:
            return ""
        office = _short_office(doc)
        if not office:
            return ""
        return _cite(message("answered.contact", responsible=office), n)


def _cite(text: str, n: int) -> str:
    text = text.strip()
    if not text:
        return text
    m = re.search(r"[.!?:;,]$", text)
    if m and m.group(0) in ".!?":
        return f"{text[:-1]} [{n}]{text[-1]}"
    if m:
        return f"{text[:-1]} [{n}]."
    return f"{text} [{n}]."


def _short_office(doc: Document) -> str:
    """The office in few words: the shorter of contact office and `responsible`, without bracketed asides."""
    names = [n for n in ((doc.contact.office if doc.contact else None), doc.responsible) if n]
    if not names:
        return ""
    name = min(names, key=len).rstrip(".")
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _tidy_item(text: str) -> str:
    t = text.strip().rstrip(",;")
    return t[:1].upper() + t[1:]


def _dedupe(picks: list[Pick]) -> list[Pick]:
    seen: set[str] = set()
    out = []
    for p in picks:
        if p.text not in seen:
            seen.add(p.text)
            out.append(p)
    return out
