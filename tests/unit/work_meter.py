"""A deterministic measure of the work the input guard does, for tests that compare two message lengths.

Wall time is noise on a shared machine; two counts are not:
- Python work: the calls of Python functions and of builtins from Python code (`sys.setprofile`), Presidio's and our
  own: every loop over the message calls something per step, and a profile hook costs far less than a line trace;
- regex work: the characters each call of a compiled pattern hands to the engine (a scan: from `pos` to the end; a
  `match`: at most the pattern's reach). Every pattern of the guard is linear per character (tests/unit/
  test_guard_linear.py checks their reach statically), so these characters bound the engine's steps.
While a `WorkMeter` is installed, the guard's module-level patterns, each recognizer's compiled rules, the prefilter's
patterns and spaCy's tokenizer patterns are replaced by counting stand-ins, and so is every pattern the guard compiles
on the way (`re.compile`, `re.search(r"...")`). A pattern that is not linear and is handed more characters than
`MAX_REACH` is recorded in `violations`.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from guardrails.regex_reach import MAX_REACH, guard_modules, is_linear, reach


class WorkMeter:
    def __init__(self) -> None:
        self.calls = 0
        self.regex_chars = 0
        self.violations: list[tuple[str, int]] = []
        self._linear: dict[tuple[str, int], tuple[bool, int | None]] = {}

    @property
    def work(self) -> int:
        return self.calls + self.regex_chars

    def reset(self) -> None:
        self.calls = self.regex_chars = 0

    def count(self, pattern: re.Pattern[str], string: Any, pos: int, endpos: int, scan: bool, ours: bool = True
              ) -> None:
        if not isinstance(string, str):
            return
        chars = max(0, min(endpos, len(string)) - pos)
        key = (pattern.pattern, pattern.flags)
        if key not in self._linear:  # parsing the pattern is the meter's work, not the guard's
            profile = sys.getprofile()
            sys.setprofile(None)
            self._linear[key] = (is_linear(pattern), reach(pattern))
            sys.setprofile(profile)
        linear, far = self._linear[key]
        if not scan and far is not None:
            chars = min(chars, far)
        if ours and not linear and chars > MAX_REACH:
            self.violations.append((pattern.pattern[:80], chars))
        self.regex_chars += chars

    def measure(self, call: Callable[[], Any]) -> int:
        """The work of one call (Python and builtin calls + regex characters)."""
        self.reset()

        def profile(frame, event, arg):
            if event == "call" or event == "c_call":
                self.calls += 1

        previous = sys.getprofile()
        sys.setprofile(profile)
        try:
            call()
        finally:
            sys.setprofile(previous)
        return self.work


class CountedPattern:
    """A compiled pattern that tells its meter what each call hands to the engine, then delegates."""

    def __init__(self, pattern: re.Pattern[str], meter: WorkMeter, ours: bool = True) -> None:
        self._pattern = pattern
        self._meter = meter
        self._ours = ours  # spaCy's own patterns are counted, but their reach is not ours to bound

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __eq__(self, other: object) -> bool:
        return self._pattern == (other._pattern if isinstance(other, CountedPattern) else other)

    def _scan(self, string, pos=0, endpos=sys.maxsize):
        self._meter.count(self._pattern, string, pos, endpos, scan=True, ours=self._ours)

    def search(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.search(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.findall(string, pos, endpos)

    def match(self, string, pos=0, endpos=sys.maxsize):
        self._meter.count(self._pattern, string, pos, endpos, scan=False, ours=self._ours)
        return self._pattern.match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        self._meter.count(self._pattern, string, pos, endpos, scan=False, ours=self._ours)
        return self._pattern.fullmatch(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._scan(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl, string, count=0):
        self._scan(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string, maxsplit=0):
        self._scan(string)
        return self._pattern.split(string, maxsplit)


def _counted(value: Any, meter: WorkMeter, depth: int = 0) -> Any:
    """`value` with every compiled pattern in it (also inside tuples and lists) replaced by a counting stand-in."""
    if isinstance(value, re.Pattern):
        return CountedPattern(value, meter)
    if depth < 3 and isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_counted(v, meter, depth + 1) for v in value)
    if depth < 3 and isinstance(value, list):
        return [_counted(v, meter, depth + 1) for v in value]
    return value


def _has_pattern(value: Any, depth: int = 0) -> bool:
    if isinstance(value, re.Pattern):
        return True
    if depth < 3 and isinstance(value, (tuple, list)):
        return any(_has_pattern(v, depth + 1) for v in value)
    if depth < 3 and isinstance(value, dict):
        return any(_has_pattern(v, depth + 1) for v in value.values())
    return False


@contextmanager
def installed(meter: WorkMeter, recognizers: list[Any], tokenizer: Any) -> Iterator[WorkMeter]:
    """Counting stand-ins in the guard's modules, recognizers, prefilter and tokenizer while the block runs."""
    import pytest

    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from _install(meter, monkeypatch, recognizers, tokenizer)


def _install(meter: WorkMeter, monkeypatch, recognizers: list[Any], tokenizer: Any) -> Iterator[WorkMeter]:
    from guardrails.patterns import RULE_PATTERNS
    from guardrails.prefilter import prefilter

    for pattern in RULE_PATTERNS.values():  # the cached prefilters (built at load) count their scans too
        built = prefilter(pattern)
        for part in ("_gate", "_scan"):
            if hasattr(built, part):
                monkeypatch.setattr(built, part, CountedPattern(getattr(built, part), meter))
    for module in guard_modules():
        for name, value in list(vars(module).items()):
            if isinstance(value, dict) and _has_pattern(value):
                for key, item in list(value.items()):  # in place: other modules hold the same dict
                    monkeypatch.setitem(value, key, _counted(item, meter))
            elif _has_pattern(value):
                monkeypatch.setattr(module, name, _counted(value, meter))
    for recognizer in recognizers:
        if hasattr(recognizer, "_compiled"):
            monkeypatch.setattr(recognizer, "_compiled", [(rule, CountedPattern(p, meter))
                                                          for rule, p in recognizer._compiled])
    for part in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        bound = getattr(tokenizer, part)
        if bound is not None and isinstance(getattr(bound, "__self__", None), re.Pattern):
            monkeypatch.setattr(tokenizer, part, getattr(CountedPattern(bound.__self__, meter, ours=False),
                                                            bound.__name__))

    original = re._compile

    def counting_compile(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__") == "re":
            frame = frame.f_back
        caller = frame.f_globals.get("__name__", "") if frame is not None else ""
        return CountedPattern(compiled, meter) if caller.startswith("guardrails") else compiled

    monkeypatch.setattr(re, "_compile", counting_compile)
    yield meter
