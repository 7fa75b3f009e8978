"""Value types shared by every stage: questions, documents, chunks, passages, drafts, verdicts and answers.

This module imports nothing else of the project, so retrieval, guardrails, the assistant, the API and the evals
can all speak in the same types without import cycles.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Outcome(str, enum.Enum):
    """What the input guard decided; PASS lets the question through to retrieval."""

    PASS = "pass"
    REFUSE = "refuse"
    REFERRAL = "referral"
    HANDOFF = "handoff"


@dataclass(frozen=True)
class Chunk:
    """A piece of one document that never straddles two `##` sections."""

    doc_id: str
    chunk_id: str
    title: str
    section: str
    text: str
    kind: str
    url: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A retrieved document with its best chunk; `score` is fused, `confidence` is calibrated to 0..1."""

    doc_id: str
    title: str
    section: str
    snippet: str
    score: float
    kind: str = "service"
    url: str | None = None
    confidence: float = 0.0
    chunk_id: str | None = None
    text: str = ""

    def as_source(self) -> dict[str, Any]:
        return {"id": self.doc_id, "title": self.title, "url": self.url, "section": self.section,
                "snippet": self.snippet}


@dataclass
class Retrieval:
    """The ranked passages for one query plus whether the best one is trustworthy enough to answer from."""

    query: str
    passages: list[Passage]
    confident: bool
    confidence: float = 0.0


@dataclass
class Question:
    """A citizen's message as the pipeline sees it; `text` is already redacted once it leaves the input guard."""

    text: str
    session_id: str | None = None
    topic: str | None = None  # the session's current document id, for follow-ups
    history: list[str] = field(default_factory=list)


@dataclass
class Redaction:
    type: str
    start: int
    end: int
    placeholder: str = ""


@dataclass
class Checked:
    """Result of the input guard: redacted text, the decision and, for non-PASS outcomes, the canned reply."""

    text: str
    outcome: Outcome = Outcome.PASS
    rule: str | None = None
    reply: str | None = None
    redactions: list[Redaction] = field(default_factory=list)
    # For a non-PASS outcome: True when the rule still lets retrieval add general information (e.g. the rules of
    # Wohngeld after "Bekomme ich Wohngeld?"), with `reply` shown alongside; False ends the turn with `reply`.
    allow_answer: bool = False


@dataclass
class Draft:
    """An answer before the output guard: text with [n] citations into `sources`."""

    text: str
    sources: list[Passage]
    mode: str = "extractive"  # "extractive" | "llm"
    backend: str = "extractive"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Verdict:
    """Result of the output guard."""

    ok: bool
    reasons: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """What the pipeline returns; `to_response()` gives the chat response of the HTTP contract."""

    text: str
    sources: list[Passage] = field(default_factory=list)
    action: str = "answer"  # answer | refuse | referral | handoff
    rule: str | None = None
    mode: str = "extractive"
    redactions: list[Redaction] = field(default_factory=list)
    notice: str | None = None
    session_id: str = ""
    topic: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_response(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "session_id": self.session_id,
            "sources": [p.as_source() for p in self.sources],
            "guardrail": {"action": self.action, "rule": self.rule},
            "redactions": [{"type": r.type} for r in self.redactions],
            "mode": self.mode,
            "notice": self.notice,
            "meta": self.meta,
        }
