"""The default answer backend: a grounded, extractive composer that needs no model.

It reads what the question asks (Kosten, Unterlagen, ...), takes the matching section of the best document and the
sentences or list items that fit the question best, and puts them together: the direct answer first, then the
list, then where to go. Every sentence is a sentence of the cited document, so the answer cannot say anything the
sources do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from assistant.direct_answer import yes_or_no
from assistant.intents import ANSWER_CUES, SECTION_OF, detect_intents, fold, is_yes_no
from assistant.messages import message
from assistant.scored_picks import question_view, select
from assistant.textunits import (Unit, age_fit, phrase_pattern, phrases, question_age, question_terms, segments,
                                 stream_tokens, term_set)
from corpus.chunking import split_sections
from corpus.schema import Document
from corpus.types import Draft, Passage

if TYPE_CHECKING:
    from assistant.answer_scorer import AnswerScorer
    from assistant.sentence_vectors import SentenceVectors

LIST_INTENTS = {"unterlagen", "ablauf", "voraussetzungen"}


@dataclass(frozen=True)
class Pick:
    text: str
    is_item: bool


@dataclass(frozen=True)
class Ask:
    """What the composer matches sentences against: the question's terms, word pairs, named age and intents."""

    terms: frozenset[str]
    phrases: frozenset[str]
    age: int | None
    intents: tuple[str, ...]
    yes_no: bool = False
    vector: Any = None  # the question's embedding, when the fitted scorer chooses the sentences
    question: str = ""

    @classmethod
    def of(cls, question: str, intents: Sequence[str]) -> "Ask":
        return cls(frozenset(question_terms(question)), frozenset(phrases(question)), question_age(question),
                   tuple(intents), is_yes_no(question))

    def without(self, drop: frozenset[str]) -> "Ask":
        return replace(self, terms=self.terms - drop)

    def match(self, text: str) -> int:
        """Shared words, plus each shared word pair ('ohne Termin') once more."""
        shared = self.terms & term_set(text)
        words = {t for t in shared if not t.endswith("*")}
        # 'reisepass' and its prefix 'reisep*' are one shared word; a prefix alone ('gebuehr*') counts once.
        prefixes = {t for t in shared if t.endswith("*") and not any(w.startswith(t[:-1]) for w in words)}
        folded = fold(text)
        return len(words) + len(prefixes) + sum(1 for ph in self.phrases if phrase_pattern(ph).search(folded))

    def score(self, text: str) -> int:
        """match, +1 when the sentence looks like an answer to an asked intent, +-2 for an age range that fits or not."""
        folded = fold(text)
        s = self.match(text) + sum(1 for i in self.intents if i in ANSWER_CUES and ANSWER_CUES[i].search(folded))
        if self.age is not None:
            fit = age_fit(text, self.age)
            s += 2 * fit if fit else 0
        return s


class ExtractiveComposer:
    """Generator that composes plain-German answers from document sections, each statement cited [n]."""

    name = "extractive"

    def __init__(self, documents: Mapping[str, Document], *, max_items: int = 8, max_sentences: int = 4,
                 ambiguity_ratio: float = 0.97, ambiguity_confidence: float = 0.6, overview_sentences: int = 4,
                 scorer: "AnswerScorer | None" = None, vectors: "SentenceVectors | None" = None,
                 scored_lead: int = 1) -> None:
        """With `scorer` and `vectors` the sentences are chosen by the fitted answer scorer (assistant/scored_picks.py);
        without them by the intent rules below (kept for setups without an embedder)."""
        self.documents = documents
        self.scorer, self.vectors = (scorer, vectors) if scorer is not None and vectors is not None else (None, None)
        self.scored_lead = scored_lead
        self.overview_sentences = overview_sentences
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
        ask = Ask.of(question, intents)
        if self.scorer is not None:
            ask = replace(ask, vector=self.vectors.question(question), question=question)
        if self._ambiguous(passages):
            text = self._compose_alternatives(passages[:2], ask)
            return Draft(text=text, sources=list(passages[:2]), mode="extractive", backend=self.name,
                         meta={"intents": intents, "ambiguous": True, "answered": True})
        text, answered = self._compose_one(passages[0], ask, n=1)
        return Draft(text=text, sources=[passages[0]], mode="extractive", backend=self.name,
                     meta={"intents": intents, "ambiguous": False, "answered": answered})

    def warm_up(self, progress: bool | None = False) -> int:
        """Embed the sentences of every document now (from the embedding cache where it has them), so no citizen
        waits for it; returns how many sentences there are."""
        if self.scorer is None:
            return 0
        from assistant.scored_picks import doc_candidates

        texts = list(dict.fromkeys(c.shown for d in self.documents.values() for c in doc_candidates(d.body)))
        self.vectors.passages(texts, progress=progress)
        return len(texts)

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

    def _compose_alternatives(self, passages: Sequence[Passage], ask: Ask) -> str:
        parts = [message("answered.ambiguous_intro")]
        for n, p in enumerate(passages, start=1):
            doc = self.documents[p.doc_id]
            picks = self._picks(doc, p, ask, limit_items=3, limit_sentences=1)
            body = " ".join(_cite(x.text, n) for x in picks[:2]) or _cite(doc.summary, n)
            parts.append(f"- **{doc.title}**: {body}")
        parts.append(message("answered.ambiguous_question"))
        return "\n".join(parts)

    def _compose_one(self, passage: Passage, ask: Ask, n: int) -> tuple[str, bool]:
        doc = self.documents[passage.doc_id]
        picks = self._picks(doc, passage, ask, self.max_items, self.max_sentences)
        answered = bool(picks)
        lines: list[str] = []
        if not picks:
            lines.append(message("answered.section_missing", title=doc.title))
            picks = self._picks(doc, passage, replace(ask, intents=(), yes_no=False), 3, 2)
        # Document order: a paragraph for each run of sentences, a bullet for each list item.
        if picks and picks[0].is_item and not lines:
            lines.append(f"{doc.title}:")
        paragraph: list[str] = []
        if picks and not picks[0].is_item and not lines and ask.question and self.scorer is not None:
            verdict = yes_or_no(ask.question, picks[0].text)
            if verdict:
                paragraph.append(f"{verdict}.")  # a reading of the sentence quoted right after it
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
        where = self._where(doc, list(ask.intents), n, said=" ".join(p.text for p in picks))
        if where:
            lines.append(where)
        return "\n".join(lines), answered

    def _picks(self, doc: Document, passage: Passage, ask: Ask, limit_items: int, limit_sentences: int) -> list[Pick]:
        rule_picks = self._rule_picks(doc, passage, ask, limit_items, limit_sentences)
        if self.scorer is None or ask.vector is None:
            return rule_picks
        # The intent rules' choice is one feature of the fitted scorer among meaning, words, question type, place.
        view = question_view(ask.vector, ask.terms - term_set(doc.title), ask.intents, ask.yes_no, ask.age,
                             frozenset(p.text for p in rule_picks))
        lead = select(doc.body, view, self.scorer, self.vectors, passage.text or "",
                      limit_sentences=self.scored_lead, limit_items=limit_items)
        # The scorer's best units lead (the direct answer); the intent rules' choice follows, each unit once.
        shown = {text for text, _ in lead}
        return [Pick(text, is_item) for text, is_item in lead] + [p for p in rule_picks if p.text not in shown]

    def _rule_picks(self, doc: Document, passage: Passage, ask: Ask, limit_items: int,
                    limit_sentences: int) -> list[Pick]:
        """The intent rules' choice: the sections the asked intents name, the sentences sharing most words."""
        sections = dict(_sections(doc.body))
        intents = list(ask.intents)
        wanted = [SECTION_OF[i] for i in intents if SECTION_OF[i] in sections]
        wanted = list(dict.fromkeys(wanted))[:2]
        conditions = False
        if not intents and ask.yes_no and "Voraussetzungen" in sections:
            # "Kann ich ...?" without a named topic asks whether something is allowed: the conditions answer it.
            wanted, conditions = ["Voraussetzungen"], True
        elif not intents:
            best = passage.section if passage.section in sections else "Überblick"
            wanted = [best] if best == "Überblick" else ["Überblick", best]
        picks: list[Pick] = []
        topical = ask.without(term_set(doc.title))  # every sentence of the document shares its title's words
        if intents and not any(SECTION_OF[i] for i in intents):
            # An intent without a section of its own ("Welches Dokument erhalte ich?"): its answer sentence leads,
            # wherever it stands; the overview only when the document has no such sentence.
            lead = _dedupe(self._answer_elsewhere(sections, topical, [], set()))
            taken = {p.text for p in lead}
            lead += self._specific(sections, topical, taken, limit=2)
            if lead:
                return _dedupe(lead)
            wanted = ["Überblick"]
        for name in wanted:
            listy = conditions or any(i in LIST_INTENTS and SECTION_OF[i] == name for i in intents)
            picks.extend(self._select(sections.get(name, []), topical, limit_items, limit_sentences, keep_all_items=listy,
                                      lead=(name == "Überblick" and not intents)))
        picks = _dedupe(picks)
        taken = {p.text for p in picks}
        # An intent whose own section says nothing that looks like its answer ("Öffnungszeiten" asked, but the times
        # stand under "Hinweise"): take the best such sentence of the whole document.
        extra = self._answer_elsewhere(sections, topical, [p.text for p in picks], taken)
        taken |= {p.text for p in extra}
        # The question may name something specific ("Porto", "Kopie", "Firmenwagen") that another section
        # answers: add the sentences of the whole document that share most of the question's own words.
        extra += self._specific(sections, topical, taken, limit=2)
        return picks + _dedupe(extra)

    def _answer_elsewhere(self, sections: dict[str, list[Unit]], ask: Ask, picked: list[str],
                          taken: set[str]) -> list[Pick]:
        out = []
        for intent in ask.intents:
            cue = ANSWER_CUES.get(intent)
            if cue is None or any(cue.search(fold(t)) for t in picked):
                continue
            found = [(ask.match(_shown(u)), -s_idx, -u_idx, us) for s_idx, us in enumerate(sections.values())
                     for u_idx, u in enumerate(us) if cue.search(fold(u.text)) and _shown(u) not in taken]
            if not found:
                continue
            _, _, neg_idx, us = max(found, key=lambda f: f[:3])
            best = us[-neg_idx]
            out.append(Pick(_shown(best), False))
            # The answer often goes on in the next sentence ("Sie kommen ohne Termin vorbei. Zeiten: 8:30 bis 12 Uhr."):
            # take that one too when it also looks like the answer.
            after = us[-neg_idx + 1] if -neg_idx + 1 < len(us) else None
            if (after is not None and not best.is_item and not after.is_item and cue.search(fold(after.text))
                    and after.text not in taken):
                out.append(Pick(after.text, False))
        return out

    def _specific(self, sections: dict[str, list[Unit]], ask: Ask, taken: set[str], limit: int) -> list[Pick]:
        if not ask.terms and not ask.phrases:
            return []
        scored = []
        for s_idx, us in enumerate(sections.values()):
            for u_idx, u in enumerate(us):
                text = _shown(u)
                if text in taken or u.text in taken or text.endswith(":"):
                    continue
                overlap = ask.match(text)
                if overlap >= 1:
                    scored.append((ask.score(text), -s_idx, -u_idx, text, u))
        scored.sort(key=lambda s: s[:4], reverse=True)
        best = scored[0][0] if scored else 0
        chosen = [s[4] for s in scored[:limit] if s[0] >= max(1, best - 1)]
        # Two items of one list: their intro once, then the items ("Der KOD hilft bei:" - A - B), not twice.
        leads = [u.lead for u in chosen if u.is_item and u.lead]
        shared = {lead for lead in leads if leads.count(lead) > 1}
        out: list[Pick] = []
        for u in chosen:
            if u.is_item and u.lead in shared:
                if Pick(u.lead, False) not in out:
                    out.append(Pick(u.lead, False))
                out.append(Pick(u.text, True))
            else:
                out.append(Pick(_shown(u), False))
        return out

    def _select(self, us: list[Unit], ask: Ask, limit_items: int, limit_sentences: int, *,
                keep_all_items: bool, lead: bool) -> list[Pick]:
        if not us:
            return []
        if keep_all_items and any(u.is_item for u in us):
            items = [idx for idx, u in enumerate(us) if u.is_item][:limit_items]
            intro = [idx for idx, u in enumerate(us) if not u.is_item and idx < items[0]][-1:]
            chosen = intro + items
        else:
            scored = [(ask.score(u.text), -idx, idx) for idx, u in enumerate(us)]
            if lead:
                limit_sentences = max(limit_sentences, self.overview_sentences)
            top = sorted(scored, reverse=True)[:limit_sentences]
            if lead and all(s[0] <= 0 for s in top):
                top = scored[:limit_sentences]  # an overview reads best from its start
            chosen = [s[2] for s in top if s[0] > -1 or lead]
            # A sentence that goes on from a chosen one ("... online abmelden. Dafür brauchen Sie die Codes.") belongs
            # to it: alone, the chosen sentence tells half of the answer.
            chosen += [i + 1 for i in chosen if i + 1 < len(us) and not us[i].is_item and not us[i + 1].is_item
                       and _CONTINUES.match(us[i + 1].text)]
            # A list item shown without what it answers is a fragment: bring its intro along.
            by_text = {u.text: idx for idx, u in enumerate(us)}
            chosen += [by_text[us[i].lead] for i in chosen if us[i].is_item and us[i].lead in by_text]
        chosen = sorted(set(chosen))
        return [Pick(us[idx].text, us[idx].is_item) for idx in chosen]

    def _where(self, doc: Document, intents: list[str], n: int, said: str = "") -> str:
        """'Wenden Sie sich an: <office>.' after the answer, unless the answer already says who is responsible."""
        if doc.kind != "service" or "zustaendig" in intents or "oeffnungszeiten" in intents:
            return ""
        office = _short_office(doc)
        if not office or _names_office(said, office):
            return ""
        return _cite(message("answered.contact", responsible=office), n)


#: Words that open a sentence continuing the one before it: it refers back ("Dafür", "Dazu", "Dabei") or narrows it.
_CONTINUES = re.compile(r"(?:Dafür|Dazu|Dabei|Damit|Davon|Darin|Darauf|Dort|Daher|Deshalb|Allerdings|Aber|Außer|"
                        r"Ausgenommen)\b")


@lru_cache(maxsize=512)
def _sections(body: str) -> tuple[tuple[str, tuple[Unit, ...]], ...]:
    """(section name, units) of a document body; split once per document, not for every question."""
    return tuple((name, tuple(segments(text))) for name, text in split_sections(body))


def _cite(text: str, n: int) -> str:
    text = text.strip()
    if not text:
        return text
    m = re.search(r"[.!?:;,]$", text)
    if m and m.group(0) in ".!?:":
        return f"{text[:-1]} [{n}]{text[-1]}"  # an intro keeps its colon: "Bringen Sie mit [1]:"
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


def _shown(u: Unit) -> str:
    """A unit as it reads alone: a list item joined to its intro ("Ummelden müssen Sie, wenn Sie ... verlegen")."""
    if not u.is_item or not u.lead:
        return u.text
    return f"{u.lead.rstrip()} {u.text.strip().rstrip(',;')}"


def _names_office(text: str, office: str) -> bool:
    """The text already says where to go: it says 'zuständig' or names the office's most specific part."""
    if re.search(r"\bzuständig\b", text, re.I):
        return True
    specific = office.split(",")[-1].strip()
    return len(specific) > 3 and specific.lower() in text.lower()


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
