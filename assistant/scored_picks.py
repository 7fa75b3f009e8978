"""The extractive composer's selection by the fitted answer scorer: which units of a document to quote, in which order.

Candidates are every sentence and list item of the document (`doc_candidates`, split once per document). The scorer
ranks them (assistant/answer_scorer.py); the chosen ones are quoted with the best one first, as the direct answer,
then the others in document order. A chosen list item brings its introducing sentence, and, when the question asks
for a list (documents, steps, conditions), the other items of its list.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

from assistant.answer_scorer import AnswerScorer, Candidate, QuestionView, features
from assistant.textunits import segments
from corpus.chunking import split_sections

LIST_INTENTS = frozenset({"unterlagen", "ablauf", "voraussetzungen"})


@lru_cache(maxsize=4096)
def doc_candidates(body: str) -> tuple[Candidate, ...]:
    """Every sentence and list item of a document body with its section and position."""
    out = []
    index = 0
    for section, text in split_sections(body):
        for k, u in enumerate(segments(text)):
            shown = f"{u.lead.rstrip()} {u.text.strip().rstrip(',;')}" if u.is_item and u.lead else u.text
            out.append(Candidate(u.text, shown, section, index, k, u.is_item, u.lead))
            index += 1
    return tuple(out)


def select(body: str, question: QuestionView, scorer: AnswerScorer, vectors, passage_text: str, *,
           limit_sentences: int, limit_items: int) -> list[tuple[str, bool]]:
    """(text, is_item) units to quote: the best first, then the rest in document order."""
    cands = list(doc_candidates(body))
    cands = [c for c in cands if not c.text.rstrip().endswith(":") or c.is_item]  # an intro alone answers nothing
    if not cands:
        return []
    probs = scorer.score(features(question, cands, vectors.passages([c.shown for c in cands]), passage_text))
    chosen = scorer.chosen(probs, limit_sentences)
    best = chosen[0]
    listy = bool(LIST_INTENTS & set(question.intents))
    picked: set[int] = set(chosen)
    if listy:
        for i in list(chosen):
            c = cands[i]
            if c.is_item:
                siblings = [j for j, o in enumerate(cands) if o.is_item and o.section == c.section and o.lead == c.lead]
                picked.update(siblings[:limit_items])
    return _arrange(cands, sorted(picked), best)


def _arrange(cands: Sequence[Candidate], picked: list[int], best: int) -> list[tuple[str, bool]]:
    """The best unit (with its list's intro) leads; the others follow in document order, each intro once."""
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()

    def add(i: int) -> None:
        c = cands[i]
        if c.is_item and c.lead and c.lead not in seen:
            seen.add(c.lead)
            out.append((c.lead, False))
        if c.text not in seen:
            seen.add(c.text)
            out.append((c.text, c.is_item))

    add(best)
    best_list = (cands[best].section, cands[best].lead) if cands[best].is_item else None
    rest = [i for i in picked if i != best]
    # Items of the best unit's own list stay next to it.
    for i in rest:
        if best_list and cands[i].is_item and (cands[i].section, cands[i].lead) == best_list:
            add(i)
    for i in rest:
        add(i)
    return out


def question_view(vector: np.ndarray, terms: frozenset[str], intents: Sequence[str], yes_no: bool,
                  age: int | None, rule_picks: frozenset[str] = frozenset()) -> QuestionView:
    return QuestionView(vector=np.asarray(vector, dtype=np.float32), terms=frozenset(terms), intents=tuple(intents),
                        yes_no=yes_no, age=age, rule_picks=frozenset(rule_picks))
