"""Literal prefilter of the rule patterns: rules out, in microseconds, texts a pattern cannot match.

The regex engine tries every alternative of a rule at every position of the text: on a 600-character answer the
discrimination rule alone costs ~1.6 ms, a question ~0.6 ms for all rules. Nearly every alternative contains fixed
text ("es brennt"; "(sollten|sollen) (nicht|keine|kein)"), and a substring test shows in microseconds that it
cannot match. The literals are derived from the parsed pattern, so a text the prefilter rules out never matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _sre, _parser  # the stdlib's own regex parser; private, stable since Python 3.11

_MAX_LITERALS = 64  # strings per clause; longer products ("(a|b|c) (d|e|f) ...") are split into clauses


class Prefilter:
    """Whether `pattern` can match a text at all: each top-level alternative needs, for each of its clauses, one of
    the clause's strings in the text. A pattern it cannot analyse (case-insensitive) is always tried."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.alternatives = _alternatives(pattern)  # None: every text is possible
        if self.alternatives is None:
            return
        # One search for the first clause of every alternative rules most questions out in a few microseconds.
        self._gate = re.compile(_trie(set().union(*(clauses[0] for clauses in self.alternatives))))
        # Answers often pass the gate ('muss', 'ueber'); one scan then finds every clause string in the text: at each
        # position the longest one (the trie tries longer first), plus the strings that are prefixes of it.
        strings = set().union(*(clause for clauses in self.alternatives for clause in clauses))
        self._scan = re.compile(f"(?=({_trie(strings)}))")
        self._prefixes = {s: frozenset(s[:i] for i in range(1, len(s) + 1) if s[:i] in strings) for s in strings}

    def possible(self, text: str) -> bool:
        if self.alternatives is None:
            return True
        if not self._gate.search(text):
            return False
        present: set[str] = set()
        for longest in set(self._scan.findall(text)):
            present |= self._prefixes[longest]
        return any(all(not clause.isdisjoint(present) for clause in clauses) for clauses in self.alternatives)


def found(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text)`, skipped when the prefilter rules the text out."""
    return prefilter(pattern).possible(text) and pattern.search(text) is not None


@lru_cache(maxsize=64)
def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """The pattern's prefilter, built on first use (parsing a rule takes a few milliseconds)."""
    return Prefilter(pattern)


def _alternatives(pattern: re.Pattern[str]) -> tuple[tuple[frozenset[str], ...], ...] | None:
    if pattern.flags & re.IGNORECASE:
        return None
    tree = list(_parser.parse(pattern.pattern, pattern.flags))
    branches = tree[0][1][1] if len(tree) == 1 and tree[0][0] is _sre.BRANCH else [tree]
    out = []
    for branch in branches:
        clauses = _clauses(branch)
        if not clauses:
            return None
        # the clause with the longest strings first: it rules the alternative out soonest
        out.append(tuple(sorted(clauses, key=lambda c: (-min(map(len, c)), len(c)))))
    return tuple(out)


def _clauses(items) -> list[frozenset[str]]:
    """Clauses of a sequence: runs of fixed text (as the set of strings they can spell) and what nested parts need."""
    clauses: list[frozenset[str]] = []
    run = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is not None:
            if len(run) * len(spelled) > _MAX_LITERALS:
                _flush(clauses, run)
                run = {""}
            run = {a + b for a in run for b in spelled}
            continue
        _flush(clauses, run)
        run = {""}
        if op is _sre.SUBPATTERN and not av[1]:  # (group, add_flags, del_flags, items)
            clauses += _clauses(av[3])
        elif op is _sre.BRANCH:
            per_branch = [_clauses(b) for b in av[1]]
            if all(per_branch):
                clauses.append(frozenset().union(*(max(c, key=lambda s: min(map(len, s))) for c in per_branch)))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            clauses += _clauses(av[2])
    _flush(clauses, run)
    return clauses


def _flush(clauses: list[frozenset[str]], run: set[str]) -> None:
    if "" not in run:
        clauses.append(frozenset(run))


def _spellings(op, av) -> set[str] | None:
    """All strings a part of a pattern can match when they are few (fixed text, small alternations), else None."""
    if op is _sre.LITERAL:
        return {chr(av)}
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # zero width: the text around it stays contiguous
        return {""}
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
        return {chr(c) for _, c in av}
    if op is _sre.SUBPATTERN and not av[1]:
        return _sequence_spellings(av[3])
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            spelled = _sequence_spellings(branch)
            if spelled is None:
                return None
            out |= spelled
        return out if len(out) <= _MAX_LITERALS else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[1] <= 1:
        inner = _sequence_spellings(av[2])
        if inner is None:
            return None
        return inner | {""} if av[0] == 0 else inner
    return None


def _sequence_spellings(items) -> set[str] | None:
    out = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is None or len(out) * len(spelled) > _MAX_LITERALS:
            return None
        out = {a + b for a in out for b in spelled}
    return out


def _trie(strings: set[str]) -> str:
    """A regex for any of `strings`, nested by shared prefixes so the engine tries few branches per position."""
    tree: dict = {}
    for string in strings:
        node = tree
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)
