"""Checked streaming: an LLM answer leaves the server only in units that passed the output checks.

The model's tokens are collected into units, and each unit is checked before any of it is sent:
- A unit ends at a sentence end (where assistant/checks.py splits sentences) or at a line end. A sentence that states
  a fact without a citation, in a line that has cited nothing yet, waits for the rest of its line, because the
  whole-answer check lets a citation at the end of a line cover the line ("S1. S2 [1].").
- The buffer is bounded: past `max_chars` without a unit end, the text is cut at the last sentence end, clause mark
  (, ; : –) or space before the last `keep_chars`, and the piece is judged as it stands. So a sentence without
  punctuation cannot grow forever, nor can a paragraph of uncited sentences (it then fails: the model was told to
  cite each statement, and the fallback is the extractive answer).
- A unit gets the checks the whole answer gets, as far as a part can be judged: grounding of its sentences (citations
  point at given sources, cited sentences are supported, factual sentences are cited; citations earlier in its line
  count), and the output guard (personal data, prompt leak, binding decision, markup, ...) on the unit together with
  the unit before it, so an e-mail address or a prompt line cut in two is still seen whole. The answer must cite
  somewhere: the last unit is held to that, and an answer that ended uncited is failed after its last line.
- The first unit that fails ends the stream; `failure` says why (English, no answer text). Everything yielded before
  it passed every check, so a client never has to take text back.
Text is read as a reader sees it (`guardrails.normalize.visible`), and that is also what is sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

from assistant.checks import SENTENCE_BREAK, check_grounding, citations, needs_citation, sentences
from corpus.types import Draft, Passage
from guardrails.normalize import visible
from guardrails.protocols import OutputGuard

_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_CLAUSE = re.compile(r"[,;:–]\s+")


@dataclass
class StreamGuard:
    """Yields the checked units of one streamed answer; see the module docstring.

    `support` maps citation numbers to the cited documents' public text (what grounding compares with); `public` are
    the cited passages carrying that text (what the output guard treats as quotable).
    """

    support: Mapping[int, str]
    public: Sequence[Passage]
    output_guard: OutputGuard | None = None
    min_support: float = 0.6
    max_chars: int = 600
    keep_chars: int = 48
    failure: list[str] = field(default_factory=list)
    text: str = ""  # what passed, i.e. what was yielded

    def __post_init__(self) -> None:
        if self.max_chars <= 2 * self.keep_chars:
            raise ValueError(f"max_chars must be more than twice keep_chars ({self.keep_chars}), got {self.max_chars}")
        self._pending = ""
        self._previous = ""
        self._line_cites: set[int] = set()
        self._cited = False

    def run(self, tokens: Iterable[str]) -> Iterator[str]:
        """The units of `tokens` that passed, in order; stops at the first that fails (then `failure` is set)."""
        for token in tokens:
            self._pending += visible(token)
            if not self.text:
                self._pending = self._pending.lstrip()
            while (unit := self._next_unit(final=False)) is not None:
                if not self._passes(unit, last=False):
                    return
                yield unit
        self._pending = visible(self._pending).rstrip()
        while (unit := self._next_unit(final=True)) is not None:
            if not self._passes(unit, last=not self._pending):
                return
            yield unit
        if not self.text and not self.failure:
            self.failure = ["empty answer"]
        elif not self._cited and not self.failure:  # the last unit ended a line and left before the end was known
            self.failure = ["answer cites no source"]

    # -- cutting ----------------------------------------------------------------------------------------------
    def _next_unit(self, final: bool) -> str | None:
        pending = self._pending
        if not pending:
            return None
        newline = pending.find("\n")
        line = pending if newline < 0 else pending[:newline + 1]
        mark = _LIST_MARK.match(line)
        for m in SENTENCE_BREAK.finditer(line, mark.end() if mark else 0):
            if self._judgeable(line[:m.end()]):
                return self._take(m.end())
        if newline >= 0:
            return self._take(newline + 1)
        if final:
            return self._take(len(pending))
        if len(pending) > self.max_chars:
            return self._take(self._forced_cut(pending))
        return None

    def _judgeable(self, piece: str) -> bool:
        """Whether a run of sentences can be judged now: it cites, its line has cited, or it needs no citation."""
        return bool(self._line_cites or citations(piece)) or not any(needs_citation(s) for s in sentences(piece))

    def _forced_cut(self, pending: str) -> int:
        limit = len(pending) - self.keep_chars  # the tail stays: an identifier at the end is not cut in two
        for pattern in (SENTENCE_BREAK, _CLAUSE):
            ends = [m.end() for m in pattern.finditer(pending, 0, limit)]
            if ends:
                return ends[-1]
        space = pending.rfind(" ", 0, limit)
        return space + 1 if space > 0 else limit

    def _take(self, end: int) -> str:
        unit, self._pending = self._pending[:end], self._pending[end:]
        return visible(unit)  # composes what arrived in separate tokens ("e" + combining accent)

    # -- checking ---------------------------------------------------------------------------------------------
    def _passes(self, unit: str, last: bool) -> bool:
        if unit.strip():
            report = check_grounding(unit, self.support, min_support=self.min_support, inherited=self._line_cites,
                                     require_citation=False)
            reasons = report.reasons()
            if last and not (self._cited or report.cited):
                reasons.append("answer cites no source")
            if self.output_guard is not None:
                window = Draft(text=self._previous + unit, sources=list(self.public))
                reasons += self.output_guard.check(window, self.public).reasons
            if reasons:
                self.failure = reasons
                return False
            self._cited = self._cited or bool(report.cited)
            self._line_cites |= set(report.cited)
            self._previous = unit
        if "\n" in unit:
            self._line_cites = set()
        self.text += unit
        return True
