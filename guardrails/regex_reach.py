"""How far a regular expression can read from the position where one match attempt starts, and the guard's patterns.

Python's `re` is a backtracking engine: `search`, `finditer` and `sub` start an attempt at every position of the text.
When every repeat in a pattern has an upper bound (`\\w{1,40}`, `[^.?!\\n]{0,60}?`), one attempt reads at most
`reach(pattern)` characters past its start, whatever it tries, so its work does not grow with the text and a scan is
linear in the length of the message. One unbounded repeat that can fail after running on (`\\w*x`, `[^.]*$`, a
lookahead `(?=[\\w]*\\d)`) lets every attempt read to the end of the text: the square of the length. That is how a
2,000-character message of a repeated two-character pattern took over a second in the address recognizer.

`reach()` walks the parsed pattern (the stdlib's own parser, as guardrails/prefilter.py does) and returns the bound,
or None for an unbounded pattern. `guard_patterns()` lists every compiled pattern the input guard runs over a message:
the recognizers', the policy rules', the normaliser's and the prefilter's; tests/unit/test_guard_linear.py holds each
to a bound.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as _sre, _parser  # private, stable since Python 3.11 (as in guardrails/prefilter.py)
from typing import Any, Iterator

MAX_REACH = 1000  # characters, half the longest message; the widest pattern of the guard (a policy rule) reads ~650

# Modules whose module-level patterns the guard runs over message text.
GUARD_MODULES = ("guardrails.normalize", "guardrails.patterns", "guardrails.pii.redactor", "guardrails.pii.analyzer",
                 "guardrails.pii.names", "guardrails.pii.lexicon")
GUARD_PACKAGES = ("guardrails.rules", "guardrails.pii.recognizers")


def reach(pattern: re.Pattern[str] | str, flags: int = 0) -> int | None:
    """Characters one match attempt may read from its start (lookaheads included); None when unbounded."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        _, far = _sequence(_parser.parse(pattern, flags), {})
    except _Unbounded:
        return None
    return far


def is_linear(pattern: re.Pattern[str]) -> bool:
    """Bounded reach, or a bounded head followed by one possessive unbounded run that ends the pattern (`\\s++`,
    `[A-Za-z0-9+/]{16,}+={0,2}`): once the run has started it cannot fail, so the attempt succeeds and the scan goes on
    after it, and every character is read a bounded number of times."""
    if reach(pattern) is not None:
        return True
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    while items and _cannot_fail(*items[-1]):
        items.pop()
    if not items or items[-1][0] is not _sre.POSSESSIVE_REPEAT or items[-1][1][1] != _sre.MAXREPEAT:
        return False
    groups: dict[int, int] = {}
    try:
        _sequence(items[:-1], groups)
        _sequence(items[-1][1][2], groups)
    except _Unbounded:
        return False
    return True


def _cannot_fail(op, av) -> bool:
    """An optional, bounded part without look-arounds (`={0,2}`)."""
    if op not in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) or av[0] != 0 or av[1] == _sre.MAXREPEAT:
        return False
    return all(o in (_sre.LITERAL, _sre.IN, _sre.ANY, _sre.CATEGORY, _sre.NOT_LITERAL) for o, _ in av[2])


def bound_repeats(source: str, limit: int) -> str:
    """The pattern with every unbounded repeat given an upper bound: `*` -> `{0,limit}`, `+` -> `{1,limit}`, `{m,}` ->
    `{m,limit}` (lazy `?` and possessive `+` markers stay). Escapes, character classes and `(?...)` openers are left
    as they are. In a message of at most 2,000 characters a run of one kind longer than `limit` is no word, name or
    number anyone types, so the bound changes no real match, and it makes every attempt's reach finite."""
    out: list[str] = []
    i, n = 0, len(source)
    after_atom = False  # whether a quantifier here would apply to something (else `*`/`+` follow a quantifier)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i:i + 2])
            i += 2
            after_atom = True
        elif c == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
            after_atom = True
        elif c == "(" and source.startswith("(?", i):
            j = i + 2
            if source.startswith("P<", j) or (source.startswith("<", j) and not source.startswith(("<=", "<!"), j)):
                j = source.index(">", j) + 1  # a named group's name
            elif source.startswith(("<=", "<!"), j):
                j += 2
            out.append(source[i:j])
            i = j
            after_atom = False
        elif c in "*+" and after_atom:
            out.append(f"{{{0 if c == '*' else 1},{limit}}}")
            i += 1
            after_atom = False
        elif c == "{" and after_atom and (m := re.match(r"\{(\d*),\}", source[i:])):
            out.append(f"{{{m.group(1) or 0},{limit}}}")
            i += m.end()
            after_atom = False
        elif c == "{" and after_atom and re.match(r"\{\d+(?:,\d+)?\}", source[i:]):
            j = source.index("}", i) + 1
            out.append(source[i:j])
            i = j
            after_atom = False
        elif c == "?" and not after_atom:
            out.append(c)  # lazy marker of a quantifier, or the `?` of a group opener already copied
            i += 1
        else:
            out.append(c)
            i += 1
            after_atom = c not in "(|" and c != "?"
    return "".join(out)


class _Unbounded(Exception):
    pass


def _sequence(items, groups: dict[int, int]) -> tuple[int, int]:
    """(the most characters the items consume, the farthest they read) from the start of the sequence."""
    width = far = 0
    for op, av in items:
        w, r = _item(op, av, groups)
        far = max(far, width + r)
        width += w
    return width, far


def _item(op, av, groups: dict[int, int]) -> tuple[int, int]:
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.CATEGORY):
        return 1, 1
    if op is _sre.AT:
        return 0, 0
    if op is _sre.SUBPATTERN:  # (group, add_flags, del_flags, items)
        w, r = _sequence(av[3], groups)
        if av[0] is not None:
            groups[av[0]] = w
        return w, r
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av, groups)
    if op is _sre.BRANCH:
        parts = [_sequence(branch, groups) for branch in av[1]]
        return max(w for w, _ in parts), max(r for _, r in parts)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, inner = av
        w, r = _sequence(inner, groups)
        if high == _sre.MAXREPEAT:
            if w == 0 and r == 0:
                return 0, 0
            raise _Unbounded
        return high * w, (max(high - 1, 0) * w + r) if high else 0
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):  # (direction, items): a lookbehind reads back a fixed width
        _, r = _sequence(av[1], groups)
        return 0, (r if av[0] == 1 else 0)
    if op is _sre.GROUPREF:
        if av not in groups:
            raise _Unbounded
        return groups[av], groups[av]
    if op is _sre.GROUPREF_EXISTS:  # (group, yes, no)
        parts = [_sequence(branch, groups) for branch in av[1:] if branch is not None] or [(0, 0)]
        return max(w for w, _ in parts), max(r for _, r in parts)
    raise _Unbounded  # an operator this walk does not know is not assumed to be bounded


# -- the guard's patterns --------------------------------------------------------------------------------------------

def guard_modules() -> list[Any]:
    """The modules whose module-level patterns see message text (recognizers and rules: every module of the package)."""
    modules = [importlib.import_module(name) for name in GUARD_MODULES]
    for package_name in GUARD_PACKAGES:
        package = importlib.import_module(package_name)
        modules.append(package)
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package_name}.{info.name}"))
    return modules


def guard_patterns(recognizers: list[Any] | None = None) -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the input guard by a readable name: module-level patterns (also inside tuples and
    dicts), each recognizer's compiled rules, and the prefilter's gate and scan of each policy rule."""
    from guardrails.patterns import GUARDED_PATTERNS, RULE_PATTERNS
    from guardrails.pii.recognizers import create_recognizers
    from guardrails.prefilter import prefilter

    found: dict[str, re.Pattern[str]] = {}
    for module in guard_modules():
        for name, value in vars(module).items():
            for path, pattern in _patterns_in(value, f"{module.__name__}.{name}"):
                found.setdefault(path, pattern)
    for recognizer in recognizers if recognizers is not None else create_recognizers(
            [n for n in _pattern_recognizer_names()]):
        for rule, pattern in getattr(recognizer, "_compiled", ()):
            found[f"{type(recognizer).__name__}.{rule.name}"] = pattern
    rule_patterns = list(RULE_PATTERNS.items()) + [(f"{r}.guarded", p) for r, pairs in GUARDED_PATTERNS.items()
                                                  for pair in pairs for p in pair]
    for name, pattern in rule_patterns:
        pf = prefilter(pattern)
        for part in ("_gate", "_scan"):
            if hasattr(pf, part):
                found[f"prefilter({name}).{part}"] = getattr(pf, part)
    return found


def _pattern_recognizer_names() -> list[str]:
    from guardrails.pii.recognizers import RECOGNIZERS

    return [n for n in RECOGNIZERS if n != "person"]  # the person recognizer works on tokens, not patterns


def _patterns_in(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield path, value
    elif depth < 3 and isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from _patterns_in(item, f"{path}[{i}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{path}[{key!r}]", depth + 1)


def not_linear(patterns: dict[str, re.Pattern[str]], limit: int = MAX_REACH) -> dict[str, int | None]:
    """The patterns that are not linear (`is_linear`) or whose reach is above `limit`, with their reach."""
    out = {}
    for name, pattern in patterns.items():
        r = reach(pattern)
        if not is_linear(pattern) or (r is not None and r > limit):
            out[name] = r
    return out
