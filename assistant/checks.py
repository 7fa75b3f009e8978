"""Answer checks for every backend: citations must point at given sources, and every sentence needs support.

Support is lexical: the share of a sentence's content terms that occur in the cited source's text. That is a
floor, not a proof. On top of it every fact a citizen acts on (amount, date, time, duration, age, phone number,
e-mail, URL, office or place name, "kostenlos") must be in the cited text (`assistant.fact_check`): a sentence can
share most of its words with the source and still carry an invented fee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from assistant.fact_check import unsupported_facts
from assistant.textunits import term_set

_CITATION = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A sentence ends at . ! ? before a capital, but not after an ordinal or a date ("am 31. März", "1. Januar").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)\s+(?=[A-ZÄÖÜ\"„(*])")


@dataclass
class GroundingReport:
    ok: bool
    invalid_citations: list[int] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)  # facts not in the cited text: "25 Euro (amount)"

    def reasons(self) -> list[str]:
        out = []
        if self.invalid_citations:
            out.append(f"citations {self.invalid_citations} refer to no given source")
        if not self.cited:
            out.append("answer cites no source")
        if self.unsupported:
            out.append(f"{len(self.unsupported)} sentence(s) without support in the cited sources")
        if self.uncited:
            out.append(f"{len(self.uncited)} factual sentence(s) without citation")
        if self.invented:
            out.append(f"{len(self.invented)} fact(s) not in the cited text: {', '.join(self.invented[:5])}")
        return out


def sentences(text: str) -> list[str]:
    """Answer sentences: list items and lines are units, prose lines split at sentence ends."""
    return [s for _, s in _sentences_with_line(text)]


def _sentences_with_line(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if not line:
            continue
        out.extend((line, s.strip()) for s in re.split(_SENTENCE_END, line) if s.strip())
    return out


def citation_units(text: str) -> list[tuple[str, list[int]]]:
    """(sentence without citation marks, the numbers it cites): a citation at the end of a line or list item
    covers every sentence of it."""
    out = []
    for line, sent in _sentences_with_line(text):
        nums = [int(x) for x in _CITATION.findall(sent)] or [int(x) for x in _CITATION.findall(line)]
        out.append((_CITATION.sub("", sent).strip(), nums))
    return out


def check_grounding(text: str, support: Mapping[int, str], *, min_support: float = 0.6,
                    is_fallback_text: bool = False) -> GroundingReport:
    """Check `text` against `support` ({citation number: source text}).

    A sentence is supported when at least `min_support` of its content terms, and every number in it, occur in
    the texts it cites. Headings (ending in ':') and sentences without content terms are skipped.
    """
    report = GroundingReport(ok=True)
    cited_all: set[int] = set()
    support_terms = {n: term_set(t) for n, t in support.items()}  # cached: sources repeat across answers
    for line, sent in _sentences_with_line(text):
        # A citation at the end of a line or list item covers every sentence of it.
        nums = [int(x) for x in _CITATION.findall(sent)] or [int(x) for x in _CITATION.findall(line)]
        cited_all.update(nums)
        bad = [n for n in nums if n not in support]
        report.invalid_citations.extend(b for b in bad if b not in report.invalid_citations)
        plain = _CITATION.sub("", sent).strip()
        sent_terms = term_set(plain)
        if plain.endswith(":") or len(sent_terms) < 2:
            continue
        good = [n for n in nums if n in support]
        if not good:
            if _NUMBER.search(plain) or len(sent_terms) >= 4:
                report.uncited.append(plain)
            continue
        pool = set().union(*(support_terms[n] for n in good))
        share = len(sent_terms & pool) / len(sent_terms)
        source_text = " ".join(support[n] for n in good)
        numbers_ok = all(num in source_text for num in _NUMBER.findall(plain))
        if share < min_support or not numbers_ok:
            report.unsupported.append(plain)
    report.cited = sorted(cited_all)
    if report.cited and not report.invalid_citations:
        report.invented = [f"{f.text} ({f.kind})" for f in unsupported_facts(text, support)]
    report.ok = not report.invalid_citations and not report.unsupported and bool(report.cited) \
        and not report.uncited and not report.invented
    if is_fallback_text:
        report.ok = True
    return report
