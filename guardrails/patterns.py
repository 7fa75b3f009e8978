"""Trigger patterns of the policy rules, over folded text (lower case, ä→ae, ß→ss; see guardrails/normalize.py).

Patterns state the general shape of a request (an instruction verb near an instruction noun, a group word near a
hostile demand, two stroke signs, a farewell), not remembered messages; the exemplar similarity in
guardrails/classifier.py catches paraphrases. Some warning signs only count without an everyday reason anywhere in the
message (`GUARDED_PATTERNS`: a farewell before a move, burglars last week). `SERVICE_REQUEST` and `PROCEDURE_REQUEST`
recognise questions about a city service, which the classifier keeps from being refused as off-topic.

Each rule family's patterns live in guardrails/rules/ (the shared fragments and the compound conventions in
rules/fragments.py), the literal prefilter in guardrails/prefilter.py; this module assembles them.
"""

from __future__ import annotations

import re

from guardrails.prefilter import Prefilter, found, prefilter
from guardrails.rules import (
    crisis, discrimination, emergency, individual_advice, individual_decision, injection, out_of_scope, political,
)
from guardrails.rules.fragments import S, W
from guardrails.rules.requests import PROCEDURE_REQUEST, SERVICE_REQUEST, asks_for_procedure, asks_for_service

__all__ = ["GUARDED_PATTERNS", "PROCEDURE_REQUEST", "RULE_PATTERNS", "SERVICE_REQUEST", "Prefilter", "S", "W",
           "asks_for_procedure", "asks_for_service", "found", "matches", "prefilter"]

RULE_PATTERNS: dict[str, re.Pattern[str]] = {
    "emergency": emergency.PATTERN,
    "crisis": crisis.PATTERN,
    "injection": injection.PATTERN,
    "discrimination": discrimination.PATTERN,
    "individual_decision": individual_decision.PATTERN,
    "individual_advice": individual_advice.PATTERN,
    "political": political.PATTERN,
    "out_of_scope": out_of_scope.PATTERN,
}

# Warning signs that count only when nothing anywhere in the message gives them an everyday reason
# (see rules/emergency.py and rules/crisis.py).
GUARDED_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]] = {
    "emergency": emergency.GUARDED,
    "crisis": crisis.GUARDED,
}


def matches(rule: str, text: str) -> list[str]:
    """The matched snippets of `rule` in folded text (empty when the rule does not trigger)."""
    snippets = []
    if prefilter(RULE_PATTERNS[rule]).possible(text):
        snippets = [m.group(0).strip() for m in RULE_PATTERNS[rule].finditer(text) if m.group(0).strip()]
    for pattern, unless in GUARDED_PATTERNS.get(rule, ()):
        if not unless.search(text):
            snippets += [m.group(0).strip() for m in pattern.finditer(text) if m.group(0).strip()]
    return snippets

