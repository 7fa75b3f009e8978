"""Answer checks for every backend: citations must point at given sources, and every sentence needs support.

Support is lexical: the share of a sentence's content terms that occur in the cited source's text. That is a
floor, not a proof. On top of it every fact a citizen acts on (amount, date, time, duration, age, phone number,
e-mail, URL, office or place name, "kostenlos") must be in the cited text (`assistant.fact_check`): a sentence can
share most of its words with the source and still carry an invented fee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection, Mapping

from assistant.fact_check import unsupported_facts
from assistant.textunits import term_set

_CITATION = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Where a prose line splits into sentences: at . ! ? before a capital, but not after an ordinal or a date
# ("am 31. März", "1. Januar"); the streaming checks (assistant/stream_guard.py) cut at the same places.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)\s+(?=[A-ZÄÖÜ\"„(*])")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass
class GroundingReport:
    ok: bool
    invalid_citations: list[int] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    citation_required: bool = True
    invented: list[str] = field(default_factory=list)  # facts not in the cited text: "25 Euro (amount)"

    def reasons(self) -> list[str]:
        out = []
        if self.invalid_citations:
            out.append(f"citations {self.invalid_citations} refer to no given source")
        if not self.cited and self.citation_required:
            out.append("answer cites no source")
        if self.unsupported:
            out.append(f"{len(self.unsupported)} sentence(s) without support in the cited sources")
        if self.uncited:
            out.append(f"{len(self.uncited)} factual sentence(s) without citation")
        if self.invented:  # kinds only: the facts themselves may be personal data, and reasons reach logs and meta
            kinds = sorted({f.rsplit("(", 1)[-1].rstrip(")") for f in self.invented})
            out.append(f"{len(self.invented)} fact(s) not in the cited text ({', '.join(kinds)})")
        return out


def sentences(text: str) -> list[str]:
    """Answer sentences: list items and lines are units, prose lines split at sentence ends."""
    return [s for _, s in _sentences_with_line(text)]


def _sentences_with_line(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line).strip()
        if not line:
            continue
        out.extend((line, s.strip()) for s in SENTENCE_BREAK.split(line) if s.strip())
    return out


def citation_units(text: str) -> list[tuple[str, list[int]]]:
    """(sentence without citation marks, the numbers it cites): a citation at the end of a line or list item
    covers every sentence of it."""
    out = []
    for line, sent in _sentences_with_line(text):
        nums = [int(x) for x in _CITATION.findall(sent)] or [int(x) for x in _CITATION.findall(line)]
        out.append((_CITATION.sub("", sent).strip(), nums))
    return out


def citations(text: str) -> set[int]:
    """The source numbers cited in `text` ("[1]" -> 1)."""
    return {int(x) for x in _CITATION.findall(text)}


def needs_citation(sentence: str) -> bool:
    """Whether a sentence states something that must be cited: a number, or at least four content terms.
    Headings (ending in ':') and short phrases ("Gern.", "- Foto") need none."""
    plain = _CITATION.sub("", sentence).strip()
    sent_terms = term_set(plain)
    if plain.endswith(":") or len(sent_terms) < 2:
        return False
    return bool(_NUMBER.search(plain)) or len(sent_terms) >= 4


def check_grounding(text: str, support: Mapping[int, str], *, min_support: float = 0.6,
                    is_fallback_text: bool = False, inherited: Collection[int] = (),
                    require_citation: bool = True) -> GroundingReport:
    """Check `text` against `support` ({citation number: source text}).

    A sentence is supported when at least `min_support` of its content terms, and every number in it, occur in
    the texts it cites. Headings (ending in ':') and sentences without content terms are skipped.
    For a part of an answer (streaming): `inherited` are the citations earlier in the same line, which cover the
    part's first line too, and `require_citation=False` does not ask that the part itself cites a source.
    """
    report = GroundingReport(ok=True, citation_required=require_citation)
    cited_all: set[int] = set()
    support_terms = {n: term_set(t) for n, t in support.items()}  # cached: sources repeat across answers
    first_line = None
    for line, sent in _sentences_with_line(text):
        first_line = line if first_line is None else first_line
        # A citation at the end of a line or list item covers every sentence of it.
        nums = [int(x) for x in _CITATION.findall(sent)] or [int(x) for x in _CITATION.findall(line)]
        if not nums and line is first_line:
            nums = sorted(inherited)
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
        # A part that inherits its line's citation (streaming) is checked against what that citation names.
        cited_support = {n: support[n] for n in report.cited if n in support}
        report.invented = [f"{f.text} ({f.kind})" for f in unsupported_facts(text, cited_support)]
    report.ok = not report.invalid_citations and not report.unsupported and not report.uncited \
        and not report.invented and (bool(report.cited) or not require_citation)
    if is_fallback_text:
        report.ok = True
    return report
