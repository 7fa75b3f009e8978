"""Prefilter of the rule patterns: it may only rule out texts the pattern cannot match.

Texts are generated from the patterns themselves (a random path through each alternative, inside random words), so
every alternative of every rule is exercised, including the ones no message in the eval sets triggers.
"""

import random
import re
from re import _constants as sre, _parser

import pytest

from guardrails.output_guard import _BINDING, _PARTISAN
from guardrails.patterns import RULE_PATTERNS, matches, prefilter

PATTERNS = {**RULE_PATTERNS, "binding": _BINDING, "partisan": _PARTISAN}
POOL = "abcdefghijklmnopqrstuvwxyz0123456789 .,:;!?-'\n"
CATEGORY = {sre.CATEGORY_DIGIT: "7", sre.CATEGORY_SPACE: " ", sre.CATEGORY_WORD: "w",
            sre.CATEGORY_NOT_WORD: " ", sre.CATEGORY_NOT_SPACE: "x", sre.CATEGORY_NOT_DIGIT: "x"}


def _sample(items, rnd: random.Random) -> str:
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.IN:
            choices = [(o, a) for o, a in av if o is not sre.NEGATE]
            if any(o is sre.NEGATE for o, _ in av) or not choices:
                out.append(rnd.choice(POOL))
                continue
            o, a = rnd.choice(choices)
            out.append(chr(a) if o is sre.LITERAL else chr(rnd.randint(*a)) if o is sre.RANGE else CATEGORY.get(a, "x"))
        elif op is sre.ANY or op is sre.NOT_LITERAL:
            out.append(rnd.choice(POOL))
        elif op is sre.CATEGORY:
            out.append(CATEGORY.get(av, "x"))
        elif op is sre.BRANCH:
            out.append(_sample(rnd.choice(av[1]), rnd))
        elif op is sre.SUBPATTERN:
            out.append(_sample(av[3], rnd))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, hi, inner = av
            out.extend(_sample(inner, rnd) for _ in range(rnd.randint(lo, min(hi, lo + 3))))
        # AT, ASSERT, ASSERT_NOT consume nothing; texts breaking them simply fail the regex and are skipped
    return "".join(out)


def _alternatives(pattern: re.Pattern[str]):
    tree = list(_parser.parse(pattern.pattern, pattern.flags))
    return tree[0][1][1] if len(tree) == 1 and tree[0][0] is sre.BRANCH else [tree]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_prefilter_never_rules_out_a_matching_text(name):
    pattern, rnd = PATTERNS[name], random.Random(name)
    checked = 0
    for alternative in _alternatives(pattern):
        for _ in range(30):
            text = f"{rnd.choice(['', 'also ', 'hallo, '])}{_sample(alternative, rnd)}{rnd.choice(['', '?', ' bitte'])}"
            if pattern.search(text):
                checked += 1
                assert prefilter(pattern).possible(text), (name, text)
    assert checked > 10 * len(_alternatives(pattern))


@pytest.mark.parametrize("text", [
    "wie beantrage ich einen neuen personalausweis?",
    "was kostet die ummeldung, wenn ich umziehe",
    "sie bekommen den ausweis nach 2 bis 3 wochen [1].",
])
def test_everyday_texts_are_ruled_out_without_running_the_rules(text):
    assert not any(prefilter(p).possible(text) for p in RULE_PATTERNS.values())
    assert not any(matches(rule, text) for rule in RULE_PATTERNS)


def test_a_case_insensitive_pattern_is_always_tried():
    assert prefilter(re.compile("feuer", re.IGNORECASE)).possible("nichts davon")


def test_matches_finds_the_same_snippets_as_the_regex():
    text = "es brennt im keller und mein nachbar ist bewusstlos"
    assert matches("emergency", text) == [m.group(0).strip() for m in RULE_PATTERNS["emergency"].finditer(text)]


def test_a_string_inside_a_longer_one_counts_as_present():
    # The scan reports the longest string at each position ('trans ' / 'transperson'); the shorter ones it
    # contains from the same position must count as well.
    pattern = re.compile(r"(?:trans(?:person)?|transe)\w* (?:sind|ist) doof")
    assert prefilter(pattern).possible("transpersonen sind doof")
    assert prefilter(pattern).possible("die transe ist doof")
    assert not prefilter(pattern).possible("transporter sind teuer")
