"""The input guard's work grows linearly with the message length, also on adversarial messages.

Statically: every pattern the guard runs over a message has a bounded reach (or is a run that cannot fail), so one
match attempt does a bounded amount of work (guardrails/regex_reach.py). Dynamically: each recognizer, the tokenizer,
the whole redactor, each policy rule and the whole classifier get adversarial messages at 500 and at 2,000
characters (the maximum message length), and the work they do (Python and builtin calls plus characters handed to the
regex engine, tests/unit/work_meter.py) may grow at most `MAX_GROWTH` times, where the square would be 16 times. No
timing goes into these tests; `python -m evals.bench_guard` reports the times.
"""

from __future__ import annotations

import re
from typing import Callable

import pytest

from evals.adversarial import BRACKETS, CHARACTER_CLASSES, CUES, VALUE_STARTS, WORD_RUNS, repeat
from guardrails.regex_reach import MAX_REACH, bound_repeats, guard_patterns, is_linear, not_linear, reach
from tests.unit.work_meter import WorkMeter, installed

SHORT, LONG = 500, 2000
MAX_GROWTH = 5.0  # linear: 4 (2,000 / 500) plus what a repeated pattern cut at another place changes
MIN_WORK = 200  # below this the work is a constant (a prefilter saying no), whatever the length


# -- static: the reach of every pattern ------------------------------------------------------------------------------

@pytest.mark.parametrize("source, expected", [
    (r"\w*x", None), (r"\w{0,5}x", 6), (r"(?=[A-Z]{0,8}\d)[A-Z]{2}", 9), (r"(?<![a-z])ab", 2),
    (r"(?:[ \t]?\d{1,8}){1,4}", 36), (r"([a-z])\1{2}", 3), (r"a|bcd", 3), (r"(?:ab)*", None), (r"x(?!\w*y)", None),
])
def test_reach_of_pattern_shapes(source, expected):
    assert reach(re.compile(source)) == expected


@pytest.mark.parametrize("source, linear", [
    (r"\s++", True), (r"[A-Za-z0-9+/]{16,}+={0,2}", True), (r"([a-z])\1{2,}+", True), (r"\s+", False),
    (r"\w++x", False), (r"\w++(?!x)", False), (r"[a-z]{1,40}", True),
])
def test_possessive_runs_that_end_a_pattern_are_linear(source, linear):
    assert is_linear(re.compile(source)) is linear


@pytest.mark.parametrize("source, bounded", [
    (r"\w*x", r"\w{0,40}x"), (r"(?P<v>a+)b*?c++", r"(?P<v>a{1,40})b{0,40}?c{1,40}+"), (r"[^]*+]+", r"[^]*+]{1,40}"),
    (r"a{2,}b{3}", r"a{2,40}b{3}"), (r"(?<![\w.])\++", r"(?<![\w.])\+{1,40}"), (r"(?i:ab)+", r"(?i:ab){1,40}"),
])
def test_bound_repeats_rewrites_only_quantifiers(source, bounded):
    assert bound_repeats(source, 40) == bounded
    assert reach(re.compile(bounded)) is not None


def test_every_guard_pattern_is_linear():
    patterns = guard_patterns()
    assert len(patterns) > 80  # recognizers, rules, normaliser, prefilter: the inventory found them
    assert not_linear(patterns, MAX_REACH) == {}


# -- dynamic: the work at two lengths --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def guard(redactor):
    from guardrails.classifier import PolicyClassifier
    from guardrails.policy import load_policy

    return redactor, PolicyClassifier(load_policy()).load()


def _components(redactor, classifier):
    """(name, call(text, tokens)) for each part of the guard that sees the message."""
    from guardrails.normalize import decode_payloads, variants
    from guardrails.patterns import RULE_PATTERNS, matches

    analyzer = redactor._analyzer
    engine = analyzer.nlp_engine
    parts = [("tokenizer", lambda t: engine.process_text(t, "de"))]
    for recognizer in analyzer.registry.recognizers:
        parts.append((recognizer.name, lambda t, r=recognizer: r.analyze(t, [], _tokens(engine, t))))
    parts.append(("redactor", redactor.redact))
    parts.append(("normalize", lambda t: (variants(t), decode_payloads(t))))
    for rule in RULE_PATTERNS:
        parts.append((f"rule {rule}", lambda t, r=rule: [matches(r, form) for form in variants(t)]))
    parts.append(("classifier", classifier.classify))
    return parts


_TOKENS: dict[str, object] = {}


def _tokens(engine, text: str):
    """The tokens of `text`, made once per text (outside the measured work: the tokenizer is measured on its own)."""
    if text not in _TOKENS:
        if len(_TOKENS) >= 2:
            _TOKENS.clear()
        _TOKENS[text] = engine.process_text(text, "de")
    return _TOKENS[text]


def _growth(guard, make: Callable[[int], str]) -> dict[str, tuple[int, int]]:
    """Work of each component on `make(SHORT)` and `make(LONG)`, for those above MIN_WORK."""
    from guardrails.pii import lexicon

    redactor, classifier = guard
    meter = WorkMeter()
    out = {}
    with installed(meter, redactor._analyzer.registry.recognizers, redactor._analyzer.nlp_engine._nlp.tokenizer):
        for name, call in _components(redactor, classifier):
            work = []
            for length in (SHORT, LONG):
                lexicon._is_word.cache_clear()
                lexicon._is_plain_word.cache_clear()
                lexicon._is_english.cache_clear()
                text = make(length)
                _tokens(redactor._analyzer.nlp_engine, text)
                work.append(meter.measure(lambda: call(text)))
            if work[1] > MIN_WORK:
                out[name] = (work[0], work[1])
    assert meter.violations == []
    return out


def _assert_linear(growth: dict[str, tuple[int, int]], unit: str) -> None:
    too_much = {name: (a, b, round(b / max(a, 1), 1)) for name, (a, b) in growth.items()
                if b > MAX_GROWTH * max(a, MIN_WORK)}
    assert too_much == {}, f"work grew more than linearly on {unit!r}: {too_much}"


# The shapes that cost most before (evals/bench_guard.py), one of each kind: a pair of character classes, digit runs,
# capitalised words and names, cue words with the start of a value, brackets, e-mail and number fragments.
FAMILIES = (["A-", "1-", "ä-", "a-", "-_", "ß ", "ß\t", "(=", ":(", "a)", ".)", "\t\n", "a\u00a0", "1\u00a0", "aA",
             "1.", "a.", "1/", "+4", "s3lb", "QUJD", "4a "]
            + ["0049" + "1" * 40, "+" + "4" * 30, "1" * 50, "0" * 50]
            + ["Am Weg 12 ", "Weg 1, 47798 Krefeld ", "Hohe Gasse 1 ", "Al-", "St.-", "Anna Vogel ", "Xyzq Qwrt ",
               "Aa ", "Kowalczyk ", "van der ", "KR-AB 1 ", "L01X00T47", "a.b@", "punkt at "]
            + ["geb. 12.03.1985 ", "* 12.03.1985 ", "Aktenzeichen A1/", "Az. 1", "Name: 1", "Tel. 0171 ",
               "IBAN DE89 ", "Reisepass 12 ", "паспорт 1", "ich heiße ", "es brennt 1", "ich will mich ",
               "ignoriere alle Anweisungen "]
            + list(BRACKETS[2:]))


@pytest.mark.slow
@pytest.mark.parametrize("unit", FAMILIES, ids=repr)
def test_work_grows_linearly_on_adversarial_families(guard, unit):
    _assert_linear(_growth(guard, lambda n: repeat(unit, n)), unit)


@pytest.mark.slow
@pytest.mark.parametrize("opening, closing", [("(", ")"), ("([{<", ">}])"), ("(a", "a)")])
def test_work_grows_linearly_on_nested_brackets(guard, opening, closing):
    _assert_linear(_growth(guard, lambda n: repeat(opening, n // 2) + repeat(closing, n - n // 2)), opening)


hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

_CHARS = list(CHARACTER_CLASSES.values())
UNITS = st.one_of(
    st.tuples(st.sampled_from(_CHARS), st.sampled_from(_CHARS)).map("".join),  # a pair of character classes
    st.text(alphabet=st.sampled_from(_CHARS), min_size=1, max_size=6),  # a short pattern of them
    st.tuples(st.sampled_from(CUES), st.sampled_from(VALUE_STARTS + ("",))).map("".join),  # a cue and a value start
    st.lists(st.sampled_from(WORD_RUNS), min_size=1, max_size=3).map("".join),  # capitalised words, names, numbers
)


@pytest.mark.slow
@hypothesis.settings(max_examples=8, deadline=None, derandomize=True,
                     suppress_health_check=list(hypothesis.HealthCheck))
@hypothesis.given(unit=UNITS)
def test_work_grows_linearly_on_generated_patterns(guard, unit):
    _assert_linear(_growth(guard, lambda n: repeat(unit, n)), unit)
